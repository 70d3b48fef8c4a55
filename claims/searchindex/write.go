package searchindex

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/factdesk/factdesk/claims/fold"
)

// Kind is what an indexed record is.
type Kind string

const (
	KindClaim   Kind = "claim"
	KindArticle Kind = "article"
	KindSource  Kind = "source"
	KindVerdict Kind = "verdict"
	KindPrior   Kind = "prior"
)

// Kinds lists every kind in the order results are grouped.
var Kinds = []Kind{KindClaim, KindPrior, KindVerdict, KindArticle, KindSource}

// ParseKind reads a kind; "" and unknown values are refused.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q", s)
}

func (k Kind) code() int64 {
	switch k {
	case KindClaim:
		return 1
	case KindArticle:
		return 2
	case KindSource:
		return 3
	case KindVerdict:
		return 4
	case KindPrior:
		return 5
	}
	return 0
}

// refBits is how many low bits of a search_docs id hold the record's id;
// the kind's code is above them.
const refBits = 40

// docID is the search_docs id (and word-index rowid) of a record: stable
// across edits, ordered like the record's own id within its kind, and the
// records of one kind form one range of ids, so a search of one kind is a
// range of the word index (no kind to intersect with).
func docID(k Kind, ref int64) int64 { return k.code()<<refBits | ref }

func refOf(id int64) int64 { return id & (1<<refBits - 1) }

// kindRange is the range of ids of a kind's records.
func kindRange(k Kind) (lo, hi int64) { return k.code() << refBits, (k.code()+1)<<refBits - 1 }

// Markers: private-use characters, never part of a word (fold.Tokens leaves
// them out), that start the index's own terms. U+E001 starts a kind's
// (kindMarker, kindTerm).
const (
	markStatus = "\ue002"
	markLang   = "\ue003"
	markLabel  = "\ue004"
	markRating = "\ue005"
	markMonth  = "\ue006"
	markYear   = "\ue007"
	markFigure = "\ue010"
	markQuote  = "\ue011"
	markName   = "\ue012"
)

// kindMarker is the kind's count in the vocabulary, and on PostgreSQL a
// term of each of its records in the word index (kindTerm).
func kindMarker(k Kind) string { return kindTerm(string(k)) }

// ratingMarker is the marker of a textual rating (prior checks): the label
// filter matches a prior check whose rating reads like the label's name.
func ratingMarker(rating string) string {
	h := fnv.New64a()
	h.Write([]byte(strings.Join(fold.Words(rating), " ")))
	return markRating + strconv.FormatUint(h.Sum64(), 36)
}

// Doc is one record as the index sees it.
type Doc struct {
	Kind     Kind
	Ref      int64
	Lang     string
	Status   string // the claim's workflow status (claims and their verdicts)
	LabelID  int64  // the desk's rating (a verdict's, a claim's published one)
	Rating   string // a rating as another desk wrote it (prior checks)
	Day      string // YYYY-MM-DD, for the date filters; "" when unknown
	Text     string // every searchable field, in one string
	Features []string
}

// markers are the index's own terms of a record, for the filters. (Its
// kind is its range of ids; the vocabulary counts records per kind under
// the kind's marker.)
func (d Doc) markers() []string {
	var out []string
	if d.Status != "" {
		out = append(out, markStatus+d.Status)
	}
	if d.Lang != "" {
		out = append(out, markLang+d.Lang)
	}
	if d.LabelID != 0 {
		out = append(out, markLabel+strconv.FormatInt(d.LabelID, 10))
	}
	if d.Rating != "" {
		out = append(out, ratingMarker(d.Rating))
	}
	if len(d.Day) >= 7 {
		out = append(out, markYear+d.Day[:4], markMonth+d.Day[:4]+d.Day[5:7])
	}
	return out
}

// ErrBadDoc is returned for a record without kind or id.
var ErrBadDoc = errors.New("searchindex: a record needs a known kind and a positive id")

