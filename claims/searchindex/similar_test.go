package searchindex_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/factdesk/factdesk/claims/searchindex"
)

func featured(kind searchindex.Kind, ref int64, lang, text string, figs ...searchindex.Figure) searchindex.Doc {
	return searchindex.Doc{Kind: kind, Ref: ref, Lang: lang, Text: text, Features: searchindex.Features(text, lang, figs...)}
}

func (d *desk) similar(p searchindex.Probe) []searchindex.Match {
	d.t.Helper()
	if p.Features == nil {
		p.Features = searchindex.Features(p.Text, p.Lang)
	}
	ms, err := d.ix.Similar(context.Background(), p, 5)
	if err != nil {
		d.t.Fatal(err)
	}
	return ms
}

func matchOf(ms []searchindex.Match, k searchindex.Kind, ref int64) *searchindex.Match {
	for i := range ms {
		if ms[i].Kind == k && ms[i].Ref == ref {
			return &ms[i]
		}
	}
	return nil
}

// A background of unrelated claims, so that word rarity means something.
func (d *desk) background(n int) {
	var docs []searchindex.Doc
	topics := []string{"unemployment rate", "school budget", "vaccine doses", "oil prices", "election turnout", "housing costs"}
	for i := 0; i < n; i++ {
		lang, text := "en", fmt.Sprintf("The %s rose by %d percent in the state last year", topics[i%len(topics)], 3+i%40)
		if i%3 == 0 {
			lang, text = "ar", fmt.Sprintf("ارتفعت أسعار النفط بنسبة %d بالمئة في العام الماضي", 3+i%40)
		}
		docs = append(docs, featured(searchindex.KindClaim, int64(1000+i), lang, text))
	}
	d.put(docs...)
}

func TestSimilarAcrossLanguagesByFigureAndName(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	d.background(300)
	d.put(
		featured(searchindex.KindClaim, 1, "ar", "انفيديا خسرت 593 مليار دولار"),
		featured(searchindex.KindClaim, 2, "en", "Apple lost $593 billion"),              // same figure, another company
		featured(searchindex.KindClaim, 3, "en", "Nvidia opened a new office in Taipei"), // same name only
		featured(searchindex.KindPrior, 4, "ar", "إنفيديا تخسر نحو 593 مليار دولار من قيمتها السوقية في يوم واحد"),
	)
	ms := d.similar(searchindex.Probe{Kind: searchindex.KindClaim, Ref: 99, Text: "Nvidia lost $593 billion", Lang: "en",
		Features: searchindex.Features("Nvidia lost $593 billion", "en", searchindex.Figure{Amount: 593e9, Unit: "USD"})})
	ar := matchOf(ms, searchindex.KindClaim, 1)
	if ar == nil {
		t.Fatalf("the Arabic claim with the same figure and name is not found: %+v", ms)
	}
	if !slices.Contains(ar.Reasons, searchindex.ReasonFigure) || !slices.Contains(ar.Reasons, searchindex.ReasonNames) || !slices.Contains(ar.Names, "nvidia") {
		t.Errorf("reasons = %v names = %v; want same figure and shared names (nvidia)", ar.Reasons, ar.Names)
	}
	if matchOf(ms, searchindex.KindPrior, 4) == nil {
		t.Errorf("the Arabic prior check is not found: %+v", ms)
	}
	if m := matchOf(ms, searchindex.KindClaim, 3); m != nil {
		t.Errorf("a claim sharing only a name is offered: %+v", m)
	}
	if other := matchOf(ms, searchindex.KindClaim, 2); other != nil && other.Score >= ar.Score {
		t.Errorf("same figure, other company (%.2f) ranks with the twin (%.2f)", other.Score, ar.Score)
	}
	// And the other way round, from the Arabic claim.
	ms = d.similar(searchindex.Probe{Kind: searchindex.KindClaim, Ref: 1, Text: "انفيديا خسرت 593 مليار دولار", Lang: "ar"})
	if matchOf(ms, searchindex.KindClaim, 1) != nil {
		t.Errorf("a claim is its own twin")
	}
	if matchOf(ms, searchindex.KindPrior, 4) == nil {
		t.Errorf("from Arabic: the prior check is not found: %+v", ms)
	}
}

func TestSimilarSeesPastRewording(t *testing.T) {
	t.Parallel()
	d := newDesk(t)
	d.background(300)
	d.put(
		featured(searchindex.KindClaim, 1, "en", "Says the governor cut the school lunch program for 40,000 children"),
		featured(searchindex.KindClaim, 2, "en", `Trump called DeepSeek "a wake-up call" for American industry`),
		featured(searchindex.KindClaim, 3, "en", "The governor praised school teachers"),
	)
	ms := d.similar(searchindex.Probe{Text: "The governor has cut school lunch programs for children", Lang: "en"})
	if m := matchOf(ms, searchindex.KindClaim, 1); m == nil || !slices.Contains(m.Reasons, searchindex.ReasonWording) {
		t.Errorf("a paraphrase is not found by its wording: %+v", ms)
	}
	if m := matchOf(ms, searchindex.KindClaim, 3); m != nil {
		t.Errorf("a claim sharing two words is offered: %+v", m)
	}
	ms = d.similar(searchindex.Probe{Text: `وقال ترامب إن ديب سيك "a wake-up call"`, Lang: "ar"})
	if m := matchOf(ms, searchindex.KindClaim, 2); m == nil || !slices.Contains(m.Reasons, searchindex.ReasonQuote) {
		t.Errorf("the same quotation is not found: %+v", ms)
	}
	if ms := d.similar(searchindex.Probe{Text: "", Lang: "en"}); len(ms) != 0 {
		t.Errorf("an empty probe found %v", ms)
	}
}

func TestFeatures(t *testing.T) {
	en := searchindex.Features("Nvidia lost $593 billion, Trump said", "en")
	ar := searchindex.Features("خسرت إنفيديا 593 مليار دولار، قال ترامب", "ar")
	shared := 0
	for _, f := range en {
		if slices.Contains(ar, f) {
			shared++
		}
	}
	if shared != 3 { // the figure, nvidia, trump
		t.Errorf("features en=%q ar=%q share %d; want 3", en, ar, shared)
	}
	if got := searchindex.Names("The plan, said Senator Kagame, was approved by the WHO. Says Nvidia"); !slices.Contains(got, "who") || !slices.Contains(got, "nvidia") || !slices.Contains(got, "kagam") || slices.Contains(got, "the") {
		t.Errorf("Names = %q", got)
	}
	if got := searchindex.Names("وقال الرئيس ماكرون إن لإنفيديا"); !slices.Contains(got, "nvidia") || len(got) != 2 {
		t.Errorf("Arabic names = %q", got)
	}
}
