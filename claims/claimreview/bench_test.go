package claimreview_test

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/factdesk/factdesk/claims/claimreview"
)

// recordsReader produces a JSON array of n ClaimReviews on the fly, so the
// input never sits in memory as a whole.
type recordsReader struct {
	n, i int
	buf  strings.Reader
	done bool
}

func (r *recordsReader) Read(p []byte) (int, error) {
	for r.buf.Len() == 0 {
		switch {
		case r.done:
			return 0, io.EOF
		case r.i == 0:
			r.buf.Reset("[")
		case r.i > r.n:
			r.buf.Reset("]")
			r.done = true
		default:
			sep := ","
			if r.i == 1 {
				sep = ""
			}
			r.buf.Reset(fmt.Sprintf(`%s{"@type":"ClaimReview","claimReviewed":"ادعاء رقم %d عن أسعار الوقود في المنطقة","url":"https://desk.example/check/%d",`+
				`"author":{"@type":"Organization","name":"مرصد"},"datePublished":"2025-01-%02d","reviewRating":{"@type":"Rating","alternateName":"زائف","ratingValue":1,"bestRating":5,"worstRating":1},`+
				`"itemReviewed":{"@type":"Claim","author":{"@type":"Person","name":"منشورات"},"datePublished":"2025-01-01"}}`, sep, r.i, r.i, 1+r.i%28))
		}
		r.i++
	}
	return r.buf.Read(p)
}

// BenchmarkDecodeLargeArray decodes a 100,000-record array (about 40 MB)
// and reports the largest live heap seen while doing so: it stays flat
// because the array is streamed element by element.
func BenchmarkDecodeLargeArray(b *testing.B) {
	const n = 100000
	for i := 0; i < b.N; i++ {
		src := &recordsReader{n: n}
		d := claimreview.NewDecoder(src)
		var peak uint64
		var ms runtime.MemStats
		count := 0
		for {
			_, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			count++
			if count%5000 == 0 {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
		}
		if count != n {
			b.Fatalf("decoded %d records", count)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	}
}
