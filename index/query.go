package index

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxQueryLen caps the length of a query string in bytes; longer queries
// are refused before parsing so that a pasted document cannot build a
// query of thousands of clauses.
const MaxQueryLen = 4096

// maxTerms caps the number of terms in one query.
const maxTerms = 64

// Query is a parsed search query: a conjunction of groups, each group a
// disjunction of terms ("a b OR c" is a AND (b OR c)). The zero Query
// matches every photo. Build one with ParseQuery; String gives it back in
// canonical form.
type Query struct {
	Groups [][]Term
}

// Term is one term of a query.
type Term struct {
	// Field is the canonical field name ("person", "after", ...), or ""
	// for free text.
	Field string
	// Value is the text as typed, without quotes. For date fields it is
	// the date as typed (YYYY, YYYY-MM or YYYY-MM-DD); for yes/no fields
	// "yes" or "no"; for id a lower-case hex prefix.
	Value string
	// Phrase reports a quoted value: its words must appear together, in
	// order.
	Phrase bool
	// Not reports a negated term (-term): photos that match it are left out.
	Not bool
	// Pos is the byte offset of the term in the query string.
	Pos int
}

// QueryError is a syntax error in a query, at byte offset Pos (for
// slicing the query) and character Col (1-based, for people: "São" is
// three characters and four bytes).
type QueryError struct {
	Pos int
	Col int
	Msg string
}

func (e *QueryError) Error() string {
	col := e.Col
	if col == 0 {
		col = e.Pos + 1
	}
	return fmt.Sprintf("query: %s (at character %d)", e.Msg, col)
}

// fieldKind says how a field's value is read.
type fieldKind int

const (
	kindText fieldKind = iota // words or a quoted phrase
	kindDate                  // YYYY, YYYY-MM, YYYY-MM-DD
	kindYear                  // YYYY
	kindBool                  // yes or no
	kindID                    // hex prefix
)

// queryFields lists the fields of the query language, canonical names
// first in the order that error messages list them.
var queryFields = []struct {
	name string
	kind fieldKind
}{
	{"person", kindText}, {"place", kindText}, {"credit", kindText}, {"agency", kindText},
	{"byline", kindText}, {"keyword", kindText}, {"city", kindText}, {"country", kindText},
	{"source", kindText}, {"after", kindDate}, {"before", kindDate}, {"year", kindYear},
	{"file", kindBool}, {"handout", kindBool}, {"pool", kindBool}, {"id", kindID},
}

// fieldAliases are other names accepted for fields.
var fieldAliases = map[string]string{
	"people": "person", "persons": "person",
	"places": "place", "location": "place",
	"keywords":     "keyword",
	"photographer": "byline", "by": "byline",
	"since": "after", "until": "before",
}

func lookupQueryField(name string) (string, fieldKind, bool) {
	name = strings.ToLower(name)
	if a, ok := fieldAliases[name]; ok {
		name = a
	}
	for _, f := range queryFields {
		if f.name == name {
			return f.name, f.kind, true
		}
	}
	return "", 0, false
}

// ParseQuery parses the query language described in doc.go. It never
// panics; a malformed query gives a *QueryError saying where and what.
func ParseQuery(s string) (Query, error) {
	if len(s) > MaxQueryLen {
		return Query{}, &QueryError{Pos: MaxQueryLen, Msg: fmt.Sprintf("query is longer than %d bytes", MaxQueryLen)}
	}
	if !utf8.ValidString(s) {
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return Query{}, &QueryError{Pos: i, Msg: "query is not valid UTF-8"}
	}
	p := parser{s: s}
	q, err := p.parse()
	if qe, ok := err.(*QueryError); ok {
		qe.Col = utf8.RuneCountInString(s[:min(max(qe.Pos, 0), len(s))]) + 1
	}
	return q, err
}

type parser struct {
	s   string
	pos int
}

func (p *parser) parse() (Query, error) {
	var q Query
	var group []Term
	orPending := -1 // position of an OR waiting for its right-hand term
	nterms := 0
	for {
		p.skipSpace()
		if p.pos >= len(p.s) {
			break
		}
		if p.atOR() {
			if len(group) == 0 {
				return Query{}, &QueryError{Pos: p.pos, Msg: "OR needs a term before it"}
			}
			if orPending >= 0 {
				return Query{}, &QueryError{Pos: p.pos, Msg: "OR needs a term between two ORs"}
			}
			orPending = p.pos
			p.pos += 2
			continue
		}
		t, err := p.term()
		if err != nil {
			return Query{}, err
		}
		if nterms++; nterms > maxTerms {
			return Query{}, &QueryError{Pos: t.Pos, Msg: fmt.Sprintf("too many terms (at most %d)", maxTerms)}
		}
		if orPending >= 0 {
			group = append(group, t)
			orPending = -1
			continue
		}
		if len(group) > 0 {
			q.Groups = append(q.Groups, group)
		}
		group = []Term{t}
	}
	if orPending >= 0 {
		return Query{}, &QueryError{Pos: orPending, Msg: "OR needs a term after it"}
	}
	if len(group) > 0 {
		q.Groups = append(q.Groups, group)
	}
	return q, nil
}

