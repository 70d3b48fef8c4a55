package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Violation is one axe-core rule that failed, with the elements that fail it.
type Violation struct {
	ID      string          `json:"id"`
	Impact  string          `json:"impact"` // "minor", "moderate", "serious" or "critical"
	Help    string          `json:"help"`
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that fails a rule.
type ViolationNode struct {
	Target  string `json:"target"` // CSS selector (" >> " joins the parts for iframes and shadow roots)
	HTML    string `json:"html"`
	Summary string `json:"failureSummary"`
}

// String formats the violation as "id (impact): help [targets]" with the first
// 3 target selectors.
func (v Violation) String() string {
	var targets []string
	for i, n := range v.Nodes {
		if i == 3 {
			targets = append(targets, fmt.Sprintf("… %d more", len(v.Nodes)-3))
			break
		}
		targets = append(targets, n.Target)
	}
	return fmt.Sprintf("%s (%s): %s [%s] %s", v.ID, v.Impact, v.Help, strings.Join(targets, ", "), v.HelpURL)
}

// axeRun runs axe on the whole document and returns a JSON string of the
// violations, reduced to the fields of Violation.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({
  id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({
    target: n.target.map(x => Array.isArray(x) ? x.join(" >> ") : String(x)).join(" >> "),
    html: n.html, failureSummary: n.failureSummary || ""
  }))
}))))`

func (b *Browser) axeSource(t testing.TB) string {
	t.Helper()
	path := FindAxe(t) // may skip; outside the Once so every test skips
	b.axeOnce.Do(func() {
		data, err := os.ReadFile(path)
		b.axeJS, b.axeErr = string(data), err
	})
	if b.axeErr != nil {
		t.Fatalf("browsertest: reading axe-core: %v", b.axeErr)
	}
	return b.axeJS
}

// AxeViolations injects axe-core into the page (once per document) and
// returns every violation of axe.run(document), all impacts, with axe's
// default rules (WCAG 2.x A/AA and best practices). It fails the test only
// when axe cannot run.
func (p *Page) AxeViolations(t testing.TB) []Violation {
	t.Helper()
	src := p.Browser.axeSource(t)
	if !Get(t, p, chromedp.Evaluate[bool](`typeof window.axe === "object" && typeof window.axe.run === "function"`)) {
		p.Run(t, chromedp.Evaluate[chromedp.Void](src+"\n;void 0"))
	}
	raw := Get(t, p, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
	var vs []Violation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		t.Fatalf("browsertest: decoding axe results: %v", err)
	}
	return vs
}

// SeriousViolations returns the violations with impact "serious" or "critical".
func SeriousViolations(vs []Violation) []Violation {
	var out []Violation
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			out = append(out, v)
		}
	}
	return out
}

// CheckAxe runs axe-core on the page and reports every violation with impact
// "serious" or "critical" with t.Errorf (rule id, help text, the first 3
// target selectors). Minor and moderate violations are logged with t.Logf.
func (p *Page) CheckAxe(t testing.TB) {
	t.Helper()
	all := p.AxeViolations(t)
	bad := SeriousViolations(all)
	for _, v := range all {
		if v.Impact != "serious" && v.Impact != "critical" {
			t.Logf("axe (not failing): %s", v)
		}
	}
	if len(bad) == 0 {
		return
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "axe-core: %d serious/critical violation(s) on %s:", len(bad), p.currentURL())
	for _, v := range bad {
		sb.WriteString("\n  - ")
		sb.WriteString(v.String())
	}
	t.Error(sb.String())
}

// currentURL is the URL for messages; it never fails the test.
func (p *Page) currentURL() string {
	ctx, cancel := contextWithTimeout(p)
	defer cancel()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "(unknown URL)"
	}
	return u
}
