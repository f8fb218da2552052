package jpegmeta

import (
	"bytes"
	"cmp"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// MaxExtendedXMP caps the full length an extended XMP serialisation may
// declare. Real ones are a few hundred kilobytes (thumbnails, depth maps);
// 32 MiB is far above that and far below anything that hurts.
const MaxExtendedXMP = 32 << 20

// extHeaderLen is the chunk header after the namespace signature: a
// 32-byte GUID, the full length and the chunk offset (XMP part 3 §1.1.3.1).
const extHeaderLen = 32 + 4 + 4

// maxExtendedGUIDs bounds how many distinct GUIDs are tracked; a file with
// more is either broken or hostile.
const maxExtendedGUIDs = 16

type extChunk struct {
	offset uint32
	data   []byte
}

type extGroup struct {
	fullLen uint32
	chunks  []extChunk
	bad     bool // a chunk contradicted the group; drop it entirely
}

// extendedXMP collects extended XMP chunks by GUID in file order.
type extendedXMP struct {
	order  []string
	groups map[string]*extGroup
}

func (e *extendedXMP) add(f *File, off int, p []byte) {
	if len(p) < extHeaderLen {
		f.warnf("extended XMP APP1 at offset %d is too short (%d bytes) for its header", off, len(p))
		return
	}
	guid := string(p[:32])
	if !isHexGUID(guid) {
		f.warnf("extended XMP APP1 at offset %d has a malformed GUID %q", off, printable(guid))
		return
	}
	full := binary.BigEndian.Uint32(p[32:])
	at := binary.BigEndian.Uint32(p[36:])
	chunk := p[extHeaderLen:]
	if e.groups == nil {
		e.groups = make(map[string]*extGroup)
	}
	g := e.groups[guid]
	if g == nil {
		if len(e.groups) >= maxExtendedGUIDs {
			f.warnf("extended XMP APP1 at offset %d: more than %d GUIDs, ignored", off, maxExtendedGUIDs)
			return
		}
		g = &extGroup{fullLen: full}
		e.groups[guid] = g
		e.order = append(e.order, guid)
		if full == 0 || full > MaxExtendedXMP {
			f.warnf("extended XMP %s declares a full length of %d bytes (allowed 1..%d); ignored", guid, full, MaxExtendedXMP)
			g.bad = true
		}
	}
	switch {
	case g.bad:
	case full != g.fullLen:
		f.warnf("extended XMP %s: chunk at offset %d declares full length %d, earlier chunks %d; ignored", guid, off, full, g.fullLen)
		g.bad = true
	case uint64(at)+uint64(len(chunk)) > uint64(g.fullLen):
		f.warnf("extended XMP %s: chunk at offset %d covers bytes %d..%d, beyond the full length %d; ignored", guid, off, at, uint64(at)+uint64(len(chunk)), g.fullLen)
		g.bad = true
	default:
		g.chunks = append(g.chunks, extChunk{offset: at, data: chunk})
	}
}

// assemble returns the complete serialisations by GUID. The allocation for
// each is its full length, which is only made once the chunks are known
// to cover it, so it is bounded by the bytes actually present.
func (e *extendedXMP) assemble(f *File) map[string][]byte {
	var out map[string][]byte
	for _, guid := range e.order {
		g := e.groups[guid]
		if g.bad {
			continue
		}
		chunks := slices.Clone(g.chunks)
		slices.SortStableFunc(chunks, func(a, b extChunk) int { return cmp.Compare(a.offset, b.offset) })
		var covered uint64
		for _, c := range chunks {
			if uint64(c.offset) > covered {
				break
			}
			covered = max(covered, uint64(c.offset)+uint64(len(c.data)))
		}
		if covered < uint64(g.fullLen) {
			f.warnf("extended XMP %s is incomplete: %d of %d bytes present; ignored", guid, covered, g.fullLen)
			continue
		}
		buf := make([]byte, g.fullLen)
		for _, c := range chunks {
			copy(buf[c.offset:], c.data)
		}
		if sum := md5.Sum(buf); !strings.EqualFold(hex.EncodeToString(sum[:]), guid) {
			// The GUID should be the MD5 of the serialisation; many
			// writers get this right, a mismatch is worth knowing but
			// the data is still usable.
			f.warnf("extended XMP %s: GUID is not the MD5 of its content (%X)", guid, sum)
		}
		if out == nil {
			out = make(map[string][]byte)
		}
		out[guid] = buf
	}
	return out
}

func isHexGUID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// printable replaces bytes outside printable ASCII by '?', for messages.
func printable(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c > 0x7E {
			b[i] = '?'
		}
	}
	return string(bytes.TrimSpace(b))
}

// ExtendedGUID returns the GUID XMP part 3 §1.1.3.1 prescribes for an
// extended XMP serialisation: the MD5 of its bytes as 32 upper-case
// hexadecimal digits.
func ExtendedGUID(ext []byte) string {
	sum := md5.Sum(ext)
	return fmt.Sprintf("%X", sum)
}
