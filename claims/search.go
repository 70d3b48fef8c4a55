package claims

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
)

// The search records of claims, verdicts, articles and prior checks. Every
// write that changes what they show calls one of the index* functions inside
// its own transaction, so the index never disagrees with a committed write.

// claimSearchText is the searchable text of a claim, the same when it is
// indexed and when its rank is computed.
func claimSearchText(statement, restatement, claimant, tags string) string {
	return joinText(statement, restatement, claimant, strings.ReplaceAll(tags, ",", " "))
}

func articleSearchText(title, outlet, author, body string) string {
	return joinText(title, outlet, author, body)
}

func priorSearchDocText(claimText, claimant, title, publisher string) string {
	return joinText(claimText, claimant, title, publisher)
}

func joinText(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n")
}

// dayOf is a record's date for the date filters: its own date when it has
// one, else the day it was stored.
func dayOf(own string, stored time.Time) string {
	if len(own) >= 10 {
		if _, err := time.Parse("2006-01-02", own[:10]); err == nil {
			return own[:10]
		}
	}
	if stored.IsZero() {
		return ""
	}
	return stored.UTC().Format("2006-01-02")
}

// claimFigures is the figure of a claim's structured value, for "checked
// before".
func claimFigures(t Type, v Value) []searchindex.Figure {
	switch {
	case v.Amount <= 0:
		return nil
	case t == TypePercent:
		return []searchindex.Figure{{Amount: v.Amount, Unit: "percent"}}
	case v.Currency != "":
		return []searchindex.Figure{{Amount: v.Amount, Unit: v.Currency}}
	default:
		return []searchindex.Figure{{Amount: v.Amount, Unit: v.Unit}}
	}
}

// ClaimFeatures reads what "checked before" compares from a claim (saved or
// still in the form): figures of its text and value, its quotation, names.
func ClaimFeatures(statement, restatement, lang string, t Type, v Value, quote string) []string {
	text := joinText(statement, restatement)
	if t == TypeQuote && quote != "" {
		text = joinText(text, "«"+quote+"»")
	}
	return searchindex.Features(text, lang, claimFigures(t, v)...)
}

// newClaimDoc is the search record of a claim just written (no verdict).
func newClaimDoc(r claimRow, features []string) searchindex.Doc {
	return searchindex.Doc{Kind: searchindex.KindClaim, Ref: r.ID, Lang: r.Lang, Status: r.Status, Day: dayOf(r.ClaimDate, r.CreatedAt),
		Text: claimSearchText(r.Statement, r.Restatement, r.Claimant, r.Tags), Features: features}
}

type claimIndexRow struct {
	ID          int64
	Statement   string
	Restatement string
	Claimant    string
	Tags        string
	Type        string
	Status      string
	Lang        string
	ValueJSON   string `gorm:"column:value_json"`
	AnchorExact string
	ClaimDate   string
	CreatedAt   time.Time
	LabelID     *int64 // of the published verdict
}

type verdictIndexRow struct {
	ID          int64
	ClaimID     int64
	Conclusion  string
	LabelID     int64
	State       string
	PublishedAt *time.Time
	CreatedAt   time.Time
}

// claimIndexing says where the features of the claims being indexed come
// from. Reading them (the claim spotter, names) is the costly part of
// indexing, so it is kept out of write transactions when it can be: a write
// that did not change a claim's text keeps the stored features, and a new or
// edited claim has them computed before its transaction starts.
type claimIndexing struct {
	features map[int64][]string // computed before the transaction
	keep     bool               // the texts did not change: reuse what is stored
}

var (
	textChanged = claimIndexing{}
	textKept    = claimIndexing{keep: true}
)

