package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The module's import rules (docs/ARCHITECTURE.md). They live here because
// cmd is the top of the graph: the one package allowed to see all of it.
const module = "github.com/factdesk/factdesk"

// sharedLeaves are the packages under claims/ that both domains may use:
// pure code or a seam of its own, importing nothing of either domain's store.
var sharedLeaves = []string{
	"claims/fold",        // folding of Arabic and Latin text for search
	"claims/searchindex", // the search index: its engines' SQL, ranking, "checked before"
	"claims/extract",     // claim spotting, pure functions
	"claims/articletext", // HTML to text, anchoring, segments
	"claims/role",        // the one role type
}

// testFixtures are packages imported only by tests: they may wire what a
// test needs, like cmd does.
var testFixtures = []string{
	"claims/internal/desktest",
	"migrations/dbtest",
}

type rule struct {
	name string
	// applies to the importing package (a path relative to the module)
	from func(pkg string) bool
	// broken by importing imp (a full import path)
	bad func(pkg, imp string) bool
}

func under(pkg, root string) bool { return pkg == root || strings.HasPrefix(pkg, root+"/") }

func inModule(imp string) (string, bool) {
	if imp == module {
		return "", true
	}
	rel, ok := strings.CutPrefix(imp, module+"/")
	return rel, ok
}

func isLeaf(rel string) bool {
	for _, l := range sharedLeaves {
		if under(rel, l) {
			return true
		}
	}
	return false
}

func isFixture(rel string) bool {
	for _, f := range testFixtures {
		if rel == f {
			return true
		}
	}
	return false
}

// domain tells which domain a package belongs to ("" for none): the claims
// tree less its shared leaves, and the sources tree.
func domain(rel string) string {
	switch {
	case isLeaf(rel) || isFixture(rel):
		return ""
	case under(rel, "claims"):
		return "claims"
	case under(rel, "sources"):
		return "sources"
	}
	return ""
}

func importsAny(imp string, roots ...string) bool {
	for _, r := range roots {
		if imp == r || strings.HasPrefix(imp, r+"/") {
			return true
		}
	}
	return false
}

var rules = []rule{
	{
		name: "domains never import each other",
		from: func(pkg string) bool { return domain(pkg) != "" },
		bad: func(pkg, imp string) bool {
			rel, ok := inModule(imp)
			return ok && domain(rel) != "" && domain(rel) != domain(pkg)
		},
	},
	{
		name: "shared leaves import no domain",
		from: isLeaf,
		bad: func(_, imp string) bool {
			rel, ok := inModule(imp)
			return ok && domain(rel) != ""
		},
	},
	{
		name: "domains and migrations import no Echo, templ or web",
		from: func(pkg string) bool {
			return (under(pkg, "claims") || under(pkg, "sources") || under(pkg, "migrations")) && !isFixture(pkg)
		},
		bad: func(_, imp string) bool {
			return importsAny(imp, "github.com/labstack/echo", "github.com/a-h/templ", module+"/web", module+"/cmd")
		},
	},
	{
		name: "migrations imports no domain",
		from: func(pkg string) bool { return under(pkg, "migrations") },
		bad: func(_, imp string) bool {
			return importsAny(imp, module+"/claims", module+"/sources", module+"/web", module+"/cmd")
		},
	},
	{
		name: "views import no domain, store or GORM",
		from: func(pkg string) bool { return under(pkg, "web/views") },
		bad: func(_, imp string) bool {
			return importsAny(imp, module+"/claims", module+"/sources", module+"/migrations", "gorm.io", "github.com/factdesk/factdesk/web/desk", module+"/web/auth")
		},
	},
	{
		name: "the composition root imports no Echo, templ or web",
		from: func(pkg string) bool { return under(pkg, "web/desk") },
		bad: func(_, imp string) bool {
			return imp == module+"/web" || importsAny(imp, "github.com/labstack/echo", "github.com/a-h/templ", module+"/web/views")
		},
	},
	{
		name: "nothing imports web but cmd, nothing imports cmd",
		from: func(string) bool { return true },
		bad: func(pkg, imp string) bool {
			if importsAny(imp, module+"/cmd") {
				return true
			}
			return imp == module+"/web" && !under(pkg, "cmd")
		},
	},
}

// violations checks every package's imports against the rules.
func violations(imports map[string][]string) []string {
	var out []string
	for pkg, imps := range imports {
		for _, r := range rules {
			if !r.from(pkg) {
				continue
			}
			for _, imp := range imps {
				if r.bad(pkg, imp) {
					out = append(out, r.name+": "+pkg+" imports "+imp)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// moduleImports reads the imports of every non-test Go file under root,
// by package directory relative to the module.
func moduleImports(t *testing.T, root string) map[string][]string {
	t.Helper()
	imports := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		dir = filepath.ToSlash(dir)
		for _, spec := range f.Imports {
			imp, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				return err
			}
			imports[dir] = append(imports[dir], imp)
		}
		if _, ok := imports[dir]; !ok {
			imports[dir] = nil
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return imports
}

func TestDependencyRules(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found from cmd/factdesk: %v", err)
	}
	imports := moduleImports(t, root)
	for _, must := range []string{"claims", "sources", "migrations", "web", "web/views", "cmd/factdesk"} {
		if _, ok := imports[must]; !ok {
			t.Fatalf("package %s not read: the walk is broken (read %d packages)", must, len(imports))
		}
	}
	for _, v := range violations(imports) {
		t.Error(v)
	}
}

// The rules catch what they say: each graph below breaks one rule.
func TestDependencyRulesCatchBreaks(t *testing.T) {
	m := func(s string) string { return module + "/" + s }
	for _, c := range []struct {
		pkg, imp, rule string
	}{
		{"sources", m("claims"), "domains never import each other"},
		{"claims/report", m("sources"), "domains never import each other"},
		{"claims/fold", m("claims"), "shared leaves import no domain"},
		{"claims", "github.com/labstack/echo/v4", "domains and migrations import no Echo, templ or web"},
		{"sources", "github.com/a-h/templ", "domains and migrations import no Echo, templ or web"},
		{"migrations", m("claims/searchindex"), "migrations imports no domain"},
		{"migrations/backup", m("sources"), "migrations imports no domain"},
		{"web/views", m("claims"), "views import no domain, store or GORM"},
		{"web/views", "gorm.io/gorm", "views import no domain, store or GORM"},
		{"web/desk", m("web"), "the composition root imports no Echo, templ or web"},
		{"web/auth", m("web"), "nothing imports web but cmd, nothing imports cmd"},
		{"web", m("cmd/factdesk"), "nothing imports web but cmd, nothing imports cmd"},
	} {
		got := violations(map[string][]string{c.pkg: {c.imp}})
		want := c.rule + ": " + c.pkg + " imports " + c.imp
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("%s importing %s: got %q, want it to break %q", c.pkg, c.imp, got, c.rule)
		}
	}
	// And the allowed edges stay allowed.
	for _, c := range []struct{ pkg, imp string }{
		{"sources", m("claims/fold")},
		{"sources", m("claims/searchindex")},
		{"claims/searchindex", m("migrations")},
		{"web", m("claims")},
		{"web/desk", m("sources")},
		{"cmd/factdesk", m("web")},
		{"claims/internal/desktest", m("sources")},
	} {
		if got := violations(map[string][]string{c.pkg: {c.imp}}); len(got) > 0 {
			t.Errorf("%s importing %s is allowed, got %q", c.pkg, c.imp, got)
		}
	}
}
