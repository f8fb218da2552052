package jpegmeta

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScan(t *testing.T) {
	jfif := app(0xE0, "JFIF\x00", []byte{1, 2, 0, 0, 72, 0, 72, 0, 0})
	exif := app(0xE1, sigEXIF, []byte("II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	exif2 := app(0xE1, sigEXIF, []byte("MM\x00*\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00"))
	xmp := app(0xE1, sigXMP, []byte("<x:xmpmeta/>"))
	xmp2 := app(0xE1, sigXMP, []byte("<second/>"))
	icc := app(0xE2, sigICC, []byte{1, 1, 0, 0})
	adobe := app(0xEE, sigAdobe, []byte{0, 100, 0, 0, 0, 0, 2})
	ps1 := app(0xED, sigPhotoshop, []byte("8BIM\x04\x04\x00\x00"))
	ps2 := app(0xED, sigPhotoshop, []byte("\x00\x00\x00\x00"))
	frame := sof(0xC0, 640, 480)

	type want struct {
		w, h, comps   int
		sof           byte
		progressive   bool
		exif, xmp, ps string
		icc           bool
		adobe         int
		warnings      []string // substrings, in order
		err           error
		errText       string
		kinds         []Kind
	}
	tests := []struct {
		name string
		in   []byte
		want want
	}{
		{
			// A plain camera-like file.
			name: "baseline with EXIF",
			in:   jpegOf(jfif, exif, seg(0xDB, make([]byte, 65)), frame, seg(0xC4, make([]byte, 20))),
			want: want{w: 640, h: 480, comps: 3, sof: 0xC0, exif: "II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00", adobe: -1,
				kinds: []Kind{KindSOI, KindJFIF, KindEXIF, KindOther, KindFrame, KindOther, KindScan}},
		},
		{
			// SOF2: progressive; SOF sizes are as coded (not oriented).
			name: "progressive",
			in:   jpegOf(sof(0xC2, 80, 40)),
			want: want{w: 80, h: 40, comps: 3, sof: 0xC2, progressive: true, adobe: -1},
		},
		{
			// EXIF that is not the first APP1 (goexif misses it).
			name: "EXIF after XMP",
			in:   jpegOf(xmp, exif, frame),
			want: want{w: 640, h: 480, comps: 3, sof: 0xC0, exif: "II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00", xmp: "<x:xmpmeta/>", adobe: -1},
		},
		{
			// Two EXIF APP1s: the first wins, with a warning.
			name: "two EXIF",
			in:   jpegOf(exif, exif2, frame),
			want: want{w: 640, h: 480, comps: 3, sof: 0xC0, exif: "II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00", adobe: -1,
				warnings: []string{"second EXIF APP1"}},
		},
		{
			// Two standard XMP packets: the first wins.
			name: "two XMP",
			in:   jpegOf(xmp, xmp2, frame),
			want: want{w: 640, h: 480, comps: 3, sof: 0xC0, xmp: "<x:xmpmeta/>", adobe: -1, warnings: []string{"second standard XMP packet"}},
		},
		{
			// APP13 split over two segments is concatenated; ICC and the
			// Adobe transform are reported.
			name: "photoshop split, ICC, Adobe",
			in:   jpegOf(icc, ps1, ps2, adobe, frame),
			want: want{w: 640, h: 480, comps: 3, sof: 0xC0, ps: "8BIM\x04\x04\x00\x00\x00\x00\x00\x00", icc: true, adobe: 2},
		},
		{
			// Fill bytes before markers are legal (T.81 B.1.1.2).
			name: "fill bytes",
			in:   append([]byte{0xFF, 0xD8, 0xFF, 0xFF, 0xFF}, append(frame, scanTail...)...),
			want: want{w: 640, h: 480, comps: 3, sof: 0xC0, adobe: -1},
		},
		{
			// Junk between segments is skipped with a warning.
			name: "junk between segments",
			in:   jpegOf(jfif, []byte("junk\x00\xFF\x00"), frame),
			want: want{w: 640, h: 480, comps: 3, sof: 0xC0, adobe: -1, warnings: []string{"skipped 7 bytes of junk after APP0"}},
		},
		{
			// A second SOI is ignored.
			name: "double SOI",
			in:   jpegOf([]byte{0xFF, 0xD8}, frame),
			want: want{w: 640, h: 480, comps: 3, sof: 0xC0, adobe: -1, warnings: []string{"extra SOI"}},
		},
		{
			// SOS without SOF.
			name: "no frame",
			in:   jpegOf(jfif),
			want: want{adobe: -1, err: ErrNoFrame, errText: "SOS at offset"},
		},
		{
			// EOI before any scan.
			name: "EOI first",
			in:   []byte{0xFF, 0xD8, 0xFF, 0xD9},
			want: want{adobe: -1, err: ErrTruncated, errText: "EOI at offset 2"},
		},
		{
			// Cut inside a segment.
			name: "cut in segment",
			in:   append([]byte{0xFF, 0xD8}, exif[:10]...),
			want: want{adobe: -1, err: ErrTruncated, errText: "APP1 segment at offset 2 declares"},
		},
		{
			// Cut after complete headers, before SOS: what was read is
			// still returned.
			name: "headers only",
			in:   append([]byte{0xFF, 0xD8}, append(exif, frame...)...),
			want: want{w: 640, h: 480, comps: 3, sof: 0xC0, exif: "II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00", adobe: -1, err: ErrTruncated, errText: "file ends at offset"},
		},
		{
			// Length field below 2.
			name: "length 1",
			in:   append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01}, make([]byte, 20)...),
			want: want{adobe: -1, err: ErrCorrupt, errText: "length 1"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Scan(tc.in)
			if !errors.Is(err, tc.want.err) || (tc.want.err == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.want.err)
			}
			if err != nil && !strings.Contains(err.Error(), tc.want.errText) {
				t.Errorf("err %q lacks %q", err, tc.want.errText)
			}
			got := want{w: f.Width, h: f.Height, comps: f.Components, sof: f.SOFMarker, progressive: f.Progressive,
				exif: string(f.EXIF), xmp: string(f.XMP), ps: string(f.Photoshop), icc: f.ICC, adobe: f.AdobeTransform,
				err: tc.want.err, errText: tc.want.errText, warnings: tc.want.warnings}
			if tc.want.kinds != nil {
				for _, s := range f.Segments {
					got.kinds = append(got.kinds, s.Kind)
				}
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(want{}), cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if len(f.Warnings) != len(tc.want.warnings) {
				t.Fatalf("warnings %q, want %d", f.Warnings, len(tc.want.warnings))
			}
			for i, w := range tc.want.warnings {
				if !strings.Contains(f.Warnings[i], w) {
					t.Errorf("warning %q lacks %q", f.Warnings[i], w)
				}
			}
			if err == nil {
				if !bytes.HasPrefix(tc.in[f.SOSOffset:], []byte{0xFF, 0xDA}) {
					t.Errorf("SOSOffset %d does not point at SOS", f.SOSOffset)
				}
			}
		})
	}
}

