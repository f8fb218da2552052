package xmp

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
)

// nsDecls declares the prefixes the fixtures use.
const nsDecls = ` xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"` +
	` xmlns:dc="http://purl.org/dc/elements/1.1/"` +
	` xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"` +
	` xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"` +
	` xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"` +
	` xmlns:q="http://example.com/q/"`

const nsQ = "http://example.com/q/"

// wrap puts rdf:Description content into a full packet.
func wrap(descAttrs, body string) string {
	return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="test kit"><rdf:RDF` + nsDecls + ">\n" +
		`<rdf:Description rdf:about=""` + descAttrs + ">" + body + "</rdf:Description>\n" +
		"</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>"
}

// props returns copies of every top-level property in model order.
func props(p *Packet) []*Node {
	var out []*Node
	for _, n := range p.Names() {
		out = append(out, p.Get(n.NS, n.Local))
	}
	return out
}

func simple(ns, local, v string) *Node {
	return &Node{Name: Name{ns, local}, Kind: Simple, Value: v}
}

func item(v string) *Node { return &Node{Kind: Simple, Value: v} }

func langItem(lang, v string) *Node { return &Node{Kind: Simple, Value: v, Lang: lang} }

// goodPackets are well-formed packets in the forms real writers use, with
// the model each must give.
var goodPackets = []struct {
	name   string
	packet string
	want   []*Node
}{
	// Photo Mechanic and Adobe write simple properties as attributes.
	{"attribute form", wrap(` photoshop:City="Seoul" photoshop:Credit="AP"`, ""),
		[]*Node{simple(NSPhotoshop, "City", "Seoul"), simple(NSPhotoshop, "Credit", "AP")}},
	// The same properties as elements; white space in a value is kept.
	{"element form", wrap("", `<photoshop:City> Seoul </photoshop:City><photoshop:Headline>H</photoshop:Headline>`),
		[]*Node{simple(NSPhotoshop, "City", " Seoul "), simple(NSPhotoshop, "Headline", "H")}},
	// A lang-alt with several languages, x-default not first.
	{"lang-alt", wrap("", `<dc:description><rdf:Alt><rdf:li xml:lang="de">Hallo</rdf:li>`+
		`<rdf:li xml:lang="x-default">Hello</rdf:li><rdf:li xml:lang="ko">안녕</rdf:li></rdf:Alt></dc:description>`),
		[]*Node{{Name: Name{NSDC, "description"}, Kind: Alt, Items: []*Node{
			langItem("de", "Hallo"), langItem("x-default", "Hello"), langItem("ko", "안녕")}}}},
	// dc:creator is a Seq, dc:subject a Bag; PersonInImage a Bag too.
	{"seq and bags", wrap("", `<dc:creator><rdf:Seq><rdf:li>A</rdf:li><rdf:li>B</rdf:li></rdf:Seq></dc:creator>`+
		`<dc:subject><rdf:Bag><rdf:li>k1</rdf:li></rdf:Bag></dc:subject>`+
		`<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Lee In-young</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>`),
		[]*Node{
			{Name: Name{NSDC, "creator"}, Kind: Seq, Items: []*Node{item("A"), item("B")}},
			{Name: Name{NSDC, "subject"}, Kind: Bag, Items: []*Node{item("k1")}},
			{Name: Name{NSIptc4xmpExt, "PersonInImage"}, Kind: Bag, Items: []*Node{item("Lee In-young")}},
		}},
	// Empty arrays and empty elements are present but empty.
	{"empty forms", wrap("", `<dc:subject><rdf:Bag/></dc:subject><dc:creator><rdf:Seq></rdf:Seq></dc:creator>`+
		`<photoshop:City/><photoshop:State></photoshop:State>`),
		[]*Node{
			{Name: Name{NSDC, "subject"}, Kind: Bag},
			{Name: Name{NSDC, "creator"}, Kind: Seq},
			simple(NSPhotoshop, "City", ""),
			simple(NSPhotoshop, "State", ""),
		}},
	// Structs: parseType="Resource", a nested rdf:Description (fields as
	// attributes and elements), and an empty element whose attributes are
	// the fields.
	{"struct forms", wrap("", `<Iptc4xmpCore:CreatorContactInfo rdf:parseType="Resource">`+
		`<Iptc4xmpCore:CiAdrCity>Seoul</Iptc4xmpCore:CiAdrCity></Iptc4xmpCore:CreatorContactInfo>`+
		`<q:a><rdf:Description q:x="1"><q:y>2</q:y></rdf:Description></q:a>`+
		`<q:b q:x="3" q:y="4"/>`),
		[]*Node{
			{Name: Name{NSIptc4xmpCore, "CreatorContactInfo"}, Kind: Struct,
				Fields: []*Node{simple(NSIptc4xmpCore, "CiAdrCity", "Seoul")}},
			{Name: Name{nsQ, "a"}, Kind: Struct, Fields: []*Node{simple(nsQ, "x", "1"), simple(nsQ, "y", "2")}},
			{Name: Name{nsQ, "b"}, Kind: Struct, Fields: []*Node{simple(nsQ, "x", "3"), simple(nsQ, "y", "4")}},
		}},
	// An array of structs, as in xmpMM:History or Iptc4xmpExt:LocationShown.
	{"array of structs", wrap("", `<q:list><rdf:Seq><rdf:li rdf:parseType="Resource"><q:n>1</q:n></rdf:li>`+
		`<rdf:li><rdf:Description q:n="2"/></rdf:li></rdf:Seq></q:list>`),
		[]*Node{{Name: Name{nsQ, "list"}, Kind: Seq, Items: []*Node{
			{Kind: Struct, Fields: []*Node{simple(nsQ, "n", "1")}},
			{Kind: Struct, Fields: []*Node{simple(nsQ, "n", "2")}},
		}}}},
	// rdf:resource gives a URI value.
	{"uri", wrap("", `<q:web rdf:resource="https://example.com/?a=1&amp;b=2"/>`),
		[]*Node{{Name: Name{nsQ, "web"}, Kind: Simple, URI: true, Value: "https://example.com/?a=1&b=2"}}},
	// General qualifiers: the rdf:value form, in an item and at top level,
	// and the rdf:value attribute form.
	{"qualifiers", wrap("", `<dc:creator><rdf:Seq><rdf:li rdf:parseType="Resource"><rdf:value>Jane</rdf:value>`+
		`<q:role>photographer</q:role></rdf:li></rdf:Seq></dc:creator>`+
		`<q:v xml:lang="fr" rdf:parseType="Resource"><rdf:value>Oui</rdf:value><q:src>x</q:src></q:v>`+
		`<q:w rdf:value="7" q:unit="cm"/>`),
		[]*Node{
			{Name: Name{NSDC, "creator"}, Kind: Seq, Items: []*Node{
				{Kind: Simple, Value: "Jane", Qualifiers: []*Node{simple(nsQ, "role", "photographer")}}}},
			{Name: Name{nsQ, "v"}, Kind: Simple, Value: "Oui", Lang: "fr", Qualifiers: []*Node{simple(nsQ, "src", "x")}},
			{Name: Name{nsQ, "w"}, Kind: Simple, Value: "7", Qualifiers: []*Node{simple(nsQ, "unit", "cm")}},
		}},
	// A simple value with only xml:lang keeps it as Lang.
	{"lang on simple", wrap("", `<q:t xml:lang="en">Hi</q:t>`),
		[]*Node{{Name: Name{nsQ, "t"}, Kind: Simple, Value: "Hi", Lang: "en"}}},
	// A typed node is a struct whose rdf:type names the type.
	{"typed node", wrap("", `<q:t><q:Point q:x="1"/></q:t>`),
		[]*Node{{Name: Name{nsQ, "t"}, Kind: Struct, Fields: []*Node{
			{Name: Name{NSRDF, "type"}, Kind: Simple, URI: true, Value: nsQ + "Point"}, simple(nsQ, "x", "1")}}}},
	// Entities, character references, CDATA, comments and PIs.
	{"escapes", wrap("", `<q:t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#xE9;&#233; <![CDATA[<raw> & ]]><!-- c --><?pi x?>end</q:t>`),
		[]*Node{simple(nsQ, "t", `a & b <c> "d" 'e' éé <raw> & end`)}},
}

