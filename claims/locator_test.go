package claims_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/factdesk/factdesk/claims"
)

// A Locator finds what Anchor.Locate finds, in place or moved.
func TestLocatorAgreesWithLocate(t *testing.T) {
	var anchors []claims.Anchor
	for _, q := range []string{"900 مليار دولار", "بنحو 20 %", "20 يناير 2025", "6 ملايين دولار"} {
		a, _, err := claims.AnchorQuote(sampleAR, q, -1)
		if err != nil {
			t.Fatal(err)
		}
		anchors = append(anchors, a)
	}
	anchors = append(anchors, claims.Anchor{Exact: "غير موجود", Start: 3, End: 12}, claims.Anchor{})
	for _, text := range []string{sampleAR, "مقدمة جديدة. " + sampleAR, strings.Repeat(sampleAR+"\n\n", 3), "\xff" + sampleAR} {
		loc := claims.NewLocator(text)
		for _, a := range anchors {
			want, wantOK := a.Locate(text)
			got, ok := loc.Locate(a)
			if diff := cmp.Diff(got, want); diff != "" || ok != wantOK {
				t.Errorf("%q in a text of %d bytes: ok %v, want %v (-got +want):\n%s", a.Exact, len(text), ok, wantOK, diff)
			}
		}
	}
}
