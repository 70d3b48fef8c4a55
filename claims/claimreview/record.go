package claimreview

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxClaim is the longest claim text accepted, in characters (the claims
// table refuses longer statements too).
const MaxClaim = 5000

// Record is one review of one claim by another desk.
type Record struct {
	Pos           Position
	ClaimText     string
	Claimant      string
	ClaimDate     Date
	PublisherName string
	PublisherSite string // host name, e.g. misbar.com
	ReviewURL     string // http(s) only
	ReviewTitle   string
	Rating        Rating
	Lang          string // primary language subtag in lower case ("ar", "en"), or "" when not given
	ReviewDate    Date
	Raw           json.RawMessage // the record as found (compacted): the ClaimReview node or the Fact Check API claim
	Notes         []Reason        // what is odd about it, though it was kept
}

// Rating is the verdict as the reviewing desk published it.
type Rating struct {
	Text  string   // alternateName (or name, or a textual ratingValue); the API's textualRating
	Value *float64 // ratingValue, when a number
	Best  *float64 // bestRating
	Worst *float64 // worstRating
}

// node is a JSON object with its keys undecoded.
type node map[string]json.RawMessage

// expand turns one JSON value into records and problems. pos locates the
// value; the value's own structure (arrays, @graph, reviews) adds to it.
func expand(raw json.RawMessage, pos Position, out func(Record, *Problem)) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		out(Record{}, &Problem{Pos: pos, Reason: ReasonNotObject, Detail: "empty"})
		return
	}
	switch raw[0] {
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			out(Record{}, &Problem{Pos: pos, Reason: ReasonMalformed, Detail: err.Error()})
			return
		}
		if pos.Item != 0 {
			out(Record{}, &Problem{Pos: pos, Reason: ReasonNotObject, Detail: "an array inside an array"})
			return
		}
		for i, it := range items {
			p := pos
			p.Item = i + 1
			expand(it, p, out)
		}
		return
	case '{':
	default:
		out(Record{}, &Problem{Pos: pos, Reason: ReasonNotObject, Detail: kindOf(raw)})
		return
	}
	var n node
	if err := json.Unmarshal(raw, &n); err != nil {
		out(Record{}, &Problem{Pos: pos, Reason: ReasonMalformed, Detail: err.Error()})
		return
	}
	switch {
	case n["@graph"] != nil:
		expandGraph(n, pos, out)
	case n["claimReview"] != nil && !n.isType("ClaimReview"):
		expandAPIClaim(raw, n, pos, out)
	case n["claims"] != nil && n["@type"] == nil && bytes.HasPrefix(bytes.TrimSpace(n["claims"]), []byte("[")):
		// A whole claims:search response: {"claims": [...], "nextPageToken": "…"}.
		var items []json.RawMessage
		if err := json.Unmarshal(n["claims"], &items); err != nil {
			out(Record{}, &Problem{Pos: pos, Reason: ReasonMalformed, Detail: err.Error()})
			return
		}
		for i, it := range items {
			p := pos
			p.Item = i + 1
			expand(it, p, out)
		}
	case n.isType("ClaimReview") || (n["@type"] == nil && n["claimReviewed"] != nil):
		out(claimReview(raw, n, nil, pos))
	default:
		out(Record{}, &Problem{Pos: pos, Reason: ReasonNotClaimReview, Detail: typeDetail(n)})
	}
}

func kindOf(raw json.RawMessage) string {
	switch raw[0] {
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func typeDetail(n node) string {
	if t := n.types(); len(t) > 0 {
		return "@type " + strings.Join(t, ", ")
	}
	return "no @type"
}

// expandGraph reads the ClaimReview nodes of a @graph; other nodes (the web
// page, the organisation, …) are context and are only used to resolve
// {"@id": …} references.
func expandGraph(doc node, pos Position, out func(Record, *Problem)) {
	var items []json.RawMessage
	g := bytes.TrimSpace(doc["@graph"])
	if len(g) > 0 && g[0] == '{' {
		items = []json.RawMessage{g}
	} else if err := json.Unmarshal(g, &items); err != nil {
		out(Record{}, &Problem{Pos: pos, Reason: ReasonMalformed, Detail: "@graph: " + err.Error()})
		return
	}
	nodes := make([]node, len(items))
	ids := map[string]node{}
	for i, it := range items {
		var n node
		if json.Unmarshal(it, &n) == nil {
			nodes[i] = n
			if id := text(n["@id"]); id != "" {
				ids[id] = n
			}
		}
	}
	found := false
	for i, n := range nodes {
		if n == nil || !(n.isType("ClaimReview") || (n["@type"] == nil && n["claimReviewed"] != nil)) {
			continue
		}
		found = true
		p := pos
		p.Graph = i + 1
		out(claimReview(items[i], n, ids, p))
	}
	if !found {
		out(Record{}, &Problem{Pos: pos, Reason: ReasonNotClaimReview, Detail: "no ClaimReview in @graph"})
	}
}

// types lists the node's @type values without their vocabulary prefix.
func (n node) types() []string {
	raw := bytes.TrimSpace(n["@type"])
	if len(raw) == 0 {
		return nil
	}
	var list []string
	if raw[0] == '[' {
		_ = json.Unmarshal(raw, &list)
	} else {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			list = []string{s}
		}
	}
	for i, t := range list {
		t = strings.TrimSpace(t)
		for _, p := range []string{"http://schema.org/", "https://schema.org/", "schema:"} {
			t = strings.TrimPrefix(t, p)
		}
		list[i] = t
	}
	return list
}

func (n node) isType(t string) bool {
	for _, x := range n.types() {
		if strings.EqualFold(x, t) {
			return true
		}
	}
	return false
}

// text reads a JSON-LD value as text: a string, a number, the first usable
// element of an array, or an object's @value (or name).
func text(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return clean(s)
		}
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) == nil {
			for _, it := range items {
				if s := text(it); s != "" {
					return s
				}
			}
		}
	case '{':
		var n node
		if json.Unmarshal(raw, &n) == nil {
			if v := text(n["@value"]); v != "" {
				return v
			}
			return text(n["name"])
		}
	case 't', 'f', 'n':
		return ""
	default:
		return string(raw)
	}
	return ""
}

