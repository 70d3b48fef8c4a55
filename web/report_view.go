package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/export"
	"github.com/factdesk/factdesk/claims/report"
	"github.com/factdesk/factdesk/web/i18n"
	"github.com/factdesk/factdesk/web/paths"
	"github.com/factdesk/factdesk/web/views"
)

// exportDesk is what the exports read, wired to the server's stores.
func (s *Server) exportDesk() export.Desk { return s.desk.Export() }

// labelClass is the class of /labels.css that colours a label.
func labelClass(l claims.Label) string { return "lbl-" + strconv.FormatInt(l.ID, 10) }

// reportView turns a report into what the page shows, in language l.
func reportView(l i18n.Lang, r report.Report) views.ReportView {
	lang := string(l)
	a := r.Article
	v := views.ReportView{ArticleID: a.ID, Title: a.Title, Outlet: a.Outlet, Author: a.Author, PublishedOn: a.PublishedOn,
		URL: safeLink(a.URL), Lang: a.Lang, DeskName: r.Desk.Name, DeskURL: safeLink(r.Desk.URL), Updated: r.Updated,
		Checked: int64(len(r.Items)), Pending: int64(r.Pending)}
	v.Methodology, v.MethodLang = r.Desk.Methodology(lang)
	v.Corrections, v.CorrectLang = r.Desk.Corrections(lang)
	x := 0.0
	for _, s := range r.Summary {
		w := float64(s.N) / float64(len(r.Items)) * 100
		v.Summary = append(v.Summary, views.SummaryRow{Label: badge(l, s.Label), N: int64(s.N), X: x, Width: w})
		x += w
	}
	ids := map[int]int64{}
	for _, it := range r.Items {
		ids[it.Number] = it.Claim.ID
	}
	refs := func(ns []int) []views.ReportRef {
		var out []views.ReportRef
		for _, n := range ns {
			out = append(out, views.ReportRef{Number: n, ClaimID: ids[n]})
		}
		return out
	}
	for _, s := range r.Segments {
		seg := views.ReportSegment{Text: s.Text, Starts: refs(s.Starts), Ends: refs(s.Ends)}
		if len(s.Numbers) > 0 {
			seg.Class = labelClass(s.Label)
			var names []string
			for _, n := range s.Numbers {
				names = append(names, l.F("report.claim_n", l.Num(int64(n))))
			}
			seg.Title = strings.Join(names, ", ") + " — " + s.Label.Name(lang)
		}
		v.Segments = append(v.Segments, seg)
	}
	for _, it := range r.Items {
		v.Items = append(v.Items, reportItem(l, it))
	}
	return v
}

func reportItem(l i18n.Lang, it report.Item) views.ReportItem {
	lang := string(l)
	c, vd := it.Claim, it.Verdict
	out := views.ReportItem{Number: it.Number, ClaimID: c.ID, Statement: c.Statement, Lang: c.Lang, Claimant: c.Claimant,
		ClaimDate: c.ClaimDate, Anchored: it.Anchored, Label: badge(l, vd.Label), LabelClass: labelClass(vd.Label),
		Conclusion: vd.Conclusion, Reasoning: vd.Reasoning, PublishedAt: vd.PublishedAt, FirstPublished: it.FirstPublished}
	out.Claimed, out.Verified, out.Difference = report.Values(l, lang, c, vd)
	if len(it.Earlier) > 0 {
		out.CorrectionNote = vd.CorrectionNote
		for _, e := range it.Earlier {
			out.Corrections = append(out.Corrections, views.ReportCorrection{At: e.SupersededAt, Label: badge(l, e.Label), Conclusion: e.Conclusion})
		}
	}
	for _, e := range it.Evidence {
		s := e.Source
		out.Sources = append(out.Sources, views.ReportSource{Title: s.Title, URL: safeLink(s.URL), Publisher: s.Publisher,
			PublishedOn: s.PublishedOn, ArchiveURL: safeLink(s.ArchiveURL), Passage: e.Passage, Location: e.Location,
			Stance: e.Stance, Lang: langTag(s.Lang)})
	}
	return out
}

// claimReviews builds the ClaimReview JSON-LD of a report published at
// pageURL, from the same items the page shows.
func claimReviews(r report.Report, lang, pageURL string) ([]byte, error) {
	if len(r.Items) == 0 {
		return nil, nil
	}
	art := r.Article
	art.Body = ""
	var out []export.ClaimReviewJSON
	for _, it := range r.Items {
		out = append(out, export.NewClaimReview(export.ReviewInput{Claim: it.Claim, Verdict: it.Verdict, FirstPublished: it.FirstPublished,
			Article: &art, Desk: r.Desk, Lang: lang, URL: pageURL + export.ClaimAnchor(it.Claim.ID)}))
	}
	return export.ScriptJSON(out)
}

// labelsCSS is the stylesheet that colours each rating label in reports: a
// light tint behind the highlighted text with the label's colour beneath it,
// and the claim numbers in the label's colour. The colours are checked
// #rrggbb values, and they reach the page through a stylesheet because the
// Content-Security-Policy allows no style attributes.
func labelsCSS(labels []claims.Label) string {
	var b strings.Builder
	b.WriteString("/* factdesk: the colours of the rating labels in reports */\n")
	for _, l := range labels {
		if !claims.ValidColour(l.Colour) {
			continue
		}
		r, g, bl := rgb(l.Colour)
		tint := fmt.Sprintf("#%02x%02x%02x", mix(r), mix(g), mix(bl))
		fg := "#ffffff"
		if contrast(luminance(r, g, bl), 1) < 4.5 {
			fg = "#1b1f24"
		}
		cls := labelClass(l)
		fmt.Fprintf(&b, ".hl.%s { background-color: %s; border-bottom: .18em solid %s; }\n", cls, tint, l.Colour)
		fmt.Fprintf(&b, ".claim-num.%s { background-color: %s; color: %s; }\n", cls, l.Colour, fg)
	}
	return b.String()
}

// labelsCSSHref is the address of labelsCSS, changing with the colours so
// browsers may cache it.
func labelsCSSHref(css string) string {
	sum := sha256.Sum256([]byte(css))
	return paths.LabelsCSSVersion(hex.EncodeToString(sum[:6]))
}

func rgb(hexColour string) (int, int, int) {
	v, _ := strconv.ParseUint(hexColour[1:], 16, 32)
	return int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)
}

// mix is a channel mixed with white, three quarters white: a tint light
// enough for dark text on it.
func mix(c int) int { return c + (255-c)*3/4 }

func luminance(r, g, b int) float64 {
	ch := func(c int) float64 {
		f := float64(c) / 255
		if f <= 0.03928 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

func contrast(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}
