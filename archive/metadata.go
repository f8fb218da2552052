package archive

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/iptc"
	"github.com/cutline/cutline/internal/jpegmeta"
	"github.com/cutline/cutline/internal/xmp"
)

// fieldMapping ties one caption field to its IPTC IIM dataset and its XMP
// property (the table in DESIGN.md). Reading and export both use it, so
// the two can never disagree about where a field lives.
type fieldMapping struct {
	field string   // caption.Field name
	iim   iptc.Tag // 0 when the field has no IIM dataset
	ns    string   // XMP namespace
	prop  string   // XMP property
	kind  xmpKind
}

type xmpKind int

const (
	xmpText    xmpKind = iota // simple value
	xmpLangAlt                // rdf:Alt with xml:lang, x-default written
	xmpSeq                    // ordered array
	xmpBag                    // unordered array
)

var fieldMappings = []fieldMapping{
	{"headline", iptc.Headline, xmp.NSPhotoshop, "Headline", xmpText},
	{"description", iptc.Caption, xmp.NSDC, "description", xmpLangAlt},
	{"captionWriter", iptc.CaptionWriter, xmp.NSPhotoshop, "CaptionWriter", xmpText},
	{"byline", iptc.Byline, xmp.NSDC, "creator", xmpSeq},
	{"bylineTitle", iptc.BylineTitle, xmp.NSPhotoshop, "AuthorsPosition", xmpText},
	{"credit", iptc.Credit, xmp.NSPhotoshop, "Credit", xmpText},
	{"source", iptc.Source, xmp.NSPhotoshop, "Source", xmpText},
	{"copyright", iptc.CopyrightNotice, xmp.NSDC, "rights", xmpLangAlt},
	{"title", iptc.ObjectName, xmp.NSDC, "title", xmpLangAlt},
	{"keywords", iptc.Keywords, xmp.NSDC, "subject", xmpBag},
	{"instructions", iptc.SpecialInstructions, xmp.NSPhotoshop, "Instructions", xmpText},
	{"jobId", iptc.JobID, xmp.NSPhotoshop, "TransmissionReference", xmpText},
	{"dateCreated", iptc.DateCreated, xmp.NSPhotoshop, "DateCreated", xmpText},
	{"city", iptc.City, xmp.NSPhotoshop, "City", xmpText},
	{"sublocation", iptc.Sublocation, xmp.NSIptc4xmpCore, "Location", xmpText},
	{"state", iptc.ProvinceState, xmp.NSPhotoshop, "State", xmpText},
	{"country", iptc.CountryName, xmp.NSPhotoshop, "Country", xmpText},
	{"countryCode", iptc.CountryCode, xmp.NSIptc4xmpCore, "CountryCode", xmpText},
	{"personsShown", 0, xmp.NSIptc4xmpExt, "PersonInImage", xmpBag},
}

// analysis is what the ingest learns from a file before rendering it.
type analysis struct {
	width, height       int // after orientation
	rawWidth, rawHeight int // as coded in the SOF
	orientation         int
	taken               string
	camera              *Camera
	gps                 *GPS
	caption             caption.Fields
	warnings            []string
	file                *jpegmeta.File
	// noPreview says why no rendition can be made ("" when one can).
	noPreview string
}

// analyze reads everything cutline keeps from a JPEG's bytes. It rejects
// what is not a JPEG, has no frame, or is larger than maxPixels; metadata
// problems are warnings, never rejections.
func analyze(data []byte, maxPixels int64) (*analysis, error) {
	f, err := jpegmeta.Scan(data)
	if f == nil {
		return nil, rejectf("%v", err)
	}
	a := &analysis{file: f, rawWidth: f.Width, rawHeight: f.Height}
	if err != nil {
		// The structure breaks off before the image data. Keep the file if
		// it carries metadata (a header-only or cut-off file is still a
		// record of the photo); reject it when there is nothing to keep.
		if f.EXIF == nil && f.XMP == nil && f.Photoshop == nil {
			return nil, rejectf("%v", err)
		}
		a.noPreview = "the image data is missing or cut off (" + strings.TrimPrefix(err.Error(), "jpegmeta: ") + ")"
	}
	if px := int64(f.Width) * int64(f.Height); px > maxPixels {
		return nil, rejectf("the image is %d×%d (%s megapixels), more than the %s allowed (a decompression bomb, or raise the limit)",
			f.Width, f.Height, megapixels(px), megapixels(maxPixels))
	}
	if a.noPreview == "" && (f.Width <= 0 || f.Height <= 0) {
		// A height of 0 is legal (T.81 B.2.2: a DNL marker gives it after
		// the first scan), but no decoder here supports it.
		if f.Width <= 0 && f.EXIF == nil && f.XMP == nil && f.Photoshop == nil {
			return nil, rejectf("the JPEG frame declares %d×%d pixels", f.Width, f.Height)
		}
		a.noPreview = fmt.Sprintf("the JPEG frame declares %d×%d pixels", f.Width, f.Height)
	}
	a.warnings = append(a.warnings, f.Warnings...)

	var ex exifInfo
	if f.EXIF != nil {
		clean, warns, err := jpegmeta.SanitizeEXIF(f.EXIF)
		a.warnings = append(a.warnings, prefixAll("EXIF: ", fileProblems(warns))...)
		if err != nil {
			a.warnings = append(a.warnings, "EXIF ignored: "+err.Error())
		} else {
			var w []string
			ex, w = readEXIF(clean)
			a.warnings = append(a.warnings, w...)
		}
	}
	a.orientation = ex.Orientation
	a.taken = ex.Taken
	a.gps = ex.GPS
	if ex.Camera != (Camera{}) {
		c := ex.Camera
		a.camera = &c
	}
	a.width, a.height = f.Width, f.Height
	if a.orientation >= 5 {
		a.width, a.height = f.Height, f.Width
	}

	var iim *iptc.Record
	if f.Photoshop != nil {
		res, warns := iptc.ParseResources(f.Photoshop)
		a.warnings = append(a.warnings, prefixAll("Photoshop resources: ", warns)...)
		if r, ok := iptc.Find(res, iptc.ResourceIIM); ok {
			var w []string
			iim, w = iptc.Decode(r.Data)
			a.warnings = append(a.warnings, prefixAll("IPTC: ", w)...)
		}
	}
	var pkt *xmp.Packet
	if f.XMP != nil {
		p, warns, err := xmp.ParseWithExtended(f.XMP, f.ExtendedXMP)
		a.warnings = append(a.warnings, prefixAll("XMP: ", warns)...)
		if err != nil {
			a.warnings = append(a.warnings, "XMP: "+err.Error())
		}
		pkt = p // partial properties are kept when the packet broke off
	}
	var w []string
	a.caption, w = mergeCaption(iim, pkt, &ex)
	a.warnings = append(a.warnings, w...)
	return a, nil
}

