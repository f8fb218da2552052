package xmp

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Default limits of ParseOptions. A standard packet is at most 64 KB; the
// byte limit leaves room for extended XMP, where phones store depth maps
// and original images as base64 of several megabytes.
const (
	DefaultMaxBytes = 64 << 20
	DefaultMaxDepth = 64
	DefaultMaxNodes = 200_000
	maxWarnings     = 32
)

// ParseOptions bounds what Parse spends on one packet. A nil or zero
// options value, or any zero field, means the default.
type ParseOptions struct {
	MaxBytes int // largest packet accepted, in bytes (DefaultMaxBytes)
	MaxDepth int // deepest element nesting, wrappers included (DefaultMaxDepth)
	MaxNodes int // most model nodes: properties, fields, items, qualifiers (DefaultMaxNodes)
}

func (o *ParseOptions) limits() ParseOptions {
	var l ParseOptions
	if o != nil {
		l = *o
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = DefaultMaxNodes
	}
	return l
}

// Parse parses an XMP packet with the default limits; see
// ParseOptions.Parse.
func Parse(packet []byte) (*Packet, []string, error) {
	return (*ParseOptions)(nil).Parse(packet)
}

// Parse parses an XMP packet: a full <?xpacket?>-wrapped packet, a bare
// x:xmpmeta or a bare rdf:RDF, in UTF-8, UTF-16 or UTF-32.
//
// Warnings report what was repaired or skipped. When the XML breaks off
// (truncation, a syntax error, a limit) after some properties were read,
// Parse returns those properties, a warning naming the fault and a nil
// error: a property is kept only once complete (its end tag read, or the
// whole start tag that carries it as an attribute), so nothing half-parsed
// is returned. The error is non-nil, and the packet nil, when
// the packet holds a DOCTYPE or ENTITY declaration (ErrDTD), is over
// MaxBytes (ErrTooLarge), or yields no rdf:RDF element (ErrNoRDF, or the
// fault that stopped the parse).
func (o *ParseOptions) Parse(packet []byte) (*Packet, []string, error) {
	lim := o.limits()
	if len(packet) > lim.MaxBytes {
		return nil, nil, fmt.Errorf("%w: %d bytes (limit %d)", ErrTooLarge, len(packet), lim.MaxBytes)
	}
	text, warn := toUTF8(packet)
	ps := newParser(text, lim)
	for _, w := range warn {
		ps.warnf("%s", w)
	}
	err := ps.document()
	warnings := ps.warnings()
	switch {
	case errors.Is(err, ErrDTD):
		return nil, warnings, err
	case err != nil && (ps.pkt.Len() > 0 || ps.rdfDone):
		warnings = append(warnings, fmt.Sprintf("%v; kept the %d properties read before it", err, ps.pkt.Len()))
		return ps.pkt, warnings, nil
	case err != nil:
		return nil, warnings, err
	case !ps.sawRDF:
		return nil, warnings, ErrNoRDF
	}
	return ps.pkt, warnings, nil
}

// Names of RDF syntax used by the grammar below.
var (
	rdfRDF         = Name{NSRDF, "RDF"}
	rdfDescription = Name{NSRDF, "Description"}
	rdfLi          = Name{NSRDF, "li"}
	rdfValue       = Name{NSRDF, "value"}
	rdfType        = Name{NSRDF, "type"}
	rdfAbout       = Name{NSRDF, "about"}
	rdfResource    = Name{NSRDF, "resource"}
	rdfParseType   = Name{NSRDF, "parseType"}
	xmlLang        = Name{NSXML, "lang"}
)

// legacyRDFAttrs are RDF attributes that old writers (ExifTool 4, Photoshop
// 7) spell without a prefix, such as <rdf:Description about="">.
var legacyRDFAttrs = map[string]bool{
	"about": true, "ID": true, "nodeID": true, "resource": true,
	"parseType": true, "datatype": true, "bagID": true, "aboutEach": true,
}

