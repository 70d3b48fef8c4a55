package claims

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// VerdictState is where one version of a verdict stands.
type VerdictState string

const (
	VerdictDraft            VerdictState = "draft"
	VerdictSubmitted        VerdictState = "submitted"
	VerdictChangesRequested VerdictState = "changes_requested"
	VerdictApproved         VerdictState = "approved"   // the published version
	VerdictSuperseded       VerdictState = "superseded" // published once, replaced by a correction
)

// VerdictStates lists every state (for the translation tests).
var VerdictStates = []VerdictState{VerdictDraft, VerdictSubmitted, VerdictChangesRequested, VerdictApproved, VerdictSuperseded}

// Editable reports whether the version can still be written to.
func (s VerdictState) Editable() bool { return s == VerdictDraft || s == VerdictChangesRequested }

// Verdict is one version of a claim's verdict. Versions are numbered per
// claim; a correction is a new version that names the one it corrects.
type Verdict struct {
	ID             int64
	ClaimID        int64
	Number         int
	Label          Label
	Conclusion     string
	Reasoning      string // Markdown
	Verified       Value
	State          VerdictState
	AuthorID       int64
	AuthorName     string
	LastEditorID   int64
	LastEditorName string
	ApproverName   string
	CorrectsID     int64
	CorrectionNote string
	SubmittedAt    time.Time
	PublishedAt    time.Time
	SupersededAt   time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Version        int64
}

// IsCorrection reports whether the version corrects a published one.
func (v Verdict) IsCorrection() bool { return v.CorrectsID != 0 }

// Wrote reports whether the person wrote or last edited this version: such a
// person may not approve it (the four-eyes rule).
func (v Verdict) Wrote(userID int64) bool { return userID == v.AuthorID || userID == v.LastEditorID }

type verdictRow struct {
	ID             int64
	ClaimID        int64
	Number         int
	LabelID        int64
	Conclusion     string
	Reasoning      string
	VerifiedJSON   string `gorm:"column:verified_json"`
	State          string
	AuthorID       int64
	LastEditorID   int64
	CorrectsID     *int64
	CorrectionNote string
	SubmittedAt    *time.Time
	PublishedAt    *time.Time
	SupersededAt   *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Version        int64
}

func (verdictRow) TableName() string { return "verdicts" }

type verdictView struct {
	Row            verdictRow `gorm:"embedded"`
	LabelEN        string     `gorm:"column:label_en"`
	LabelAR        string     `gorm:"column:label_ar"`
	LabelColour    string
	LabelTruth     *int
	LabelDescEN    string `gorm:"column:label_desc_en"`
	LabelDescAR    string `gorm:"column:label_desc_ar"`
	LabelRetired   bool
	AuthorName     string
	LastEditorName string
	ApproverName   string
}

const verdictSelect = `v.*, l.name_en AS label_en, l.name_ar AS label_ar, l.colour AS label_colour, l.truth AS label_truth,
	l.description_en AS label_desc_en, l.description_ar AS label_desc_ar,
	CASE WHEN l.retired_at IS NULL THEN 0 ELSE 1 END AS label_retired,
	COALESCE(ua.name, '') AS author_name, COALESCE(ue.name, '') AS last_editor_name,
	COALESCE((SELECT u.name FROM review_decisions d JOIN users u ON u.id = d.decided_by
	          WHERE d.verdict_id = v.id AND d.decision = 'approved' ORDER BY d.id DESC LIMIT 1), '') AS approver_name`

func verdictQuery(tx *gorm.DB) *gorm.DB {
	return tx.Table("verdicts v").Select(verdictSelect).
		Joins("JOIN rating_labels l ON l.id = v.label_id").
		Joins("LEFT JOIN users ua ON ua.id = v.author_id").
		Joins("LEFT JOIN users ue ON ue.id = v.last_editor_id")
}