// mergeCaption applies the precedence of DESIGN.md per field: XMP beats
// IIM, IIM beats EXIF (ImageDescription, Artist, Copyright). When IIM and
// XMP both have a field and disagree, XMP wins and a warning says so.
func mergeCaption(iim *iptc.Record, pkt *xmp.Packet, ex *exifInfo) (caption.Fields, []string) {
	var f caption.Fields
	var warnings []string
	for _, m := range fieldMappings {
		var fromIIM, fromXMP []string
		if iim != nil && m.iim != 0 {
			fromIIM = iimValues(iim, m)
		}
		if pkt != nil {
			fromXMP = xmpValues(pkt, m)
		}
		vals := fromIIM
		if len(fromXMP) > 0 {
			vals = fromXMP
			if len(fromIIM) > 0 && !sameValues(m, fromIIM, fromXMP) {
				warnings = append(warnings, fmt.Sprintf("IIM and XMP disagree on %s; XMP kept (%s)", m.field, disagreement(fromIIM, fromXMP)))
			}
		}
		if len(vals) == 0 {
			switch m.field {
			case "description":
				vals = nonEmpty(ex.Description)
			case "byline":
				vals = nonEmpty(ex.Artist)
			case "copyright":
				vals = nonEmpty(ex.Copyright)
			}
		}
		if len(vals) == 0 {
			continue
		}
		d, _ := caption.LookupField(m.field)
		if !d.List {
			vals = vals[:1]
		}
		if err := f.Set(m.field, vals...); err != nil {
			warnings = append(warnings, err.Error())
		}
	}
	return f, warnings
}

func iimValues(r *iptc.Record, m fieldMapping) []string {
	if m.field == "dateCreated" {
		return nonEmpty(r.DateCreated())
	}
	d, _ := caption.LookupField(m.field)
	if d.List {
		return cleanList(r.List(m.iim))
	}
	return nonEmpty(r.Text(m.iim))
}

func xmpValues(p *xmp.Packet, m fieldMapping) []string {
	if m.kind == xmpSeq || m.kind == xmpBag {
		return cleanList(p.List(m.ns, m.prop))
	}
	return nonEmpty(p.Text(m.ns, m.prop))
}

// sameValues compares IIM and XMP values the way a reader would: IIM
// lengths are limited, so an IIM value that is a cut-off prefix of the
// XMP value agrees with it, and dates compare on what both say.
func sameValues(m fieldMapping, iim, x []string) bool {
	if slices.Equal(iim, x) {
		return true
	}
	if len(iim) != len(x) {
		return false
	}
	for i := range iim {
		a, b := iim[i], x[i]
		if m.field == "dateCreated" {
			if !strings.HasPrefix(b, a) && !strings.HasPrefix(a, b) {
				return false
			}
			continue
		}
		if limit := iptc.MaxLen(m.iim); limit > 0 && len(a) >= limit-3 && strings.HasPrefix(b, a) {
			continue
		}
		if strings.TrimSpace(a) != strings.TrimSpace(b) {
			return false
		}
	}
	return true
}

func disagreement(iim, x []string) string {
	return fmt.Sprintf("IIM %q, XMP %q", clipText(strings.Join(iim, "; "), 60), clipText(strings.Join(x, "; "), 60))
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// nonEmpty returns s as a one-value list, or nil when s is blank.
func nonEmpty(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return []string{s}
}

func cleanList(vs []string) []string {
	var out []string
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// megapixels formats a pixel count for people: "3600", "1.1", "0.5".
func megapixels(px int64) string {
	mp := float64(px) / 1e6
	if mp >= 10 {
		return fmt.Sprintf("%.0f", mp)
	}
	return strings.TrimSuffix(fmt.Sprintf("%.1f", mp), ".0")
}

// fileProblems drops the sanitizer's notes about entries it removes by
// policy from every camera file (maker notes, the IFD1 thumbnail), which
// say nothing about the file; what is left describes real damage.
func fileProblems(warns []string) []string {
	out := warns[:0:0]
	for _, w := range warns {
		if strings.Contains(w, "MakerNote removed") || strings.Contains(w, "thumbnail pointer removed") {
			continue
		}
		out = append(out, w)
	}
	return out
}

func prefixAll(p string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}
