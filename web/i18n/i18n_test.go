package i18n_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/factdesk/factdesk/web/i18n"
)

func TestEveryKeyInBothLanguages(t *testing.T) {
	for _, k := range i18n.Keys() {
		en, ar := i18n.Entry(k)
		if strings.TrimSpace(en) == "" || strings.TrimSpace(ar) == "" {
			t.Errorf("%s: en=%q ar=%q; both are required", k, en, ar)
		}
		if k != "app.name" && k != "nav.lang_switch" && k != "nav.lang_label" && !hasArabic(ar) {
			t.Errorf("%s: Arabic text %q has no Arabic letters", k, ar)
		}
		if strings.Count(en, "%") != strings.Count(ar, "%") {
			t.Errorf("%s: placeholders differ between en %q and ar %q", k, en, ar)
		}
	}
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// Every key the views and handlers use must exist in the catalog.
var keyUse = regexp.MustCompile(`\.(?:T|F)\("([a-z0-9_.]+)"|"((?:err|error|articles|claims|users|setup|signin|signout)\.[a-z0-9_]+)"`)

func TestKeysUsedExist(t *testing.T) {
	root := filepath.Join("..", "..")
	var used int
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.Contains(path, "node_modules") || strings.Contains(path, ".git") {
			return nil
		}
		if !strings.HasSuffix(path, ".templ") && !(strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_templ.go")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2]
			if strings.HasSuffix(key, ".") || strings.HasSuffix(path, "_test.go") {
				continue // a prefix of dynamic keys, checked by the web tests
			}
			used++
			if !i18n.Has(key) {
				t.Errorf("%s uses missing key %q", path, key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if used < 20 {
		t.Fatalf("found only %d key uses; the scan is broken", used)
	}
}

func TestAcceptLanguage(t *testing.T) {
	tests := []struct {
		h    string
		want i18n.Lang
	}{
		{"", i18n.EN},
		{"ar-EG,ar;q=0.9,en;q=0.8", i18n.AR},
		{"en-US,en;q=0.9,ar;q=0.5", i18n.EN},
		{"fr-FR, ar;q=0.3", i18n.AR},
		{"de", i18n.EN},
		{"en;q=0.2, ar;q=0.8", i18n.AR},
	}
	for _, tt := range tests {
		if got := i18n.FromAcceptLanguage(tt.h); got != tt.want {
			t.Errorf("FromAcceptLanguage(%q) = %s; want %s", tt.h, got, tt.want)
		}
	}
}

func TestNum(t *testing.T) {
	if got := i18n.AR.Num(1234567); got != "١٬٢٣٤٬٥٦٧" {
		t.Errorf("AR.Num = %q", got)
	}
	if got := i18n.EN.Num(-1234); got != "-1,234" {
		t.Errorf("EN.Num = %q", got)
	}
}
