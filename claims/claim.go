package claims

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/migrations"
)

// Claim is one checkable statement, anchored to its place in an article.
type Claim struct {
	ID           int64
	ArticleID    int64
	ArticleTitle string
	Statement    string
	Restatement  string
	Type         Type
	Claimant     string
	ClaimDate    string
	Status       Status
	Priority     Priority
	AssigneeID   int64
	AssigneeName string
	Lang         string
	Tags         []string
	Value        Value
	Anchor       *articletext.Anchor
	CreatedBy    int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int64
}

type claimRow struct {
	ID           int64
	ArticleID    *int64
	Statement    string
	Restatement  string
	Type         string
	Claimant     string
	ClaimDate    string
	Status       string
	Priority     string
	PriorityRank int
	AssigneeID   *int64
	Lang         string
	Tags         string
	ValueJSON    string `gorm:"column:value_json"`
	AnchorExact  string
	AnchorPrefix string
	AnchorSuffix string
	AnchorStart  *int
	AnchorEnd    *int
	CreatedBy    *int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int64
}

func (claimRow) TableName() string { return "claims" }

// claimView is a claim row joined with the names the pages show.
type claimView struct {
	Row          claimRow `gorm:"embedded"`
	ArticleTitle string
	AssigneeName string
}

func (v claimView) claim() Claim {
	r := v.Row
	c := Claim{ID: r.ID, Statement: r.Statement, Restatement: r.Restatement, Type: Type(r.Type), Claimant: r.Claimant,
		ClaimDate: r.ClaimDate, Status: Status(r.Status), Priority: Priority(r.Priority), Lang: r.Lang,
		Tags: splitTags(r.Tags), Value: parseValueJSON(r.ValueJSON), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Version: r.Version, ArticleTitle: v.ArticleTitle, AssigneeName: v.AssigneeName}
	if r.ArticleID != nil {
		c.ArticleID = *r.ArticleID
	}
	if r.AssigneeID != nil {
		c.AssigneeID = *r.AssigneeID
	}
	if r.CreatedBy != nil {
		c.CreatedBy = *r.CreatedBy
	}
	if r.AnchorStart != nil && r.AnchorEnd != nil {
		c.Anchor = &articletext.Anchor{Exact: r.AnchorExact, Prefix: r.AnchorPrefix, Suffix: r.AnchorSuffix, Start: *r.AnchorStart, End: *r.AnchorEnd}
	}
	return c
}

func splitTags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// ClaimInput is what a reviewer submits to log or edit a claim. Anchor
// offsets come from a text selection; without them Quote is searched for in
// the article text.
type ClaimInput struct {
	Statement   string
	Restatement string
	Type        string
	Claimant    string
	ClaimDate   string
	Priority    string
	AssigneeID  int64
	Tags        string
	Lang        string
	Value       Value
	Amount      string // as typed; parsed into Value.Amount
	// Anchoring (only when logging from an article).
	Quote      string
	Start, End int // rune offsets; -1 when absent
	Version    int64
}

// Limits on claim fields.
const (
	MaxStatement = 5000
	MaxTags      = 20
	MaxTag       = 64
)

func (in *ClaimInput) normalise() {
	in.Statement = strings.TrimSpace(in.Statement)
	in.Restatement = strings.TrimSpace(in.Restatement)
	in.Claimant = strings.TrimSpace(in.Claimant)
	in.ClaimDate = strings.TrimSpace(in.ClaimDate)
	in.Quote = strings.TrimSpace(in.Quote)
	in.Amount = strings.TrimSpace(in.Amount)
}