// indexClaims writes the search records of the claims ids and of their
// verdicts (a superseded version leaves the index: its correction stands for
// it) inside tx.
func indexClaims(ctx context.Context, tx *gorm.DB, o claimIndexing, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	tx = tx.WithContext(ctx)
	stored := map[int64][]string{}
	if o.keep {
		var err error
		if stored, err = searchindex.StoredFeatures(ctx, tx, searchindex.KindClaim, ids); err != nil {
			return err
		}
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		var rows []claimIndexRow
		err := tx.Raw(`SELECT c.id, c.statement, c.restatement, c.claimant, c.tags, c.type, c.status, c.lang, c.value_json,
				c.anchor_exact, c.claim_date, c.created_at, v.label_id
			FROM claims c LEFT JOIN verdicts v ON v.claim_id = c.id AND v.state = 'approved'
			WHERE c.id IN ?`, chunk).Scan(&rows).Error
		if err != nil {
			return err
		}
		var verdicts []verdictIndexRow
		if err := tx.Raw(`SELECT id, claim_id, conclusion, label_id, state, published_at, created_at FROM verdicts WHERE claim_id IN ?`, chunk).
			Scan(&verdicts).Error; err != nil {
			return err
		}
		docs := make([]searchindex.Doc, 0, len(rows)+len(verdicts))
		claimOf := make(map[int64]claimIndexRow, len(rows))
		for _, r := range rows {
			claimOf[r.ID] = r
			feats, ok := o.features[r.ID]
			if !ok {
				feats, ok = stored[r.ID]
			}
			if !ok {
				feats = ClaimFeatures(r.Statement, r.Restatement, r.Lang, Type(r.Type), parseValueJSON(r.ValueJSON), r.AnchorExact)
			}
			d := searchindex.Doc{Kind: searchindex.KindClaim, Ref: r.ID, Lang: r.Lang, Status: r.Status,
				Day:      dayOf(r.ClaimDate, r.CreatedAt),
				Text:     claimSearchText(r.Statement, r.Restatement, r.Claimant, r.Tags),
				Features: feats}
			if r.LabelID != nil {
				d.LabelID = *r.LabelID
			}
			docs = append(docs, d)
		}
		var gone []int64
		for _, v := range verdicts {
			c, ok := claimOf[v.ClaimID]
			if !ok {
				continue
			}
			if v.State == string(VerdictSuperseded) {
				gone = append(gone, v.ID)
				continue
			}
			day := v.CreatedAt
			if v.PublishedAt != nil {
				day = *v.PublishedAt
			}
			docs = append(docs, searchindex.Doc{Kind: searchindex.KindVerdict, Ref: v.ID, Lang: c.Lang, Status: c.Status,
				LabelID: v.LabelID, Day: dayOf("", day), Text: v.Conclusion})
		}
		if err := searchindex.Delete(ctx, tx, searchindex.KindVerdict, gone...); err != nil {
			return err
		}
		if err := searchindex.Put(ctx, tx, docs...); err != nil {
			return err
		}
	}
	return nil
}

// indexArticles writes the search records of articles inside tx.
func indexArticles(ctx context.Context, tx *gorm.DB, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	var rows []articleRow
	if err := tx.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return err
	}
	docs := make([]searchindex.Doc, len(rows))
	for i, r := range rows {
		docs[i] = searchindex.Doc{Kind: searchindex.KindArticle, Ref: r.ID, Lang: r.Lang, Day: dayOf(r.PublishedOn, r.CreatedAt),
			Text: articleSearchText(r.Title, r.Outlet, r.Author, r.Body)}
	}
	return searchindex.Put(ctx, tx, docs...)
}

// indexPriors writes the search records of the prior checks chosen by where
// (with its arguments) inside tx.
func indexPriors(ctx context.Context, tx *gorm.DB, where string, args ...any) error {
	var rows []priorRow
	err := tx.WithContext(ctx).Model(&priorRow{}).Select("id, claim_text, claimant, review_title, publisher_name, rating, lang, review_date, claim_date, created_at").
		Where(where, args...).FindInBatches(&rows, 500, func(b *gorm.DB, _ int) error {
		docs := make([]searchindex.Doc, len(rows))
		for i, r := range rows {
			docs[i] = searchindex.Doc{Kind: searchindex.KindPrior, Ref: r.ID, Lang: r.Lang, Rating: r.Rating,
				Day:      dayOf(r.ReviewDate, r.CreatedAt),
				Text:     priorSearchDocText(r.ClaimText, r.Claimant, r.ReviewTitle, r.PublisherName),
				Features: searchindex.Features(r.ClaimText, r.Lang)}
		}
		return searchindex.Put(ctx, tx, docs...)
	}).Error
	return err
}

// Reindex rebuilds the search records of everything the claims package
// owns (claims, verdicts, articles, prior checks) inside tx, which the caller
// has cleared with searchindex.Clear. It also refills the folded search text
// of prior checks imported before the search index existed.
func (s *Service) Reindex(ctx context.Context, tx *gorm.DB) error {
	each := func(table string, index func(ids []int64) error) error {
		var last int64
		for {
			var ids []int64
			if err := tx.WithContext(ctx).Table(table).Where("id > ?", last).Order("id").Limit(1000).Pluck("id", &ids).Error; err != nil {
				return err
			}
			if len(ids) == 0 {
				return nil
			}
			if err := index(ids); err != nil {
				return err
			}
			last = ids[len(ids)-1]
		}
	}
	if err := each("claims", func(ids []int64) error { return indexClaims(ctx, tx, textChanged, ids...) }); err != nil {
		return err
	}
	if err := each("articles", func(ids []int64) error { return indexArticles(ctx, tx, ids...) }); err != nil {
		return err
	}
	return each("prior_checks", func(ids []int64) error {
		var rows []priorRow
		if err := tx.WithContext(ctx).Select("id, claim_text, claimant, review_title, search_text").Where("id IN ?", ids).Find(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			if st := priorSearchText(r.ClaimText, r.Claimant, r.ReviewTitle); st != r.SearchText {
				if err := tx.WithContext(ctx).Model(&priorRow{}).Where("id = ?", r.ID).Update("search_text", st).Error; err != nil {
					return err
				}
			}
		}
		return indexPriors(ctx, tx, "id IN ?", ids)
	})
}

