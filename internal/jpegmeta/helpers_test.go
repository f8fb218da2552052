package jpegmeta

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/cutline/cutline/internal/testcorpus"
)

// seg builds one marker segment with a correct length field.
func seg(m byte, parts ...[]byte) []byte {
	p := bytes.Join(parts, nil)
	n := len(p) + 2
	return append([]byte{0xFF, m, byte(n >> 8), byte(n)}, p...)
}

// sof builds a baseline (or other) frame header with three components.
func sof(m byte, w, h int) []byte {
	return seg(m, []byte{8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1})
}

// scanTail is an SOS header, a few bytes of entropy-coded data (with a
// stuffed 0xFF00 and a restart marker, which Scan must not parse) and EOI.
var scanTail = bytes.Join([][]byte{
	seg(0xDA, []byte{3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0}),
	{0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0xFF, 0xD9},
}, nil)

// jpegOf assembles SOI, the given segments, and scanTail.
func jpegOf(segs ...[]byte) []byte {
	out := []byte{0xFF, 0xD8}
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, scanTail...)
}

func app(m byte, sig string, body []byte) []byte { return seg(m, []byte(sig), body) }

// extSegment builds one extended XMP APP1.
func extSegment(guid string, full, off uint32, data []byte) []byte {
	h := make([]byte, 8)
	binary.BigEndian.PutUint32(h, full)
	binary.BigEndian.PutUint32(h[4:], off)
	return seg(0xE1, []byte(sigExtendedXMP), []byte(guid), h, data)
}

// corpusSeedFiles lists corpus files for seeding fuzz targets. Seeding is
// optional: without the corpus the targets run on their in-code seeds
// (testcorpus.Sub would skip the whole target instead).
func corpusSeedFiles(f *testing.F) []string {
	dir := os.Getenv("CUTLINE_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "testdata", "corpus")
	}
	var out []string
	for _, sub := range []string{"bad", "images"} {
		d := filepath.Join(dir, sub)
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			out = append(out, testcorpus.Files(f, d)...)
		}
	}
	return out
}
