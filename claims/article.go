package claims

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/articletext"
)

// Article is a stored article: its details and the immutable text snapshot.
type Article struct {
	ID          int64
	Title       string
	Outlet      string
	URL         string
	Author      string
	PublishedOn string // YYYY-MM-DD or ""
	Lang        string
	Body        string
	TextHash    string
	CreatedBy   int64
	CreatedAt   time.Time
	Version     int64
	ClaimCount  int64 `gorm:"-"`
}

type articleRow struct {
	ID          int64
	Title       string
	Outlet      string
	URL         string
	Author      string
	PublishedOn string
	Lang        string
	Body        string
	TextHash    string
	CreatedBy   *int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int64
}

func (articleRow) TableName() string { return "articles" }

func (r articleRow) article() Article {
	a := Article{ID: r.ID, Title: r.Title, Outlet: r.Outlet, URL: r.URL, Author: r.Author, PublishedOn: r.PublishedOn,
		Lang: r.Lang, Body: r.Body, TextHash: r.TextHash, CreatedAt: r.CreatedAt, Version: r.Version}
	if r.CreatedBy != nil {
		a.CreatedBy = *r.CreatedBy
	}
	return a
}

// NewArticle is what a reviewer submits.
type NewArticle struct {
	Title       string
	Outlet      string
	URL         string
	Author      string
	PublishedOn string
	Lang        string // "", "ar" or "en"; empty means detect
	Body        string
}

// Limits on article fields.
const (
	MaxTitle     = 500
	MaxShortText = 300
	MaxURL       = 2000
)

// Validate normalises and checks the input, returning field errors keyed by
// form field with message keys as values.
func (n *NewArticle) Validate(now time.Time) FieldErrors {
	errs := FieldErrors{}
	n.Title = strings.TrimSpace(n.Title)
	n.Outlet = strings.TrimSpace(n.Outlet)
	n.Author = strings.TrimSpace(n.Author)
	n.URL = strings.TrimSpace(n.URL)
	n.PublishedOn = strings.TrimSpace(n.PublishedOn)
	if len(n.Body) > articletext.MaxArticleBytes {
		errs["body"] = "err.article_too_large"
	} else {
		n.Body = articletext.NormalizeArticleText(n.Body)
		if n.Body == "" {
			errs["body"] = "err.required"
		} else if !utf8.ValidString(n.Body) {
			errs["body"] = "err.not_text"
		}
	}
	if n.Title == "" {
		errs["title"] = "err.required"
	} else if utf8.RuneCountInString(n.Title) > MaxTitle {
		errs["title"] = "err.too_long"
	}
	for field, v := range map[string]string{"outlet": n.Outlet, "author": n.Author} {
		if utf8.RuneCountInString(v) > MaxShortText {
			errs[field] = "err.too_long"
		}
	}
	if n.URL != "" {
		if key := CheckURL(n.URL); key != "" {
			errs["url"] = key
		}
	}
	if n.PublishedOn != "" {
		d, err := time.Parse("2006-01-02", n.PublishedOn)
		if err != nil {
			errs["published_on"] = "err.date"
		} else if d.After(now.Add(48 * time.Hour)) {
			errs["published_on"] = "err.date_future"
		}
	}
	switch n.Lang {
	case "":
		if errs["body"] == "" {
			n.Lang = articletext.DetectLanguage(n.Body)
		}
	case "ar", "en":
	default:
		errs["lang"] = "err.invalid"
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// CheckURL accepts only absolute http(s) URLs of sane length and returns a
// message key when it refuses one: a stored link must never run script.
func CheckURL(s string) string {
	if len(s) > MaxURL {
		return "err.too_long"
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || strings.ContainsAny(s, " \t\r\n<>\"") {
		return "err.url"
	}
	return ""
}

// CreateArticle stores an article. The same text twice is refused with
// ErrDuplicateArticle and the existing article, so the user can be sent there.
func (s *Service) CreateArticle(ctx context.Context, actor Actor, n NewArticle) (Article, error) {
	if errs := n.Validate(s.now()); errs != nil {
		return Article{}, errs
	}
	hash := articletext.TextHash(n.Body)
	var out Article
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var existing articleRow
		err := tx.Where("text_hash = ?", hash).Take(&existing).Error
		if err == nil {
			out = existing.article()
			return ErrDuplicateArticle
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		now := s.now()
		row := articleRow{Title: n.Title, Outlet: n.Outlet, URL: n.URL, Author: n.Author, PublishedOn: n.PublishedOn,
			Lang: n.Lang, Body: n.Body, TextHash: hash, CreatedAt: now, UpdatedAt: now, Version: 1}
		if actor.ID != 0 {
			row.CreatedBy = &actor.ID
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		out = row.article()
		if err := s.record(tx, actor, 0, row.ID, "article.created", []Change{{Field: "title", New: n.Title}}); err != nil {
			return err
		}
		return indexArticles(ctx, tx, row.ID)
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// The same text stored by someone else between our check and our
		// insert (PostgreSQL lets both transactions check; SQLite queues them).
		var existing articleRow
		if lerr := s.db.WithContext(ctx).Where("text_hash = ?", hash).Take(&existing).Error; lerr != nil {
			return Article{}, err
		}
		return existing.article(), ErrDuplicateArticle
	}
	return out, err
}

// Article returns one article.
func (s *Service) Article(ctx context.Context, id int64) (Article, error) {
	var row articleRow
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Article{}, ErrNotFound
	}
	return row.article(), err
}

// ArticlePage is one page of the article list.
type ArticlePage struct {
	Articles []Article
	Next     int64 // the id to continue before, 0 at the end
}

// Articles lists articles newest first, keyset-paginated by id, with claim
// counts in the same query.
func (s *Service) Articles(ctx context.Context, before int64, limit int) (ArticlePage, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var rows []struct {
		Row        articleRow `gorm:"embedded"`
		ClaimCount int64
	}
	q := s.db.WithContext(ctx).Table("articles a").
		Select("a.id, a.title, a.outlet, a.url, a.author, a.published_on, a.lang, a.text_hash, a.created_by, a.created_at, a.updated_at, a.version, " +
			"(SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claim_count")
	if before > 0 {
		q = q.Where("a.id < ?", before)
	}
	if err := q.Order("a.id DESC").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return ArticlePage{}, err
	}
	var page ArticlePage
	for i, r := range rows {
		if i == limit {
			page.Next = rows[limit-1].Row.ID
			break
		}
		a := r.Row.article()
		a.ClaimCount = r.ClaimCount
		page.Articles = append(page.Articles, a)
	}
	return page, nil
}
