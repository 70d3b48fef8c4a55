package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/sources"
)

// The real sources behind the demo article's claims. Titles, publishers,
// dates and addresses are the public facts of each document (several are
// stored republications of the original report, as the publisher says);
// passages and notes are our own short paraphrases, not quotations.
var demoSources = map[string]sources.Input{
	"reuters-selloff": {Title: "DeepSeek sparks AI stock selloff; Nvidia posts record market-cap loss", Publisher: "Reuters (republished by The Kathmandu Post)",
		PublishedOn: "2025-01-28", Kind: "news", Lang: "en", URL: "https://kathmandupost.com/world/2025/01/28/deepseek-sparks-ai-stock-selloff-nvidia-posts-record-market-cap-loss"},
	"cnbc-600b": {Title: "Nvidia sheds almost $600B in market cap, biggest one-day loss in U.S. history", Publisher: "CNBC (republished by t-room.us)", Author: "Samantha Subin",
		PublishedOn: "2025-01-27", Kind: "news", Lang: "en", URL: "https://t-room.us/finance/nvidia-sheds-almost-600b-in-market-cap-biggest-one-day-loss-in-u-s-history/"},
	"bloomberg-955b": {Title: "$955 billion meltdown: Wall Street darling suffers biggest one-day loss in history", Publisher: "Bloomberg, Australian syndication (mirror on worldbytenews.com)",
		Author: "Carmen Reinicke, Cagan Koc", PublishedOn: "2025-01-28", Kind: "news", Lang: "en",
		URL: "https://worldbytenews.com/955-billion-meltdown-wall-street-darling-suffers-biggest-one-day-loss-in-historyon-january-27-2025-at-654-pm"},
	"ht-appstore": {Title: "Chinese AI startup DeepSeek surpasses ChatGPT on Apple App Store", Publisher: "Hindustan Times (citing Reuters and Sensor Tower)",
		PublishedOn: "2025-01-27", Kind: "news", Lang: "en", URL: "https://www.hindustantimes.com/world-news/chinese-ai-startup-deepseek-surpasses-chatgpt-on-apple-app-store-101737959434351.html"},
	"techcrunch-appstore": {Title: "DeepSeek displaces ChatGPT as the App Store's top app", Publisher: "TechCrunch (republished by guidantech.com)",
		PublishedOn: "2025-01-27", Kind: "news", Lang: "en", URL: "https://guidantech.com/deepseek-displaces-chatgpt-as-the-app-stores-top-app"},
	"ap-what-is-deepseek": {Title: "What is DeepSeek, the Chinese AI company upending the stock market?", Publisher: "Associated Press (via MyNorthwest)",
		PublishedOn: "2025-01-27", Kind: "news", Lang: "en", URL: "https://mynorthwest.com/national/what-is-deepseek-the-chinese-ai-company-upending-the-stock-market/4034805"},
	"openai-chatgpt": {Title: "Introducing ChatGPT", Publisher: "OpenAI", PublishedOn: "2022-11-30", Kind: "primary", Lang: "en", URL: "https://openai.com/blog/chatgpt"},
	"reuters-ernie": {Title: "China's answer to ChatGPT? Baidu shares tumble as Ernie Bot disappoints", Publisher: "Reuters (republished by newracers.com)",
		PublishedOn: "2023-03-16", Kind: "news", Lang: "en", URL: "https://newracers.com/chinas-answer-to-chatgpt-baidu-shares-tumble-as-ernie-bot-disappoints/"},
	"ft-ernie": {Title: "Not ready for primetime player - Baidu shares fall after Ernie AI chatbot demo disappoints", Publisher: "Financial Times (republished)",
		Author: "Ryan McMorrow, Qianer Liu", PublishedOn: "2023-03-16", Kind: "news", Lang: "en", URL: "https://mysmartprofit.com/?p=30023"},
	"itpro-export": {Title: "US imposes sanctions on Nvidia's chip sales in China", Publisher: "ITPro (quoting Nvidia's Form 8-K)",
		PublishedOn: "2022-08-31", Kind: "news", Lang: "en", URL: "https://www.itpro.com/hardware/368957/us-imposes-sanctions-on-nvidias-chip-sales-in-china"},
	"bis-rule": {Title: "Commerce Implements New Export Controls on Advanced Computing and Semiconductor Manufacturing Items to the PRC",
		Publisher: "U.S. Department of Commerce, Bureau of Industry and Security", PublishedOn: "2022-10-07", Kind: "official", Lang: "en",
		URL: "https://bis.gov/press-release/commerce-implements-new-export-controls-advanced-computing-and-semiconductor"},
	"ap-liang": {Title: "Upstart Chinese AI company DeepSeek's founder started out as a low-key hedge fund entrepreneur", Publisher: "Associated Press (via CityNews Halifax)",
		PublishedOn: "2025-01-28", Kind: "news", Lang: "en", URL: "https://halifax.citynews.ca/2025/01/28/upstart-chinese-ai-company-deepseeks-founder-started-out-as-a-low-key-hedge-fund-entrepreneur"},
	"reuters-highflyer": {Title: "High-Flyer, the AI quant fund behind China's DeepSeek", Publisher: "Reuters (republished by financetom.com)", Author: "Eduardo Baptista",
		PublishedOn: "2025-01-29", Kind: "news", Lang: "en", URL: "https://www.financetom.com/technology/highflyer-the-ai-quant-fund-behind-chinas-deepseek-327980.htm"},
	"inkl-hobby": {Title: "Meet the hedge fund manager who founded DeepSeek, the Chinese AI startup that began as a hobby", Publisher: "Fortune via inkl (citing the Financial Times)",
		PublishedOn: "2025-01-27", Kind: "news", Lang: "en",
		URL: "https://inkl.com/news/meet-the-hedge-fund-manager-who-founded-deepseek-the-chinese-ai-startup-that-began-as-a-hobby-and-is-now-laying-waste-to-us-stocks"},
	"mint-liang": {Title: "Who is Liang Wenfeng, Chinese businessman behind DeepSeek AI app", Publisher: "Mint (citing the Financial Times)",
		PublishedOn: "2025-01-28", Kind: "news", Lang: "en",
		URL: "https://www.livemint.com/companies/people/who-is-liang-wenfeng-chinese-businessman-behind-deepseek-ai-app-that-overtook-chatgpt-and-shook-us-markets-11738031692225.html"},
	"uol-highflyer": {Title: "Fundo quantitativo de IA High-Flyer está por trás do chinês DeepSeek", Publisher: "Reuters, Portuguese edition (via UOL)",
		PublishedOn: "2025-01-29", Kind: "news", Lang: "pt", URL: "https://www.uol.com.br/tilt/noticias/reuters/2025/01/29/fundo-quantitativo-de-ia-high-flyer-esta-por-tras-do-chines-deepseek.htm"},
	"techcrunch-rally": {Title: "DeepSeek triggered a wild, baseless rally for some Chinese stocks", Publisher: "TechCrunch (republished by thedailypointers.com)",
		PublishedOn: "2025-01-27", Kind: "news", Lang: "en", URL: "https://thedailypointers.com/?p=254616"},
	"dushi-hq": {Title: "新年上班第一天,DeepSeek总部发生了什么?记者实地探访", Publisher: "都市快报 Dushi Kuaibao (republished by news.43b.com.cn)",
		PublishedOn: "2025-02-05", Kind: "news", Lang: "zh", URL: "http://news.43b.com.cn/a/592178.html"},
	"reuters-newsmaker": {Title: "Newsmaker: DeepSeek founder Liang Wenfeng puts focus on Chinese innovation", Publisher: "Reuters (republished by financetom.com)",
		Author: "Eduardo Baptista", PublishedOn: "2025-01-28", Kind: "news", Lang: "en",
		URL: "https://www.financetom.com/business/newsmakerdeepseek-founder-liang-wenfeng-puts-focus-on-chinese-innovation-327239.htm"},
	"xinhua-symposium": {Title: "Chinese premier chairs symposium to hear suggestions on draft gov't work report", Publisher: "Xinhua (via People's Daily Online)",
		PublishedOn: "2025-01-21", Kind: "official", Lang: "en", URL: "http://en.people.cn/n3/2025/0121/c90000-20268333.html"},
	"deepseek-v3": {Title: "DeepSeek-V3 Technical Report", Publisher: "DeepSeek-AI (arXiv:2412.19437)", PublishedOn: "2024-12-27", Kind: "primary", Lang: "en",
		URL: "https://arxiv.org/abs/2412.19437"},
	"ibm-deepseek": {Title: "What is DeepSeek?", Publisher: "IBM Think", PublishedOn: "2025-02-10", Kind: "other", Lang: "en", URL: "https://www.ibm.com/think/topics/deepseek"},
	"information-funding": {Title: "DeepSeek Weighs Raising Outside Money For First Time", Publisher: "The Information (republished by thepulse.press)",
		Author: "Juro Osawa, Qianer Liu", PublishedOn: "2025-02-19", Kind: "news", Lang: "en", URL: "https://thepulse.press/article/67d4110b-25eb-4c65-859e-d66670f04332"},
	"reuters-trump": {Title: "Trump on DeepSeek as a wake-up call for US industry", Publisher: "Reuters (republished by TechCentral)", Author: "Nandita Bose",
		PublishedOn: "2025-01-28", Kind: "news", Lang: "en", URL: "https://techcentral.co.za/deepseek-ai-wake-up-us-industry-trump/258321/"},
	"hill-trump": {Title: "Trump's take on DeepSeek", Publisher: "The Hill (via Yahoo News)", PublishedOn: "2025-01-28", Kind: "news", Lang: "en",
		URL: "https://au.news.yahoo.com/trump-deepseek-224113253.html"},
	"iam-patents": {Title: "Decoding DeepSeek's patent technology and layout", Publisher: "IAM (republished by Lusheng Law Firm)", PublishedOn: "2025-05-26",
		Kind: "expert", Lang: "en", URL: "https://www.lushenglawyers.com.cn/awards-press/decoding-deepseek-s-patent-technology-and-layout"},
	"vns-downloads": {Title: "China's DeepSeek surpasses ChatGPT in US app downloads", Publisher: "China Daily / ANN (via Viet Nam News)", PublishedOn: "2025-01-27",
		Kind: "news", Lang: "en", URL: "https://vietnamnews.vn/world/1691394/china-s-deepseek-surpasses-chatgpt-in-us-app-downloads.html"},
	"zee-trump": {Title: "US AI supremacy at risk? Trump calls Chinese AI app DeepSeek a wake-up call", Publisher: "Zee News", PublishedOn: "2025-01-28",
		Kind: "news", Lang: "en", URL: "https://zeenews.india.com/world/us-ai-supremacy-at-risk-trump-calls-chinese-ai-app-deepseek-a-wake-up-call-2849951.html"},
	"townhall-trump": {Title: "Trump Tells American Tech Companies to Compete Harder With China", Publisher: "Townhall", PublishedOn: "2025-01-28", Kind: "news", Lang: "en",
		URL: "https://townhall.com/tipsheet/jeremyfrankel/2025/01/28/trump-tech-companies-n2651253"},
}