// ParseTags splits a comma (or Arabic comma) separated list, trimmed,
// de-duplicated and sorted.
func ParseTags(s string) []string {
	s = strings.ReplaceAll(s, "،", ",")
	seen := map[string]bool{}
	var out []string
	for _, t := range strings.Split(s, ",") {
		t = strings.ToLower(strings.Join(strings.Fields(t), " "))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func (in *ClaimInput) validate() (Type, Priority, []string, FieldErrors) {
	in.normalise()
	errs := FieldErrors{}
	if in.Statement == "" {
		errs["statement"] = "err.required"
	} else if utf8.RuneCountInString(in.Statement) > MaxStatement {
		errs["statement"] = "err.too_long"
	}
	if utf8.RuneCountInString(in.Restatement) > MaxStatement {
		errs["restatement"] = "err.too_long"
	}
	t, err := ParseType(in.Type)
	if err != nil {
		errs["type"] = "err.type"
	}
	p, err := ParsePriority(in.Priority)
	if err != nil {
		errs["priority"] = "err.invalid"
	}
	if utf8.RuneCountInString(in.Claimant) > MaxShortText {
		errs["claimant"] = "err.too_long"
	}
	if in.ClaimDate != "" {
		if _, err := time.Parse("2006-01-02", in.ClaimDate); err != nil {
			errs["claim_date"] = "err.date"
		}
	}
	tags := ParseTags(in.Tags)
	if len(tags) > MaxTags {
		errs["tags"] = "err.too_many_tags"
	}
	for _, tg := range tags {
		if utf8.RuneCountInString(tg) > MaxTag {
			errs["tags"] = "err.too_long"
		}
	}
	if in.Lang != "" && in.Lang != "ar" && in.Lang != "en" {
		errs["lang"] = "err.invalid"
	}
	if in.Amount != "" {
		f, scale, ok := ParseAmount(in.Amount)
		if !ok {
			errs["amount"] = "err.amount"
		} else {
			in.Value.Amount = f
			if scale != "" {
				in.Value.Scale = scale
			}
		}
	} else {
		in.Value.Amount = 0
	}
	validateValue(t, &in.Value, errs)
	return t, p, tags, errs
}

// CreateClaim logs a claim. With an article, the claim is anchored to its
// text: by the offsets of a selection when given (checked against the quote),
// otherwise by finding the quote in the text.
func (s *Service) CreateClaim(ctx context.Context, actor Actor, articleID int64, in ClaimInput) (Claim, error) {
	t, p, tags, errs := in.validate()
	var art Article
	var anchor *articletext.Anchor
	if articleID != 0 {
		a, err := s.Article(ctx, articleID)
		if err != nil {
			return Claim{}, err
		}
		art = a
		anc, key := anchorFor(art.Body, in)
		if key != "" {
			errs["quote"] = key
		}
		anchor = anc
		if in.Lang == "" {
			in.Lang = art.Lang
		}
	}
	if len(errs) > 0 {
		return Claim{}, errs
	}
	if in.Lang == "" {
		in.Lang = articletext.DetectLanguage(in.Statement)
	}
	now := s.now()
	row := claimRow{Statement: in.Statement, Restatement: in.Restatement, Type: string(t), Claimant: in.Claimant,
		ClaimDate: in.ClaimDate, Status: string(StatusNew), Priority: string(p), PriorityRank: rankOf(string(p)), Lang: in.Lang,
		Tags: strings.Join(tags, ","), ValueJSON: in.Value.json(), CreatedAt: now, UpdatedAt: now, Version: 1}
	if articleID != 0 {
		row.ArticleID = &articleID
	}
	if in.AssigneeID != 0 {
		row.AssigneeID = &in.AssigneeID
	}
	if actor.ID != 0 {
		row.CreatedBy = &actor.ID
	}
	if anchor != nil {
		row.AnchorExact, row.AnchorPrefix, row.AnchorSuffix = anchor.Exact, anchor.Prefix, anchor.Suffix
		row.AnchorStart, row.AnchorEnd = &anchor.Start, &anchor.End
	}
	// What "checked before" compares, read before the write lock is taken.
	features := ClaimFeatures(row.Statement, row.Restatement, row.Lang, t, in.Value, row.AnchorExact)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if in.AssigneeID != 0 {
			if err := checkUser(tx, in.AssigneeID); err != nil {
				return err
			}
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if err := writeTags(tx, row.ID, tags); err != nil {
			return err
		}
		if err := s.record(tx, actor, row.ID, articleID, "claim.created", []Change{
			{Field: "statement", New: row.Statement}, {Field: "type", New: row.Type}, {Field: "status", New: row.Status}}); err != nil {
			return err
		}
		// A new claim has no verdict yet: its record is all there is to index.
		return searchindex.Put(ctx, tx, newClaimDoc(row, features))
	})
	if err != nil {
		return Claim{}, err
	}
	return s.Claim(ctx, row.ID)
}

// anchorFor resolves where the claim sits in the article text.
func anchorFor(body string, in ClaimInput) (*articletext.Anchor, string) {
	if in.Start >= 0 && in.End > in.Start {
		a, err := articletext.AnchorAt(body, in.Start, in.End)
		if err != nil {
			return nil, "err.offsets"
		}
		// The selection must match the quote sent with it; if the text and
		// the offsets disagree (a stale page), fall back to the quote.
		if in.Quote == "" || sameText(a.Exact, in.Quote) {
			return &a, ""
		}
		a2, _, err := articletext.AnchorQuote(body, in.Quote, in.Start)
		if err != nil {
			return nil, "err.offsets"
		}
		return &a2, ""
	}
	if in.Start != -1 || in.End != -1 {
		return nil, "err.offsets"
	}
	if in.Quote == "" {
		return nil, "err.quote_required"
	}
	a, _, err := articletext.AnchorQuote(body, in.Quote, -1)
	if err != nil {
		return nil, "err.quote_not_found"
	}
	return &a, ""
}

func sameText(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

func checkUser(tx *gorm.DB, id int64) error {
	var n int64
	if err := tx.Table("users").Where("id = ? AND disabled_at IS NULL", id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return FieldErrors{"assignee": "err.assignee"}
	}
	return nil
}

func writeTags(tx *gorm.DB, claimID int64, tags []string) error {
	if err := tx.Exec("DELETE FROM claim_tags WHERE claim_id = ?", claimID).Error; err != nil {
		return err
	}
	for _, t := range tags {
		if err := tx.Exec("INSERT INTO claim_tags (claim_id, tag) VALUES (?, ?)", claimID, t).Error; err != nil {
			return err
		}
	}
	return nil
}

const claimSelect = "c.*, COALESCE(a.title, '') AS article_title, COALESCE(u.name, '') AS assignee_name"

func (s *Service) claimQuery(ctx context.Context) *gorm.DB {
	return s.db.WithContext(ctx).Table("claims c").Select(claimSelect).
		Joins("LEFT JOIN articles a ON a.id = c.article_id").
		Joins("LEFT JOIN users u ON u.id = c.assignee_id")
}

// Claim returns one claim.
func (s *Service) Claim(ctx context.Context, id int64) (Claim, error) {
	var rows []claimView
	if err := s.claimQuery(ctx).Where("c.id = ?", id).Limit(1).Scan(&rows).Error; err != nil {
		return Claim{}, err
	}
	if len(rows) == 0 {
		return Claim{}, ErrNotFound
	}
	return rows[0].claim(), nil
}

// ArticleClaims returns the claims of an article in text order. Claims
// without a place come first, said explicitly: SQLite sorts NULLs first and
// PostgreSQL last unless told.
func (s *Service) ArticleClaims(ctx context.Context, articleID int64) ([]Claim, error) {
	var rows []claimView
	if err := s.claimQuery(ctx).Where("c.article_id = ?", articleID).Order("c.anchor_start IS NOT NULL, c.anchor_start, c.id").Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Claim, len(rows))
	for i, r := range rows {
		out[i] = r.claim()
	}
	return out, nil
}

// ConflictError carries the newer version that a stale edit ran into.
type ConflictError struct{ Current Claim }

func (e *ConflictError) Error() string        { return ErrConflict.Error() }
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// UpdateClaim saves an edit made from in.Version. If someone saved in
// between, nothing is written and a *ConflictError with the current claim is
// returned. The anchor is not edited here: the claim's place in the text is
// fixed when it is logged.
func (s *Service) UpdateClaim(ctx context.Context, actor Actor, id int64, in ClaimInput) (Claim, error) {
	in.Start, in.End = -1, -1
	t, p, tags, errs := in.validate()
	if len(errs) > 0 {
		return Claim{}, errs
	}
	cur, err := s.Claim(ctx, id)
	if err != nil {
		return Claim{}, err
	}
	if cur.Version != in.Version {
		return Claim{}, &ConflictError{Current: cur}
	}
	if in.Lang == "" {
		in.Lang = cur.Lang
	}
	newVal := in.Value.json()
	var changes []Change
	diff := func(field, old, new string) {
		if old != new {
			changes = append(changes, Change{Field: field, Old: old, New: new})
		}
	}
	diff("statement", cur.Statement, in.Statement)
	diff("restatement", cur.Restatement, in.Restatement)
	diff("type", string(cur.Type), string(t))
	diff("claimant", cur.Claimant, in.Claimant)
	diff("claim_date", cur.ClaimDate, in.ClaimDate)
	diff("priority", string(cur.Priority), string(p))
	diff("assignee", idString(cur.AssigneeID), idString(in.AssigneeID))
	diff("tags", strings.Join(cur.Tags, ","), strings.Join(tags, ","))
	diff("lang", cur.Lang, in.Lang)
	diff("value", cur.Value.Summary(cur.Type), in.Value.Summary(t))
	if len(changes) == 0 && cur.Value.json() == newVal {
		return cur, nil
	}
	if len(changes) == 0 {
		changes = append(changes, Change{Field: "value", Old: cur.Value.json(), New: newVal})
	}
	quote := ""
	if cur.Anchor != nil {
		quote = cur.Anchor.Exact
	}
	features := ClaimFeatures(in.Statement, in.Restatement, in.Lang, t, in.Value, quote)
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if in.AssigneeID != 0 && in.AssigneeID != cur.AssigneeID {
			if err := checkUser(tx, in.AssigneeID); err != nil {
				return err
			}
		}
		var assignee *int64
		if in.AssigneeID != 0 {
			assignee = &in.AssigneeID
		}
		res := tx.Table("claims").Where("id = ? AND version = ?", id, in.Version).Updates(map[string]any{
			"statement": in.Statement, "restatement": in.Restatement, "type": string(t), "claimant": in.Claimant,
			"claim_date": in.ClaimDate, "priority": string(p), "priority_rank": rankOf(string(p)), "assignee_id": assignee, "tags": strings.Join(tags, ","),
			"lang": in.Lang, "value_json": newVal, "updated_at": s.now(), "version": in.Version + 1,
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		if err := writeTags(tx, id, tags); err != nil {
			return err
		}
		if err := s.record(tx, actor, id, cur.ArticleID, "claim.edited", changes); err != nil {
			return err
		}
		return indexClaims(ctx, tx, claimIndexing{features: map[int64][]string{id: features}}, id)
	})
	if errors.Is(err, ErrConflict) {
		latest, lerr := s.Claim(ctx, id)
		if lerr != nil {
			return Claim{}, lerr
		}
		return Claim{}, &ConflictError{Current: latest}
	}
	if err != nil {
		return Claim{}, err
	}
	return s.Claim(ctx, id)
}

func idString(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// SetStatus moves a claim through the workflow with a plain status change,
// if the actor's role allows the transition and the claim is still at the
// version the actor saw. The moves into and out of review are verdict steps
// (SubmitVerdict, Approve, RequestChanges, corrections) and are refused here
// with ErrVerdictStep.
func (s *Service) SetStatus(ctx context.Context, actor Actor, id int64, to Status, version int64) (Claim, error) {
	cur, err := s.Claim(ctx, id)
	if err != nil {
		return Claim{}, err
	}
	if cur.Version != version {
		return Claim{}, &ConflictError{Current: cur}
	}
	if !CanTransition(cur.Status, to, actor.Role) {
		return Claim{}, ErrTransition
	}
	if ByVerdict(cur.Status, to) {
		return Claim{}, ErrVerdictStep
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.moveClaim(ctx, tx, actor, cur, to); err != nil {
			return err
		}
		return indexClaims(ctx, tx, textKept, id)
	})
	if errors.Is(err, ErrConflict) {
		latest, _ := s.Claim(ctx, id)
		return Claim{}, &ConflictError{Current: latest}
	}
	if err != nil {
		return Claim{}, err
	}
	return s.Claim(ctx, id)
}

// moveClaim changes the status of cur inside tx, if the claim is still at
// cur's version and status and the actor's role allows the move; it records
// the change. It is the one place that enforces the rule "a claim goes to
// review only with at least one piece of evidence", for plain status changes
// and verdict steps alike.
func (s *Service) moveClaim(ctx context.Context, tx *gorm.DB, actor Actor, cur Claim, to Status) error {
	if !CanTransition(cur.Status, to, actor.Role) {
		return ErrTransition
	}
	if err := lockClaim(tx, cur.ID); err != nil {
		return err
	}
	res := tx.Table("claims").Where("id = ? AND version = ? AND status = ?", cur.ID, cur.Version, string(cur.Status)).
		Updates(map[string]any{"status": string(to), "updated_at": s.now(), "version": cur.Version + 1})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return ErrConflict
	}
	if to == StatusInReview {
		if s.evidence == nil {
			return ErrNoEvidence
		}
		n, err := s.evidence.EvidenceCount(ctx, tx, cur.ID)
		if err != nil {
			return err
		}
		if n == 0 {
			return ErrNoEvidence
		}
	}
	return s.record(tx, actor, cur.ID, cur.ArticleID, "claim.status", []Change{{Field: "status", Old: string(cur.Status), New: string(to)}})
}

