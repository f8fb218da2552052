package xmp

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cutline/cutline/internal/testcorpus"
	"github.com/google/go-cmp/cmp"
)

// bigPacket has the caption fields plus a large and a medium property of
// other namespaces, like a Lightroom export with a preview thumbnail.
func bigPacket(t *testing.T, description string, thumb int) *Packet {
	t.Helper()
	p := NewPacket()
	mustSet(t, p.SetLangAlt(NSDC, "description", description))
	mustSet(t, p.SetText(NSPhotoshop, "Headline", "Summit at Panmunjom"))
	mustSet(t, p.SetSeq(NSDC, "creator", []string{"Lee In-young"}))
	mustSet(t, p.SetText(NSPhotoshop, "Credit", "AP"))
	mustSet(t, p.SetText(nsQ, "Small", "tiny"))
	mustSet(t, p.SetText(nsQ, "Medium", strings.Repeat("m", 5000)))
	if thumb > 0 {
		mustSet(t, p.SetText(NSXMP, "Thumbnail", strings.Repeat("QUJD", thumb/4)))
	}
	// A stale note from the source file must never be copied.
	mustSet(t, p.SetText(NSXMPNote, "HasExtendedXMP", "0123456789ABCDEF0123456789ABCDEF"))
	return p
}

func md5Upper(b []byte) string {
	s := md5.Sum(b)
	return strings.ToUpper(hex.EncodeToString(s[:]))
}

func TestMarshalSplitFits(t *testing.T) {
	p := bigPacket(t, "short caption", 0)
	std, ext, guid, err := p.MarshalSplit(0)
	if err != nil {
		t.Fatal(err)
	}
	if ext != nil || guid != "" {
		t.Errorf("ext %d bytes, guid %q for a packet that fits", len(ext), guid)
	}
	q, _, err := Parse(std)
	if err != nil {
		t.Fatal(err)
	}
	if q.Has(NSXMPNote, "HasExtendedXMP") {
		t.Error("a stale xmpNote:HasExtendedXMP was copied into the standard packet")
	}
	if got := q.Text(NSDC, "description"); got != "short caption" {
		t.Errorf("description = %q", got)
	}
	// Padding shrinks to the limit rather than overflowing it.
	bare, _, _ := mustSplit(t, p, len(std)-DefaultPadding+10)
	if want := len(std) - DefaultPadding + 10; len(bare) != want {
		t.Errorf("with room for 10 bytes of padding: %d bytes, want %d", len(bare), want)
	}
}

func mustSplit(t *testing.T, p *Packet, maxStd int) (std, ext []byte, guid string) {
	t.Helper()
	std, ext, guid, err := p.MarshalSplit(maxStd)
	if err != nil {
		t.Fatal(err)
	}
	return std, ext, guid
}

func TestMarshalSplitMovesLargestFirst(t *testing.T) {
	p := bigPacket(t, "A caption that must stay in the standard packet.", 100_000)
	std, ext, guid := mustSplit(t, p, 0)
	if len(std) > MaxStandardPacket {
		t.Errorf("standard packet is %d bytes, limit %d", len(std), MaxStandardPacket)
	}
	if guid != md5Upper(ext) {
		t.Errorf("guid %s is not the MD5 of ext (%s)", guid, md5Upper(ext))
	}
	if bytes.Contains(ext, []byte("<?xpacket")) || !bytes.HasSuffix(ext, []byte("</x:xmpmeta>\n")) {
		t.Errorf("ext has a packet wrapper or padding: ...%q", ext[max(0, len(ext)-40):])
	}
	s, _, err := Parse(std)
	if err != nil {
		t.Fatal(err)
	}
	e, _, err := Parse(ext)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Text(NSXMPNote, "HasExtendedXMP"); got != guid {
		t.Errorf("standard packet names %q, want %q", got, guid)
	}
	if diff := cmp.Diff([]Name{{NSXMP, "Thumbnail"}}, e.Names()); diff != "" {
		t.Errorf("moved properties (-want +got):\n%s", diff)
	}
	for _, n := range []Name{{NSDC, "description"}, {NSPhotoshop, "Headline"}, {nsQ, "Medium"}, {nsQ, "Small"}} {
		if !s.Has(n.NS, n.Local) {
			t.Errorf("%v left the standard packet", n)
		}
	}
	checkReassembly(t, p, std, ext, guid)
}