// wantParse checks that packet parses, without warnings, to want.
func wantParse(t *testing.T, name string, packet []byte, want []*Node) *Packet {
	t.Helper()
	p, warns, err := Parse(packet)
	if err != nil {
		t.Fatalf("%s: Parse: %v", name, err)
	}
	if len(warns) > 0 {
		t.Errorf("%s: unexpected warnings %q", name, warns)
	}
	if diff := cmp.Diff(want, props(p)); diff != "" {
		t.Errorf("%s: model (-want +got):\n%s", name, diff)
	}
	return p
}

func TestParseGood(t *testing.T) {
	for _, tc := range goodPackets {
		t.Run(tc.name, func(t *testing.T) {
			p := wantParse(t, tc.name, []byte(tc.packet), tc.want)
			if p.Toolkit != "test kit" {
				t.Errorf("Toolkit = %q, want %q", p.Toolkit, "test kit")
			}
		})
	}
}

func TestParseShapes(t *testing.T) {
	const body = `<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Seoul"/>`
	const rdfOpen = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`
	want := []*Node{simple(NSPhotoshop, "City", "Seoul")}
	tests := []struct {
		name   string
		packet string
	}{
		// No <?xpacket?>, no x:xmpmeta: a bare rdf:RDF (as in .xmp sidecars).
		{"bare rdf:RDF", rdfOpen + body + `</rdf:RDF>`},
		// x:xmpmeta without the packet wrapper.
		{"xmpmeta only", `<x:xmpmeta xmlns:x="adobe:ns:meta/">` + rdfOpen + body + `</rdf:RDF></x:xmpmeta>`},
		// The pre-2002 wrapper x:xapmeta, with an XML declaration.
		{"xapmeta", `<?xml version="1.0" encoding="UTF-8"?><x:xapmeta xmlns:x="adobe:ns:meta/">` + rdfOpen + body + `</rdf:RDF></x:xapmeta>`},
		// The unqualified about="" of ExifTool 4 and Photoshop 7.
		{"legacy about", rdfOpen + `<rdf:Description about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Seoul"/></rdf:RDF>`},
		// RDF as the default namespace.
		{"default namespace", `<RDF xmlns="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><Description xmlns:p="http://ns.adobe.com/photoshop/1.0/"><p:City>Seoul</p:City></Description></RDF>`},
		// Several rdf:Description elements add up.
		{"split descriptions", rdfOpen + `<rdf:Description rdf:about=""/>` + body + `<rdf:Description rdf:about="" xmlns:q="` + nsQ + `"/></rdf:RDF>`},
		// Other prefixes for the same URIs.
		{"other prefixes", `<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><r:Description xmlns:ps="http://ns.adobe.com/photoshop/1.0/" ps:City="Seoul"/></r:RDF>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantParse(t, tc.name, []byte(tc.packet), want)
		})
	}
}

// encode writes s in a UTF-16 or UTF-32 form, with or without BOM.
func encode(s string, bits int, order binary.AppendByteOrder, bom bool) []byte {
	var b []byte
	if bom {
		s = "\uFEFF" + s
	}
	if bits == 16 {
		for _, u := range utf16.Encode([]rune(s)) {
			b = order.AppendUint16(b, u)
		}
		return b
	}
	for _, r := range s {
		b = order.AppendUint32(b, uint32(r))
	}
	return b
}

func TestParseEncodings(t *testing.T) {
	// Non-BMP text checks surrogate pairs in UTF-16.
	packet := wrap("", `<photoshop:City>Zürich 판문점 𝄞</photoshop:City>`)
	want := []*Node{simple(NSPhotoshop, "City", "Zürich 판문점 𝄞")}
	tests := []struct {
		name string
		data []byte
	}{
		{"UTF-8 with BOM", append([]byte("\uFEFF"), packet...)},
		{"UTF-16BE with BOM", encode(packet, 16, binary.BigEndian, true)},
		{"UTF-16BE without BOM", encode(packet, 16, binary.BigEndian, false)},
		{"UTF-16LE with BOM", encode(packet, 16, binary.LittleEndian, true)},
		{"UTF-16LE without BOM", encode(packet, 16, binary.LittleEndian, false)},
		{"UTF-32BE with BOM", encode(packet, 32, binary.BigEndian, true)},
		{"UTF-32LE without BOM", encode(packet, 32, binary.LittleEndian, false)},
		// An XML declaration naming UTF-16 on a UTF-16 packet.
		{"UTF-16 declared", encode(`<?xml version="1.0" encoding="UTF-16"?>`+packet[strings.Index(packet, "<x:"):], 16, binary.BigEndian, true)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantParse(t, tc.name, tc.data, want) })
	}
}

// nest returns n nested property elements.
func nest(n int) string {
	return strings.Repeat("<q:d>", n) + "x" + strings.Repeat("</q:d>", n)
}

func TestParseBad(t *testing.T) {
	first := `<photoshop:City>Seoul</photoshop:City>`
	kept := []*Node{simple(NSPhotoshop, "City", "Seoul")}
	full := wrap("", first+`<photoshop:Credit>AP</photoshop:Credit>`)
	tests := []struct {
		name     string
		packet   string
		opts     *ParseOptions
		wantErr  error   // nil: a packet is expected
		want     []*Node // kept properties when wantErr is nil
		wantWarn string  // a warning must contain this
	}{
		// Billion laughs: refused before any expansion.
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>` +
			wrap("", `<q:t>&b;</q:t>`), nil, ErrDTD, nil, ""},
		// An external entity (XXE) is refused the same way.
		{"external entity", `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>` + wrap("", `<q:t>&e;</q:t>`), nil, ErrDTD, nil, ""},
		// A declaration after the root is refused too.
		{"late DOCTYPE", wrap("", first) + `<!DOCTYPE x>`, nil, ErrDTD, nil, ""},
		// Cut inside the second property: the first is kept.
		{"truncated", full[:strings.Index(full, "AP")], nil, nil, kept, "truncated"},
		// Cut before any property completes.
		{"truncated early", full[:strings.Index(full, "Seoul")], nil, ErrSyntax, nil, ""},
		// Nesting past MaxDepth after a good property.
		{"depth bomb after", wrap("", first+nest(100_000)), nil, nil, kept, "nested too deeply"},
		// Nesting past MaxDepth before anything: an error.
		{"depth bomb", wrap("", nest(100_000)), nil, ErrTooDeep, nil, ""},
		// A bag with more items than MaxNodes allows.
		{"node bomb", wrap("", first+`<dc:subject><rdf:Bag>`+strings.Repeat(`<rdf:li>k</rdf:li>`, 100)+`</rdf:Bag></dc:subject>`),
			&ParseOptions{MaxNodes: 50}, nil, kept, "too many nodes"},
		// Over MaxBytes: refused whole.
		{"too large", full, &ParseOptions{MaxBytes: 100}, ErrTooLarge, nil, ""},
		// Not XML at all.
		{"random bytes", "\x8b\x13&\xff\x00<<\x01\x02]]>", nil, ErrSyntax, nil, ""},
		// Empty input and XML without rdf:RDF.
		{"empty", "", nil, ErrNoRDF, nil, ""},
		{"no rdf", `<x:xmpmeta xmlns:x="adobe:ns:meta/"/>`, nil, ErrNoRDF, nil, ""},
		// A mismatched end tag ends the parse; earlier properties stay.
		{"mismatched end", wrap("", first+`<q:a>x</q:b>`), nil, nil, kept, "unexpected end tag"},
		// An undeclared prefix skips that property only.
		{"undeclared prefix", wrap("", `<zz:a>1</zz:a>`+first), nil, nil, kept, "undeclared namespace prefix"},
		// parseType="Literal" has no XMP meaning: skipped.
		{"parseType Literal", wrap("", `<q:a rdf:parseType="Literal"><b>x</b></q:a>`+first), nil, nil, kept, "Literal"},
		// Control characters are dropped, with a warning.
		{"control characters", wrap("", "<photoshop:City>Se\x01o\x1bul</photoshop:City>"), nil, nil, kept, "control characters"},
		// Invalid UTF-8 becomes U+FFFD, with a warning.
		{"invalid UTF-8", wrap("", "<photoshop:City>Seoul\xff</photoshop:City>"), nil, nil,
			[]*Node{simple(NSPhotoshop, "City", "Seoul\uFFFD")}, "invalid UTF-8"},
		// A repeated property keeps the last value, as ExifTool shows.
		{"duplicate", wrap(` photoshop:City="Busan"`, first), nil, nil, kept, "appears twice"},
		// Two rdf:about values disagree: the first is kept.
		{"about mismatch", `<rdf:RDF` + nsDecls + `><rdf:Description rdf:about="a"/><rdf:Description rdf:about="b">` + first + `</rdf:Description></rdf:RDF>`,
			nil, nil, kept, "disagree on rdf:about"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, warns, err := tc.opts.Parse([]byte(tc.packet))
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error = %v, want %v", err, tc.wantErr)
				}
				if p != nil {
					t.Errorf("packet = %v, want nil with an error", props(p))
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v (warnings %q)", err, warns)
			}
			if diff := cmp.Diff(tc.want, props(p)); diff != "" {
				t.Errorf("kept properties (-want +got):\n%s", diff)
			}
			if !strings.Contains(strings.Join(warns, "\n"), tc.wantWarn) {
				t.Errorf("warnings %q lack %q", warns, tc.wantWarn)
			}
		})
	}
}

