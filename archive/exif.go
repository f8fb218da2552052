package archive

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cutline/cutline/internal/charset"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"
)

// exifInfo is what cutline takes from EXIF.
type exifInfo struct {
	Camera      Camera
	Taken       string // "2006-01-02T15:04:05" plus "-07:00" when the offset is known
	Orientation int    // 1..8, 0 when absent or invalid
	GPS         *GPS
	// Caption fallbacks (lowest precedence, below IIM and XMP).
	Description, Artist, Copyright string
}

// exifTimeout bounds goexif on one payload. The payload was validated
// first (jpegmeta.SanitizeEXIF), so this is a second line of defence.
const exifTimeout = 2 * time.Second

// extraEXIFTags are tags goexif does not name (EXIF 2.31 offsets).
var extraEXIFTags = map[uint16]exif.FieldName{
	0x9010: "OffsetTime",
	0x9011: "OffsetTimeOriginal",
	0x9012: "OffsetTimeDigitized",
}

// readEXIF decodes a sanitized TIFF payload with goexif, recovering from
// panics and bounding the time it may take. Problems become warnings.
func readEXIF(tiffData []byte) (info exifInfo, warnings []string) {
	type result struct {
		x   *exif.Exif
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{err: fmt.Errorf("EXIF decoder panicked: %v", r)}
			}
		}()
		x, err := exif.Decode(bytes.NewReader(tiffData))
		if x != nil && x.Tiff != nil {
			loadExtraTags(x)
		}
		ch <- result{x, err}
	}()
	var res result
	select {
	case res = <-ch:
	case <-time.After(exifTimeout):
		return info, []string{"EXIF: decoding took longer than " + exifTimeout.String() + "; EXIF ignored"}
	}
	if res.err != nil {
		warnings = append(warnings, "EXIF: "+res.err.Error())
		if res.x == nil {
			return info, warnings
		}
	}
	x := res.x
	info.Camera.Make = strings.TrimSpace(tagText(x, exif.Make))
	info.Camera.Model = strings.TrimSpace(tagText(x, exif.Model))
	info.Camera.Lens = strings.TrimSpace(tagText(x, exif.LensModel))
	info.Description = tagText(x, exif.ImageDescription)
	info.Artist = tagText(x, exif.Artist)
	// Cameras pad Copyright with spaces, and ExifTool drops them (only for
	// this tag; ImageDescription keeps its padding).
	info.Copyright = strings.TrimRight(tagText(x, exif.Copyright), " ")

	if t, ok := exifDate(tagText(x, exif.DateTimeOriginal)); ok {
		info.Taken = t + exifOffset(tagText(x, "OffsetTimeOriginal"))
	} else if t, ok := exifDate(tagText(x, exif.DateTimeDigitized)); ok {
		info.Taken = t + exifOffset(tagText(x, "OffsetTimeDigitized"))
	} else if s := tagText(x, exif.DateTimeOriginal); s != "" {
		warnings = append(warnings, fmt.Sprintf("EXIF: DateTimeOriginal %q is not a date", s))
	}

	if tag, err := x.Get(exif.Orientation); err == nil {
		if v, err := tag.Int(0); err == nil && v >= 1 && v <= 8 {
			info.Orientation = v
		} else {
			warnings = append(warnings, fmt.Sprintf("EXIF: Orientation %s is not 1..8; treated as 1 (upright)", strings.TrimSpace(tag.String())))
		}
	}
	if g, w := exifGPS(x); g != nil {
		info.GPS = g
	} else if w != "" {
		warnings = append(warnings, w)
	}
	return info, warnings
}

// loadExtraTags adds the tags of the Exif sub-IFD that goexif leaves out.
func loadExtraTags(x *exif.Exif) {
	tag, err := x.Get(exif.ExifIFDPointer)
	if err != nil {
		return
	}
	off, err := tag.Int64(0)
	if err != nil || off <= 0 || off >= int64(len(x.Raw)) {
		return
	}
	r := bytes.NewReader(x.Raw)
	if _, err := r.Seek(off, 0); err != nil {
		return
	}
	dir, _, err := tiff.DecodeDir(r, x.Tiff.Order)
	if err != nil {
		return
	}
	x.LoadTags(dir, extraEXIFTags, false)
}

// tagText returns an ASCII tag's text up to its first NUL, as written
// (ExifTool keeps the padding spaces some cameras add, and so do we).
// Bytes that are not UTF-8 are read as Windows-1252: cameras and old
// software wrote Latin-1 names ("Wördehoff") into ASCII tags.
func tagText(x *exif.Exif, name exif.FieldName) string {
	tag, err := x.Get(name)
	if err != nil || tag.Count == 0 {
		return ""
	}
	if tag.Type != tiff.DTAscii && tag.Type != tiff.DTUndefined && tag.Type != tiff.DTByte {
		return ""
	}
	b := tag.Val
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	if !utf8.Valid(b) {
		return charset.Windows1252(b)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return ""
	}
	return string(b)
}

// exifDate turns "2004:01:11 22:45:15" into "2004-01-11T22:45:15".
func exifDate(s string) (string, bool) {
	if len(s) < 19 {
		return "", false
	}
	t, err := time.Parse("2006:01:02 15:04:05", s[:19])
	if err != nil || t.Year() < 1800 {
		return "", false
	}
	return t.Format("2006-01-02T15:04:05"), true
}

// exifOffset validates an OffsetTime* value such as "+09:00".
func exifOffset(s string) string {
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return ""
	}
	if _, err := time.Parse("-07:00", s); err != nil {
		return ""
	}
	return s
}

// exifGPS reads the position from the GPS IFD, checking what goexif's
// LatLong does not (NaN, zero denominators, out-of-range values).
func exifGPS(x *exif.Exif) (*GPS, string) {
	lat, okLat, wl := gpsCoord(x, exif.GPSLatitude, exif.GPSLatitudeRef, "S", 90)
	lon, okLon, wo := gpsCoord(x, exif.GPSLongitude, exif.GPSLongitudeRef, "W", 180)
	switch {
	case okLat && okLon:
		return &GPS{Lat: lat, Lon: lon}, ""
	case wl != "":
		return nil, wl
	default:
		return nil, wo
	}
}

func gpsCoord(x *exif.Exif, name, refName exif.FieldName, negRef string, max float64) (float64, bool, string) {
	tag, err := x.Get(name)
	if err != nil {
		return 0, false, ""
	}
	var v float64
	if tag.Format() == tiff.RatVal && tag.Count >= 1 {
		var parts [3]float64
		for i := 0; i < 3 && i < int(tag.Count); i++ {
			n, d, err := tag.Rat2(i)
			if err != nil || d == 0 {
				if i == 0 {
					return 0, false, fmt.Sprintf("EXIF: %s has a zero denominator; position ignored", name)
				}
				continue
			}
			parts[i] = float64(n) / float64(d)
		}
		v = parts[0] + parts[1]/60 + parts[2]/3600
	} else if s := tagText(x, name); s != "" {
		// Some phones write "52,0,50" or "52 0 50" as text.
		var d, m, sec float64
		f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
		vals := []*float64{&d, &m, &sec}
		for i := 0; i < len(f) && i < 3; i++ {
			fmt.Sscan(f[i], vals[i])
		}
		v = d + m/60 + sec/3600
	} else {
		return 0, false, ""
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || v > max {
		return 0, false, fmt.Sprintf("EXIF: %s %v is out of range; position ignored", name, v)
	}
	if strings.EqualFold(tagText(x, refName), negRef) {
		v = -v
	}
	return v, true, ""
}
