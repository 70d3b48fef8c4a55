package extract

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseValue(t *testing.T) {
	ref := time.Date(2025, 1, 28, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		quote string
		kind  Kind
		ref   time.Time
		want  Value
		wantK Kind
	}{
		// seed article
		{"900 مليار دولار", "", time.Time{}, Value{Amount: 9e11, Currency: "USD", Scale: "billion"}, Money},
		{"نحو 900 مليار دولار من قيمتها السوقية", "", time.Time{}, Value{Amount: 9e11, Currency: "USD", Scale: "billion", Qualifier: About}, Market},
		{"6 ملايين دولار", "", time.Time{}, Value{Amount: 6e6, Currency: "USD", Scale: "million"}, Money},
		{"بتكلفة لا تتجاوز 6 ملايين دولار", Money, time.Time{}, Value{Amount: 6e6, Currency: "USD", Scale: "million", Qualifier: AtMost}, Money},
		{"20 يناير 2025", "", time.Time{}, Value{Date: "2025-01-20", Precision: Day}, Date},
		{"بنحو20 %", "", time.Time{}, Value{Amount: 20, Unit: "percent", Qualifier: About}, Percent},
		{"في أواخر عام 2022", "", time.Time{}, Value{Date: "2022", Precision: PartOfYear, Part: "late"}, Date},
		{"في عام 2023", Date, time.Time{}, Value{Date: "2023", Precision: Year}, Date},
		{"آلاف وحدات معالجة الرسوميات", "", time.Time{}, Value{Amount: 1000, Unit: "GPU", Scale: "thousand", Approximate: true}, Quantity},
		{"أمس", "", time.Time{}, Value{Relative: true}, Date},
		{"أمس", "", ref, Value{Date: "2025-01-27", Precision: Day}, Date},
		// money, both scripts and languages
		{"٣٫٥ مليار جنيه", "", time.Time{}, Value{Amount: 3.5e9, Currency: "EGP", Scale: "billion"}, Money},
		{"$593 billion", "", time.Time{}, Value{Amount: 593e9, Currency: "USD", Scale: "billion"}, Money},
		{"US$600bn", "", time.Time{}, Value{Amount: 600e9, Currency: "USD", Scale: "billion"}, Money},
		{"€1.2 trillion", "", time.Time{}, Value{Amount: 1.2e12, Currency: "EUR", Scale: "trillion"}, Money},
		{"5.576 million dollars", "", time.Time{}, Value{Amount: 5.576e6, Currency: "USD", Scale: "million"}, Money},
		{"حوالي 3 ملايين ريال", "", time.Time{}, Value{Amount: 3e6, Currency: "SAR", Scale: "million", Qualifier: About}, Money},
		{"about $600 billion", "", time.Time{}, Value{Amount: 600e9, Currency: "USD", Scale: "billion", Qualifier: About}, Money},
		{"around €5 million", "", time.Time{}, Value{Amount: 5e6, Currency: "EUR", Scale: "million", Qualifier: About}, Money},
		{"roughly $2 billion", "", time.Time{}, Value{Amount: 2e9, Currency: "USD", Scale: "billion", Qualifier: About}, Money},
		{"no more than $6 million", "", time.Time{}, Value{Amount: 6e6, Currency: "USD", Scale: "million", Qualifier: AtMost}, Money},
		{"under $6 million", "", time.Time{}, Value{Amount: 6e6, Currency: "USD", Scale: "million", Qualifier: LessThan}, Money},
		{"less than $6 million", "", time.Time{}, Value{Amount: 6e6, Currency: "USD", Scale: "million", Qualifier: LessThan}, Money},
		{"أكثر من 10 مليارات دولار", "", time.Time{}, Value{Amount: 1e10, Currency: "USD", Scale: "billion", Qualifier: MoreThan}, Money},
		{"more than $1 trillion", "", time.Time{}, Value{Amount: 1e12, Currency: "USD", Scale: "trillion", Qualifier: MoreThan}, Money},
		{"over 500 million euros", "", time.Time{}, Value{Amount: 5e8, Currency: "EUR", Scale: "million", Qualifier: MoreThan}, Money},
		{"at least $2 billion", "", time.Time{}, Value{Amount: 2e9, Currency: "USD", Scale: "billion", Qualifier: AtLeast}, Money},
		{"5 ملايين دينار كويتي على الأقل", "", time.Time{}, Value{Amount: 5e6, Currency: "KWD", Scale: "million", Qualifier: AtLeast}, Money},
		{"200 ألف دينار أردني", "", time.Time{}, Value{Amount: 2e5, Currency: "JOD", Scale: "thousand"}, Money},
		{"وبـ 40 مليار يوان", "", time.Time{}, Value{Amount: 4e10, Currency: "CNY", Scale: "billion"}, Money},
		{"12 مليار درهم", "", time.Time{}, Value{Amount: 12e9, Currency: "AED", Scale: "billion"}, Money},
		{"£3 billion", "", time.Time{}, Value{Amount: 3e9, Currency: "GBP", Scale: "billion"}, Money},
		{"$5.576M", "", time.Time{}, Value{Amount: 5.576e6, Currency: "USD", Scale: "million"}, Money},
		// percentages
		{"20 %", "", time.Time{}, Value{Amount: 20, Unit: "percent"}, Percent},
		{"٪١٧", "", time.Time{}, Value{Amount: 17, Unit: "percent"}, Percent},
		{"17 في المائة", "", time.Time{}, Value{Amount: 17, Unit: "percent"}, Percent},
		{"17 بالمئة", "", time.Time{}, Value{Amount: 17, Unit: "percent"}, Percent},
		{"17 percent", "", time.Time{}, Value{Amount: 17, Unit: "percent"}, Percent},
		{"17%", "", time.Time{}, Value{Amount: 17, Unit: "percent"}, Percent},
		{"16.97%", "", time.Time{}, Value{Amount: 16.97, Unit: "percent"}, Percent},
		{"42", Percent, time.Time{}, Value{Amount: 42, Unit: "percent"}, Percent},
		// dates
		{"٢٠ كانون الثاني ٢٠٢٥", "", time.Time{}, Value{Date: "2025-01-20", Precision: Day}, Date},
		{"أواخر عام 2022", "", time.Time{}, Value{Date: "2022", Precision: PartOfYear, Part: "late"}, Date},
		{"أوائل 2023", "", time.Time{}, Value{Date: "2023", Precision: PartOfYear, Part: "early"}, Date},
		{"مطلع عام 2024", "", time.Time{}, Value{Date: "2024", Precision: PartOfYear, Part: "early"}, Date},
		{"منتصف عام 2023", "", time.Time{}, Value{Date: "2023", Precision: PartOfYear, Part: "mid"}, Date},
		{"January 27, 2025", "", time.Time{}, Value{Date: "2025-01-27", Precision: Day}, Date},
		{"27 Jan 2025", "", time.Time{}, Value{Date: "2025-01-27", Precision: Day}, Date},
		{"Jan. 27, 2025", "", time.Time{}, Value{Date: "2025-01-27", Precision: Day}, Date},
		{"in 2021", "", time.Time{}, Value{Date: "2021", Precision: Year}, Date},
		{"late 2022", "", time.Time{}, Value{Date: "2022", Precision: PartOfYear, Part: "late"}, Date},
		{"early 2023", "", time.Time{}, Value{Date: "2023", Precision: PartOfYear, Part: "early"}, Date},
		{"mid-2023", "", time.Time{}, Value{Date: "2023", Precision: PartOfYear, Part: "mid"}, Date},
		{"January 2025", "", time.Time{}, Value{Date: "2025-01", Precision: Month}, Date},
		{"3 شباط 2024", "", time.Time{}, Value{Date: "2024-02-03", Precision: Day}, Date},
		{"15 تشرين الأول 2023", "", time.Time{}, Value{Date: "2023-10-15", Precision: Day}, Date},
		{"1 كانون الأول 2022", "", time.Time{}, Value{Date: "2022-12-01", Precision: Day}, Date},
		{"10 يونيه 2021", "", time.Time{}, Value{Date: "2021-06-10", Precision: Day}, Date},
		{"أغسطس 2022", "", time.Time{}, Value{Date: "2022-08", Precision: Month}, Date},
		{"yesterday", "", ref, Value{Date: "2025-01-27", Precision: Day}, Date},
		{"today", "", time.Time{}, Value{Relative: true}, Date},
		{"اليوم", "", ref, Value{Date: "2025-01-28", Precision: Day}, Date},
		{"2025-01-20", "", time.Time{}, Value{Date: "2025-01-20", Precision: Day}, Date},
		{"the 1990s", "", time.Time{}, Value{Date: "1990", Precision: Decade}, Date},
		// quantities
		{"2,048 H800 chips", "", time.Time{}, Value{Amount: 2048, Unit: "chip"}, Quantity},
		{"10,000 A100s", "", time.Time{}, Value{Amount: 10000, Unit: "GPU"}, Quantity},
		{"3 ملايين مستخدم", "", time.Time{}, Value{Amount: 3e6, Unit: "user", Scale: "million"}, Quantity},
	}
	for _, tt := range tests {
		got, gotK, ok := ParseValue(tt.quote, tt.kind, tt.ref)
		if !ok {
			t.Errorf("ParseValue(%q) found nothing", tt.quote)
			continue
		}
		if gotK != tt.wantK {
			t.Errorf("ParseValue(%q) kind = %q, want %q", tt.quote, gotK, tt.wantK)
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("ParseValue(%q) (-got +want):\n%s", tt.quote, diff)
		}
	}
}

