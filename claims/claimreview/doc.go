// Package claimreview reads fact-checks published by other desks: schema.org
// ClaimReview in JSON or JSON-LD (one object, an array, a @graph, JSON lines,
// or HTML pages carrying <script type="application/ld+json"> blocks) and the
// flattened shape of Google's Fact Check Tools API (claims:search). It is a
// pure package: no database, no HTTP.
//
// A Decoder streams: arrays are read element by element with json.Decoder
// tokens and JSON lines line by line, so memory holds one record at a time.
// Input beyond a stated limit (MaxBytes) stops the read with a clear error.
// Each record that cannot be used is reported as a *Problem with its position
// (line, array item and byte offset, script block, @graph node) and a reason;
// reading continues with the next record. Only a few problems are fatal: a
// file that is empty, too large, not JSON nor a page with JSON-LD, or JSON
// broken in a way that makes the rest of the file unreadable.
//
// Fields are kept as the publisher wrote them (a rating of 1 out of 6 labelled
// "True" stays so); dates are normalised to YYYY-MM-DD where they can be read
// and always keep their original text; only http(s) URLs are kept as links.
package claimreview
