package claims

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
)

// Sentinel errors; the web layer maps them to statuses and messages.
var (
	ErrNotFound         = errors.New("not found")
	ErrInvalid          = errors.New("invalid input")
	ErrConflict         = errors.New("changed by someone else since you started editing")
	ErrDuplicateArticle = errors.New("this article text is already stored")
	ErrTransition       = errors.New("this status change is not allowed")
	ErrNoEvidence       = errors.New("a claim goes to review only with at least one piece of evidence")
	ErrVerdictStep      = errors.New("this status change is made by submitting, approving or sending back a verdict")
)

// FieldErrors maps form fields to message keys.
type FieldErrors map[string]string

func (f FieldErrors) Error() string { return "invalid fields" }

func (f FieldErrors) Is(target error) bool { return target == ErrInvalid }

// Service is the claims store.
type Service struct {
	db       *gorm.DB
	now      func() time.Time
	evidence EvidenceCounter
	// plan, in tests, changes the estimates that choose how the claim
	// list's free text is queried, so that every way is tested.
	plan func(*searchindex.Filter)
	// beforeCount, in tests, changes the estimates before the list counts
	// the matches of several words (so that it does).
	beforeCount func(*searchindex.Filter)
}

// NewService wraps an open, migrated database.
func NewService(db *gorm.DB) *Service {
	return &Service{db: db, now: func() time.Time { return time.Now().UTC() }}
}

// historyRow is one append-only history entry.
type historyRow struct {
	ID        int64
	ClaimID   *int64
	ArticleID *int64
	UserID    *int64
	Action    string
	Changes   string
	CreatedAt time.Time
}

func (historyRow) TableName() string { return "claim_history" }

// Change is one field's old and new value.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// HistoryEntry is a history row as readers see it.
type HistoryEntry struct {
	ID        int64
	ClaimID   int64
	ArticleID int64
	UserID    int64
	UserName  string
	Action    string
	Changes   []Change
	At        time.Time
}

func (s *Service) record(tx *gorm.DB, actor Actor, claimID, articleID int64, action string, changes []Change) error {
	b, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	row := historyRow{Action: action, Changes: string(b), CreatedAt: s.now()}
	if claimID != 0 {
		row.ClaimID = &claimID
	}
	if articleID != 0 {
		row.ArticleID = &articleID
	}
	if actor.ID != 0 {
		row.UserID = &actor.ID
	}
	return tx.Create(&row).Error
}

// History returns the history of one claim, oldest first.
func (s *Service) History(ctx context.Context, claimID int64) ([]HistoryEntry, error) {
	return s.historyWhere(ctx, "h.claim_id = ?", claimID)
}

// historyWhere reads history entries matching a condition on h, oldest
// first, with the names of the people who made them.
func (s *Service) historyWhere(ctx context.Context, cond string, args ...any) ([]HistoryEntry, error) {
	var rows []struct {
		Row      historyRow `gorm:"embedded"`
		UserName string
	}
	err := s.db.WithContext(ctx).Table("claim_history h").
		Select("h.*, COALESCE(u.name, '') AS user_name").
		Joins("LEFT JOIN users u ON u.id = h.user_id").
		Where(cond, args...).Order("h.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]HistoryEntry, 0, len(rows))
	for _, v := range rows {
		r := v.Row
		e := HistoryEntry{ID: r.ID, Action: r.Action, At: r.CreatedAt, UserName: v.UserName}
		if r.ClaimID != nil {
			e.ClaimID = *r.ClaimID
		}
		if r.ArticleID != nil {
			e.ArticleID = *r.ArticleID
		}
		if r.UserID != nil {
			e.UserID = *r.UserID
		}
		_ = json.Unmarshal([]byte(r.Changes), &e.Changes)
		out = append(out, e)
	}
	return out, nil
}

// Person is a user as the claims pages list them (assignees).
type Person struct {
	ID   int64
	Name string
}

// People lists active accounts that can be assigned claims.
func (s *Service) People(ctx context.Context) ([]Person, error) {
	var out []Person
	err := s.db.WithContext(ctx).Table("users").Select("id, name").Where("disabled_at IS NULL").Order("name, id").Scan(&out).Error
	return out, err
}