// parser walks the tokens of one packet. It uses RawToken and resolves
// namespaces itself so that it knows each prefix and can report undeclared
// ones instead of mistaking a prefix for a URI.
type parser struct {
	dec     *xml.Decoder
	lim     ParseOptions
	nodes   int
	ns      map[string][]string // prefix → stack of bound URIs
	scopes  [][]string          // per open element: the prefixes it bound
	open    []xml.Name          // raw names of open elements
	pkt     *Packet
	warn    []string
	dropped int
	seen    map[string]bool // warnings already given
	sawRDF  bool
	rdfDone bool
	about   bool // an rdf:about has been seen
}

type attr struct {
	name  Name
	value string
}

// elem is a start tag with its names resolved.
type elem struct {
	name  Name
	ok    bool // name resolved to a namespace and is an NCName
	attrs []attr
}

func newParser(text []byte, lim ParseOptions) *parser {
	ps := &parser{
		lim:  lim,
		ns:   map[string][]string{"xml": {NSXML}},
		pkt:  NewPacket(),
		seen: map[string]bool{},
	}
	ps.dec = xml.NewDecoder(bytes.NewReader(text))
	ps.dec.Strict = true
	ps.dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		// The bytes were already transcoded to UTF-8 from what the packet
		// really is; a declared label can only be wrong or redundant.
		switch strings.ToLower(label) {
		case "utf-16", "utf-16be", "utf-16le", "utf-32", "utf-32be", "utf-32le", "ucs-2", "us-ascii", "ascii":
		default:
			ps.warnf("xmp: packet declares encoding %q; read as Unicode (XMP allows only UTF-8/16/32)", label)
		}
		return in, nil
	}
	return ps
}

// warnf records a warning once, and at most maxWarnings of them, so that a
// hostile packet cannot grow the report without bound.
func (ps *parser) warnf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if ps.seen[msg] {
		return
	}
	if len(ps.warn) >= maxWarnings {
		ps.dropped++
		return
	}
	ps.seen[msg] = true
	ps.warn = append(ps.warn, msg)
}

func (ps *parser) warnings() []string {
	w := ps.warn
	if ps.dropped > 0 {
		w = append(w, fmt.Sprintf("xmp: %d more warnings not shown", ps.dropped))
	}
	return w
}

func (ps *parser) count() error {
	ps.nodes++
	if ps.nodes > ps.lim.MaxNodes {
		return fmt.Errorf("%w: more than %d", ErrTooManyNodes, ps.lim.MaxNodes)
	}
	return nil
}

func (ps *parser) syntaxf(format string, args ...any) error {
	return fmt.Errorf("%w: at byte %d: %s", ErrSyntax, ps.dec.InputOffset(), fmt.Sprintf(format, args...))
}

