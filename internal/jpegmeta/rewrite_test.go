package jpegmeta

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cutline/cutline/internal/iptc"
	"github.com/cutline/cutline/internal/testcorpus"
)

// layout describes a JPEG header as a list of segment kinds (with the
// payload after the signature for the metadata ones), for comparing
// orders.
func layout(t *testing.T, data []byte) []string {
	t.Helper()
	f, err := Scan(data)
	if err != nil {
		t.Fatalf("Scan of rewritten file: %v", err)
	}
	var out []string
	for _, s := range f.Segments {
		p := s.Payload(data)
		switch s.Kind {
		case KindXMP:
			out = append(out, "XMP:"+string(p[len(sigXMP):]))
		case KindPhotoshop:
			out = append(out, "PS:"+string(p[len(sigPhotoshop):]))
		case KindExtendedXMP:
			out = append(out, "EXT")
		default:
			out = append(out, markerName(s.Marker))
		}
	}
	return out
}

func TestRewritePlacement(t *testing.T) {
	jfif := app(0xE0, "JFIF\x00", []byte{1, 2, 0, 0, 72, 0, 72, 0, 0})
	exif := app(0xE1, sigEXIF, []byte("II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	oldXMP := app(0xE1, sigXMP, []byte("old"))
	oldPS := app(0xED, sigPhotoshop, []byte("oldps"))
	icc := app(0xE2, sigICC, []byte{1})
	com := seg(0xFE, []byte("comment"))
	frame := sof(0xC0, 16, 16)
	tests := []struct {
		name string
		in   []byte
		r    Replace
		want []string
	}{
		{
			// Old segments are replaced where they were.
			name: "replace in place",
			in:   jpegOf(jfif, exif, icc, oldPS, com, oldXMP, frame),
			r:    Replace{XMP: []byte("new"), Photoshop: []byte("newps")},
			want: []string{"SOI", "APP0", "APP1", "APP2", "PS:newps", "COM", "XMP:new", "SOF0", "SOS"},
		},
		{
			// Without old ones: XMP after the EXIF, APP13 after the XMP.
			name: "insert after EXIF",
			in:   jpegOf(jfif, exif, icc, com, frame),
			r:    Replace{XMP: []byte("new"), Photoshop: []byte("newps")},
			want: []string{"SOI", "APP0", "APP1", "XMP:new", "PS:newps", "APP2", "COM", "SOF0", "SOS"},
		},
		{
			// No APP0 or EXIF: right after SOI.
			name: "insert after SOI",
			in:   jpegOf(com, frame),
			r:    Replace{XMP: []byte("new"), Photoshop: []byte("newps")},
			want: []string{"SOI", "XMP:new", "PS:newps", "COM", "SOF0", "SOS"},
		},
		{
			// Old XMP kept where it is; a new APP13 goes after it.
			name: "keep XMP, add Photoshop",
			in:   jpegOf(jfif, exif, icc, oldXMP, frame),
			r:    Replace{KeepXMP: true, Photoshop: []byte("newps")},
			want: []string{"SOI", "APP0", "APP1", "APP2", "XMP:old", "PS:newps", "SOF0", "SOS"},
		},
		{
			// Old XMP replaced; new APP13 goes right after it.
			name: "replace XMP, add Photoshop",
			in:   jpegOf(jfif, exif, icc, oldXMP, frame),
			r:    Replace{XMP: []byte("new"), Photoshop: []byte("newps")},
			want: []string{"SOI", "APP0", "APP1", "APP2", "XMP:new", "PS:newps", "SOF0", "SOS"},
		},
		{
			// Photoshop kept, no XMP before: XMP after EXIF.
			name: "keep Photoshop, add XMP",
			in:   jpegOf(jfif, exif, oldPS, frame),
			r:    Replace{XMP: []byte("new"), KeepPhotoshop: true},
			want: []string{"SOI", "APP0", "APP1", "XMP:new", "PS:oldps", "SOF0", "SOS"},
		},
		{
			// The zero Replace strips XMP and Photoshop.
			name: "remove",
			in:   jpegOf(jfif, exif, oldXMP, oldPS, frame),
			r:    Replace{},
			want: []string{"SOI", "APP0", "APP1", "SOF0", "SOS"},
		},
		{
			// Keep everything: the input comes back.
			name: "keep all",
			in:   jpegOf(jfif, oldXMP, oldPS, frame),
			r:    Replace{KeepXMP: true, KeepPhotoshop: true},
			want: []string{"SOI", "APP0", "XMP:old", "PS:oldps", "SOF0", "SOS"},
		},
		{
			// XMP placed before EXIF stays there (xmp-before-exif).
			name: "XMP before EXIF",
			in:   jpegOf(oldXMP, exif, frame),
			r:    Replace{XMP: []byte("new"), Photoshop: []byte("newps")},
			want: []string{"SOI", "XMP:new", "PS:newps", "APP1", "SOF0", "SOS"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Rewrite(tc.in, tc.r)
			if err != nil {
				t.Fatal(err)
			}
			if got := layout(t, out); strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("layout\n got %q\nwant %q", got, tc.want)
			}
			if !bytes.HasSuffix(out, scanTail) {
				t.Error("image data changed")
			}
			again, err := Rewrite(out, tc.r)
			if err != nil || !bytes.Equal(again, out) {
				t.Errorf("second rewrite differs (err %v)", err)
			}
			if tc.r.KeepXMP && tc.r.KeepPhotoshop && !bytes.Equal(out, tc.in) {
				t.Error("keeping everything changed the file")
			}
		})
	}
}

func TestRewriteSplitsLargePayloads(t *testing.T) {
	ext := bytes.Repeat([]byte("<rdf:li>extended</rdf:li>\n"), 8000) // 208,000 bytes
	ps := bytes.Repeat([]byte("8BIMdata"), 20000)                    // 160,000 bytes
	in := jpegOf(sof(0xC0, 8, 8))
	out, err := Rewrite(in, Replace{XMP: []byte("<x/>"), ExtendedXMP: ext, Photoshop: ps})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Scan(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("warnings %q", f.Warnings)
	}
	guid := ExtendedGUID(ext)
	if !bytes.Equal(f.ExtendedXMP[guid], ext) {
		t.Errorf("extended XMP not reassembled under %s (have %d GUIDs)", guid, len(f.ExtendedXMP))
	}
	if !bytes.Equal(f.Photoshop, ps) {
		t.Errorf("Photoshop data: %d bytes back, want %d", len(f.Photoshop), len(ps))
	}
	var nExt, nPS int
	for _, s := range f.Segments {
		p := s.Payload(out)
		switch s.Kind {
		case KindExtendedXMP:
			nExt++
			if n := len(p) - len(sigExtendedXMP) - extHeaderLen; n > 65458 {
				t.Errorf("extended chunk of %d bytes", n)
			}
		case KindPhotoshop:
			nPS++
			if n := len(p) - len(sigPhotoshop); n > 65519 {
				t.Errorf("APP13 chunk of %d bytes", n)
			}
		}
	}
	if want := (len(ext) + 65457) / 65458; nExt != want {
		t.Errorf("%d extended chunks, want %d", nExt, want)
	}
	if want := (len(ps) + 65518) / 65519; nPS != want {
		t.Errorf("%d APP13 segments, want %d", nPS, want)
	}
}

func TestRewriteErrors(t *testing.T) {
	ok := jpegOf(sof(0xC0, 8, 8))
	tests := []struct {
		name string
		in   []byte
		r    Replace
		want string
		is   error
	}{
		{name: "XMP too large", in: ok, r: Replace{XMP: make([]byte, MaxXMP+1)}, want: "exceeds", is: ErrTooLarge},
		{name: "XMP at the limit is fine", in: ok, r: Replace{XMP: make([]byte, MaxXMP)}},
		{name: "extended without standard", in: ok, r: Replace{ExtendedXMP: []byte("x")}, want: "needs a standard XMP"},
		{name: "bad GUID", in: ok, r: Replace{XMP: []byte("x"), ExtendedXMP: []byte("y"), ExtendedGUID: "nothex"}, want: "32 hexadecimal"},
		{name: "truncated input", in: ok[:20], r: Replace{}, want: "truncated", is: ErrTruncated},
		{name: "not a JPEG", in: []byte("GIF89a"), r: Replace{}, want: "GIF", is: ErrNotJPEG},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Rewrite(tc.in, tc.r)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || (tc.is != nil && !errors.Is(err, tc.is)) {
				t.Errorf("err = %v, want %q (%v)", err, tc.want, tc.is)
			}
		})
	}
}

