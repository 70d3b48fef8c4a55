package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// htmlForm is a form as a browser without JavaScript sees it: read from the
// page's HTML, so a field added to a template is filled by the tests that use
// it without changing them.
type htmlForm struct {
	action, method string
	multipart      bool
	fields         []formField
}

type formField struct {
	name, kind, value string // kind: an input type, "textarea", "select" or "button"
	options           []string
	checked           bool
}

// textKinds are the fields a user types into.
var textKinds = map[string]bool{"text": true, "search": true, "textarea": true, "url": true, "email": true,
	"tel": true, "number": true, "date": true, "password": true, "": true}

// readForm parses one <form>; pagePath resolves an empty action.
func readForm(s *goquery.Selection, pagePath string) htmlForm {
	f := htmlForm{method: strings.ToUpper(s.AttrOr("method", "GET")), action: s.AttrOr("action", pagePath)}
	if i := strings.IndexByte(f.action, '#'); i >= 0 {
		f.action = f.action[:i]
	}
	f.multipart = s.AttrOr("enctype", "") == "multipart/form-data"
	s.Find("input[name], textarea[name], select[name], button[name]").Each(func(_ int, el *goquery.Selection) {
		ff := formField{name: el.AttrOr("name", "")}
		switch {
		case el.Is("textarea"):
			ff.kind, ff.value = "textarea", el.Text()
		case el.Is("select"):
			ff.kind = "select"
			el.Find("option").Each(func(_ int, o *goquery.Selection) {
				v := o.AttrOr("value", o.Text())
				ff.options = append(ff.options, v)
				if _, sel := o.Attr("selected"); sel && ff.value == "" {
					ff.value = v
				}
			})
			if ff.value == "" {
				for _, o := range ff.options {
					if o != "" {
						ff.value = o
						break
					}
				}
			}
		case el.Is("button"):
			ff.kind, ff.value = "button", el.AttrOr("value", "")
		default:
			ff.kind, ff.value = strings.ToLower(el.AttrOr("type", "text")), el.AttrOr("value", "")
			_, ff.checked = el.Attr("checked")
			if ff.kind == "submit" {
				ff.kind = "button"
			}
		}
		f.fields = append(f.fields, ff)
	})
	return f
}

// textFields lists the names of the fields a user types into, and of file
// fields.
func (f htmlForm) textFields() []string {
	var out []string
	for _, ff := range f.fields {
		if textKinds[ff.kind] || ff.kind == "file" {
			out = append(out, ff.name)
		}
	}
	sort.Strings(out)
	return out
}

// key names a form for coverage: its method, its action with numbers
// replaced by :id, and its typed fields.
func (f htmlForm) key() string {
	parts := strings.Split(f.action, "/")
	for i, p := range parts {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			parts[i] = ":id"
		}
	}
	return f.method + " " + strings.Join(parts, "/") + " [" + strings.Join(f.textFields(), " ") + "]"
}

// fill returns the values a user would send with text put in every typed
// field: hidden fields, ticked boxes and chosen options kept, the first radio
// of a group chosen when none is, the first named button pressed. set
// overrides by field name (after the text).
func (f htmlForm) fill(text string, set map[string]string) url.Values {
	v := url.Values{}
	radios := map[string]bool{}
	button := false
	for _, ff := range f.fields {
		switch {
		case ff.kind == "hidden":
			v.Add(ff.name, ff.value)
		case ff.kind == "checkbox":
			if ff.checked {
				v.Add(ff.name, ff.value)
			}
		case ff.kind == "radio":
			if ff.checked {
				v.Set(ff.name, ff.value)
				radios[ff.name] = true
			} else if !radios[ff.name] && v.Get(ff.name) == "" {
				v.Set(ff.name, ff.value)
			}
		case ff.kind == "select":
			v.Set(ff.name, ff.value)
		case ff.kind == "button":
			if !button {
				v.Set(ff.name, ff.value)
				button = true
			}
		case ff.kind == "file":
		case textKinds[ff.kind]:
			v.Set(ff.name, text)
		}
	}
	for k, x := range set {
		v.Set(k, x)
	}
	return v
}

// submit sends the form as a browser would: GET with a query, POST as
// url-encoded or multipart (files: field name → file name and content).
func (c *client) submit(f htmlForm, v url.Values, files map[string][2]string) page {
	c.t.Helper()
	if f.method != http.MethodPost {
		return c.get(f.action + "?" + v.Encode())
	}
	v.Set("_csrf", c.csrf)
	if !f.multipart {
		req, _ := http.NewRequest("POST", c.base+f.action, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return c.do(req)
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, xs := range v {
		for _, x := range xs {
			_ = w.WriteField(k, x)
		}
	}
	for _, ff := range f.fields {
		if ff.kind != "file" {
			continue
		}
		file, ok := files[ff.name]
		if !ok {
			_, _ = w.CreateFormFile(ff.name, "")
			continue
		}
		fw, _ := w.CreateFormFile(ff.name, file[0])
		_, _ = fw.Write([]byte(file[1]))
	}
	_ = w.Close()
	req, _ := http.NewRequest("POST", c.base+f.action, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.do(req)
}

// invalidFields are the fields a refused form marks as invalid.
func invalidFields(p page) []string {
	var out []string
	p.doc.Find("[aria-invalid=true]").Each(func(_ int, s *goquery.Selection) {
		if n := s.AttrOr("name", ""); n != "" {
			out = append(out, n)
		}
	})
	p.doc.Find("fieldset.has-error").Each(func(_ int, s *goquery.Selection) {
		if n := s.Find("input[name]").First().AttrOr("name", ""); n != "" {
			out = append(out, n)
		}
	})
	return out
}