// Put indexes docs inside tx (the transaction of the write that changed
// them), replacing what was indexed for them before.
func Put(ctx context.Context, tx *gorm.DB, docs ...Doc) error {
	if len(docs) == 0 {
		return nil
	}
	tx = tx.WithContext(ctx)
	byID := make(map[int64]int, len(docs))
	var ids []int64
	for i, d := range docs {
		if d.Kind.code() == 0 || d.Ref <= 0 || d.Ref >= 1<<refBits {
			return ErrBadDoc
		}
		id := docID(d.Kind, d.Ref)
		if _, dup := byID[id]; !dup {
			ids = append(ids, id)
		}
		byID[id] = i
	}
	existing := map[int64]bool{}
	var old []int64
	for start := 0; start < len(ids); start += 500 {
		var found []int64
		if err := tx.Raw("SELECT id FROM search_docs WHERE id IN ?", ids[start:min(start+500, len(ids))]).Scan(&found).Error; err != nil {
			return err
		}
		for _, id := range found {
			existing[id] = true
			old = append(old, id)
		}
	}
	if err := deleteRows(tx, old); err != nil {
		return err
	}
	counts := map[string]int64{}
	owner := map[string]int64{} // the record a term was counted for (for sampling)
	terms := make([]string, len(ids))
	kinds := make([]string, len(ids))
	for n, id := range ids {
		d := docs[byID[id]]
		kinds[n] = string(d.Kind)
		words := fold.Terms(d.Text)
		add := int64(1)
		if existing[id] {
			add = 0 // re-indexed: its terms were counted when it was first indexed
		}
		for _, w := range words {
			counts[w] += add
			owner[w] = id
		}
		counts[kindMarker(d.Kind)] += add
		for _, f := range d.Features {
			counts[f] += add
			owner[f] = id
		}
		all := append(append(words, d.markers()...), d.Features...)
		terms[n] = strings.Join(all, " ")
	}
	if err := upsertDocs(tx, ids, byID, docs); err != nil {
		return err
	}
	if err := insertRows(tx, ids, kinds, terms); err != nil {
		return err
	}
	return upsertTerms(tx, counts, owner)
}

