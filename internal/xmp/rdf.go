package xmp

import (
	"bytes"
	"strconv"
	"strings"
)

// This file is the RDF/XML grammar as XMP uses it (XMP Specification Part
// 1 §7.9, after RDF/XML Syntax §7.2): a property element is one of
//
//   - a literal:        <p xml:lang="…">text</p>
//   - a resource:       <p><rdf:Bag|Seq|Alt>…</…></p> or <p><rdf:Description>…</p>
//   - parseType=Resource: <p rdf:parseType="Resource"><f>…</f>…</p>
//   - an empty element: <p/>, <p rdf:resource="uri"/>, <p rdf:value="v" q:a="…"/>,
//     or <p f:a="…" f:b="…"/> whose attributes are struct fields.
//
// A struct with an rdf:value field is a qualified value: rdf:value is the
// value and the other fields are its qualifiers (§7.9.2.5).

// property reads a property element (or an rdf:li) whose start tag e was
// just read, through its end tag. It returns nil, with a warning, for a
// property it cannot represent.
func (ps *parser) property(e *elem) (*Node, error) {
	if !e.ok {
		return nil, ps.skip(e)
	}
	if err := ps.count(); err != nil {
		return nil, err
	}
	n := &Node{Name: e.name}
	var (
		parseType, resource, value string
		hasResource, hasValue      bool
		extra                      []attr // qualifiers, or fields of a struct
	)
	for _, a := range e.attrs {
		switch {
		case a.name == xmlLang:
			n.Lang = a.value
		case a.name == rdfParseType:
			parseType = a.value
		case a.name == rdfResource:
			resource, hasResource = a.value, true
		case a.name == rdfValue:
			value, hasValue = a.value, true
		case a.name.NS == NSRDF || a.name.NS == NSXML:
			// rdf:ID, rdf:nodeID, rdf:datatype, rdf:bagID, xml:space: syntax.
		default:
			extra = append(extra, a)
		}
	}

	switch parseType {
	case "":
	case "Resource":
		fields, err := ps.attrNodes(extra)
		if err != nil {
			return nil, err
		}
		var fs fieldSet
		for _, f := range fields {
			ps.addField(&fs, f)
		}
		err = ps.contents(ps.strayText("a parseType=\"Resource\" property"), func(c *elem) error {
			f, err := ps.property(c)
			if f != nil {
				ps.addField(&fs, f)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		n.Kind, n.Fields = Struct, fs.fields
		return lift(n), nil
	default:
		// Literal and Collection have no place in the XMP data model.
		ps.warnf("xmp: property %s with rdf:parseType=%q skipped", e.name.Local, parseType)
		return nil, ps.skip(e)
	}

	var (
		text    []byte
		inner   *Node
		sawElem bool
	)
	err := ps.contents(func(b []byte) { text = append(text, b...) }, func(c *elem) error {
		if sawElem {
			ps.warnf("xmp: property %s holds more than one node; extra ones ignored", e.name.Local)
			return ps.skip(c)
		}
		sawElem = true
		var err error
		inner, err = ps.nodeElement(c)
		return err
	})
	if err != nil {
		return nil, err
	}

	if sawElem {
		if inner == nil {
			return nil, nil
		}
		if len(bytes.TrimSpace(text)) > 0 {
			ps.warnf("xmp: text beside the node of property %s ignored", e.name.Local)
		}
		n.Kind, n.Fields, n.Items = inner.Kind, inner.Fields, inner.Items
		n.Value, n.URI, n.Qualifiers = inner.Value, inner.URI, inner.Qualifiers
		if n.Lang == "" {
			n.Lang = inner.Lang
		}
		if len(extra) > 0 {
			q, err := ps.attrNodes(extra)
			if err != nil {
				return nil, err
			}
			n.Qualifiers = dedupe(append(n.Qualifiers, q...))
		}
		return n, nil
	}

	attrs, err := ps.attrNodes(extra)
	if err != nil {
		return nil, err
	}
	switch {
	case hasResource:
		n.Value, n.URI, n.Qualifiers = resource, true, attrs
	case hasValue:
		n.Value, n.Qualifiers = value, attrs
	case len(attrs) > 0 && len(bytes.TrimSpace(text)) == 0:
		n.Kind, n.Fields = Struct, attrs
	default:
		n.Value, n.Qualifiers = string(text), attrs
	}
	return n, nil
}

// nodeElement reads the one node inside a resource property element: an
// array, an rdf:Description struct, or a typed node (a struct whose
// rdf:type is the element's name).
func (ps *parser) nodeElement(e *elem) (*Node, error) {
	if !e.ok {
		return nil, ps.skip(e)
	}
	if e.name.NS == NSRDF {
		var k Kind
		switch e.name.Local {
		case "Bag":
			k = Bag
		case "Seq":
			k = Seq
		case "Alt":
			k = Alt
		case "Description":
			return ps.structNode(e, nil)
		default:
			ps.warnf("xmp: <rdf:%s> where a value was expected; skipped", e.name.Local)
			return nil, ps.skip(e)
		}
		n := &Node{Kind: k}
		err := ps.contents(ps.strayText("an array"), func(c *elem) error {
			if c.name != rdfLi && !isMemberName(c.name) {
				ps.warnf("xmp: <%s> inside an array is not an item; skipped", c.name.Local)
				return ps.skip(c)
			}
			it, err := ps.property(c)
			if it != nil {
				it.Name = Name{}
				n.Items = append(n.Items, it)
			}
			return err
		})
		return n, err
	}
	if err := ps.count(); err != nil {
		return nil, err
	}
	typ := &Node{Name: rdfType, Kind: Simple, URI: true, Value: e.name.NS + e.name.Local}
	return ps.structNode(e, typ)
}

// isMemberName reports rdf:_1, rdf:_2, …, RDF's numbered spelling of rdf:li.
func isMemberName(n Name) bool {
	if n.NS != NSRDF || !strings.HasPrefix(n.Local, "_") {
		return false
	}
	_, err := strconv.ParseUint(n.Local[1:], 10, 32)
	return err == nil
}

// structNode reads an rdf:Description (or typed node) used as a value:
// its property attributes and property elements are the fields.
func (ps *parser) structNode(e *elem, typ *Node) (*Node, error) {
	n := &Node{Kind: Struct}
	var fs fieldSet
	if typ != nil {
		ps.addField(&fs, typ)
	}
	var extra []attr
	for _, a := range e.attrs {
		switch {
		case a.name == xmlLang:
			n.Lang = a.value
		case a.name == rdfValue:
			extra = append(extra, a)
		case a.name.NS == NSRDF || a.name.NS == NSXML:
		default:
			extra = append(extra, a)
		}
	}
	fields, err := ps.attrNodes(extra)
	if err != nil {
		return nil, err
	}
	for _, f := range fields {
		ps.addField(&fs, f)
	}
	err = ps.contents(ps.strayText("a struct"), func(c *elem) error {
		f, err := ps.property(c)
		if f != nil {
			ps.addField(&fs, f)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	n.Fields = fs.fields
	return lift(n), nil
}

// attrNodes turns property attributes into simple nodes (struct fields or
// qualifiers). Two prefixes bound to one URI can spell the same name
// twice; the last wins.
func (ps *parser) attrNodes(as []attr) ([]*Node, error) {
	if len(as) == 0 {
		return nil, nil
	}
	out := make([]*Node, 0, len(as))
	for _, a := range as {
		if err := ps.count(); err != nil {
			return nil, err
		}
		out = append(out, &Node{Name: a.name, Kind: Simple, Value: a.value})
	}
	return dedupe(out), nil
}

// dedupe keeps one node per name, the last one, at the first one's place.
func dedupe(ns []*Node) []*Node {
	if len(ns) < 2 {
		return ns
	}
	at := make(map[Name]int, len(ns))
	out := ns[:0:0]
	for _, n := range ns {
		if i, ok := at[n.Name]; ok {
			out[i] = n
			continue
		}
		at[n.Name] = len(out)
		out = append(out, n)
	}
	return out
}

// fieldSet collects the fields of a struct; a repeated name replaces the
// earlier field (the last wins, as for top-level properties). The index
// keeps a struct of many fields linear to build.
type fieldSet struct {
	fields []*Node
	index  map[Name]int
}

func (ps *parser) addField(fs *fieldSet, f *Node) {
	if fs.index == nil {
		fs.index = map[Name]int{}
	}
	if i, ok := fs.index[f.Name]; ok {
		ps.warnf("xmp: field %s appears twice in a struct; kept the last", f.Name.Local)
		fs.fields[i] = f
		return
	}
	fs.index[f.Name] = len(fs.fields)
	fs.fields = append(fs.fields, f)
}

// lift turns a struct with an rdf:value field into the qualified value it
// spells: the value of rdf:value with the other fields as qualifiers.
func lift(n *Node) *Node {
	if n.Kind != Struct {
		return n
	}
	at := -1
	for i, f := range n.Fields {
		if f.Name == rdfValue {
			at = i
			break
		}
	}
	if at < 0 {
		return n
	}
	v := n.Fields[at]
	out := &Node{Name: n.Name, Kind: v.Kind, Value: v.Value, URI: v.URI,
		Fields: v.Fields, Items: v.Items, Lang: n.Lang}
	if out.Lang == "" {
		out.Lang = v.Lang
	}
	for i, f := range n.Fields {
		switch {
		case i == at:
		case f.Name == xmlLang && f.Kind == Simple:
			if out.Lang == "" {
				out.Lang = f.Value
			}
		default:
			out.Qualifiers = append(out.Qualifiers, f)
		}
	}
	out.Qualifiers = append(out.Qualifiers, n.Qualifiers...)
	out.Qualifiers = dedupe(append(out.Qualifiers, v.Qualifiers...))
	return out
}
