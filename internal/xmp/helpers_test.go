package xmp

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cutline/cutline/internal/testcorpus"
)

// jpegXMP is a small test-only JPEG walker (internal/jpegmeta owns the real
// one): it returns the payload of the first standard XMP APP1 segment and
// the extended XMP chunks reassembled by GUID and offset. Chunks that claim
// an implausible length or offset are ignored, as the bad corpus has some.
func jpegXMP(data []byte) (std []byte, ext map[string][]byte) {
	const (
		stdSig = "http://ns.adobe.com/xap/1.0/\x00"
		extSig = "http://ns.adobe.com/xmp/extension/\x00"
		maxExt = 16 << 20
	)
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, nil
	}
	ext = map[string][]byte{}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			break
		}
		m := data[i+1]
		switch {
		case m == 0xFF:
			i++
			continue
		case m == 0xD8 || m == 0x01 || 0xD0 <= m && m <= 0xD7:
			i += 2
			continue
		case m == 0xDA || m == 0xD9:
			return std, ext
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			break
		}
		seg := data[i+4 : i+2+n]
		i += 2 + n
		if m != 0xE1 {
			continue
		}
		switch {
		case bytes.HasPrefix(seg, []byte(stdSig)):
			if std == nil {
				std = seg[len(stdSig):]
			}
		case bytes.HasPrefix(seg, []byte(extSig)) && len(seg) >= len(extSig)+40:
			h := seg[len(extSig):]
			guid := string(h[:32])
			full := binary.BigEndian.Uint32(h[32:])
			off := binary.BigEndian.Uint32(h[36:])
			chunk := h[40:]
			if full > maxExt || uint64(off)+uint64(len(chunk)) > uint64(full) {
				continue
			}
			buf := ext[guid]
			if buf == nil {
				buf = make([]byte, full)
				ext[guid] = buf
			}
			if len(buf) != int(full) {
				continue
			}
			copy(buf[off:], chunk)
		}
	}
	return std, ext
}

// corpusImage is one image of the shared corpus that carries XMP.
type corpusImage struct {
	rel  string // path under images/, as truth/ names it ("exiftool/XMP.jpg")
	path string
	std  []byte
	ext  map[string][]byte
}

// corpusXMP returns every image under the corpus's images/ folder that has
// a standard XMP packet, sorted by path; it skips when the corpus is absent.
func corpusXMP(t testing.TB) []corpusImage {
	t.Helper()
	dir := testcorpus.Sub(t, "images")
	var out []corpusImage
	for _, p := range testcorpus.Files(t, dir, ".jpg", ".jpeg") {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		std, ext := jpegXMP(data)
		if std == nil {
			continue
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, corpusImage{rel: filepath.ToSlash(rel), path: p, std: std, ext: ext})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out
}

// badXMP returns the standard XMP payload of every file in the bad corpus
// that has one, keyed by path under bad/.
func badXMP(t testing.TB) map[string][]byte {
	t.Helper()
	dir := testcorpus.Sub(t, "bad")
	out := map[string][]byte{}
	for _, p := range testcorpus.Files(t, dir) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if std, _ := jpegXMP(data); std != nil {
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = std
		}
	}
	return out
}
