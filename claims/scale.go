package claims

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/extract"
	"github.com/factdesk/factdesk/migrations"
)

// Label is one rating of the desk's scale: names in both languages, a colour,
// a position on the 1 (false) to 5 (true) scale or off-scale, and the
// description readers see.
type Label struct {
	ID            int64
	NameEN        string
	NameAR        string
	Colour        string // #rrggbb
	Truth         int    // 1–5; 0 when off-scale
	DescriptionEN string
	DescriptionAR string
	SortOrder     int
	Retired       bool
	InUse         int64 // verdict versions that carry the label
	Version       int64
}

// Name is the label's name in lang ("ar" or "en").
func (l Label) Name(lang string) string {
	if lang == "ar" {
		return l.NameAR
	}
	return l.NameEN
}

// Description is the label's description in lang.
func (l Label) Description(lang string) string {
	if lang == "ar" {
		return l.DescriptionAR
	}
	return l.DescriptionEN
}

// OffScale reports whether the label has no place on the truth scale.
func (l Label) OffScale() bool { return l.Truth == 0 }

type labelRow struct {
	ID            int64
	NameEN        string `gorm:"column:name_en"`
	NameAR        string `gorm:"column:name_ar"`
	Colour        string
	Truth         *int
	DescriptionEN string `gorm:"column:description_en"`
	DescriptionAR string `gorm:"column:description_ar"`
	SortOrder     int
	RetiredAt     *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int64
}

func (labelRow) TableName() string { return "rating_labels" }

type labelView struct {
	Row   labelRow `gorm:"embedded"`
	InUse int64
}

func (v labelView) label() Label {
	r := v.Row
	l := Label{ID: r.ID, NameEN: r.NameEN, NameAR: r.NameAR, Colour: r.Colour, DescriptionEN: r.DescriptionEN,
		DescriptionAR: r.DescriptionAR, SortOrder: r.SortOrder, Retired: r.RetiredAt != nil, InUse: v.InUse, Version: r.Version}
	if r.Truth != nil {
		l.Truth = *r.Truth
	}
	return l
}

// Errors of the rating scale.
var (
	ErrForbidden  = errors.New("your role may not do this")
	ErrLabelInUse = errors.New("verdicts carry this label: move them to another label first")
)

// LabelInput is what an admin submits to add or edit a label. Truth is as
// typed: "" for off-scale, or 1 to 5 in any digit script.
type LabelInput struct {
	NameEN        string
	NameAR        string
	Colour        string
	Truth         string
	DescriptionEN string
	DescriptionAR string
	Version       int64
}

// Limits of label fields.
const (
	MaxLabelName        = 60
	MaxLabelDescription = 500
)

// ValidColour reports whether s is a colour written #rrggbb.
func ValidColour(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, r := range s[1:] {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

func (in *LabelInput) validate() (*int, FieldErrors) {
	in.NameEN = strings.Join(strings.Fields(in.NameEN), " ")
	in.NameAR = strings.Join(strings.Fields(in.NameAR), " ")
	in.Colour = strings.ToLower(strings.TrimSpace(in.Colour))
	in.DescriptionEN = strings.TrimSpace(in.DescriptionEN)
	in.DescriptionAR = strings.TrimSpace(in.DescriptionAR)
	errs := FieldErrors{}
	for field, v := range map[string]string{"name_en": in.NameEN, "name_ar": in.NameAR} {
		if v == "" {
			errs[field] = "err.required"
		} else if utf8.RuneCountInString(v) > MaxLabelName {
			errs[field] = "err.too_long"
		}
	}
	for field, v := range map[string]string{"description_en": in.DescriptionEN, "description_ar": in.DescriptionAR} {
		if utf8.RuneCountInString(v) > MaxLabelDescription {
			errs[field] = "err.too_long"
		}
	}
	if !ValidColour(in.Colour) {
		errs["colour"] = "err.colour"
	}
	var truth *int
	if t := strings.TrimSpace(extract.NormalizeDigits(in.Truth)); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 || n > 5 {
			errs["truth"] = "err.truth"
		} else {
			truth = &n
		}
	}
	return truth, errs
}

func requireAdmin(actor Actor) error {
	if actor.Role != RoleAdmin {
		return ErrForbidden
	}
	return nil
}

const labelSelect = "l.*, (SELECT COUNT(*) FROM verdicts v WHERE v.label_id = l.id) AS in_use"

// Labels lists the scale in its order; retired labels only when asked.
func (s *Service) Labels(ctx context.Context, withRetired bool) ([]Label, error) {
	q := s.db.WithContext(ctx).Table("rating_labels l").Select(labelSelect).Order("l.sort_order, l.id")
	if !withRetired {
		q = q.Where("l.retired_at IS NULL")
	}
	var rows []labelView
	if err := q.Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Label, len(rows))
	for i, r := range rows {
		out[i] = r.label()
	}
	return out, nil
}

