package iptc

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"fmt"
)

// Photoshop image resource IDs cutline reads or writes.
const (
	ResourceIIM    uint16 = 0x0404 // IPTC-NAA record (the IIM datasets)
	ResourceDigest uint16 = 0x0425 // MD5 of the IIM block, see Digest
)

// SignaturePhotoshop is the signature of ordinary image resource blocks.
const SignaturePhotoshop = "8BIM"

// Resource is one Photoshop image resource block.
type Resource struct {
	// Signature is "8BIM", or one of the rare "PHUT" (ImageReady), "AgHg",
	// "DCSR" and "MeSa" (PhotoDeluxe).
	Signature string
	ID        uint16
	// Name is the resource name (a Pascal string in the file), almost
	// always empty.
	Name string
	// Data is the resource data, without the padding byte of odd sizes.
	// ParseResources returns sub-slices of its input.
	Data []byte
}

func knownSignature(b []byte) bool {
	switch string(b) {
	case "8BIM", "PHUT", "AgHg", "DCSR", "MeSa":
		return true
	}
	return false
}

// ParseResources reads the image resource blocks of b (the data after
// "Photoshop 3.0\0" in APP13): signature, 16-bit ID, a Pascal name padded
// to an even length, a 32-bit size, and the data padded to an even length.
//
// Every size is checked against the bytes that remain; a bogus size ends
// the walk with a warning, keeping the resources read so far. Odd-sized
// data is followed by its padding byte, so the resources after it are not
// lost; a writer that forgot the padding is detected and tolerated with a
// warning. Trailing zero bytes are ignored.
func ParseResources(b []byte) ([]Resource, []string) {
	var res []Resource
	var warnings []string
	warn := func(format string, args ...any) {
		if len(warnings) < maxWarnings {
			warnings = append(warnings, fmt.Sprintf("Photoshop resources: "+format, args...))
		}
	}
	pos := 0
	for pos < len(b) {
		if pos+4 > len(b) || !knownSignature(b[pos:pos+4]) {
			switch {
			case allZero(b[pos:]):
				// Padding some writers add after the last block.
			case pos > 0 && pos+3 <= len(b) && len(res) > 0 && len(res[len(res)-1].Data)%2 == 1 &&
				knownSignature(b[pos-1:min(pos+3, len(b))]):
				// The previous odd-sized block had no padding byte:
				// resynchronise one byte back.
				warn("resource 0x%04X has an odd size without a padding byte", res[len(res)-1].ID)
				pos--
				continue
			default:
				warn("unexpected bytes %q at offset %d where a resource block should start; %d bytes ignored",
					printable(b[pos:min(pos+4, len(b))]), pos, len(b)-pos)
			}
			break
		}
		start := pos
		if pos+7 > len(b) {
			warn("resource block at offset %d is cut off after %d bytes", start, len(b)-pos)
			break
		}
		sig := string(b[pos : pos+4])
		id := binary.BigEndian.Uint16(b[pos+4:])
		nameLen := int(b[pos+6])
		nameField := (1 + nameLen + 1) &^ 1 // length byte and name, padded to even
		pos += 6 + nameField
		if pos+4 > len(b) {
			warn("resource 0x%04X at offset %d is cut off in its name or size", id, start)
			break
		}
		name := string(b[start+7 : start+7+nameLen])
		if nameLen%2 == 0 && b[start+7+nameLen] != 0 {
			warn("resource 0x%04X at offset %d: name padding byte is 0x%02X, not 0", id, start, b[start+7+nameLen])
		}
		size := binary.BigEndian.Uint32(b[pos:])
		pos += 4
		if uint64(size) > uint64(len(b)-pos) {
			warn("resource 0x%04X at offset %d declares %d bytes but only %d remain; stopped", id, start, size, len(b)-pos)
			break
		}
		res = append(res, Resource{Signature: sig, ID: id, Name: name, Data: b[pos : pos+int(size)]})
		pos += int(size)
		if size%2 == 1 && pos < len(b) {
			if b[pos] != 0 && !knownSignature(b[pos:min(pos+4, len(b))]) {
				warn("resource 0x%04X at offset %d: data padding byte is 0x%02X, not 0", id, start, b[pos])
			}
			pos++ // padding byte
		}
	}
	return res, warnings
}

