package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/claims/report"
)

// writeMarkdown writes one article's full report, or, for a filter or the
// whole desk, every published claim in the scope one after another.
func writeMarkdown(ctx context.Context, w *bufio.Writer, d Desk, o Options) (Result, error) {
	if o.Scope() == "article" {
		r, err := report.Build(ctx, d.Claims, o.Filter.ArticleID, d.Evidence)
		if err != nil {
			return Result{}, err
		}
		url := ""
		if o.BaseURL != "" {
			active, err := d.Claims.ActiveReportLinks(ctx, []int64{r.Article.ID})
			if err != nil {
				return Result{}, err
			}
			for _, l := range active[r.Article.ID] {
				if url == "" || l.Lang == o.Lang {
					url = PublicURL(o.BaseURL, l.Token)
				}
			}
		}
		return Result{Claims: len(r.Items)}, ReportMarkdown(w, r, o.Words, o.Lang, url)
	}
	var res Result
	org, err := d.Claims.Organisation(ctx)
	if err != nil {
		return res, err
	}
	m := &md{w: w, words: o.Words, lang: o.Lang}
	title := o.Words.T("report.desk_title")
	if org.Name != "" {
		title = org.Name + " — " + title
	}
	m.line("# " + escapeMD(title))
	m.line("")
	m.line("*" + o.Words.F("report.generated", Digits(o.Lang, o.Now.Format("2006-01-02"))) + "*")
	articles := map[int64]*claims.Article{}
	ls := newLinks(d, o)
	err = scan(ctx, d, o, false, func(b batch) error {
		if err := ls.load(ctx, b.claims); err != nil {
			return err
		}
		if err := loadArticles(ctx, d, b.claims, articles); err != nil {
			return err
		}
		for _, c := range b.claims {
			cur, earlier, ok := claims.Published(b.versions[c.ID])
			if !ok {
				continue
			}
			res.Claims++
			it := report.Item{Number: res.Claims, Claim: c, Verdict: cur, Earlier: earlier, Evidence: b.evidence[c.ID]}
			m.line("")
			m.line("## " + escapeMD(o.Words.F("report.claim_n", o.Words.Num(int64(c.ID)))))
			if a := articles[c.ArticleID]; a != nil {
				m.line("")
				m.line(o.Words.T("field.article") + ": " + link(a.Title, a.URL))
			}
			if u := ls.url(c); u != "" {
				m.line("")
				m.line(o.Words.T("report.public_link") + ": <" + u + ">")
			}
			m.item(it)
		}
		return m.err
	})
	if err != nil {
		return res, err
	}
	if res.Claims == 0 {
		m.line("")
		m.line(o.Words.T("report.none_published"))
	}
	m.policies(org)
	return res, m.err
}

// Digits writes s in the digits of lang.
func Digits(lang, s string) string { return report.Digits(lang, s) }

// ReportMarkdown writes the report of an article as Markdown: its details,
// the summary, the article text with each published claim in bold and its
// number, then each claim and the desk's methodology and corrections
// policy. url is the public address of the report ("" when unpublished).
func ReportMarkdown(w io.Writer, r report.Report, words report.Words, lang, url string) error {
	m := &md{w: w, words: words, lang: lang}
	a := r.Article
	m.line("# " + escapeMD(a.Title))
	m.line("")
	by := words.T("report.title")
	if r.Desk.Name != "" {
		by += " — " + r.Desk.Name
	}
	m.line("*" + escapeMD(by) + "*")
	m.line("")
	for _, f := range [][2]string{{"field.outlet", a.Outlet}, {"field.author", a.Author}, {"field.published_on", Digits(lang, a.PublishedOn)}} {
		if f[1] != "" {
			m.line("- " + words.T(f[0]) + ": " + escapeMD(f[1]))
		}
	}
	if a.URL != "" {
		m.line("- " + words.T("field.url") + ": <" + a.URL + ">")
	}
	if url != "" {
		m.line("- " + words.T("report.public_link") + ": <" + url + ">")
	}
	if !r.Updated.IsZero() {
		m.line("- " + words.F("report.updated", Digits(lang, r.Updated.Format("2006-01-02"))))
	}
	m.line("")
	m.line("## " + words.T("report.summary"))
	m.line("")
	if len(r.Items) == 0 {
		m.line(words.T("report.none_published"))
	} else {
		m.line("| " + words.T("report.verdict") + " | " + words.T("report.count") + " |")
		m.line("|---|---:|")
		for _, s := range r.Summary {
			m.line("| " + escapeMD(s.Label.Name(lang)) + " | " + words.Num(int64(s.N)) + " |")
		}
	}
	if r.Pending > 0 {
		m.line("")
		m.line(words.F("report.pending", words.Num(int64(r.Pending))))
	}
	if len(r.Items) > 0 {
		m.line("")
		m.line("## " + words.T("report.article_text"))
		m.line("")
		var b strings.Builder
		for _, s := range r.Segments {
			text := escapeMD(s.Text)
			if inner := strings.TrimSpace(text); len(s.Numbers) == 0 || inner == "" {
				b.WriteString(text)
			} else {
				// Bold cannot start or end with a space: the spaces go outside.
				lead := text[:strings.Index(text, inner)]
				b.WriteString(lead + "**" + inner + "**" + text[len(lead)+len(inner):])
			}
			for _, n := range s.Ends {
				b.WriteString(" [" + words.Num(int64(n)) + "](#claim-" + strconv.Itoa(n) + ")")
			}
		}
		m.line(strings.TrimSpace(b.String()))
		m.line("")
		m.line("## " + words.T("report.claims"))
		for _, it := range r.Items {
			m.line("")
			m.line(`<a id="claim-` + strconv.Itoa(it.Number) + `"></a>`)
			m.line("")
			m.line("### " + words.F("report.claim_n", words.Num(int64(it.Number))))
			m.item(it)
		}
	}
	m.policies(r.Desk)
	return m.err
}

