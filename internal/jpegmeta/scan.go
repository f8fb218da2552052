package jpegmeta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// Sentinel errors. Errors returned by this package wrap one of them.
var (
	// ErrNotJPEG means the input does not start with an SOI marker. The
	// wrapping error names the format the bytes look like when it can tell.
	ErrNotJPEG = errors.New("not a JPEG file")
	// ErrTruncated means the input ends (or reaches EOI) before the first
	// scan, so there is no image data to keep.
	ErrTruncated = errors.New("JPEG truncated before the image data")
	// ErrNoFrame means a scan starts without any frame header (SOF) before
	// it, so the image size and coding are unknown.
	ErrNoFrame = errors.New("JPEG has no frame header (SOF) before the scan")
	// ErrCorrupt means a marker segment is malformed beyond repair (for
	// example a length field below 2).
	ErrCorrupt = errors.New("JPEG structure is corrupt")
)

// Kind classifies a marker segment by its marker and payload signature.
type Kind int

// Segment kinds. Everything not listed is KindOther.
const (
	KindOther       Kind = iota
	KindSOI              // start of image
	KindJFIF             // APP0 (JFIF, JFXX or any other APP0)
	KindEXIF             // APP1 "Exif\0\0"
	KindXMP              // APP1 standard XMP packet
	KindExtendedXMP      // APP1 extended XMP chunk
	KindICC              // APP2 "ICC_PROFILE\0"
	KindPhotoshop        // APP13 "Photoshop 3.0\0"
	KindAdobe            // APP14 "Adobe"
	KindFrame            // SOFn frame header
	KindScan             // SOS scan header (the last segment Scan reports)
)

// String names the kind, for messages and test output.
func (k Kind) String() string {
	switch k {
	case KindSOI:
		return "SOI"
	case KindJFIF:
		return "APP0"
	case KindEXIF:
		return "EXIF"
	case KindXMP:
		return "XMP"
	case KindExtendedXMP:
		return "extended XMP"
	case KindICC:
		return "ICC"
	case KindPhotoshop:
		return "Photoshop"
	case KindAdobe:
		return "Adobe"
	case KindFrame:
		return "SOF"
	case KindScan:
		return "SOS"
	}
	return "other"
}

// Segment is one marker segment before (and including) the first scan
// header.
type Segment struct {
	Marker byte // the marker code after 0xFF, e.g. 0xE1 for APP1
	Kind   Kind
	Offset int // offset of the 0xFF that starts the marker (after any fill bytes)
	// Length is the size of the whole segment from Offset: 2 for markers
	// without a payload (SOI), otherwise 2 plus the segment's length field.
	Length int
}

// Payload returns the bytes of the segment after its length field, as a
// sub-slice of data (the slice Scan was given).
func (s Segment) Payload(data []byte) []byte {
	if s.Length < 4 || s.Offset < 0 || s.Offset+s.Length > len(data) {
		return nil
	}
	return data[s.Offset+4 : s.Offset+s.Length]
}

// File is what Scan learns from the segments of a JPEG before its first
// scan. Byte slices alias the input unless noted.
type File struct {
	Width, Height int  // from the first SOF, as coded (not oriented)
	Components    int  // number of colour components in the frame
	Precision     int  // sample precision in bits
	Progressive   bool // SOF2, SOF6, SOF10 or SOF14
	SOFMarker     byte // the SOF marker code, 0xC0..0xCF; 0 when absent

	// EXIF is the TIFF structure (after "Exif\0\0") of the first APP1
	// that carries EXIF, wherever it is among the segments.
	EXIF []byte
	// XMP is the first standard XMP packet.
	XMP []byte
	// ExtendedXMP holds each complete extended XMP serialisation by GUID
	// (newly allocated). Incomplete or inconsistent ones are left out with
	// a warning.
	ExtendedXMP map[string][]byte
	// Photoshop is the image resource data of the APP13 "Photoshop 3.0"
	// segments, concatenated in file order (newly allocated when there is
	// more than one segment).
	Photoshop []byte
	// ICC reports an APP2 ICC profile.
	ICC bool
	// AdobeTransform is the APP14 "Adobe" colour transform (0 = none, so
	// RGB or CMYK; 1 = YCbCr; 2 = YCCK), or -1 without an APP14.
	AdobeTransform int

	// Segments lists every marker segment from SOI to the first SOS, in
	// file order.
	Segments []Segment
	// SOSOffset is the offset of the first SOS marker: everything from here
	// to the end of the file is image data that a rewrite must keep.
	SOSOffset int
	// Warnings describe what was tolerated: junk between segments,
	// duplicate packets, bogus extended XMP, ...
	Warnings []string
}

