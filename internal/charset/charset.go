// Package charset decodes the legacy 8-bit text that old photo software
// and spreadsheets write into metadata and code-replacement files. It is a
// leaf: it imports nothing of cutline's, so the caption package (pure
// text) and the metadata decoders can share it.
package charset

import "strings"

// Windows1252 decodes Windows-1252 bytes (a superset of the printable
// Latin-1) to UTF-8. Bytes 0x80–0x9F are the typographic characters Word
// and Excel write (curly quotes, dashes, the euro sign); the five code
// points Windows-1252 leaves undefined map to the C1 control of the same
// value, as the WHATWG encoding standard does.
func Windows1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0:
			sb.WriteRune(windows1252High(c))
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

// windows1252High maps bytes 0x80..0x9F of Windows-1252 to Unicode. The
// five bytes Windows-1252 leaves undefined map to the C1 control of the
// same value, as the WHATWG encoding standard does; bytes 0xA0..0xFF are
// the Latin-1 code points and need no table.
func windows1252High(b byte) rune {
	switch b {
	case 0x80:
		return '€'
	case 0x82:
		return '‚'
	case 0x83:
		return 'ƒ'
	case 0x84:
		return '„'
	case 0x85:
		return '…'
	case 0x86:
		return '†'
	case 0x87:
		return '‡'
	case 0x88:
		return 'ˆ'
	case 0x89:
		return '‰'
	case 0x8A:
		return 'Š'
	case 0x8B:
		return '‹'
	case 0x8C:
		return 'Œ'
	case 0x8E:
		return 'Ž'
	case 0x91:
		return '‘'
	case 0x92:
		return '’'
	case 0x93:
		return '“'
	case 0x94:
		return '”'
	case 0x95:
		return '•'
	case 0x96:
		return '–'
	case 0x97:
		return '—'
	case 0x98:
		return '˜'
	case 0x99:
		return '™'
	case 0x9A:
		return 'š'
	case 0x9B:
		return '›'
	case 0x9C:
		return 'œ'
	case 0x9E:
		return 'ž'
	case 0x9F:
		return 'Ÿ'
	}
	return rune(b) // 0x81, 0x8D, 0x8F, 0x90, 0x9D
}
