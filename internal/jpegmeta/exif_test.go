package jpegmeta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// entry is one IFD entry as written: value is the raw value field (an
// inline value or an offset).
type entry struct {
	tag, typ uint16
	count    uint32
	value    uint32
}

// tiffImage is a hand-laid TIFF payload: a header pointing at ifd0 and
// IFDs and values placed at explicit offsets.
type tiffImage struct {
	bo  binary.ByteOrder
	buf []byte
}

func newTIFF(bo binary.ByteOrder, size int, ifd0 uint32) *tiffImage {
	t := &tiffImage{bo: bo, buf: make([]byte, size)}
	if bo == binary.LittleEndian {
		copy(t.buf, "II")
	} else {
		copy(t.buf, "MM")
	}
	bo.PutUint16(t.buf[2:], 42)
	bo.PutUint32(t.buf[4:], ifd0)
	return t
}

func (t *tiffImage) ifd(off int, next uint32, es ...entry) *tiffImage {
	t.bo.PutUint16(t.buf[off:], uint16(len(es)))
	for i, e := range es {
		p := off + 2 + 12*i
		t.bo.PutUint16(t.buf[p:], e.tag)
		t.bo.PutUint16(t.buf[p+2:], e.typ)
		t.bo.PutUint32(t.buf[p+4:], e.count)
		t.bo.PutUint32(t.buf[p+8:], e.value)
	}
	t.bo.PutUint32(t.buf[off+2+12*len(es):], next)
	return t
}

func (t *tiffImage) at(off int, b []byte) *tiffImage {
	copy(t.buf[off:], b)
	return t
}

// readIFD reads back an IFD of a sanitised payload.
func readIFD(bo binary.ByteOrder, b []byte, off int) (es []entry, next uint32) {
	n := int(bo.Uint16(b[off:]))
	for i := range n {
		p := off + 2 + 12*i
		es = append(es, entry{bo.Uint16(b[p:]), bo.Uint16(b[p+2:]), bo.Uint32(b[p+4:]), bo.Uint32(b[p+8:])})
	}
	return es, bo.Uint32(b[off+2+12*n:])
}

