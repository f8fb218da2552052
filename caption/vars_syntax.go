package caption

import (
	"fmt"
	"strings"
)

// TemplateError is a syntax error in a template, a --set value or a house
// credit template. Line and Column count from 1; Column counts characters
// (runes), not bytes.
type TemplateError struct {
	Line   int
	Column int
	Msg    string

	offset int // byte offset in the parsed text, for callers that embed it
}

func (e *TemplateError) Error() string {
	if e.Line > 0 && e.Column > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
	}
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

const (
	tmplMaxTag   = 64 // longest "{…}" tag; longer brace runs are literal text
	tmplMaxDepth = 16 // deepest {if} nesting
)

type tmplKind int

const (
	tmplText tmplKind = iota
	tmplVar
	tmplCond
)

// tmplNode is one piece of parsed text: literal text, a variable, or a
// conditional with its branches.
type tmplNode struct {
	kind     tmplKind
	text     string // literal text, or the variable name (lower case)
	raw      string // the variable as typed, "{City}", kept when unknown
	offset   int    // byte offset of the node in the source
	branches []tmplBranch
}

// tmplBranch is one arm of a conditional; name is "" for {else}.
type tmplBranch struct {
	name string
	not  bool
	body []tmplNode
}

// tmplParse parses s. Errors carry line and column within s.
func tmplParse(s string) ([]tmplNode, error) {
	p := tmplParser{src: s}
	nodes, term, err := p.parseSeq(0)
	if err != nil {
		return nil, err
	}
	if term != "" {
		return nil, p.errAt(p.termOffset, "%s without {if}", term)
	}
	return nodes, nil
}

type tmplParser struct {
	src        string
	pos        int
	termOffset int
}

// parseSeq parses until the end of the input or a branch terminator
// ({else…} or {end}), which it returns as "{else}", "{else if}" or "{end}"
// with p.pos after it.
func (p *tmplParser) parseSeq(depth int) ([]tmplNode, string, error) {
	var nodes []tmplNode
	var lit strings.Builder
	litStart := p.pos
	flush := func() {
		if lit.Len() > 0 {
			nodes = append(nodes, tmplNode{kind: tmplText, text: lit.String(), offset: litStart})
			lit.Reset()
		}
	}
	for p.pos < len(p.src) {
		i := strings.IndexByte(p.src[p.pos:], '{')
		if i < 0 {
			if lit.Len() == 0 {
				litStart = p.pos
			}
			lit.WriteString(p.src[p.pos:])
			p.pos = len(p.src)
			break
		}
		if lit.Len() == 0 {
			litStart = p.pos
		}
		lit.WriteString(p.src[p.pos : p.pos+i])
		p.pos += i
		start := p.pos
		if strings.HasPrefix(p.src[p.pos:], "{{") {
			lit.WriteByte('{')
			p.pos += 2
			continue
		}
		tag, ok := p.tagAt(start)
		if !ok {
			lit.WriteByte('{')
			p.pos++
			continue
		}
		words := strings.Fields(tag)
		switch {
		case len(words) == 1 && tmplIsName(words[0]) && !tmplKeyword(words[0]):
			flush()
			p.pos = start + len(tag) + 2
			nodes = append(nodes, tmplNode{kind: tmplVar, text: strings.ToLower(words[0]), raw: p.src[start:p.pos], offset: start})
		case words[0] == "if":
			name, not, err := p.condition(words[1:], start)
			if err != nil {
				return nil, "", err
			}
			if depth >= tmplMaxDepth {
				return nil, "", p.errAt(start, "{if} nested more than %d deep", tmplMaxDepth)
			}
			flush()
			p.pos = start + len(tag) + 2
			n, err := p.parseCond(name, not, start, depth+1)
			if err != nil {
				return nil, "", err
			}
			nodes = append(nodes, n)
		case words[0] == "else" && len(words) == 1:
			flush()
			p.pos = start + len(tag) + 2
			p.termOffset = start
			return nodes, "{else}", nil
		case words[0] == "else" && words[1] == "if":
			flush()
			p.pos = start + len(tag) + 2
			p.termOffset = start
			return nodes, "{else if}", nil
		case words[0] == "end" && len(words) == 1:
			flush()
			p.pos = start + len(tag) + 2
			p.termOffset = start
			return nodes, "{end}", nil
		default:
			// Not a form we know: literal text.
			lit.WriteByte('{')
			p.pos++
		}
	}
	flush()
	return nodes, "", nil
}

