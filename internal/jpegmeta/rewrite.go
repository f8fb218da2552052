package jpegmeta

import (
	"errors"
	"fmt"
	"math"
)

// ErrTooLarge means a metadata payload does not fit the segments it must
// be written to.
var ErrTooLarge = errors.New("metadata too large for its JPEG segments")

// Segment capacities. A marker segment's length field counts itself, so a
// payload holds at most 65,533 bytes (T.81 B.1.1.4).
const (
	maxSegmentPayload = math.MaxUint16 - 2
	// MaxXMP is the largest standard XMP packet one APP1 holds.
	MaxXMP = maxSegmentPayload - len(sigXMP)
	// ExtendedChunk is the most extended XMP data one APP1 carries after
	// the signature, GUID, full length and offset.
	ExtendedChunk = maxSegmentPayload - len(sigExtendedXMP) - extHeaderLen
	// PhotoshopChunk is the most image resource data one APP13 carries
	// after "Photoshop 3.0\0"; longer data is split over consecutive APP13
	// segments, as Photoshop does.
	PhotoshopChunk = maxSegmentPayload - len(sigPhotoshop)
)

// Replace says which metadata segments Rewrite replaces and with what.
// The zero value removes the XMP and the Photoshop resources.
type Replace struct {
	// XMP is the new standard XMP packet; nil or empty removes it.
	XMP []byte
	// ExtendedXMP is the new extended XMP serialisation; nil or empty
	// removes every extended XMP chunk. It needs a standard packet (which
	// should name ExtendedGUID in xmpNote:HasExtendedXMP).
	ExtendedXMP []byte
	// ExtendedGUID is the GUID written with ExtendedXMP; "" means
	// ExtendedGUID(ExtendedXMP), the MD5 the XMP specification asks for.
	ExtendedGUID string
	// Photoshop is the new image resource data (see package iptc); nil or
	// empty removes the APP13 Photoshop segments.
	Photoshop []byte
	// KeepXMP leaves the standard and extended XMP segments as they are;
	// XMP, ExtendedXMP and ExtendedGUID are then ignored.
	KeepXMP bool
	// KeepPhotoshop leaves the APP13 Photoshop segments as they are;
	// Photoshop is then ignored.
	KeepPhotoshop bool
}

// Rewrite returns a new JPEG in which the standard XMP APP1, the extended
// XMP APP1s and the APP13 Photoshop segments are replaced as r says. Every
// other segment (JFIF, EXIF, ICC, Adobe, tables, frame header, comments)
// is kept in order byte for byte, as is everything from the first SOS
// marker to the end of the file. data itself is not modified.
//
// New segments take the place of the old ones. Without old ones, the XMP
// goes after the last APP0 or EXIF APP1 (after SOI when there is neither)
// and the Photoshop resources after the XMP (or where the XMP would go).
// Extended XMP is split into chunks of at most ExtendedChunk bytes, the
// Photoshop resources into segments of at most PhotoshopChunk bytes. The
// same input and Replace always give the same bytes.
func Rewrite(data []byte, r Replace) ([]byte, error) {
	f, err := Scan(data)
	if err != nil {
		return nil, fmt.Errorf("jpegmeta: rewrite: %w", err)
	}
	var xmpSegs, psSegs []byte
	if !r.KeepXMP {
		if xmpSegs, err = xmpSegments(r); err != nil {
			return nil, err
		}
	}
	if !r.KeepPhotoshop && len(r.Photoshop) > 0 {
		for off := 0; off < len(r.Photoshop); off += PhotoshopChunk {
			chunk := r.Photoshop[off:min(off+PhotoshopChunk, len(r.Photoshop))]
			psSegs = appendSegment(psSegs, markerAPP13, []byte(sigPhotoshop), chunk)
		}
	}

	// Where the groups go: the first old segment of the group, or after
	// the anchor (the last APP0 / EXIF APP1, else SOI).
	segs := f.Segments[:len(f.Segments)-1] // all but SOS
	xmpAt, psAt, lastXMP, anchor := -1, -1, -1, 0
	for i, s := range segs {
		switch s.Kind {
		case KindXMP, KindExtendedXMP:
			if xmpAt < 0 {
				xmpAt = i
			}
			lastXMP = i
		case KindPhotoshop:
			if psAt < 0 {
				psAt = i
			}
		case KindJFIF, KindEXIF:
			anchor = i
		}
	}
	dropXMP := func(k Kind) bool { return !r.KeepXMP && (k == KindXMP || k == KindExtendedXMP) }
	dropPS := func(k Kind) bool { return !r.KeepPhotoshop && k == KindPhotoshop }
	xmpPending, psPending := len(xmpSegs) > 0, len(psSegs) > 0
	xmpInOutput := xmpPending || (r.KeepXMP && lastXMP >= 0)

	out := make([]byte, 0, len(data)+len(xmpSegs)+len(psSegs))
	// writeXMP writes the XMP group and, when the Photoshop resources have
	// no place of their own, those right after it.
	writeXMP := func() {
		out = append(out, xmpSegs...)
		xmpPending = false
		if psPending && psAt < 0 {
			out = append(out, psSegs...)
			psPending = false
		}
	}
	prev := 0
	for i, s := range segs {
		out = append(out, data[prev:s.Offset]...) // fill bytes or junk, as they were
		prev = s.Offset + s.Length
		switch {
		case dropXMP(s.Kind):
			if xmpPending {
				writeXMP()
			}
			continue
		case dropPS(s.Kind):
			if psPending {
				out = append(out, psSegs...)
				psPending = false
			}
			continue
		}
		out = append(out, data[s.Offset:prev]...)
		if r.KeepXMP && i == lastXMP && psPending && psAt < 0 {
			out = append(out, psSegs...)
			psPending = false
		}
		if i == anchor {
			if xmpPending && xmpAt < 0 {
				writeXMP()
			}
			if psPending && psAt < 0 && !xmpInOutput {
				out = append(out, psSegs...)
				psPending = false
			}
		}
	}
	if xmpPending || psPending {
		// Unreachable by construction; a loud error beats a silent loss.
		return nil, fmt.Errorf("jpegmeta: rewrite: internal error placing segments (xmp %v, photoshop %v)", xmpPending, psPending)
	}
	return append(out, data[prev:]...), nil
}

