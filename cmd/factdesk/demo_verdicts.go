package main

import (
	"context"
	"fmt"
	"time"

	"github.com/factdesk/factdesk/claims"
)

// The demo's verdicts on the Arabic article's claims, in the order of
// demoClaimsAR. The facts and figures are those of the checks in
// ../shared/seed/claims-groundtruth.json; conclusions and reasoning are our
// own words, so the demo needs nothing outside the binary.
type demoVerdict struct {
	label      string // English name of the label
	conclusion string
	reasoning  string
	amount     string // verified amount, for figures and percentages
	currency   string
	date       string // verified date, for dates
	plan       demoPlan
	comment    string // the editor's comment when sent back
	correction *demoCorrection
}

type demoPlan int

const (
	planPublish  demoPlan = iota // proposed, approved
	planWaiting                  // proposed and waiting for review
	planSentBack                 // sent back with a comment
)

type demoCorrection struct {
	note, amount, reasoning string
}

var demoVerdictsAR = []demoVerdict{
	{label: "Mostly false", conclusion: "خسرت إنفيديا نحو 593 مليار دولار في 27 يناير 2025، لا 900 مليار",
		reasoning: "الهبوط القياسي في جلسة واحدة حدث فعلًا يوم الاثنين 27 يناير 2025، وهو \"أمس\" بالنسبة إلى مقال نُشر في 28 يناير. " +
			"لكن الرقم مبالغ فيه: قدّرت شبكة CNBC الخسارة في يومها بـ\"قرابة 600 مليار دولار\".\n\n" +
			"قد يعود رقم 900 مليار إلى نسخ أسترالية من خبر بلومبرغ ذكرت المبلغ بالدولار الأسترالي، ولم نتمكن من تأكيد ذلك.",
		amount: "600000000000", currency: "USD",
		correction: &demoCorrection{amount: "593000000000",
			note: "اعتمدت النسخة الأولى تقدير CNBC الأولي (قرابة 600 مليار دولار). صحّحنا القيمة المتحقَّق منها إلى 593 مليارًا بحسب بيانات LSEG التي نشرتها رويترز؛ التقييم لم يتغيّر.",
			reasoning: "الهبوط القياسي في جلسة واحدة حدث فعلًا يوم الاثنين 27 يناير 2025، وهو \"أمس\" بالنسبة إلى مقال نُشر في 28 يناير. " +
				"لكن الرقم مبالغ فيه: بحسب بيانات LSEG التي نقلتها [رويترز](https://kathmandupost.com/world/2025/01/28/deepseek-sparks-ai-stock-selloff-nvidia-posts-record-market-cap-loss) " +
				"بلغت خسارة القيمة السوقية **593 مليار دولار**، وقدّرتها بلومبرغ بـ589 مليارًا، وهي أكبر خسارة في يوم واحد لشركة في وول ستريت.\n\n" +
				"قد يعود رقم 900 مليار إلى نسخ أسترالية من خبر بلومبرغ ذكرت المبلغ بالدولار الأسترالي (955 مليارًا)، ولم نتمكن من تأكيد ذلك."}},
	{label: "Mostly false", conclusion: "تراجع السهم 16.97% في ذلك اليوم، لا نحو 20%",
		reasoning: "أغلق سهم إنفيديا يوم 27 يناير 2025 عند 118.42 دولارًا بعد 142.62 في الجلسة السابقة، أي بتراجع **16.97%**. " +
			"وعلى مدى جلستي 24 و27 يناير معًا تجاوز التراجع 19% بقليل، وهو ما قد يفسّر رقم المقال، لكنه لا يخص يومًا واحدًا.",
		amount: "16.97"},
	{label: "True", conclusion: "تصدّر تطبيق ديب سيك المجاني متجر أبل في الولايات المتحدة يومي 26 و27 يناير 2025",
		reasoning: "أفادت رويترز (نقلًا عن Sensor Tower) وتك كرانش (نقلًا عن Appfigures) بأن مساعد ديب سيك تجاوز ChatGPT ليصبح أول التطبيقات المجانية في متجر أبل الأمريكي. " +
			"صدر التطبيق في 10 يناير 2025. أما \"الكلفة الأقل\" فتخص كلفة التدريب التي أعلنتها الشركة، وهي موضع جدل (انظر ادعاء الستة ملايين)."},
	{label: "True", conclusion: "أُطلق ChatGPT في 30 نوفمبر 2022، أي في أواخر ذلك العام",
		reasoning: "أعلنت OpenAI إطلاق ChatGPT للعموم في 30 نوفمبر 2022.", date: "2022-11-30"},
	{label: "Mostly true", conclusion: "خيّب عرض بايدو لروبوت Ernie في مارس 2023 آمال المستثمرين، وإن لم يكن إطلاقًا تجاريًا",
		reasoning: "قدّمت بايدو روبوت المحادثة Ernie في 16 مارس 2023 بعرض مسجَّل مسبقًا ومن دون إتاحته للجمهور. " +
			"هبط سهمها في هونغ كونغ بما يصل إلى 10% خلال التداول وأغلق منخفضًا 6.4%. الخيبة ثابتة، لكن وصفه بـ\"تطبيق\" أُطلق فيه تبسيط."},
	{label: "True", conclusion: "ظهرت ديب سيك في 2023، بعد القيود الأمريكية على تصدير أقوى رقائق إنفيديا إلى الصين",
		reasoning: "أعلن صندوق هاي فلاير مختبره للذكاء الاصطناعي العام في ربيع 2023، وتأسست الشركة بين مايو ويوليو من ذلك العام. " +
			"أما القيود الأمريكية على بيع رقائق A100 وH100 إلى الصين فبدأت في أغسطس وأكتوبر 2022.", date: "2023"},
	{label: "True", conclusion: "ديب سيك شركة مقرها هانغتشو أسسها ليانغ وينفينغ، الشريك المؤسس لصندوق هاي فلاير",
		reasoning: "تؤكد السجلات التجارية الصينية والتقارير الصحفية أن ليانغ وينفينغ أسس ديب سيك في 2023، وأنه شارك في تأسيس صندوق التحوط الكمي هاي فلاير عام 2015 ويملك الحصة المسيطرة فيه."},
	{label: "Mostly true", conclusion: "بدأ ليانغ شراء آلاف الرقائق من إنفيديا في 2021، بحسب فايننشال تايمز",
		reasoning: "نقلت فايننشال تايمز أن ليانغ بدأ في 2021 شراء آلاف وحدات معالجة الرسوميات من إنفيديا لمشروع جانبي. " +
			"وذكرت رويترز أن أول عنقود حوسبة لدى هاي فلاير ضم 1,100 رقاقة A100. لم نجد مصدرًا أوليًا للعدد الدقيق.",
		plan: planWaiting},
	{label: "Mostly true", conclusion: "هاي فلاير يموّل ديب سيك ويتقاسم معها المقر، والملكية تعود إلى ليانغ نفسه",
		reasoning: "تمويل الصندوق للشركة وعمل الفريقين من المبنى نفسه ثابتان في التقارير الصحفية.",
		plan:      planSentBack, comment: "السجلات التجارية تُظهر أن ليانغ هو المالك المستفيد لكيانات ديب سيك، لا الصندوق مباشرة. وضّحي ذلك في التعليل، وأضيفي مصدرًا لبراءات الاختراع المذكورة."},
	{label: "True", conclusion: "حضر ليانغ في 20 يناير 2025 ندوة مغلقة ترأسها رئيس الوزراء لي تشيانغ، في يوم إطلاق النموذج",
		reasoning: "ترأس لي تشيانغ في 20 يناير 2025 ندوة لخبراء ورجال أعمال حول مسودة تقرير عمل الحكومة، وكان ليانغ أحد المتحدثين التسعة بحسب رويترز. " +
			"وفي اليوم نفسه أطلقت ديب سيك نموذج R1.", date: "2025-01-20"},
	{label: "Misleading", conclusion: "ستة ملايين دولار هي كلفة الحوسبة لجولة التدريب الأخيرة وحدها، لا كلفة بناء النموذج",
		reasoning: "يذكر التقرير التقني لنموذج DeepSeek-V3 (ديسمبر 2024) أن التدريب استغرق 2.788 مليون ساعة عمل على رقائق H800؛ " +
			"وبافتراض دولارين للساعة تبلغ الكلفة **5.576 مليون دولار**. لكن التقرير نفسه يستثني تكاليف الأبحاث والتجارب السابقة وشراء الرقائق، " +
			"فتقديم الرقم على أنه كلفة \"بناء النموذج\" يعطي انطباعًا خاطئًا.", amount: "5576000", currency: "USD"},
	{label: "True", conclusion: "لم تعلن ديب سيك حتى مطلع 2025 عن أي تمويل من مستثمرين خارجيين",
		reasoning: "لا تُظهر السجلات التجارية الصينية أي صندوق استثماري بين المساهمين، ويموّل هاي فلاير الشركة، وقال ليانغ إنه لا يخطط لجمع تمويل."},
	{label: "True", conclusion: "وصف ترامب ديب سيك بأنه \"جرس إنذار\" للصناعة الأمريكية في 27 يناير 2025",
		reasoning: "قال ترامب أمام الخلوة السنوية لنواب الحزب الجمهوري في منتجع دورال قرب ميامي إن إطلاق ديب سيك ينبغي أن يكون جرس إنذار لصناعاتنا كي تركّز على المنافسة."},
	{label: "True", conclusion: "قال ترامب في الكلمة نفسها إن الأمر قد يكون إيجابيًا لأن الشركات ستنفق أقل",
		reasoning: "في كلمة 27 يناير 2025 نفسها رأى ترامب أن ذلك قد يكون تطورًا إيجابيًا: بدلًا من إنفاق المليارات ستنفق الشركات أقل وتصل، كما يأمل، إلى الحل نفسه."},
}

