// Package claims owns the desk's core records: articles (immutable text
// snapshots), the claims logged in them with their anchors and structured
// values, the status workflow, verdicts with their review and corrections,
// the rating scale, the discussion of each claim, and the append-only history
// of every change. It knows nothing of HTTP or templates; the web package
// calls it.
//
// A verdict is versioned: the version in the works is proposed and revised,
// submitted (which moves the claim to review, with evidence), and decided by
// an editor who neither wrote nor last edited it; a correction is a new
// version, and the one it replaces stays. Decisions are conditional writes in
// one transaction, so of two editors deciding at once exactly one succeeds.
//
// The organisation settings (the desk's name, address, methodology and
// corrections policy) and the public links of articles' reports live here
// too; the report and export subpackages read the desk through ScanClaims
// and VerdictsOf, in batches, so that memory stays flat.
//
// Edits are optimistic: each carries the version it started from, and a save
// that finds a newer version is refused with ErrConflict and the current
// record, so the user can compare both and nothing is silently overwritten.
package claims