func (w verdictView) verdict() Verdict {
	r := w.Row
	v := Verdict{ID: r.ID, ClaimID: r.ClaimID, Number: r.Number, Conclusion: r.Conclusion, Reasoning: r.Reasoning,
		Verified: parseValueJSON(r.VerifiedJSON), State: VerdictState(r.State), AuthorID: r.AuthorID, AuthorName: w.AuthorName,
		LastEditorID: r.LastEditorID, LastEditorName: w.LastEditorName, ApproverName: w.ApproverName,
		CorrectionNote: r.CorrectionNote, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version,
		Label: Label{ID: r.LabelID, NameEN: w.LabelEN, NameAR: w.LabelAR, Colour: w.LabelColour, DescriptionEN: w.LabelDescEN,
			DescriptionAR: w.LabelDescAR, Retired: w.LabelRetired}}
	if w.LabelTruth != nil {
		v.Label.Truth = *w.LabelTruth
	}
	if r.CorrectsID != nil {
		v.CorrectsID = *r.CorrectsID
	}
	for _, t := range []struct {
		src *time.Time
		dst *time.Time
	}{{r.SubmittedAt, &v.SubmittedAt}, {r.PublishedAt, &v.PublishedAt}, {r.SupersededAt, &v.SupersededAt}} {
		if t.src != nil {
			*t.dst = t.src.UTC()
		}
	}
	return v
}

func scanVerdicts(q *gorm.DB) ([]Verdict, error) {
	var rows []verdictView
	if err := q.Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Verdict, len(rows))
	for i, r := range rows {
		out[i] = r.verdict()
	}
	return out, nil
}

func verdictIn(tx *gorm.DB, id int64) (Verdict, error) {
	vs, err := scanVerdicts(verdictQuery(tx).Where("v.id = ?", id).Limit(1))
	if err != nil {
		return Verdict{}, err
	}
	if len(vs) == 0 {
		return Verdict{}, ErrNotFound
	}
	return vs[0], nil
}

// openVerdictIn returns the version in the works (draft, submitted or sent
// back) of a claim, if any.
func openVerdictIn(tx *gorm.DB, claimID int64) (*Verdict, error) {
	vs, err := scanVerdicts(verdictQuery(tx).Where("v.claim_id = ? AND v.state IN ?", claimID,
		[]string{string(VerdictDraft), string(VerdictSubmitted), string(VerdictChangesRequested)}).Limit(1))
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return &vs[0], nil
}

func publishedVerdictIn(tx *gorm.DB, claimID int64) (*Verdict, error) {
	vs, err := scanVerdicts(verdictQuery(tx).Where("v.claim_id = ? AND v.state = ?", claimID, string(VerdictApproved)).Limit(1))
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return &vs[0], nil
}

// Verdict returns one verdict version.
func (s *Service) Verdict(ctx context.Context, id int64) (Verdict, error) {
	return verdictIn(s.db.WithContext(ctx), id)
}

// Verdicts returns every version of a claim's verdict, newest first.
func (s *Service) Verdicts(ctx context.Context, claimID int64) ([]Verdict, error) {
	return scanVerdicts(verdictQuery(s.db.WithContext(ctx)).Where("v.claim_id = ?", claimID).Order("v.number DESC"))
}

// VerdictConflictError carries the newer state of the verdict that a stale
// form ran into.
type VerdictConflictError struct{ Current Verdict }

func (e *VerdictConflictError) Error() string        { return ErrConflict.Error() }
func (e *VerdictConflictError) Is(target error) bool { return target == ErrConflict }

// Errors of the verdict steps.
var (
	ErrNotEditable = errors.New("this verdict is waiting for review or already decided, and cannot be edited")
	ErrPublished   = errors.New("the claim's verdict is published: open a correction instead")
	ErrNoCorrectee = errors.New("only a published verdict can be corrected")
)

// VerdictInput is what the verdict form submits.
type VerdictInput struct {
	LabelID        int64
	Conclusion     string
	Reasoning      string
	Amount         string // the verified amount as typed; parsed into Verified.Amount
	Verified       Value
	CorrectionNote string
	// Version is the version of the verdict the form was opened on; 0 when
	// it proposes the claim's first verdict or opens a correction.
	Version int64
}

// Limits of verdict fields.
const (
	MaxConclusion     = 300
	MaxReasoning      = 20000
	MaxCorrectionNote = 1000
	MaxComment        = 5000
)

