package browsertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// installHint is appended to every "tool is missing" message.
const installHint = "run: npm ci --prefix .ci (from the module root), or see .ci/run"

// inCI reports whether the environment variable CI is set to a true value.
// In CI a missing tool is a failure; on a developer machine it skips the test.
func inCI() bool {
	switch strings.ToLower(strings.TrimSpace(os.Getenv("CI"))) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// missing skips the test with msg, or fails it when CI is set.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if inCI() {
		t.Fatalf("browsertest: "+format+" (CI is set, so this is a failure, not a skip)", args...)
	}
	t.Skipf("browsertest: "+format+"; skipping", args...)
}

// ModuleRoot returns the directory that holds go.mod, found by walking up
// from the working directory (go test runs in the package directory). It
// returns "" when there is none.
func ModuleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if fi, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !fi.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// findCIFile locates a file of the .ci npm tree: the env variable env
// overrides, else <module root>/.ci/node_modules/<rel>.
func findCIFile(t testing.TB, env, rel, what string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			missing(t, "%s: %s=%q does not exist (%v)", what, env, p, err)
		}
		return p
	}
	root := ModuleRoot()
	if root == "" {
		missing(t, "%s: no go.mod above the working directory; set %s or %s", what, env, installHint)
		return ""
	}
	p := filepath.Join(root, ".ci", "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, "%s not found at %s; %s (or set %s)", what, p, installHint, env)
	}
	return p
}

// FindAxe returns the path of axe.min.js: $FACTDESK_AXE, else
// <module root>/.ci/node_modules/axe-core/axe.min.js. When it is missing the
// test is skipped, or fails when CI is set.
func FindAxe(t testing.TB) string {
	t.Helper()
	return findCIFile(t, "FACTDESK_AXE", "axe-core/axe.min.js", "axe-core (axe.min.js)")
}

// FindVNU returns the path of the Nu HTML Checker jar: $FACTDESK_VNU, else
// <module root>/.ci/node_modules/vnu-jar/build/dist/vnu.jar. It also checks
// that a java binary exists (see FindJava). When either is missing the test is
// skipped, or fails when CI is set.
func FindVNU(t testing.TB) string {
	t.Helper()
	jar := findCIFile(t, "FACTDESK_VNU", "vnu-jar/build/dist/vnu.jar", "Nu HTML Checker (vnu.jar)")
	FindJava(t)
	return jar
}

// FindJava returns the java binary: $FACTDESK_JAVA, else java on PATH.
func FindJava(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("FACTDESK_JAVA"); p != "" {
		return p
	}
	p, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java not found on PATH (needed by vnu.jar): apt-get install default-jre-headless, or set FACTDESK_JAVA")
	}
	return p
}

// FindChrome returns the Chromium binary: $FACTDESK_CHROME, else the first of
// /usr/bin/chromium, chromium, chromium-browser, google-chrome,
// google-chrome-stable found on PATH. When none exists the test is skipped, or
// fails when CI is set.
func FindChrome(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("FACTDESK_CHROME"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			missing(t, "FACTDESK_CHROME=%q is not an executable (%v)", p, err)
		}
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "Chromium not found (looked for /usr/bin/chromium, chromium-browser, google-chrome; "+
		"set FACTDESK_CHROME): apt-get install chromium fonts-noto-core")
	return ""
}