// xmpSegments encodes the standard and extended XMP of r as APP1 segments.
func xmpSegments(r Replace) ([]byte, error) {
	if len(r.XMP) == 0 {
		if len(r.ExtendedXMP) > 0 {
			return nil, errors.New("jpegmeta: rewrite: extended XMP needs a standard XMP packet that refers to it")
		}
		return nil, nil
	}
	if len(r.XMP) > MaxXMP {
		return nil, fmt.Errorf("jpegmeta: rewrite: %w: standard XMP packet of %d bytes exceeds the %d bytes one APP1 holds; move properties to extended XMP", ErrTooLarge, len(r.XMP), MaxXMP)
	}
	out := appendSegment(nil, markerAPP1, []byte(sigXMP), r.XMP)
	if len(r.ExtendedXMP) == 0 {
		return out, nil
	}
	if len(r.ExtendedXMP) > MaxExtendedXMP {
		return nil, fmt.Errorf("jpegmeta: rewrite: %w: extended XMP of %d bytes exceeds the %d-byte cap", ErrTooLarge, len(r.ExtendedXMP), MaxExtendedXMP)
	}
	guid := r.ExtendedGUID
	if guid == "" {
		guid = ExtendedGUID(r.ExtendedXMP)
	}
	if !isHexGUID(guid) {
		return nil, fmt.Errorf("jpegmeta: rewrite: extended XMP GUID %q is not 32 hexadecimal digits", guid)
	}
	full := uint32(len(r.ExtendedXMP))
	for off := 0; off < len(r.ExtendedXMP); off += ExtendedChunk {
		chunk := r.ExtendedXMP[off:min(off+ExtendedChunk, len(r.ExtendedXMP))]
		head := make([]byte, 0, len(sigExtendedXMP)+extHeaderLen)
		head = append(head, sigExtendedXMP...)
		head = append(head, guid...)
		head = append(head, byte(full>>24), byte(full>>16), byte(full>>8), byte(full))
		o := uint32(off)
		head = append(head, byte(o>>24), byte(o>>16), byte(o>>8), byte(o))
		out = appendSegment(out, markerAPP1, head, chunk)
	}
	return out, nil
}

// appendSegment appends the marker segment 0xFF m with payload head+body.
// Callers keep the payload within maxSegmentPayload.
func appendSegment(out []byte, m byte, head, body []byte) []byte {
	n := 2 + len(head) + len(body)
	out = append(out, 0xFF, m, byte(n>>8), byte(n))
	out = append(out, head...)
	return append(out, body...)
}