// validate checks the fields; the label is checked against the database
// inside the write. A submission needs the reasoning too, and a correction
// its note.
func (in *VerdictInput) validate(t Type, submit, correction bool) FieldErrors {
	in.Conclusion = strings.Join(strings.Fields(in.Conclusion), " ")
	in.Reasoning = strings.TrimSpace(strings.ReplaceAll(in.Reasoning, "\r\n", "\n"))
	in.CorrectionNote = strings.TrimSpace(in.CorrectionNote)
	in.Amount = strings.TrimSpace(in.Amount)
	errs := FieldErrors{}
	if in.LabelID <= 0 {
		errs["label"] = "err.label"
	}
	if in.Conclusion == "" {
		errs["conclusion"] = "err.required"
	} else if utf8.RuneCountInString(in.Conclusion) > MaxConclusion {
		errs["conclusion"] = "err.too_long"
	}
	if utf8.RuneCountInString(in.Reasoning) > MaxReasoning {
		errs["reasoning"] = "err.too_long"
	} else if submit && in.Reasoning == "" {
		errs["reasoning"] = "err.reasoning_required"
	}
	if correction && in.CorrectionNote == "" {
		errs["correction_note"] = "err.correction_note"
	} else if utf8.RuneCountInString(in.CorrectionNote) > MaxCorrectionNote {
		errs["correction_note"] = "err.too_long"
	}
	// Only the parts of a value that the claim's type compares are kept.
	v := in.Verified
	switch {
	case t.HasAmount() || t == TypePercent:
		v = Value{Currency: v.Currency, Unit: v.Unit}
		if t == TypePercent {
			v.Currency, v.Unit = "", "percent"
		}
		if in.Amount != "" {
			f, _, ok := ParseAmount(in.Amount)
			if !ok {
				errs["verified_amount"] = "err.amount"
			}
			v.Amount = f
		}
	case t == TypeDate:
		v = Value{Date: strings.TrimSpace(v.Date), Precision: v.Precision, Part: v.Part}
	default:
		v = Value{}
	}
	ve := FieldErrors{}
	validateValue(t, &v, ve)
	for k, msg := range ve {
		errs["verified_"+strings.TrimPrefix(k, "value_")] = msg
	}
	in.Verified = v
	return errs
}

// checkLabel refuses a label that does not exist or is retired.
func checkLabel(tx *gorm.DB, id int64) (Label, error) {
	l, err := labelIn(tx, id)
	if errors.Is(err, ErrNotFound) {
		return Label{}, FieldErrors{"label": "err.label"}
	}
	if err != nil {
		return Label{}, err
	}
	if l.Retired {
		return Label{}, FieldErrors{"label": "err.label_retired"}
	}
	return l, nil
}

func labelText(l Label) string { return l.NameEN + " / " + l.NameAR }

func (s *Service) verdictConflict(ctx context.Context, claimID int64, err error) error {
	if !errors.Is(err, ErrConflict) {
		return err
	}
	var ce *VerdictConflictError
	if errors.As(err, &ce) {
		return ce
	}
	vs, lerr := s.Verdicts(ctx, claimID)
	if lerr != nil {
		return lerr
	}
	if len(vs) == 0 {
		return err
	}
	return &VerdictConflictError{Current: vs[0]}
}

// SaveVerdict writes the claim's verdict in the works: it proposes the
// claim's first verdict (in.Version 0) or edits the draft or sent-back
// version the form was opened on. With submit, the version then goes to
// review: the claim moves to "in review", which needs at least one piece of
// evidence. Saving on a new claim starts its research. The writer becomes the
// version's last editor, and may therefore not approve it.
func (s *Service) SaveVerdict(ctx context.Context, actor Actor, claimID int64, in VerdictInput, submit bool) (Verdict, error) {
	if !actor.Role.Valid() {
		return Verdict{}, ErrForbidden
	}
	var id int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		id, err = s.saveVerdictIn(ctx, tx, actor, claimID, in, submit)
		return err
	})
	if err != nil {
		return Verdict{}, s.verdictConflict(ctx, claimID, err)
	}
	return s.Verdict(ctx, id)
}

