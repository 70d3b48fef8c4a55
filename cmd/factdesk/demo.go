package main

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims"
	"github.com/factdesk/factdesk/web/auth"
	"github.com/factdesk/factdesk/web/desk"
)

// The demo article is written in our own words; the facts and figures it
// carries are those of the January 2025 news the desk's first case is about.
var (
	//go:embed demo/article-ar.txt
	demoArticleAR string
	//go:embed demo/article-en.txt
	demoArticleEN string
)

type demoClaim struct {
	quote       string
	typ         claims.Type
	claimant    string
	restatement string
	status      claims.Status
	tags        string
	value       claims.Value
	amount      string
	assignEd    bool
}

var demoClaimsAR = []demoClaim{
	{quote: "خسرت شركة إنفيديا الأمريكية لصناعة الرقائق نحو 900 مليار دولار من قيمتها السوقية في جلسة واحدة", typ: claims.TypeMarket,
		restatement: "Nvidia lost about $900 billion of market value in one day.", status: claims.StatusResearching, tags: "nvidia, markets",
		amount: "900000000000", value: claims.Value{Currency: "USD", Scale: "billion", Qualifier: "about"}},
	{quote: "هبط سهمها بنحو 20 %", typ: claims.TypePercent, restatement: "Nvidia shares fell about 20%.",
		status: claims.StatusResearching, tags: "nvidia, markets", amount: "20", value: claims.Value{Qualifier: "about", Unit: "percent"}},
	{quote: "اعتلى التطبيق قائمة التطبيقات المجانية في متجر أبل بالولايات المتحدة", typ: claims.TypeEvent,
		restatement: "The DeepSeek app topped Apple's US App Store.", status: claims.StatusNew, tags: "deepseek"},
	{quote: "في أواخر عام 2022", typ: claims.TypeDate, restatement: "ChatGPT was launched in late 2022.",
		status: claims.StatusNew, tags: "chatgpt", value: claims.Value{Date: "2022", Precision: "part_of_year", Part: "late"}},
	{quote: "ولم يلقَ تطبيق شركة بايدو الترحيب الذي انتظرته", typ: claims.TypeEvent,
		restatement: "Baidu's ChatGPT-like app disappointed.", status: claims.StatusNew, tags: "baidu"},
	{quote: "وظهرت ديب سيك في عام 2023، بعد أن منعت واشنطن إنفيديا من بيع أقوى رقائقها إلى الصين", typ: claims.TypeDate,
		restatement: "DeepSeek was launched in 2023, after the US chip export ban.", status: claims.StatusNew, tags: "deepseek, export controls",
		value: claims.Value{Date: "2023", Precision: "year"}},
	{quote: "أسسها ليانغ وينفينغ، أحد مؤسسي صندوق التحوط \"هاي فلاير\"", typ: claims.TypeAttribution,
		restatement: "DeepSeek was founded by Liang Wenfeng, co-founder of High-Flyer.", status: claims.StatusNew, tags: "deepseek"},
	{quote: "آلاف وحدات معالجة الرسوميات", typ: claims.TypeQuantity, restatement: "From 2021 Liang bought thousands of Nvidia GPUs.",
		status: claims.StatusNew, tags: "nvidia", amount: "1000", value: claims.Value{Unit: "GPU", Approximate: true}, assignEd: true},
	{quote: "ويملك \"هاي فلاير\" حصة كبيرة فيها، ويعمل الطرفان من المبنى نفسه", typ: claims.TypeAttribution,
		restatement: "High-Flyer holds a large stake in DeepSeek and shares its building.", status: claims.StatusNew, tags: "deepseek"},
	{quote: "في 20 يناير 2025", typ: claims.TypeDate, restatement: "Liang met Premier Li Qiang on 20 January 2025, the day the model launched.",
		status: claims.StatusResearching, tags: "deepseek, china", value: claims.Value{Date: "2025-01-20", Precision: "day"}},
	{quote: "بناء نموذجها كلّف ما لا يتجاوز 6 ملايين دولار", typ: claims.TypeMoney, claimant: "ديب سيك",
		restatement: "DeepSeek built its model for no more than $6 million.", status: claims.StatusResearching, tags: "deepseek, cost",
		amount: "6000000", value: claims.Value{Currency: "USD", Scale: "million", Qualifier: "at_most"}},
	{quote: "ولم تجمع ديب سيك أي تمويل من مستثمرين خارجيين حتى الآن", typ: claims.TypeEvent,
		restatement: "DeepSeek has raised no outside money.", status: claims.StatusNew, tags: "deepseek, funding"},
	{quote: "\"جرس إنذار\"", typ: claims.TypeQuote, claimant: "دونالد ترامب",
		restatement: "Trump called DeepSeek a 'wake-up call' for US industry.", status: claims.StatusNew, tags: "trump",
		value: claims.Value{Speaker: "دونالد ترامب", Occasion: "مؤتمر للحزب الجمهوري في ميامي"}},
	{quote: "\"ستنفق أقل بدلاً من إنفاق المليارات\"", typ: claims.TypeQuote, claimant: "دونالد ترامب",
		restatement: "Trump: companies will spend less instead of billions.", status: claims.StatusNew, tags: "trump",
		value: claims.Value{Speaker: "دونالد ترامب", Occasion: "مؤتمر للحزب الجمهوري في ميامي"}},
}

