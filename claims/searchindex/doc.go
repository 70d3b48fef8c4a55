// Package searchindex is the desk's one search index: claims, articles,
// sources, verdict conclusions and imported prior checks, found by any of
// their words however they were typed, and the "checked before" matching of a
// claim against the claims and prior checks already known.
//
// The index is written by the domains, inside the transaction of each of
// their writes (Put and Delete take that transaction), so a record is
// searchable the moment its write commits and a write that fails leaves no
// trace in the index. It needs nothing but the database: claims and sources
// both write to it without knowing each other. Reading is done by an Index,
// which asks each domain, through a Loader, for the text of the few records
// it ranks.
//
// Text is cut into words and folded by claims/fold (Arabic letter forms,
// diacritics, tatweel, digit script, case) and each word is stemmed
// ("losses" → "loss", "الشركة" → "شرك"), the same way for what is stored and
// what is searched for. The word index (wordindex.go; each engine's SQL in
// sqlite.go and postgres*.go, behind the engine interface) only says
// which records hold which terms, newest first; a search asks it for a
// bounded window of the newest matching records of each kind and ranks them in
// Go (term rarity, how well each word matched, words side by side, length),
// so a word found in half a million records costs what a rare one does. Parts
// of words (three letters or more) and one- or two-letter prefixes are
// expanded through the vocabulary (search_terms) into the whole terms they
// belong to. Lists filtered by words (the claim list's free text) ask the
// same index with the same words through TextFilter, and keep every record
// holding them all, in the list's own order.
//
// Each record also carries markers: its kind, status, language, rating,
// month, and for claims and prior checks the figures, quotations and names
// read from it. Markers are private-use characters, which no typed word can
// contain, so filters are answered by the same index, and "checked before"
// finds records sharing a figure ("$593 billion" and "593 مليار دولار" give
// the same marker) or a name (Nvidia and إنفيديا through a small bilingual
// list of aliases).
package searchindex
