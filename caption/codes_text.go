package caption

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/cutline/cutline/internal/charset"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxTextFileSize bounds the code-replacement and template files this
// package reads. A Photo Mechanic codes file for a whole season of sport is
// a few hundred kilobytes; 16 MiB leaves room and keeps a hostile file from
// costing more than a bounded amount of memory.
const MaxTextFileSize = 16 << 20

// ErrNotText is returned for a codes or template file that is not text:
// NUL bytes outside a UTF-16 file, or too large.
var ErrNotText = errors.New("not a text file")

// codesDecodeText turns the bytes of an editor-written text file into
// UTF-8 with "\n" line ends. Photo Mechanic users make these files in
// Excel or Notepad, so besides UTF-8 (with or without a BOM) it accepts
// UTF-16 with a BOM (Excel's "Unicode Text") and, when the bytes are not
// valid UTF-8, Windows-1252 (Excel's "Text (Tab delimited)" on Windows).
// The note says which decoding was used when it was not plain UTF-8.
func codesDecodeText(data []byte) (text, note string, err error) {
	if len(data) > MaxTextFileSize {
		return "", "", fmt.Errorf("%w: %d bytes, more than the %d allowed", ErrNotText, len(data), MaxTextFileSize)
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		text, err = codesDecodeUTF16(data[2:], false)
		return codesNormalizeNewlines(text), "decoded as UTF-16LE", err
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		text, err = codesDecodeUTF16(data[2:], true)
		return codesNormalizeNewlines(text), "decoded as UTF-16BE", err
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", "", fmt.Errorf("%w: NUL byte at offset %d (UTF-16 files need a byte-order mark)", ErrNotText, i)
	}
	if utf8.Valid(data) {
		return codesNormalizeNewlines(string(data)), "", nil
	}
	return codesNormalizeNewlines(charset.Windows1252(data)), "not valid UTF-8; decoded as Windows-1252", nil
}

// codesDecodeUTF16 decodes UTF-16 text without a BOM. Unpaired surrogates
// become U+FFFD, as utf16.Decode does; a trailing odd byte is an error.
func codesDecodeUTF16(b []byte, bigEndian bool) (string, error) {
	if len(b)%2 != 0 {
		return "", fmt.Errorf("%w: UTF-16 file has an odd number of bytes", ErrNotText)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if strings.IndexByte(s, 0) >= 0 {
		return "", fmt.Errorf("%w: NUL character in UTF-16 text", ErrNotText)
	}
	return s, nil
}

// codesNormalizeNewlines turns CRLF and lone CR (old Mac Excel) into LF.
func codesNormalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
