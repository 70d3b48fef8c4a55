package sources

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

// GenerateOptions shape a synthetic library for benchmarks.
type GenerateOptions struct {
	Sources int
	Rand    *rand.Rand
}

var (
	genWordsEN = strings.Fields(`market shares chip export ban model training cost report record loss investors
		technology china united states nvidia deepseek openai baidu premier symposium hedge fund stake patent
		building funding billion million percent analysts statement ministry data survey interview post video
		election inflation budget climate energy oil gas health vaccine court ruling parliament minister`)
	genWordsAR = strings.Fields(`السوق الأسهم الرقائق حظر التصدير النموذج التدريب تكلفة تقرير خسارة قياسية المستثمرين
		التكنولوجيا الصين الولايات المتحدة إنفيديا ديب سيك بايدو رئيس الوزراء صندوق حصة براءة المبنى التمويل
		مليار مليون بالمئة المحللون بيان الوزارة بيانات مسح مقابلة منشور الانتخابات التضخم الميزانية المناخ الطاقة
		النفط الصحة اللقاح المحكمة البرلمان الوزير`)
	genPublishers = []struct{ name, host string }{
		{"Reuters", "www.reuters.com"}, {"CNBC", "www.cnbc.com"}, {"Associated Press", "apnews.com"},
		{"رويترز", "ara.reuters.com"}, {"الجزيرة", "www.aljazeera.net"}, {"BBC عربي", "www.bbc.com"},
		{"Bloomberg", "www.bloomberg.com"}, {"Financial Times", "www.ft.com"}, {"arXiv", "arxiv.org"},
		{"U.S. Department of Commerce", "www.commerce.gov"}, {"Xinhua", "english.news.cn"}, {"TechCrunch", "techcrunch.com"},
	}
)

// Generate bulk-inserts a synthetic library of Arabic and English sources in
// batched transactions (the search index follows through its triggers) and
// returns their ids. It bypasses history on purpose: it makes benchmark
// data, not work.
func Generate(ctx context.Context, db *gorm.DB, o GenerateOptions) ([]int64, error) {
	r := o.Rand
	now := time.Now().UTC()
	ids := make([]int64, 0, o.Sources)
	const batch = 200
	for done := 0; done < o.Sources; {
		n := min(batch, o.Sources-done)
		err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			var sb strings.Builder
			var args []any
			sb.WriteString("INSERT INTO sources (url, url_norm, title, publisher, author, published_on, accessed_on, archive_url, kind, lang, notes, search_text, created_at, updated_at, version) VALUES ")
			for j := 0; j < n; j++ {
				i := done + j
				words, lang := genWordsEN, "en"
				if r.IntN(2) == 0 {
					words, lang = genWordsAR, "ar"
				}
				var title []string
				for k := 0; k < 5+r.IntN(6); k++ {
					title = append(title, words[r.IntN(len(words))])
				}
				pub := genPublishers[r.IntN(len(genPublishers))]
				day := now.AddDate(0, 0, -r.IntN(900))
				url := fmt.Sprintf("https://%s/%s/%d-%s", pub.host, day.Format("2006/01/02"), i+1, strings.Join(title[:3], "-"))
				norm, err := NormalizeURL(url)
				if err != nil {
					return fmt.Errorf("generated URL %q: %w", url, err)
				}
				notes := ""
				if r.IntN(4) == 0 {
					notes = strings.Join(title[1:], " ")
				}
				t := strings.Join(title, " ")
				if j > 0 {
					sb.WriteString(",")
				}
				sb.WriteString("(?,?,?,?,'',?,?,'',?,?,?,?,?,?,1)")
				args = append(args, url, norm, t, pub.name, day.Format("2006-01-02"), now.Format("2006-01-02"),
					string(Kinds[r.IntN(len(Kinds))]), lang, notes, searchText(t, pub.name, "", norm, notes), now, now)
			}
			if err := tx.Exec(sb.String(), args...).Error; err != nil {
				return err
			}
			var last int64
			if err := tx.Raw("SELECT MAX(id) FROM sources").Scan(&last).Error; err != nil {
				return err
			}
			batchIDs := make([]int64, 0, n)
			for k := int64(n) - 1; k >= 0; k-- {
				batchIDs = append(batchIDs, last-k)
			}
			ids = append(ids, batchIDs...)
			return indexSources(ctx, tx, batchIDs...)
		})
		if err != nil {
			return ids, err
		}
		done += n
	}
	if err := searchindex.Optimize(ctx, db); err != nil {
		return ids, err
	}
	// PostgreSQL plans the search from fresh statistics (see migrations.Analyze).
	return ids, migrations.Analyze(ctx, db)
}
