package archive

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/iptc"
	"github.com/cutline/cutline/internal/jpegmeta"
	"github.com/cutline/cutline/internal/synth"
	"github.com/cutline/cutline/internal/xmp"
	"github.com/google/go-cmp/cmp"
)

// exportFixture is a self-made JPEG for the export tests: synth pixels in
// one colour layout with metadata written through the codecs, covering
// what the corpus covers (and skips without it).
type exportFixture struct {
	name string
	data []byte
}

// rawIIM writes IIM datasets as given, without the 1:90 and 2:00 that
// iptc.Encode adds, to make files in legacy character sets.
func rawIIM(ds ...iptc.Dataset) []byte {
	var out []byte
	for _, d := range ds {
		out = append(out, 0x1C, d.Record, d.Number)
		out = binary.BigEndian.AppendUint16(out, uint16(len(d.Value)))
		out = append(out, d.Value...)
	}
	return out
}

func ds(record, number uint8, v string) iptc.Dataset {
	return iptc.Dataset{Record: record, Number: number, Value: []byte(v)}
}

// resolutionInfo is a Photoshop 0x03ED resource (72 dpi), which ExifTool
// reports as Photoshop:XResolution and YResolution: a resource export must
// keep.
var resolutionInfo = iptc.Resource{ID: 0x03ED, Data: []byte{0, 72, 0, 0, 0, 1, 0, 1, 0, 72, 0, 0, 0, 1, 0, 1}}

// handXMP is a packet as Adobe and Photo Mechanic write them: attributes
// and elements, a lang-alt with two languages, structs, a bag of structs
// and a property of an unknown namespace.
const handXMP = `<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Hand 1.0">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
  xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
  xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/"
  xmlns:test="http://example.com/cutline-test/1.0/"
  photoshop:Credit="Old Credit" photoshop:City="Genève" xmp:CreatorTool="Hand 1.0"
  photoshop:DateCreated="2001-02-03">
 <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Old caption</rdf:li><rdf:li xml:lang="de">Alte Bildunterschrift</rdf:li></rdf:Alt></dc:description>
 <dc:creator><rdf:Seq><rdf:li>Old Photographer</rdf:li></rdf:Seq></dc:creator>
 <dc:subject><rdf:Bag><rdf:li>old</rdf:li><rdf:li>keyword</rdf:li></rdf:Bag></dc:subject>
 <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Untouched title</rdf:li></rdf:Alt></dc:title>
 <Iptc4xmpCore:CreatorContactInfo rdf:parseType="Resource"><Iptc4xmpCore:CiEmailWork>desk@example.com</Iptc4xmpCore:CiEmailWork><Iptc4xmpCore:CiAdrCity>Genève</Iptc4xmpCore:CiAdrCity></Iptc4xmpCore:CreatorContactInfo>
 <Iptc4xmpExt:LocationCreated><rdf:Bag><rdf:li rdf:parseType="Resource"><Iptc4xmpExt:City>Bern</Iptc4xmpExt:City><Iptc4xmpExt:CountryName>Schweiz</Iptc4xmpExt:CountryName></rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>
 <test:Note>untouched ünïcode</test:Note>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`

