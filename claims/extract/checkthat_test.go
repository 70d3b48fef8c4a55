package extract

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

type labelled struct {
	text string
	pos  bool
}

// readCheckThat reads a CheckThat! 2022 task 1 TSV (topic, tweet_id,
// tweet_url, tweet_text, class_label). The data stay in shared/; nothing is
// copied into the repository.
func readCheckThat(path string) ([]labelled, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out []labelled
	textCol, labelCol := 3, 4
	for first := true; sc.Scan(); first = false {
		cols := strings.Split(sc.Text(), "\t")
		if first {
			for i, c := range cols {
				switch strings.TrimSpace(c) {
				case "tweet_text":
					textCol = i
				case "class_label":
					labelCol = i
				}
			}
			continue
		}
		if len(cols) <= labelCol {
			continue
		}
		out = append(out, labelled{cols[textCol], strings.TrimSpace(cols[labelCol]) == "1"})
	}
	return out, sc.Err()
}

// tweetScore is the best sentence score: a tweet is worth checking when any
// of its sentences is.
func tweetScore(text string) float64 {
	best := 0.0
	for _, s := range Sentences(text, Options{}) {
		best = max(best, s.Score)
	}
	return best
}

func hasDigit(s string) bool {
	return strings.IndexFunc(NormalizeDigits(s), func(r rune) bool { return r >= '0' && r <= '9' }) >= 0
}

func f1(pred, gold []bool) float64 {
	var c prf
	for i := range pred {
		if pred[i] {
			c.pred++
		}
		if gold[i] {
			c.gold++
			if pred[i] {
				c.tp++
			}
		}
	}
	return c.f1()
}

// averagePrecision and rocAUC rank by score; ties are broken pessimistically
// for AP (positives last) and shared for AUC.
func averagePrecision(scores []float64, gold []bool) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		if scores[idx[a]] != scores[idx[b]] {
			return scores[idx[a]] > scores[idx[b]]
		}
		return !gold[idx[a]] && gold[idx[b]]
	})
	var tp, npos int
	var sum float64
	for _, g := range gold {
		if g {
			npos++
		}
	}
	for k, i := range idx {
		if gold[i] {
			tp++
			sum += float64(tp) / float64(k+1)
		}
	}
	if npos == 0 {
		return 0
	}
	return sum / float64(npos)
}