func TestScanSegmentsCoverHeader(t *testing.T) {
	// Segments are in order, do not overlap, and their payloads are
	// what was written.
	xmp := app(0xE1, sigXMP, []byte("<x/>"))
	in := jpegOf(xmp, seg(0xFE, []byte("a comment")), sof(0xC0, 1, 1))
	f, err := Scan(in)
	if err != nil {
		t.Fatal(err)
	}
	end := 0
	for _, s := range f.Segments {
		if s.Offset < end {
			t.Errorf("segment %+v overlaps the previous one", s)
		}
		end = s.Offset + s.Length
	}
	if got := string(f.Segments[1].Payload(in)); got != sigXMP+"<x/>" {
		t.Errorf("XMP payload %q", got)
	}
	if got := string(f.Segments[2].Payload(in)); got != "a comment" {
		t.Errorf("COM payload %q", got)
	}
	if f.Segments[0].Payload(in) != nil {
		t.Error("SOI has a payload")
	}
}

func TestScanExtendedXMP(t *testing.T) {
	ext := []byte(strings.Repeat("<rdf:Description extended='yes'/>", 10)) // 330 bytes
	guid := ExtendedGUID(ext)
	full := uint32(len(ext))
	xmp := app(0xE1, sigXMP, []byte("<x/>"))
	tests := []struct {
		name     string
		segs     [][]byte
		want     map[string][]byte
		warnings []string
	}{
		{
			// Chunks in order.
			name: "complete",
			segs: [][]byte{xmp, extSegment(guid, full, 0, ext[:100]), extSegment(guid, full, 100, ext[100:])},
			want: map[string][]byte{guid: ext},
		},
		{
			// Chunks out of order and one repeated: still complete.
			name: "out of order",
			segs: [][]byte{xmp, extSegment(guid, full, 200, ext[200:]), extSegment(guid, full, 0, ext[:200]), extSegment(guid, full, 0, ext[:50])},
			want: map[string][]byte{guid: ext},
		},
		{
			// A gap: incomplete, left out.
			name:     "incomplete",
			segs:     [][]byte{xmp, extSegment(guid, full, 0, ext[:100]), extSegment(guid, full, 200, ext[200:])},
			warnings: []string{"incomplete: 100 of 330 bytes"},
		},
		{
			// The bad/ corpus case: 2 GB full length, offset near 4 GB.
			name:     "bogus length",
			segs:     [][]byte{xmp, extSegment("0123456789ABCDEF0123456789ABCDEF", 0x7FFFFFFF, 0xFFFFFFF0, []byte("x"))},
			warnings: []string{"full length of 2147483647 bytes"},
		},
		{
			// A chunk beyond the full length poisons the GUID.
			name:     "chunk past end",
			segs:     [][]byte{xmp, extSegment(guid, full, 0, ext[:100]), extSegment(guid, full, 300, ext[:100])},
			warnings: []string{"beyond the full length"},
		},
		{
			// Chunks disagreeing on the full length.
			name:     "full length mismatch",
			segs:     [][]byte{xmp, extSegment(guid, full, 0, ext[:100]), extSegment(guid, full+1, 100, ext[100:])},
			warnings: []string{"declares full length 331"},
		},
		{
			// Not hexadecimal.
			name:     "bad GUID",
			segs:     [][]byte{xmp, extSegment(strings.Repeat("Z", 32), full, 0, ext)},
			warnings: []string{"malformed GUID"},
		},
		{
			// Complete, but the GUID is not the MD5 of the content.
			name:     "GUID not MD5",
			segs:     [][]byte{xmp, extSegment("0123456789ABCDEF0123456789ABCDEF", full, 0, ext)},
			want:     map[string][]byte{"0123456789ABCDEF0123456789ABCDEF": ext},
			warnings: []string{"GUID is not the MD5"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			segs := append(tc.segs, sof(0xC0, 8, 8))
			f, err := Scan(jpegOf(segs...))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, f.ExtendedXMP); diff != "" {
				t.Errorf("ExtendedXMP (-want +got):\n%s", diff)
			}
			if len(f.Warnings) != len(tc.warnings) {
				t.Fatalf("warnings %q, want %d", f.Warnings, len(tc.warnings))
			}
			for i, w := range tc.warnings {
				if !strings.Contains(f.Warnings[i], w) {
					t.Errorf("warning %q lacks %q", f.Warnings[i], w)
				}
			}
		})
	}
}