func upsertDocs(tx *gorm.DB, ids []int64, byID map[int64]int, docs []Doc) error {
	const batch = 100
	for start := 0; start < len(ids); start += batch {
		end := min(start+batch, len(ids))
		var sb strings.Builder
		args := make([]any, 0, 8*(end-start))
		sb.WriteString("INSERT INTO search_docs (id, kind, ref_id, lang, status, label_id, day, features) VALUES ")
		for i := start; i < end; i++ {
			d := docs[byID[ids[i]]]
			if i > start {
				sb.WriteByte(',')
			}
			sb.WriteString("(?,?,?,?,?,?,?,?)")
			var label any
			if d.LabelID != 0 {
				label = d.LabelID
			}
			args = append(args, ids[i], string(d.Kind), d.Ref, d.Lang, d.Status, label, d.Day, strings.Join(d.Features, " "))
		}
		sb.WriteString(" ON CONFLICT (id) DO UPDATE SET lang = excluded.lang, status = excluded.status, " +
			"label_id = excluded.label_id, day = excluded.day, features = excluded.features")
		if err := tx.Exec(sb.String(), args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// sampleFrom is the count from which a term's count is kept by sampling.
const sampleFrom = 1024

// upsertTerms adds terms to the vocabulary and their record counts. The
// counts drive ranking (rarity) and need not be exact, while every row
// updated costs a page write in the transaction: a record's common words
// ("the", "في", counted in a thousand records or more) update their count
// for one record in k, by k, with k growing with the count (k ≈ count/512,
// a power of two), chosen by a hash of the term and the record so the
// expected count stays exact. Terms a record already had (re-indexed) are
// only added when new to the vocabulary. The kinds' counts are exact.
func upsertTerms(tx *gorm.DB, counts map[string]int64, owner map[string]int64) error {
	all := make([]string, 0, len(counts))
	for k := range counts {
		all = append(all, k)
	}
	have := map[string]int64{}
	for start := 0; start < len(all); start += 500 {
		var rows []vocabTerm
		if err := tx.Raw("SELECT term, docs FROM search_terms WHERE term IN ?", all[start:min(start+500, len(all))]).Scan(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			have[r.Term] = r.Docs
		}
	}
	keys := all[:0]
	for _, k := range all {
		cur, known := have[k]
		add := counts[k]
		switch {
		case !known:
			counts[k] = max(add, 1)
		case add == 0:
			continue
		case add == 1 && cur >= sampleFrom && !strings.HasPrefix(k, kindTerm("")): // kinds' counts are exact
			step := int64(1)
			for step*2 <= cur/(sampleFrom/2) {
				step *= 2
			}
			h := fnv.New64a()
			h.Write([]byte(k))
			h.Write([]byte(strconv.FormatInt(owner[k], 10)))
			if h.Sum64()%uint64(step) != 0 {
				continue
			}
			counts[k] = step
		}
		keys = append(keys, k)
	}
	sort.Strings(keys) // a stable order: concurrent writers lock rows alike
	const batch = 400
	for start := 0; start < len(keys); start += batch {
		end := min(start+batch, len(keys))
		var sb strings.Builder
		args := make([]any, 0, 2*(end-start))
		sb.WriteString("INSERT INTO search_terms (term, docs) VALUES ")
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteByte(',')
			}
			sb.WriteString("(?,?)")
			args = append(args, keys[i], counts[keys[i]])
		}
		sb.WriteString(" ON CONFLICT (term) DO UPDATE SET docs = search_terms.docs + excluded.docs")
		if err := tx.Exec(sb.String(), args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// Delete removes records from the index inside tx. Their words stay in the
// vocabulary with their counts (a rebuild recounts them); the count of
// records of the kind follows.
func Delete(ctx context.Context, tx *gorm.DB, kind Kind, refs ...int64) error {
	if len(refs) == 0 {
		return nil
	}
	tx = tx.WithContext(ctx)
	// Only what is indexed is deleted: the word index keeps a tombstone for
	// every delete, even of a row it never had.
	var ids []int64
	for start := 0; start < len(refs); start += 500 {
		chunk := make([]int64, 0, 500)
		for _, r := range refs[start:min(start+500, len(refs))] {
			chunk = append(chunk, docID(kind, r))
		}
		var found []int64
		if err := tx.Raw("SELECT id FROM search_docs WHERE id IN ?", chunk).Scan(&found).Error; err != nil {
			return err
		}
		ids = append(ids, found...)
	}
	if len(ids) == 0 {
		return nil
	}
	if err := deleteRows(tx, ids); err != nil {
		return err
	}
	for start := 0; start < len(ids); start += 500 {
		if err := tx.Exec("DELETE FROM search_docs WHERE id IN ?", ids[start:min(start+500, len(ids))]).Error; err != nil {
			return err
		}
	}
	return tx.Exec("UPDATE search_terms SET docs = docs - ? WHERE term = ?", len(ids), kindMarker(kind)).Error
}

// StoredFeatures returns the features stored with the records refs of a
// kind, for a write that did not change their text.
func StoredFeatures(ctx context.Context, tx *gorm.DB, kind Kind, refs []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	for start := 0; start < len(refs); start += 500 {
		ids := make([]int64, 0, 500)
		for _, r := range refs[start:min(start+500, len(refs))] {
			ids = append(ids, docID(kind, r))
		}
		var rows []struct {
			ID       int64
			Features string
		}
		if err := tx.WithContext(ctx).Raw("SELECT id, features FROM search_docs WHERE id IN ?", ids).Scan(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			var f []string
			if r.Features != "" {
				f = strings.Split(r.Features, " ")
			}
			out[refOf(r.ID)] = f
		}
	}
	return out, nil
}

// Optimize compacts the index after bulk work (a generated workspace, a
// rebuild): a query then reads one segment instead of hundreds.
func Optimize(ctx context.Context, db *gorm.DB) error {
	return optimizeRows(db.WithContext(ctx))
}

// Merge does a bounded amount of compaction of what everyday writes added;
// the server runs it from time to time.
func Merge(ctx context.Context, db *gorm.DB) error {
	return mergeRows(db.WithContext(ctx), 2000)
}

// Counts is the number of indexed records of each kind, and of terms in the
// vocabulary.
type Counts struct {
	Kinds map[Kind]int64
	Terms int64
}

// Count reads the index's counts (inside tx or on the database).
func Count(ctx context.Context, db *gorm.DB) (Counts, error) {
	out := Counts{Kinds: map[Kind]int64{}}
	var rows []struct {
		Kind string
		N    int64
	}
	if err := db.WithContext(ctx).Raw("SELECT kind, COUNT(*) AS n FROM search_docs GROUP BY kind").Scan(&rows).Error; err != nil {
		return out, err
	}
	for _, r := range rows {
		out.Kinds[Kind(r.Kind)] = r.N
	}
	err := db.WithContext(ctx).Raw("SELECT COUNT(*) FROM search_terms").Scan(&out.Terms).Error
	return out, err
}

// Built reports whether the index holds anything: a database upgraded from
// before the index existed has records and an empty index until a rebuild.
func Built(ctx context.Context, db *gorm.DB) (bool, error) {
	var ids []int64
	err := db.WithContext(ctx).Raw("SELECT id FROM search_docs LIMIT 1").Scan(&ids).Error
	return len(ids) > 0, err
}

// Clear empties the index and its vocabulary, before a rebuild in the same
// transaction.
func Clear(ctx context.Context, tx *gorm.DB) error {
	tx = tx.WithContext(ctx)
	if err := clearRows(tx); err != nil {
		return err
	}
	if err := tx.Exec("DELETE FROM search_docs").Error; err != nil {
		return err
	}
	return tx.Exec("DELETE FROM search_terms").Error
}