// claimIn reads a claim inside a transaction, so that a check and the write
// that follows it see the same row. It first takes the claim's lock (see
// lockClaim): callers check and then write.
func claimIn(tx *gorm.DB, id int64) (Claim, error) {
	if err := lockClaim(tx, id); err != nil {
		return Claim{}, err
	}
	var rows []claimView
	err := tx.Table("claims c").Select(claimSelect).
		Joins("LEFT JOIN articles a ON a.id = c.article_id").
		Joins("LEFT JOIN users u ON u.id = c.assignee_id").
		Where("c.id = ?", id).Limit(1).Scan(&rows).Error
	if err != nil {
		return Claim{}, err
	}
	if len(rows) == 0 {
		return Claim{}, ErrNotFound
	}
	return rows[0].claim(), nil
}

// lockClaim makes the transactions that check a claim's state and then
// write on its strength (its status, verdicts, evidence, thread) run one at a
// time per claim on every engine, until tx ends. SQLite needs nothing (one
// writer at a time); PostgreSQL at READ COMMITTED would let a verdict go to
// review while its last piece of evidence is removed, or two first verdicts
// take the same number. Taken before the claim's row is written, always.
func lockClaim(tx *gorm.DB, id int64) error {
	return migrations.Serialize(tx, "claim."+strconv.FormatInt(id, 10))
}