// SearchTexts returns the indexed text of records of a kind the claims
// package owns (claims, verdicts, articles, prior checks): the loader the
// search index ranks with. An article's body is read only in part.
func (s *Service) SearchTexts(kind searchindex.Kind) searchindex.Loader {
	return func(ctx context.Context, refs []int64) (map[int64]string, error) {
		out := make(map[int64]string, len(refs))
		if len(refs) == 0 {
			return out, nil
		}
		db := s.db.WithContext(ctx)
		switch kind {
		case searchindex.KindClaim:
			var rows []struct {
				ID                                     int64
				Statement, Restatement, Claimant, Tags string
			}
			if err := db.Raw("SELECT id, statement, restatement, claimant, tags FROM claims WHERE id IN ?", refs).Scan(&rows).Error; err != nil {
				return nil, err
			}
			for _, r := range rows {
				out[r.ID] = claimSearchText(r.Statement, r.Restatement, r.Claimant, r.Tags)
			}
		case searchindex.KindVerdict:
			var rows []struct {
				ID         int64
				Conclusion string
			}
			if err := db.Raw("SELECT id, conclusion FROM verdicts WHERE id IN ?", refs).Scan(&rows).Error; err != nil {
				return nil, err
			}
			for _, r := range rows {
				out[r.ID] = r.Conclusion
			}
		case searchindex.KindArticle:
			var rows []struct {
				ID                          int64
				Title, Outlet, Author, Body string
			}
			if err := db.Raw("SELECT id, title, outlet, author, substr(body, 1, 1200) AS body FROM articles WHERE id IN ?", refs).Scan(&rows).Error; err != nil {
				return nil, err
			}
			for _, r := range rows {
				out[r.ID] = articleSearchText(r.Title, r.Outlet, r.Author, r.Body)
			}
		case searchindex.KindPrior:
			var rows []struct {
				ID                                              int64
				ClaimText, Claimant, ReviewTitle, PublisherName string
			}
			if err := db.Raw("SELECT id, claim_text, claimant, review_title, publisher_name FROM prior_checks WHERE id IN ?", refs).Scan(&rows).Error; err != nil {
				return nil, err
			}
			for _, r := range rows {
				out[r.ID] = priorSearchDocText(r.ClaimText, r.Claimant, r.ReviewTitle, r.PublisherName)
			}
		}
		return out, nil
	}
}

// ClaimsByID returns the claims of ids that exist (for search results).
func (s *Service) ClaimsByID(ctx context.Context, ids []int64) (map[int64]Claim, error) {
	out := map[int64]Claim{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []claimView
	if err := s.claimQuery(ctx).Where("c.id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		c := r.claim()
		out[c.ID] = c
	}
	return out, nil
}

// PublishedVerdicts returns the published verdict of each of the claims that
// has one.
func (s *Service) PublishedVerdicts(ctx context.Context, claimIDs []int64) (map[int64]Verdict, error) {
	out := map[int64]Verdict{}
	if len(claimIDs) == 0 {
		return out, nil
	}
	vs, err := scanVerdicts(verdictQuery(s.db.WithContext(ctx)).Where("v.claim_id IN ? AND v.state = ?", claimIDs, string(VerdictApproved)))
	for _, v := range vs {
		out[v.ClaimID] = v
	}
	return out, err
}

// VerdictsByID returns the verdict versions of ids that exist.
func (s *Service) VerdictsByID(ctx context.Context, ids []int64) (map[int64]Verdict, error) {
	out := map[int64]Verdict{}
	if len(ids) == 0 {
		return out, nil
	}
	vs, err := scanVerdicts(verdictQuery(s.db.WithContext(ctx)).Where("v.id IN ?", ids))
	for _, v := range vs {
		out[v.ID] = v
	}
	return out, err
}

// ArticleMap returns the articles of ids that exist, with their text.
func (s *Service) ArticleMap(ctx context.Context, ids []int64) (map[int64]Article, error) {
	out := map[int64]Article{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []articleRow
	if err := s.db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.article()
	}
	return out, nil
}

// PriorChecksByID returns the prior checks of ids that exist (without their
// raw record).
func (s *Service) PriorChecksByID(ctx context.Context, ids []int64) (map[int64]PriorCheck, error) {
	out := map[int64]PriorCheck{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []priorRow
	if err := s.db.WithContext(ctx).Omit("raw", "search_text").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.check()
	}
	return out, nil
}
