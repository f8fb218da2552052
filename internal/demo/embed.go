package demo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/iptc"
	"github.com/cutline/cutline/internal/jpegmeta"
	"github.com/cutline/cutline/internal/xmp"
)

// Metadata is what Embed writes into a JPEG. A nil part is left out, so a
// file can carry IIM only, XMP only, EXIF only, or IIM and XMP that
// disagree (as real files do).
type Metadata struct {
	IIM  *caption.Fields
	XMP  *caption.Fields
	EXIF *EXIF
}

// EXIF is the EXIF a generated photo carries: the camera's own fields and
// the three text tags that old software used for captions.
type EXIF struct {
	Orientation                    int // 1..8; 0 leaves the tag out
	Taken                          time.Time
	Make, Model, Lens              string
	Description, Artist, Copyright string
}

// fieldTags ties caption fields to IIM datasets and XMP properties, as in
// the table of DESIGN.md.
var fieldTags = []struct {
	field string
	tag   iptc.Tag // 0: no IIM dataset
	ns    string
	prop  string
	kind  byte // 't' text, 'l' lang-alt, 's' seq, 'b' bag
}{
	{"title", iptc.ObjectName, xmp.NSDC, "title", 'l'},
	{"keywords", iptc.Keywords, xmp.NSDC, "subject", 'b'},
	{"instructions", iptc.SpecialInstructions, xmp.NSPhotoshop, "Instructions", 't'},
	{"dateCreated", iptc.DateCreated, xmp.NSPhotoshop, "DateCreated", 't'},
	{"byline", iptc.Byline, xmp.NSDC, "creator", 's'},
	{"bylineTitle", iptc.BylineTitle, xmp.NSPhotoshop, "AuthorsPosition", 't'},
	{"city", iptc.City, xmp.NSPhotoshop, "City", 't'},
	{"sublocation", iptc.Sublocation, xmp.NSIptc4xmpCore, "Location", 't'},
	{"state", iptc.ProvinceState, xmp.NSPhotoshop, "State", 't'},
	{"countryCode", iptc.CountryCode, xmp.NSIptc4xmpCore, "CountryCode", 't'},
	{"country", iptc.CountryName, xmp.NSPhotoshop, "Country", 't'},
	{"jobId", iptc.JobID, xmp.NSPhotoshop, "TransmissionReference", 't'},
	{"headline", iptc.Headline, xmp.NSPhotoshop, "Headline", 't'},
	{"credit", iptc.Credit, xmp.NSPhotoshop, "Credit", 't'},
	{"source", iptc.Source, xmp.NSPhotoshop, "Source", 't'},
	{"copyright", iptc.CopyrightNotice, xmp.NSDC, "rights", 'l'},
	{"description", iptc.Caption, xmp.NSDC, "description", 'l'},
	{"captionWriter", iptc.CaptionWriter, xmp.NSPhotoshop, "CaptionWriter", 't'},
	{"personsShown", 0, xmp.NSIptc4xmpExt, "PersonInImage", 'b'},
}

// Embed returns a copy of the JPEG data with the metadata m: IPTC IIM in
// a Photoshop APP13 segment (with the IPTC digest), XMP in APP1, and EXIF
// in an APP1 right after SOI. IIM values are cut to their IIM 4.2 length
// limits; XMP keeps them whole. The image data is not touched.
func Embed(data []byte, m Metadata) ([]byte, error) {
	var r jpegmeta.Replace
	if m.IIM != nil {
		iim, err := encodeIIM(m.IIM)
		if err != nil {
			return nil, err
		}
		r.Photoshop = iptc.EncodeResources(iptc.WithIIM(nil, iim))
	}
	if m.XMP != nil {
		std, ext, guid, err := encodeXMP(m.XMP)
		if err != nil {
			return nil, err
		}
		r.XMP, r.ExtendedXMP, r.ExtendedGUID = std, ext, guid
	}
	out, err := jpegmeta.Rewrite(data, r)
	if err != nil {
		return nil, err
	}
	if m.EXIF != nil {
		seg, err := m.EXIF.segment()
		if err != nil {
			return nil, err
		}
		if len(out) < 2 || out[0] != 0xFF || out[1] != 0xD8 {
			return nil, errors.New("demo: not a JPEG")
		}
		out = append(append(append([]byte{}, out[:2]...), seg...), out[2:]...)
	}
	return out, nil
}