func TestSanitizeEXIF(t *testing.T) {
	le := binary.LittleEndian
	model := entry{0x0110, 2, 6, 200}        // "Model" at offset 200
	orient := entry{0x0112, 3, 1, 6}         // inline SHORT
	make_ := entry{0x010F, 2, 4, 0x00414243} // inline "CBA\0" (4 bytes fit)
	exifPtr := func(off uint32) entry { return entry{tagExifIFD, 4, 1, off} }
	dto := entry{0x9003, 2, 20, 220}
	type ifdWant struct {
		off  int
		es   []entry
		next uint32
	}
	tests := []struct {
		name     string
		in       *tiffImage
		wantIFDs []ifdWant
		warnings []string // substrings, in order
		err      string
	}{
		{
			// A clean payload passes unchanged.
			name: "clean",
			in:   newTIFF(le, 300, 8).ifd(8, 0, make_, model, orient, exifPtr(100)).ifd(100, 0, dto).at(200, []byte("Canon\x00")),
			wantIFDs: []ifdWant{
				{8, []entry{make_, model, orient, exifPtr(100)}, 0},
				{100, []entry{dto}, 0},
			},
		},
		{
			// Big-endian works the same.
			name:     "big-endian",
			in:       newTIFF(binary.BigEndian, 300, 8).ifd(8, 0, orient, model).at(200, []byte("Canon\x00")),
			wantIFDs: []ifdWant{{8, []entry{orient, model}, 0}},
		},
		{
			// Zero count: removed, the IFD compacted and re-terminated.
			name:     "zero count",
			in:       newTIFF(le, 300, 8).ifd(8, 0, make_, entry{0x0110, 2, 0, 0}, orient),
			wantIFDs: []ifdWant{{8, []entry{make_, orient}, 0}},
			warnings: []string{"IFD0 tag 0x0110 (Model): count is zero"},
		},
		{
			// Type 238 does not exist.
			name:     "bad type",
			in:       newTIFF(le, 300, 8).ifd(8, 0, entry{0x0110, 238, 6, 200}, orient),
			wantIFDs: []ifdWant{{8, []entry{orient}, 0}},
			warnings: []string{"unknown field type 238"},
		},
		{
			// Count × size overflows 32 bits (0x20000001 RATIONALs is 8
			// bytes after wrapping): goexif would allocate gigabytes.
			name:     "count overflow",
			in:       newTIFF(le, 300, 8).ifd(8, 0, entry{0x011A, 5, 0x20000001, 200}, orient),
			wantIFDs: []ifdWant{{8, []entry{orient}, 0}},
			warnings: []string{"count 536870913 of 8-byte values"},
		},
		{
			// Count 0xFFFFFFFF.
			name:     "count max",
			in:       newTIFF(le, 300, 8).ifd(8, 0, entry{0x0110, 2, 0xFFFFFFFF, 200}),
			wantIFDs: []ifdWant{{8, nil, 0}},
			warnings: []string{"count 4294967295"},
		},
		{
			// Value offset past the end.
			name:     "value offset",
			in:       newTIFF(le, 300, 8).ifd(8, 0, entry{0x0110, 2, 6, 298}, orient),
			wantIFDs: []ifdWant{{8, []entry{orient}, 0}},
			warnings: []string{"value at offset 298 (6 bytes) runs past the 300-byte payload"},
		},
		{
			// IFD0 → IFD0: the next pointer is cut.
			name:     "self loop",
			in:       newTIFF(le, 300, 8).ifd(8, 8, orient),
			wantIFDs: []ifdWant{{8, []entry{orient}, 0}},
			warnings: []string{"IFD0 next-IFD pointer to offset 8 cut: points back to IFD0 (cycle)"},
		},
		{
			// IFD0 → IFD1 → IFD0: goexif loops forever on this.
			name:     "two-IFD cycle",
			in:       newTIFF(le, 300, 8).ifd(8, 100, orient).ifd(100, 8, entry{0x0103, 3, 1, 6}),
			wantIFDs: []ifdWant{{8, []entry{orient}, 100}, {100, []entry{{0x0103, 3, 1, 6}}, 0}},
			warnings: []string{"IFD1 next-IFD pointer to offset 8 cut: points back to IFD0"},
		},
		{
			// Exif IFD pointer back at IFD0.
			name:     "ExifIFD points to IFD0",
			in:       newTIFF(le, 300, 8).ifd(8, 0, orient, exifPtr(8)),
			wantIFDs: []ifdWant{{8, []entry{orient}, 0}},
			warnings: []string{"IFD0 tag 0x8769 (ExifIFDPointer): pointer to offset 8 cut: points back to IFD0"},
		},
		{
			// Exif IFD pointer into the middle of IFD0's table.
			name:     "ExifIFD overlaps IFD0",
			in:       newTIFF(le, 300, 8).ifd(8, 0, orient, exifPtr(14)),
			wantIFDs: []ifdWant{{8, []entry{orient}, 0}},
			warnings: []string{"overlaps IFD0"},
		},
		{
			// Exif IFD pointer out of range.
			name:     "ExifIFD out of range",
			in:       newTIFF(le, 300, 8).ifd(8, 0, orient, exifPtr(0xFFFFFF00)),
			wantIFDs: []ifdWant{{8, []entry{orient}, 0}},
			warnings: []string{"outside the 300-byte payload"},
		},
		{
			// MakerNote goes, whatever it holds.
			name:     "maker note",
			in:       newTIFF(le, 300, 8).ifd(8, 0, exifPtr(100)).ifd(100, 0, entry{tagMakerNote, 7, 4, 0x6F6B694E}, dto),
			wantIFDs: []ifdWant{{8, []entry{exifPtr(100)}, 0}, {100, []entry{dto}, 0}},
			warnings: []string{"ExifIFD tag 0x927C (MakerNote): MakerNote removed"},
		},
		{
			// IFD1 thumbnail pointers go; IFD1's other tags stay.
			name: "thumbnail pointers",
			in: newTIFF(le, 300, 8).ifd(8, 100, orient).
				ifd(100, 0, entry{0x0103, 3, 1, 6}, entry{tagThumbOffset, 4, 1, 9999}, entry{tagThumbLength, 4, 1, 5000}),
			wantIFDs: []ifdWant{{8, []entry{orient}, 100}, {100, []entry{{0x0103, 3, 1, 6}}, 0}},
			warnings: []string{"IFD1 tag 0x0201", "IFD1 tag 0x0202"},
		},
		{
			// A pointer of type IFD (13) is kept as LONG.
			name:     "type IFD pointer",
			in:       newTIFF(le, 300, 8).ifd(8, 0, entry{tagGPSIFD, typeIFD, 1, 100}).ifd(100, 0, entry{0x0000, 1, 4, 0x00000202}),
			wantIFDs: []ifdWant{{8, []entry{{tagGPSIFD, 4, 1, 100}}, 0}, {100, []entry{{0x0000, 1, 4, 0x00000202}}, 0}},
			warnings: []string{"type IFD (13) rewritten as LONG"},
		},
		{
			// IFD0 claims 65535 entries: only those that fit are read.
			name:     "entry count too large",
			in:       newTIFF(le, 40, 8).ifd(8, 0, orient, orient).at(8, []byte{0xFF, 0xFF}),
			wantIFDs: []ifdWant{{8, []entry{orient, orient}, 0}},
			warnings: []string{"IFD0 declares 65535 entries; only the first 2 are read"},
		},
		{
			// A sub-IFD's next pointer is cleared.
			name:     "sub-IFD with successor",
			in:       newTIFF(le, 300, 8).ifd(8, 0, exifPtr(100)).ifd(100, 150, dto),
			wantIFDs: []ifdWant{{8, []entry{exifPtr(100)}, 0}, {100, []entry{dto}, 0}},
			warnings: []string{"ExifIFD next-IFD pointer to offset 150 cleared"},
		},
		{
			// Unusable: bad byte order.
			name: "byte order",
			in:   &tiffImage{bo: le, buf: []byte("XX*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00")},
			err:  "neither II nor MM",
		},
		{
			// Unusable: BigTIFF magic.
			name: "magic",
			in:   &tiffImage{bo: le, buf: []byte("II+\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00")},
			err:  "magic number 43",
		},
		{
			// Unusable: IFD0 in the header.
			name: "IFD0 offset zero",
			in:   newTIFF(le, 64, 0),
			err:  "IFD0 offset 0: points into the TIFF header",
		},
		{
			// Unusable: IFD0 past the end.
			name: "IFD0 past end",
			in:   newTIFF(le, 64, 0x7FFFFFF0),
			err:  "outside the 64-byte payload",
		},
		{
			// Unusable: too short for a header.
			name: "short",
			in:   &tiffImage{bo: le, buf: []byte("II*")},
			err:  "too short",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := bytes.Clone(tc.in.buf)
			clean, warnings, err := SanitizeEXIF(in)
			if !bytes.Equal(in, tc.in.buf) {
				t.Fatal("SanitizeEXIF modified its input")
			}
			if tc.err != "" {
				if !errors.Is(err, ErrBadEXIF) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want ErrBadEXIF with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.wantIFDs {
				es, next := readIFD(tc.in.bo, clean, w.off)
				if diff := cmp.Diff(w.es, es, cmp.AllowUnexported(entry{})); diff != "" || next != w.next {
					t.Errorf("IFD at %d (-want +got):\n%s next %d, want %d", w.off, diff, next, w.next)
				}
			}
			if len(warnings) != len(tc.warnings) {
				t.Fatalf("warnings %q, want %d", warnings, len(tc.warnings))
			}
			for i, w := range tc.warnings {
				if !strings.Contains(warnings[i], w) {
					t.Errorf("warning %q lacks %q", warnings[i], w)
				}
			}
			// Sanitising again changes nothing and warns about nothing.
			again, w2, err := SanitizeEXIF(clean)
			if err != nil || len(w2) != 0 || !bytes.Equal(again, clean) {
				t.Errorf("second pass: err %v, warnings %q, changed %v", err, w2, !bytes.Equal(again, clean))
			}
		})
	}
}