// EncodeResources writes resource blocks in the given order with the
// padding ParseResources expects. An empty Signature means "8BIM"; a name
// longer than 255 bytes is cut to 255. Encoding the unmodified result of
// ParseResources on a well-formed block gives back the same bytes.
func EncodeResources(res []Resource) []byte {
	n := 0
	for _, r := range res {
		n += 4 + 2 + 2 + len(r.Name) + 4 + len(r.Data) + 1
	}
	out := make([]byte, 0, n)
	for _, r := range res {
		sig := r.Signature
		if len(sig) != 4 {
			sig = SignaturePhotoshop
		}
		name := r.Name
		if len(name) > 255 {
			name = name[:255]
		}
		out = append(out, sig...)
		out = binary.BigEndian.AppendUint16(out, r.ID)
		out = append(out, byte(len(name)))
		out = append(out, name...)
		if len(name)%2 == 0 {
			out = append(out, 0) // length byte plus name must be even
		}
		out = binary.BigEndian.AppendUint32(out, uint32(len(r.Data)))
		out = append(out, r.Data...)
		if len(r.Data)%2 == 1 {
			out = append(out, 0)
		}
	}
	return out
}

// Find returns the first resource with the given ID.
func Find(res []Resource, id uint16) (Resource, bool) {
	for _, r := range res {
		if r.ID == id && r.Signature == SignaturePhotoshop {
			return r, true
		}
	}
	return Resource{}, false
}

// WithIIM returns a copy of res in which the IPTC-NAA resource (0x0404)
// holds iim and the IPTC digest (0x0425) is Digest(iim), as Photoshop and
// ExifTool keep them: the first 0x0404 and 0x0425 are replaced in place,
// further copies dropped, and missing ones appended. Other resources keep
// their order and bytes. A nil iim removes both resources.
func WithIIM(res []Resource, iim []byte) []Resource {
	digest := Digest(iim)
	out := make([]Resource, 0, len(res)+2)
	var haveIIM, haveDigest bool
	for _, r := range res {
		if r.Signature != SignaturePhotoshop || (r.ID != ResourceIIM && r.ID != ResourceDigest) {
			out = append(out, r)
			continue
		}
		switch {
		case iim == nil:
		case r.ID == ResourceIIM && !haveIIM:
			r.Data, haveIIM = iim, true
			out = append(out, r)
		case r.ID == ResourceDigest && !haveDigest:
			r.Data, haveDigest = digest[:], true
			out = append(out, r)
		}
	}
	if iim == nil {
		return out
	}
	if !haveIIM {
		out = append(out, Resource{Signature: SignaturePhotoshop, ID: ResourceIIM, Data: iim})
	}
	if !haveDigest {
		out = append(out, Resource{Signature: SignaturePhotoshop, ID: ResourceDigest, Data: digest[:]})
	}
	return out
}

// Digest returns the IPTC digest Photoshop stores in resource 0x0425: the
// MD5 of the IIM block, that is of the data of resource 0x0404 exactly as
// its size field counts it (without the padding byte). ExifTool computes
// its CurrentIPTCDigest the same way and warns "IPTCDigest is not current"
// when the stored one differs.
func Digest(iim []byte) [16]byte {
	return md5.Sum(iim)
}

func allZero(b []byte) bool {
	return len(bytes.Trim(b, "\x00")) == 0
}

// printable replaces bytes outside printable ASCII by '.', for messages.
func printable(b []byte) string {
	out := []byte(string(b))
	for i, c := range out {
		if c < 0x20 || c > 0x7E {
			out[i] = '.'
		}
	}
	return string(out)
}
