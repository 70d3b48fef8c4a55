package claimreview

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxBytes is the largest input a Decoder reads by default: 50 MB.
const MaxBytes int64 = 50 << 20

// Format is the shape the decoder found.
type Format string

const (
	FormatArray    Format = "json-array" // [ … ] streamed element by element
	FormatLines    Format = "json-lines" // one JSON value per line
	FormatDocument Format = "json"       // one object (a ClaimReview, a @graph, a claims:search response), read whole
	FormatPage     Format = "html"       // <script type="application/ld+json"> blocks in a page or any text
)

// Decoder reads records from a stream. Use Next until it returns io.EOF.
type Decoder struct {
	limit  int64
	lr     *limitReader
	br     *bufio.Reader
	format Format
	queue  []result
	done   bool
	fatal  *Problem

	dec     *json.Decoder // array and document modes
	skip    int64         // bytes before the decoder's input (BOM, leading white space)
	item    int           // array mode: elements read
	line    int           // lines mode: current line
	tok     *html.Tokenizer
	block   int
	found   int // page mode: records and problems other than context
	context int // page mode: JSON-LD items of other types
}

type result struct {
	rec  Record
	prob *Problem
}

// NewDecoder reads r up to MaxBytes.
func NewDecoder(r io.Reader) *Decoder { return NewDecoderLimit(r, MaxBytes) }

// NewDecoderLimit reads r up to limit bytes; reading more is a fatal
// ReasonTooLarge problem.
func NewDecoderLimit(r io.Reader, limit int64) *Decoder {
	lr := &limitReader{r: r, left: limit}
	return &Decoder{limit: limit, lr: lr, br: bufio.NewReaderSize(lr, 64<<10)}
}

// Limit is the largest input the decoder accepts, in bytes.
func (d *Decoder) Limit() int64 { return d.limit }

// Format is the shape of the input (known after the first call to Next).
func (d *Decoder) Format() Format { return d.format }

var errTooLarge = errors.New("input larger than the limit")

// limitReader is an io.LimitedReader that says so when the limit is passed,
// instead of pretending the input ended.
type limitReader struct {
	r    io.Reader
	left int64
	read int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	l.read += int64(n)
	if l.left < 0 {
		return n, errTooLarge
	}
	return n, err
}

// Next returns the next record. A record that cannot be used comes back as a
// *Problem error and reading goes on; a *Problem with Fatal set ends the
// input (Next keeps returning it). io.EOF marks the end; any other error is
// a read failure.
func (d *Decoder) Next() (Record, error) {
	for {
		if len(d.queue) > 0 {
			r := d.queue[0]
			d.queue = d.queue[1:]
			if r.prob != nil {
				return Record{}, r.prob
			}
			return r.rec, nil
		}
		if d.fatal != nil {
			return Record{}, d.fatal
		}
		if d.done {
			return Record{}, io.EOF
		}
		if err := d.step(); err != nil {
			var p *Problem
			if errors.As(err, &p) && p.Fatal {
				d.fatal = p
				continue
			}
			return Record{}, err
		}
	}
}

func (d *Decoder) push(r Record, p *Problem) { d.queue = append(d.queue, result{r, p}) }

// fail turns a read error into a fatal problem where it is one.
func (d *Decoder) fail(err error, pos Position) error {
	switch {
	case errors.Is(err, errTooLarge):
		return &Problem{Pos: pos, Reason: ReasonTooLarge, Fatal: true,
			Detail: "limit " + strconv.FormatInt(d.limit>>20, 10) + " MB (" + strconv.FormatInt(d.limit, 10) + " bytes)"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Problem{Pos: pos, Reason: ReasonMalformed, Fatal: true, Detail: "the file ends in the middle of a value"}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		if off := d.skip + se.Offset; pos.Offset == 0 || off > pos.Offset {
			pos.Offset = off
		}
		return &Problem{Pos: pos, Reason: ReasonMalformed, Fatal: true, Detail: err.Error()}
	}
	var ue *json.UnmarshalTypeError
	if errors.As(err, &ue) {
		return &Problem{Pos: pos, Reason: ReasonMalformed, Fatal: true, Detail: err.Error()}
	}
	return err
}

// step reads the next piece of input into the queue, or ends the input.
func (d *Decoder) step() error {
	if d.format == "" {
		return d.start()
	}
	switch d.format {
	case FormatArray:
		return d.stepArray()
	case FormatLines:
		return d.stepLine()
	case FormatDocument:
		return d.stepDocument()
	default:
		return d.stepPage()
	}
}

// start looks at the first bytes to choose the format.
func (d *Decoder) start() error {
	// Skip a byte order mark and leading white space.
	if b, _ := d.br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = d.br.Discard(3)
		d.skip += 3
	}
	for {
		b, err := d.br.Peek(1)
		if err == io.EOF {
			return &Problem{Reason: ReasonEmpty, Fatal: true}
		}
		if err != nil {
			return d.fail(err, Position{})
		}
		if b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n' {
			_, _ = d.br.ReadByte()
			d.skip++
			continue
		}
		break
	}
	head, err := d.br.Peek(512)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return d.fail(err, Position{})
	}
	if looksBinary(head) {
		return &Problem{Reason: ReasonWrongKind, Fatal: true, Detail: "binary data, or text that is not UTF-8"}
	}
	switch head[0] {
	case '[':
		d.format = FormatArray
		d.dec = json.NewDecoder(d.br)
		if _, err := d.dec.Token(); err != nil {
			return d.fail(err, Position{})
		}
		return nil
	case '{':
		// One object per line (JSON lines), or one document over many lines?
		// A first line that opens and closes an object is a JSON line.
		first, err := d.br.Peek(64 << 10)
		if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
			return d.fail(err, Position{})
		}
		line, _, _ := bytes.Cut(first, []byte("\n"))
		line = bytes.TrimSpace(line)
		if bytes.HasSuffix(line, []byte("}")) && (bytes.IndexByte(first, '\n') >= 0 || err == io.EOF) {
			d.format = FormatLines
			return nil
		}
		d.format = FormatDocument
		d.dec = json.NewDecoder(d.br)
		return nil
	}
	d.format = FormatPage
	d.tok = html.NewTokenizer(d.br)
	return nil
}

