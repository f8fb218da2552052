package jpegmeta

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cutline/cutline/internal/testcorpus"
)

type truthDims struct {
	File        string   `json:"file"`
	Width       *int     `json:"width"`
	Height      *int     `json:"height"`
	Orientation *float64 `json:"orientation"`
	HasEXIF     bool     `json:"has_exif"`
	HasXMP      bool     `json:"has_xmp"`
}

// TestCorpusImages scans every good corpus image and compares the frame
// size with ExifTool's.
//
// What the truth's width/height are: ExifTool's File:ImageWidth and
// File:ImageHeight, the SOF values as coded, with no orientation applied.
// The goexif f1..f8 images show it: they hold the same upright "F" stored
// so that each EXIF orientation displays it correctly, f1..f4 are coded
// 40x80 and f5..f8 (orientations 5-8, which swap the axes) are coded
// 80x40, and truth gives 40x80 and 80x40 respectively. Scan reports the
// same coded size; callers swap for orientations 5-8.
//
// The eight goexif files named 20xx-...-sep-....jpg are EXIF headers cut
// off before any frame header: truth has no size for them, and Scan
// returns ErrTruncated together with the EXIF it found.
func TestCorpusImages(t *testing.T) {
	images := testcorpus.Sub(t, "images")
	raw, err := os.ReadFile(filepath.Join(testcorpus.Sub(t, "truth"), "ALL.simple.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth []truthDims
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	agree := 0
	for _, tr := range truth {
		data, err := os.ReadFile(filepath.Join(images, filepath.FromSlash(tr.File)))
		if err != nil {
			t.Fatal(err)
		}
		f, err := Scan(data)
		if tr.Width == nil {
			// Header-only files.
			if !errors.Is(err, ErrTruncated) || f == nil || f.EXIF == nil {
				t.Errorf("%s: truth has no size; Scan gave %v (EXIF %d bytes), want ErrTruncated with EXIF", tr.File, err, len(f.EXIF))
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tr.File, err)
			continue
		}
		if f.Width != *tr.Width || f.Height != *tr.Height {
			t.Errorf("%s: %dx%d, ExifTool %dx%d", tr.File, f.Width, f.Height, *tr.Width, *tr.Height)
			continue
		}
		if (f.EXIF != nil) != tr.HasEXIF || (f.XMP != nil) != tr.HasXMP {
			t.Errorf("%s: EXIF %v XMP %v, ExifTool %v %v", tr.File, f.EXIF != nil, f.XMP != nil, tr.HasEXIF, tr.HasXMP)
		}
		agree++
		if strings.HasPrefix(tr.File, "goexif/f") && tr.Orientation != nil {
			swapped := *tr.Orientation >= 5
			if (f.Width > f.Height) != swapped {
				t.Errorf("%s: orientation %v with coded %dx%d; expected the axes swapped exactly for 5-8", tr.File, *tr.Orientation, f.Width, f.Height)
			}
		}
	}
	t.Logf("frame size agrees with ExifTool on %d images", agree)
}

// TestCorpusBad runs Scan and SanitizeEXIF over every hostile file: no
// panic, well under 100 ms, bounded allocation, and either success or an
// error that wraps a sentinel and says what is wrong.
func TestCorpusBad(t *testing.T) {
	files := testcorpus.Files(t, testcorpus.Sub(t, "bad"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		f, err := Scan(data)
		if err != nil && !(errors.Is(err, ErrNotJPEG) || errors.Is(err, ErrTruncated) || errors.Is(err, ErrNoFrame) || errors.Is(err, ErrCorrupt)) {
			t.Errorf("%s: error %v wraps no sentinel", p, err)
		}
		if err != nil && len(err.Error()) < 30 {
			t.Errorf("%s: error %q does not say what is wrong", p, err)
		}
		if f != nil && f.EXIF != nil {
			_, _, err := SanitizeEXIF(f.EXIF)
			if err != nil && !errors.Is(err, ErrBadEXIF) {
				t.Errorf("%s: SanitizeEXIF error %v wraps no sentinel", p, err)
			}
		}
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		if elapsed > 100*time.Millisecond {
			t.Errorf("%s: took %v", p, elapsed)
		}
		// Allocation is bounded by the input: a few copies of it at most
		// (the EXIF copy, extended XMP, concatenated APP13s).
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(4*len(data)+1<<20) {
			t.Errorf("%s: allocated %d bytes for a %d-byte file", p, alloc, len(data))
		}
	}
}

// TestCorpusBadExpectations pins what specific hostile files must give.
func TestCorpusBadExpectations(t *testing.T) {
	bad := testcorpus.Sub(t, "bad")
	tests := []struct {
		file     string
		err      error  // Scan error
		errText  string // substring of the Scan error
		exifErr  string // substring of the SanitizeEXIF error
		exifWarn string // substring of one SanitizeEXIF warning
		scanWarn string // substring of one Scan warning
	}{
		{file: "formats/png-named.jpg", err: ErrNotJPEG, errText: "PNG"},
		{file: "formats/heic-named.jpg", err: ErrNotJPEG, errText: "HEIF"},
		{file: "formats/pdf-named.jpg", err: ErrNotJPEG, errText: "PDF"},
		{file: "formats/zip-named.jpg", err: ErrNotJPEG, errText: "ZIP"},
		{file: "formats/html-named.jpg", err: ErrNotJPEG, errText: "HTML"},
		{file: "formats/JXL.jxl", err: ErrNotJPEG, errText: "JPEG XL"},
		{file: "formats/RIFF.webp", err: ErrNotJPEG, errText: "WebP"},
		{file: "formats/tiff-named.jpg", err: ErrNotJPEG, errText: "TIFF"},
		{file: "formats/gif-named.jpg", err: ErrNotJPEG, errText: "GIF"},
		{file: "real/issue_2160_poc.jpg", err: ErrNotJPEG, errText: "JPEG 2000"},
		{file: "gen/text-named.jpg", err: ErrNotJPEG, errText: "plain text"},
		{file: "gen/html-404-named.jpg", err: ErrNotJPEG, errText: "HTML"},
		{file: "gen/zero-bytes.jpg", err: ErrNotJPEG, errText: "empty"},
		{file: "gen/soi-only.jpg", err: ErrTruncated, errText: "after SOI"},
		{file: "gen/soi-eoi.jpg", err: ErrTruncated, errText: "EOI at offset 2"},
		{file: "gen/trunc-before-sos.jpg", err: ErrTruncated, errText: "before any scan"},
		{file: "gen/app1-length-overflow.jpg", err: ErrTruncated, errText: "declares 65535 bytes"},
		{file: "gen/app1-length-1.jpg", err: ErrCorrupt, errText: "length 1"},
		{file: "real/issue_1847_poc.jpg", err: ErrNoFrame, errText: "SOS at offset"},
		{file: "gen/fill-bytes-before-markers.jpg"},
		{file: "gen/double-soi.jpg", scanWarn: "extra SOI"},
		{file: "gen/xmp-two-packets.jpg", scanWarn: "second standard XMP"},
		{file: "gen/xmp-extended-bogus-offsets.jpg", scanWarn: "full length of 2147483647"},
		{file: "gen/ifd-loop-1-to-0.jpg", exifWarn: "IFD1 next-IFD pointer to offset 8 cut: points back to IFD0"},
		{file: "gen/ifd-loop-self.jpg", exifWarn: "IFD0 next-IFD pointer to offset 8 cut"},
		{file: "gen/mm-ifd-loop-self.jpg", exifWarn: "IFD0 next-IFD pointer to offset 8 cut"},
		{file: "gen/exififd-points-to-ifd0.jpg", exifWarn: "ExifIFDPointer): pointer to offset 8 cut"},
		{file: "gen/exififd-ptr-past-eof.jpg", exifWarn: "outside the 2468-byte payload"},
		{file: "gen/ifd0-count-65535.jpg", exifWarn: "IFD0 declares 65535 entries"},
		{file: "gen/tag-count-max.jpg", exifWarn: "count 4294967295"},
		{file: "gen/tag-count-zero.jpg", exifWarn: "(Model): count is zero"},
		{file: "gen/tag-bad-type.jpg", exifWarn: "unknown field type 238"},
		{file: "gen/orientation-count0.jpg", exifWarn: "(Orientation): count is zero"},
		{file: "gen/mknote-nikon-4bytes.jpg", exifWarn: "MakerNote removed"},
		{file: "gen/ifd0-offset-past-eof.jpg", exifErr: "IFD0 offset"},
		{file: "gen/ifd0-offset-zero.jpg", exifErr: "points into the TIFF header"},
		{file: "gen/tiff-bad-byteorder.jpg", exifErr: "neither II nor MM"},
		{file: "gen/tiff-bad-magic.jpg", exifErr: "magic number 43"},
		{file: "real/infinite_loop_exif.jpg", exifWarn: "next-IFD pointer to offset 72 cut"},
		{file: "real/issue_3455_sigma_print0x0009_empty.jpg", err: ErrTruncated, exifWarn: "(DateTimeOriginal): count 4278190100"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(bad, filepath.FromSlash(tc.file)))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Scan(data)
			if !errors.Is(err, tc.err) || (err == nil) != (tc.err == nil) {
				t.Fatalf("Scan error %v, want %v", err, tc.err)
			}
			if err != nil && !strings.Contains(err.Error(), tc.errText) {
				t.Errorf("Scan error %q lacks %q", err, tc.errText)
			}
			if tc.scanWarn != "" && !strings.Contains(strings.Join(f.Warnings, "\n"), tc.scanWarn) {
				t.Errorf("Scan warnings %q lack %q", f.Warnings, tc.scanWarn)
			}
			if tc.exifErr == "" && tc.exifWarn == "" {
				return
			}
			_, warnings, err := SanitizeEXIF(f.EXIF)
			if tc.exifErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.exifErr) {
					t.Errorf("SanitizeEXIF error %v, want one with %q", err, tc.exifErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(warnings, "\n"), tc.exifWarn) {
				t.Errorf("SanitizeEXIF warnings %q lack %q", warnings, tc.exifWarn)
			}
		})
	}
}