// saveVerdictIn is SaveVerdict inside tx; it returns the version's id.
func (s *Service) saveVerdictIn(ctx context.Context, tx *gorm.DB, actor Actor, claimID int64, in VerdictInput, submit bool) (int64, error) {
	var id int64
	err := func() error {
		cl, err := claimIn(tx, claimID)
		if err != nil {
			return err
		}
		open, err := openVerdictIn(tx, claimID)
		if err != nil {
			return err
		}
		if open == nil && in.Version != 0 {
			return ErrConflict // the version the form was opened on was decided meanwhile
		}
		if open != nil && open.Version != in.Version {
			return &VerdictConflictError{Current: *open}
		}
		if open != nil && !open.State.Editable() {
			return ErrNotEditable
		}
		correction := open != nil && open.IsCorrection()
		if errs := in.validate(cl.Type, submit, correction); len(errs) > 0 {
			return errs
		}
		label, err := checkLabel(tx, in.LabelID)
		if err != nil {
			return err
		}
		now := s.now()
		if open == nil {
			pub, err := publishedVerdictIn(tx, claimID)
			if err != nil {
				return err
			}
			if pub != nil {
				return ErrPublished
			}
			if cl.Status != StatusNew && cl.Status != StatusResearching {
				return ErrTransition
			}
			row := verdictRow{ClaimID: claimID, Number: 1, LabelID: label.ID, Conclusion: in.Conclusion, Reasoning: in.Reasoning,
				VerifiedJSON: in.Verified.json(), State: string(VerdictDraft), AuthorID: actor.ID, LastEditorID: actor.ID,
				CreatedAt: now, UpdatedAt: now, Version: 1}
			if err := tx.Table("verdicts").Select("COALESCE(MAX(number), 0) + 1").Where("claim_id = ?", claimID).Scan(&row.Number).Error; err != nil {
				return err
			}
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			id = row.ID
			if err := s.record(tx, actor, claimID, cl.ArticleID, "verdict.proposed", []Change{
				{Field: "verdict", New: strconv.Itoa(row.Number)}, {Field: "label", New: labelText(label)},
				{Field: "conclusion", New: in.Conclusion}}); err != nil {
				return err
			}
			if cl.Status == StatusNew {
				if err := s.moveClaim(ctx, tx, actor, cl, StatusResearching); err != nil {
					return err
				}
				if cl, err = claimIn(tx, claimID); err != nil {
					return err
				}
			}
		} else {
			id = open.ID
			changes := verdictChanges(cl.Type, *open, label, in)
			if len(changes) > 0 {
				res := tx.Table("verdicts").Where("id = ? AND version = ?", open.ID, open.Version).Updates(map[string]any{
					"label_id": label.ID, "conclusion": in.Conclusion, "reasoning": in.Reasoning, "verified_json": in.Verified.json(),
					"correction_note": in.CorrectionNote, "last_editor_id": actor.ID, "updated_at": now, "version": open.Version + 1})
				if res.Error != nil {
					return res.Error
				}
				if res.RowsAffected != 1 {
					return ErrConflict
				}
				changes = append([]Change{{Field: "verdict", New: strconv.Itoa(open.Number)}}, changes...)
				if err := s.record(tx, actor, claimID, cl.ArticleID, "verdict.edited", changes); err != nil {
					return err
				}
			}
		}
		if submit {
			if err := s.submitIn(ctx, tx, actor, cl, id); err != nil {
				return err
			}
		}
		return indexClaims(ctx, tx, textKept, claimID)
	}()
	return id, err
}

func verdictChanges(t Type, cur Verdict, label Label, in VerdictInput) []Change {
	var out []Change
	diff := func(field, old, new string) {
		if old != new {
			out = append(out, Change{Field: field, Old: old, New: new})
		}
	}
	diff("label", labelText(cur.Label), labelText(label))
	diff("conclusion", cur.Conclusion, in.Conclusion)
	diff("reasoning", cur.Reasoning, in.Reasoning)
	if cur.Verified.json() != in.Verified.json() {
		// Readable in the history; the raw value when the summary hides the change.
		o, n := cur.Verified.Summary(t), in.Verified.Summary(t)
		if o == n {
			o, n = cur.Verified.json(), in.Verified.json()
		}
		out = append(out, Change{Field: "verified", Old: o, New: n})
	}
	diff("correction_note", cur.CorrectionNote, in.CorrectionNote)
	return out
}

