package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"github.com/factdesk/factdesk/claims/extract"
)

// maxExtractInput bounds what the spotter reads from a file or stdin.
const maxExtractInput = 64 << 20

func cmdExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "extract [--lang ar|en|auto] [--sentences] [--ref YYYY-MM-DD] [FILE|-]", stderr)
	lang := fs.String("lang", "auto", "language of the text: ar, en or auto")
	sentences := fs.Bool("sentences", false, "print one line per sentence with its score and findings")
	refDate := fs.String("ref", "", "publication date, to resolve relative dates such as \"yesterday\"")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *lang != "ar" && *lang != "en" && *lang != "auto" {
		return usageError{fmt.Sprintf("--lang %q: want ar, en or auto", *lang)}
	}
	var ref time.Time
	if *refDate != "" {
		t, err := time.Parse("2006-01-02", *refDate)
		if err != nil {
			return usageError{fmt.Sprintf("--ref %q: want a date as YYYY-MM-DD", *refDate)}
		}
		ref = t
	}
	if fs.NArg() > 1 {
		return usageError{"extract reads one file (or - for standard input)"}
	}
	in := stdin
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(io.LimitReader(in, maxExtractInput+1))
	if err != nil {
		return err
	}
	if len(data) > maxExtractInput {
		return fmt.Errorf("input larger than %d MB", maxExtractInput>>20)
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("input is not valid UTF-8 text")
	}
	opt := extract.Options{Reference: ref}
	if *lang != "auto" {
		opt.Lang = *lang
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	text := string(data)
	if *sentences {
		for _, s := range extract.Sentences(text, opt) {
			if err := enc.Encode(s); err != nil {
				return err
			}
		}
		return nil
	}
	for _, f := range extract.Find(text, opt) {
		if err := enc.Encode(f); err != nil {
			return err
		}
	}
	return nil
}
