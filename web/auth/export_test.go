package auth

import "time"

// SetClock replaces the store's clock (tests only).
func (s *Store) SetClock(now func() time.Time) { s.now = now }
