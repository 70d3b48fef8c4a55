package claims

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/claims/extract"
)

// Suggested claims are what the spotter (claims/extract) finds in an
// article's text, offered to the reviewer one click from being logged.
//
// They are computed, not stored: the article text is an immutable snapshot
// and the spotter is a pure function of it (and of the publication date, for
// relative dates), so the same article always yields the same suggestions,
// in a few milliseconds. Only what people decide about them is stored: a
// dismissal (table suggestion_dismissals) and, once logged, the claim itself.

var (
	// ErrAlreadyLogged: a claim already sits exactly where the suggestion
	// is (a second click on "Log", or a stale page).
	ErrAlreadyLogged = errors.New("a claim is already logged at this place in the text")
	// ErrNotReviewer: the actor has no desk role, so may not act on
	// suggestions.
	ErrNotReviewer = errors.New("only members of the desk (reviewers and up) may do this")
)

// SuggestionKey names a suggestion within its article: its place in the text
// (rune offsets, End exclusive) and its type. The text never changes, so the
// key keeps naming the same finding.
type SuggestionKey struct {
	Start, End int
	Type       Type
}

// String is a compact form of the key, usable as an HTML id.
func (k SuggestionKey) String() string {
	return strconv.Itoa(k.Start) + "-" + strconv.Itoa(k.End) + "-" + string(k.Type)
}

// Suggestible reports whether the spotter suggests claims of this type.
func (t Type) Suggestible() bool {
	for _, st := range suggestionTypes {
		if st == t {
			return true
		}
	}
	return false
}

// suggestionTypes are the claim types the spotter can suggest.
var suggestionTypes = map[extract.Kind]Type{
	extract.Money: TypeMoney, extract.Market: TypeMarket, extract.Percent: TypePercent,
	extract.Date: TypeDate, extract.Quantity: TypeQuantity, extract.Quote: TypeQuote,
}

// Suggestion is one finding of the spotter in an article, with what the desk
// has done about it.
type Suggestion struct {
	Key  SuggestionKey
	Text string // the finding's exact text
	// Value is the spotter's reading. For quotes it carries the speaker.
	// Date may be a day without a year ("--01-20") when the text names none
	// and the publication date is unknown; Input leaves such a date out.
	Value         Value
	Claimant      string // the speaker when one is known, else the outlet
	Sentence      string
	SentenceStart int
	SentenceEnd   int
	Score         float64 // the sentence's check-worthiness, 0–1
	CheckWorthy   bool
	LoggedAs      int64 // a logged claim overlapping the suggestion, 0 if none
	DismissedBy   string
	DismissedAt   time.Time // zero unless dismissed
}

// Dismissed reports whether someone dismissed the suggestion.
func (g Suggestion) Dismissed() bool { return !g.DismissedAt.IsZero() }

// SuggestionOrder is how the panel lists suggestions.
type SuggestionOrder string

const (
	// InTextOrder lists suggestions as they occur in the text.
	InTextOrder SuggestionOrder = "text"
	// ByCheckWorthiness lists the most check-worthy sentences' findings first.
	ByCheckWorthiness SuggestionOrder = "rank"
)

// ParseSuggestionOrder accepts the two orders; empty means text order.
func ParseSuggestionOrder(s string) (SuggestionOrder, error) {
	switch SuggestionOrder(s) {
	case "", InTextOrder:
		return InTextOrder, nil
	case ByCheckWorthiness:
		return ByCheckWorthiness, nil
	}
	return "", fmt.Errorf("%w: suggestion order %q", ErrInvalid, s)
}

// SuggestionList is an article's suggestions split as the panel shows them.
type SuggestionList struct {
	Open      []Suggestion // not dismissed; those already logged have LoggedAs set
	Dismissed []Suggestion // in text order
}

// Suggestions lists what the spotter finds in the article, minus what was
// dismissed for it, and marks those overlapping a logged claim. logged are the
// places of the article's claims in its text (as the article page locates
// them), so the page's own lookup is not repeated.
func (s *Service) Suggestions(ctx context.Context, a Article, logged []articletext.Span, order SuggestionOrder) (SuggestionList, error) {
	dismissed, err := s.dismissals(ctx, a.ID)
	if err != nil {
		return SuggestionList{}, err
	}
	var out SuggestionList
	for _, g := range spot(a) {
		if d, ok := dismissed[g.Key]; ok {
			g.DismissedBy, g.DismissedAt = d.ByName, d.DismissedAt
			out.Dismissed = append(out.Dismissed, g)
			continue
		}
		for _, sp := range logged {
			if sp.Start < g.Key.End && g.Key.Start < sp.End {
				g.LoggedAs = sp.ID
				break
			}
		}
		out.Open = append(out.Open, g)
	}
	if order == ByCheckWorthiness {
		sort.SliceStable(out.Open, func(i, j int) bool { return out.Open[i].Score > out.Open[j].Score })
	}
	return out, nil
}