// submitIn sends version id to review and moves the claim to "in review"
// through the workflow (and its evidence rule).
func (s *Service) submitIn(ctx context.Context, tx *gorm.DB, actor Actor, cl Claim, id int64) error {
	v, err := verdictIn(tx, id)
	if err != nil {
		return err
	}
	if !v.State.Editable() {
		return ErrNotEditable
	}
	if strings.TrimSpace(v.Reasoning) == "" {
		return FieldErrors{"reasoning": "err.reasoning_required"}
	}
	if v.Label.Retired {
		return FieldErrors{"label": "err.label_retired"}
	}
	if err := s.moveClaim(ctx, tx, actor, cl, StatusInReview); err != nil {
		return err
	}
	now := s.now()
	res := tx.Table("verdicts").Where("id = ? AND version = ?", id, v.Version).
		Updates(map[string]any{"state": string(VerdictSubmitted), "submitted_at": now, "updated_at": now, "version": v.Version + 1})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return ErrConflict
	}
	return s.record(tx, actor, cl.ID, cl.ArticleID, "verdict.submitted", []Change{{Field: "verdict", New: strconv.Itoa(v.Number)}})
}

// OpenCorrection reopens the published verdict of a claim (editors only): it
// starts a new version, filled from in, that names the published one and
// needs a correction note. The published version stays as it is, and stays
// published, until the correction is approved; with submit, the correction
// goes to review at once (the claim moves to "in review").
func (s *Service) OpenCorrection(ctx context.Context, actor Actor, claimID int64, in VerdictInput, submit bool) (Verdict, error) {
	if !actor.Role.AtLeast(RoleEditor) {
		return Verdict{}, ErrForbidden
	}
	var id int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cl, err := claimIn(tx, claimID)
		if err != nil {
			return err
		}
		open, err := openVerdictIn(tx, claimID)
		if err != nil {
			return err
		}
		if open != nil {
			return &VerdictConflictError{Current: *open} // someone opened one already
		}
		pub, err := publishedVerdictIn(tx, claimID)
		if err != nil {
			return err
		}
		if pub == nil || cl.Status != StatusPublished {
			return ErrNoCorrectee
		}
		if pub.Version != in.Version {
			return &VerdictConflictError{Current: *pub}
		}
		if errs := in.validate(cl.Type, submit, true); len(errs) > 0 {
			return errs
		}
		label, err := checkLabel(tx, in.LabelID)
		if err != nil {
			return err
		}
		now := s.now()
		row := verdictRow{ClaimID: claimID, Number: pub.Number + 1, LabelID: label.ID, Conclusion: in.Conclusion, Reasoning: in.Reasoning,
			VerifiedJSON: in.Verified.json(), State: string(VerdictDraft), AuthorID: actor.ID, LastEditorID: actor.ID,
			CorrectsID: &pub.ID, CorrectionNote: in.CorrectionNote, CreatedAt: now, UpdatedAt: now, Version: 1}
		if err := tx.Table("verdicts").Select("COALESCE(MAX(number), 0) + 1").Where("claim_id = ?", claimID).Scan(&row.Number).Error; err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		id = row.ID
		changes := append([]Change{{Field: "verdict", Old: strconv.Itoa(pub.Number), New: strconv.Itoa(row.Number)},
			{Field: "correction_note", New: in.CorrectionNote}}, verdictChanges(cl.Type, *pub, label, in)...)
		if err := s.record(tx, actor, claimID, cl.ArticleID, "verdict.correction_opened", dedupeChanges(changes)); err != nil {
			return err
		}
		if submit {
			if err := s.submitIn(ctx, tx, actor, cl, id); err != nil {
				return err
			}
		}
		return indexClaims(ctx, tx, textKept, claimID)
	})
	if err != nil {
		return Verdict{}, s.verdictConflict(ctx, claimID, err)
	}
	return s.Verdict(ctx, id)
}

// dedupeChanges keeps the first change of each field.
func dedupeChanges(in []Change) []Change {
	seen := map[string]bool{}
	out := in[:0]
	for _, c := range in {
		if !seen[c.Field] {
			seen[c.Field] = true
			out = append(out, c)
		}
	}
	return out
}