// clean collapses white space (line breaks in a claim are layout, not
// content) and drops control characters.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' && r != '\r' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// object reads a JSON-LD value as an object: an object, the first object of
// an array, or the node an {"@id": …} reference points to.
func object(raw json.RawMessage, ids map[string]node) node {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	switch raw[0] {
	case '{':
		var n node
		if json.Unmarshal(raw, &n) != nil {
			return nil
		}
		if len(n) == 1 && n["@id"] != nil {
			if ref, ok := ids[text(n["@id"])]; ok {
				return ref
			}
		}
		return n
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) == nil {
			for _, it := range items {
				if n := object(it, ids); n != nil {
					return n
				}
			}
		}
	case '"':
		// A bare string stands for a name (author: "Facebook posts").
		if s := text(raw); s != "" {
			return node{"name": raw}
		}
	}
	return nil
}

// number reads a rating number; ok is false when the value is present but
// not a number.
func number(raw json.RawMessage) (v *float64, ok bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, true
	}
	s := text(raw)
	if s == "" {
		return nil, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(s, ",", ".")), 64)
	if err != nil {
		return nil, false
	}
	return &f, true
}

func host(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// langTag keeps the primary subtag of a BCP 47 tag ("en-US" → "en"), or a
// language given as {"@type": "Language", "alternateName": "ar"}.
func langTag(raw json.RawMessage, ids map[string]node) string {
	s := text(raw)
	if o := object(raw, ids); o != nil && o["alternateName"] != nil {
		s = text(o["alternateName"])
	}
	s = strings.ToLower(strings.TrimSpace(s))
	primary, _, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	if l := len(primary); l < 2 || l > 3 {
		return ""
	}
	for _, r := range primary {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return primary
}

func compact(raw json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return append(json.RawMessage(nil), raw...)
	}
	return b.Bytes()
}

// claimReview maps a schema.org ClaimReview node.
func claimReview(raw json.RawMessage, n node, ids map[string]node, pos Position) (Record, *Problem) {
	r := Record{Pos: pos, Raw: compact(raw)}
	r.ClaimText = text(n["claimReviewed"])
	item := object(n["itemReviewed"], ids)
	if r.ClaimText == "" {
		return Record{}, &Problem{Pos: pos, Reason: ReasonMissingClaim}
	}
	if utf8.RuneCountInString(r.ClaimText) > MaxClaim {
		return Record{}, &Problem{Pos: pos, Reason: ReasonClaimTooLong, Detail: strconv.Itoa(utf8.RuneCountInString(r.ClaimText)) + " characters"}
	}
	if item != nil {
		if a := object(item["author"], ids); a != nil {
			r.Claimant = text(a["name"])
		}
		if r.Claimant == "" {
			if a := object(item["creator"], ids); a != nil {
				r.Claimant = text(a["name"])
			}
		}
		date := text(item["datePublished"])
		if date == "" {
			date = text(item["dateCreated"])
		}
		for _, k := range []string{"firstAppearance", "appearance"} {
			if date == "" {
				if ap := object(item[k], ids); ap != nil {
					date = text(ap["datePublished"])
				}
			}
		}
		r.ClaimDate = ParseDate(date)
	}
	desk := object(n["author"], ids)
	if desk == nil || (text(desk["name"]) == "" && text(desk["url"]) == "") {
		if p := object(n["publisher"], ids); p != nil {
			desk = p
		}
	}
	if desk != nil {
		r.PublisherName = text(desk["name"])
		if r.PublisherName == "" {
			r.PublisherName = text(desk["alternateName"])
		}
		r.PublisherSite = host(text(desk["url"]))
	}
	r.setURL(text(n["url"]))
	r.ReviewTitle = text(n["name"])
	if r.ReviewTitle == "" {
		r.ReviewTitle = text(n["headline"])
	}
	r.Lang = langTag(n["inLanguage"], ids)
	date := text(n["datePublished"])
	if date == "" {
		date = text(n["dateCreated"])
	}
	r.ReviewDate = ParseDate(date)
	r.rating(object(n["reviewRating"], ids))
	r.finish()
	return r, nil
}

func (r *Record) setURL(u string) {
	switch {
	case u == "":
		r.Notes = append(r.Notes, NoteNoURL)
	case HTTPURL(u) == "":
		r.Notes = append(r.Notes, NoteURLDropped)
	default:
		r.ReviewURL = HTTPURL(u)
	}
}

func (r *Record) rating(rr node) {
	if rr == nil {
		r.Notes = append(r.Notes, NoteNoRating)
		return
	}
	r.Rating.Text = text(rr["alternateName"])
	if r.Rating.Text == "" {
		r.Rating.Text = text(rr["name"])
	}
	bad := false
	var ok bool
	if r.Rating.Value, ok = number(rr["ratingValue"]); !ok {
		if r.Rating.Text == "" {
			r.Rating.Text = text(rr["ratingValue"]) // "ratingValue": "False"
		} else {
			bad = true
		}
	}
	if r.Rating.Best, ok = number(rr["bestRating"]); !ok {
		bad = true
	}
	if r.Rating.Worst, ok = number(rr["worstRating"]); !ok {
		bad = true
	}
	if bad {
		r.Notes = append(r.Notes, NoteRatingNotNumber)
	}
	if v := r.Rating.Value; v != nil {
		// schema.org's defaults: bestRating 5, worstRating 1.
		best, worst := 5.0, 1.0
		if r.Rating.Best != nil {
			best = *r.Rating.Best
		}
		if r.Rating.Worst != nil {
			worst = *r.Rating.Worst
		}
		if *v > best || *v < worst {
			r.Notes = append(r.Notes, NoteRatingOutOfRange)
		}
	}
	if r.Rating.Text == "" && r.Rating.Value == nil {
		r.Notes = append(r.Notes, NoteNoRating)
	}
}

// finish adds the notes every shape shares.
func (r *Record) finish() {
	if r.PublisherSite == "" && r.ReviewURL != "" {
		r.PublisherSite = host(r.ReviewURL)
	}
	if r.PublisherName == "" && r.PublisherSite == "" {
		r.Notes = append(r.Notes, NotePublisherUnnamed)
	}
	if (r.ClaimDate.Text != "" && r.ClaimDate.Day == "") || (r.ReviewDate.Text != "" && r.ReviewDate.Day == "") {
		r.Notes = append(r.Notes, NoteDateUnparsed)
	}
}

// expandAPIClaim maps one item of the Fact Check Tools API (claims:search):
// a claim with a list of reviews, each review one record.
func expandAPIClaim(raw json.RawMessage, n node, pos Position, out func(Record, *Problem)) {
	claimText := text(n["text"])
	if claimText == "" {
		out(Record{}, &Problem{Pos: pos, Reason: ReasonMissingClaim, Detail: "no text"})
		return
	}
	if utf8.RuneCountInString(claimText) > MaxClaim {
		out(Record{}, &Problem{Pos: pos, Reason: ReasonClaimTooLong, Detail: strconv.Itoa(utf8.RuneCountInString(claimText)) + " characters"})
		return
	}
	var reviews []json.RawMessage
	rv := bytes.TrimSpace(n["claimReview"])
	if len(rv) > 0 && rv[0] == '{' {
		reviews = []json.RawMessage{rv}
	} else if err := json.Unmarshal(rv, &reviews); err != nil {
		out(Record{}, &Problem{Pos: pos, Reason: ReasonMalformed, Detail: "claimReview: " + err.Error()})
		return
	}
	if len(reviews) == 0 {
		out(Record{}, &Problem{Pos: pos, Reason: ReasonNoReview})
		return
	}
	rawc := compact(raw)
	claimDate := ParseDate(text(n["claimDate"]))
	for i, rvRaw := range reviews {
		p := pos
		if len(reviews) > 1 {
			p.Review = i + 1
		}
		var v node
		if json.Unmarshal(rvRaw, &v) != nil || v == nil {
			out(Record{}, &Problem{Pos: p, Reason: ReasonNotObject, Detail: "claimReview"})
			continue
		}
		r := Record{Pos: p, Raw: rawc, ClaimText: claimText, Claimant: text(n["claimant"]), ClaimDate: claimDate}
		if pub := object(v["publisher"], nil); pub != nil {
			r.PublisherName = text(pub["name"])
			r.PublisherSite = strings.TrimPrefix(strings.ToLower(text(pub["site"])), "www.")
		}
		r.setURL(text(v["url"]))
		r.ReviewTitle = text(v["title"])
		r.ReviewDate = ParseDate(text(v["reviewDate"]))
		r.Rating.Text = text(v["textualRating"])
		if r.Rating.Text == "" {
			r.Notes = append(r.Notes, NoteNoRating)
		}
		r.Lang = langTag(v["languageCode"], nil)
		r.finish()
		out(r, nil)
	}
}