// Suggestion returns one suggestion of the article by its key (not marked
// as logged or dismissed), or ErrNotFound when the spotter finds no such
// thing in the text.
func (s *Service) Suggestion(ctx context.Context, articleID int64, k SuggestionKey) (Article, Suggestion, error) {
	a, err := s.Article(ctx, articleID)
	if err != nil {
		return Article{}, Suggestion{}, err
	}
	for _, g := range spot(a) {
		if g.Key == k {
			return a, g, nil
		}
	}
	return a, Suggestion{}, ErrNotFound
}

// spot runs the spotter on the article, in text order.
func spot(a Article) []Suggestion {
	opt := extract.Options{Lang: a.Lang}
	if ref, err := time.Parse("2006-01-02", a.PublishedOn); err == nil {
		opt.Reference = ref
	}
	var out []Suggestion
	for _, sent := range extract.Sentences(a.Body, opt) {
		first := len(out)
		for _, f := range sent.Findings {
			t, ok := suggestionTypes[f.Kind]
			if !ok {
				continue
			}
			v := ValueFromExtract(f.Value)
			v.Speaker = f.Speaker
			out = append(out, Suggestion{Key: SuggestionKey{Start: f.Start, End: f.End, Type: t}, Text: f.Text, Value: v,
				Claimant: a.Outlet, Sentence: sent.Text, SentenceStart: sent.Start, SentenceEnd: sent.End,
				Score: sent.Score, CheckWorthy: sent.CheckWorthy})
		}
		// A quotation's speaker is the claimant of the quotation and of the
		// figures inside it: "قال ترامب إن الشركات «ستنفق أقل من 6 ملايين»".
		for i := first; i < len(out); i++ {
			q := out[i]
			if q.Key.Type != TypeQuote || q.Value.Speaker == "" {
				continue
			}
			for j := first; j < len(out); j++ {
				if q.Key.Start <= out[j].Key.Start && out[j].Key.End <= q.Key.End {
					out[j].Claimant = q.Value.Speaker
				}
			}
		}
	}
	return out
}

// Input is the claim a reviewer logs from the suggestion with one click:
// the statement is the whole sentence (a figure alone, "900 مليار دولار",
// is not a checkable statement; its sentence says who lost what and when),
// anchored to the finding's exact span so the highlight and the value stay
// precise. The claimant is the speaker when the spotter found one, else the
// outlet, and the claim's date is the article's publication date.
func (g Suggestion) Input(a Article) ClaimInput {
	statement := g.Sentence
	if statement == "" || utf8.RuneCountInString(statement) > MaxStatement {
		statement = g.Text
	}
	v := g.Value
	if v.Date != "" {
		if _, ok := parsePartialDate(v.Date); !ok {
			v.Date, v.Precision, v.Part = "", "", ""
		}
	}
	in := ClaimInput{Statement: statement, Type: string(g.Key.Type), Claimant: g.Claimant, ClaimDate: a.PublishedOn,
		Value: v, Quote: g.Text, Start: g.Key.Start, End: g.Key.End}
	if v.Amount != 0 {
		in.Amount = FormatAmount(v.Amount)
	}
	return in
}

// LogSuggestion logs a claim from a suggestion (in as Input made it, possibly
// sent back by a form) through CreateClaim and its validation. If a claim
// already sits at exactly that place, nothing is logged and that claim is
// returned with ErrAlreadyLogged: a double click logs once.
func (s *Service) LogSuggestion(ctx context.Context, actor Actor, articleID int64, in ClaimInput) (Claim, error) {
	if !actor.Role.Valid() {
		return Claim{}, ErrNotReviewer
	}
	if in.Start >= 0 && in.End > in.Start {
		var ids []int64
		err := s.db.WithContext(ctx).Table("claims").Where("article_id = ? AND anchor_start = ? AND anchor_end = ?", articleID, in.Start, in.End).
			Order("id").Limit(1).Pluck("id", &ids).Error
		if err != nil {
			return Claim{}, err
		}
		if len(ids) > 0 {
			cl, err := s.Claim(ctx, ids[0])
			if err != nil {
				return Claim{}, err
			}
			return cl, ErrAlreadyLogged
		}
	}
	return s.CreateClaim(ctx, actor, articleID, in)
}