func rocAUC(scores []float64, gold []bool) float64 {
	var pos, neg []float64
	for i, s := range scores {
		if gold[i] {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}
	if len(pos) == 0 || len(neg) == 0 {
		return 0
	}
	sort.Float64s(neg)
	var sum float64
	for _, p := range pos {
		lo := sort.SearchFloat64s(neg, p)
		hi := sort.Search(len(neg), func(i int) bool { return neg[i] > p })
		sum += float64(lo) + 0.5*float64(hi-lo)
	}
	return sum / float64(len(pos)*len(neg))
}

type ctResult struct {
	name                          string
	n, npos                       int
	f1, ap, auc, f1All, f1Digit   float64
	apDigit, aucDigit, bestThresh float64
	bestF1                        float64
}

func evalCheckThat(path string) (ctResult, error) {
	rows, err := readCheckThat(path)
	if err != nil {
		return ctResult{}, err
	}
	r := ctResult{name: filepath.Base(path), n: len(rows)}
	scores := make([]float64, len(rows))
	gold := make([]bool, len(rows))
	pred := make([]bool, len(rows))
	all := make([]bool, len(rows))
	digit := make([]bool, len(rows))
	digitScore := make([]float64, len(rows))
	for i, row := range rows {
		scores[i] = tweetScore(row.text)
		gold[i] = row.pos
		pred[i] = scores[i] >= Threshold
		all[i] = true
		digit[i] = hasDigit(row.text)
		if digit[i] {
			digitScore[i] = 1
		}
		if row.pos {
			r.npos++
		}
	}
	r.f1, r.ap, r.auc = f1(pred, gold), averagePrecision(scores, gold), rocAUC(scores, gold)
	r.f1All, r.f1Digit = f1(all, gold), f1(digit, gold)
	r.apDigit, r.aucDigit = averagePrecision(digitScore, gold), rocAUC(digitScore, gold)
	for th := 0.05; th < 1; th += 0.01 {
		for i := range pred {
			pred[i] = scores[i] >= th
		}
		if f := f1(pred, gold); f > r.bestF1 {
			r.bestF1, r.bestThresh = f, th
		}
	}
	return r, nil
}

func checkThatFiles(tb testing.TB, split string) []string {
	sh := sharedDir()
	if sh == "" {
		tb.Skip("shared/data not found above the package directory; skipping CheckThat! 2022")
	}
	var out []string
	for _, f := range []string{
		"clef2022-checkthat-task1-arabic/CT22_arabic_1A_checkworthy_" + split + ".tsv",
		"clef2022-checkthat-task1-arabic/CT22_arabic_1B_claim_" + split + ".tsv",
		"clef2022-checkthat-task1-english/CT22_english_1A_checkworthy_" + split + ".tsv",
	} {
		p := filepath.Join(sh, "data", f)
		if _, err := os.Stat(p); err != nil {
			tb.Skipf("CheckThat! file absent: %s", p)
		}
		out = append(out, p)
	}
	return out
}

// BenchmarkCheckThat measures on the dev_test files, which were not used to
// set the weights or the threshold.
func BenchmarkCheckThat(b *testing.B) {
	for _, p := range checkThatFiles(b, "dev_test") {
		b.Run(strings.TrimSuffix(filepath.Base(p), ".tsv"), func(b *testing.B) {
			var r ctResult
			var err error
			for b.Loop() {
				if r, err = evalCheckThat(p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(r.f1, "F1")
			b.ReportMetric(r.ap, "AP")
			b.ReportMetric(r.auc, "AUC")
			b.ReportMetric(r.f1All, "F1-all-positive")
			b.ReportMetric(r.f1Digit, "F1-has-digit")
			b.ReportMetric(r.apDigit, "AP-has-digit")
			b.ReportMetric(r.aucDigit, "AUC-has-digit")
		})
	}
}

// TestTuneCheckThat prints, for the train and dev files, the threshold that
// maximises F1; it is how Threshold was chosen. Run with EXTRACT_TUNE=1.
func TestTuneCheckThat(t *testing.T) {
	if os.Getenv("EXTRACT_TUNE") == "" {
		t.Skip("set EXTRACT_TUNE=1 to print tuning figures on CheckThat! train/dev")
	}
	for _, split := range []string{"train", "dev", "dev_test"} {
		for _, p := range checkThatFiles(t, split) {
			r, err := evalCheckThat(p)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%-40s n=%4d pos=%4d F1=%.3f AP=%.3f AUC=%.3f | all=%.3f digit=%.3f (AP %.3f AUC %.3f) | best th=%s F1=%.3f",
				r.name, r.n, r.npos, r.f1, r.ap, r.auc, r.f1All, r.f1Digit, r.apDigit, r.aucDigit, strconv.FormatFloat(r.bestThresh, 'f', 2, 64), r.bestF1)
		}
	}
}

// TestFitWeights fits the score weights by logistic regression on the
// CheckThat! 1A train files and prints them. Run with EXTRACT_FIT=1; the
// printed weights are copied, rounded, into score.go.
func TestFitWeights(t *testing.T) {
	if os.Getenv("EXTRACT_FIT") == "" {
		t.Skip("set EXTRACT_FIT=1 to fit weights on CheckThat! train")
	}
	var xs [][]float64
	var ys []float64
	for _, p := range checkThatFiles(t, "train") {
		if strings.Contains(p, "1B") {
			continue
		}
		rows, err := readCheckThat(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			d := analyse(r.text, Options{})
			fs := d.findings()
			// the tweet's best sentence stands for it, as in tweetScore
			var best []float64
			bs := -1e9
			for _, s := range d.sents {
				var in []Finding
				for _, f := range fs {
					if f.Start >= s.s && f.End <= s.e {
						in = append(in, f)
					}
				}
				ft := d.features(s, in)
				v := ft.vector()
				sc := 0.0
				for i := range v {
					sc += weights[i] * v[i]
				}
				if sc > bs {
					bs, best = sc, v
				}
			}
			if best == nil {
				continue
			}
			xs = append(xs, best)
			y := 0.0
			if r.pos {
				y = 1
			}
			ys = append(ys, y)
		}
	}
	w := append([]float64(nil), weights...)
	for it := 0; it < 3000; it++ {
		g := make([]float64, len(w))
		for i, x := range xs {
			z := 0.0
			for j := range x {
				z += w[j] * x[j]
			}
			p := 1 / (1 + math.Exp(-z))
			for j := range x {
				g[j] += (p - ys[i]) * x[j]
			}
		}
		for j := range w {
			w[j] -= 0.5 * (g[j]/float64(len(xs)) + 0.01*w[j]*boolf(j > 0))
		}
	}
	t.Logf("fitted weights: %.2f", w)
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