// LabelNames lists the scale's labels (retired ones too) with their names
// and colours only, without counting their use: for filters.
func (s *Service) LabelNames(ctx context.Context) ([]Label, error) {
	var rows []labelRow
	if err := s.db.WithContext(ctx).Order("sort_order, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Label, len(rows))
	for i, r := range rows {
		out[i] = labelView{Row: r}.label()
	}
	return out, nil
}

// Label returns one label, retired or not.
func (s *Service) Label(ctx context.Context, id int64) (Label, error) {
	return labelIn(s.db.WithContext(ctx), id)
}

func labelIn(tx *gorm.DB, id int64) (Label, error) {
	var rows []labelView
	if err := tx.Table("rating_labels l").Select(labelSelect).Where("l.id = ?", id).Limit(1).Scan(&rows).Error; err != nil {
		return Label{}, err
	}
	if len(rows) == 0 {
		return Label{}, ErrNotFound
	}
	return rows[0].label(), nil
}

// uniqueNames refuses a name another label already has (in either language).
func uniqueNames(tx *gorm.DB, id int64, in LabelInput, errs FieldErrors) error {
	for field, col := range map[string]string{"name_en": "name_en", "name_ar": "name_ar"} {
		v := in.NameEN
		if field == "name_ar" {
			v = in.NameAR
		}
		var n int64
		if err := tx.Table("rating_labels").Where(col+" = ? AND id <> ?", v, id).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			errs[field] = "err.label_name_taken"
		}
	}
	return nil
}

// CreateLabel adds a label at the end of the scale (admins only).
func (s *Service) CreateLabel(ctx context.Context, actor Actor, in LabelInput) (Label, error) {
	if err := requireAdmin(actor); err != nil {
		return Label{}, err
	}
	truth, errs := in.validate()
	var id int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Names are checked, then written: one change to the scale at a time.
		if err := migrations.Serialize(tx, "rating_labels"); err != nil {
			return err
		}
		if err := uniqueNames(tx, 0, in, errs); err != nil {
			return err
		}
		if len(errs) > 0 {
			return errs
		}
		var last int
		if err := tx.Table("rating_labels").Select("COALESCE(MAX(sort_order), 0)").Scan(&last).Error; err != nil {
			return err
		}
		now := s.now()
		row := labelRow{NameEN: in.NameEN, NameAR: in.NameAR, Colour: in.Colour, Truth: truth, DescriptionEN: in.DescriptionEN,
			DescriptionAR: in.DescriptionAR, SortOrder: last + 10, CreatedAt: now, UpdatedAt: now, Version: 1}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		id = row.ID
		return nil
	})
	if err != nil {
		return Label{}, err
	}
	return s.Label(ctx, id)
}

// UpdateLabel renames, translates, recolours, re-describes or re-places a
// label on the truth scale, if it is still at in.Version.
func (s *Service) UpdateLabel(ctx context.Context, actor Actor, id int64, in LabelInput) (Label, error) {
	if err := requireAdmin(actor); err != nil {
		return Label{}, err
	}
	truth, errs := in.validate()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Names are checked, then written: one change to the scale at a time.
		if err := migrations.Serialize(tx, "rating_labels"); err != nil {
			return err
		}
		if _, err := labelIn(tx, id); err != nil {
			return err
		}
		if err := uniqueNames(tx, id, in, errs); err != nil {
			return err
		}
		if len(errs) > 0 {
			return errs
		}
		res := tx.Table("rating_labels").Where("id = ? AND version = ?", id, in.Version).Updates(map[string]any{
			"name_en": in.NameEN, "name_ar": in.NameAR, "colour": in.Colour, "truth": truth,
			"description_en": in.DescriptionEN, "description_ar": in.DescriptionAR, "updated_at": s.now(), "version": in.Version + 1})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		return nil
	})
	if err != nil {
		return Label{}, err
	}
	return s.Label(ctx, id)
}

