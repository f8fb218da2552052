package jpegmeta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrBadEXIF means an EXIF payload cannot be used at all: its TIFF header
// is wrong or its first IFD lies outside the payload.
var ErrBadEXIF = errors.New("unusable EXIF")

// Caps for SanitizeEXIF. Real EXIF has IFD0, IFD1, an Exif IFD, a GPS IFD
// and an Interoperability IFD with a few hundred entries in all; the caps
// leave a wide margin while keeping a hostile payload cheap.
const (
	MaxEXIFIFDs          = 16   // IFDs visited in all (chain and sub-IFDs)
	MaxEXIFChain         = 4    // IFDs in the IFD0 → IFD1 → ... chain
	MaxEXIFEntriesPerIFD = 1000 // entries read from one IFD
	MaxEXIFEntries       = 4000 // entries read in all
)

// TIFF tags the sanitizer treats specially.
const (
	tagExifIFD      = 0x8769
	tagGPSIFD       = 0x8825
	tagInteropIFD   = 0xA005
	tagMakerNote    = 0x927C
	tagThumbOffset  = 0x0201
	tagThumbLength  = 0x0202
	typeIFD         = 13 // TIFF 6.0 supplement 1 "IFD" type, unknown to goexif
	typeLong        = 4
	typeShort       = 3
	tiffHeaderBytes = 8
)

// typeSize is the byte size of TIFF field types 1..12 (TIFF 6.0 §2);
// 0 means the type is not one of them.
func typeSize(t uint16) uint64 {
	switch t {
	case 1, 2, 6, 7: // BYTE, ASCII, SBYTE, UNDEFINED
		return 1
	case 3, 8: // SHORT, SSHORT
		return 2
	case 4, 9, 11: // LONG, SLONG, FLOAT
		return 4
	case 5, 10, 12: // RATIONAL, SRATIONAL, DOUBLE
		return 8
	}
	return 0
}

// ifdKind says where an IFD sits, which decides which pointers it may
// carry and which tags are removed from it.
type ifdKind int

const (
	kindChain   ifdKind = iota // IFD0, IFD1, ...
	kindExif                   // the Exif IFD
	kindGPS                    // the GPS IFD
	kindInterop                // the Interoperability IFD
)

type span struct {
	start, end int
	name       string
}

type exifSanitizer struct {
	in, out  []byte
	bo       binary.ByteOrder
	tables   []span // IFD tables accepted so far (what each IFD occupies)
	entries  int
	capped   bool
	warnings []string
}

func (s *exifSanitizer) warnf(format string, args ...any) {
	if len(s.warnings) < maxWarnings {
		s.warnings = append(s.warnings, fmt.Sprintf(format, args...))
	} else if len(s.warnings) == maxWarnings {
		s.warnings = append(s.warnings, "further EXIF warnings suppressed")
	}
}

// SanitizeEXIF validates the TIFF structure of an EXIF payload (the bytes
// after "Exif\0\0") and returns a cleaned copy that goexif can decode
// without running out of memory, looping, panicking or failing the whole
// decode because of one bad entry. The input is never modified.
//
// It walks the IFD0 → IFD1 chain and the Exif (0x8769), GPS (0x8825) and
// Interoperability (0xA005) IFD pointers with a record of the IFD tables
// already seen, so cycles and overlapping IFDs are cut. It caps the number
// of IFDs and entries (MaxEXIF*). Each entry must have a type from 1 to 12,
// a non-zero count whose byte size neither overflows nor exceeds the
// payload, and a value that lies inside the payload. Entries that fail are
// removed by compacting their IFD in place (its entry count and next-IFD
// pointer rewritten after the last kept entry). MakerNote (0x927C) and the
// IFD1 thumbnail pointers (0x0201, 0x0202) are removed because goexif's
// maker-note parsers and JpegThumbnail panic on bad ones. Each removal
// gives one warning naming the IFD, the tag and the problem.
//
// err (wrapping ErrBadEXIF) is returned only when the payload is unusable:
// a bad TIFF header or an IFD0 outside the payload.
func SanitizeEXIF(tiff []byte) (clean []byte, warnings []string, err error) {
	if len(tiff) < tiffHeaderBytes {
		return nil, nil, fmt.Errorf("jpegmeta: %w: %d bytes, too short for a TIFF header (8 bytes)", ErrBadEXIF, len(tiff))
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return nil, nil, fmt.Errorf("jpegmeta: %w: byte order mark %q is neither II nor MM (TIFF 6.0 §2)", ErrBadEXIF, printable(string(tiff[:2])))
	}
	if magic := bo.Uint16(tiff[2:]); magic != 42 {
		return nil, nil, fmt.Errorf("jpegmeta: %w: TIFF magic number %d, want 42", ErrBadEXIF, magic)
	}
	s := &exifSanitizer{in: tiff, out: bytes.Clone(tiff), bo: bo}
	ifd0 := bo.Uint32(tiff[4:])
	if reason := s.target(ifd0); reason != "" {
		return nil, nil, fmt.Errorf("jpegmeta: %w: IFD0 offset %d: %s", ErrBadEXIF, ifd0, reason)
	}
	s.chain(int(ifd0))
	return s.out, s.warnings, nil
}

