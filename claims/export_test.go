package claims

import (
	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
)

var DBUpdateHistoryFor = dbUpdateHistoryFor

func dbUpdateHistoryFor(s *Service, id int64) error {
	return s.db.Exec("UPDATE claim_history SET action = 'x' WHERE id = ?", id).Error
}

// DBOf is the service's database, for tests that count rows.
func DBOf(s *Service) *gorm.DB { return s.db }

// Counted, as SetPlan's docs, makes the list count the matches of several
// words whatever their estimate.
const Counted = -2

// SetPlan makes the claim list's free text query as if docs records matched
// its words (and held each of them), out of records, so that tests reach
// every query plan (docs < 0
// leaves the estimates alone); window, when not 0, is the size of every
// window of postings a page reads (PostgreSQL).
func SetPlan(s *Service, docs, records int64, window int) {
	s.beforeCount = nil
	if docs == Counted {
		// As if each word were in most claims: the list counts the
		// records holding them all (and keeps them, on PostgreSQL).
		s.beforeCount = func(f *searchindex.Filter) { f.Docs, f.Records = 1000000, 1000000 }
		docs = -1
	}
	s.plan = func(f *searchindex.Filter) {
		if docs >= 0 {
			f.Docs, f.Records = docs, records
			for i := range f.GroupDocs {
				f.GroupDocs[i] = docs // each word as common as the estimate
			}
		}
		f.FixedWindow = window
	}
}