func TestParseWarningsBounded(t *testing.T) {
	// Thousands of distinct faults must not give thousands of warnings.
	var b strings.Builder
	for i := range 5000 {
		b.WriteString(`<zz` + strings.Repeat("z", i%50) + `:a>1</zz` + strings.Repeat("z", i%50) + `:a>`)
	}
	_, warns, _ := Parse([]byte(wrap("", b.String()+`<photoshop:City>x</photoshop:City>`)))
	if len(warns) > maxWarnings+1 {
		t.Errorf("%d warnings, want at most %d", len(warns), maxWarnings+1)
	}
}

// TestParseTruncatedEverywhere cuts a packet at every byte: Parse never
// panics, and whatever it keeps is exactly what the whole packet says.
func TestParseTruncatedEverywhere(t *testing.T) {
	var packets [][]byte
	for _, tc := range goodPackets {
		packets = append(packets, []byte(tc.packet))
	}
	utf16Packet := encode(goodPackets[2].packet, 16, binary.BigEndian, true)
	packets = append(packets, utf16Packet)
	for _, full := range packets {
		whole, _, err := Parse(full)
		if err != nil {
			t.Fatal(err)
		}
		for cut := range len(full) {
			p, _, err := Parse(full[:cut])
			if err != nil {
				continue
			}
			for _, n := range props(p) {
				if diff := cmp.Diff(whole.Get(n.Name.NS, n.Name.Local), n); diff != "" {
					t.Fatalf("cut at %d of %q: kept a property that differs from the whole (-whole +cut):\n%s",
						cut, bytes.TrimSpace(full[:min(cut, 60)]), diff)
				}
			}
		}
	}
}