// demoClock is the time the demo's service writes: it starts weeks ago and
// moves forward as the demo desk works.
type demoClock struct{ t time.Time }

func (c *demoClock) now() time.Time       { return c.t }
func (c *demoClock) wait(d time.Duration) { c.t = c.t.Add(d) }

type demoDesk struct {
	svc               *claims.Service
	clock             *demoClock
	reviewer, ed, ed2 claims.Actor
}

// seedDemoVerdicts walks the Arabic claims through the review: most are
// proposed by the reviewer and approved by the editor, one is corrected
// later (the second editor approves the correction), one waits for review
// and one was sent back with a comment. It returns what it did, for the
// summary line.
func seedDemoVerdicts(ctx context.Context, d demoDesk, claimIDs []int64) (string, error) {
	labels, err := d.svc.Labels(ctx, false)
	if err != nil {
		return "", err
	}
	byName := map[string]int64{}
	for _, l := range labels {
		byName[l.NameEN] = l.ID
	}
	published, waiting, sentBack, corrected := 0, 0, 0, 0
	var corrections []func() error
	for i, dv := range demoVerdictsAR {
		if i >= len(claimIDs) {
			break
		}
		id := claimIDs[i]
		in := claims.VerdictInput{LabelID: byName[dv.label], Conclusion: dv.conclusion, Reasoning: dv.reasoning, Amount: dv.amount,
			Verified: claims.Value{Currency: dv.currency, Date: dv.date}}
		d.clock.wait(26 * time.Hour)
		v, err := d.svc.SaveVerdict(ctx, d.reviewer, id, in, true)
		if err != nil {
			return "", fmt.Errorf("demo verdict %d: %w", i+1, err)
		}
		switch dv.plan {
		case planWaiting:
			waiting++
			continue
		case planSentBack:
			d.clock.wait(5 * time.Hour)
			if _, err := d.svc.RequestChanges(ctx, d.ed, v.ID, v.Version, dv.comment); err != nil {
				return "", fmt.Errorf("demo verdict %d: %w", i+1, err)
			}
			sentBack++
			continue
		}
		d.clock.wait(time.Duration(3+i%5) * time.Hour)
		v, err = d.svc.Approve(ctx, d.ed, v.ID, v.Version)
		if err != nil {
			return "", fmt.Errorf("demo verdict %d: %w", i+1, err)
		}
		published++
		if dv.correction != nil {
			fix, pub := dv.correction, v
			corrections = append(corrections, func() error {
				in := in
				in.Amount, in.Reasoning, in.CorrectionNote, in.Version = fix.amount, fix.reasoning, fix.note, pub.Version
				d.clock.wait(20 * time.Hour)
				c, err := d.svc.OpenCorrection(ctx, d.ed, id, in, true)
				if err != nil {
					return err
				}
				d.clock.wait(6 * time.Hour)
				_, err = d.svc.Approve(ctx, d.ed2, c.ID, c.Version)
				return err
			})
		}
	}
	// Corrections come last: they follow the publication by days.
	for _, fix := range corrections {
		if err := fix(); err != nil {
			return "", fmt.Errorf("demo correction: %w", err)
		}
		corrected++
	}
	return fmt.Sprintf("%d verdicts published (%d corrected), %d waiting for review, %d sent back", published, corrected, waiting, sentBack), nil
}
