package extract

import (
	"fmt"
	"strconv"
)

// yearOf reads token i as a four-digit year within [lo, hi], or 0.
func (d *doc) yearOf(i, lo, hi int) int {
	if i < 0 || i >= len(d.toks) {
		return 0
	}
	t := &d.toks[i]
	if t.kind != tNum || len(t.key) != 4 || d.isCode(i) {
		return 0
	}
	y, err := strconv.Atoi(t.key)
	if err != nil || y < lo || y > hi {
		return 0
	}
	return y
}

func (d *doc) dayOf(i int) int {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != tNum || len(d.toks[i].key) > 2 {
		return 0
	}
	n, _ := strconv.Atoi(d.toks[i].key)
	if n < 1 || n > 31 {
		return 0
	}
	return n
}

// monthAt reads a month name at token i, including the two-word Levantine
// names and the "كانون الثاني/يناير" pairing; it returns the month and the
// index after it.
func (d *doc) monthAt(i int) (int, int) {
	if i >= len(d.toks) || d.toks[i].kind != tWord || d.toks[i].info == nil {
		return 0, i
	}
	t := &d.toks[i]
	m := t.info.month
	switch {
	case m == 0:
		return 0, i
	case m > 100:
		if i+1 >= len(d.toks) || d.toks[i+1].info == nil || d.toks[i+1].info.ordinal == 0 {
			return 0, i
		}
		o := d.toks[i+1].info.ordinal
		switch {
		case m == 101 && o == 1:
			m = 12
		case m == 101:
			m = 1
		case o == 1:
			m = 10
		default:
			m = 11
		}
		i++
	case t.latin && (t.key == "may" || t.key == "march" || t.key == "mar") && !t.upper:
		return 0, i
	}
	i++
	if t.latin && t.info.monthAbbr && i < len(d.toks) && d.toks[i].key == "." && !d.toks[i].space {
		i++
	}
	// "كانون الثاني/يناير": the second name repeats the month.
	if i+1 < len(d.toks) && d.toks[i].key == "/" && d.toks[i+1].info != nil && d.toks[i+1].info.month == m {
		i += 2
	}
	return m, i
}

// yearAfter reads ", 2025", "2025", "من عام 2025", "of 2025" after a month.
func (d *doc) yearAfter(i int) (int, int) {
	j := i
	if j < len(d.toks) && (d.toks[j].key == "," || d.toks[j].key == "،") {
		j++
	}
	if j < len(d.toks) && (d.toks[j].key == "من" || d.toks[j].key == "of") {
		j++
	}
	if j < len(d.toks) && d.toks[j].info != nil && d.toks[j].info.yearCue {
		j++
	}
	if y := d.yearOf(j, 1000, 2999); y != 0 {
		return y, j + 1
	}
	return 0, i
}