func TestNotFindings(t *testing.T) {
	for _, text := range []string{
		`أطلقت شركة "ديب سيك "الصينية تطبيقا ينافس "تشات جي بي تي" و"انفيديا".`,
		`باستخدام شرائح "إنفيديا إتش 800" الأقل تطوراً.`,
		"GPT-4 beat H100 and A100 clusters; COVID-19 is a code, not a figure.",
		"تم نسخ الرابط",
		"Share this article",
		"The GPT-2025 model shipped.",
		"It was called \"DeepSeek\" by its makers.",
	} {
		if fs := Find(text, Options{}); len(fs) != 0 {
			t.Errorf("Find(%q) = %+v, want nothing", text, fs)
		}
	}
}

func TestQuoteSpeakers(t *testing.T) {
	text := `من جانبه، اعتبر الرئيس الأميركي دونالد ترامب، أن نموذج الذكاء الاصطناعي الصيني منخفض التكلفة "ديب سيك" هو بمثابة "جرس إنذار" للشركات الأميركية.
وقال ترامب، خلال مؤتمر للحزب الجمهوري في ميامي: "نأمل أن يكون إطلاق "ديب سيك" للذكاء الاصطناعي من شركة صينية بمثابة جرس إنذار لحاجة صناعاتنا إلى التركيز الحاد على المنافسة للفوز".
"It should be a wake-up call," Trump said.
"We will compete," said Jane Doe.`
	type q struct{ Text, Speaker string }
	var got []q
	for _, f := range Find(text, Options{}) {
		if f.Kind == Quote {
			got = append(got, q{f.Text, f.Speaker})
		}
	}
	want := []q{
		{"جرس إنذار", "الرئيس الأميركي دونالد ترامب"},
		{`نأمل أن يكون إطلاق "ديب سيك" للذكاء الاصطناعي من شركة صينية بمثابة جرس إنذار لحاجة صناعاتنا إلى التركيز الحاد على المنافسة للفوز`, "ترامب"},
		{"It should be a wake-up call", "Trump"},
		{"We will compete", "Jane Doe"},
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("quotes (-got +want):\n%s", diff)
	}
}

func TestNormalizeAndLang(t *testing.T) {
	if got, want := NormalizeDigits("٣٫٥ و٢٬٠٤٨ و٪١٧ و۱۲"), "3.5 و2,048 و%17 و12"; got != want {
		t.Errorf("NormalizeDigits = %q, want %q", got, want)
	}
	for text, want := range map[string]string{"شركة انفيديا خسرت": "ar", "Nvidia lost $593bn": "en", "": "en", "ديب سيك DeepSeek R1": "ar"} {
		if got := DetectLang(text); got != want {
			t.Errorf("DetectLang(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestSentenceSplit(t *testing.T) {
	text := "The U.S. lost 5.576 million dollars on Jan. 5, 2025. Did it? Yes! هل خسرت؟ نعم؛ خسرت كثيرا.\nNew paragraph"
	var got []string
	for _, s := range Sentences(text, Options{}) {
		got = append(got, s.Text)
	}
	want := []string{"The U.S. lost 5.576 million dollars on Jan. 5, 2025.", "Did it?", "Yes!", "هل خسرت؟", "نعم؛ خسرت كثيرا.", "New paragraph"}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("split (-got +want):\n%s", diff)
	}
}
