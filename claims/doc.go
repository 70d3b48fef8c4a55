// Package claims owns the desk's core records: articles (immutable text
// snapshots), the claims logged in them with their anchors and structured
// values, the status workflow, and the append-only history of every change.
// It knows nothing of HTTP or templates; the web package calls it.
//
// Edits are optimistic: each carries the version it started from, and a save
// that finds a newer version is refused with ErrConflict and the current
// record, so the user can compare both and nothing is silently overwritten.
package claims
