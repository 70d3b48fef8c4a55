package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/factdesk/factdesk/sources"
)

var attachFields = []string{"source_id", "src_q", "stance", "passage", "location", "note",
	"src_url", "src_title", "src_publisher", "src_author", "src_kind", "src_lang", "src_published_on", "src_accessed_on", "src_archive_url"}

var evidenceFields = []string{"stance", "passage", "location", "note", "version"}

// attachForm attaches evidence to a claim: a library source (source_id),
// or a source entered on the spot ("new", or no choice and an address).
type attachForm struct {
	values    map[string]string // as typed, for the claim page shown again
	NewSource bool
	Source    sources.Input // the new source (NewSource)
	Evidence  sources.EvidenceInput
}

func parseAttachForm(c echo.Context) attachForm {
	v := formValues(c, attachFields)
	f := attachForm{values: v, Evidence: evidenceInput(v)}
	switch sel := strings.TrimSpace(v["source_id"]); {
	case sel == "new" || (sel == "" && strings.TrimSpace(v["src_url"]) != ""):
		v["source_id"] = "new"
		f.NewSource, f.Source = true, sourceInput(v, "src_")
	default:
		// Unchanged (follow-up): an unreadable or missing choice is source
		// 0, which the store refuses as a field error.
		f.Evidence.SourceID = numberOr0(sel)
	}
	return f
}

// evidenceForm edits one piece of evidence; the rules are the domain's
// (sources.FieldErrors).
type evidenceForm struct {
	values map[string]string // as typed, for the form shown again
	Input  sources.EvidenceInput
}

func parseEvidenceForm(c echo.Context) evidenceForm {
	v := formValues(c, evidenceFields)
	return evidenceForm{values: v, Input: evidenceInput(v)}
}

func evidenceInput(v map[string]string) sources.EvidenceInput {
	// Unchanged (follow-up): a missing or unreadable version is 0, which
	// the store refuses as a conflict on edit and ignores on attach.
	return sources.EvidenceInput{Stance: v["stance"], Passage: v["passage"], Location: v["location"], Note: v["note"], Version: numberOr0(v["version"])}
}

// versionForm is a form that carries only the version it acts on (remove
// evidence, approve a verdict).
type versionForm struct {
	Version int64
}

func parseVersionForm(c echo.Context) versionForm {
	// Unchanged (follow-up): a missing or unreadable version is 0, which
	// matches no stored version: the store refuses it as changed meanwhile
	// ("evidence.changed", "err.decided").
	return versionForm{Version: numberOr0(c.FormValue("version"))}
}

// attachDefaults are the attach form's values on a fresh claim page.
func attachDefaults() map[string]string {
	return map[string]string{"src_kind": string(sources.KindNews), "src_accessed_on": today()}
}
