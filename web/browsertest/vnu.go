package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// HTMLChecker collects HTML documents and validates them all with one run of
// the Nu HTML Checker (vnu.jar), because each run starts a JVM (~1-2 s).
// It is safe for concurrent use (parallel subtests may Add).
//
// If documents were added and neither Check nor Errors ran after the last
// Add, Check runs automatically in the cleanup of the test that created the
// checker, so a forgotten Check does not hide errors.
type HTMLChecker struct {
	t    testing.TB
	jar  string
	java string
	dir  string

	mu      sync.Mutex
	names   []string          // in the order of Add
	docs    map[string]string // name -> HTML
	ignore  []*regexp.Regexp
	checked bool         // Errors ran since the last Add
	msgs    []vnuMessage // result of the last vnu run, unfiltered
}

// vnuMessage is one error of the checker, mapped back to a document name.
type vnuMessage struct {
	name, text, message string
}

// NewHTMLChecker returns an empty checker. It skips the test when java or
// vnu.jar is missing, unless CI is set (see FindVNU).
func NewHTMLChecker(t testing.TB) *HTMLChecker {
	t.Helper()
	c := &HTMLChecker{
		t:    t,
		jar:  FindVNU(t),
		java: FindJava(t),
		dir:  t.TempDir(),
		docs: map[string]string{},
	}
	t.Cleanup(func() {
		c.mu.Lock()
		pending := len(c.names) > 0 && !c.checked
		c.mu.Unlock()
		if pending {
			t.Log("browsertest: HTMLChecker.Check was not called; checking now")
			c.Check(t)
		}
	})
	return c
}

// Add queues a complete HTML document under a name used in the report (for
// example "claim page (ar)"). A name that is already taken gets a suffix.
func (c *HTMLChecker) Add(name, html string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, dup := c.docs[name]; dup || name == "" {
		base := name
		for i := 2; ; i++ {
			name = fmt.Sprintf("%s #%d", base, i)
			if _, dup := c.docs[name]; !dup {
				break
			}
		}
	}
	c.names = append(c.names, name)
	c.docs[name] = html
	c.checked = false
	c.msgs = nil
}

// Ignore drops every error whose message matches the regular expression (use
// sparingly, for a known checker false positive). It applies to later calls
// of Errors and Check and needs no new vnu run.
func (c *HTMLChecker) Ignore(pattern string) {
	re := regexp.MustCompile(pattern)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ignore = append(c.ignore, re)
}

// Errors validates every document added so far (one vnu run; the result is
// cached until the next Add) and returns the errors per document name, minus
// the ignored ones.
// Documents without errors are absent from the map. Each error reads
// "line L, column C: message (extract)". An infrastructure failure (vnu does
// not run) fails the test that created the checker.
func (c *HTMLChecker) Errors() map[string][]string {
	c.mu.Lock()
	if !c.checked {
		msgs, err := c.run()
		c.msgs, c.checked = msgs, true // also on error, so the cleanup does not retry
		if err != nil {
			c.mu.Unlock()
			c.t.Fatalf("browsertest: %v", err)
		}
	}
	defer c.mu.Unlock()
	errs := map[string][]string{}
messages:
	for _, m := range c.msgs {
		for _, re := range c.ignore {
			if re.MatchString(m.message) {
				continue messages
			}
		}
		errs[m.name] = append(errs[m.name], m.text)
	}
	return errs
}

// run writes the documents to files and runs vnu once over all of them.
func (c *HTMLChecker) run() ([]vnuMessage, error) {
	if len(c.names) == 0 {
		return nil, nil
	}

	// Write the documents under neutral file names and map them back.
	byFile := map[string]string{}
	args := []string{"-jar", c.jar, "--errors-only", "--format", "json", "--stdout"}
	for i, name := range c.names {
		file := filepath.Join(c.dir, fmt.Sprintf("doc-%03d.html", i+1))
		if err := os.WriteFile(file, []byte(c.docs[name]), 0o644); err != nil {
			return nil, err
		}
		byFile[filepath.Base(file)] = name
		args = append(args, file)
	}

	cmd := exec.Command(c.java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	runErr := cmd.Run() // exits 1 when a document has errors
	elapsed := time.Since(start)

	var res struct {
		Messages []struct {
			Type        string `json:"type"`
			URL         string `json:"url"`
			FirstLine   int    `json:"firstLine"`
			LastLine    int    `json:"lastLine"`
			FirstColumn int    `json:"firstColumn"`
			Message     string `json:"message"`
			Extract     string `json:"extract"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("vnu.jar did not produce JSON (run error: %v, decode error: %v)\nstdout:\n%s\nstderr:\n%s",
			runErr, err, stdout.String(), stderr.String())
	}
	c.t.Logf("browsertest: vnu checked %d document(s) in %v", len(c.names), elapsed.Round(time.Millisecond))

	var out []vnuMessage
	for _, m := range res.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		name, ok := byFile[path.Base(m.URL)]
		if !ok {
			name = m.URL
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		text := fmt.Sprintf("line %d, column %d: %s", line, m.FirstColumn, m.Message)
		if m.Type == "non-document-error" {
			text = "checker error: " + m.Message
		}
		if ex := strings.TrimSpace(m.Extract); ex != "" {
			text += fmt.Sprintf(" (%q)", ex)
		}
		out = append(out, vnuMessage{name: name, text: text, message: m.Message})
	}
	if runErr != nil && len(out) == 0 {
		return nil, fmt.Errorf("vnu.jar failed and reported no error: %v\nstderr:\n%s", runErr, stderr.String())
	}
	return out, nil
}

// Check validates the documents (see Errors) and reports each document's
// errors with t.Errorf.
func (c *HTMLChecker) Check(t testing.TB) {
	t.Helper()
	errs := c.Errors()
	names := make([]string, 0, len(errs))
	for name := range errs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Errorf("Nu HTML Checker: %d error(s) in %s:\n  - %s", len(errs[name]), name, strings.Join(errs[name], "\n  - "))
	}
}

// CheckHTML validates the page with the Nu HTML Checker (one JVM start) and
// reports errors with t.Errorf. It checks the document as the server sent it
// (Source), which is what templ produced; when no HTTP response is recorded
// (about:blank, data: URLs) it checks the serialized DOM (HTML) instead.
// To check many pages, prefer one HTMLChecker and a single Check.
func (p *Page) CheckHTML(t testing.TB) {
	t.Helper()
	c := NewHTMLChecker(t)
	name := p.currentURL()
	src, err := p.source()
	if err != nil {
		t.Logf("browsertest: no server response for %s (%v); checking the serialized DOM", name, err)
		src = p.HTML(t)
		name += " (DOM)"
	}
	c.Add(name, src)
	c.Check(t)
}
