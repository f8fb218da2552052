package xmp

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

const (
	// DefaultPadding is the white space Marshal leaves before the trailer
	// so that in-place editors can grow the packet without rewriting the
	// file (XMP Specification Part 1 §7.3.3 recommends about 2 KB).
	DefaultPadding = 2048
	// MaxStandardPacket is the largest packet that fits one JPEG APP1
	// segment after its "http://ns.adobe.com/xap/1.0/\x00" header (XMP
	// Specification Part 3 §1.1.3).
	MaxStandardPacket = 65502
	packetID          = "W5M0MpCehiHzreSzNTczkc9d"
)

// MarshalOptions tunes Marshal. A nil or zero value means the defaults.
type MarshalOptions struct {
	// Padding is the number of bytes of white space before the trailer:
	// 0 means DefaultPadding, a negative value none.
	Padding int
}

// Marshal serialises the whole model as one UTF-8 packet: the <?xpacket?>
// header, x:xmpmeta, one rdf:Description carrying every namespace, the
// padding and <?xpacket end="w"?>. Properties keep the model's order (the
// source's, then properties added by setters), so the same model always
// gives the same bytes. It fails only on a name that cannot be written as
// XML.
//
// Marshal writes the model as it is, xmpNote:HasExtendedXMP included; use
// MarshalSplit to write a JPEG's standard and extended packets.
func (p *Packet) Marshal(opts *MarshalOptions) ([]byte, error) {
	pad := DefaultPadding
	if opts != nil && opts.Padding != 0 {
		pad = max(opts.Padding, 0)
	}
	return p.serialize(p.props, true, pad)
}

// serialize writes props as a packet; wrapped adds the <?xpacket?> header,
// padding and trailer (the extended part of a JPEG has none of them).
func (p *Packet) serialize(props []*Node, wrapped bool, padding int) ([]byte, error) {
	w := &writer{prefix: p.assignPrefixes(props)}

	b := &w.buf
	if wrapped {
		b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"" + packetID + "\"?>\n")
	}
	b.WriteString(`<x:xmpmeta xmlns:x="` + NSX + `"`)
	if p.Toolkit != "" {
		b.WriteString(` x:xmptk="` + escAttr(p.Toolkit) + `"`)
	}
	b.WriteString(">\n <rdf:RDF xmlns:rdf=\"" + NSRDF + "\">\n")
	b.WriteString(`  <rdf:Description rdf:about="` + escAttr(p.About) + `"`)
	uris := make([]string, 0, len(w.prefix))
	for uri := range w.prefix {
		if uri != NSRDF && uri != NSXML {
			uris = append(uris, uri)
		}
	}
	slices.SortFunc(uris, func(a, b string) int { return strings.Compare(w.prefix[a], w.prefix[b]) })
	for _, uri := range uris {
		b.WriteString("\n    xmlns:" + w.prefix[uri] + `="` + escAttr(uri) + `"`)
	}
	if len(props) == 0 {
		b.WriteString("/>\n")
	} else {
		b.WriteString(">\n")
		for _, n := range props {
			if err := w.node(n, 3); err != nil {
				return nil, err
			}
		}
		b.WriteString("  </rdf:Description>\n")
	}
	b.WriteString(" </rdf:RDF>\n</x:xmpmeta>\n")
	if wrapped {
		for padding > 0 {
			line := min(padding, 100)
			b.WriteString(strings.Repeat(" ", line-1))
			b.WriteByte('\n')
			padding -= line
		}
		b.WriteString(`<?xpacket end="w"?>`)
	}
	return bytes.Clone(b.Bytes()), nil
}

// assignPrefixes gives every namespace used by props a distinct prefix:
// the source's, else the customary one, else "ns". URIs are visited in
// sorted order so that clashes resolve the same way every time.
func (p *Packet) assignPrefixes(props []*Node) map[string]string {
	used := map[string]bool{}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Name.NS != "" {
			used[n.Name.NS] = true
		}
		for _, c := range n.Qualifiers {
			walk(c)
		}
		for _, c := range n.Fields {
			walk(c)
		}
		for _, c := range n.Items {
			walk(c)
		}
	}
	for _, n := range props {
		walk(n)
	}
	uris := make([]string, 0, len(used))
	for uri := range used {
		uris = append(uris, uri)
	}
	slices.Sort(uris)

	out := map[string]string{NSRDF: "rdf", NSXML: "xml"}
	taken := map[string]bool{"rdf": true, "xml": true, "x": true}
	for _, uri := range uris {
		if _, ok := out[uri]; ok {
			continue
		}
		cand := p.prefixes[uri]
		if !usablePrefix(cand) {
			cand = wellKnownPrefix(uri)
		}
		if !usablePrefix(cand) {
			cand = "ns"
		}
		pfx := cand
		for i := 1; taken[pfx]; i++ {
			pfx = cand + strconv.Itoa(i)
		}
		taken[pfx] = true
		out[uri] = pfx
	}
	return out
}

