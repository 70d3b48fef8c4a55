package sources

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
)

// The search records of sources: written in the transaction of every write
// to a source, like claims write theirs (claims/searchindex).

// sourceSearchDocText is the searchable text of a source, the same when it
// is indexed and when its rank is computed.
func sourceSearchDocText(title, publisher, author, url, notes string) string {
	var kept []string
	for _, p := range []string{title, publisher, author, url, notes} {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n")
}

// indexSources writes the search records of the sources ids inside tx.
func indexSources(ctx context.Context, tx *gorm.DB, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	for start := 0; start < len(ids); start += 500 {
		var rows []sourceRow
		if err := tx.WithContext(ctx).Where("id IN ?", ids[start:min(start+500, len(ids))]).Find(&rows).Error; err != nil {
			return err
		}
		docs := make([]searchindex.Doc, len(rows))
		for i, r := range rows {
			day := r.PublishedOn
			if day == "" {
				day = r.CreatedAt.UTC().Format("2006-01-02")
			}
			docs[i] = searchindex.Doc{Kind: searchindex.KindSource, Ref: r.ID, Lang: r.Lang, Day: day,
				Text: sourceSearchDocText(r.Title, r.Publisher, r.Author, r.URLNorm, r.Notes)}
		}
		if err := searchindex.Put(ctx, tx, docs...); err != nil {
			return err
		}
	}
	return nil
}

// Reindex rebuilds the search records of every source inside tx (cleared
// by the caller with searchindex.Clear).
func (s *Service) Reindex(ctx context.Context, tx *gorm.DB) error {
	var last int64
	for {
		var ids []int64
		if err := tx.WithContext(ctx).Table("sources").Where("id > ?", last).Order("id").Limit(1000).Pluck("id", &ids).Error; err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		if err := indexSources(ctx, tx, ids...); err != nil {
			return err
		}
		last = ids[len(ids)-1]
	}
}

// SearchTexts is the loader the search index ranks sources with.
func (s *Service) SearchTexts(ctx context.Context, refs []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(refs))
	if len(refs) == 0 {
		return out, nil
	}
	var rows []sourceRow
	if err := s.db.WithContext(ctx).Select("id, title, publisher, author, url_norm, notes").Where("id IN ?", refs).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = sourceSearchDocText(r.Title, r.Publisher, r.Author, r.URLNorm, r.Notes)
	}
	return out, nil
}

// SourceMap returns the sources of ids that exist (for search results).
func (s *Service) SourceMap(ctx context.Context, ids []int64) (map[int64]Source, error) {
	out := map[int64]Source{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []sourceRow
	if err := s.db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.source()
	}
	return out, nil
}
