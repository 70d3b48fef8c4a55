// Package sources owns the desk's library of sources and the evidence that
// links a source to a claim: what every verdict rests on, detailed enough for
// a reader to replicate the check.
//
// A source is recognised by its URL reduced to one form (NormalizeURL), so a
// second entry of the same page leads to the first. Evidence records a
// claim's stance towards a source (supports, refutes, adds context), the
// passage and where it is. Sources and evidence are edited optimistically
// with a version number, like claims; a source that is evidence somewhere
// cannot be deleted.
//
// The package does not import claims. What it needs of a claim (does it
// exist, may its last evidence go, append to its history, its statement) it
// asks through the Claims interface, which web/desk wires to *claims.Service. In
// the other direction *Service counts a claim's evidence for the rule that a
// claim goes to review only with evidence.
package sources
