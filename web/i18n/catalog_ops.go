package i18n

// Strings of the lead's operational changes (paging the review queue).
var _ = register(map[string][2]string{
	"review.pages":            {"Pages of the review queue", "صفحات قائمة المراجعة"},
	"review.first_page":       {"Back to the oldest", "العودة إلى الأقدم"},
	"review.next_page":        {"Next page (newer)", "الصفحة التالية (الأحدث)"},
	"history.article.created": {"Article added", "أُضيفت المقالة"},
})