func TestAccessors(t *testing.T) {
	p, _, err := Parse([]byte(wrap(` photoshop:City="Seoul" Iptc4xmpCore:Location="Panmunjom"`,
		`<dc:description><rdf:Alt><rdf:li xml:lang="en">English</rdf:li><rdf:li xml:lang="x-default">Default</rdf:li></rdf:Alt></dc:description>`+
			`<dc:title><rdf:Alt><rdf:li xml:lang="en">Only English</rdf:li></rdf:Alt></dc:title>`+
			`<dc:creator><rdf:Seq><rdf:li>A</rdf:li><rdf:li>B</rdf:li></rdf:Seq></dc:creator>`+
			`<dc:subject><rdf:Bag/></dc:subject><q:s q:f="1"/><photoshop:State/>`)))
	if err != nil {
		t.Fatal(err)
	}
	texts := []struct {
		ns, name, want string
	}{
		{NSPhotoshop, "City", "Seoul"},            // attribute form
		{NSIptc4xmpCore, "Location", "Panmunjom"}, // Location is simple text
		{NSDC, "description", "Default"},          // x-default wins
		{NSDC, "title", "Only English"},           // no x-default: first item
		{NSDC, "creator", "A"},                    // first item of a Seq
		{NSDC, "subject", ""},                     // empty Bag
		{nsQ, "s", ""},                            // struct has no text
		{NSPhotoshop, "Headline", ""},             // absent
		{NSPhotoshop, "State", ""},                // present, empty
		{"http://other/", "City", ""},             // same local name, other namespace
		{NSDC, "Description", ""},                 // names are case-sensitive
		{NSPhotoshop, "city", ""},                 // names are case-sensitive
		{NSIptc4xmpExt, "PersonInImage", ""},      // absent array
	}
	for _, tc := range texts {
		if got := p.Text(tc.ns, tc.name); got != tc.want {
			t.Errorf("Text(%s, %s) = %q, want %q", tc.ns, tc.name, got, tc.want)
		}
	}
	lists := []struct {
		ns, name string
		want     []string
	}{
		{NSDC, "creator", []string{"A", "B"}},                 // Seq items in order
		{NSDC, "description", []string{"English", "Default"}}, // every language
		{NSPhotoshop, "City", []string{"Seoul"}},              // a simple value is one item
		{NSDC, "subject", nil},                                // empty Bag
		{NSPhotoshop, "State", nil},                           // empty simple value
		{nsQ, "s", nil},                                       // struct
		{NSIptc4xmpExt, "PersonInImage", nil},                 // absent
	}
	for _, tc := range lists {
		if diff := cmp.Diff(tc.want, p.List(tc.ns, tc.name)); diff != "" {
			t.Errorf("List(%s, %s) (-want +got):\n%s", tc.ns, tc.name, diff)
		}
	}
	for _, name := range []string{"City", "State"} {
		if !p.Has(NSPhotoshop, name) {
			t.Errorf("Has(photoshop, %s) = false, want true", name)
		}
	}
	if p.Has(NSPhotoshop, "Headline") {
		t.Error("Has(photoshop, Headline) = true for an absent property")
	}
}

