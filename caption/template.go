package caption

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// TemplateOp is what a template line does to its field.
type TemplateOp int

// The template operators.
const (
	TemplateSet        TemplateOp = iota // "field: value"
	TemplateAppend                       // "field+: value"
	TemplateSetIfEmpty                   // "field?: value"
)

func (op TemplateOp) String() string {
	switch op {
	case TemplateAppend:
		return "+:"
	case TemplateSetIfEmpty:
		return "?:"
	}
	return ":"
}

// TemplateRule is one line of a template.
type TemplateRule struct {
	Line  int        // line of the file where the rule starts
	Field string     // canonical JSON name of the field ("description")
	Op    TemplateOp //
	Value string     // the value as written, continuation lines joined

	spans []templateSpan
}

// templateSpan maps a stretch of Value back to the file, for errors.
type templateSpan struct {
	offset, line, col int
}

// Template is a parsed template file. A template file sets, appends to
// or fills fields of a photo; cutline
// ingest --template and cutline caption --template read the same format.
// It is meant to be written by hand:
//
//	# Seoul desk, Korea summit
//	headline: {city} summit
//	description: =moon= meets =kju= in {city}, {country}, on {apdate}.
//	keywords+: Politics; Korea; Summit
//	credit?: AFP
//	instructions:
//
// Each line is "field: value" with one of three operators:
//
//	field: value    set the field (an empty value clears it)
//	field+: value   append: list fields (byline, keywords, personsShown)
//	                get the ";"-separated items not already there; text
//	                fields get the value after a space
//	field?: value   set the field only when it is empty
//
// Fields not named are left as they are. Field names are the JSON names
// or their aliases ("caption", "creator"), ignoring case. A line starting
// with "#" is a comment; a "#" later in a line is text ("#1 seed"). A line
// that starts with a space or a tab continues the value above it, joined
// with one space. Values expand Photo Mechanic codes, then {variables}
// (see ExpandText). Files may be UTF-8 (with or without a BOM), UTF-16
// with a BOM, or Windows-1252, with any line ends.
type Template struct {
	Rules []TemplateRule
	// Warnings are notes from reading the file (its character set).
	Warnings []string
}

// ParseTemplate reads a template file. Errors are *TemplateError values
// naming the line (and the column, for a brace error in a value).
func ParseTemplate(data []byte) (*Template, error) {
	text, note, err := codesDecodeText(data)
	if err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	t := &Template{}
	if note != "" {
		t.Warnings = append(t.Warnings, "template "+note)
	}
	lines := strings.Split(text, "\n")
	for n := 0; n < len(lines); n++ {
		raw := lines[n]
		trimmed := strings.TrimSpace(raw)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if raw[0] == ' ' || raw[0] == '\t' {
			return nil, &TemplateError{Line: n + 1, Msg: "indented line continues no field (a value's continuation starts with a space; a field line must not)"}
		}
		colon := strings.IndexByte(raw, ':')
		if colon < 0 {
			return nil, &TemplateError{Line: n + 1, Msg: fmt.Sprintf("%q is not \"field: value\"", codesShorten(trimmed))}
		}
		name := strings.TrimSpace(raw[:colon])
		op := TemplateSet
		switch {
		case strings.HasSuffix(name, "+"):
			op, name = TemplateAppend, strings.TrimSpace(name[:len(name)-1])
		case strings.HasSuffix(name, "?"):
			op, name = TemplateSetIfEmpty, strings.TrimSpace(name[:len(name)-1])
		}
		field, ok := LookupField(name)
		if !ok {
			return nil, &TemplateError{Line: n + 1, Msg: unknownField(name).Error()}
		}
		rule := TemplateRule{Line: n + 1, Field: field.Name, Op: op}
		rest := raw[colon+1:]
		lead := len(rest) - len(strings.TrimLeft(rest, " \t"))
		rule.Value = strings.TrimSpace(rest)
		rule.spans = append(rule.spans, templateSpan{offset: 0, line: n + 1, col: 1 + len([]rune(raw[:colon+1+lead]))})
		for n+1 < len(lines) && lines[n+1] != "" && (lines[n+1][0] == ' ' || lines[n+1][0] == '\t') && strings.TrimSpace(lines[n+1]) != "" {
			n++
			more := lines[n]
			lead := len(more) - len(strings.TrimLeft(more, " \t"))
			if rule.Value != "" {
				rule.Value += " "
			}
			rule.spans = append(rule.spans, templateSpan{offset: len(rule.Value), line: n + 1, col: 1 + len([]rune(more[:lead]))})
			rule.Value += strings.TrimSpace(more)
		}
		if _, err := tmplParse(rule.Value); err != nil {
			return nil, rule.fileError(err)
		}
		t.Rules = append(t.Rules, rule)
	}
	return t, nil
}

