package claims

import "time"

// SetClock replaces the service's clock. The demo workspace uses it to spread
// its work over past weeks, and tests use it to control time; the server
// keeps the real clock.
func (s *Service) SetClock(now func() time.Time) {
	s.now = func() time.Time { return now().UTC() }
}