// chain walks IFD0 and the IFDs linked from it by next-IFD pointers.
func (s *exifSanitizer) chain(off int) {
	for i := 0; ; i++ {
		name := fmt.Sprintf("IFD%d", i)
		s.reserve(off, name)
		next, at := s.ifd(off, name, kindChain, i)
		if next == 0 {
			return
		}
		reason := ""
		switch {
		case i+1 >= MaxEXIFChain:
			reason = fmt.Sprintf("more than %d IFDs in the chain", MaxEXIFChain)
		default:
			reason = s.target(next)
		}
		if reason != "" {
			s.warnf("%s next-IFD pointer to offset %d cut: %s", name, next, reason)
			s.bo.PutUint32(s.out[at:], 0)
			return
		}
		off = int(next)
	}
}

// usable returns how many entries of the IFD at off can be read: those
// that fit in the payload with room for the next-IFD pointer after them,
// up to the per-IFD cap. declared is the count the IFD states.
func (s *exifSanitizer) usable(off int) (n, declared int) {
	declared = int(s.bo.Uint16(s.in[off:]))
	fit := (len(s.in) - off - 6) / 12
	return min(declared, fit, MaxEXIFEntriesPerIFD), declared
}

// target checks that an IFD can start at off: inside the payload, past the
// header, not overlapping an IFD already accepted, and within the IFD
// cap. It returns the reason when it cannot.
func (s *exifSanitizer) target(off uint32) string {
	if off < tiffHeaderBytes {
		return "points into the TIFF header"
	}
	if uint64(off)+6 > uint64(len(s.in)) {
		return fmt.Sprintf("outside the %d-byte payload", len(s.in))
	}
	if len(s.tables) >= MaxEXIFIFDs {
		return fmt.Sprintf("more than %d IFDs", MaxEXIFIFDs)
	}
	n, _ := s.usable(int(off))
	start, end := int(off), int(off)+2+12*n+4
	for _, t := range s.tables {
		if start == t.start {
			return "points back to " + t.name + " (cycle)"
		}
		if start < t.end && t.start < end {
			return "overlaps " + t.name
		}
	}
	return ""
}

// reserve records the table of an IFD about to be read, so later pointers
// into it are recognised as cycles or overlaps.
func (s *exifSanitizer) reserve(off int, name string) {
	n, _ := s.usable(off)
	s.tables = append(s.tables, span{start: off, end: off + 2 + 12*n + 4, name: name})
}

type subIFD struct {
	off  int
	name string
	kind ifdKind
}

// ifd validates and compacts the IFD at off (already reserved) and the
// sub-IFDs it points to. It returns the IFD's next-IFD pointer and where
// that pointer now sits in the output.
func (s *exifSanitizer) ifd(off int, name string, kind ifdKind, chainIndex int) (next uint32, at int) {
	n, declared := s.usable(off)
	if n < declared {
		s.warnf("%s declares %d entries; only the first %d are read (payload end or cap of %d)", name, declared, n, MaxEXIFEntriesPerIFD)
	}
	var subs []subIFD
	kept := 0
	for i := range n {
		e := off + 2 + 12*i
		entry := s.in[e : e+12]
		if s.entries >= MaxEXIFEntries {
			if !s.capped {
				s.warnf("%s: more than %d EXIF entries in all; the rest are removed", name, MaxEXIFEntries)
				s.capped = true
			}
			break
		}
		s.entries++
		tag := s.bo.Uint16(entry)
		typ := s.bo.Uint16(entry[2:])
		count := s.bo.Uint32(entry[4:])
		value := s.bo.Uint32(entry[8:])
		sub, reason := s.check(name, kind, chainIndex, tag, typ, count, value)
		if reason != "" {
			s.warnf("%s tag 0x%04X%s: %s; entry removed", name, tag, tagLabel(tag), reason)
			continue
		}
		w := off + 2 + 12*kept
		copy(s.out[w:w+12], entry)
		if sub.name != "" && typ != typeShort && typ != typeLong {
			// goexif does not know type 13 (IFD); a LONG is the same
			// four bytes and what Exif 2.32 prescribes for pointers.
			s.bo.PutUint16(s.out[w+2:], typeLong)
			s.warnf("%s tag 0x%04X%s: type IFD (13) rewritten as LONG", name, tag, tagLabel(tag))
		}
		if sub.name != "" {
			s.reserve(sub.off, sub.name)
			subs = append(subs, sub)
		}
		kept++
	}
	s.bo.PutUint16(s.out[off:], uint16(kept))
	// The next-IFD pointer follows the declared entries; when they run
	// past the payload, it is lost with them.
	if p := off + 2 + 12*declared; p+4 <= len(s.in) {
		next = s.bo.Uint32(s.in[p:])
	}
	at = off + 2 + 12*kept
	if kind != kindChain && next != 0 {
		// Sub-IFDs have no successors (Exif 2.32 §4.6.2); goexif never
		// follows them, and clearing keeps the structure a tree.
		s.warnf("%s next-IFD pointer to offset %d cleared (sub-IFDs have no successor)", name, next)
		next = 0
	}
	s.bo.PutUint32(s.out[at:], next)
	for _, sub := range subs {
		s.ifd(sub.off, sub.name, sub.kind, 0)
	}
	return next, at
}

