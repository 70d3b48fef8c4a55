package main

import (
	"context"

	"github.com/factdesk/factdesk/claims"
)

// The demo desk's organisation settings: every report ends with a
// methodology and a corrections policy (IFCN principles 3 and 5). Written
// for the demo, in our own words.
var demoOrganisation = claims.Organisation{
	Name: "مكتب المثال للتحقق · Example Fact-Check Desk",
	URL:  "https://factdesk.example.org",
	MethodologyEN: "We check statements of fact that matter to the public and can be verified. For each claim we look for " +
		"the primary source first (filings, official statements, data), then at least two independent sources, and we " +
		"link every source we relied on so that readers can repeat the check.\n\n" +
		"A reviewer proposes a verdict from our rating scale with its reasoning; an editor who did not write it approves " +
		"it before it is published.",
	MethodologyAR: "نتحقق من الادعاءات الواقعية التي تهم الجمهور ويمكن التحقق منها. نبحث لكل ادعاء أولًا عن المصدر الأصلي " +
		"(الوثائق والبيانات الرسمية والإحصاءات)، ثم عن مصدرين مستقلين على الأقل، ونذكر كل مصدر اعتمدنا عليه ليتمكن القارئ من " +
		"إعادة التحقق بنفسه.\n\nيقترح المدقق حكمًا من سلّم التقييم مع تعليله، ولا يُنشر إلا بعد أن يوافق عليه محرر لم يكتبه.",
	CorrectionsEN: "When we get something wrong we correct it openly: the corrected verdict says what changed and when, and " +
		"the earlier version stays visible. Write to corrections@factdesk.example.org to point out an error.",
	CorrectionsAR: "إذا أخطأنا نصحّح الخطأ علنًا: يذكر الحكم المصحَّح ما الذي تغيّر ومتى، وتبقى النسخة السابقة ظاهرة. " +
		"راسلونا على corrections@factdesk.example.org للإبلاغ عن أي خطأ.",
}

// seedDemoReports sets the organisation and publishes the Arabic article's
// report at a public link, as an editor would.
func seedDemoReports(ctx context.Context, svc *claims.Service, editor claims.Actor, articleID int64) error {
	org, err := svc.Organisation(ctx)
	if err != nil {
		return err
	}
	in := demoOrganisation
	in.Version = org.Version
	if _, err := svc.SaveOrganisation(ctx, claims.Actor{Role: claims.RoleAdmin}, in); err != nil {
		return err
	}
	_, err = svc.PublishReport(ctx, editor, articleID, "ar")
	return err
}
