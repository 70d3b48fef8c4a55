package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestDump prints sentences, scores and findings of the file named by
// EXTRACT_DUMP, for eyeballing the extractor on a new article.
func TestDump(t *testing.T) {
	path := os.Getenv("EXTRACT_DUMP")
	if path == "" {
		t.Skip("set EXTRACT_DUMP=file [EXTRACT_REF=2025-01-28] to print findings")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := time.Parse("2006-01-02", os.Getenv("EXTRACT_REF"))
	for _, s := range Sentences(string(b), Options{Reference: ref}) {
		fmt.Printf("[%.2f %v] %s\n", s.Score, s.CheckWorthy, s.Text)
		for _, f := range s.Findings {
			j, _ := json.Marshal(f.Value)
			fmt.Printf("    %s %q %s speaker=%q\n", f.Kind, f.Text, j, f.Speaker)
		}
	}
}