func (p *parser) skipSpace() {
	for p.pos < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		p.pos += n
	}
}

// atOR reports the operator OR: the upper-case word alone ("or" and "Or"
// are words to look for).
func (p *parser) atOR() bool {
	if !strings.HasPrefix(p.s[p.pos:], "OR") {
		return false
	}
	rest := p.s[p.pos+2:]
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsSpace(r)
}

// isQuote reports a straight or curly double quote, since editors paste
// queries from word processors.
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

func (p *parser) term() (Term, error) {
	t := Term{Pos: p.pos}
	if p.s[p.pos] == '-' {
		t.Not = true
		p.pos++
		if p.pos >= len(p.s) || p.peekSpace() {
			return Term{}, &QueryError{Pos: t.Pos, Msg: "'-' must be followed directly by a word, phrase or field (as in -pool:yes)"}
		}
		if p.s[p.pos] == '-' {
			return Term{}, &QueryError{Pos: p.pos, Msg: "a term can be negated only once"}
		}
	}
	r, _ := utf8.DecodeRuneInString(p.s[p.pos:])
	if isQuote(r) {
		v, err := p.phrase()
		if err != nil {
			return Term{}, err
		}
		t.Value, t.Phrase = v, true
		return t, nil
	}

	start := p.pos
	if name, ok := p.fieldName(); ok {
		fieldPos := start
		canon, kind, known := lookupQueryField(name)
		if !known {
			return Term{}, &QueryError{Pos: fieldPos, Msg: unknownFieldMsg(name)}
		}
		t.Field = canon
		p.pos += len(name) + 1 // name and colon
		valuePos := p.pos
		if p.pos >= len(p.s) || p.peekSpace() {
			return Term{}, &QueryError{Pos: valuePos, Msg: fmt.Sprintf("%s: needs a value%s", canon, exampleFor(canon))}
		}
		r, _ := utf8.DecodeRuneInString(p.s[p.pos:])
		if isQuote(r) {
			v, err := p.phrase()
			if err != nil {
				return Term{}, err
			}
			t.Value, t.Phrase = v, true
		} else {
			t.Value = p.word()
		}
		if err := checkValue(&t, kind, valuePos); err != nil {
			return Term{}, err
		}
		return t, nil
	}
	t.Value = p.word()
	return t, nil
}

func (p *parser) peekSpace() bool {
	r, _ := utf8.DecodeRuneInString(p.s[p.pos:])
	return unicode.IsSpace(r)
}

// fieldName returns the name in "name:" at the current position: ASCII
// letters followed by a colon. "10:30" starts no field; "http://" does,
// and is reported as an unknown field, which is clearer than silently
// searching for "http".
func (p *parser) fieldName() (string, bool) {
	i := p.pos
	for i < len(p.s) && (p.s[i] >= 'a' && p.s[i] <= 'z' || p.s[i] >= 'A' && p.s[i] <= 'Z') {
		i++
	}
	if i == p.pos || i >= len(p.s) || p.s[i] != ':' {
		return "", false
	}
	return p.s[p.pos:i], true
}

// word reads up to the next space.
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.pos:])
		if unicode.IsSpace(r) {
			break
		}
		p.pos += n
	}
	return p.s[start:p.pos]
}

// phrase reads a quoted phrase starting at the opening quote.
func (p *parser) phrase() (string, error) {
	open := p.pos
	_, n := utf8.DecodeRuneInString(p.s[p.pos:])
	p.pos += n
	start := p.pos
	for p.pos < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.pos:])
		if isQuote(r) {
			v := strings.TrimSpace(p.s[start:p.pos])
			p.pos += n
			if v == "" {
				return "", &QueryError{Pos: open, Msg: "empty phrase \"\""}
			}
			if p.pos < len(p.s) && !p.peekSpace() {
				return "", &QueryError{Pos: p.pos, Msg: "a space is needed after a closing quote"}
			}
			return strings.Join(strings.Fields(v), " "), nil
		}
		p.pos += n
	}
	return "", &QueryError{Pos: open, Msg: "this quote is never closed"}
}

// checkValue validates and normalises the value of a field term.
func checkValue(t *Term, kind fieldKind, pos int) error {
	v := t.Value
	switch kind {
	case kindText:
		if strings.TrimSpace(v) == "" {
			return &QueryError{Pos: pos, Msg: fmt.Sprintf("%s: needs a value", t.Field)}
		}
	case kindDate:
		if _, _, ok := parseQueryDate(v); !ok || t.Phrase {
			return &QueryError{Pos: pos, Msg: fmt.Sprintf("%s: wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not %q", t.Field, v)}
		}
	case kindYear:
		if len(v) != 4 || !allDigits(v) || t.Phrase {
			return &QueryError{Pos: pos, Msg: fmt.Sprintf("year: wants four digits, as in year:2020, not %q", v)}
		}
		if _, _, ok := parseQueryDate(v); !ok {
			return &QueryError{Pos: pos, Msg: fmt.Sprintf("year: wants a year from 1000 to 9999, not %q", v)}
		}
	case kindBool:
		switch strings.ToLower(v) {
		case "yes", "true", "y":
			t.Value = "yes"
		case "no", "false", "n":
			t.Value = "no"
		default:
			return &QueryError{Pos: pos, Msg: fmt.Sprintf("%s: takes yes or no, not %q", t.Field, v)}
		}
		t.Phrase = false
	case kindID:
		v = strings.ToLower(v)
		if len(v) > 64 || !allHex(v) || t.Phrase {
			return &QueryError{Pos: pos, Msg: fmt.Sprintf("id: wants the start of a photo ID in hex, not %q", t.Value)}
		}
		t.Value = v
	}
	return nil
}