// demoEvidence attaches a demo source to the demo claim whose quote contains
// claim (in the Arabic or the English article).
type demoEvidence struct {
	claim    string
	source   string
	stance   sources.Stance
	passage  string // our paraphrase of what the source says
	location string
	note     string
}

var demoEvidenceList = []demoEvidence{
	// Nvidia's loss: real and a record, but about $593 billion and 17%.
	{claim: "نحو 900 مليار دولار", source: "reuters-selloff", stance: sources.StanceRefutes, location: "paragraph 1",
		passage: "Nvidia lost about $593 billion of market value on 27 January 2025, the biggest one-day loss of any company on Wall Street.",
		note:    "الرقم بحسب رويترز (بيانات LSEG) نحو 593 مليار دولار، لا 900 مليار."},
	{claim: "نحو 900 مليار دولار", source: "cnbc-600b", stance: sources.StanceRefutes,
		passage: "Shares fell 17% on Monday, taking close to $600 billion off Nvidia's market value.", note: "الانخفاض نحو 17٪ والخسارة قرابة 600 مليار."},
	{claim: "نحو 900 مليار دولار", source: "bloomberg-955b", stance: sources.StanceContext,
		passage: "An Australian reprint gives the loss as about US$600 billion, which it converts to 955 billion Australian dollars in its headline.",
		note:    "قد يفسّر الرقم بالدولار الأسترالي مصدر المبالغة؛ لم يتأكد ذلك."},
	{claim: "هبط سهمها بنحو 20 %", source: "cnbc-600b", stance: sources.StanceRefutes,
		passage: "The stock closed about 17% lower on 27 January.", note: "17٪ في جلسة واحدة، لا 20٪."},
	{claim: "about $900 billion", source: "reuters-selloff", stance: sources.StanceRefutes,
		passage: "The record one-day loss was about $593 billion (LSEG data)."},
	{claim: "about $900 billion", source: "cnbc-600b", stance: sources.StanceRefutes,
		passage: "Close to $600 billion of market value was lost as the shares fell 17%."},
	{claim: "about 20%", source: "cnbc-600b", stance: sources.StanceRefutes, passage: "Shares ended the day about 17% lower."},
	// The app topped the US App Store.
	{claim: "اعتلى التطبيق", source: "techcrunch-appstore", stance: sources.StanceSupports,
		passage: "Appfigures data: DeepSeek's app reached No. 1 on the US App Store on Sunday 26 January, up from No. 31."},
	{claim: "اعتلى التطبيق", source: "ht-appstore", stance: sources.StanceSupports,
		passage: "The free assistant overtook ChatGPT as the top free app on Apple's US store by Monday 27 January."},
	{claim: "اعتلى التطبيق", source: "ap-what-is-deepseek", stance: sources.StanceSupports,
		passage: "AP reports the assistant became the most downloaded free iPhone app on Monday."},
	// ChatGPT in late 2022.
	{claim: "في أواخر عام 2022", source: "openai-chatgpt", stance: sources.StanceSupports,
		passage: "OpenAI announced ChatGPT and opened it to the public on 30 November 2022.", note: "30 نوفمبر 2022: أواخر العام فعلًا."},
	// Baidu's disappointing start.
	{claim: "بايدو", source: "reuters-ernie", stance: sources.StanceSupports,
		passage: "Baidu's Hong Kong shares fell up to 10% during the Ernie Bot presentation and closed 6.4% down."},
	{claim: "بايدو", source: "ft-ernie", stance: sources.StanceSupports,
		passage: "Investors were let down that the demo used only pre-recorded video; shares dropped as much as 10%."},
	// DeepSeek in 2023, after the export ban.
	{claim: "وظهرت ديب سيك في عام 2023", source: "itpro-export", stance: sources.StanceSupports,
		passage: "Nvidia disclosed in August 2022 a new US licence requirement for exporting its A100 and H100 chips to China."},
	{claim: "وظهرت ديب سيك في عام 2023", source: "bis-rule", stance: sources.StanceSupports,
		passage: "The October 2022 rule restricts China's access to advanced computing chips.", location: "press release, opening paragraphs"},
	{claim: "وظهرت ديب سيك في عام 2023", source: "ap-what-is-deepseek", stance: sources.StanceContext,
		passage: "AP dates DeepSeek's founding in Hangzhou to 2023, with its first large language model later that year."},
	// The founder and High-Flyer.
	{claim: "أسسها ليانغ وينفينغ", source: "ap-liang", stance: sources.StanceSupports,
		passage: "Liang set up the quant hedge fund High-Flyer in 2015 before founding DeepSeek."},
	{claim: "أسسها ليانغ وينفينغ", source: "reuters-highflyer", stance: sources.StanceSupports,
		passage: "Liang, High-Flyer's founder and controlling shareholder, also leads DeepSeek."},
	{claim: "آلاف وحدات معالجة الرسوميات", source: "inkl-hobby", stance: sources.StanceSupports,
		passage: "Citing the Financial Times: Liang started buying thousands of Nvidia GPUs in 2021 for an AI side project."},
	{claim: "آلاف وحدات معالجة الرسوميات", source: "mint-liang", stance: sources.StanceSupports,
		passage: "Same account: thousands of Nvidia processors bought from 2021, before later US export limits."},
	{claim: "آلاف وحدات معالجة الرسوميات", source: "uol-highflyer", stance: sources.StanceContext,
		passage: "High-Flyer's first cluster of about 1,100 A100 chips was already running in 2020.", note: "المصدر بالبرتغالية؛ الملخص بالإنجليزية."},
	{claim: "حصة كبيرة فيها", source: "techcrunch-rally", stance: sources.StanceContext,
		passage: "Company records list Liang as the beneficial owner of the three entities behind DeepSeek."},
	{claim: "حصة كبيرة فيها", source: "dushi-hq", stance: sources.StanceSupports,
		passage: "A reporter's visit finds High-Flyer housed in the same Hangzhou office building as DeepSeek.", note: "المصدر بالصينية."},
	{claim: "حصة كبيرة فيها", source: "iam-patents", stance: sources.StanceContext,
		passage: "An analysis of the patent filings of DeepSeek and its affiliates finds them centred on cluster training."},
	// The meeting with Premier Li Qiang.
	{claim: "في 20 يناير 2025", source: "reuters-newsmaker", stance: sources.StanceSupports,
		passage: "Liang was one of nine people invited to speak at a closed-door symposium hosted by Premier Li Qiang."},
	{claim: "في 20 يناير 2025", source: "xinhua-symposium", stance: sources.StanceSupports,
		passage: "On Monday 20 January, Li Qiang chaired a symposium on the draft government work report."},
	{claim: "في 20 يناير 2025", source: "vns-downloads", stance: sources.StanceContext,
		passage: "DeepSeek launched its R1 model on 20 January, the same day."},
	// The $6 million.
	{claim: "ما لا يتجاوز 6 ملايين دولار", source: "deepseek-v3", stance: sources.StanceContext, location: "Introduction, Table 1",
		passage: "2.788 million H800 GPU-hours at an assumed $2 an hour come to $5.576 million, for the final training run only; earlier research and ablations are excluded.",
		note:    "الرقم صحيح حسابيًا لكنه لا يشمل تكاليف البحث السابقة ولا شراء الرقائق."},
	{claim: "ما لا يتجاوز 6 ملايين دولار", source: "ibm-deepseek", stance: sources.StanceContext,
		passage: "IBM notes the $5.6 million covers one pre-training run and is widely quoted out of context."},
	{claim: "no more than $6 million", source: "deepseek-v3", stance: sources.StanceContext, location: "Introduction, Table 1",
		passage: "The $5.576 million covers only the final training run at an assumed rental price; research costs are excluded."},
	// No outside money.
	{claim: "أي تمويل من مستثمرين خارجيين", source: "techcrunch-rally", stance: sources.StanceSupports,
		passage: "DeepSeek is funded by High-Flyer and has no plans to raise money."},
	{claim: "أي تمويل من مستثمرين خارجيين", source: "information-funding", stance: sources.StanceContext,
		passage: "In February 2025 DeepSeek was reported to be considering outside investment for the first time."},
	// Trump.
	{claim: "جرس إنذار", source: "reuters-trump", stance: sources.StanceSupports, location: "paragraphs 1-2",
		passage: "Trump told House Republicans at his Doral resort near Miami that DeepSeek should be a wake-up call for US industry."},
	{claim: "جرس إنذار", source: "hill-trump", stance: sources.StanceSupports,
		passage: "Trump urged US industries to focus hard on competing to win."},
	{claim: "ستنفق أقل", source: "reuters-trump", stance: sources.StanceSupports,
		passage: "Trump said spending less than billions for the same result could be a positive development."},
	{claim: "ستنفق أقل", source: "townhall-trump", stance: sources.StanceSupports,
		passage: "Same speech: cheaper AI would let US companies spend less too."},
	{claim: "جرس إنذار", source: "zee-trump", stance: sources.StanceSupports,
		passage: "Trump described the Chinese app as a wake-up call for the United States."},
	{claim: "wake-up call", source: "reuters-trump", stance: sources.StanceSupports,
		passage: "Trump called DeepSeek a wake-up call for American industry at a Republican retreat near Miami."},
}