// check validates one entry. It returns the sub-IFD to follow when the
// entry is a pointer this IFD may carry, or the reason to remove it.
func (s *exifSanitizer) check(ifdName string, kind ifdKind, chainIndex int, tag, typ uint16, count, value uint32) (subIFD, string) {
	switch {
	case tag == tagMakerNote:
		return subIFD{}, "MakerNote removed (goexif's maker-note parsers panic on malformed ones)"
	case kind == kindChain && chainIndex > 0 && (tag == tagThumbOffset || tag == tagThumbLength):
		return subIFD{}, "thumbnail pointer removed (goexif's JpegThumbnail panics on bad offsets)"
	}
	if sub, ok := pointerKind(kind, tag); ok {
		if count != 1 || (typ != typeShort && typ != typeLong && typ != typeIFD) {
			return subIFD{}, fmt.Sprintf("IFD pointer with type %d and count %d (want one SHORT or LONG)", typ, count)
		}
		if typ == typeShort {
			// A SHORT sits in the first two bytes of the value field.
			if s.bo == binary.BigEndian {
				value >>= 16
			} else {
				value &= 0xFFFF
			}
		}
		if reason := s.target(value); reason != "" {
			return subIFD{}, fmt.Sprintf("pointer to offset %d cut: %s", value, reason)
		}
		sub.off = int(value)
		return sub, ""
	}
	if kind == kindExif && tag == tagExifIFD {
		return subIFD{}, "Exif IFD pointer inside the Exif IFD"
	}
	size := typeSize(typ)
	switch {
	case size == 0:
		return subIFD{}, fmt.Sprintf("unknown field type %d (TIFF defines 1..12)", typ)
	case count == 0:
		return subIFD{}, "count is zero (goexif fails the whole IFD on this)"
	case uint64(count)*size > uint64(len(s.in)):
		return subIFD{}, fmt.Sprintf("count %d of %d-byte values needs %d bytes, more than the %d-byte payload", count, size, uint64(count)*size, len(s.in))
	case uint64(count)*size > 4 && uint64(value)+uint64(count)*size > uint64(len(s.in)):
		return subIFD{}, fmt.Sprintf("value at offset %d (%d bytes) runs past the %d-byte payload", value, uint64(count)*size, len(s.in))
	}
	return subIFD{}, ""
}

// pointerKind reports whether tag is a sub-IFD pointer that an IFD of the
// given kind carries, and names the sub-IFD. These are the pointers goexif
// follows: the Exif and GPS IFDs from IFD0/IFD1, the Interoperability IFD
// from those or from the Exif IFD, and (as goexif merges tags before
// following pointers) a GPS pointer found in the Exif IFD.
func pointerKind(kind ifdKind, tag uint16) (subIFD, bool) {
	switch {
	case tag == tagExifIFD && kind == kindChain:
		return subIFD{name: "ExifIFD", kind: kindExif}, true
	case tag == tagGPSIFD && (kind == kindChain || kind == kindExif):
		return subIFD{name: "GPSIFD", kind: kindGPS}, true
	case tag == tagInteropIFD && (kind == kindChain || kind == kindExif):
		return subIFD{name: "InteropIFD", kind: kindInterop}, true
	}
	return subIFD{}, false
}

// tagLabel names the tags warnings mention most, for editors reading an
// ingest report.
func tagLabel(tag uint16) string {
	name := ""
	switch tag {
	case 0x010E:
		name = "ImageDescription"
	case 0x010F:
		name = "Make"
	case 0x0110:
		name = "Model"
	case 0x0112:
		name = "Orientation"
	case 0x0132:
		name = "DateTime"
	case 0x013B:
		name = "Artist"
	case 0x8298:
		name = "Copyright"
	case tagExifIFD:
		name = "ExifIFDPointer"
	case tagGPSIFD:
		name = "GPSInfoIFDPointer"
	case tagInteropIFD:
		name = "InteroperabilityIFDPointer"
	case tagMakerNote:
		name = "MakerNote"
	case tagThumbOffset:
		name = "JPEGInterchangeFormat"
	case tagThumbLength:
		name = "JPEGInterchangeFormatLength"
	case 0x9003:
		name = "DateTimeOriginal"
	case 0x9004:
		name = "DateTimeDigitized"
	case 0x9286:
		name = "UserComment"
	case 0xA002:
		name = "PixelXDimension"
	case 0xA003:
		name = "PixelYDimension"
	}
	if name == "" {
		return ""
	}
	return " (" + name + ")"
}