func TestSanitizeEXIFCaps(t *testing.T) {
	// 16 chained IFDs: the chain is cut at MaxEXIFChain.
	le := binary.LittleEndian
	img := newTIFF(le, 8+16*18+4, 8)
	for i := range 16 {
		off := 8 + 18*i
		next := uint32(off + 18)
		if i == 15 {
			next = 0
		}
		img.ifd(off, next, entry{0x0112, 3, 1, 1})
	}
	_, warnings, err := SanitizeEXIF(img.buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "more than 4 IFDs in the chain") {
		t.Errorf("warnings %q", warnings)
	}

	// More entries in all than MaxEXIFEntries: the rest are removed with
	// one warning. IFD0 (with a GPS pointer), the GPS IFD and IFD1..IFD3
	// hold 1,000 entries each.
	n := MaxEXIFEntriesPerIFD
	tableSize := 2 + 12*n + 4
	img = newTIFF(le, 8+5*tableSize, 8)
	full := make([]entry, n)
	for i := range full {
		full[i] = entry{0x0112, 3, 1, 1}
	}
	withGPS := append([]entry{{tagGPSIFD, 4, 1, uint32(8 + 4*tableSize)}}, full[1:]...)
	img.ifd(8, uint32(8+tableSize), withGPS...)
	for i := 1; i < 4; i++ {
		next := uint32(8 + (i+1)*tableSize)
		if i == 3 {
			next = 0
		}
		img.ifd(8+i*tableSize, next, full...)
	}
	img.ifd(8+4*tableSize, 0, full...)
	_, warnings, err = SanitizeEXIF(img.buf)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range warnings {
		found = found || strings.Contains(w, "more than 4000 EXIF entries")
	}
	if !found {
		t.Errorf("no entry-cap warning in %q", warnings)
	}
}