// maxWarnings bounds the warnings one file can produce, so a file made of
// thousands of tiny bogus segments cannot make the report unbounded.
const maxWarnings = 100

func (f *File) warnf(format string, args ...any) {
	switch {
	case len(f.Warnings) < maxWarnings:
		f.Warnings = append(f.Warnings, fmt.Sprintf(format, args...))
	case len(f.Warnings) == maxWarnings:
		f.Warnings = append(f.Warnings, "further warnings suppressed")
	}
}

// Signatures of the APP payloads this package recognises.
const (
	sigEXIF        = "Exif\x00\x00"
	sigXMP         = "http://ns.adobe.com/xap/1.0/\x00"
	sigExtendedXMP = "http://ns.adobe.com/xmp/extension/\x00"
	sigICC         = "ICC_PROFILE\x00"
	sigPhotoshop   = "Photoshop 3.0\x00"
	sigAdobe       = "Adobe"
)

// Marker codes (T.81 Table B.1).
const (
	markerSOF0  = 0xC0
	markerDHT   = 0xC4
	markerJPG   = 0xC8
	markerDAC   = 0xCC
	markerRST0  = 0xD0
	markerRST7  = 0xD7
	markerSOI   = 0xD8
	markerEOI   = 0xD9
	markerSOS   = 0xDA
	markerAPP0  = 0xE0
	markerAPP1  = 0xE1
	markerAPP2  = 0xE2
	markerAPP13 = 0xED
	markerAPP14 = 0xEE
	markerTEM   = 0x01
)

// Scan walks the marker segments of a JPEG from SOI to the first SOS and
// reports the frame header and the metadata payloads. It never reads the
// entropy-coded data.
//
// On error the returned File still holds what was found before the
// problem (so a header-only file still yields its EXIF), except for
// ErrNotJPEG, which comes with a nil File. Errors wrap ErrNotJPEG,
// ErrTruncated, ErrNoFrame or ErrCorrupt.
func Scan(data []byte) (*File, error) {
	f := &File{AdobeTransform: -1}
	if len(data) < 2 || data[0] != 0xFF || data[1] != markerSOI {
		return nil, fmt.Errorf("jpegmeta: %w: %s", ErrNotJPEG, Sniff(data))
	}
	f.Segments = append(f.Segments, Segment{Marker: markerSOI, Kind: KindSOI, Offset: 0, Length: 2})
	var ext extendedXMP
	var psParts [][]byte
	prev := "SOI"
	pos := 2
	for {
		off, m, skipped, ok := nextMarker(data, pos)
		if skipped > 0 {
			f.warnf("skipped %d bytes of junk after %s at offset %d (T.81 B.1.1.2: a marker starts with 0xFF)", skipped, prev, pos)
		}
		if !ok {
			f.finish(&ext, psParts)
			return f, fmt.Errorf("jpegmeta: %w: file ends at offset %d after %s, before any scan (SOS)", ErrTruncated, len(data), prev)
		}
		name := markerName(m)
		switch {
		case m == markerSOI:
			f.warnf("extra SOI marker at offset %d ignored", off)
			prev, pos = name, off+2
			continue
		case m == markerEOI:
			f.finish(&ext, psParts)
			return f, fmt.Errorf("jpegmeta: %w: EOI at offset %d before any scan (SOS); the file has no image data", ErrTruncated, off)
		case m == markerTEM || (m >= markerRST0 && m <= markerRST7):
			f.warnf("stray %s marker at offset %d before the first scan", name, off)
			prev, pos = name, off+2
			continue
		}
		if off+4 > len(data) {
			f.finish(&ext, psParts)
			return f, fmt.Errorf("jpegmeta: %w: %s marker at offset %d has no room for its length field", ErrTruncated, name, off)
		}
		n := int(binary.BigEndian.Uint16(data[off+2:]))
		if n < 2 {
			f.finish(&ext, psParts)
			return f, fmt.Errorf("jpegmeta: %w: %s segment at offset %d has length %d, below the minimum of 2 (T.81 B.1.1.4)", ErrCorrupt, name, off, n)
		}
		end := off + 2 + n
		if end > len(data) {
			f.finish(&ext, psParts)
			return f, fmt.Errorf("jpegmeta: %w: %s segment at offset %d declares %d bytes but only %d remain", ErrTruncated, name, off, n, len(data)-off-2)
		}
		seg := Segment{Marker: m, Offset: off, Length: 2 + n}
		payload := data[off+4 : end]
		if m == markerSOS {
			seg.Kind = KindScan
			f.Segments = append(f.Segments, seg)
			f.SOSOffset = off
			f.finish(&ext, psParts)
			if f.SOFMarker == 0 {
				return f, fmt.Errorf("jpegmeta: %w: SOS at offset %d (T.81 B.2.2 requires a frame header first)", ErrNoFrame, off)
			}
			return f, nil
		}
		seg.Kind = f.segment(m, off, payload, &ext, &psParts)
		f.Segments = append(f.Segments, seg)
		prev, pos = name, end
	}
}

