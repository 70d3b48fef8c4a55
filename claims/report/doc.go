// Package report assembles the report of an article as readers receive it:
// the article, its claims whose verdicts are published (numbered in text
// order, with their reasoning, values, sources and corrections), a summary
// by rating label, how many claims are still being checked, and the desk's
// methodology and corrections policy. Nothing unpublished gets in.
//
// The package knows nothing of HTTP, and does not import sources: evidence
// reaches it through an EvidenceFunc that the web layer or the command line
// fills from the sources package. Text that depends on the reader's language
// (values, differences) is written through Words, which the interface's
// translations satisfy.
package report
