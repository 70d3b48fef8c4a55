package extract

// wordInfo is everything the rules need to know about one word. One map
// lookup per scanned word (with Arabic prefixes stripped) answers all the
// questions the rules ask later, which is what keeps Find fast.
type wordInfo struct {
	scale     float64 // 1e3, 1e6, 1e9, 1e12
	scaleName string
	plural    bool   // آلاف, ملايين, millions: "thousands of" when no number precedes
	cur       string // ISO 4217 code implied by a currency word
	iso       bool   // the word is itself an ISO code (USD, EGP)
	nat       string // nationality adjective refining a currency: كويتي -> KWD
	natName   bool   // a nationality adjective that marks a quoted span as a name
	month     int    // 1..12; 101 كانون, 102 تشرين need the next word
	monthAbbr bool   // jan, feb ...: may be followed by a dot
	ordinal   int    // الأول 1, الثاني 2 after كانون/تشرين
	unit      string // quantity unit
	pct       bool   // المئة, المائة, percent
	speech    bool   // a verb that introduces reported speech
	rel       int    // relative day offset, valid when isRel
	isRel     bool
	part      string // early, mid, late
	yearCue   bool   // عام, سنة: "عام 2023"
	yearPrep  bool   // في, in, since: "في 2023"
	market    bool   // السوقية, market
	nameNoun  bool   // شركة, app, model: a quoted span after it is a name
	codePre   bool   // إتش: the number after it is a model code
	stop      bool   // ends a speaker phrase
	compare   bool   // comparison/superlative/change: check-worthy signal
	claimVerb bool   // reporting or factual verbs
	opinion   bool   // hedges, wishes, judgements
	noPrefix  bool   // only match the bare word, never a prefix-stripped one
}

var lex = map[string]*wordInfo{}

func add(fn func(*wordInfo), words ...string) {
	for _, w := range words {
		k := foldString(w)
		wi := lex[k]
		if wi == nil {
			wi = &wordInfo{}
			lex[k] = wi
		}
		fn(wi)
	}
}

func scaleW(v float64, name string, plural bool) func(*wordInfo) {
	return func(w *wordInfo) { w.scale, w.scaleName, w.plural = v, name, plural }
}

