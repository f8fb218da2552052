package xmp

import (
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Errors returned by this package. Parse wraps them with the position and
// detail of the fault; test with errors.Is.
var (
	// ErrDTD reports a <!DOCTYPE>, <!ENTITY> or other markup declaration.
	// XMP forbids them (XMP Specification Part 1 §7.3) and they are the
	// vehicle of entity-expansion attacks, so the packet is refused whole.
	ErrDTD = errors.New("xmp: DOCTYPE/ENTITY declaration refused (entity expansion is never performed)")
	// ErrTooLarge reports a packet over ParseOptions.MaxBytes, or a packet
	// that cannot be made to fit a segment limit.
	ErrTooLarge = errors.New("xmp: packet too large")
	// ErrTooDeep reports elements nested deeper than ParseOptions.MaxDepth.
	ErrTooDeep = errors.New("xmp: elements nested too deeply")
	// ErrTooManyNodes reports more model nodes than ParseOptions.MaxNodes.
	ErrTooManyNodes = errors.New("xmp: too many nodes")
	// ErrSyntax reports XML that is not well-formed or RDF that is not XMP.
	ErrSyntax = errors.New("xmp: malformed packet")
	// ErrNoRDF reports well-formed XML that holds no rdf:RDF element.
	ErrNoRDF = errors.New("xmp: no rdf:RDF element")
	// ErrInvalidName reports a namespace or local name that cannot be
	// written as XML.
	ErrInvalidName = errors.New("xmp: invalid property name")
)

// Kind is the shape of a Node's value.
type Kind uint8

// The kinds of value in the XMP data model (XMP Specification Part 1 §6.2).
const (
	Simple Kind = iota // text, or a URI when Node.URI is set
	Struct             // named fields
	Bag                // unordered array
	Seq                // ordered array
	Alt                // alternatives; a lang-alt when the items carry Lang
)

// String returns the RDF spelling of the kind.
func (k Kind) String() string {
	switch k {
	case Simple:
		return "simple"
	case Struct:
		return "struct"
	case Bag:
		return "rdf:Bag"
	case Seq:
		return "rdf:Seq"
	case Alt:
		return "rdf:Alt"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// IsArray reports whether k is Bag, Seq or Alt.
func (k Kind) IsArray() bool { return k == Bag || k == Seq || k == Alt }

// Name identifies a property, struct field or qualifier by namespace URI
// and local name.
type Name struct {
	NS, Local string
}

// Node is one value of the model: a top-level property, a struct field, an
// array item or a qualifier.
type Node struct {
	Name       Name    // zero for array items
	Kind       Kind    // shape of the value
	Value      string  // text of a Simple node
	URI        bool    // Simple node written as rdf:resource
	Lang       string  // xml:lang qualifier, "" when absent
	Qualifiers []*Node // other qualifiers, in source order
	Fields     []*Node // fields of a Struct, in source order
	Items      []*Node // items of an array, in order
}

// Clone returns a deep copy of n.
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Qualifiers = cloneNodes(n.Qualifiers)
	c.Fields = cloneNodes(n.Fields)
	c.Items = cloneNodes(n.Items)
	return &c
}

func cloneNodes(ns []*Node) []*Node {
	if ns == nil {
		return nil
	}
	out := make([]*Node, len(ns))
	for i, n := range ns {
		out[i] = n.Clone()
	}
	return out
}

// text returns the text a reader shows for n: the value of a simple node,
// the x-default (else first) item of a lang-alt, the first item of another
// array, and "" for a struct.
func (n *Node) text() string {
	switch {
	case n.Kind == Simple:
		return n.Value
	case n.Kind == Alt:
		for _, it := range n.Items {
			if it.Kind == Simple && strings.EqualFold(it.Lang, xDefault) {
				return it.Value
			}
		}
		fallthrough
	case n.Kind.IsArray():
		for _, it := range n.Items {
			if it.Kind == Simple {
				return it.Value
			}
		}
	}
	return ""
}

// Packet is a parsed or built XMP packet. The zero value is an empty
// packet, like the result of NewPacket.
type Packet struct {
	// About is the rdf:about of the rdf:Description elements, normally "".
	About string
	// Toolkit is the x:xmptk attribute of x:xmpmeta, the name of the
	// program that wrote the packet. Marshal writes it when non-empty;
	// set it to cutline's name before an export.
	Toolkit string

	props    []*Node
	index    map[Name]int
	prefixes map[string]string // namespace URI → prefix used by the source
}

// NewPacket returns an empty packet, for files that carry no XMP.
func NewPacket() *Packet {
	return &Packet{index: map[Name]int{}, prefixes: map[string]string{}}
}

// Len returns the number of top-level properties.
func (p *Packet) Len() int { return len(p.props) }

// Names returns the names of the top-level properties in model order.
func (p *Packet) Names() []Name {
	out := make([]Name, len(p.props))
	for i, n := range p.props {
		out[i] = n.Name
	}
	return out
}

// Get returns a copy of the property ns:name, or nil when it is absent.
func (p *Packet) Get(ns, name string) *Node {
	return p.find(Name{ns, name}).Clone()
}

// Has reports whether the property ns:name is present (even if empty).
func (p *Packet) Has(ns, name string) bool { return p.find(Name{ns, name}) != nil }

// Text returns the value of ns:name as a reader would show it: a simple
// value, the x-default item of a lang-alt (else its first item), or the
// first item of another array. It returns "" for an absent property and
// for a struct.
func (p *Packet) Text(ns, name string) string {
	n := p.find(Name{ns, name})
	if n == nil {
		return ""
	}
	return n.text()
}

// List returns the items of the array ns:name (simple items only, in
// order; every language of a lang-alt), or a non-empty simple value as its
// only item. It returns nil for an absent or empty property and for a
// struct.
func (p *Packet) List(ns, name string) []string {
	n := p.find(Name{ns, name})
	if n == nil {
		return nil
	}
	switch {
	case n.Kind == Simple && n.Value != "":
		return []string{n.Value}
	case n.Kind.IsArray():
		var out []string
		for _, it := range n.Items {
			if it.Kind == Simple {
				out = append(out, it.Value)
			}
		}
		return out
	}
	return nil
}

// SetText sets ns:name to the simple value v. An empty v (after dropping
// characters XML cannot carry) deletes the property, as cutline treats
// empty and absent alike.
func (p *Packet) SetText(ns, name, v string) error {
	if err := checkName(ns, name); err != nil {
		return err
	}
	v = clean(v)
	if v == "" {
		p.Delete(ns, name)
		return nil
	}
	p.put(&Node{Name: Name{ns, name}, Kind: Simple, Value: v})
	return nil
}

// SetLangAlt sets the lang-alt ns:name to the single item x-default = v;
// an empty v deletes it.
//
// Other languages are dropped rather than kept: cutline edits one caption,
// and a translation left beside a corrected caption (a misidentified
// person, a wrong date) would go on publishing the error in readers that
// prefer that language. The original file, stored untouched, keeps them.
func (p *Packet) SetLangAlt(ns, name, v string) error {
	if err := checkName(ns, name); err != nil {
		return err
	}
	v = clean(v)
	if v == "" {
		p.Delete(ns, name)
		return nil
	}
	p.put(&Node{Name: Name{ns, name}, Kind: Alt,
		Items: []*Node{{Kind: Simple, Value: v, Lang: xDefault}}})
	return nil
}

// SetBag sets ns:name to an rdf:Bag of items; no items deletes it.
func (p *Packet) SetBag(ns, name string, items []string) error {
	return p.setArray(ns, name, Bag, items)
}

// SetSeq sets ns:name to an rdf:Seq of items; no items deletes it.
func (p *Packet) SetSeq(ns, name string, items []string) error {
	return p.setArray(ns, name, Seq, items)
}

func (p *Packet) setArray(ns, name string, k Kind, items []string) error {
	if err := checkName(ns, name); err != nil {
		return err
	}
	if len(items) == 0 {
		p.Delete(ns, name)
		return nil
	}
	n := &Node{Name: Name{ns, name}, Kind: k, Items: make([]*Node, len(items))}
	for i, s := range items {
		n.Items[i] = &Node{Kind: Simple, Value: clean(s)}
	}
	p.put(n)
	return nil
}

// Delete removes ns:name; it is a no-op when the property is absent.
func (p *Packet) Delete(ns, name string) {
	i, ok := p.index[Name{ns, name}]
	if !ok {
		return
	}
	p.props = append(p.props[:i], p.props[i+1:]...)
	p.reindex()
}

// Clone returns a deep copy of p.
func (p *Packet) Clone() *Packet {
	c := NewPacket()
	c.About, c.Toolkit = p.About, p.Toolkit
	for k, v := range p.prefixes {
		c.prefixes[k] = v
	}
	for _, n := range p.props {
		c.put(n.Clone())
	}
	return c
}

func (p *Packet) find(n Name) *Node {
	if i, ok := p.index[n]; ok {
		return p.props[i]
	}
	return nil
}

// put replaces the property of the same name in place, or appends.
func (p *Packet) put(n *Node) {
	if p.index == nil {
		p.index = map[Name]int{}
	}
	if i, ok := p.index[n.Name]; ok {
		p.props[i] = n
		return
	}
	p.index[n.Name] = len(p.props)
	p.props = append(p.props, n)
}

func (p *Packet) reindex() {
	clear(p.index)
	for i, n := range p.props {
		p.index[n.Name] = i
	}
}

// checkName rejects names that Marshal could not write, and the RDF and
// XML namespaces, whose names are syntax rather than properties.
func checkName(ns, name string) error {
	switch {
	case ns == "" || ns == NSRDF || ns == NSXML || ns == nsXMLNS:
		return fmt.Errorf("%w: namespace %q", ErrInvalidName, ns)
	case !isNCName(name) || !decoderAccepts(name):
		return fmt.Errorf("%w: local name %q", ErrInvalidName, name)
	case !utf8.ValidString(ns) || clean(ns) != ns:
		return fmt.Errorf("%w: namespace %q has characters XML cannot carry", ErrInvalidName, ns)
	}
	return nil
}

// decoderAccepts reports whether encoding/xml reads name back as an
// element name. It follows the narrower name classes of XML 1.0 fourth
// edition, as older parsers do, so a name this package writes must pass
// both checks to be read back everywhere.
func decoderAccepts(name string) bool {
	tok, err := xml.NewDecoder(strings.NewReader("<" + name + "/>")).RawToken()
	if err != nil {
		return false
	}
	se, ok := tok.(xml.StartElement)
	return ok && se.Name.Space == "" && se.Name.Local == name
}

// isXMLChar reports whether r may appear in an XML 1.0 document (the Char
// production, §2.2).
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		0x20 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}

// clean makes s writable as XML text: every byte of invalid UTF-8 becomes
// U+FFFD and characters outside XML's Char production are dropped.
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
			ok = false
			break
		}
		i += size
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case isXMLChar(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
