// Package extract finds the parts of a news text a fact-checker can check:
// money and market figures, percentages, dates, quantities and attributed
// quotations, in Arabic and English, and ranks sentences by how worth
// checking they are.
//
// Why rules and not a model: the desk must explain every flag to an editor
// ("900 مليار دولار" was read as 9e11 USD, hedged by "نحو"), must run without
// a network or GPU, and must treat Arabic as a first language, with
// Arabic-Indic digits, prefixes glued to words ("بنحو20 %") and Levantine
// month names. A small lexicon and a single token scan do that predictably
// and at several megabytes a second.
//
// Why offsets into the original text: reviewers highlight spans in the text
// they see. Digits are normalised on a copy where every rune maps to one
// rune, so an offset found on the copy is valid on the original, and
// []rune(text)[Start:End] is always the finding's Text.
//
// Why so much care about quotation marks: Arabic news puts product and
// company names in quotation marks ("ديب سيك", "انفيديا"). Treating those as
// quotations would drown the real ones, so a quoted span is a quotation only
// when speech governs it, and a short one must also not look like a name.
//
// The check-worthiness score is a transparent logistic combination of those
// findings and a few lexical cues; MEASURED.md records how it does on the
// desk's own gold set and on CheckThat! 2022, beside trivial baselines.
package extract