func init() {
	add(scaleW(1e3, "thousand", false), "ألف", "ألفا", "thousand", "k")
	add(scaleW(1e3, "thousand", true), "آلاف", "ألوف", "thousands")
	add(scaleW(1e6, "million", false), "مليون", "مليونا", "million", "mn", "m", "mln")
	add(scaleW(1e6, "million", true), "ملايين", "millions")
	add(scaleW(1e9, "billion", false), "مليار", "مليارا", "بليون", "billion", "bn", "b", "bln")
	add(scaleW(1e9, "billion", true), "مليارات", "بلايين", "billions")
	add(scaleW(1e12, "trillion", false), "تريليون", "ترليون", "تريليونا", "trillion", "tn", "trn")
	add(scaleW(1e12, "trillion", true), "تريليونات", "trillions")

	cur := func(c string) func(*wordInfo) { return func(w *wordInfo) { w.cur = c } }
	add(cur("USD"), "دولار", "دولارا", "دولارات", "dollar", "dollars")
	add(cur("EUR"), "يورو", "euro", "euros")
	add(cur("EGP"), "جنيه", "جنيها", "جنيهات")
	add(cur("GBP"), "pound", "pounds", "sterling")
	add(cur("SAR"), "ريال", "ريالا", "ريالات", "riyal", "riyals")
	add(cur("AED"), "درهم", "درهما", "دراهم", "dirham", "dirhams")
	add(cur("KWD"), "دينار", "دينارا", "دنانير", "dinar", "dinars")
	add(cur("CNY"), "يوان", "yuan", "renminbi")
	add(cur("JPY"), "ين", "yen")
	add(func(w *wordInfo) { w.noPrefix = true }, "ين", "مئة", "مائة") // بين is "between", not yen
	add(cur("TRY"), "ليرة", "ليرات", "lira")
	add(cur("INR"), "روبية", "rupee", "rupees")
	for _, c := range []string{"usd", "eur", "egp", "sar", "aed", "cny", "gbp", "kwd", "jod", "qar", "omr", "bhd", "jpy", "mad", "try", "iqd", "lbp"} {
		add(func(w *wordInfo) { w.iso = true; w.cur = toUpperASCII(c) }, c)
	}
	nat := func(c string) func(*wordInfo) { return func(w *wordInfo) { w.nat, w.natName = c, true } }
	add(nat("USD"), "أمريكي", "أميركي", "الأمريكي", "الأميركي", "أمريكية", "أميركية", "الأمريكية", "الأميركية", "american")
	add(nat("GBP"), "إسترليني", "استرليني", "sterling", "البريطانية", "بريطانية")
	add(nat("SAR"), "سعودي", "السعودي", "سعودية", "السعودية", "saudi")
	add(nat("QAR"), "قطري", "القطري", "القطرية")
	add(nat("OMR"), "عماني", "العماني", "العمانية")
	add(nat("AED"), "إماراتي", "الإماراتي", "الإماراتية")
	add(nat("MAD"), "مغربي", "المغربي", "المغربية")
	add(nat("EGP"), "مصري", "المصري", "مصرية", "المصرية", "egyptian")
	add(nat("KWD"), "كويتي", "الكويتي", "الكويتية", "kuwaiti")
	add(nat("JOD"), "أردني", "الأردني", "الأردنية", "jordanian")
	add(nat("IQD"), "عراقي", "العراقي", "العراقية", "iraqi")
	add(nat("BHD"), "بحريني", "البحريني", "البحرينية")
	add(nat("TND"), "تونسي", "التونسي", "التونسية")
	add(nat("DZD"), "جزائري", "الجزائري", "الجزائرية")
	add(nat("LBP"), "لبنانية", "اللبنانية")
	add(nat("SYP"), "سورية", "السورية")
	add(nat("TRY"), "تركية", "التركية")
	add(nat("CNY"), "صيني", "الصيني", "صينية", "الصينية", "chinese")
	add(nat("JPY"), "ياباني", "الياباني", "اليابانية", "japanese")
	add(nat("CAD"), "كندي", "الكندي", "canadian")
	add(nat("AUD"), "أسترالي", "الأسترالي", "australian")
	add(func(w *wordInfo) { w.natName = true }, "الروسية", "الفرنسية", "الألمانية", "الهندية", "الكورية", "العالمية", "الإسرائيلية", "الإيرانية")

	month := func(m int) func(*wordInfo) { return func(w *wordInfo) { w.month = m } }
	for i, names := range [][]string{
		{"يناير", "january", "jan"}, {"فبراير", "شباط", "february", "feb"}, {"مارس", "آذار", "march", "mar"},
		{"أبريل", "ابريل", "إبريل", "نيسان", "april", "apr"}, {"مايو", "أيار", "may"}, {"يونيو", "يونيه", "حزيران", "june", "jun"},
		{"يوليو", "يوليه", "تموز", "july", "jul"}, {"أغسطس", "آب", "august", "aug"}, {"سبتمبر", "أيلول", "september", "sep", "sept"},
		{"أكتوبر", "october", "oct"}, {"نوفمبر", "november", "nov"}, {"ديسمبر", "december", "dec"},
	} {
		add(month(i+1), names...)
	}
	add(func(w *wordInfo) { w.monthAbbr = true }, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
	add(month(101), "كانون")
	add(month(102), "تشرين")
	add(func(w *wordInfo) { w.ordinal = 1 }, "الأول")
	add(func(w *wordInfo) { w.ordinal = 2 }, "الثاني")

	unit := func(u string) func(*wordInfo) { return func(w *wordInfo) { w.unit = u } }
	add(unit("GPU"), "gpu", "gpus")
	add(unit("chip"), "chip", "chips", "رقاقة", "رقائق", "رقاقات", "شريحة", "شرائح")
	add(unit("person"), "people", "persons", "شخص", "أشخاص", "شخصا", "مواطن", "مواطنين", "مواطنا", "نسمة")
	add(unit("user"), "users", "مستخدم", "مستخدمين", "مستخدما")
	add(unit("employee"), "employees", "workers", "موظف", "موظفين", "موظفا", "عامل", "عمال")
	add(unit("dose"), "doses", "جرعة", "جرعات")
	add(unit("case"), "cases", "infections", "حالة", "حالات", "إصابة", "إصابات")
	add(unit("death"), "deaths", "وفاة", "وفيات")
	add(unit("vaccine"), "vaccines", "vaccinations", "لقاح", "لقاحات")
	add(unit("job"), "jobs", "وظيفة", "وظائف")
	add(unit("barrel"), "barrels", "برميل")
	add(unit("ton"), "tons", "tonnes", "طن", "أطنان")
	add(unit("student"), "students", "طالب", "طلاب")
	add(unit("patient"), "patients", "مريض", "مرضى")
	add(unit("test"), "tests", "فحص", "فحوصات", "اختبار")
	add(unit("download"), "downloads", "تحميل", "تنزيل")

	add(func(w *wordInfo) { w.pct = true }, "مئة", "مائة", "المئة", "المائة", "percent", "pct")

	speech := func(w *wordInfo) { w.speech = true }
	add(speech, "قال", "قالت", "يقول", "تقول", "أعلن", "أعلنت", "يعلن", "أكد", "أكدت", "يؤكد", "مؤكدا",
		"اعتبر", "اعتبرت", "أضاف", "أضافت", "يضيف", "مضيفا", "أوضح", "أوضحت", "موضحا", "صرح", "صرحت",
		"أشار", "أشارت", "مشيرا", "قائلا", "غرد", "غردت", "كتب", "كتبت", "ذكر", "ذكرت", "تابع", "وصف", "وصفت",
		"said", "says", "say", "told", "tells", "added", "adds", "called", "stated", "declared", "announced",
		"wrote", "writes", "tweeted", "claimed", "noted", "argued", "insisted", "warned", "explained", "according")
	rel := func(d int) func(*wordInfo) { return func(w *wordInfo) { w.rel, w.isRel = d, true } }
	add(rel(-1), "أمس", "البارحة", "yesterday")
	add(rel(0), "اليوم", "today")
	add(rel(1), "غدا", "tomorrow")
	part := func(p string) func(*wordInfo) { return func(w *wordInfo) { w.part = p } }
	add(part("late"), "أواخر", "late", "end")
	add(part("early"), "أوائل", "مطلع", "بداية", "early", "beginning", "start")
	add(part("mid"), "منتصف", "أواسط", "mid", "middle")
	add(func(w *wordInfo) { w.yearCue = true }, "عام", "العام", "سنة", "السنة")
	add(func(w *wordInfo) { w.yearPrep = true; w.noPrefix = true }, "في", "فى", "منذ", "حتى", "خلال", "قبل", "بعد", "in", "since", "by", "until", "before", "after", "during", "from", "of", "through")
	add(func(w *wordInfo) { w.market = true }, "السوقية", "سوقية", "market")
	add(func(w *wordInfo) { w.nameNoun = true }, "شركة", "تطبيق", "نموذج", "النموذج", "منصة", "صندوق", "التحوط", "برنامج", "موقع", "حزب", "مجموعة", "حركة", "وكالة", "صحيفة", "قناة", "company", "app", "firm", "model", "platform", "fund", "newspaper", "group", "brand")
	add(func(w *wordInfo) { w.codePre = true; w.noPrefix = true }, "إتش", "اتش", "إيه")
	add(func(w *wordInfo) { w.stop = true; w.noPrefix = true }, "أن", "إن", "أنه", "إنه", "أنها", "إنها", "خلال", "في", "على", "عن", "من",
		"إلى", "مع", "بعد", "قبل", "حول", "لدى", "أثناء", "عبر", "حيث", "كما", "الذي", "التي", "قد", "لقد", "لم", "لا", "ما", "هذا", "هذه",
		"ذلك", "يوم", "امس", "اليوم", "بأن", "لـ", "ل", "في", "that", "on", "in", "at", "during", "the", "a", "to", "of", "for", "and", "it", "this")
	add(func(w *wordInfo) { w.compare = true }, "أكثر", "أقل", "أكبر", "أعلى", "أدنى", "أول", "أضعاف", "ضعف", "تراجع", "ارتفع", "ارتفعت",
		"انخفض", "انخفضت", "تراجعت", "زيادة", "ارتفاع", "انخفاض", "خسارة", "خسائر", "أرباح", "قياسي", "قياسية", "فقدت", "فقد", "بلغ", "بلغت",
		"more", "less", "fewer", "largest", "biggest", "highest", "lowest", "first", "record", "double", "doubled", "increase", "increased",
		"decrease", "fell", "rose", "dropped", "surged", "lost", "grew", "cut", "than", "most", "only", "total", "rate")
	add(func(w *wordInfo) { w.claimVerb = true }, "أعلن", "أعلنت", "كشف", "كشفت", "أظهر", "أظهرت", "أكد", "أكدت", "حصل", "حصلت", "وصل", "وصلت",
		"يملك", "تملك", "منع", "منعت", "أطلق", "أطلقت", "تسبب", "تسببت", "سجل", "سجلت", "توفي", "وفاة", "وفيات", "إصابة", "إصابات", "قرر", "قررت",
		"وفقا", "بحسب", "حسب", "تقرير", "دراسة", "إحصائية", "رسميا", "وزارة", "الصحة",
		"announced", "reported", "showed", "shows", "confirmed", "banned", "launched", "caused", "killed", "died", "cost", "costs",
		"according", "report", "study", "data", "official", "officials", "approved", "signed", "passed", "found")
	add(func(w *wordInfo) { w.opinion = true }, "أعتقد", "أظن", "أرى", "نأمل", "أتمنى", "يجب", "ينبغي", "رائع", "جميل", "الله", "اللهم",
		"شكرا", "مبروك", "نرجو", "ربما", "لعل", "think", "believe", "hope", "should", "must", "great", "amazing", "please", "thank", "thanks",
		"love", "congratulations", "maybe", "perhaps", "feel", "wish", "proud", "happy", "sad", "lol", "why", "how")
}

func toUpperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}