// parseQueryDate reads YYYY, YYYY-MM or YYYY-MM-DD and returns the start
// of that period and the start of the next one, in UTC.
func parseQueryDate(s string) (start, end time.Time, ok bool) {
	var layout string
	switch len(s) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	case 10:
		layout = "2006-01-02"
	default:
		return start, end, false
	}
	t, err := time.Parse(layout, s)
	// Years before 1000 are typing mistakes (photography began in the
	// 1820s), and year 1 would start at Go's zero time, which the date
	// windows read as "no bound".
	if err != nil || !allDigits(s[:4]) || t.Year() < 1000 {
		return start, end, false
	}
	switch len(s) {
	case 4:
		return t, t.AddDate(1, 0, 0), true
	case 7:
		return t, t.AddDate(0, 1, 0), true
	default:
		return t, t.AddDate(0, 0, 1), true
	}
}

func exampleFor(field string) string {
	switch field {
	case "after", "before":
		return " (a date: YYYY, YYYY-MM or YYYY-MM-DD)"
	case "year":
		return " (as in year:2020)"
	case "file", "handout", "pool":
		return " (yes or no)"
	case "id":
		return " (the start of a photo ID)"
	}
	return fmt.Sprintf(" (as in %s:\"...\")", field)
}

// unknownFieldMsg names the closest known field when there is one.
func unknownFieldMsg(name string) string {
	best, bestDist := "", 3
	lname := strings.ToLower(name)
	consider := func(cand, canon string) {
		if d := editDistance(lname, cand); d < bestDist {
			best, bestDist = canon, d
		}
	}
	for _, f := range queryFields {
		consider(f.name, f.name)
	}
	aliases := make([]string, 0, len(fieldAliases))
	for alias := range fieldAliases {
		aliases = append(aliases, alias)
	}
	slices.Sort(aliases) // ties go to the same name every time
	for _, alias := range aliases {
		consider(alias, fieldAliases[alias])
	}
	// A distance of 2 is a fair guess only for names long enough not to
	// collide with everything ("ab:" is not "id:").
	if best != "" && (bestDist <= 1 || len(lname) >= 5) {
		return fmt.Sprintf("unknown field '%s:'; did you mean %s:?", name, best)
	}
	names := make([]string, len(queryFields))
	for i, f := range queryFields {
		names[i] = f.name + ":"
	}
	return fmt.Sprintf("unknown field '%s:'; fields are %s", name, strings.Join(names, " "))
}

// editDistance is the Damerau (optimal string alignment) distance between
// a and b, counting a swap of two neighbours as one edit ("plcae" → place).
func editDistance(a, b string) int {
	ar, br := []rune(a), []rune(b)
	if len(ar) > 32 || len(br) > 32 {
		return 99
	}
	d := make([][]int, len(ar)+1)
	for i := range d {
		d[i] = make([]int, len(br)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ar); i++ {
		for j := 1; j <= len(br); j++ {
			cost := 1
			if ar[i-1] == br[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ar[i-1] == br[j-2] && ar[i-2] == br[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ar)][len(br)]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return s != ""
}

// String returns the query in canonical form: canonical field names,
// phrases quoted, one space between terms. ParseQuery(q.String()) gives q
// back, positions aside.
func (q Query) String() string {
	var b strings.Builder
	for i, g := range q.Groups {
		if i > 0 {
			b.WriteByte(' ')
		}
		for j, t := range g {
			if j > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(t.String())
		}
	}
	return b.String()
}

// String returns the term as it would be typed.
func (t Term) String() string {
	var b strings.Builder
	if t.Not {
		b.WriteByte('-')
	}
	if t.Field != "" {
		b.WriteString(t.Field)
		b.WriteByte(':')
	}
	if t.Phrase {
		b.WriteByte('"')
		b.WriteString(t.Value)
		b.WriteByte('"')
	} else {
		b.WriteString(t.Value)
	}
	return b.String()
}

// IsEmpty reports a query with no terms, which lists every photo.
func (q Query) IsEmpty() bool { return len(q.Groups) == 0 }

// hasText reports whether the query has a positive word or phrase to rank
// by; a query of filters only is best listed newest first.
func (q Query) hasText() bool {
	return slices.ContainsFunc(q.Groups, func(g []Term) bool {
		return slices.ContainsFunc(g, func(t Term) bool {
			if t.Not {
				return false
			}
			_, kind, _ := lookupQueryField(t.Field)
			return t.Field == "" || kind == kindText
		})
	})
}