// dateAt reads a date expression starting at token i.
func (d *doc) dateAt(i int) (Finding, int, bool) {
	toks := d.toks
	t := &toks[i]
	switch t.kind {
	case tWord:
		if t.info == nil {
			return Finding{}, 0, false
		}
		if t.info.isRel && (t.latin || len([]rune(t.key)) >= 3) && !d.dayOfEvent(i) {
			return d.relative(i), i + 1, true
		}
		if t.info.part != "" {
			if f, next, ok := d.partOfYear(i); ok {
				return f, next, ok
			}
		}
		if t.info.month != 0 {
			m, j := d.monthAt(i)
			if m == 0 {
				return Finding{}, 0, false
			}
			// "January 27, 2025"
			if day := d.dayOf(j); day != 0 && !d.isCode(j) {
				k := j + 1
				if k < len(toks) && (toks[k].key == "st" || toks[k].key == "nd" || toks[k].key == "rd" || toks[k].key == "th") && !toks[k].space {
					k++
				}
				if y, n := d.yearAfter(k); y != 0 {
					return d.finding(Date, t.s, toks[n-1].e, Value{Date: fmt.Sprintf("%04d-%02d-%02d", y, m, day), Precision: Day}), n, true
				}
			}
			if y, n := d.yearAfter(j); y != 0 {
				return d.finding(Date, t.s, toks[n-1].e, Value{Date: fmt.Sprintf("%04d-%02d", y, m), Precision: Month}), n, true
			}
			return Finding{}, 0, false
		}
		if t.info.yearCue {
			if y := d.yearOf(i+1, 1000, 2999); y != 0 {
				return d.finding(Date, t.s, toks[i+1].e, Value{Date: strconv.Itoa(y), Precision: Year}), i + 2, true
			}
		}
		if t.info.yearPrep {
			if y := d.yearOf(i+1, 1900, 2100); y != 0 && !d.figureFollows(i+2) {
				return d.finding(Date, toks[i+1].s, toks[i+1].e, Value{Date: strconv.Itoa(y), Precision: Year}), i + 2, true
			}
		}
	case tNum:
		if d.isCode(i) {
			return Finding{}, 0, false
		}
		// ISO 2025-01-20 and day-first 20/1/2025
		if i+4 < len(toks) && (toks[i+1].key == "-" || toks[i+1].key == "/") && toks[i+3].key == toks[i+1].key &&
			!toks[i+1].space && !toks[i+2].space && !toks[i+3].space && !toks[i+4].space {
			a, b, c := toks[i].key, toks[i+2].key, toks[i+4].key
			ai, _ := strconv.Atoi(a)
			bi, _ := strconv.Atoi(b)
			ci, _ := strconv.Atoi(c)
			if len(a) == 4 && bi >= 1 && bi <= 12 && ci >= 1 && ci <= 31 && len(c) <= 2 {
				return d.finding(Date, t.s, toks[i+4].e, Value{Date: fmt.Sprintf("%04d-%02d-%02d", ai, bi, ci), Precision: Day}), i + 5, true
			}
			if len(c) == 4 && ai >= 1 && ai <= 31 && bi >= 1 && bi <= 12 && len(a) <= 2 {
				return d.finding(Date, t.s, toks[i+4].e, Value{Date: fmt.Sprintf("%04d-%02d-%02d", ci, bi, ai), Precision: Day}), i + 5, true
			}
		}
		// decade: 1990s
		if len(t.key) == 4 && t.key[3] == '0' && i+1 < len(toks) && toks[i+1].key == "s" && !toks[i+1].space {
			return d.finding(Date, t.s, toks[i+1].e, Value{Date: t.key, Precision: Decade}), i + 2, true
		}
		day := d.dayOf(i)
		if day == 0 {
			return Finding{}, 0, false
		}
		j := i + 1
		if j < len(toks) && (toks[j].key == "st" || toks[j].key == "nd" || toks[j].key == "rd" || toks[j].key == "th") && !toks[j].space {
			j++
		}
		if j < len(toks) && toks[j].key == "of" {
			j++
		}
		m, k := d.monthAt(j)
		if m == 0 {
			return Finding{}, 0, false
		}
		if y, n := d.yearAfter(k); y != 0 {
			return d.finding(Date, t.s, toks[n-1].e, Value{Date: fmt.Sprintf("%04d-%02d-%02d", y, m, day), Precision: Day}), n, true
		}
		v := Value{Date: fmt.Sprintf("--%02d-%02d", m, day), Precision: Day}
		if !d.ref.IsZero() {
			v.Date = fmt.Sprintf("%04d-%02d-%02d", d.ref.Year(), m, day)
		}
		return d.finding(Date, t.s, toks[k-1].e, v), k, true
	}
	return Finding{}, 0, false
}

// figureFollows guards "في 2023 دولار"-like cases where the four digits are
// an amount, not a year.
func (d *doc) figureFollows(k int) bool {
	if k >= len(d.toks) {
		return false
	}
	t := &d.toks[k]
	if t.key == "%" {
		return true
	}
	return t.kind == tWord && t.info != nil && (t.info.scale > 0 || t.info.cur != "" || t.info.unit != "" || t.info.pct)
}

// partOfYear reads "أواخر عام 2022", "late 2022", "mid-2023", "end of 2022".
func (d *doc) partOfYear(i int) (Finding, int, bool) {
	toks := d.toks
	t := &toks[i]
	part := t.info.part
	j := i + 1
	if t.latin {
		switch t.key {
		case "end", "beginning", "start", "middle":
			if j >= len(toks) || toks[j].key != "of" {
				return Finding{}, 0, false
			}
			j++
		}
		if j < len(toks) && toks[j].key == "-" && !toks[j].space {
			j++
		}
	}
	if j < len(toks) && toks[j].info != nil && toks[j].info.yearCue {
		j++
	}
	if y := d.yearOf(j, 1000, 2999); y != 0 {
		return d.finding(Date, t.s, toks[j].e, Value{Date: strconv.Itoa(y), Precision: PartOfYear, Part: part}), j + 1, true
	}
	if m, k := d.monthAt(j); m != 0 {
		if y, n := d.yearAfter(k); y != 0 {
			return d.finding(Date, t.s, toks[n-1].e, Value{Date: fmt.Sprintf("%04d-%02d", y, m), Precision: Month, Part: part}), n, true
		}
	}
	return Finding{}, 0, false
}

// relative resolves "أمس" and "today" against the publication date; without
// one the finding is kept but flagged, so the desk knows to ask for the date.
func (d *doc) relative(i int) Finding {
	t := &d.toks[i]
	v := Value{Relative: true}
	if !d.ref.IsZero() {
		v = Value{Date: d.ref.AddDate(0, 0, t.info.rel).Format("2006-01-02"), Precision: Day}
	}
	return d.finding(Date, t.s, t.e, v)
}

// dayOfEvent tells "في اليوم نفسه" (on the same day) from "اليوم" (today).
func (d *doc) dayOfEvent(i int) bool {
	if d.toks[i].latin {
		return false
	}
	if i > 0 && (d.toks[i-1].key == "في" || d.toks[i-1].key == "ذلك" || d.toks[i-1].key == "هذا") {
		return true
	}
	if i+1 < len(d.toks) {
		switch d.toks[i+1].key {
		case "نفسه", "ذاته", "التالي", "السابق", "الاول", "الواحد", "الثاني", "العالمي", "الوطني":
			return true
		}
	}
	return false
}
