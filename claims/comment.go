package claims

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// Comment is one message in a claim's thread. A comment that came with a
// request for changes names the verdict version it was about.
type Comment struct {
	ID               int64
	ClaimID          int64
	VerdictNumber    int // 0 for a plain comment
	ChangesRequested bool
	AuthorID         int64
	AuthorName       string
	Body             string
	CreatedAt        time.Time
}

type commentRow struct {
	ID        int64
	ClaimID   int64
	VerdictID *int64
	AuthorID  int64
	Body      string
	CreatedAt time.Time
}

func (commentRow) TableName() string { return "comments" }

// AddComment adds a comment to a claim's thread (any member of the desk).
func (s *Service) AddComment(ctx context.Context, actor Actor, claimID int64, body string) (Comment, error) {
	if !actor.Role.Valid() {
		return Comment{}, ErrForbidden
	}
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	if body == "" {
		return Comment{}, FieldErrors{"body": "err.required"}
	}
	if utf8.RuneCountInString(body) > MaxComment {
		return Comment{}, FieldErrors{"body": "err.too_long"}
	}
	var row commentRow
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		cl, err := claimIn(tx, claimID)
		if err != nil {
			return err
		}
		row = commentRow{ClaimID: claimID, AuthorID: actor.ID, Body: body, CreatedAt: s.now()}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return s.record(tx, actor, claimID, cl.ArticleID, "comment.added", []Change{{Field: "comment", New: body}})
	})
	if err != nil {
		return Comment{}, err
	}
	return Comment{ID: row.ID, ClaimID: claimID, AuthorID: actor.ID, Body: body, CreatedAt: row.CreatedAt}, nil
}

// Comments returns a claim's thread, oldest first.
func (s *Service) Comments(ctx context.Context, claimID int64) ([]Comment, error) {
	var rows []struct {
		Row           commentRow `gorm:"embedded"`
		AuthorName    string
		VerdictNumber *int
	}
	err := s.db.WithContext(ctx).Table("comments m").
		Select("m.*, COALESCE(u.name, '') AS author_name, v.number AS verdict_number").
		Joins("LEFT JOIN users u ON u.id = m.author_id").
		Joins("LEFT JOIN verdicts v ON v.id = m.verdict_id").
		Where("m.claim_id = ?", claimID).Order("m.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]Comment, len(rows))
	for i, r := range rows {
		c := Comment{ID: r.Row.ID, ClaimID: r.Row.ClaimID, AuthorID: r.Row.AuthorID, AuthorName: r.AuthorName, Body: r.Row.Body, CreatedAt: r.Row.CreatedAt}
		if r.VerdictNumber != nil {
			c.VerdictNumber, c.ChangesRequested = *r.VerdictNumber, true
		}
		out[i] = c
	}
	return out, nil
}