// fileError moves a brace error from value coordinates to file
// coordinates.
func (r TemplateRule) fileError(err error) error {
	var te *TemplateError
	if !errors.As(err, &te) || len(r.spans) == 0 {
		return &TemplateError{Line: r.Line, Msg: err.Error()}
	}
	s := r.spans[0]
	for _, sp := range r.spans {
		if sp.offset <= te.offset {
			s = sp
		}
	}
	col := s.col + len([]rune(r.Value[s.offset:min(te.offset, len(r.Value))]))
	return &TemplateError{Line: s.line, Column: col, Msg: fmt.Sprintf("%s: %s", r.Field, te.Msg)}
}

// Apply applies the template to f and returns the new fields. Values
// expand codes, then variables, from vars and codes (nil codes expand
// nothing); vars describe the photo as it was before the template, so
// the order of the rules does not change what a variable means.
//
// The warnings name the line and field: unknown codes, unknown or empty
// variables, and rules skipped because their value came out empty (a
// "headline: {city}" with no city leaves the headline alone rather than
// clearing it; only a value written empty clears a field). The error is
// reserved for a field that refuses a value, which the format cannot
// produce.
func (t *Template) Apply(f Fields, vars Vars, codes *Codes) (Fields, []string, error) {
	var warnings []string
	for _, r := range t.Rules {
		d, ok := LookupField(r.Field)
		if !ok {
			return f, warnings, fmt.Errorf("template line %d: %w", r.Line, unknownField(r.Field))
		}
		value, problems, err := ExpandText(r.Value, codes, vars)
		for _, p := range problems {
			warnings = append(warnings, fmt.Sprintf("line %d (%s): %s", r.Line, r.Field, p))
		}
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("line %d (%s): left unchanged: after code replacement the value no longer parses: %v", r.Line, r.Field, err))
			continue
		}
		value = strings.TrimSpace(value)
		if value == "" && r.Value != "" {
			warnings = append(warnings, fmt.Sprintf("line %d (%s): left unchanged: the value is empty after expansion", r.Line, r.Field))
			continue
		}
		current, _ := f.Get(r.Field)
		var next []string
		switch r.Op {
		case TemplateSetIfEmpty:
			if len(current) > 0 {
				continue
			}
			next = templateValues(d, value)
		case TemplateAppend:
			next = templateAppend(d, current, value)
		default:
			next = templateValues(d, value)
		}
		if err := f.Set(r.Field, next...); err != nil {
			return f, warnings, fmt.Errorf("template line %d: %w", r.Line, err)
		}
	}
	return f, warnings, nil
}

// templateValues splits a value into the values of a field: ";"-separated
// items for a list, one value for text.
func templateValues(d Field, value string) []string {
	if !d.List {
		if value == "" {
			return nil
		}
		return []string{value}
	}
	var out []string
	for _, item := range strings.Split(value, ";") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// templateAppend appends value to the current values of a field.
func templateAppend(d Field, current []string, value string) []string {
	if !d.List {
		if len(current) == 0 || current[0] == "" {
			return templateValues(d, value)
		}
		return []string{current[0] + " " + value}
	}
	out := slices.Clone(current)
	for _, item := range templateValues(d, value) {
		if !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	return out
}
