package xmp

// Namespace URIs of the schemas cutline reads and writes. Properties are
// identified by URI, never by prefix: prefixes are only a file's spelling.
const (
	NSDC            = "http://purl.org/dc/elements/1.1/"
	NSPhotoshop     = "http://ns.adobe.com/photoshop/1.0/"
	NSIptc4xmpCore  = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
	NSIptc4xmpExt   = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
	NSXMP           = "http://ns.adobe.com/xap/1.0/"
	NSXMPRights     = "http://ns.adobe.com/xap/1.0/rights/"
	NSXMPNote       = "http://ns.adobe.com/xmp/note/"
	NSTIFF          = "http://ns.adobe.com/tiff/1.0/"
	NSEXIF          = "http://ns.adobe.com/exif/1.0/"
	NSRDF           = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	NSX             = "adobe:ns:meta/"
	NSXML           = "http://www.w3.org/XML/1998/namespace"
	nsXMLNS         = "http://www.w3.org/2000/xmlns/"
	xDefault        = "x-default"
	hasExtendedName = "HasExtendedXMP"
)

// wellKnownPrefix gives the customary prefix of common namespaces, used when
// a namespace reaches Marshal without a prefix from the source packet (a
// property added by a setter, or a prefix that clashed).
func wellKnownPrefix(uri string) string {
	switch uri {
	case NSDC:
		return "dc"
	case NSPhotoshop:
		return "photoshop"
	case NSIptc4xmpCore:
		return "Iptc4xmpCore"
	case NSIptc4xmpExt:
		return "Iptc4xmpExt"
	case NSXMP:
		return "xmp"
	case NSXMPRights:
		return "xmpRights"
	case NSXMPNote:
		return "xmpNote"
	case NSTIFF:
		return "tiff"
	case NSEXIF:
		return "exif"
	case NSRDF:
		return "rdf"
	case NSX:
		return "x"
	case NSXML:
		return "xml"
	case "http://ns.adobe.com/xap/1.0/mm/":
		return "xmpMM"
	case "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#":
		return "stEvt"
	case "http://ns.adobe.com/xap/1.0/sType/ResourceRef#":
		return "stRef"
	case "http://ns.adobe.com/camera-raw-settings/1.0/":
		return "crs"
	case "http://ns.adobe.com/exif/1.0/aux/":
		return "aux"
	case "http://cipa.jp/exif/1.0/":
		return "exifEX"
	case "http://ns.useplus.org/ldf/xmp/1.0/":
		return "plus"
	}
	return ""
}

// isNCName reports whether s is an XML name without a colon, the only kind
// of local name or prefix that can be written back.
func isNCName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !isNameRune(r, i == 0) {
			return false
		}
	}
	return true
}

// isNameRune follows the NameStartChar / NameChar productions of XML 1.0
// fifth edition (§2.3), without the colon.
func isNameRune(r rune, first bool) bool {
	switch {
	case r == '_' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z':
		return true
	case 0xC0 <= r && r <= 0xD6, 0xD8 <= r && r <= 0xF6, 0xF8 <= r && r <= 0x2FF,
		0x370 <= r && r <= 0x37D, 0x37F <= r && r <= 0x1FFF, 0x200C <= r && r <= 0x200D,
		0x2070 <= r && r <= 0x218F, 0x2C00 <= r && r <= 0x2FEF, 0x3001 <= r && r <= 0xD7FF,
		0xF900 <= r && r <= 0xFDCF, 0xFDF0 <= r && r <= 0xFFFD, 0x10000 <= r && r <= 0xEFFFF:
		return true
	case first:
		return false
	case r == '-' || r == '.' || '0' <= r && r <= '9' || r == 0xB7,
		0x300 <= r && r <= 0x36F, 0x203F <= r && r <= 0x2040:
		return true
	}
	return false
}