// parseCond parses the branches of an {if} whose tag has been consumed.
func (p *tmplParser) parseCond(name string, not bool, start, depth int) (tmplNode, error) {
	n := tmplNode{kind: tmplCond, offset: start}
	cur := tmplBranch{name: name, not: not}
	sawElse := false
	for {
		body, term, err := p.parseSeq(depth)
		if err != nil {
			return n, err
		}
		cur.body = body
		n.branches = append(n.branches, cur)
		switch term {
		case "":
			return n, p.errAt(start, "{if %s} has no {end}", name)
		case "{end}":
			return n, nil
		case "{else}":
			if sawElse {
				return n, p.errAt(p.termOffset, "second {else} in the same {if}")
			}
			sawElse = true
			cur = tmplBranch{}
		case "{else if}":
			if sawElse {
				return n, p.errAt(p.termOffset, "{else if} after {else}")
			}
			tag, _ := p.tagAt(p.termOffset)
			words := strings.Fields(tag)
			nm, nt, err := p.condition(words[2:], p.termOffset)
			if err != nil {
				return n, err
			}
			cur = tmplBranch{name: nm, not: nt}
		}
	}
}

// condition reads "name" or "not name" after "if".
func (p *tmplParser) condition(words []string, at int) (string, bool, error) {
	not := false
	if len(words) == 2 && words[0] == "not" {
		not, words = true, words[1:]
	}
	if len(words) != 1 || !tmplIsName(words[0]) {
		return "", false, p.errAt(at, "{if} needs one name, as in {if city} or {if not file}")
	}
	return strings.ToLower(words[0]), not, nil
}

// tagAt returns the text between the "{" at offset start and the next "}"
// when that "}" is on the same line and close enough to be a tag.
func (p *tmplParser) tagAt(start int) (string, bool) {
	rest := p.src[start+1:]
	limit := min(len(rest), tmplMaxTag+1)
	j := strings.IndexAny(rest[:limit], "}{\n")
	if j <= 0 || rest[j] != '}' {
		return "", false
	}
	tag := rest[:j]
	if strings.TrimSpace(tag) == "" {
		return "", false
	}
	return tag, true
}

func (p *tmplParser) errAt(offset int, format string, args ...any) error {
	line, col := tmplLineCol(p.src, offset)
	return &TemplateError{Line: line, Column: col, Msg: fmt.Sprintf(format, args...), offset: offset}
}

// tmplLineCol converts a byte offset into a 1-based line and rune column.
func tmplLineCol(s string, offset int) (int, int) {
	offset = min(offset, len(s))
	line := 1 + strings.Count(s[:offset], "\n")
	lineStart := strings.LastIndexByte(s[:offset], '\n') + 1
	return line, 1 + len([]rune(s[lineStart:offset]))
}

// tmplIsName reports whether s is a variable name: a letter, then letters,
// digits, '_' or '-'.
func tmplIsName(s string) bool {
	if s == "" || len(s) > tmplMaxTag {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '_' || r == '-'):
		default:
			return false
		}
	}
	return true
}

func tmplKeyword(s string) bool {
	switch s {
	case "if", "else", "end", "not":
		return true
	}
	return false
}

// tmplLookup returns the value of a variable and whether it is known.
type tmplLookup func(name string) (value string, known bool)

// tmplExec renders nodes. It reports each unknown variable once as
// "unknown variable {name}" (the text keeps it as typed) and each known
// but empty variable once as "{name} is empty". Conditions only test
// whether a variable has a value, so they report unknown names but never
// empty ones.
func tmplExec(nodes []tmplNode, look tmplLookup) (string, []string) {
	var out strings.Builder
	var problems []string
	seen := make(map[string]bool)
	note := func(msg string) {
		if !seen[msg] {
			seen[msg] = true
			problems = append(problems, msg)
		}
	}
	var run func([]tmplNode)
	run = func(ns []tmplNode) {
		for _, n := range ns {
			switch n.kind {
			case tmplText:
				out.WriteString(n.text)
			case tmplVar:
				v, known := look(n.text)
				switch {
				case !known:
					note("unknown variable " + n.raw)
					out.WriteString(n.raw)
				case v == "":
					note("{" + n.text + "} is empty")
				default:
					out.WriteString(v)
				}
			case tmplCond:
				for _, b := range n.branches {
					if b.name == "" {
						run(b.body)
						break
					}
					v, known := look(b.name)
					if !known {
						note("unknown variable {" + b.name + "} in {if}")
					}
					if (v != "") != b.not {
						run(b.body)
						break
					}
				}
			}
		}
	}
	run(nodes)
	return out.String(), problems
}
