package caption

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultCodeDelimiter is the character that surrounds a code in text, as
// in Photo Mechanic.
const DefaultCodeDelimiter = '='

// MaxExpandedLen bounds the text Expand produces. A caption is at most a
// few kilobytes; the cap keeps a small input with many long codes from
// growing without limit. Past it, the rest of the text is copied as typed
// and its codes are reported as unexpanded.
const MaxExpandedLen = 1 << 20

// codesMaxKey is the longest code looked for between two delimiters.
// Longer runs between delimiters are prose, and the cap bounds the scan.
const codesMaxKey = 256

// codesMaxWarnings bounds the warnings kept from one file.
const codesMaxWarnings = 100

// Codes is a code-replacement table in Photo Mechanic's format. The zero
// value and a nil *Codes are empty tables: they expand nothing.
//
// Code replacement follows Photo Mechanic (Camera Bits, "Introduction to
// Code Replacements in Photo Mechanic" and "Advanced Code Replacements",
// docs.camerabits.com, support articles 48000223660 and 48000358641):
//
//   - The file is plain text with two or more tab-separated columns: the
//     code in column 1, replacements in columns 2..N. Spaces do not
//     separate columns. Lines starting with "//" are comments.
//   - Codes are case-sensitive.
//   - In text, a code is typed between delimiters, "=" by default:
//     "=dd13=" becomes the first replacement (column 2).
//   - "=code#N=" picks the N-th replacement, counted from 1: in Camera
//     Bits' example a line "serial<TAB>Jimmy Bits<TAB>Montana Stage<TAB>
//     Davide Crowie" expands "={serialnum}#1=" to "Jimmy Bits" (column 2)
//     and "={serialnum}#3=" to "Davide Crowie" (column 4). So "#1" is
//     column 2, the same as no number; "#0" names no column.
//   - As the same example shows, a code may be built from {variables};
//     ExpandText resolves them before looking the code up.
//   - When several tables define a code, "the most recently loaded
//     replacement will take preference"; within one file we apply the same
//     rule (the later line wins) and warn.
//
// What Photo Mechanic does not document, decided here:
//   - There is no escape for the delimiter. Text between two delimiters
//     that is not a known code is left exactly as typed ("a == b",
//     "E = mc2 = energy" are unchanged), and scanning resumes at the
//     closing delimiter so that "x=1 =potus=" still expands "potus".
//   - Only a candidate without spaces is reported as an unknown code; "a =
//     b = c" is prose, not a typo of a code.
//   - Replacement text is not scanned again: a replacement containing
//     "=x=" is inserted as is, so a table cannot loop.
//   - Blank lines, trailing empty columns (Excel pads rows) and spaces
//     around cells are ignored. A cell Excel wrapped in double quotes
//     because it held a comma or a quote ("Washington, D.C.") is
//     unwrapped; a hand-typed "Hamilton" with its quotes is kept.
type Codes struct {
	// Delimiter surrounds a code in text; zero means DefaultCodeDelimiter.
	// Photo Mechanic lets each user choose it.
	Delimiter rune
	// Warnings lists lines that were skipped or overridden, and the
	// character set used when the file was not UTF-8.
	Warnings []string

	entries map[string][]string
	order   []string
}

// ParseCodes reads a code-replacement file. Bad lines are skipped with a
// warning in Codes.Warnings; the error is reserved for files that are not
// text at all (see ErrNotText).
func ParseCodes(data []byte) (*Codes, error) {
	text, note, err := codesDecodeText(data)
	if err != nil {
		return nil, fmt.Errorf("codes file: %w", err)
	}
	c := &Codes{entries: make(map[string][]string)}
	dropped := 0
	warn := func(format string, args ...any) {
		if len(c.Warnings) >= codesMaxWarnings {
			dropped++
			return
		}
		c.Warnings = append(c.Warnings, fmt.Sprintf(format, args...))
	}
	if note != "" {
		warn("codes file %s", note)
	}
	seen := make(map[string]int)
	for n, line := range strings.Split(text, "\n") {
		lineNo := n + 1
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "//") {
			continue
		}
		cells := strings.Split(line, "\t")
		if len(cells) < 2 {
			warn("line %d: no tab after the code %q (Photo Mechanic needs a tab, not spaces, between columns)", lineNo, codesShorten(trimmed))
			continue
		}
		code := strings.TrimSpace(codesUnquote(cells[0]))
		if code == "" {
			warn("line %d: empty code in column 1", lineNo)
			continue
		}
		if len(code) > codesMaxKey {
			warn("line %d: code %q is longer than %d bytes", lineNo, codesShorten(code), codesMaxKey)
			continue
		}
		reps := make([]string, 0, len(cells)-1)
		for _, cell := range cells[1:] {
			reps = append(reps, strings.TrimSpace(codesUnquote(cell)))
		}
		for len(reps) > 0 && reps[len(reps)-1] == "" {
			reps = reps[:len(reps)-1]
		}
		if len(reps) == 0 {
			warn("line %d: code %q has no replacement", lineNo, code)
			continue
		}
		if prev, ok := seen[code]; ok {
			warn("line %d: code %q was already defined on line %d; the later line wins", lineNo, code, prev)
		} else {
			c.order = append(c.order, code)
		}
		seen[code] = lineNo
		c.entries[code] = reps
	}
	if dropped > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("… and %d more warnings", dropped))
	}
	return c, nil
}