// TestParseScale guards against work that grows faster than the input:
// a struct of many fields, a description of many attributes and a bag of
// many items stay linear (a quadratic step here would take minutes).
func TestParseScale(t *testing.T) {
	var fields, attrs strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&fields, "<q:f%d>v</q:f%d>", i, i)
		fmt.Fprintf(&attrs, ` q:a%d="v"`, i)
	}
	tests := []struct {
		name   string
		packet string
		check  func(p *Packet) int
		want   int
	}{
		{"struct fields", wrap("", `<q:s rdf:parseType="Resource">`+fields.String()+`</q:s>`),
			func(p *Packet) int { return len(p.Get(nsQ, "s").Fields) }, 100_000},
		{"attributes", wrap(attrs.String(), ""), (*Packet).Len, 100_000},
		{"bag items", wrap("", `<dc:subject><rdf:Bag>`+strings.Repeat(`<rdf:li>k</rdf:li>`, 150_000)+`</rdf:Bag></dc:subject>`),
			func(p *Packet) int { return len(p.List(NSDC, "subject")) }, 150_000},
	}
	for _, tc := range tests {
		p, _, err := Parse([]byte(tc.packet))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := tc.check(p); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
		if _, err := p.Marshal(nil); err != nil {
			t.Errorf("%s: Marshal: %v", tc.name, err)
		}
	}
}
