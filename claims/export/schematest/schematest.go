// Package schematest checks JSON-LD against the schema.org vocabulary, read
// from the vocabulary's own CSV files (../shared/data/schemaorg, never
// copied into the project): every type exists, every property exists and
// applies to its type (inherited properties included), and every value is
// of a type the property's range allows. Tests of the ClaimReview export
// and of the public report page use it.
package schematest

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

const schema = "https://schema.org/"

// Vocab is the schema.org vocabulary: types with their parents and the
// properties usable on them, properties with their ranges.
type Vocab struct {
	parents map[string][]string        // type → direct supertypes
	props   map[string]map[string]bool // type → properties usable on it (inherited included)
	ranges  map[string][]string        // property → types of its values
}

// Dir finds the vocabulary: $FACTDESK_SCHEMAORG, else
// <module root>/../shared/data/schemaorg. It returns "" when absent.
func Dir() string {
	if d := os.Getenv("FACTDESK_SCHEMAORG"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared", "data", "schemaorg")
			if _, err := os.Stat(filepath.Join(d, "schemaorg-current-https-types.csv")); err == nil {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads the vocabulary, or skips the test with a clear message when
// the shared data is not there.
func Load(t testing.TB) *Vocab {
	t.Helper()
	dir := Dir()
	if dir == "" {
		t.Skip("schema.org vocabulary not found (../shared/data/schemaorg next to the module, or set FACTDESK_SCHEMAORG): " +
			"the ClaimReview output cannot be checked against it here")
	}
	v, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Read parses schemaorg-current-https-types.csv and -properties.csv in dir.
func Read(dir string) (*Vocab, error) {
	v := &Vocab{parents: map[string][]string{}, props: map[string]map[string]bool{}, ranges: map[string][]string{}}
	types, err := readCSV(filepath.Join(dir, "schemaorg-current-https-types.csv"))
	if err != nil {
		return nil, err
	}
	for _, r := range types {
		name := strings.TrimPrefix(r["id"], schema)
		v.parents[name] = names(r["subTypeOf"])
		v.props[name] = map[string]bool{}
		for _, p := range names(r["properties"]) {
			v.props[name][p] = true
		}
	}
	props, err := readCSV(filepath.Join(dir, "schemaorg-current-https-properties.csv"))
	if err != nil {
		return nil, err
	}
	for _, r := range props {
		v.ranges[strings.TrimPrefix(r["id"], schema)] = names(r["rangeIncludes"])
	}
	if len(v.parents) < 500 || len(v.ranges) < 1000 {
		return nil, fmt.Errorf("schema.org vocabulary in %s: only %d types and %d properties read", dir, len(v.parents), len(v.ranges))
	}
	return v, nil
}

func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(row) {
				m[h] = row[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// names splits "https://schema.org/A, https://schema.org/B" into A, B.
func names(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); strings.HasPrefix(p, schema) {
			out = append(out, strings.TrimPrefix(p, schema))
		}
	}
	return out
}

// HasType reports whether the vocabulary defines the type.
func (v *Vocab) HasType(name string) bool { _, ok := v.parents[name]; return ok }

// HasProperty reports whether the vocabulary defines the property.
func (v *Vocab) HasProperty(name string) bool { _, ok := v.ranges[name]; return ok }

// IsA reports whether typ is want or one of its subtypes.
func (v *Vocab) IsA(typ, want string) bool {
	if typ == want {
		return true
	}
	for _, p := range v.parents[typ] {
		if v.IsA(p, want) {
			return true
		}
	}
	return false
}

var (
	isDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	isLangCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)*$`)
)

// Check walks a decoded JSON-LD document (an object, or an array of
// objects) and returns every problem found, sorted; none means valid.
func (v *Vocab) Check(doc any) []string {
	var probs []string
	v.check(doc, "$", nil, &probs)
	sort.Strings(probs)
	return probs
}

// check validates value at path, which the property prop's range must
// allow (nil at the top).
func (v *Vocab) check(value any, path string, ranges []string, probs *[]string) {
	add := func(format string, args ...any) { *probs = append(*probs, path+": "+fmt.Sprintf(format, args...)) }
	allows := func(types ...string) bool {
		for _, r := range ranges {
			for _, t := range types {
				if v.IsA(r, t) {
					return true
				}
			}
		}
		return false
	}
	switch x := value.(type) {
	case []any:
		for i, e := range x {
			v.check(e, fmt.Sprintf("%s[%d]", path, i), ranges, probs)
		}
	case map[string]any:
		typ, _ := x["@type"].(string)
		if typ == "" {
			add("object without @type")
			return
		}
		if !v.HasType(typ) {
			add("type %q is not in the schema.org vocabulary", typ)
			return
		}
		if ranges != nil && !slices.ContainsFunc(ranges, func(r string) bool { return v.IsA(typ, r) }) {
			add("a %s where the property takes %v", typ, ranges)
		}
		if ctx, ok := x["@context"]; ok && ctx != "https://schema.org" && ctx != "http://schema.org" {
			add("@context %v is not schema.org", ctx)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if strings.HasPrefix(k, "@") {
				if k != "@type" && k != "@context" && k != "@id" {
					add("unexpected keyword %s", k)
				}
				continue
			}
			if !v.HasProperty(k) {
				add("property %q is not in the schema.org vocabulary", k)
				continue
			}
			if !v.props[typ][k] {
				add("property %q does not apply to %s", k, typ)
				continue
			}
			v.check(x[k], path+"."+k, v.ranges[k], probs)
		}
	case string:
		switch {
		case ranges == nil:
			add("a bare string at the top")
		case x == "":
			add("empty value")
		case allows("Text", "URL"):
			if slices.Contains(ranges, "URL") && !slices.Contains(ranges, "Text") && !strings.HasPrefix(x, "http://") && !strings.HasPrefix(x, "https://") {
				add("%q is not an absolute http(s) URL", x)
			}
		case allows("Date", "DateTime"):
			if !isDate.MatchString(x) {
				if _, err := time.Parse(time.RFC3339, x); err != nil {
					add("%q is not an ISO 8601 date", x)
				}
			}
		case allows("Language"):
			if !isLangCode.MatchString(x) {
				add("%q is not a language code", x)
			}
		default:
			add("a string where the property takes %v", ranges)
		}
	case float64:
		if !allows("Number", "Text") {
			add("a number where the property takes %v", ranges)
		}
	case bool:
		if !allows("Boolean") {
			add("a boolean where the property takes %v", ranges)
		}
	case nil:
		add("null value")
	default:
		add("unexpected value %T", value)
	}
}