// dismissalRow is one dismissed suggestion.
type dismissalRow struct {
	ArticleID   int64
	StartPos    int
	EndPos      int
	Type        string
	Exact       string
	DismissedBy *int64
	DismissedAt time.Time
}

func (dismissalRow) TableName() string { return "suggestion_dismissals" }

type dismissal struct {
	ByName      string
	DismissedAt time.Time
}

func (s *Service) dismissals(ctx context.Context, articleID int64) (map[SuggestionKey]dismissal, error) {
	var rows []struct {
		Row    dismissalRow `gorm:"embedded"`
		ByName string
	}
	err := s.db.WithContext(ctx).Table("suggestion_dismissals d").Select("d.*, COALESCE(u.name, '') AS by_name").
		Joins("LEFT JOIN users u ON u.id = d.dismissed_by").Where("d.article_id = ?", articleID).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make(map[SuggestionKey]dismissal, len(rows))
	for _, r := range rows {
		out[SuggestionKey{Start: r.Row.StartPos, End: r.Row.EndPos, Type: Type(r.Row.Type)}] = dismissal{ByName: r.ByName, DismissedAt: r.Row.DismissedAt}
	}
	return out, nil
}

func suggestionChanges(k SuggestionKey, text string) []Change {
	return []Change{{Field: "type", New: string(k.Type)}, {Field: "quote", New: text},
		{Field: "anchor", New: strconv.Itoa(k.Start) + "–" + strconv.Itoa(k.End)}}
}

// DismissSuggestion hides a suggestion for this article, for everyone, and
// records it in the article's history. The key must name a current finding
// of the spotter (else ErrNotFound); dismissing twice changes nothing.
func (s *Service) DismissSuggestion(ctx context.Context, actor Actor, articleID int64, k SuggestionKey) error {
	if !actor.Role.Valid() {
		return ErrNotReviewer
	}
	_, g, err := s.Suggestion(ctx, articleID, k)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := dismissalRow{ArticleID: articleID, StartPos: k.Start, EndPos: k.End, Type: string(k.Type), Exact: g.Text, DismissedAt: s.now()}
		if actor.ID != 0 {
			row.DismissedBy = &actor.ID
		}
		res := tx.Exec("INSERT INTO suggestion_dismissals (article_id, start_pos, end_pos, type, exact, dismissed_by, dismissed_at) "+
			"VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
			row.ArticleID, row.StartPos, row.EndPos, row.Type, row.Exact, row.DismissedBy, row.DismissedAt)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return nil // already dismissed
		}
		return s.record(tx, actor, 0, articleID, "suggestion.dismissed", suggestionChanges(k, g.Text))
	})
}

// RestoreSuggestion offers a dismissed suggestion again and records it in the
// article's history. Restoring one that is not dismissed changes nothing; an
// unknown article is ErrNotFound.
func (s *Service) RestoreSuggestion(ctx context.Context, actor Actor, articleID int64, k SuggestionKey) error {
	if !actor.Role.Valid() {
		return ErrNotReviewer
	}
	if _, err := s.Article(ctx, articleID); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []dismissalRow
		where := "article_id = ? AND start_pos = ? AND end_pos = ? AND type = ?"
		if err := tx.Where(where, articleID, k.Start, k.End, string(k.Type)).Limit(1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		if err := tx.Exec("DELETE FROM suggestion_dismissals WHERE "+where, articleID, k.Start, k.End, string(k.Type)).Error; err != nil {
			return err
		}
		return s.record(tx, actor, 0, articleID, "suggestion.restored", suggestionChanges(k, rows[0].Exact))
	})
}

// ArticleHistory returns the history entries about the article itself rather
// than one of its claims (its creation, suggestions dismissed and restored),
// oldest first.
func (s *Service) ArticleHistory(ctx context.Context, articleID int64) ([]HistoryEntry, error) {
	return s.historyWhere(ctx, "h.article_id = ? AND h.claim_id IS NULL", articleID)
}