func TestRewriteKeepsJunkAndFill(t *testing.T) {
	// Bytes between segments (fill bytes, junk) are kept where they are.
	in := append([]byte{0xFF, 0xD8, 0xFF, 0xFF}, app(0xE1, sigXMP, []byte("old"))...)
	in = append(in, []byte("junk")...)
	in = append(in, sof(0xC0, 8, 8)...)
	in = append(in, scanTail...)
	out, err := Rewrite(in, Replace{XMP: []byte("old")})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, in) {
		t.Errorf("rewriting with the same XMP changed the file:\n in % x\nout % x", in, out)
	}
}

// xmpPacket is a minimal XMP packet carrying a caption.
func xmpPacket(caption string) []byte {
	return []byte(`<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>
<rdf:li xml:lang="x-default">` + caption + `</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`)
}

// TestRewriteCorpus rewrites every good corpus image with a new IIM (in
// the existing Photoshop resources, digest updated) and a new XMP packet,
// then checks the new payloads are found, every other segment is kept
// byte for byte and in order, and the bytes from SOS to the end are
// identical. With exiftool installed, it reads every result back.
func TestRewriteCorpus(t *testing.T) {
	images := testcorpus.Sub(t, "images")
	outDir := t.TempDir()
	const caption = "이인영 Lee In-young — Panmunjom, 판문점"
	written := map[string]string{}
	for _, p := range testcorpus.Files(t, images) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Scan(data)
		if err != nil {
			if _, rerr := Rewrite(data, Replace{}); !errors.Is(rerr, ErrTruncated) {
				t.Errorf("%s: Scan failed (%v) but Rewrite gave %v", p, err, rerr)
			}
			continue
		}
		res, _ := iptc.ParseResources(f.Photoshop)
		iim := iptc.Encode([]iptc.Dataset{
			iptc.TextDataset(iptc.Caption, caption),
			iptc.TextDataset(iptc.Keywords, "São Paulo"),
			iptc.TextDataset(iptc.Keywords, "Zürich"),
		})
		ps := iptc.EncodeResources(iptc.WithIIM(res, iim))
		xmp := xmpPacket(caption)
		out, err := Rewrite(data, Replace{XMP: xmp, Photoshop: ps})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		g, err := Scan(out)
		if err != nil {
			t.Errorf("%s: rewritten file does not scan: %v", p, err)
			continue
		}
		if !bytes.Equal(g.XMP, xmp) || !bytes.Equal(g.Photoshop, ps) || len(g.ExtendedXMP) != 0 {
			t.Errorf("%s: new payloads not found (XMP %v, Photoshop %v, %d extended)", p, bytes.Equal(g.XMP, xmp), bytes.Equal(g.Photoshop, ps), len(g.ExtendedXMP))
		}
		if !bytes.Equal(out[g.SOSOffset:], data[f.SOSOffset:]) {
			t.Errorf("%s: bytes from SOS to the end changed", p)
		}
		if a, b := otherSegments(data, f), otherSegments(out, g); !equalSegments(a, b) {
			t.Errorf("%s: other segments changed: %d before, %d after", p, len(a), len(b))
		}
		again, err := Rewrite(out, Replace{XMP: xmp, Photoshop: ps})
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("%s: rewriting the result again changed it (err %v)", p, err)
		}
		name := filepath.Join(outDir, fmt.Sprintf("%03d.jpg", len(written)))
		if err := os.WriteFile(name, out, 0o600); err != nil {
			t.Fatal(err)
		}
		written[name] = p
	}
	exiftool, err := exec.LookPath("exiftool")
	if err != nil {
		t.Log("exiftool not installed: read-back skipped")
		return
	}
	cmd := exec.Command(exiftool, "-j", "-G1", "-a", "-Warning", "-Error", "-IPTC:Caption-Abstract", "-IPTC:Keywords", "-XMP-dc:Description", "-IPTCDigest", "-CurrentIPTCDigest", outDir)
	raw, err := cmd.Output()
	if err != nil && len(raw) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var results []map[string]any
	if err := json.Unmarshal(raw, &results); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	if len(results) != len(written) {
		t.Errorf("exiftool read %d files, %d written", len(results), len(written))
	}
	for _, r := range results {
		src := written[filepath.Clean(r["SourceFile"].(string))]
		if e, ok := r["ExifTool:Error"]; ok {
			t.Errorf("%s: exiftool error %v", src, e)
		}
		for k, v := range r {
			if strings.HasSuffix(k, ":Warning") && strings.Contains(fmt.Sprint(v), "IPTCDigest") {
				t.Errorf("%s: exiftool warns %v", src, v)
			}
		}
		if got := r["IPTC:Caption-Abstract"]; got != caption {
			t.Errorf("%s: exiftool reads IPTC caption %q", src, got)
		}
		if got := r["XMP-dc:Description"]; got != caption {
			t.Errorf("%s: exiftool reads XMP description %q", src, got)
		}
		if got := fmt.Sprint(r["IPTC:Keywords"]); got != "[São Paulo Zürich]" {
			t.Errorf("%s: exiftool reads keywords %s", src, got)
		}
		if r["Photoshop:IPTCDigest"] != r["File:CurrentIPTCDigest"] {
			t.Errorf("%s: IPTCDigest %v, current %v", src, r["Photoshop:IPTCDigest"], r["File:CurrentIPTCDigest"])
		}
	}
	t.Logf("exiftool read %d rewritten corpus images back", len(results))
}

type rawSegment struct {
	marker byte
	bytes  []byte
}

// otherSegments returns the segments a rewrite must keep, byte for byte.
func otherSegments(data []byte, f *File) []rawSegment {
	var out []rawSegment
	for _, s := range f.Segments {
		switch s.Kind {
		case KindXMP, KindExtendedXMP, KindPhotoshop:
			continue
		}
		out = append(out, rawSegment{s.Marker, data[s.Offset : s.Offset+s.Length]})
	}
	return out
}

func equalSegments(a, b []rawSegment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].marker != b[i].marker || !bytes.Equal(a[i].bytes, b[i].bytes) {
			return false
		}
	}
	return true
}