// nextMarker finds the marker at or after pos. It skips 0xFF fill bytes
// and, when the byte at pos is not 0xFF, junk up to the next plausible
// marker (reported as skipped). off is the offset of the 0xFF immediately
// before the marker code m. ok is false when the data ends first.
func nextMarker(data []byte, pos int) (off int, m byte, skipped int, ok bool) {
	start := pos
	junk := false
	for pos < len(data) {
		if data[pos] != 0xFF {
			junk = true
			i := bytes.IndexByte(data[pos:], 0xFF)
			if i < 0 {
				return 0, 0, len(data) - start, false
			}
			pos += i
		}
		// Fill bytes: any run of 0xFF before the marker code.
		run := pos
		for pos+1 < len(data) && data[pos+1] == 0xFF {
			pos++
		}
		if pos+1 >= len(data) {
			if junk {
				return 0, 0, run - start, false
			}
			return 0, 0, 0, false
		}
		c := data[pos+1]
		if !junk && c != 0x00 {
			// A marker right where one was expected: any code but
			// 0x00 (a stuffed byte) is taken as it is.
			return pos, c, 0, true
		}
		if junk && plausibleMarker(c) {
			return pos, c, run - start, true
		}
		junk = true
		pos += 2
	}
	return 0, 0, len(data) - start, false
}

// plausibleMarker reports whether c is a marker code expected before the
// first scan; resynchronising after junk only stops at these, so 0xFF
// bytes inside junk are not mistaken for markers too easily.
func plausibleMarker(c byte) bool {
	switch {
	case c >= 0xE0 && c <= 0xEF: // APPn
		return true
	case c >= 0xC0 && c <= 0xCF && c != markerJPG: // SOFn, DHT, DAC
		return true
	}
	switch c {
	case 0xDB, 0xDD, markerSOS, markerEOI, 0xFE: // DQT, DRI, SOS, EOI, COM
		return true
	}
	return false
}

// isSOF reports whether m is a frame header marker (T.81 Table B.1).
func isSOF(m byte) bool {
	return m >= markerSOF0 && m <= 0xCF && m != markerDHT && m != markerJPG && m != markerDAC
}

func markerName(m byte) string {
	switch {
	case m == markerSOI:
		return "SOI"
	case m == markerEOI:
		return "EOI"
	case m == markerSOS:
		return "SOS"
	case m == markerDHT:
		return "DHT"
	case m == markerDAC:
		return "DAC"
	case m == 0xDB:
		return "DQT"
	case m == 0xDD:
		return "DRI"
	case m == 0xFE:
		return "COM"
	case m == markerTEM:
		return "TEM"
	case isSOF(m):
		return fmt.Sprintf("SOF%d", m-markerSOF0)
	case m >= markerRST0 && m <= markerRST7:
		return fmt.Sprintf("RST%d", m-markerRST0)
	case m >= markerAPP0 && m <= 0xEF:
		return fmt.Sprintf("APP%d", m-markerAPP0)
	}
	return fmt.Sprintf("marker 0x%02X", m)
}

