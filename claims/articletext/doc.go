// Package articletext is the pure text work behind an article: reading an
// upload (plain text, Markdown or HTML) into readable, normalised text,
// hashing and detecting its language, anchoring a quote to its place in the
// text (and re-finding it after edits), and cutting the text into segments
// around claims' spans for display. It imports nothing of the claims store
// (no database, no GORM), so it is tested, fuzzed and benchmarked alone, and
// any package may use it.
package articletext
