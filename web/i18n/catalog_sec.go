package i18n

// Strings of the resource limits (web/middleware.go readForm).
var _ = register(map[string][2]string{
	"error.413_fields": {"The form has too many fields to be read.", "يحتوي النموذج على حقول أكثر من أن تُقرأ."},
})