func TestMarshalSplitCaptionLast(t *testing.T) {
	// The caption alone overflows: it moves, and so must nothing that
	// fits beside the note.
	p := bigPacket(t, strings.Repeat("a very long caption ", 4000), 0)
	std, ext, guid := mustSplit(t, p, 0)
	s, _, err := Parse(std)
	if err != nil {
		t.Fatal(err)
	}
	e, _, err := Parse(ext)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Name{{NSDC, "description"}}, e.Names()); diff != "" {
		t.Errorf("moved properties (-want +got):\n%s", diff)
	}
	for _, n := range []Name{{NSPhotoshop, "Headline"}, {nsQ, "Medium"}, {nsQ, "Small"}, {NSDC, "creator"}} {
		if !s.Has(n.NS, n.Local) {
			t.Errorf("%v left the standard packet", n)
		}
	}
	checkReassembly(t, p, std, ext, guid)

	// A tighter limit: the medium property moves before any caption field.
	std, ext, guid = mustSplit(t, p, 4000)
	if len(std) > 4000 {
		t.Errorf("standard packet %d bytes, limit 4000", len(std))
	}
	e, _, err = Parse(ext)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Name{{NSDC, "description"}, {nsQ, "Medium"}}, e.Names()); diff != "" {
		t.Errorf("moved properties at 4000 bytes (-want +got):\n%s", diff)
	}
	checkReassembly(t, p, std, ext, guid)
}

func TestMarshalSplitTooLarge(t *testing.T) {
	p := bigPacket(t, "caption", 0)
	if _, _, _, err := p.MarshalSplit(300); !errors.Is(err, ErrTooLarge) {
		t.Errorf("error %v, want ErrTooLarge", err)
	}
}

// checkReassembly reads std and ext back together and wants p's model
// (less the stale note).
func checkReassembly(t *testing.T, p *Packet, std, ext []byte, guid string) {
	t.Helper()
	q, warns, err := ParseWithExtended(std, map[string][]byte{guid: ext})
	if err != nil || len(warns) > 0 {
		t.Fatalf("ParseWithExtended: %v %q", err, warns)
	}
	want := p.Clone()
	want.Delete(NSXMPNote, "HasExtendedXMP")
	for _, n := range want.Names() {
		if diff := cmp.Diff(want.Get(n.NS, n.Local), q.Get(n.NS, n.Local)); diff != "" {
			t.Errorf("%v after reassembly (-want +got):\n%s", n, diff)
		}
	}
	if q.Len() != want.Len() {
		t.Errorf("%d properties after reassembly, want %d", q.Len(), want.Len())
	}
}