// codesUnquote removes the double quotes Excel puts around a cell that
// holds a comma, a quote or a line break, and undoubles the quotes inside.
// A quoted cell with none of those reasons to be quoted was typed so by
// hand and is kept.
func codesUnquote(cell string) string {
	s := strings.TrimSpace(cell)
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return cell
	}
	inner := s[1 : len(s)-1]
	if !strings.Contains(inner, `""`) && !strings.ContainsAny(inner, ",\n") {
		return cell
	}
	if strings.Count(strings.ReplaceAll(inner, `""`, ""), `"`) != 0 {
		return cell // an unpaired quote inside: not Excel's quoting
	}
	return strings.ReplaceAll(inner, `""`, `"`)
}

func codesShorten(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Len returns the number of codes in the table.
func (c *Codes) Len() int {
	if c == nil {
		return 0
	}
	return len(c.entries)
}

// List returns the codes in the order the file first defined them.
func (c *Codes) List() []string {
	if c == nil {
		return nil
	}
	return append([]string(nil), c.order...)
}

// Lookup returns the n-th replacement of code, counted from 1 as in
// Photo Mechanic's "=code#n=".
func (c *Codes) Lookup(code string, n int) (string, bool) {
	if c == nil || n < 1 {
		return "", false
	}
	reps, ok := c.entries[code]
	if !ok || n > len(reps) || reps[n-1] == "" {
		return "", false
	}
	return reps[n-1], true
}

func (c *Codes) delimiter() rune {
	if c == nil || c.Delimiter == 0 {
		return DefaultCodeDelimiter
	}
	return c.Delimiter
}

// Expand replaces every =code= and =code#N= in text. It returns the new
// text and the codes it left as typed, in order of first appearance: codes
// the table does not have, and codes whose column N is empty or absent.
func (c *Codes) Expand(text string) (string, []string) {
	return c.expand(text, nil)
}

// expand is Expand with an optional resolver that rewrites a candidate
// code before it is looked up (ExpandText fills {variables} in it).
func (c *Codes) expand(text string, resolve func(string) string) (string, []string) {
	if c.Len() == 0 {
		return text, nil
	}
	delim := c.delimiter()
	dl := utf8.RuneLen(delim)
	if dl < 0 {
		return text, nil
	}
	var out strings.Builder
	var unexpanded []string
	report := func(code string) {
		for _, u := range unexpanded {
			if u == code {
				return
			}
		}
		unexpanded = append(unexpanded, code)
	}
	full := false
	i := 0
	for i < len(text) {
		open := strings.IndexRune(text[i:], delim)
		if open < 0 {
			out.WriteString(text[i:])
			break
		}
		open += i
		out.WriteString(text[i:open])
		start := open + dl
		end := codesFindClose(text, start, delim)
		if end < 0 {
			out.WriteString(text[open:])
			break
		}
		cand := text[start:end]
		if full {
			if codesReportable(cand) {
				report(cand)
			}
			out.WriteString(text[open:start])
			i = start
			continue
		}
		key := cand
		if resolve != nil && strings.Contains(key, "{") {
			key = resolve(key)
		}
		rep, ok := c.lookupCandidate(key)
		if ok && out.Len()+len(rep) > MaxExpandedLen {
			full, ok = true, false
		}
		if ok {
			out.WriteString(rep)
			i = end + dl
			continue
		}
		if codesReportable(cand) {
			report(cand)
		}
		// Leave the candidate as typed and look again from the closing
		// delimiter, which may open the next code.
		out.WriteString(text[open:end])
		i = end
	}
	return out.String(), unexpanded
}

// codesFindClose returns the offset of the delimiter closing a candidate
// code that starts at start, or -1 when there is none within codesMaxKey
// bytes on the same line.
func codesFindClose(text string, start int, delim rune) int {
	limit := min(len(text), start+codesMaxKey+utf8.RuneLen(delim))
	for j := start; j < limit; {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch r {
		case delim:
			return j
		case '\n', '\t':
			return -1
		}
		j += size
	}
	return -1
}

// lookupCandidate resolves "code" or "code#N". A code that itself contains
// '#' wins over the column reading of the same text.
func (c *Codes) lookupCandidate(cand string) (string, bool) {
	if cand == "" {
		return "", false
	}
	if rep, ok := c.Lookup(cand, 1); ok {
		return rep, true
	}
	h := strings.LastIndexByte(cand, '#')
	if h <= 0 || h == len(cand)-1 || len(cand)-h-1 > 3 {
		return "", false
	}
	n, err := strconv.Atoi(cand[h+1:])
	if err != nil || cand[h+1] == '+' || cand[h+1] == '-' {
		return "", false
	}
	return c.Lookup(cand[:h], n)
}

// describe words an unexpanded code for a warning: a code the table has
// but without that column, a code the table does not have, or a code left
// past MaxExpandedLen.
func (c *Codes) describe(u string) string {
	d := string(c.delimiter())
	if _, ok := c.lookupCandidate(u); ok {
		return "code " + d + u + d + " not expanded: the text would pass " + strconv.Itoa(MaxExpandedLen) + " bytes"
	}
	if h := strings.LastIndexByte(u, '#'); h > 0 && c != nil {
		if _, ok := c.entries[u[:h]]; ok {
			return "code " + d + u + d + ": " + u[:h] + " has no replacement " + u[h:]
		}
	}
	return "unknown code " + d + u + d
}

// codesReportable reports whether an unmatched candidate looks like a code
// the editor meant to type, rather than prose between two delimiters.
func codesReportable(cand string) bool {
	if cand == "" {
		return false
	}
	for _, r := range cand {
		if unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
