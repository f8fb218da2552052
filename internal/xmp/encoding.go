package xmp

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// encoding is a Unicode encoding form an XMP packet may use (XMP
// Specification Part 1 §7.3: UTF-8, UTF-16 or UTF-32, either byte order).
type encoding int

const (
	utf8Enc encoding = iota
	utf16BE
	utf16LE
	utf32BE
	utf32LE
)

func (e encoding) String() string {
	return [...]string{"UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"}[e]
}

// sniff finds the encoding of a packet from its first bytes: a byte order
// mark when there is one, else the zero bytes around the first ASCII
// character ('<' or white space), as XML 1.0 Appendix F describes. It
// returns the number of BOM bytes to skip.
func sniff(b []byte) (encoding, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0x00, 0x00, 0xFE, 0xFF}):
		return utf32BE, 4
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0x00, 0x00}):
		return utf32LE, 4
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return utf16BE, 2
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return utf16LE, 2
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return utf8Enc, 3
	}
	if len(b) >= 4 {
		switch {
		case b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0:
			return utf32BE, 0
		case b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0:
			return utf32LE, 0
		}
	}
	if len(b) >= 2 {
		switch {
		case b[0] == 0 && b[1] != 0:
			return utf16BE, 0
		case b[0] != 0 && b[1] == 0:
			return utf16LE, 0
		}
	}
	return utf8Enc, 0
}

// toUTF8 returns the packet as well-formed UTF-8 that holds only XML
// characters, so that the XML decoder's strictness is spent on structure:
// a stray control byte in a caption should cost that byte, not the packet.
// Every repair is reported as a warning.
func toUTF8(b []byte) ([]byte, []string) {
	var warn []string
	enc, skip := sniff(b)
	b = b[skip:]
	var out []byte
	switch enc {
	case utf8Enc:
		out = b
	case utf16BE, utf16LE:
		if len(b)%2 != 0 {
			warn = append(warn, fmt.Sprintf("xmp: %s packet has an odd length; last byte dropped", enc))
			b = b[:len(b)-1]
		}
		var order binary.ByteOrder = binary.BigEndian
		if enc == utf16LE {
			order = binary.LittleEndian
		}
		units := make([]uint16, len(b)/2)
		for i := range units {
			units[i] = order.Uint16(b[2*i:])
		}
		out = make([]byte, 0, len(b)*3/2)
		for _, r := range utf16.Decode(units) {
			out = utf8.AppendRune(out, r)
		}
	case utf32BE, utf32LE:
		if len(b)%4 != 0 {
			warn = append(warn, fmt.Sprintf("xmp: %s packet length is not a multiple of 4; tail dropped", enc))
			b = b[:len(b)-len(b)%4]
		}
		var order binary.ByteOrder = binary.BigEndian
		if enc == utf32LE {
			order = binary.LittleEndian
		}
		out = make([]byte, 0, len(b))
		for i := 0; i+4 <= len(b); i += 4 {
			out = utf8.AppendRune(out, rune(order.Uint32(b[i:])))
		}
	}
	// A BOM written as UTF-8 inside a UTF-16 packet, or doubled, is no
	// part of the XML.
	out = bytes.TrimPrefix(out, []byte("\uFEFF"))

	bad, illegal := 0, 0
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
		case !isXMLChar(r):
			illegal++
		}
		i += size
	}
	if bad == 0 && illegal == 0 {
		return out, warn
	}
	fixed := make([]byte, 0, len(out)+2*bad)
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			fixed = utf8.AppendRune(fixed, utf8.RuneError)
		case isXMLChar(r):
			fixed = utf8.AppendRune(fixed, r)
		}
	}
	if bad > 0 {
		warn = append(warn, fmt.Sprintf("xmp: %d bytes of invalid %s replaced by U+FFFD", bad, enc))
	}
	if illegal > 0 {
		warn = append(warn, fmt.Sprintf("xmp: %d characters that XML forbids (control characters) dropped", illegal))
	}
	return fixed, warn
}