// next returns the next start tag, end tag or text, keeping the namespace
// scopes and the stack of open elements. Comments and processing
// instructions (<?xpacket?>, <?adobe-xap-filters?>) carry no properties.
func (ps *parser) next() (xml.Token, error) {
	for {
		tok, err := ps.dec.RawToken()
		if err == io.EOF {
			if len(ps.open) > 0 {
				return nil, ps.syntaxf("packet ends inside <%s> (truncated?)", rawName(ps.open[len(ps.open)-1]))
			}
			return nil, io.EOF
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) && se.Msg == "unexpected EOF" {
			where := "a tag"
			if len(ps.open) > 0 {
				where = "<" + rawName(ps.open[len(ps.open)-1]) + ">"
			}
			return nil, ps.syntaxf("packet ends inside %s (truncated?)", where)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: at byte %d: %q", ErrSyntax, ps.dec.InputOffset(), err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(ps.open) >= ps.lim.MaxDepth {
				return nil, fmt.Errorf("%w: more than %d levels at byte %d", ErrTooDeep, ps.lim.MaxDepth, ps.dec.InputOffset())
			}
			// Character references can spell characters that XML
			// forbids (&#1;); the model never holds them, so that
			// Marshal(Parse(x)) parses to the same model.
			for i := range t.Attr {
				t.Attr[i].Value = clean(t.Attr[i].Value)
			}
			var bound []string
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					ps.bind(a.Name.Local, a.Value)
					bound = append(bound, a.Name.Local)
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					ps.bind("", a.Value)
					bound = append(bound, "")
				}
			}
			ps.scopes = append(ps.scopes, bound)
			ps.open = append(ps.open, t.Name)
			return t, nil
		case xml.EndElement:
			top := len(ps.open) - 1
			if top < 0 || ps.open[top] != t.Name {
				return nil, ps.syntaxf("unexpected end tag </%s>", rawName(t.Name))
			}
			for _, prefix := range ps.scopes[top] {
				s := ps.ns[prefix]
				ps.ns[prefix] = s[:len(s)-1]
			}
			ps.scopes = ps.scopes[:top]
			ps.open = ps.open[:top]
			return t, nil
		case xml.CharData:
			if c := clean(string(t)); c != string(t) {
				return xml.CharData(c), nil
			}
			return t.Copy(), nil
		case xml.Directive:
			word, _, _ := strings.Cut(strings.TrimSpace(string(t)), " ")
			return nil, fmt.Errorf("%w: <!%.20s at byte %d", ErrDTD, word, ps.dec.InputOffset())
		}
	}
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func (ps *parser) bind(prefix, uri string) {
	ps.ns[prefix] = append(ps.ns[prefix], uri)
	if prefix != "" && uri != "" {
		if _, ok := ps.pkt.prefixes[uri]; !ok {
			ps.pkt.prefixes[uri] = prefix
		}
	}
}

func (ps *parser) lookup(prefix string) (string, bool) {
	s := ps.ns[prefix]
	if len(s) == 0 || s[len(s)-1] == "" {
		return "", false
	}
	return s[len(s)-1], true
}

// elem resolves the names of a start tag. Namespace declarations are not
// attributes of the model and are left out.
func (ps *parser) elem(t xml.StartElement) *elem {
	e := &elem{}
	e.name.Local = t.Name.Local
	uri, found := ps.lookup(t.Name.Space)
	switch {
	case found:
		e.name.NS = uri
		e.ok = isNCName(t.Name.Local)
	case t.Name.Space != "":
		ps.warnf("xmp: undeclared namespace prefix %q on <%s>; element skipped", t.Name.Space, rawName(t.Name))
	default:
		ps.warnf("xmp: element <%s> has no namespace; skipped", t.Name.Local)
	}
	for _, a := range t.Attr {
		switch {
		case a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns":
			continue
		case a.Name.Space == "":
			if legacyRDFAttrs[a.Name.Local] {
				e.attrs = append(e.attrs, attr{Name{NSRDF, a.Name.Local}, a.Value})
			} else {
				ps.warnf("xmp: attribute %q without namespace on <%s> ignored", a.Name.Local, rawName(t.Name))
			}
			continue
		}
		uri, found := ps.lookup(a.Name.Space)
		if !found || !isNCName(a.Name.Local) {
			ps.warnf("xmp: attribute %s:%s has an undeclared prefix or a bad name; ignored", a.Name.Space, a.Name.Local)
			continue
		}
		e.attrs = append(e.attrs, attr{Name{uri, a.Name.Local}, a.Value})
	}
	return e
}

// contents reads the content of the element whose start tag was read last:
// text goes to onText (nil to ignore it), and each child start tag to
// onElem, which must consume the child through its end tag.
func (ps *parser) contents(onText func([]byte), onElem func(*elem) error) error {
	level := len(ps.open)
	for {
		tok, err := ps.next()
		if err == io.EOF {
			return ps.syntaxf("packet ends inside an element")
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if onText != nil {
				onText(t)
			}
		case xml.StartElement:
			if err := onElem(ps.elem(t)); err != nil {
				return err
			}
		case xml.EndElement:
			if len(ps.open) < level {
				return nil
			}
		}
	}
}

