package jpegmeta

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
	"time"
)

func FuzzScan(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0xFF, 0xD8})
	f.Add(jpegOf(app(0xE1, sigXMP, []byte("<x/>")), sof(0xC0, 8, 8)))
	f.Add(jpegOf(extSegment("0123456789ABCDEF0123456789ABCDEF", 10, 0, []byte("01234")), extSegment("0123456789ABCDEF0123456789ABCDEF", 10, 5, []byte("56789")), sof(0xC2, 1, 1)))
	f.Add(append([]byte{0xFF, 0xD8, 0xFF, 0xFF, 'j', 0xFF, 0x00}, sof(0xC0, 8, 8)...))
	for _, p := range corpusSeedFiles(f) {
		if data, err := os.ReadFile(p); err == nil && len(data) < 1<<20 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		file, err := Scan(data)
		if !bytes.Equal(orig, data) {
			t.Fatal("Scan modified its input")
		}
		if file == nil {
			return
		}
		end := 0
		for _, s := range file.Segments {
			if s.Offset < end || s.Offset+s.Length > len(data) || s.Length < 2 {
				t.Fatalf("segment %+v out of order or out of bounds (len %d)", s, len(data))
			}
			end = s.Offset + s.Length
		}
		total := 0
		for _, x := range file.ExtendedXMP {
			total += len(x)
		}
		if total > len(data) || len(file.Photoshop) > len(data) {
			t.Fatalf("payloads larger than the input: %d extended, %d Photoshop", total, len(file.Photoshop))
		}
		if err != nil {
			return
		}
		if !bytes.HasPrefix(data[file.SOSOffset:], []byte{0xFF, 0xDA}) {
			t.Fatalf("SOSOffset %d is not at an SOS marker", file.SOSOffset)
		}
		// Keeping everything gives the input back; replacing keeps the
		// image data.
		same, err := Rewrite(data, Replace{KeepXMP: true, KeepPhotoshop: true})
		if err != nil || !bytes.Equal(same, data) {
			t.Fatalf("Rewrite keeping everything: err %v, equal %v", err, bytes.Equal(same, data))
		}
		out, err := Rewrite(data, Replace{XMP: []byte("<x/>"), Photoshop: []byte("8BIM")})
		if err != nil {
			t.Fatalf("Rewrite: %v", err)
		}
		g, err := Scan(out)
		if err != nil {
			t.Fatalf("Scan of rewritten file: %v", err)
		}
		if !bytes.Equal(out[g.SOSOffset:], data[file.SOSOffset:]) || string(g.XMP) != "<x/>" || string(g.Photoshop) != "8BIM" {
			t.Fatal("rewrite lost the image data or the new payloads")
		}
	})
}

func FuzzSanitizeEXIF(f *testing.F) {
	le := binary.LittleEndian
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add(newTIFF(le, 300, 8).ifd(8, 100, entry{0x0112, 3, 1, 6}, entry{tagExifIFD, 4, 1, 100}).ifd(100, 8, entry{0x9003, 2, 20, 200}).buf)
	f.Add(newTIFF(binary.BigEndian, 120, 8).ifd(8, 8, entry{0x0110, 5, 0x20000001, 40}).buf)
	f.Add(newTIFF(le, 120, 8).ifd(8, 0, entry{tagGPSIFD, typeIFD, 1, 60}).ifd(60, 0, entry{0, 1, 4, 0x0202}).buf)
	for _, p := range corpusSeedFiles(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if file, _ := Scan(data); file != nil && file.EXIF != nil {
			f.Add(bytes.Clone(file.EXIF))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := bytes.Clone(in)
		clean, warnings, err := SanitizeEXIF(in)
		if !bytes.Equal(orig, in) {
			t.Fatal("SanitizeEXIF modified its input")
		}
		if err != nil {
			return
		}
		if len(clean) != len(in) {
			t.Fatalf("clean payload is %d bytes, input %d", len(clean), len(in))
		}
		if len(warnings) > maxWarnings+1 {
			t.Fatalf("%d warnings", len(warnings))
		}
		again, w2, err := SanitizeEXIF(clean)
		if err != nil || len(w2) != 0 || !bytes.Equal(again, clean) {
			t.Fatalf("not idempotent: err %v, warnings %q", err, w2)
		}
		// The point of it all: goexif finishes, without panicking.
		res, ok := decodeWithTimeout(clean, 2*time.Second)
		if !ok {
			t.Fatal("goexif still running after 2 s on a sanitised payload")
		}
		if res.panicked != nil {
			t.Fatalf("goexif panicked on a sanitised payload: %v", res.panicked)
		}
	})
}