// seedDemoSources adds the library and attaches the evidence to the demo
// claims (byQuote maps each demo claim's quote to its id). The Arabic
// market-value claim then goes to review: it has its evidence.
func seedDemoSources(ctx context.Context, src *sources.Service, reviewer claims.Actor, byQuote map[string]int64) (nSources, nEvidence int, err error) {
	ids := map[string]int64{}
	for key, in := range demoSources {
		s, err := src.CreateSource(ctx, reviewer.ID, in)
		if err != nil {
			return 0, 0, fmt.Errorf("demo source %s: %w", key, err)
		}
		ids[key] = s.ID
	}
	for _, e := range demoEvidenceList {
		claimID, err := demoClaimID(byQuote, e.claim)
		if err != nil {
			return 0, 0, err
		}
		sourceID, ok := ids[e.source]
		if !ok {
			return 0, 0, fmt.Errorf("demo evidence: no source %q", e.source)
		}
		if _, err := src.AddEvidence(ctx, reviewer.ID, claimID, sources.EvidenceInput{SourceID: sourceID, Stance: string(e.stance),
			Passage: e.passage, Location: e.location, Note: e.note}); err != nil {
			return 0, 0, fmt.Errorf("demo evidence %s on %q: %w", e.source, e.claim, err)
		}
	}
	return len(ids), len(demoEvidenceList), nil
}

// demoClaimID finds the one demo claim whose quote contains part.
func demoClaimID(byQuote map[string]int64, part string) (int64, error) {
	var found []int64
	for q, id := range byQuote {
		if strings.Contains(q, part) {
			found = append(found, id)
		}
	}
	if len(found) != 1 {
		return 0, fmt.Errorf("demo evidence: %d demo claims contain %q, want 1", len(found), part)
	}
	return found[0], nil
}
