package sources

import "fmt"

// Kind is what sort of document a source is. Closed vocabulary, stored as
// TEXT with a CHECK.
type Kind string

const (
	KindPrimary  Kind = "primary"  // primary document: a filing, a paper, a law
	KindOfficial Kind = "official" // official statement
	KindDataset  Kind = "dataset"
	KindNews     Kind = "news"   // news report
	KindExpert   Kind = "expert" // expert interview
	KindSocial   Kind = "social" // social media post
	KindOther    Kind = "other"
)

// Kinds lists every kind in the order forms show them.
var Kinds = []Kind{KindPrimary, KindOfficial, KindDataset, KindNews, KindExpert, KindSocial, KindOther}

// ParseKind accepts only known kinds.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("%w: kind %q", ErrInvalid, s)
}

// Stance is how a piece of evidence bears on its claim.
type Stance string

const (
	StanceSupports Stance = "supports"
	StanceRefutes  Stance = "refutes"
	StanceContext  Stance = "context" // adds context
)

// Stances lists every stance in the order the claim page groups them.
var Stances = []Stance{StanceSupports, StanceRefutes, StanceContext}

// ParseStance accepts only known stances.
func ParseStance(s string) (Stance, error) {
	for _, st := range Stances {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("%w: stance %q", ErrInvalid, s)
}

// Languages are the languages a source can be marked with (ISO 639-1, and
// "other"); empty means not stated.
var Languages = []string{"ar", "en", "fr", "es", "de", "zh", "ru", "pt", "fa", "tr", "other"}

func validLang(s string) bool {
	if s == "" {
		return true
	}
	for _, l := range Languages {
		if l == s {
			return true
		}
	}
	return false
}
