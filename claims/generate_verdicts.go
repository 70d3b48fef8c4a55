package claims

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/migrations"
)

// GenerateVerdicts gives a generated workspace its verdicts, for benchmarks:
// an approved version for every published claim and a submitted one for every
// claim in review, with random labels and authors. Like Generate, it writes
// no history; the search index follows in the same transactions, and the
// planner's statistics are refreshed at the end.
func GenerateVerdicts(ctx context.Context, db *gorm.DB, r *rand.Rand) (int, error) {
	return GenerateVerdictsFrom(ctx, db, r, nil)
}

// GenerateVerdictsFrom is GenerateVerdicts with conclusions drawn from
// conclusions (real ruling summaries, cut to a conclusion's length) instead of
// one fixed text.
func GenerateVerdictsFrom(ctx context.Context, db *gorm.DB, r *rand.Rand, conclusions []string) (int, error) {
	var labels, users []int64
	if err := db.WithContext(ctx).Table("rating_labels").Where("retired_at IS NULL").Pluck("id", &labels).Error; err != nil {
		return 0, err
	}
	if err := db.WithContext(ctx).Table("users").Pluck("id", &users).Error; err != nil {
		return 0, err
	}
	if len(labels) == 0 || len(users) == 0 {
		return 0, fmt.Errorf("generate verdicts: no labels or no users")
	}
	var rows []struct {
		ID        int64
		Status    string
		CreatedAt time.Time
	}
	if err := db.WithContext(ctx).Table("claims").Select("id, status, created_at").
		Where("status IN ?", []string{string(StatusPublished), string(StatusInReview)}).Order("id").Scan(&rows).Error; err != nil {
		return 0, err
	}
	const batch = 200
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			var sb strings.Builder
			var args []any
			sb.WriteString("INSERT INTO verdicts (claim_id, number, label_id, conclusion, reasoning, verified_json, state, author_id, last_editor_id, submitted_at, published_at, created_at, updated_at, version) VALUES ")
			ids := make([]int64, 0, end-start)
			for i, c := range rows[start:end] {
				ids = append(ids, c.ID)
				conclusion := "Generated conclusion"
				if len(conclusions) > 0 {
					conclusion = conclusions[r.IntN(len(conclusions))]
					if rs := []rune(conclusion); len(rs) > MaxConclusion {
						conclusion = string(rs[:MaxConclusion])
					}
				}
				if i > 0 {
					sb.WriteString(",")
				}
				sb.WriteString("(?,1,?,?,?,'{}',?,?,?,?,?,?,?,1)")
				submitted := c.CreatedAt.Add(time.Duration(1+r.IntN(72)) * time.Hour)
				var published any
				state := string(VerdictSubmitted)
				if c.Status == string(StatusPublished) {
					state, published = string(VerdictApproved), submitted.Add(time.Duration(1+r.IntN(48))*time.Hour)
				}
				author := users[r.IntN(len(users))]
				args = append(args, c.ID, labels[r.IntN(len(labels))], conclusion, "Generated **reasoning**.", state,
					author, author, submitted, published, submitted, submitted)
			}
			if err := tx.Exec(sb.String(), args...).Error; err != nil {
				return err
			}
			return indexClaims(ctx, tx, textKept, ids...)
		})
		if err != nil {
			return start, err
		}
	}
	if err := searchindex.Optimize(ctx, db); err != nil {
		return len(rows), err
	}
	return len(rows), migrations.Analyze(ctx, db)
}