// MoveLabel swaps a label with its neighbour above (up) or below in the
// scale's order. At either end it does nothing.
func (s *Service) MoveLabel(ctx context.Context, actor Actor, id int64, up bool, version int64) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Names are checked, then written: one change to the scale at a time.
		if err := migrations.Serialize(tx, "rating_labels"); err != nil {
			return err
		}
		cur, err := labelIn(tx, id)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return ErrConflict
		}
		q := tx.Table("rating_labels")
		if up {
			q = q.Where("sort_order < ? OR (sort_order = ? AND id < ?)", cur.SortOrder, cur.SortOrder, id).Order("sort_order DESC, id DESC")
		} else {
			q = q.Where("sort_order > ? OR (sort_order = ? AND id > ?)", cur.SortOrder, cur.SortOrder, id).Order("sort_order, id")
		}
		var nb []labelRow
		if err := q.Limit(1).Find(&nb).Error; err != nil {
			return err
		}
		if len(nb) == 0 {
			return nil
		}
		other := nb[0]
		mine, theirs := other.SortOrder, cur.SortOrder
		if mine == theirs { // equal orders: make room so the swap means something
			if up {
				mine--
			} else {
				mine++
			}
		}
		now := s.now()
		res := tx.Table("rating_labels").Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"sort_order": mine, "updated_at": now, "version": version + 1})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		return tx.Table("rating_labels").Where("id = ?", other.ID).
			Updates(map[string]any{"sort_order": theirs, "updated_at": now, "version": gorm.Expr("version + 1")}).Error
	})
}

// RetireLabel takes a label out of use for new verdicts (retire=true) or puts
// it back. Verdicts that carry it keep it.
func (s *Service) RetireLabel(ctx context.Context, actor Actor, id int64, retire bool, version int64) error {
	if err := requireAdmin(actor); err != nil {
		return err
	}
	var at any
	if retire {
		at = s.now()
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if _, err := labelIn(tx, id); err != nil {
			return err
		}
		res := tx.Table("rating_labels").Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"retired_at": at, "updated_at": s.now(), "version": version + 1})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		return nil
	})
}

// DeleteLabel removes a label. A label that verdicts carry is deleted only
// with moveTo, another label that is not retired: every verdict version that
// carried the deleted label is moved to it, in the same transaction, and the
// move is written in each claim's history. It returns how many verdict
// versions were moved.
func (s *Service) DeleteLabel(ctx context.Context, actor Actor, id, moveTo, version int64) (int64, error) {
	if err := requireAdmin(actor); err != nil {
		return 0, err
	}
	var moved int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cur, err := labelIn(tx, id)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return ErrConflict
		}
		if cur.InUse > 0 {
			if moveTo == 0 {
				return ErrLabelInUse
			}
			if moveTo == id {
				return FieldErrors{"move_to": "err.move_to"}
			}
			target, err := labelIn(tx, moveTo)
			if errors.Is(err, ErrNotFound) || (err == nil && target.Retired) {
				return FieldErrors{"move_to": "err.move_to"}
			}
			if err != nil {
				return err
			}
			var affected []struct {
				ID        int64
				ClaimID   int64
				Number    int
				ArticleID *int64
			}
			if err := tx.Table("verdicts v").Select("v.id, v.claim_id, v.number, c.article_id").
				Joins("JOIN claims c ON c.id = v.claim_id").Where("v.label_id = ?", id).Order("v.id").Scan(&affected).Error; err != nil {
				return err
			}
			res := tx.Table("verdicts").Where("label_id = ?", id).
				Updates(map[string]any{"label_id": moveTo, "updated_at": s.now(), "version": gorm.Expr("version + 1")})
			if res.Error != nil {
				return res.Error
			}
			moved = res.RowsAffected
			claimIDs := make([]int64, 0, len(affected))
			for _, a := range affected {
				claimIDs = append(claimIDs, a.ClaimID)
			}
			if err := indexClaims(ctx, tx, textKept, claimIDs...); err != nil {
				return err
			}
			for _, a := range affected {
				var art int64
				if a.ArticleID != nil {
					art = *a.ArticleID
				}
				if err := s.record(tx, actor, a.ClaimID, art, "verdict.relabelled", []Change{
					{Field: "verdict", New: strconv.Itoa(a.Number)},
					{Field: "label", Old: cur.NameEN + " / " + cur.NameAR, New: target.NameEN + " / " + target.NameAR}}); err != nil {
					return err
				}
			}
		}
		res := tx.Exec("DELETE FROM rating_labels WHERE id = ? AND version = ?", id, version)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrConflict
		}
		return nil
	})
	return moved, err
}
