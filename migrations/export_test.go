package migrations

// Internals the external tests reach.
var (
	CheckExtensions  = checkExtensions
	ExtensionsNeeded = extensionsNeeded
	Render           = render
)
