package claims

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"time"

	"gorm.io/gorm"
)

// ReportLink is the publication of an article's report at a public,
// read-only address: /r/<Token>. The token is random and unguessable; a
// withdrawn link stays on record (who and when) and no longer answers.
type ReportLink struct {
	ID            int64
	ArticleID     int64
	Token         string
	Lang          string // the language the report is published in
	CreatedBy     int64
	CreatedByName string
	CreatedAt     time.Time
	WithdrawnAt   time.Time // zero while the link is active
}

// Active reports whether the link still answers.
func (l ReportLink) Active() bool { return l.WithdrawnAt.IsZero() }

type reportLinkRow struct {
	ID          int64
	ArticleID   int64
	Token       string
	Lang        string
	CreatedBy   *int64
	CreatedAt   time.Time
	WithdrawnBy *int64
	WithdrawnAt *time.Time
}

func (reportLinkRow) TableName() string { return "report_links" }

type reportLinkView struct {
	Row           reportLinkRow `gorm:"embedded"`
	CreatedByName string
}

func (v reportLinkView) link() ReportLink {
	r := v.Row
	l := ReportLink{ID: r.ID, ArticleID: r.ArticleID, Token: r.Token, Lang: r.Lang, CreatedByName: v.CreatedByName, CreatedAt: r.CreatedAt.UTC()}
	if r.CreatedBy != nil {
		l.CreatedBy = *r.CreatedBy
	}
	if r.WithdrawnAt != nil {
		l.WithdrawnAt = r.WithdrawnAt.UTC()
	}
	return l
}

// ErrWithdrawn: the public link was withdrawn.
var ErrWithdrawn = errors.New("this report is no longer published")

func reportLinkQuery(tx *gorm.DB) *gorm.DB {
	return tx.Table("report_links r").Select("r.*, COALESCE(u.name, '') AS created_by_name").
		Joins("LEFT JOIN users u ON u.id = r.created_by")
}

func scanLinks(q *gorm.DB) ([]ReportLink, error) {
	var rows []reportLinkView
	if err := q.Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]ReportLink, len(rows))
	for i, r := range rows {
		out[i] = r.link()
	}
	return out, nil
}

// newToken returns 24 random bytes, URL-safe: 32 characters, 192 bits.
func newToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// PublishReport publishes the article's report in lang at a new public
// address (editors and admins). If the report is already published in that
// language, the active link is returned and nothing changes. The article's
// history records the publication.
func (s *Service) PublishReport(ctx context.Context, actor Actor, articleID int64, lang string) (ReportLink, error) {
	if !actor.Role.AtLeast(RoleEditor) {
		return ReportLink{}, ErrForbidden
	}
	if lang != "ar" && lang != "en" {
		return ReportLink{}, FieldErrors{"lang": "err.invalid"}
	}
	token, err := newToken()
	if err != nil {
		return ReportLink{}, err
	}
	var id int64
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Table("articles").Where("id = ?", articleID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		var active []int64
		if err := tx.Table("report_links").Where("article_id = ? AND lang = ? AND withdrawn_at IS NULL", articleID, lang).
			Order("id").Limit(1).Pluck("id", &active).Error; err != nil {
			return err
		}
		if len(active) > 0 {
			id = active[0]
			return nil
		}
		row := reportLinkRow{ArticleID: articleID, Token: token, Lang: lang, CreatedAt: s.now()}
		if actor.ID != 0 {
			row.CreatedBy = &actor.ID
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		id = row.ID
		return s.record(tx, actor, 0, articleID, "report.published", []Change{{Field: "lang", New: lang}})
	})
	if err != nil {
		return ReportLink{}, err
	}
	return s.reportLink(ctx, "r.id = ?", id)
}

// WithdrawReport withdraws a public link (editors and admins): from now on
// its address answers that the report is no longer published. Withdrawing a
// withdrawn link changes nothing.
func (s *Service) WithdrawReport(ctx context.Context, actor Actor, linkID int64) (ReportLink, error) {
	if !actor.Role.AtLeast(RoleEditor) {
		return ReportLink{}, ErrForbidden
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []reportLinkRow
		if err := tx.Table("report_links").Where("id = ?", linkID).Limit(1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return ErrNotFound
		}
		if rows[0].WithdrawnAt != nil {
			return nil
		}
		upd := map[string]any{"withdrawn_at": s.now()}
		if actor.ID != 0 {
			upd["withdrawn_by"] = actor.ID
		}
		res := tx.Table("report_links").Where("id = ? AND withdrawn_at IS NULL", linkID).Updates(upd)
		if res.Error != nil {
			return res.Error
		}
		return s.record(tx, actor, 0, rows[0].ArticleID, "report.withdrawn", []Change{{Field: "lang", Old: rows[0].Lang}})
	})
	if err != nil {
		return ReportLink{}, err
	}
	return s.reportLink(ctx, "r.id = ?", linkID)
}

func (s *Service) reportLink(ctx context.Context, where string, arg any) (ReportLink, error) {
	ls, err := scanLinks(reportLinkQuery(s.db.WithContext(ctx)).Where(where, arg).Limit(1))
	if err != nil {
		return ReportLink{}, err
	}
	if len(ls) == 0 {
		return ReportLink{}, ErrNotFound
	}
	return ls[0], nil
}

// ReportLinkByToken finds the link of a public address: ErrNotFound when
// there is none, ErrWithdrawn (with the link) when it was withdrawn.
func (s *Service) ReportLinkByToken(ctx context.Context, token string) (ReportLink, error) {
	if len(token) < 20 || len(token) > 100 {
		return ReportLink{}, ErrNotFound
	}
	l, err := s.reportLink(ctx, "r.token = ?", token)
	if err != nil {
		return ReportLink{}, err
	}
	if !l.Active() {
		return l, ErrWithdrawn
	}
	return l, nil
}

// ReportLinks lists an article's public links, the active ones first, newest
// first.
func (s *Service) ReportLinks(ctx context.Context, articleID int64) ([]ReportLink, error) {
	return scanLinks(reportLinkQuery(s.db.WithContext(ctx)).Where("r.article_id = ?", articleID).
		Order("CASE WHEN r.withdrawn_at IS NULL THEN 0 ELSE 1 END, r.id DESC"))
}

// ActiveReportLinks returns the active links of each of the articles, in one
// query (for the addresses of exported ClaimReviews).
func (s *Service) ActiveReportLinks(ctx context.Context, articleIDs []int64) (map[int64][]ReportLink, error) {
	out := map[int64][]ReportLink{}
	if len(articleIDs) == 0 {
		return out, nil
	}
	ls, err := scanLinks(reportLinkQuery(s.db.WithContext(ctx)).Where("r.article_id IN ? AND r.withdrawn_at IS NULL", articleIDs).Order("r.id"))
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		out[l.ArticleID] = append(out[l.ArticleID], l)
	}
	return out, nil
}
