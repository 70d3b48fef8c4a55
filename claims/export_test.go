package claims

import "gorm.io/gorm"

var DBUpdateHistoryFor = dbUpdateHistoryFor

func dbUpdateHistoryFor(s *Service, id int64) error {
	return s.db.Exec("UPDATE claim_history SET action = 'x' WHERE id = ?", id).Error
}

// DBOf is the service's database, for tests that count rows.
func DBOf(s *Service) *gorm.DB { return s.db }

// SetBySort sets how many claims may hold the words of the list's free text
// for the list to read and sort them all, so tests reach both query plans.
func SetBySort(s *Service, n int64) { s.bySort = n }