// md writes Markdown lines and keeps the first error.
type md struct {
	w     io.Writer
	words report.Words
	lang  string
	err   error
}

func (m *md) line(s string) {
	if m.err == nil {
		_, m.err = io.WriteString(m.w, s+"\n")
	}
}

// item writes one published claim: the quote, claimant, verdict, values,
// reasoning, sources and corrections.
func (m *md) item(it report.Item) {
	w, lang, c, v := m.words, m.lang, it.Claim, it.Verdict
	m.line("")
	for _, l := range strings.Split(c.Statement, "\n") {
		m.line("> " + escapeMD(l))
	}
	m.line("")
	if c.Claimant != "" {
		m.line("- " + w.T("field.claimant") + ": " + escapeMD(c.Claimant))
	}
	if c.ClaimDate != "" {
		m.line("- " + w.T("field.claim_date") + ": " + Digits(lang, c.ClaimDate))
	}
	rating := "**" + escapeMD(v.Label.Name(lang)) + "**"
	if !v.Label.OffScale() {
		rating += " (" + w.F("labels.truth_of", w.Num(int64(v.Label.Truth))) + ")"
	}
	m.line("- " + w.T("report.verdict") + ": " + rating)
	m.line("- " + w.T("report.conclusion") + ": " + escapeMD(v.Conclusion))
	if claimed, verified, diff := report.Values(w, lang, c, v); verified != "" {
		m.line("- " + w.T("verdicts.claimed") + ": " + escapeMD(claimed))
		m.line("- " + w.T("verdicts.verified") + ": " + escapeMD(verified))
		if diff != "" {
			m.line("- " + w.T("verdicts.difference") + ": " + escapeMD(diff))
		}
	}
	if !v.PublishedAt.IsZero() {
		m.line("- " + w.F("report.published_on", Digits(lang, v.PublishedAt.Format("2006-01-02"))))
	}
	if strings.TrimSpace(v.Reasoning) != "" {
		m.line("")
		m.line("**" + w.T("report.reasoning") + "**")
		m.line("")
		m.line(strings.TrimSpace(v.Reasoning)) // Markdown already, as the reviewer wrote it
	}
	if len(it.Evidence) > 0 {
		m.line("")
		m.line("**" + w.T("report.sources") + "**")
		m.line("")
		for i, e := range it.Evidence {
			s := e.Source
			parts := []string{link(s.Title, s.URL)}
			if s.Publisher != "" {
				parts = append(parts, escapeMD(s.Publisher))
			}
			if s.PublishedOn != "" {
				parts = append(parts, Digits(lang, s.PublishedOn))
			}
			line := fmt.Sprintf("%d. %s", i+1, strings.Join(parts, ", "))
			if s.ArchiveURL != "" {
				line += " — " + w.T("sources.archived_copy") + ": <" + s.ArchiveURL + ">"
			}
			line += " — " + w.T("stance."+e.Stance)
			m.line(line)
			if e.Passage != "" {
				quote := "“" + escapeMD(strings.Join(strings.Fields(e.Passage), " ")) + "”"
				if e.Location != "" {
					quote += " (" + escapeMD(e.Location) + ")"
				}
				m.line("   > " + quote)
			}
		}
	}
	if len(it.Earlier) > 0 {
		m.line("")
		m.line("**" + w.T("report.corrections") + "**")
		m.line("")
		for _, e := range it.Earlier {
			when := ""
			if !e.SupersededAt.IsZero() {
				when = w.F("report.corrected_on", Digits(lang, e.SupersededAt.Format("2006-01-02"))) + ": "
			}
			m.line("- " + when + escapeMD(w.F("report.was", e.Label.Name(lang), e.Conclusion)))
		}
		if v.CorrectionNote != "" {
			m.line("")
			m.line(w.T("report.correction_note") + ": " + escapeMD(v.CorrectionNote))
		}
	}
}

// policies writes the desk's methodology and corrections policy.
func (m *md) policies(org claims.Organisation) {
	for _, p := range []struct {
		key  string
		text func(string) (string, string)
	}{{"report.methodology", org.Methodology}, {"report.corrections_policy", org.Corrections}} {
		text, _ := p.text(m.lang)
		m.line("")
		m.line("## " + m.words.T(p.key))
		m.line("")
		if text == "" {
			m.line(m.words.T("report.not_set"))
		} else {
			m.line(text) // Markdown written by the desk's admin
		}
	}
}

// link writes a Markdown link to an http(s) address (or the bare title).
func link(title, url string) string {
	t := escapeMD(title)
	if t == "" {
		t = url
	}
	if url == "" || claims.CheckURL(url) != "" {
		return t
	}
	return "[" + t + "](<" + url + ">)"
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`|`, `\|`, `~`, `\~`, `#`, `\#`)

// escapeMD makes text literal in Markdown: the characters that mark up
// anywhere are escaped, and so is what would start a list or a heading at
// the beginning of a line.
func escapeMD(s string) string {
	s = mdEscaper.Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		lead := l[:len(l)-len(t)]
		switch {
		case strings.HasPrefix(t, "-"), strings.HasPrefix(t, "+"), strings.HasPrefix(t, "="):
			lines[i] = lead + `\` + t
		default:
			if j := strings.IndexFunc(t, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (t[j] == '.' || t[j] == ')') {
				lines[i] = lead + t[:j] + `\` + t[j:]
			}
		}
	}
	return strings.Join(lines, "\n")
}