// skip consumes the element whose start tag was read last.
func (ps *parser) skip(*elem) error { return ps.contents(nil, ps.skip) }

// strayText warns about non-blank text where RDF allows only elements.
func (ps *parser) strayText(where string) func([]byte) {
	return func(b []byte) {
		if len(bytes.TrimSpace(b)) > 0 {
			ps.warnf("xmp: text inside %s ignored", where)
		}
	}
}

// document walks down to each rdf:RDF through whatever wraps it
// (x:xmpmeta, the older x:xapmeta, or any other element).
func (ps *parser) document() error {
	for {
		tok, err := ps.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := ps.wrapper(ps.elem(t)); err != nil {
				return err
			}
		case xml.CharData:
			ps.strayText("the packet, outside any element")(t)
		}
	}
}

func (ps *parser) wrapper(e *elem) error {
	if e.name == rdfRDF {
		ps.sawRDF = true
		err := ps.contents(ps.strayText("rdf:RDF"), ps.description)
		if err == nil {
			ps.rdfDone = true
		}
		return err
	}
	if e.name.NS == NSX && (e.name.Local == "xmpmeta" || e.name.Local == "xapmeta") {
		for _, a := range e.attrs {
			if a.name.NS == NSX && (a.name.Local == "xmptk" || a.name.Local == "xaptk") && ps.pkt.Toolkit == "" {
				ps.pkt.Toolkit = a.value
			}
		}
	}
	return ps.contents(nil, ps.wrapper)
}

// description reads a top-level rdf:Description. Its property attributes
// and property elements become top-level properties; several descriptions
// add up (XMP Specification Part 1 §7.4).
func (ps *parser) description(e *elem) error {
	if !e.ok {
		return ps.skip(e)
	}
	if e.name != rdfDescription {
		ps.warnf("xmp: typed node <%s> in rdf:RDF read as rdf:Description", e.name.Local)
	}
	for _, a := range e.attrs {
		switch {
		case a.name == rdfAbout:
			ps.setAbout(a.value)
		case a.name.NS == NSRDF || a.name.NS == NSXML:
			// rdf:ID, rdf:nodeID, xml:lang on the node: syntax, not data.
		default:
			if err := ps.count(); err != nil {
				return err
			}
			ps.commit(&Node{Name: a.name, Kind: Simple, Value: a.value})
		}
	}
	return ps.contents(ps.strayText("rdf:Description"), func(c *elem) error {
		if c.name.NS == NSRDF && c.name != rdfType {
			ps.warnf("xmp: <rdf:%s> is not a property; skipped", c.name.Local)
			return ps.skip(c)
		}
		n, err := ps.property(c)
		if err != nil || n == nil {
			return err
		}
		ps.commit(n)
		return nil
	})
}

func (ps *parser) setAbout(v string) {
	if !ps.about {
		ps.about = true
		ps.pkt.About = v
		return
	}
	if v != ps.pkt.About {
		if ps.pkt.About == "" {
			ps.pkt.About = v
			return
		}
		if v != "" {
			ps.warnf("xmp: rdf:Description elements disagree on rdf:about (%q, %q); kept the first", ps.pkt.About, v)
		}
	}
}

// commit adds a completed top-level property. XMP allows a property once;
// a repeat (from a second rdf:Description, or attribute and element) takes
// the place of the first and its value is the last one, which is what
// ExifTool, cutline's oracle, shows.
func (ps *parser) commit(n *Node) {
	if ps.pkt.find(n.Name) != nil {
		ps.warnf("xmp: property {%s}%s appears twice; kept the last", n.Name.NS, n.Name.Local)
	}
	ps.pkt.put(n)
}