func TestScanNotJPEG(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", "empty"},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"},
		{"gif", "GIF89a\x08\x00\x08\x00", "GIF"},
		{"tiff little-endian", "II*\x00\x08\x00\x00\x00", "TIFF"},
		{"tiff big-endian", "MM\x00*\x00\x00\x00\x08", "TIFF"},
		{"webp", "RIFF\x42\x02\x00\x00WEBPVP8X", "WebP"},
		{"heic", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "HEIC"},
		{"heif", "\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00", "HEIF"},
		{"avif", "\x00\x00\x00\x1cftypavif\x00\x00\x00\x00", "AVIF"},
		{"jpeg xl codestream", "\xff\x0a\x08\x04", "JPEG XL"},
		{"jpeg xl container", "\x00\x00\x00\x0cJXL \x0d\x0a\x87\x0a", "JPEG XL"},
		{"jpeg 2000", "\x00\x00\x00\x0cjP  \x0d\x0a\x87\x0a", "JPEG 2000"},
		{"pdf", "%PDF-1.7\n", "PDF"},
		{"zip", "PK\x03\x04\x14\x00", "ZIP"},
		{"html", "\n  <!DOCTYPE html><html><body>404</body></html>", "HTML"},
		{"xhtml", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">", "HTML"},
		{"svg", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "SVG"},
		{"xml", "<?xml version=\"1.0\"?><root/>", "XML"},
		{"text", "This is not an image.\n", "plain text"},
		{"binary", "\x01\x02\x03\x04\x05", "unknown format"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Scan([]byte(tc.in))
			if f != nil || !errors.Is(err, ErrNotJPEG) {
				t.Fatalf("Scan = %v, %v; want ErrNotJPEG", f, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not name %s", err, tc.want)
			}
		})
	}
}