var demoClaimsEN = []demoClaim{
	{quote: "Nvidia lost about $900 billion of its market value in a single session", typ: claims.TypeMarket, status: claims.StatusNew,
		tags: "nvidia, markets", amount: "900000000000", value: claims.Value{Currency: "USD", Scale: "billion", Qualifier: "about"}},
	{quote: "its shares dropped by about 20%", typ: claims.TypePercent, status: claims.StatusNew, tags: "nvidia, markets",
		amount: "20", value: claims.Value{Qualifier: "about", Unit: "percent"}},
	{quote: "building its model cost no more than $6 million", typ: claims.TypeMoney, claimant: "DeepSeek", status: claims.StatusNew,
		tags: "deepseek, cost", amount: "6000000", value: claims.Value{Currency: "USD", Scale: "million", Qualifier: "at_most"}},
	{quote: "\"wake-up call\"", typ: claims.TypeQuote, claimant: "Donald Trump", status: claims.StatusNew, tags: "trump",
		value: claims.Value{Speaker: "Donald Trump", Occasion: "Republican party conference in Miami"}},
}

// seedDemo creates the demo workspace on an empty database: demo reviewer
// and editor accounts (passwords printed once, here), the sample article in
// Arabic and English with its claims logged, the real sources behind those claims attached
// as evidence, and the Arabic claims' verdicts (see seedDemoVerdicts). It never touches a database that already holds
// users or articles.
//
// The demo writes through a claims service of its own: its clock starts
// three weeks ago, so the overview shows a desk with a history, and evidence
// is counted by the sources service, as in the server.
func seedDemo(ctx context.Context, db *gorm.DB, users *auth.Store, stdout io.Writer) error {
	var n int64
	if err := db.WithContext(ctx).Raw("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM articles)").Scan(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintln(stdout, "demo: the database is not empty; no demo data added")
		return nil
	}
	clock := &demoClock{t: time.Now().UTC().Add(-21 * 24 * time.Hour).Truncate(time.Hour)}
	d := desk.New(db, desk.Clock(clock.now))
	svc, src := d.Claims, d.Sources
	revPass, edPass, ed2Pass := auth.NewToken()[:16], auth.NewToken()[:16], auth.NewToken()[:16]
	rev, err := users.CreateUser(ctx, auth.NewUser{Email: "reviewer@demo.factdesk", Name: "ليلى حداد", Role: "reviewer", Password: revPass, Lang: "ar"})
	if err != nil {
		return err
	}
	ed, err := users.CreateUser(ctx, auth.NewUser{Email: "editor@demo.factdesk", Name: "Omar Khalil", Role: "editor", Password: edPass, Lang: "en"})
	if err != nil {
		return err
	}
	ed2, err := users.CreateUser(ctx, auth.NewUser{Email: "editor2@demo.factdesk", Name: "نادية سالم", Role: "editor", Password: ed2Pass, Lang: "ar"})
	if err != nil {
		return err
	}
	reviewer := claims.Actor{ID: rev.ID, Role: claims.RoleReviewer}
	var arClaims []int64
	var arArticle int64
	articles := []struct {
		in     claims.NewArticle
		claims []demoClaim
	}{
		{claims.NewArticle{Title: "يوم عصيب لإنفيديا: خسارة تاريخية بعد صعود \"ديب سيك\"", Outlet: "صحيفة المثال (نص تجريبي)",
			PublishedOn: "2025-01-28", Lang: "ar", Body: demoArticleAR}, demoClaimsAR},
		{claims.NewArticle{Title: "A hard day for Nvidia: a record loss after DeepSeek's rise", Outlet: "The Example Daily (demo text)",
			PublishedOn: "2025-01-28", Lang: "en", Body: demoArticleEN}, demoClaimsEN},
	}
	total := 0
	byQuote := map[string]int64{}
	for _, a := range articles {
		art, err := svc.CreateArticle(ctx, reviewer, a.in)
		if err != nil {
			return err
		}
		if a.in.Lang == "ar" {
			arArticle = art.ID
		}
		for _, dc := range a.claims {
			claimant := dc.claimant
			if claimant == "" {
				claimant = a.in.Outlet
			}
			in := claims.ClaimInput{Statement: dc.quote, Restatement: dc.restatement, Type: string(dc.typ), Claimant: claimant,
				ClaimDate: "2025-01-28", Tags: dc.tags, Amount: dc.amount, Value: dc.value, Quote: dc.quote, Start: -1, End: -1,
				AssigneeID: rev.ID}
			if dc.assignEd {
				in.AssigneeID = ed.ID
			}
			cl, err := svc.CreateClaim(ctx, reviewer, art.ID, in)
			if err != nil {
				return fmt.Errorf("claim %q: %w", dc.quote, err)
			}
			if a.in.Lang == "ar" {
				arClaims = append(arClaims, cl.ID)
			}
			byQuote[dc.quote] = cl.ID
			if dc.status == claims.StatusResearching {
				if _, err := svc.SetStatus(ctx, reviewer, cl.ID, claims.StatusResearching, cl.Version); err != nil {
					return err
				}
			}
			total++
		}
	}
	nSources, nEvidence, err := seedDemoSources(ctx, src, reviewer, byQuote)
	if err != nil {
		return err
	}
	done, err := seedDemoVerdicts(ctx, demoDesk{svc: svc, clock: clock, reviewer: reviewer,
		ed: claims.Actor{ID: ed.ID, Role: claims.RoleEditor}, ed2: claims.Actor{ID: ed2.ID, Role: claims.RoleEditor}}, arClaims)
	if err != nil {
		return err
	}
	if err := seedDemoReports(ctx, svc, claims.Actor{ID: ed.ID, Role: claims.RoleEditor}, arArticle); err != nil {
		return fmt.Errorf("demo report: %w", err)
	}
	fmt.Fprintf(stdout, "demo workspace created: 2 articles, %d claims, %d sources, %d pieces of evidence; %s; the Arabic article's report is public\n", total, nSources, nEvidence, done)
	fmt.Fprintf(stdout, "  reviewer: reviewer@demo.factdesk  password: %s\n", revPass)
	fmt.Fprintf(stdout, "  editor:   editor@demo.factdesk    password: %s\n", edPass)
	fmt.Fprintf(stdout, "  editor:   editor2@demo.factdesk   password: %s\n", ed2Pass)
	fmt.Fprintln(stdout, "  (these passwords are shown only now; write them down)")
	return nil
}
