// Package export writes the desk's fact-checks in the formats newsrooms,
// spreadsheets and fact-check aggregators take: CSV (UTF-8 with a byte order
// mark, CRLF, formulas neutralised), JSON with everything (documented in
// docs/EXPORT.md, with a format version), Markdown of the report, and
// schema.org ClaimReview as JSON-LD. The scope is one article, a filter of
// the claim list, or the whole desk.
//
// Every format streams: claims are read ScanBatch at a time through the
// claim list's keyset pagination and written as they come, so memory stays
// flat however large the desk grows. Like the report package, export does
// not import sources; evidence and sources arrive through functions in Desk.
package export