func encodeIIM(f *caption.Fields) ([]byte, error) {
	var ds []iptc.Dataset
	for _, ft := range fieldTags {
		if ft.tag == 0 {
			continue
		}
		vals, err := f.Get(ft.field)
		if err != nil {
			return nil, err
		}
		if ft.tag == iptc.DateCreated {
			if len(vals) == 0 {
				continue
			}
			date, tim, err := iptc.IIMDateTime(vals[0])
			if err != nil {
				return nil, fmt.Errorf("demo: date created %q: %w", vals[0], err)
			}
			ds = append(ds, iptc.TextDataset(iptc.DateCreated, date))
			if tim != "" {
				ds = append(ds, iptc.TextDataset(iptc.TimeCreated, tim))
			}
			continue
		}
		for _, v := range vals {
			v, _ = iptc.CutUTF8(v, iptc.MaxLen(ft.tag))
			ds = append(ds, iptc.TextDataset(ft.tag, v))
		}
	}
	return iptc.Encode(ds), nil
}

func encodeXMP(f *caption.Fields) (std, ext []byte, guid string, err error) {
	p := xmp.NewPacket()
	for _, ft := range fieldTags {
		vals, err := f.Get(ft.field)
		if err != nil {
			return nil, nil, "", err
		}
		if len(vals) == 0 {
			continue
		}
		switch ft.kind {
		case 't':
			err = p.SetText(ft.ns, ft.prop, vals[0])
		case 'l':
			err = p.SetLangAlt(ft.ns, ft.prop, vals[0])
		case 's':
			err = p.SetSeq(ft.ns, ft.prop, vals)
		case 'b':
			err = p.SetBag(ft.ns, ft.prop, vals)
		}
		if err != nil {
			return nil, nil, "", err
		}
	}
	return p.MarshalSplit(0)
}

// segment returns the EXIF APP1 segment: a little-endian TIFF with IFD0
// (description, make, model, orientation, artist, copyright) and an EXIF
// IFD (date taken, lens), tags in ascending order as TIFF 6.0 requires.
func (e *EXIF) segment() ([]byte, error) {
	type entry struct {
		tag   uint16
		typ   uint16 // 2 ASCII, 3 SHORT, 4 LONG
		text  string
		value uint32
	}
	var ifd0, exifIFD []entry
	addText := func(list *[]entry, tag uint16, s string) {
		if s != "" {
			*list = append(*list, entry{tag: tag, typ: 2, text: s})
		}
	}
	addText(&ifd0, 0x010E, e.Description)
	addText(&ifd0, 0x010F, e.Make)
	addText(&ifd0, 0x0110, e.Model)
	if e.Orientation != 0 {
		ifd0 = append(ifd0, entry{tag: 0x0112, typ: 3, value: uint32(e.Orientation)})
	}
	addText(&ifd0, 0x013B, e.Artist)
	addText(&ifd0, 0x8298, e.Copyright)
	if !e.Taken.IsZero() {
		addText(&exifIFD, 0x9003, e.Taken.Format("2006:01:02 15:04:05"))
	}
	addText(&exifIFD, 0xA434, e.Lens)
	if len(exifIFD) > 0 {
		ifd0 = append(ifd0, entry{tag: 0x8769, typ: 4}) // value patched below
	}

	le := binary.LittleEndian
	tiff := []byte{'I', 'I', 42, 0, 8, 0, 0, 0}
	// writeIFD appends an IFD at the end of tiff, its long values after it,
	// and returns the offset of the entry whose value is the EXIF pointer.
	writeIFD := func(es []entry) (ptrAt int) {
		start := len(tiff)
		dataAt := start + 2 + 12*len(es) + 4
		tiff = le.AppendUint16(tiff, uint16(len(es)))
		var data []byte
		ptrAt = -1
		for _, en := range es {
			tiff = le.AppendUint16(tiff, en.tag)
			tiff = le.AppendUint16(tiff, en.typ)
			switch en.typ {
			case 2:
				b := append([]byte(en.text), 0)
				tiff = le.AppendUint32(tiff, uint32(len(b)))
				if len(b) <= 4 {
					var v [4]byte
					copy(v[:], b)
					tiff = append(tiff, v[:]...)
				} else {
					tiff = le.AppendUint32(tiff, uint32(dataAt+len(data)))
					data = append(data, b...)
					if len(data)%2 == 1 {
						data = append(data, 0)
					}
				}
			case 3:
				tiff = le.AppendUint32(tiff, 1)
				tiff = le.AppendUint16(tiff, uint16(en.value))
				tiff = le.AppendUint16(tiff, 0)
			case 4:
				tiff = le.AppendUint32(tiff, 1)
				if en.tag == 0x8769 {
					ptrAt = len(tiff)
				}
				tiff = le.AppendUint32(tiff, en.value)
			}
		}
		tiff = le.AppendUint32(tiff, 0) // no next IFD
		tiff = append(tiff, data...)
		return ptrAt
	}
	ptr := writeIFD(ifd0)
	if ptr >= 0 {
		le.PutUint32(tiff[ptr:], uint32(len(tiff)))
		writeIFD(exifIFD)
	}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	if len(payload)+2 > 0xFFFF {
		return nil, errors.New("demo: EXIF too large for one segment")
	}
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...), nil
}
