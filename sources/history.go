package sources

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"
)

// Change is one field's old and new value.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// HistoryEntry is one change to a source, as readers see it.
type HistoryEntry struct {
	ID       int64
	SourceID int64
	UserID   int64
	UserName string
	Action   string
	Changes  []Change
	At       time.Time
}

type sourceHistoryRow struct {
	ID        int64
	SourceID  int64
	UserID    *int64
	Action    string
	Changes   string
	CreatedAt time.Time
}

func (sourceHistoryRow) TableName() string { return "source_history" }

func (s *Service) recordSource(tx *gorm.DB, userID, sourceID int64, action string, changes []Change) error {
	if changes == nil {
		changes = []Change{}
	}
	b, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	row := sourceHistoryRow{SourceID: sourceID, Action: action, Changes: string(b), CreatedAt: s.now()}
	if userID != 0 {
		row.UserID = &userID
	}
	return tx.Create(&row).Error
}

// History returns the changes to a source, oldest first.
func (s *Service) History(ctx context.Context, sourceID int64) ([]HistoryEntry, error) {
	var rows []struct {
		Row      sourceHistoryRow `gorm:"embedded"`
		UserName string
	}
	err := s.db.WithContext(ctx).Table("source_history h").
		Select("h.*, COALESCE(u.name, '') AS user_name").
		Joins("LEFT JOIN users u ON u.id = h.user_id").
		Where("h.source_id = ?", sourceID).Order("h.id").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]HistoryEntry, 0, len(rows))
	for _, v := range rows {
		r := v.Row
		e := HistoryEntry{ID: r.ID, SourceID: r.SourceID, UserName: v.UserName, Action: r.Action, At: r.CreatedAt}
		if r.UserID != nil {
			e.UserID = *r.UserID
		}
		_ = json.Unmarshal([]byte(r.Changes), &e.Changes)
		out = append(out, e)
	}
	return out, nil
}
