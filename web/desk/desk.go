package desk

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/claims/report"
	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/sources"
	"github.com/factdesk/factdesk/web/auth"
)

// Desk is the wired desk: every service over one database handle.
type Desk struct {
	DB      *gorm.DB
	Claims  *claims.Service
	Sources *sources.Service
	// Index reads the search index, with each kind's text from its domain
	// (claims and sources write it themselves, in their own transactions).
	Index *searchindex.Index
	Users *auth.Store
}

// Each side implements the other's interface without importing it.
var (
	_ sources.Claims         = (*claims.Service)(nil)
	_ claims.EvidenceCounter = (*sources.Service)(nil)
)

// Option changes how New builds the desk.
type Option func(*claims.Service)

// Clock makes the claims service read the time from now (the demo workspace
// writes its history three weeks in the past).
func Clock(now func() time.Time) Option { return func(s *claims.Service) { s.SetClock(now) } }

// New builds the services over db and wires them together. The setters of
// the domains are called here and nowhere else.
func New(db *gorm.DB, opts ...Option) *Desk {
	svc := claims.NewService(db)
	for _, o := range opts {
		o(svc)
	}
	src := sources.NewService(db, svc)
	svc.SetEvidenceCounter(src)
	ix := searchindex.New(db)
	for _, k := range []searchindex.Kind{searchindex.KindClaim, searchindex.KindVerdict, searchindex.KindArticle, searchindex.KindPrior} {
		ix.SetLoader(k, svc.SearchTexts(k))
	}
	ix.SetLoader(searchindex.KindSource, src.SearchTexts)
	return &Desk{DB: db, Claims: svc, Sources: src, Index: ix, Users: auth.NewStore(db)}
}

// Export is what the exports read: the claims, their evidence and sources.
func (d *Desk) Export() export.Desk {
	return export.Desk{Claims: d.Claims, Evidence: d.ReportEvidence(), Sources: d.ReportSources()}
}

// ReportEvidence answers the reports' and exports' question "what is the
// evidence of these claims" from the sources package: the desk composes the
// two domains, which do not import each other.
func (d *Desk) ReportEvidence() report.EvidenceFunc {
	src := d.Sources
	return func(ctx context.Context, ids []int64) (map[int64][]report.Evidence, error) {
		ev, err := src.EvidenceOf(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make(map[int64][]report.Evidence, len(ev))
		for id, list := range ev {
			for _, e := range list {
				out[id] = append(out[id], report.Evidence{ID: e.ID, Stance: string(e.Stance), Passage: e.Passage, Location: e.Location,
					Note: e.Note, Source: reportSource(e.Source)})
			}
		}
		return out, nil
	}
}

// ReportSources returns the sources with these ids, for the JSON export.
func (d *Desk) ReportSources() func(ctx context.Context, ids []int64) ([]report.Source, error) {
	src := d.Sources
	return func(ctx context.Context, ids []int64) ([]report.Source, error) {
		ss, err := src.SourcesByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]report.Source, len(ss))
		for i, s := range ss {
			out[i] = reportSource(s)
		}
		return out, nil
	}
}

func reportSource(s sources.Source) report.Source {
	return report.Source{ID: s.ID, URL: s.URL, Title: s.Title, Publisher: s.Publisher, Author: s.Author, PublishedOn: s.PublishedOn,
		AccessedOn: s.AccessedOn, ArchiveURL: s.ArchiveURL, Kind: string(s.Kind), Lang: s.Lang, Notes: s.Notes}
}
