package claims

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/articletext"
	"github.com/factdesk/factdesk/claims/searchindex"
	"github.com/factdesk/factdesk/migrations"
)

// GenerateOptions shape a synthetic workspace for benchmarks.
type GenerateOptions struct {
	Articles int
	Claims   int
	Seed     uint64
	Texts    []string // article bodies to vary
	// Statements, when set, are real claim texts (LIAR, CheckThat! …) that the
	// claims' statements are made of, so word frequencies are realistic; the
	// claims are then not anchored in the article text. Without them each
	// claim is a sentence of its article.
	Statements []string
	Rand       *rand.Rand
}

// Generate bulk-inserts a synthetic workspace (articles with claims anchored
// in their text) in batched transactions, and returns the claims written.
// It bypasses per-row history on purpose: it makes benchmark data, not work.
// The search index is written in the same transactions, as for any write.
func Generate(ctx context.Context, db *gorm.DB, o GenerateOptions) (int, error) {
	if len(o.Texts) == 0 {
		return 0, fmt.Errorf("generate: no texts")
	}
	r := o.Rand
	now := time.Now().UTC()
	type art struct {
		id    int64
		body  []rune
		lang  string
		sents [][2]int
	}
	arts := make([]art, 0, o.Articles)
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var ids []int64
		for i := 0; i < o.Articles; i++ {
			base := o.Texts[i%len(o.Texts)]
			body := articletext.NormalizeArticleText(fmt.Sprintf("%s\n\n(#%d-%d)", base, o.Seed, i))
			row := articleRow{Title: fmt.Sprintf("%s #%d", firstLine(base), i+1), Outlet: "Generated", Lang: articletext.DetectLanguage(base),
				Body: body, TextHash: articletext.TextHash(body), CreatedAt: now, UpdatedAt: now, Version: 1,
				PublishedOn: now.AddDate(0, 0, -r.IntN(700)).Format("2006-01-02")}
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			runes := []rune(body)
			arts = append(arts, art{id: row.ID, body: runes, lang: row.Lang, sents: sentenceSpans(runes)})
			ids = append(ids, row.ID)
		}
		return indexArticles(ctx, tx, ids...)
	})
	if err != nil {
		return 0, err
	}
	var userIDs []int64
	db.WithContext(ctx).Table("users").Where("disabled_at IS NULL").Pluck("id", &userIDs)
	const batch = 100
	written := 0
	for written < o.Claims {
		err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			var sb strings.Builder
			var args []any
			sb.WriteString("INSERT INTO claims (article_id, statement, type, claimant, status, priority, priority_rank, assignee_id, lang, tags, value_json, anchor_exact, anchor_prefix, anchor_suffix, anchor_start, anchor_end, created_at, updated_at, version) VALUES ")
			n := min(batch, o.Claims-written)
			for j := 0; j < n; j++ {
				a := arts[r.IntN(len(arts))]
				sp := a.sents[r.IntN(len(a.sents))]
				anc := articletext.AnchorRunes(a.body, sp[0], sp[1])
				statement, lang := anc.Exact, a.lang
				var start, end any = anc.Start, anc.End
				if len(o.Statements) > 0 {
					statement = composeStatement(r, o.Statements)
					lang = articletext.DetectLanguage(statement)
					anc, start, end = articletext.Anchor{}, nil, nil
				}
				t := Types[r.IntN(len(Types))]
				st := Statuses[r.IntN(len(Statuses))]
				pr := Priorities[r.IntN(len(Priorities))]
				var assignee any
				if len(userIDs) > 0 && r.IntN(3) > 0 {
					assignee = userIDs[r.IntN(len(userIDs))]
				}
				ts := now.Add(-time.Duration(r.IntN(600*24)) * time.Hour)
				if j > 0 {
					sb.WriteString(",")
				}
				sb.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)")
				args = append(args, a.id, statement, string(t), "Generated", string(st), string(pr), rankOf(string(pr)), assignee, lang,
					[]string{"", "markets", "deepseek", "nvidia"}[r.IntN(4)], "{}", anc.Exact, anc.Prefix, anc.Suffix, start, end, ts, ts)
			}
			sb.WriteString(" RETURNING id")
			var ids []int64
			if err := tx.Raw(sb.String(), args...).Scan(&ids).Error; err != nil {
				return err
			}
			if err := indexClaims(ctx, tx, textChanged, ids...); err != nil {
				return err
			}
			written += n
			return nil
		})
		if err != nil {
			return written, err
		}
	}
	err = db.WithContext(ctx).Exec("INSERT INTO claim_tags (claim_id, tag) SELECT id, tags FROM claims WHERE tags <> '' AND tags NOT LIKE '%,%' ON CONFLICT DO NOTHING").Error
	if err != nil {
		return written, err
	}
	if err := searchindex.Optimize(ctx, db); err != nil {
		return written, err
	}
	return written, migrations.Analyze(ctx, db)
}

// composeStatement makes a claim's statement of real ones: one as it is, or
// the start of one joined to the end of another (cut at spaces), so that the
// vocabulary and word frequencies stay those of real claims while a million
// statements are not a million copies of ten thousand.
func composeStatement(r *rand.Rand, texts []string) string {
	a := texts[r.IntN(len(texts))]
	if r.IntN(3) == 0 {
		return a
	}
	b := strings.Fields(texts[r.IntN(len(texts))])
	wa := strings.Fields(a)
	if len(wa) < 4 || len(b) < 4 {
		return a
	}
	cutA, cutB := 2+r.IntN(len(wa)-2), 1+r.IntN(len(b)-2)
	s := strings.Join(append(wa[:cutA:cutA], b[cutB:]...), " ")
	if len(s) > MaxStatement {
		// Cut between characters: PostgreSQL refuses half of one.
		cut := MaxStatement
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	if len([]rune(line)) > 80 {
		line = string([]rune(line)[:80])
	}
	return line
}

// sentenceSpans cuts a text into rough sentence spans (rune offsets).
func sentenceSpans(r []rune) [][2]int {
	var out [][2]int
	start := 0
	for i, c := range r {
		if c == '.' || c == '،' || c == '\n' || c == '؟' {
			if i-start > 12 {
				out = append(out, [2]int{start, i})
			}
			start = i + 1
		}
	}
	if len(out) == 0 {
		out = append(out, [2]int{0, len(r)})
	}
	// Trim leading spaces so anchors start on a letter.
	for k := range out {
		for out[k][0] < out[k][1] && (r[out[k][0]] == ' ' || r[out[k][0]] == '\n') {
			out[k][0]++
		}
	}
	return out
}