// exportFixtures builds the self-made originals.
func exportFixtures(t testing.TB) []exportFixture {
	t.Helper()
	mk := func(seed int64, layout synth.Layout, ex *synth.EXIF) []byte {
		data, err := synth.JPEG(seed, 96, 64, &synth.JPEGOptions{Layout: layout, EXIF: ex})
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	with := func(data []byte, r jpegmeta.Replace) []byte {
		out, err := jpegmeta.Rewrite(data, r)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	exif := &synth.EXIF{Orientation: 6, Make: "Canon", Model: "EOS R5", Taken: time.Date(2020, 9, 16, 10, 4, 5, 0, time.FixedZone("", 9*3600))}

	// Windows-1252 IIM without 1:90, envelope text, a stale digest, an
	// odd-sized resource and the resolution resource.
	latin := rawIIM(
		iptc.Dataset{Record: 1, Number: 0, Value: []byte{0, 4}},
		ds(1, 5, "M\xfcller Desk"),
		iptc.Dataset{Record: 2, Number: 0, Value: []byte{0, 2}},
		ds(2, 5, "Z\xfcrich Stadt"),
		ds(2, 25, "caf\xe9"), ds(2, 25, "na\xefve"),
		ds(2, 40, "No sales \x96 editorial only"),
		ds(2, 80, "Jos\xe9 Garc\xeda"), ds(2, 80, "Ana"),
		ds(2, 90, "Z\xfcrich"), ds(2, 101, "Schweiz"),
		ds(2, 105, "Old headline \x97 ok"), ds(2, 110, "Old credit"),
		ds(2, 116, "\xa9 1999 Agency"), ds(2, 120, "Old caption with \x93quotes\x94"),
	)
	latinPS := iptc.EncodeResources([]iptc.Resource{
		resolutionInfo,
		{ID: 0x0404, Data: latin},
		{ID: 0x0425, Data: make([]byte, 16)},
		{ID: 0x0428, Data: []byte{1, 2, 3}},
	})

	// UTF-8 IIM agreeing with the hand-written XMP, with a date and time.
	utf := iptc.Encode([]iptc.Dataset{
		iptc.TextDataset(iptc.ObjectName, "Untouched title"),
		iptc.TextDataset(iptc.Keywords, "old"), iptc.TextDataset(iptc.Keywords, "keyword"),
		iptc.TextDataset(iptc.DateCreated, "20010203"),
		iptc.TextDataset(iptc.Byline, "Old Photographer"),
		iptc.TextDataset(iptc.City, "Genève"),
		iptc.TextDataset(iptc.Credit, "Old Credit"),
		iptc.TextDataset(iptc.Caption, "Old caption"),
	})
	utfPS := iptc.EncodeResources(iptc.WithIIM([]iptc.Resource{resolutionInfo}, utf))

	// ISO 8859-1 declared by 1:90 ESC - A.
	declared := rawIIM(ds(1, 90, "\x1b-A"), iptc.Dataset{Record: 2, Number: 0, Value: []byte{0, 4}},
		ds(2, 105, "K\xf6ln"), ds(2, 120, "Caption \xe0 la carte"), ds(2, 115, "Agence \xc9tat"))

	// A packet too large for one APP1: a big property of another schema.
	big := xmp.NewPacket()
	if err := big.SetText("http://example.com/cutline-test/1.0/", "Blob", strings.Repeat("0123456789abcdef", 6000)); err != nil {
		t.Fatal(err)
	}
	if err := big.SetText(xmp.NSPhotoshop, "Headline", "Old headline"); err != nil {
		t.Fatal(err)
	}
	std, ext, guid, err := big.MarshalSplit(0)
	if err != nil || ext == nil {
		t.Fatalf("extended fixture: %v (ext %d bytes)", err, len(ext))
	}

	comment := func(data []byte, text string) []byte {
		seg := []byte{0xFF, 0xFE, 0, 0}
		binary.BigEndian.PutUint16(seg[2:], uint16(2+len(text)))
		seg = append(seg, text...)
		return slices.Concat(data[:2], seg, data[2:])
	}
	return []exportFixture{
		// No metadata at all: IIM and XMP are created.
		{"plain.jpg", mk(1, synth.YCbCr420, nil)},
		// EXIF, legacy IIM, other resources: re-encoding to UTF-8.
		{"latin.jpg", with(mk(2, synth.YCbCr422, exif), jpegmeta.Replace{Photoshop: latinPS})},
		// IIM and XMP that agree, grayscale.
		{"both.jpeg", with(mk(3, synth.Grayscale, exif), jpegmeta.Replace{XMP: []byte(handXMP), Photoshop: utfPS})},
		// XMP only, Adobe CMYK, a comment segment.
		{"cmyk.JPG", comment(with(mk(4, synth.CMYK, nil), jpegmeta.Replace{XMP: []byte(handXMP)}), "kept comment")},
		// Extended XMP in the original, IIM in a declared ISO 8859-1, RGB.
		{"extended.jpg", with(mk(5, synth.RGB, nil), jpegmeta.Replace{XMP: std, ExtendedXMP: ext, ExtendedGUID: guid,
			Photoshop: iptc.EncodeResources(iptc.WithIIM(nil, declared))})},
		// YCCK with EXIF only.
		{"ycck.jpg", mk(6, synth.YCCK, exif)},
	}
}

// adobeFixtures are the two originals of the Photoshop defect: exports
// that mirrored only the edited fields into XMP, under a digest claiming
// that IIM and XMP agree, so that Adobe's XMP Toolkit (which then reads
// XMP alone) lost or contradicted untouched fields.
func adobeFixtures(t testing.TB) []exportFixture {
	t.Helper()
	base, err := synth.JPEG(8, 80, 60, nil)
	if err != nil {
		t.Fatal(err)
	}
	with := func(r jpegmeta.Replace) []byte {
		out, err := jpegmeta.Rewrite(base, r)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	// IIM only, Windows-1252 without 1:90, no digest: Adobe imports it
	// into XMP as long as no digest says otherwise.
	iimOnly := rawIIM(
		iptc.Dataset{Record: 2, Number: 0, Value: []byte{0, 2}},
		ds(2, 5, "Hochwasser Z\xfcrich"),
		ds(2, 25, "Hochwasser"), ds(2, 25, "Z\xfcrich"),
		ds(2, 55, "20240303"), ds(2, 60, "101500+0100"),
		ds(2, 80, "Beat M\xfcller"),
		ds(2, 90, "Z\xfcrich"), ds(2, 101, "Schweiz"),
		ds(2, 105, "\xdcberschwemmung in Z\xfcrich \x97 Stra\xdfen gesperrt"),
		ds(2, 116, "\xa9 2024 Keystone"),
		ds(2, 120, "Feuerwehrleute in der Altstadt von Z\xfcrich, 3. M\xe4rz 2024."),
	)
	// IIM and XMP disagree on headline, by-line and city (XMP wins on
	// read), each holds a field the other lacks, and the digest is
	// current: the original already claims agreement falsely.
	disagreeIIM := iptc.Encode([]iptc.Dataset{
		iptc.TextDataset(iptc.Byline, "IIM Photographer"),
		iptc.TextDataset(iptc.City, "Bern"),
		iptc.TextDataset(iptc.Headline, "Old IIM headline"),
		iptc.TextDataset(iptc.Credit, "Old credit"),
		iptc.TextDataset(iptc.Caption, "Caption held only in IIM"),
	})
	pkt := xmp.NewPacket()
	for _, kv := range [][3]string{
		{xmp.NSPhotoshop, "Headline", "XMP headline wins"},
		{xmp.NSPhotoshop, "City", "Genève"},
		{xmp.NSPhotoshop, "Credit", "Old credit"},
		{xmp.NSPhotoshop, "Source", "Source held only in XMP"},
	} {
		if err := pkt.SetText(kv[0], kv[1], kv[2]); err != nil {
			t.Fatal(err)
		}
	}
	if err := pkt.SetSeq(xmp.NSDC, "creator", []string{"XMP Photographer"}); err != nil {
		t.Fatal(err)
	}
	disagreeXMP, err := pkt.Marshal(nil)
	if err != nil {
		t.Fatal(err)
	}
	return []exportFixture{
		{"iimonly.jpg", with(jpegmeta.Replace{Photoshop: iptc.EncodeResources([]iptc.Resource{resolutionInfo, {ID: 0x0404, Data: iimOnly}})})},
		{"disagree.jpg", with(jpegmeta.Replace{XMP: disagreeXMP, Photoshop: iptc.EncodeResources(iptc.WithIIM([]iptc.Resource{resolutionInfo}, disagreeIIM))})},
	}
}

// creditEdit is the edit of the defect's report: the credit alone.
func creditEdit(f caption.Fields) caption.Fields {
	f.Credit = "Zürich Desk"
	return f
}

// oracleEdit sets the fields the issue names to new values with non-ASCII
// text, some over their IIM limits.
func oracleEdit(f caption.Fields, withDate bool) caption.Fields {
	f.Headline = "이인영 Lee In-young — Panmunjom, 판문점"
	f.Description = "Unification Minister 이인영 Lee In-young (C) visits the truce village of Panmunjom, 판문점, " +
		"on Sept. 16, 2020, before talks in São Paulo and Zürich.\n(AP Photo/Ahn Young-joon, Pool)"
	f.Byline = []string{"이인영 Lee In-young — Panmunjom, 판문점", "Ahn Young-joon"}
	f.Credit = "AP Photo/Zürich"
	f.Source = "São Paulo Bureau"
	f.Copyright = "© 2020 Zürich Press AG — 판문점"
	f.City = "São Paulo"
	f.Country = "Zürich"
	f.Keywords = []string{"판문점", "São Paulo", "Zürich", "Lee In-young", "a keyword that runs well past the sixty-four bytes IIM allows for 2:25"}
	f.PersonsShown = []string{"이인영 Lee In-young", "Ahn Young-joon"}
	if withDate {
		f.DateCreated = "2020-09-16T14:22:05+09:00"
	}
	return f
}

// ingestFixtures writes the fixtures into a folder, ingests them, and
// returns the IDs by file name.
func ingestFixtures(t *testing.T, s *Store, fx []exportFixture) (dir string, ids map[string]ID) {
	t.Helper()
	dir = t.TempDir()
	for _, f := range fx {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := s.Ingest(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rejected) > 0 || len(rep.Ingested) != len(fx) {
		t.Fatalf("ingest: %+v", rep)
	}
	ids = map[string]ID{}
	for _, in := range rep.Ingested {
		ids[filepath.Base(in.Path)] = in.ID
	}
	return dir, ids
}

func edit(t *testing.T, s *Store, id ID, fn func(caption.Fields) caption.Fields) caption.Fields {
	t.Helper()
	p, _, err := s.Update(context.Background(), id, "tester", func(p *Photo) (caption.Fields, error) {
		return fn(p.Caption), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return p.Caption
}

// imageData returns everything from the first SOS marker to the end.
func imageData(t testing.TB, data []byte) []byte {
	t.Helper()
	f, err := jpegmeta.Scan(data)
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	return data[f.SOSOffset:]
}

// otherSegments returns the bytes of every segment export must keep (all
// but XMP, extended XMP and Photoshop APP13), in order.
func otherSegments(t testing.TB, data []byte) [][]byte {
	t.Helper()
	f, err := jpegmeta.Scan(data)
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	var out [][]byte
	for _, s := range f.Segments {
		switch s.Kind {
		case jpegmeta.KindXMP, jpegmeta.KindExtendedXMP, jpegmeta.KindPhotoshop:
			continue
		}
		out = append(out, data[s.Offset:s.Offset+s.Length])
	}
	return out
}

// checkKept checks what an export must never change: the image data from
// SOS on, the other segments, and the decoded pixels (when image/jpeg can
// decode the original at all).
func checkKept(t *testing.T, label string, orig, out []byte, decode bool) {
	t.Helper()
	if !bytes.Equal(imageData(t, orig), imageData(t, out)) {
		t.Errorf("%s: the bytes from SOS to EOI changed", label)
	}
	if !slices.EqualFunc(otherSegments(t, orig), otherSegments(t, out), bytes.Equal) {
		t.Errorf("%s: a segment other than XMP and APP13 changed, moved or vanished", label)
	}
	if !decode {
		return
	}
	a, _, errA := image.Decode(bytes.NewReader(orig))
	if errA != nil {
		return // image/jpeg cannot decode it (12-bit, arithmetic...): the byte checks stand
	}
	b, _, errB := image.Decode(bytes.NewReader(out))
	if errB != nil {
		t.Errorf("%s: the original decodes but the export does not: %v", label, errB)
	} else if !reflect.DeepEqual(a, b) {
		t.Errorf("%s: decoded pixels differ", label)
	}
}

var _ = jpeg.Decode // registers the JPEG decoder for image.Decode

// iimOf decodes the IIM of a JPEG and returns it with the Photoshop
// resources it came from.
func iimOf(t testing.TB, data []byte) (*iptc.Record, []iptc.Resource) {
	t.Helper()
	f, err := jpegmeta.Scan(data)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := iptc.ParseResources(f.Photoshop)
	r, ok := iptc.Find(res, iptc.ResourceIIM)
	if !ok {
		return nil, res
	}
	rec, _ := iptc.Decode(r.Data)
	return rec, res
}

// wantIIM returns what the IIM must hold for a field after an export that
// wrote values: each cut to the dataset's limit on a UTF-8 boundary.
func wantIIM(m fieldMapping, values []string) []string {
	var out []string
	for _, v := range values {
		if n := iptc.MaxLen(m.iim); len(v) > n {
			v, _ = iptc.CutUTF8(v, n)
		}
		out = append(out, v)
	}
	return out
}

// wantIIMAfter returns what the IIM of an export must hold for field m
// (not the date) when the current caption is cur: the original's
// datasets when they already read as the current values, whole or cut to
// the limit (blank datasets counting as absent, as everywhere in cutline);
// otherwise the current values cut to the limit.
func wantIIMAfter(orig *iptc.Record, m fieldMapping, cur *caption.Fields) []string {
	vals := exportValues(cur, m)
	cut := cleanList(wantIIM(m, vals))
	if orig != nil {
		have := orig.List(m.iim)
		if c := cleanList(have); slices.Equal(c, vals) || slices.Equal(c, cut) {
			return have
		}
	}
	return cut
}

// xmpOf returns the XMP model of a JPEG (standard and extended merged),
// an empty one when it has none.
func xmpOf(t testing.TB, data []byte) *xmp.Packet {
	t.Helper()
	f, err := jpegmeta.Scan(data)
	if err != nil {
		t.Fatal(err)
	}
	if f.XMP == nil {
		return xmp.NewPacket()
	}
	p, _, err := xmp.ParseWithExtended(f.XMP, f.ExtendedXMP)
	if err != nil {
		t.Fatalf("XMP: %v", err)
	}
	return p
}

// checkMirrored checks that an export of orig carries the current caption
// cur in both containers: XMP alone reads as the whole caption (what
// Adobe's XMP Toolkit reads once the digest is current), IIM alone holds
// every field IIM can, cut to its limits, keeping datasets that already
// held the current value, and the digest is current.
func checkMirrored(t *testing.T, orig, out []byte, cur *caption.Fields) {
	t.Helper()
	want := exportedCaption(*cur)
	if diff := cmp.Diff(want, mergeCaptionXMP(xmpOf(t, out))); diff != "" {
		t.Errorf("XMP alone (-current +XMP):\n%s", diff)
	}
	origRec, _ := iimOf(t, orig)
	rec, res := iimOf(t, out)
	for _, m := range fieldMappings {
		if m.iim == 0 || m.field == "dateCreated" {
			continue
		}
		var got []string
		if rec != nil {
			got = rec.List(m.iim)
		}
		if want := wantIIMAfter(origRec, m, cur); !slices.Equal(got, want) {
			t.Errorf("IIM %s: got %q, want %q", m.iim, got, want)
		}
	}
	// The date reads back in its IIM form (no fraction of a second), or
	// whole when the original's IIM already held it so.
	wantDate, gotDate := "", ""
	if d, tm, err := iptc.IIMDateTime(want.DateCreated); err == nil {
		wantDate, _ = iptc.DateTimeISO(d, tm)
	}
	if rec != nil {
		gotDate = rec.DateCreated()
	}
	if gotDate != wantDate && (wantDate == "" || gotDate != want.DateCreated) {
		t.Errorf("IIM date created %q, want %q", gotDate, wantDate)
	}
	if rec == nil {
		return
	}
	if rec.Charset != "UTF-8" {
		t.Errorf("IIM charset %q, want UTF-8", rec.Charset)
	}
	iim, _ := iptc.Find(res, iptc.ResourceIIM)
	dg, ok := iptc.Find(res, iptc.ResourceDigest)
	if sum := iptc.Digest(iim.Data); !ok || !bytes.Equal(dg.Data, sum[:]) {
		t.Errorf("IPTC digest %x, want %x", dg.Data, sum)
	}
}

// exportedCaption is f as an export writes it (blank items dropped).
func exportedCaption(f caption.Fields) caption.Fields {
	var out caption.Fields
	for _, m := range fieldMappings {
		if err := out.Set(m.field, exportValues(&f, m)...); err != nil {
			panic(err)
		}
	}
	return out
}

func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	fx := append(exportFixtures(t), adobeFixtures(t)...)
	dir, ids := ingestFixtures(t, s, fx)
	long := strings.Repeat("Caption text with 판문점 and São Paulo. ", 80) // > 2,000 bytes

	cases := []struct {
		name string
		file string
		fn   func(caption.Fields) caption.Fields
		same bool // the export must be the original, byte for byte
	}{
		// Nothing edited, IIM and XMP agreeing on every field: nothing to
		// write (this runs before the edits below change both.jpeg).
		{"agreeing untouched", "both.jpeg", func(f caption.Fields) caption.Fields { return f }, true},
		// Nothing edited in an IIM-only file: XMP gets every field.
		{"IIM only untouched", "latin.jpg", func(f caption.Fields) caption.Fields { return f }, false},
		// The defect's report: the credit edited in a Windows-1252 IIM
		// without XMP; XMP must get the untouched headline and by-line.
		{"IIM only, credit", "iimonly.jpg", creditEdit, false},
		// IIM and XMP disagreeing on untouched fields: IIM takes the
		// current (XMP's) values, each container gets what it lacked.
		{"disagreeing, credit", "disagree.jpg", creditEdit, false},
		// Every field the issue names, plus a date, on a file without metadata.
		{"new containers", "plain.jpg", func(f caption.Fields) caption.Fields { return oracleEdit(f, true) }, false},
		// One edit in a legacy IIM: the rest must read the same in UTF-8.
		{"legacy charset", "latin.jpg", func(f caption.Fields) caption.Fields { f.Headline = "Neue Schlagzeile für Zürich"; return f }, false},
		// Cleared fields vanish from both containers; a date with no time.
		{"clear and date", "both.jpeg", func(f caption.Fields) caption.Fields {
			f.Credit, f.Byline, f.City, f.DateCreated = "", nil, "", "2024-05-01"
			return f
		}, false},
		// A caption over the IIM limit, a date IIM cannot hold, a list with
		// blank items, text with a tab and a carriage return.
		{"limits", "cmyk.JPG", func(f caption.Fields) caption.Fields {
			f.Description, f.DateCreated = long, "2024-05"
			f.Keywords = []string{"one", "  ", "two\tthree", "cr\r\nlf"}
			f.Instructions, f.CountryCode = "Embargo\t12:00", "CHE"
			return f
		}, false},
		// Extended XMP in and out, a declared ISO 8859-1 IIM.
		{"extended", "extended.jpg", func(f caption.Fields) caption.Fields { return oracleEdit(f, false) }, false},
		// A caption too large for one APP1: it moves to extended XMP.
		{"extended out", "plain.jpg", func(f caption.Fields) caption.Fields {
			f.Description = strings.Repeat("판문점 Panmunjom ", 5000)
			return f
		}, false},
		// Nothing edited and no caption at all: the file is left as it is.
		{"untouched", "ycck.jpg", func(f caption.Fields) caption.Fields { return f }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := ids[c.file]
			cur := edit(t, s, id, c.fn)
			out, warnings, err := s.ExportBytes(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			orig, err := os.ReadFile(filepath.Join(dir, c.file))
			if err != nil {
				t.Fatal(err)
			}
			checkKept(t, c.file, orig, out, true)
			a, err := analyze(out, DefaultMaxPixels)
			if err != nil {
				t.Fatal(err)
			}
			// Blank list items are the one thing an export normalises
			// away (cutline treats blank as absent); the "limits" case
			// stores one on purpose.
			want := exportedCaption(cur)
			if c.name != "limits" && !want.Equal(cur) {
				t.Errorf("exportedCaption changed a caption without blanks:\n%s", cmp.Diff(cur, want))
			}
			if diff := cmp.Diff(want, a.caption); diff != "" {
				t.Errorf("read back (-current +export):\n%s", diff)
			}

			checkMirrored(t, orig, out, &cur)
			if c.same && !bytes.Equal(out, orig) {
				t.Errorf("the export changed a file whose containers already held the caption")
			}
			again, _, err := s.ExportBytes(ctx, id)
			if err != nil || !bytes.Equal(again, out) {
				t.Errorf("a second export differs (err %v)", err)
			}
			t.Logf("%d bytes → %d bytes; warnings %q", len(orig), len(out), warnings)
		})
	}
}

// TestExportIIMDetails checks the IIM block itself: untouched datasets
// keep their bytes (or are re-encoded to UTF-8 from a legacy charset),
// edited ones replace the old ones in place, new ones go in number order.
func TestExportIIMDetails(t *testing.T) {
	fx := exportFixtures(t)
	byName := map[string][]byte{}
	for _, f := range fx {
		byName[f.name] = f.data
	}
	tests := []struct {
		name string
		file string
		edit func(*caption.Fields)
		want []iptc.Dataset
	}{
		// The legacy text of record 2 is re-encoded, the envelope (which
		// 1:90 does not govern) kept, 2:105 replaced where it was, 2:00
		// rewritten.
		{"legacy", "latin.jpg", func(f *caption.Fields) { f.Headline = "Zürich" }, []iptc.Dataset{
			ds(1, 90, iptc.CharsetUTF8),
			{Record: 1, Number: 0, Value: []byte{0, 4}},
			ds(1, 5, "M\xfcller Desk"),
			{Record: 2, Number: 0, Value: []byte{0, 4}},
			ds(2, 5, "Zürich Stadt"), ds(2, 25, "café"), ds(2, 25, "naïve"),
			ds(2, 40, "No sales – editorial only"),
			ds(2, 80, "José García"), ds(2, 80, "Ana"), ds(2, 90, "Zürich"), ds(2, 101, "Schweiz"),
			ds(2, 105, "Zürich"), ds(2, 110, "Old credit"), ds(2, 116, "© 1999 Agency"),
			ds(2, 120, "Old caption with “quotes”"),
		}},
		// New tags go before the first higher one; a repeated tag is
		// replaced as a group; the date gets its time dataset.
		{"insert", "both.jpeg", func(f *caption.Fields) {
			f.Keywords = []string{"a", "b", "c"}
			f.Source = "Wire"
			f.CaptionWriter = "ed"
			f.DateCreated = "2020-09-16T14:22:05+09:00"
		}, []iptc.Dataset{
			ds(1, 90, iptc.CharsetUTF8), {Record: 2, Number: 0, Value: []byte{0, 4}},
			ds(2, 5, "Untouched title"), ds(2, 25, "a"), ds(2, 25, "b"), ds(2, 25, "c"),
			ds(2, 55, "20200916"), ds(2, 60, "142205+0900"),
			ds(2, 80, "Old Photographer"), ds(2, 90, "Genève"), ds(2, 110, "Old Credit"),
			ds(2, 115, "Wire"), ds(2, 120, "Old caption"), ds(2, 122, "ed"),
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			orig := byName[tc.file]
			a, err := analyze(orig, DefaultMaxPixels)
			if err != nil {
				t.Fatal(err)
			}
			cur := a.caption
			tc.edit(&cur)
			out, _, err := exportJPEG(orig, &cur)
			if err != nil {
				t.Fatal(err)
			}
			rec, res := iimOf(t, out)
			if rec == nil {
				t.Fatal("no IIM")
			}
			if diff := cmp.Diff(tc.want, rec.Datasets); diff != "" {
				t.Errorf("datasets (-want +got):\n%s", diff)
			}
			_, origRes := iimOf(t, orig)
			var keptIDs, origIDs []uint16
			for _, r := range res {
				keptIDs = append(keptIDs, r.ID)
			}
			for _, r := range origRes {
				origIDs = append(origIDs, r.ID)
			}
			if tc.file == "latin.jpg" && !slices.Equal(keptIDs, origIDs) {
				t.Errorf("resources %04X, want %04X (order kept)", keptIDs, origIDs)
			}
		})
	}
}

func TestExportName(t *testing.T) {
	id := ID(strings.Repeat("ab", 32))
	tests := []struct {
		in, want string
	}{
		{"IMG_0001.JPG", "IMG_0001.jpg"},                                      // a JPEG extension is replaced
		{"photo.jpeg", "photo.jpg"},                                           // another one
		{"scan.png", "scan.png.jpg"},                                          // another extension is kept
		{"../../etc/passwd", "passwd.jpg"},                                    // the last path element only
		{`C:\Users\x\evil.jpg`, "evil.jpg"},                                   // Windows separators too
		{".hidden.jpg", "hidden.jpg"},                                         // no hidden files
		{"..", "abababababab.jpg"},                                            // nothing left: the ID prefix
		{"", "abababababab.jpg"},                                              // no name at all
		{"-rf.jpg", "rf.jpg"},                                                 // nothing that reads as an option
		{"a\x00b\nc\x1b.jpg", "abc.jpg"},                                      // control characters dropped
		{"evil\u202egpj.exe", "evilgpj.exe.jpg"},                              // bidi override dropped
		{`what?<>:"|*.jpg`, "what_______.jpg"},                                // characters Windows refuses
		{"CON.jpg", "_CON.jpg"},                                               // a Windows device name
		{"lpt1", "_lpt1.jpg"},                                                 // another one
		{"bad\xff\xfeutf8.jpg", "badutf8.jpg"},                                // invalid UTF-8 dropped
		{"trailing. . .jpg", "trailing.jpg"},                                  // no trailing dots or spaces
		{"판문점 이인영.jpg", "판문점 이인영.jpg"},                                        // Unicode kept
		{strings.Repeat("판", 100) + ".jpg", strings.Repeat("판", 50) + ".jpg"}, // bounded, on a rune boundary
	}
	for _, tc := range tests {
		got := ExportName(&Photo{ID: id, Name: tc.in})
		if got != tc.want {
			t.Errorf("ExportName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestExportFiles(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	fx := exportFixtures(t)[:2]
	srcDir, ids := ingestFixtures(t, s, fx)
	plain, latin := ids["plain.jpg"], ids["latin.jpg"]
	edit(t, s, plain, func(f caption.Fields) caption.Fields { return oracleEdit(f, true) })

	out := filepath.Join(t.TempDir(), "out")
	// A file already there keeps its bytes: the export goes to plain-2.jpg.
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "plain.jpg"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := ID(strings.Repeat("0", 64))
	res, err := s.Export(ctx, []ID{plain, missing, latin, plain}, out, &ExportOptions{Sidecar: true})
	if err != nil {
		t.Fatal(err)
	}
	type brief struct{ Path, Sidecar string }
	var got []brief
	for _, r := range res {
		got = append(got, brief{filepath.Base(r.Path), filepath.Base(r.Sidecar)})
	}
	want := []brief{{"plain-2.jpg", "plain-2.xmp"}, {".", "."}, {"latin.jpg", "latin.xmp"}, {"plain-3.jpg", "plain-3.xmp"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if res[1].Error == "" {
		t.Errorf("exporting a missing photo gave no error")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "plain.jpg")); string(b) != "mine" {
		t.Errorf("an existing file was overwritten")
	}
	a, _ := os.ReadFile(res[0].Path)
	b, _ := os.ReadFile(res[3].Path)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("two exports of one photo differ (%d and %d bytes)", len(a), len(b))
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	// The originals, in the archive and where they were ingested from,
	// are untouched.
	for _, f := range fx {
		b, err := os.ReadFile(filepath.Join(srcDir, f.name))
		if err != nil || !bytes.Equal(b, f.data) {
			t.Errorf("%s changed on disk", f.name)
		}
		stored, err := s.Originals.Read(IDOf(f.data))
		if err != nil || !bytes.Equal(stored, f.data) {
			t.Errorf("%s changed in the archive", f.name)
		}
	}
	// The sidecar carries the whole current caption, including fields the
	// original held only in IIM.
	for _, r := range []ExportResult{res[0], res[2]} {
		side, err := os.ReadFile(r.Sidecar)
		if err != nil {
			t.Fatal(err)
		}
		pkt, _, err := xmp.Parse(side)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := s.Photo(ctx, r.ID)
		got := mergeCaptionXMP(pkt)
		if diff := cmp.Diff(p.Caption, got); diff != "" {
			t.Errorf("%s sidecar (-caption +sidecar):\n%s", filepath.Base(r.Sidecar), diff)
		}
	}
}

// mergeCaptionXMP reads a caption from XMP alone, as the ingest does.
func mergeCaptionXMP(p *xmp.Packet) caption.Fields {
	f, _ := mergeCaption(nil, p, &exifInfo{})
	return f
}

// TestExportMPF checks the warning for a multi-picture index that an
// export leaves pointing off its secondary images.
func TestExportMPF(t *testing.T) {
	base, err := synth.JPEG(7, 64, 48, &synth.JPEGOptions{EXIF: &synth.EXIF{Make: "Phone"}})
	if err != nil {
		t.Fatal(err)
	}
	seg := func(marker byte, payload string) []byte {
		s := []byte{0xFF, marker, 0, 0}
		binary.BigEndian.PutUint16(s[2:], uint16(2+len(payload)))
		return append(s, payload...)
	}
	mpf := seg(0xE2, "MPF\x00II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	xmpSeg := seg(0xE1, "http://ns.adobe.com/xap/1.0/\x00"+handXMP)
	f, err := jpegmeta.Scan(base)
	if err != nil {
		t.Fatal(err)
	}
	var exifEnd int
	for _, s := range f.Segments {
		if s.Kind == jpegmeta.KindEXIF {
			exifEnd = s.Offset + s.Length
		}
	}
	tests := []struct {
		name string
		data []byte
		warn bool
	}{
		// A new XMP goes after the EXIF, before the MPF: everything after
		// it moves together.
		{"xmp before", slices.Concat(base[:exifEnd], mpf, base[exifEnd:]), false},
		// The XMP sits after the MPF and grows: the index stays, the
		// images after EOI move.
		{"xmp after", slices.Concat(base[:exifEnd], mpf, xmpSeg, base[exifEnd:]), true},
	}
	for _, tc := range tests {
		a, err := analyze(tc.data, DefaultMaxPixels)
		if err != nil {
			t.Fatal(err)
		}
		cur := oracleEdit(a.caption, false)
		_, warnings, err := exportJPEG(tc.data, &cur)
		if err != nil {
			t.Fatal(err)
		}
		got := slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, "MPF") })
		if got != tc.warn {
			t.Errorf("%s: MPF warning %v, want %v (warnings %q)", tc.name, got, tc.warn, warnings)
		}
	}
}
