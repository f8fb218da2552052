package jpegmeta

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Sniff names the format that data looks like, for error messages about
// files that are not JPEGs ("a PNG image", "an HTML page", "an empty
// file"). It only looks at the first few hundred bytes.
func Sniff(data []byte) string {
	if len(data) == 0 {
		return "the file is empty"
	}
	head := data[:min(len(data), 512)]
	has := func(prefix string) bool { return bytes.HasPrefix(head, []byte(prefix)) }
	switch {
	case has("\xFF\xD8"):
		return "a JPEG image"
	case has("\x89PNG\r\n\x1a\n"):
		return "the file is a PNG image"
	case has("GIF87a"), has("GIF89a"):
		return "the file is a GIF image"
	case has("II*\x00"), has("MM\x00*"):
		return "the file is a TIFF image (or a camera raw file built on TIFF)"
	case has("II+\x00"), has("MM\x00+"):
		return "the file is a BigTIFF image"
	case has("IIU\x00"):
		return "the file is a Panasonic RW2 raw image"
	case has("IIRO"), has("IIRS"), has("MMOR"):
		return "the file is an Olympus ORF raw image"
	case len(head) >= 12 && has("RIFF") && string(head[8:12]) == "WEBP":
		return "the file is a WebP image"
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return sniffFtyp(string(head[8:12]))
	case has("\xFF\x0A"), has("\x00\x00\x00\x0CJXL \x0D\x0A\x87\x0A"):
		return "the file is a JPEG XL image"
	case has("\x00\x00\x00\x0CjP  \x0D\x0A\x87\x0A"), has("\xFF\x4F\xFF\x51"):
		return "the file is a JPEG 2000 image"
	case has("%PDF-"):
		return "the file is a PDF document"
	case has("%!PS"), has("\xC5\xD0\xD3\xC6"):
		return "the file is a PostScript/EPS document"
	case has("PK\x03\x04"), has("PK\x05\x06"), has("PK\x07\x08"):
		return "the file is a ZIP archive (or an Office document)"
	case has("8BPS"):
		return "the file is a Photoshop PSD document"
	case has("BM") && len(head) >= 14:
		return "the file is a BMP image"
	}
	if t := sniffMarkup(head); t != "" {
		return t
	}
	if looksLikeText(head) {
		return "the file is plain text"
	}
	return fmt.Sprintf("the file is of an unknown format (it starts with % X)", head[:min(len(head), 8)])
}

// sniffFtyp names an ISO base media file (ISO/IEC 14496-12) by its major
// brand.
func sniffFtyp(brand string) string {
	switch brand {
	case "heic", "heix", "heim", "heis", "hevc", "hevx":
		return "the file is a HEIC image"
	case "mif1", "msf1":
		return "the file is a HEIF image"
	case "avif", "avis":
		return "the file is an AVIF image"
	case "crx ":
		return "the file is a Canon CR3 raw image"
	case "qt  ":
		return "the file is a QuickTime movie"
	}
	return fmt.Sprintf("the file is an ISO base media file (MP4/HEIF family, brand %q)", brand)
}

// sniffMarkup recognises HTML, SVG and other XML after an optional UTF-8
// byte order mark and leading white space.
func sniffMarkup(head []byte) string {
	b := bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '<' {
		return ""
	}
	lower := bytes.ToLower(b)
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<head")), bytes.HasPrefix(lower, []byte("<body")):
		return "the file is an HTML page (often a failed download)"
	case bytes.Contains(lower, []byte("<svg")):
		return "the file is an SVG image"
	case bytes.Contains(lower, []byte("<html")):
		return "the file is an HTML page (often a failed download)"
	case bytes.HasPrefix(lower, []byte("<?xml")):
		return "the file is an XML document"
	}
	return ""
}

// looksLikeText reports whether head is valid UTF-8 made of printable
// characters and ordinary white space (a cut-off final rune is allowed).
func looksLikeText(head []byte) bool {
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n <= 1 {
			return len(head)-i < utf8.UTFMax && len(head) == 512
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7F {
			return false
		}
		i += n
	}
	return true
}
