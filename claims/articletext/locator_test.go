package articletext_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims/articletext"
)

// sampleAR is the Arabic sample of the claims tests: quotes that repeat,
// figures, a date.
const sampleAR = `شهدت الأسواق أمس يوماً عصيباً، إذ خسرت إنفيديا نحو 900 مليار دولار من قيمتها السوقية بعدما هبط سهمها بنحو 20 %.

وفي 20 يناير 2025 حضر ليانغ اجتماعاً. وقالت الشركة إن بناء نموذجها كلّف ما لا يتجاوز 6 ملايين دولار.`

// A Locator finds what Anchor.Locate finds, in place or moved.
func TestLocatorAgreesWithLocate(t *testing.T) {
	var anchors []articletext.Anchor
	for _, q := range []string{"900 مليار دولار", "بنحو 20 %", "20 يناير 2025", "6 ملايين دولار"} {
		a, _, err := articletext.AnchorQuote(sampleAR, q, -1)
		if err != nil {
			t.Fatal(err)
		}
		anchors = append(anchors, a)
	}
	anchors = append(anchors, articletext.Anchor{Exact: "غير موجود", Start: 3, End: 12}, articletext.Anchor{})
	for _, text := range []string{sampleAR, "مقدمة جديدة. " + sampleAR, strings.Repeat(sampleAR+"\n\n", 3), "\xff" + sampleAR} {
		loc := articletext.NewLocator(text)
		for _, a := range anchors {
			want, wantOK := a.Locate(text)
			got, ok := loc.Locate(a)
			if diff := cmp.Diff(got, want); diff != "" || ok != wantOK {
				t.Errorf("%q in a text of %d bytes: ok %v, want %v (-got +want):\n%s", a.Exact, len(text), ok, wantOK, diff)
			}
		}
	}
}