// classify returns the kind of a segment from its marker and payload.
func classify(m byte, payload []byte) Kind {
	switch {
	case m == markerSOI:
		return KindSOI
	case m == markerSOS:
		return KindScan
	case isSOF(m):
		return KindFrame
	case m == markerAPP0:
		return KindJFIF
	case m == markerAPP1 && bytes.HasPrefix(payload, []byte(sigEXIF)):
		return KindEXIF
	case m == markerAPP1 && bytes.HasPrefix(payload, []byte(sigXMP)):
		return KindXMP
	case m == markerAPP1 && bytes.HasPrefix(payload, []byte(sigExtendedXMP)):
		return KindExtendedXMP
	case m == markerAPP2 && bytes.HasPrefix(payload, []byte(sigICC)):
		return KindICC
	case m == markerAPP13 && bytes.HasPrefix(payload, []byte(sigPhotoshop)):
		return KindPhotoshop
	case m == markerAPP14 && bytes.HasPrefix(payload, []byte(sigAdobe)):
		return KindAdobe
	}
	return KindOther
}

// segment records what one marker segment contributes to f and returns its
// kind.
func (f *File) segment(m byte, off int, payload []byte, ext *extendedXMP, ps *[][]byte) Kind {
	k := classify(m, payload)
	switch k {
	case KindFrame:
		f.frame(m, off, payload)
	case KindEXIF:
		if f.EXIF != nil {
			f.warnf("second EXIF APP1 at offset %d ignored", off)
			break
		}
		f.EXIF = payload[len(sigEXIF):]
	case KindXMP:
		if f.XMP != nil {
			f.warnf("second standard XMP packet at offset %d ignored (XMP part 3 §1.1.3 allows one)", off)
			break
		}
		f.XMP = payload[len(sigXMP):]
	case KindExtendedXMP:
		ext.add(f, off, payload[len(sigExtendedXMP):])
	case KindICC:
		f.ICC = true
	case KindPhotoshop:
		*ps = append(*ps, payload[len(sigPhotoshop):])
	case KindAdobe:
		// "Adobe", version (2), flags0 (2), flags1 (2), transform (1).
		if len(payload) >= 12 {
			f.AdobeTransform = int(payload[11])
		} else {
			f.warnf("APP14 Adobe segment at offset %d is too short (%d bytes) for its colour transform", off, len(payload))
		}
	}
	return k
}

// frame reads a frame header (T.81 B.2.2): P, Y, X, Nf, then Nf
// three-byte component specifications.
func (f *File) frame(m byte, off int, p []byte) {
	if f.SOFMarker != 0 {
		f.warnf("second frame header %s at offset %d ignored", markerName(m), off)
		return
	}
	if len(p) < 6 {
		f.warnf("%s at offset %d is too short (%d bytes) for a frame header (T.81 B.2.2)", markerName(m), off, len(p))
		return
	}
	f.SOFMarker = m
	f.Precision = int(p[0])
	f.Height = int(binary.BigEndian.Uint16(p[1:]))
	f.Width = int(binary.BigEndian.Uint16(p[3:]))
	f.Components = int(p[5])
	switch m {
	case 0xC2, 0xC6, 0xCA, 0xCE:
		f.Progressive = true
	}
	if need := 6 + 3*f.Components; len(p) < need {
		f.warnf("%s at offset %d declares %d components but has room for %d (T.81 B.2.2)", markerName(m), off, f.Components, (len(p)-6)/3)
	}
}

// finish assembles what is collected across segments.
func (f *File) finish(ext *extendedXMP, ps [][]byte) {
	f.ExtendedXMP = ext.assemble(f)
	switch len(ps) {
	case 0:
	case 1:
		f.Photoshop = ps[0]
	default:
		f.Photoshop = bytes.Join(ps, nil)
	}
}