// usablePrefix rejects prefixes reserved by XML (anything starting with
// "xml") and the two this writer binds itself.
func usablePrefix(s string) bool {
	return isNCName(s) && !strings.HasPrefix(strings.ToLower(s), "xml") && s != "rdf" && s != "x"
}

type writer struct {
	buf    bytes.Buffer
	prefix map[string]string
}

func (w *writer) qname(n Name) (string, error) {
	if n.NS == "" || !isNCName(n.Local) {
		return "", fmt.Errorf("%w: {%s}%s", ErrInvalidName, n.NS, n.Local)
	}
	return w.prefix[n.NS] + ":" + n.Local, nil
}

func (w *writer) indent(depth int) {
	w.buf.WriteString(strings.Repeat(" ", depth))
}

// node writes n as a property element, a struct field, an array item
// (n.Name zero: rdf:li) or a qualifier.
func (w *writer) node(n *Node, depth int) error {
	tag := "rdf:li"
	if n.Name != (Name{}) {
		var err error
		if tag, err = w.qname(n.Name); err != nil {
			return err
		}
	}
	b := &w.buf
	w.indent(depth)
	b.WriteString("<" + tag)

	if len(n.Qualifiers) > 0 {
		// General qualifiers need the rdf:value form (Part 1 §7.9.2.5).
		b.WriteString(" rdf:parseType=\"Resource\">\n")
		v := *n
		v.Name, v.Qualifiers = rdfValue, nil
		if err := w.node(&v, depth+1); err != nil {
			return err
		}
		for _, q := range n.Qualifiers {
			if q.Name == (Name{}) {
				return fmt.Errorf("%w: qualifier without a name", ErrInvalidName)
			}
			if err := w.node(q, depth+1); err != nil {
				return err
			}
		}
		w.indent(depth)
		b.WriteString("</" + tag + ">\n")
		return nil
	}

	if n.Lang != "" {
		b.WriteString(` xml:lang="` + escAttr(n.Lang) + `"`)
	}
	switch {
	case n.Kind == Simple && n.URI:
		b.WriteString(` rdf:resource="` + escAttr(n.Value) + "\"/>\n")
	case n.Kind == Simple && n.Value == "":
		b.WriteString("/>\n")
	case n.Kind == Simple:
		b.WriteString(">" + escText(n.Value) + "</" + tag + ">\n")
	case n.Kind == Struct && len(n.Fields) == 0:
		b.WriteString(" rdf:parseType=\"Resource\"/>\n")
	case n.Kind == Struct:
		b.WriteString(" rdf:parseType=\"Resource\">\n")
		for _, f := range n.Fields {
			if f.Name == (Name{}) {
				return fmt.Errorf("%w: struct field without a name", ErrInvalidName)
			}
			if err := w.node(f, depth+1); err != nil {
				return err
			}
		}
		w.indent(depth)
		b.WriteString("</" + tag + ">\n")
	case n.Kind.IsArray():
		arr := n.Kind.String()
		b.WriteString(">\n")
		w.indent(depth + 1)
		if len(n.Items) == 0 {
			b.WriteString("<" + arr + "/>\n")
		} else {
			b.WriteString("<" + arr + ">\n")
			for _, it := range n.Items {
				item := it
				if it.Name != (Name{}) {
					c := *it
					c.Name = Name{}
					item = &c
				}
				if err := w.node(item, depth+2); err != nil {
					return err
				}
			}
			w.indent(depth + 1)
			b.WriteString("</" + arr + ">\n")
		}
		w.indent(depth)
		b.WriteString("</" + tag + ">\n")
	default:
		return fmt.Errorf("%w: node of unknown kind %v", ErrInvalidName, n.Kind)
	}
	return nil
}

// escText escapes s for element content. Quotes need no escaping there
// but are escaped anyway, as ExifTool does, so that a value can be cut and
// pasted into an attribute. \r becomes &#xD; or a reader would turn it
// into \n (XML 1.0 §2.11).
func escText(s string) string {
	return escape(clean(s), false)
}

// escAttr escapes s for a double-quoted attribute value; tab and line
// ends become character references, or attribute-value normalisation
// (XML 1.0 §3.3.3) would turn them into spaces.
func escAttr(s string) string {
	return escape(clean(s), true)
}

func escape(s string, attr bool) string {
	if !strings.ContainsAny(s, "&<>\"'\r\t\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\r':
			b.WriteString("&#xD;")
		case '\t', '\n':
			if attr {
				fmt.Fprintf(&b, "&#x%X;", r)
			} else {
				b.WriteRune(r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
