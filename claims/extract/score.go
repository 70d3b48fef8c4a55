package extract

import (
	"math"
	"strings"
)

// Threshold is the score at which a sentence is marked check-worthy. It was
// tuned on the CheckThat! 2022 train and dev files (see MEASURED.md); the
// dev_test files are kept for measuring.
const Threshold = 0.5

// furniture is page chrome that scrapers carry into article text. It often
// contains verbs and even numbers, but it is never a claim.
var furniture = []string{
	"تم نسخ الرابط", "اقرا ايضا", "اقرا المزيد", "اقرا ايضاً", "شارك", "شارك المقال", "تابعونا", "اضغط هنا", "اعلان",
	"عاجل", "نسخ الرابط", "share this article", "share", "read more", "read also", "advertisement", "subscribe",
	"follow us", "copy link", "click here", "sign up", "related", "watch", "شاهد", "المصدر",
}

func init() {
	for i, p := range furniture {
		furniture[i] = foldString(p)
	}
}

var firstPerson = foldSet("أنا", "نحن", "انا", "i", "we", "my", "our", "me", "us")

// features are the signals the score combines. They are kept separate so
// tests and tuning code can see why a sentence scored as it did.
type features struct {
	words, figures, dates, quotes, speakers int
	digits, compare, claim, speech          int
	opinion, first, hashtags, urls          int
	question, exclaim, final, furniture     bool
}

func (d *doc) features(s span, fs []Finding) features {
	var f features
	var folded strings.Builder
	for i := d.tokAt(s.s); i < len(d.toks) && d.toks[i].s < s.e; i++ {
		t := &d.toks[i]
		switch t.kind {
		case tWord:
			f.words++
			if folded.Len() < 80 {
				if folded.Len() > 0 {
					folded.WriteByte(' ')
				}
				folded.WriteString(t.key)
			}
			if t.key == "http" || t.key == "https" || t.key == "www" {
				f.urls++
			}
			if firstPerson[t.key] {
				f.first++
			}
			if t.info == nil {
				continue
			}
			if t.info.compare {
				f.compare++
			}
			if t.info.claimVerb {
				f.claim++
			}
			if t.info.speech {
				f.speech++
			}
			if t.info.opinion {
				f.opinion++
			}
		case tNum:
			if !d.isCode(i) {
				f.digits++
			}
		case tPunct:
			switch t.key {
			case "?", "؟":
				f.question = true
			case "!":
				f.exclaim = true
			case "#":
				f.hashtags++
			}
		}
	}
	if s.e > s.s {
		switch d.rs[s.e-1] {
		case '.', '!', '?', '؟', '"', '»', '”', ')':
			f.final = true
		}
	}
	for _, x := range fs {
		switch x.Kind {
		case Money, Market, Percent, Quantity:
			f.figures++
		case Date:
			f.dates++
		case Quote:
			f.quotes++
			if x.Speaker != "" {
				f.speakers++
			}
		}
	}
	fl := folded.String()
	for _, p := range furniture {
		if strings.HasPrefix(fl, p) && f.words <= len(strings.Fields(p))+3 {
			f.furniture = true
		}
	}
	return f
}

// score combines the features in a logistic function. Concrete, attributed,
// comparative statements are what a desk can check; questions, wishes,
// headings and furniture are not. The weights are hand-set and sanity-checked
// against CheckThat! train/dev, not fitted to them.
func (d *doc) score(s span, fs []Finding) float64 {
	f := d.features(s, fs)
	if f.furniture || f.words == 0 {
		return 0.02
	}
	x := -1.6
	x += 1.6 * math.Min(float64(f.figures), 1)
	x += 0.3 * math.Min(float64(f.figures), 3)
	x += 1.0 * math.Min(float64(f.dates), 2)
	x += 0.6 * math.Min(float64(f.quotes), 1)
	x += 1.0 * math.Min(float64(f.speakers), 1)
	x += 0.4 * math.Min(float64(f.digits), 3)
	x += 0.35 * math.Min(float64(f.compare), 3)
	x += 0.4 * math.Min(float64(f.claim), 3)
	x += 0.3 * math.Min(float64(f.speech), 2)
	x -= 0.6 * math.Min(float64(f.opinion), 3)
	x -= 0.3 * math.Min(float64(f.first), 3)
	x -= 0.1 * math.Min(float64(f.hashtags), 5)
	if f.question {
		x -= 1.5
	}
	if f.exclaim {
		x -= 0.4
	}
	switch {
	case f.words < 5:
		x -= 1.5
	case f.words < 9 && !f.final:
		x -= 0.8
	case f.words >= 12:
		x += 0.4
	}
	return 1 / (1 + math.Exp(-x))
}
