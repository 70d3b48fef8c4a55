package searchindex

import (
	"context"

	"gorm.io/gorm"
)

// TextFilter is what a list filtered by words (the claim list's ?q=) asks of the
// index. A record matches when it holds every word of the query, a word
// being found the way Search finds it: by its stem ("losses" finds "loss"),
// by the name it stands for (Nvidia, إنفيديا), and, unless it is itself a
// common term, through the vocabulary terms it is part of (three letters or
// more: "vid" finds "nvidia") or the start of (one or two letters), at most
// maxExpansions of them, the most frequent first. Text is folded first, so
// Arabic diacritics, letter forms and digit scripts do not matter.
//
// Unlike Search, which ranks a window of the newest matches, lets very
// common words count only in the ranking and also widens a word by the
// terms its stem is part of ("hicks" → "hick" → "chicken"), a list keeps
// exactly the records that hold every word, in its own order: what a
// record is listed for must be visible in it.
type TextFilter struct {
	Words []Term
	// Filter is the condition on the kind's records in the word index. With
	// no word (only punctuation or symbols) it has no group and matches
	// nothing. Its Docs is at most how many records match (the fewest
	// records holding any one word's terms, from the vocabulary's counts
	// over every kind; 0 when a word is in no record at all), its Records
	// the kind's records: estimates for choosing a query plan.
	Filter Filter
}

// TextFilter reads the words of text for a list of records of kind k.
func (ix *Index) TextFilter(ctx context.Context, k Kind, text string) (TextFilter, error) {
	lo, hi := kindRange(k)
	m := TextFilter{Words: ParseTerms(text), Filter: Filter{MinID: lo, MaxID: hi}}
	if len(m.Words) == 0 {
		return m, nil
	}
	// The words' counts and their expansions, in one statement on
	// PostgreSQL (a round trip each otherwise).
	groups, df, err := ix.expand(ctx, m.Words, exactGroups(m.Words), nil, false)
	if err != nil {
		return m, err
	}
	// df holds every term's count: the exact terms' and the expansions'.
	m.Filter.Groups = groups
	m.Filter.Records = df[kindMarker(k)]
	m.Filter.Docs = -1
	for _, g := range groups {
		n := groupCount(g, df)
		m.Filter.GroupDocs = append(m.Filter.GroupDocs, n)
		if m.Filter.Docs < 0 || n < m.Filter.Docs {
			m.Filter.Docs = n
		}
	}
	return m, nil
}

// List is a list query of one kind's table that keeps the rows holding the
// words of its free text (the claim list's ?q=): what ListPlan needs to
// know of it to choose how the index is asked.
type List struct {
	Table, Alias string // the kind's table and its alias in the query ("claims", "c")
	// IDOrder: the list is in the table's id order (newest or oldest
	// first), and not narrowed to a few rows by another filter.
	IDOrder bool
	// Windows: a page may be read window by window (see Windows); a scan
	// of every row leaves it unset.
	Windows bool
	// BeforeCount and Tune, in tests, change the estimates that choose the
	// plan: before the matches of several words are counted, and after.
	BeforeCount, Tune func(*Filter)
}

// ListPlan is how a list query reaches its rows holding the words: its
// FROM clause and condition, and the column to order and page by.
type ListPlan struct {
	// None: no word, or a word no record ever held (the vocabulary has
	// every term indexed): nothing matches.
	None bool
	// Drive: From is driven by the word index; IndexID is then the column
	// to order and page by, in index ids (MinID + a row's id).
	Drive    bool
	From     string
	Args     []any
	Cond     string // "" for none
	CondArgs []any  // Cond's arguments
	IndexID  string
	MinID    int64
	// Windows, when set, is how a page in id order reads the matches
	// window by window (PostgreSQL); From and Cond are then the walk that
	// follows the windows when they do not fill the page.
	Windows *Windows
	// PageIDs, when set, is the condition that keeps the rows whose ids a
	// walk (Cond, not Drive) read first, in the list's order, from the
	// order's index alone (PostgreSQL): the page's rows are then read by
	// primary key.
	PageIDs func(walk *gorm.DB) (cond string, args []any)
}

// ListPlan reads the words of text for l, a list of records of kind k, and
// chooses how the list reaches the rows holding them all: from the index
// when few records match (or, on SQLite, in id order), by walking the table
// in its own order checking each row against the index, or (PostgreSQL, in
// id order) through windows of the rarest word's postings.
func (ix *Index) ListPlan(ctx context.Context, k Kind, text string, l List) (ListPlan, error) {
	m, err := ix.TextFilter(ctx, k, text)
	if err != nil {
		return ListPlan{}, err
	}
	f := m.Filter
	if len(f.Groups) == 0 || f.Docs == 0 {
		return ListPlan{None: true}, nil
	}
	if l.BeforeCount != nil {
		l.BeforeCount(&f)
	}
	if err := f.count(ctx, ix.db); err != nil {
		return ListPlan{}, err
	}
	if l.Tune != nil {
		l.Tune(&f)
	}
	p := ListPlan{MinID: f.MinID}
	way := engineOf(ix.db).plan(f, l.IDOrder)
	windowed := l.Windows && way.windows
	if !windowed && way.drive {
		p.Drive = true
		p.From, p.IndexID, p.Args = f.from(ix.db, l.Table, l.Alias)
		return p, nil
	}
	p.From = l.Table + " " + l.Alias
	p.Cond, p.CondArgs = f.where(ix.db, l.Alias)
	if way.idsFirst {
		alias := l.Alias
		p.PageIDs = func(walk *gorm.DB) (string, []any) { return alias + ".id = ANY(ARRAY(?))", []any{walk} }
	}
	if windowed {
		p.Windows = &Windows{f: f, db: ix.db, table: l.Table, alias: l.Alias, MinID: f.MinID}
	}
	return p, nil
}

// Windows reads a list's matches window by window: the rarest word's
// postings beyond a cursor (index ids), each window's rows then read by
// primary key and filtered by the list's query.
type Windows struct {
	f            Filter
	db           *gorm.DB
	table, alias string
	MinID        int64 // the kind's offset: a row's index id is MinID + its id
}

// Size is the size of the first window for a page of n rows.
func (w *Windows) Size(n int) int { return w.f.windowSize(n) }

// next is the size of the window after one of n records of which the
// list's other filters kept kept, while it still wants missing rows.
func (w *Windows) Next(n, kept, missing int) int { return w.f.next(n, kept, missing) }

// Read returns the matches (index ids) beyond cursor (0 for none), newest
// first or, when asc, oldest first: at least n of them unless complete.
func (w *Windows) Read(ctx context.Context, cursor int64, asc bool, n int) (ids []int64, complete bool, err error) {
	return w.f.readWindow(ctx, w.db, cursor, asc, n)
}

// Rows is the FROM clause of a query of the rows of a window (ids), with
// the condition that they hold the other words too ("" for none); indexID
// is the column to order and page by, in index ids.
func (w *Windows) Rows(ids []int64) (from, indexID string, args []any, cond string, cargs []any) {
	return w.f.fromWindow(w.db, w.table, w.alias, ids)
}
