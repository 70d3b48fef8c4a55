package searchindex

import (
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factdesk/factdesk/claims/extract"
	"github.com/factdesk/factdesk/claims/fold"
)

// Figure is an amount with its currency or unit ("USD", "percent", or ""
// for a bare count), as a claim's structured value holds it.
type Figure struct {
	Amount float64
	Unit   string
}

// figureMarker gives the same marker to the same amount in the same unit,
// whichever words or script wrote it: amounts are compared to three
// significant digits ("$593 billion", "593 مليار دولار", "593,000,000,000
// USD").
func figureMarker(f Figure) string {
	if f.Amount <= 0 || math.IsInf(f.Amount, 0) || math.IsNaN(f.Amount) {
		return ""
	}
	unit := strings.ToLower(strings.TrimSpace(f.Unit))
	if unit == "%" {
		unit = "percent"
	}
	return markFigure + strconv.FormatFloat(f.Amount, 'e', 2, 64) + "_" + strings.Join(fold.Words(unit), "")
}

// quoteMarker is the same for the same quotation, however it was punctuated
// or spelt; quotations of one word are not distinctive enough to count.
func quoteMarker(q string) string {
	words := fold.Words(q)
	if len(words) < 2 {
		return ""
	}
	h := fnv.New64a()
	h.Write([]byte(strings.Join(words, " ")))
	return markQuote + strconv.FormatUint(h.Sum64(), 36)
}

func nameMarker(canonical string) string { return markName + canonical }

// Features reads what "checked before" compares from a claim's text: its
// figures (with those of its structured value), its quotations and the names
// it mentions. The result is a list of markers, stored with the record.
func Features(text, lang string, figures ...Figure) []string {
	seen := map[string]bool{}
	var out []string
	add := func(m string) {
		if m != "" && !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	for _, f := range figures {
		add(figureMarker(f))
	}
	if text != "" {
		for _, f := range extract.Find(text, extract.Options{Lang: lang}) {
			switch f.Kind {
			case extract.Money, extract.Market:
				add(figureMarker(Figure{Amount: f.Value.Amount, Unit: f.Value.Currency}))
			case extract.Percent:
				add(figureMarker(Figure{Amount: f.Value.Amount, Unit: "percent"}))
			case extract.Quantity:
				add(figureMarker(Figure{Amount: f.Value.Amount, Unit: f.Value.Unit}))
			case extract.Quote:
				add(quoteMarker(f.Text))
			}
		}
	}
	for _, n := range Names(text) {
		add(nameMarker(n))
	}
	return out
}

// Names returns the names a text mentions, each as one canonical key shared
// by its spellings in both languages: first those in the alias list (Nvidia
// and إنفيديا are both "nvidia"), then English words written with a capital
// letter inside a sentence, and Arabic words that follow a title ("الرئيس
// ماكرون", "شركة بايدو").
func Names(text string) []string {
	toks := fold.Tokens(text)
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	stems := make([]string, len(toks))
	for i, t := range toks {
		stems[i] = fold.Stem(t.Text)
	}
	used := make([]bool, len(toks))
	for i := 0; i < len(toks); i++ {
		for n := min(3, len(toks)-i); n >= 1; n-- {
			if c, ok := aliasAt(toks, stems, i, n); ok {
				add(c)
				for k := i; k < i+n; k++ {
					used[k] = true
				}
				i += n - 1
				break
			}
		}
	}
	for i, t := range toks {
		if used[i] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[t.Start:])
		switch {
		case unicode.IsUpper(r) && !sentenceStart(text, t.Start) && utf8.RuneCountInString(t.Text) >= 3 && !stopword(t.Text):
			add(stems[i])
		case i > 0 && arabicTitles[toks[i-1].Text] && !stopword(t.Text) && utf8.RuneCountInString(t.Text) >= 3:
			add(stems[i])
		}
	}
	return out
}

// aliasAt looks up the n words at i in the alias list, by their stems; a
// single Arabic word may also carry a joined preposition or conjunction
// ("لإنفيديا", "وترامب").
func aliasAt(toks []fold.Token, stems []string, i, n int) (string, bool) {
	key := strings.Join(stems[i:i+n], " ")
	if c, ok := aliases[key]; ok {
		return c, true
	}
	if n == 1 {
		w := toks[i].Text
		for _, p := range []string{"و", "ب", "ل", "ف", "ك"} {
			if strings.HasPrefix(w, p) && utf8.RuneCountInString(w) > 3 {
				if c, ok := aliases[fold.Stem(w[len(p):])]; ok {
					return c, true
				}
			}
		}
	}
	return "", false
}

// sentenceStart reports whether only spaces and opening punctuation stand
// between the start of a sentence and byte offset at.
func sentenceStart(text string, at int) bool {
	for at > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:at])
		at -= size
		switch {
		case unicode.IsSpace(r), r == '"', r == '\'', r == '(', r == '“', r == '«', r == '‘':
			continue
		case r == '.', r == '!', r == '?', r == ':', r == '\n', r == '؟':
			return true
		default:
			return false
		}
	}
	return true
}

// aliasName is the canonical key of a query word when it is a known name.
func aliasName(word string) string {
	if c, ok := aliases[fold.Stem(word)]; ok {
		return c
	}
	return ""
}

