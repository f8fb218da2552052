package archive

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cutline/cutline/caption"
)

// configHouseCredit is the config key of the house credit template.
const configHouseCredit = "credit.house"

// HouseTemplate returns the archive's house credit template (the default
// one when none is set).
func (s *Store) HouseTemplate(ctx context.Context) (*caption.CreditTemplate, error) {
	text, err := s.Config(ctx, configHouseCredit)
	if err != nil || text == "" {
		return caption.DefaultHouseTemplate(), err
	}
	t, err := caption.ParseCreditTemplate(text)
	if err != nil {
		return nil, fmt.Errorf("the archive's house credit template: %w", err)
	}
	return t, nil
}

// SetHouseTemplate checks and stores the house credit template; "" restores
// the default.
func (s *Store) SetHouseTemplate(ctx context.Context, text string) error {
	if text != "" {
		if _, err := caption.ParseCreditTemplate(text); err != nil {
			return err
		}
	}
	return s.SetConfig(ctx, configHouseCredit, text)
}

// Credits returns the photo's credit line in each style (every style when
// none is given), the house style from the archive's template.
func (s *Store) Credits(ctx context.Context, p *Photo, styles ...caption.Style) ([]caption.Line, error) {
	house, err := s.HouseTemplate(ctx)
	if err != nil {
		return nil, err
	}
	if len(styles) == 0 {
		styles = caption.Styles()
	}
	in := caption.CreditInput{Fields: p.Caption, Facts: p.Facts}
	out := make([]caption.Line, 0, len(styles))
	for _, st := range styles {
		l, err := caption.Credit(in, st, caption.CreditOptions{House: house})
		if err != nil {
			return out, fmt.Errorf("%s style: %w", st, err)
		}
		out = append(out, l)
	}
	return out, nil
}

// VarsOf returns what {variables} are filled from for this photo: its
// caption fields, facts, file name and when it was taken.
func VarsOf(p *Photo) caption.Vars {
	v := caption.Vars{Fields: p.Caption, Facts: p.Facts, Filename: p.Name}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, p.Taken); err == nil {
			v.Taken = t
			break
		}
	}
	return v
}

// EditOp is what an Edit does to a field.
type EditOp int

const (
	// Set replaces the field's value (for a list, with one item).
	Set EditOp = iota
	// Add appends an item to a list field (or text, with a space).
	Add
	// Remove deletes the items of a list field equal to the value (or
	// clears a text field holding exactly the value).
	Remove
)

// Edit is one change an editor asks for: "--set headline=...".
type Edit struct {
	Op    EditOp
	Field string
	Value string
}

// ParseEdit reads "field=value" for op.
func ParseEdit(op EditOp, s string) (Edit, error) {
	name, value, ok := strings.Cut(s, "=")
	if !ok {
		return Edit{}, fmt.Errorf("%q: want field=value", s)
	}
	d, found := caption.LookupField(name)
	if !found {
		_, err := (&caption.Fields{}).Get(name)
		return Edit{}, err
	}
	if op == Remove && value == "" {
		return Edit{}, fmt.Errorf("%q: --remove needs the value to remove", s)
	}
	return Edit{Op: op, Field: d.Name, Value: value}, nil
}

// ApplyEdits applies edits (then, when t is not nil, a template) to the
// photo's caption. Values expand Photo Mechanic =codes= and then
// {variables} from the photo's own metadata. The warnings name unknown
// codes and variables, and values over their IPTC IIM length limit.
func ApplyEdits(p *Photo, edits []Edit, t *caption.Template, codes *caption.Codes) (caption.Fields, []string, error) {
	f := p.Caption
	f.Byline, f.Keywords, f.PersonsShown = slices.Clone(f.Byline), slices.Clone(f.Keywords), slices.Clone(f.PersonsShown)
	vars := VarsOf(p)
	var warnings []string
	for _, e := range edits {
		val, probs, err := caption.ExpandText(e.Value, codes, vars)
		if err != nil {
			return f, warnings, fmt.Errorf("%s: %w", e.Field, err)
		}
		for _, pr := range probs {
			warnings = append(warnings, e.Field+": "+pr)
		}
		d, ok := caption.LookupField(e.Field)
		if !ok {
			return f, warnings, fmt.Errorf("unknown field %q", e.Field)
		}
		cur, _ := f.Get(d.Name)
		var next []string
		switch {
		case e.Op == Set && d.List:
			next = splitList(val)
		case e.Op == Set:
			next = nonEmpty(val)
		case e.Op == Add && d.List:
			next = cur
			for _, item := range splitList(val) {
				if !slices.Contains(next, item) {
					next = append(next, item)
				}
			}
		case e.Op == Add:
			next = nonEmpty(strings.TrimSpace(strings.Join(append(cur, val), " ")))
		case e.Op == Remove:
			for _, item := range cur {
				if !strings.EqualFold(strings.TrimSpace(item), strings.TrimSpace(val)) {
					next = append(next, item)
				}
			}
		}
		if err := f.Set(d.Name, next...); err != nil {
			return f, warnings, err
		}
	}
	if t != nil {
		tp := *p
		tp.Caption = f
		nf, w, err := t.Apply(f, VarsOf(&tp), codes)
		warnings = append(warnings, w...)
		if err != nil {
			return f, warnings, err
		}
		f = nf
	}
	warnings = append(warnings, f.LimitWarnings()...)
	return f, warnings, nil
}

// splitList splits a list value written on one line: items are separated
// by semicolons ("Lee In-young; Kim Jong-un"); commas stay inside items,
// because names and places hold them ("Washington, DC").
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ";") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