func TestParseWithExtended(t *testing.T) {
	extPacket := []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF` + nsDecls + `><rdf:Description rdf:about=""` +
		` photoshop:City="From extended" photoshop:Credit="Ext credit"/></rdf:RDF></x:xmpmeta>`)
	guid := md5Upper(extPacket)
	std := func(g string) []byte {
		return []byte(wrap(` photoshop:City="Standard" photoshop:Headline="H"`,
			`<xmpNote:HasExtendedXMP xmlns:xmpNote="http://ns.adobe.com/xmp/note/">`+g+`</xmpNote:HasExtendedXMP>`))
	}
	noNote := []byte(wrap(` photoshop:City="Standard"`, ""))
	merged := map[string]string{"City": "From extended", "Credit": "Ext credit", "Headline": "H"}
	unmerged := map[string]string{"City": "Standard", "Credit": "", "Headline": "H"}
	tests := []struct {
		name     string
		std      []byte
		ext      map[string][]byte
		want     map[string]string // photoshop properties
		note     bool              // HasExtendedXMP still present
		wantWarn string
	}{
		// The normal case: merged, extended values win, the note goes.
		{"merged", std(guid), map[string][]byte{guid: extPacket}, merged, false, ""},
		// A lower-case key is the same GUID.
		{"key case", std(guid), map[string][]byte{strings.ToLower(guid): extPacket}, merged, false, ""},
		// The chunk is missing.
		{"missing", std(guid), nil, unmerged, true, "missing"},
		// Only a chunk of another GUID.
		{"other guid", std(guid), map[string][]byte{"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF": extPacket}, unmerged, true, "not the one"},
		// A GUID that is not the MD5 of its packet: merged, with a warning.
		{"md5 mismatch", std("0123456789ABCDEF0123456789ABCDEF"),
			map[string][]byte{"0123456789ABCDEF0123456789ABCDEF": extPacket}, merged, false, "not the MD5"},
		// An extended packet that is not XMP.
		{"bad ext", std(md5Upper([]byte("junk"))), map[string][]byte{md5Upper([]byte("junk")): []byte("junk")}, unmerged, true, "unreadable"},
		// Extended chunks but no note in the standard packet.
		{"no note", noNote, map[string][]byte{guid: extPacket},
			map[string]string{"City": "Standard", "Credit": "", "Headline": ""}, false, "no xmpNote:HasExtendedXMP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, warns, err := ParseWithExtended(tc.std, tc.ext)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for k := range tc.want {
				got[k] = p.Text(NSPhotoshop, k)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("photoshop properties (-want +got):\n%s", diff)
			}
			if has := p.Has(NSXMPNote, "HasExtendedXMP"); has != tc.note {
				t.Errorf("HasExtendedXMP present = %v, want %v", has, tc.note)
			}
			joined := strings.Join(warns, "\n")
			if tc.wantWarn == "" && joined != "" || !strings.Contains(joined, tc.wantWarn) {
				t.Errorf("warnings %q, want one containing %q", warns, tc.wantWarn)
			}
		})
	}
	// A broken standard packet is an error, whatever the extension.
	if _, _, err := ParseWithExtended([]byte("<!DOCTYPE x>"), map[string][]byte{guid: extPacket}); !errors.Is(err, ErrDTD) {
		t.Errorf("error %v, want ErrDTD", err)
	}
}

func TestExtendedCorpus(t *testing.T) {
	// ExifTool's own ExtendedXMP.jpg: chunks out of order, the pdf
	// properties live in the extended packet only.
	dir := testcorpus.Sub(t, "images")
	data, err := os.ReadFile(filepath.Join(dir, "exiftool", "ExtendedXMP.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	std, ext := jpegXMP(data)
	p, warns, err := ParseWithExtended(std, ext)
	if err != nil {
		t.Fatal(err)
	}
	const nsPDF = "http://ns.adobe.com/pdf/1.3/"
	var truth map[string]any
	readJSON(t, filepath.Join(testcorpus.Sub(t, "truth"), "exiftool", "ExtendedXMP.jpg.exiftool.json"), &truth)
	for _, name := range []string{"Author", "Creator", "Producer", "Title"} {
		if got, want := p.Text(nsPDF, name), truthText(truth["XMP-pdf:"+name]); got != want {
			t.Errorf("pdf:%s = %q, ExifTool %q", name, got, want)
		}
	}
	t.Logf("warnings: %q", warns)
}

// jpegWithXMP returns an 8x8 JPEG carrying std and ext in APP1 segments,
// ext cut into chunks as XMP Specification Part 3 §1.1.3.1 lays out.
func jpegWithXMP(t *testing.T, std, ext []byte, guid string) []byte {
	t.Helper()
	var img bytes.Buffer
	if err := jpeg.Encode(&img, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	segment := func(payload ...[]byte) []byte {
		body := bytes.Join(payload, nil)
		if len(body)+2 > 0xFFFF {
			t.Fatalf("segment of %d bytes", len(body))
		}
		return append([]byte{0xFF, 0xE1, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
	}
	out := []byte{0xFF, 0xD8}
	out = append(out, segment([]byte("http://ns.adobe.com/xap/1.0/\x00"), std)...)
	const chunk = 65400
	for off := 0; off < len(ext); off += chunk {
		end := min(off+chunk, len(ext))
		var hdr [8]byte
		binary.BigEndian.PutUint32(hdr[:4], uint32(len(ext)))
		binary.BigEndian.PutUint32(hdr[4:], uint32(off))
		out = append(out, segment([]byte("http://ns.adobe.com/xmp/extension/\x00"), []byte(guid), hdr[:], ext[off:end])...)
	}
	return append(out, img.Bytes()[2:]...)
}

// TestExifToolReadsSplit embeds a split packet in a JPEG and checks that
// ExifTool reassembles it to the values that were set.
func TestExifToolReadsSplit(t *testing.T) {
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("exiftool not installed")
	}
	caption := "이인영 Lee In-young — Panmunjom, 판문점 & <co>"
	p := bigPacket(t, caption, 150_000)
	std, ext, guid := mustSplit(t, p, 0)
	path := filepath.Join(t.TempDir(), "split.jpg")
	if err := os.WriteFile(path, jpegWithXMP(t, std, ext, guid), 0o644); err != nil {
		t.Fatal(err)
	}
	// Our own walker reassembles it too.
	s2, e2 := jpegXMP(jpegWithXMP(t, std, ext, guid))
	checkReassembly(t, p, s2, e2[guid], guid)

	got := exiftoolXMP(t, []string{path})[path]
	want := map[string]string{
		"XMP-dc:Description":     caption,
		"XMP-photoshop:Headline": "Summit at Panmunjom",
		"XMP-ns:Medium":          strings.Repeat("m", 5000),
		// ExifTool shows a long value as a placeholder without -b.
		"XMP-xmp:Thumbnail":          "(Binary data 150000 bytes, use -b option to extract)",
		"XMP-xmpNote:HasExtendedXMP": guid,
	}
	for tag, w := range want {
		if g := truthText(got[tag]); g != w {
			t.Errorf("ExifTool %s = %.60q, want %.60q", tag, g, w)
		}
	}
}
