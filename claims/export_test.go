package claims

var DBUpdateHistoryFor = dbUpdateHistoryFor

func dbUpdateHistoryFor(s *Service, id int64) error {
	return s.db.Exec("UPDATE claim_history SET action = 'x' WHERE id = ?", id).Error
}