func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	// A cut in the middle of a character at the end of the peek is fine.
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return utf8.FullRune(b)
		}
		b = b[size:]
	}
	return false
}

func (d *Decoder) stepArray() error {
	if !d.dec.More() {
		if _, err := d.dec.Token(); err != nil { // the closing ]
			return d.fail(err, Position{Item: d.item + 1, Offset: d.offset()})
		}
		d.done = true
		_, err := d.dec.Token()
		switch {
		case err == io.EOF:
		case errors.Is(err, errTooLarge):
			return d.fail(err, Position{Offset: d.offset()})
		default:
			d.push(Record{}, &Problem{Pos: Position{Offset: d.offset()}, Reason: ReasonMalformed, Detail: "content after the closing ]"})
		}
		return nil
	}
	d.item++
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return d.fail(err, Position{Item: d.item, Offset: d.offset()})
	}
	end := d.offset()
	pos := Position{Item: d.item, Offset: end - int64(len(raw))}
	expand(raw, pos, d.push)
	return nil
}

// offset is the decoder's position in the whole input.
func (d *Decoder) offset() int64 { return d.skip + d.dec.InputOffset() }

func (d *Decoder) stepLine() error {
	for {
		b, err := d.br.ReadBytes('\n')
		if len(b) > 0 {
			d.line++
		}
		if err != nil && err != io.EOF {
			return d.fail(err, Position{Line: d.line})
		}
		line := bytes.TrimSpace(b)
		if len(line) > 0 {
			pos := Position{Line: d.line}
			if !json.Valid(line) {
				var v any
				detail := "invalid JSON"
				if uerr := json.Unmarshal(line, &v); uerr != nil {
					detail = uerr.Error()
				}
				d.push(Record{}, &Problem{Pos: pos, Reason: ReasonMalformed, Detail: detail})
			} else {
				expand(line, pos, d.push)
			}
		}
		if err == io.EOF {
			d.done = true
		}
		if len(d.queue) > 0 || d.done {
			return nil
		}
	}
}

func (d *Decoder) stepDocument() error {
	var raw json.RawMessage
	d.item++
	err := d.dec.Decode(&raw)
	if err == io.EOF && d.item > 1 {
		d.done = true
		return nil
	}
	if err != nil {
		pos := Position{}
		if d.item > 1 {
			pos.Item = d.item
		}
		return d.fail(err, pos)
	}
	pos := Position{}
	if d.item > 1 || d.dec.More() {
		// Several documents one after the other: number them.
		pos.Item = d.item
	}
	expand(raw, pos, d.push)
	return nil
}

func (d *Decoder) stepPage() error {
	for {
		tt := d.tok.Next()
		switch tt {
		case html.ErrorToken:
			err := d.tok.Err()
			if err == io.EOF {
				d.done = true
				if d.block == 0 {
					return &Problem{Reason: ReasonWrongKind, Fatal: true, Detail: "no <script type=\"application/ld+json\"> block"}
				}
				if d.found == 0 {
					return &Problem{Reason: ReasonNotClaimReview, Fatal: true,
						Detail: "no ClaimReview in " + strconv.Itoa(d.block) + " JSON-LD block(s) holding " + strconv.Itoa(d.context) + " other item(s)"}
				}
				return nil
			}
			return d.fail(err, Position{Block: d.block + 1})
		case html.StartTagToken:
			name, hasAttr := d.tok.TagName()
			if atom.Lookup(name) != atom.Script || !hasAttr || !d.isJSONLD() {
				continue
			}
			d.block++
			pos := Position{Block: d.block}
			if d.tok.Next() != html.TextToken {
				if err := d.tok.Err(); err != nil && err != io.EOF {
					return d.fail(err, pos)
				}
				d.push(Record{}, &Problem{Pos: pos, Reason: ReasonNotObject, Detail: "empty block"})
				return nil
			}
			body := bytes.TrimSpace(d.tok.Text())
			body = bytes.TrimPrefix(body, []byte("<!--"))
			body = bytes.TrimSuffix(body, []byte("-->"))
			if !json.Valid(body) {
				var v any
				detail := "invalid JSON"
				if err := json.Unmarshal(body, &v); err != nil {
					detail = err.Error()
				}
				d.push(Record{}, &Problem{Pos: pos, Reason: ReasonMalformed, Detail: detail})
				return nil
			}
			// Pages carry JSON-LD about themselves (WebSite, BreadcrumbList,
			// NewsArticle …) beside their ClaimReviews: other types are
			// context, not refused records, as in a @graph.
			expand(json.RawMessage(body), pos, func(r Record, p *Problem) {
				if p != nil && p.Reason == ReasonNotClaimReview {
					d.context++
					return
				}
				d.found++
				d.push(r, p)
			})
			if len(d.queue) == 0 {
				continue
			}
			return nil
		}
	}
}

// isJSONLD reads the attributes of the current <script> tag.
func (d *Decoder) isJSONLD() bool {
	for {
		key, val, more := d.tok.TagAttr()
		if string(key) == "type" {
			t, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(string(val))), ";")
			return strings.TrimSpace(t) == "application/ld+json"
		}
		if !more {
			return false
		}
	}
}