// aliasList: canonical key → spellings, English and Arabic. Keep it small and
// about what this desk checks; any name outside it is still matched within
// one language by its words.
var aliasList = map[string][]string{
	"nvidia":      {"Nvidia", "إنفيديا", "انفيديا", "نفيديا"},
	"deepseek":    {"DeepSeek", "Deep Seek", "ديب سيك", "ديبسيك"},
	"openai":      {"OpenAI", "Open AI", "أوبن إيه آي", "أوبن أي آي", "اوبن ايه اي"},
	"chatgpt":     {"ChatGPT", "Chat GPT", "شات جي بي تي", "تشات جي بي تي"},
	"microsoft":   {"Microsoft", "مايكروسوفت", "ميكروسوفت"},
	"google":      {"Google", "غوغل", "جوجل", "قوقل"},
	"apple":       {"Apple", "آبل", "أبل", "ابل"},
	"meta":        {"Meta", "ميتا"},
	"facebook":    {"Facebook", "فيسبوك", "فيس بوك"},
	"amazon":      {"Amazon", "أمازون"},
	"tesla":       {"Tesla", "تسلا"},
	"huawei":      {"Huawei", "هواوي"},
	"baidu":       {"Baidu", "بايدو"},
	"alibaba":     {"Alibaba", "علي بابا"},
	"tiktok":      {"TikTok", "تيك توك", "تيكتوك"},
	"twitter":     {"Twitter", "تويتر"},
	"youtube":     {"YouTube", "يوتيوب"},
	"pfizer":      {"Pfizer", "فايزر"},
	"moderna":     {"Moderna", "موديرنا"},
	"astrazeneca": {"AstraZeneca", "أسترازينيكا", "استرازينيكا", "أسترازينكا"},
	"nasdaq":      {"Nasdaq", "ناسداك"},
	"trump":       {"Trump", "ترامب"},
	"biden":       {"Biden", "بايدن"},
	"obama":       {"Obama", "أوباما"},
	"clinton":     {"Clinton", "كلينتون"},
	"putin":       {"Putin", "بوتين"},
	"zelensky":    {"Zelensky", "Zelenskyy", "زيلينسكي"},
	"xi":          {"Xi Jinping", "شي جين بينغ", "شي جينبينغ"},
	"netanyahu":   {"Netanyahu", "نتنياهو"},
	"sisi":        {"Sisi", "el-Sisi", "السيسي"},
	"erdogan":     {"Erdogan", "Erdoğan", "أردوغان"},
	"musk":        {"Musk", "Elon Musk", "ماسك", "إيلون ماسك"},
	"liang":       {"Liang Wenfeng", "ليانغ وينفينغ"},
	"china":       {"China", "الصين"},
	"usa":         {"United States", "USA", "America", "الولايات المتحدة", "أمريكا", "أميركا"},
	"russia":      {"Russia", "روسيا"},
	"ukraine":     {"Ukraine", "أوكرانيا"},
	"israel":      {"Israel", "إسرائيل"},
	"gaza":        {"Gaza", "غزة"},
	"palestine":   {"Palestine", "فلسطين"},
	"egypt":       {"Egypt", "مصر"},
	"saudi":       {"Saudi Arabia", "السعودية"},
	"qatar":       {"Qatar", "قطر"},
	"uae":         {"UAE", "United Arab Emirates", "الإمارات"},
	"iran":        {"Iran", "إيران"},
	"iraq":        {"Iraq", "العراق"},
	"syria":       {"Syria", "سوريا", "سورية"},
	"lebanon":     {"Lebanon", "لبنان"},
	"jordan":      {"Jordan", "الأردن"},
	"turkey":      {"Turkey", "Türkiye", "تركيا"},
	"india":       {"India", "الهند"},
	"who":         {"WHO", "World Health Organization", "منظمة الصحة العالمية"},
	"un":          {"United Nations", "الأمم المتحدة"},
	"imf":         {"IMF", "International Monetary Fund", "صندوق النقد الدولي"},
	"worldbank":   {"World Bank", "البنك الدولي"},
	"eu":          {"European Union", "الاتحاد الأوروبي"},
	"nato":        {"NATO", "الناتو", "حلف الناتو"},
	"covid":       {"COVID", "COVID-19", "Covid", "coronavirus", "كورونا", "كوفيد", "كوفيد-19"},
	"hamas":       {"Hamas", "حماس"},
	"hezbollah":   {"Hezbollah", "حزب الله"},
}

// aliases maps the stemmed, folded spelling of a name to its key.
var aliases = func() map[string]string {
	m := map[string]string{}
	for canonical, names := range aliasList {
		for _, n := range names {
			var stems []string
			for _, w := range fold.Words(n) {
				stems = append(stems, fold.Stem(w))
			}
			if len(stems) > 0 {
				m[strings.Join(stems, " ")] = canonical
			}
		}
	}
	return m
}()

// arabicTitles are words after which an Arabic name follows (folded).
var arabicTitles = wordSet(`الرئيس رئيس الوزير وزير الملك الامير الشيخ السيد السيده الملياردير مؤسس المتحدث النائب السيناتور
	شركه الشركه الدكتور المدير`)

// stopwords are left out of the words "checked before" compares: they say
// nothing about what a claim is about. Folded forms.
var stopwords = wordSet(`a an the of in on at to and or but not no nor is are was were be been being has have had do does did
	for with by as from that this these those it its he she they we you i his her their our your who whom which what when
	where why how there here all any some more most less than then so if into up out over under about after before
	also can could would should will may might must just only very says said say told according
	january february march april may june july august september october november december
	monday tuesday wednesday thursday friday saturday sunday
	في من على الى إلى عن ان أن إن او أو و ما لا لم لن هذا هذه ذلك تلك التي الذي الذين كان كانت يكون قال قالت مع بعد قبل كل
	عند هو هي هم نحو تم قد ثم حتى بين اي أي وقد وفي كما اما أما حيث منذ خلال ضد لدى عبر دون غير بل ايضا أيضا`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[fold.String(w)] = true
	}
	return m
}

func stopword(folded string) bool { return stopwords[folded] }
