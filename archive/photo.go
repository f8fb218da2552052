package archive

import (
	"time"

	"github.com/cutline/cutline/caption"
)

// Photo is one archived photo as scripts, the index and the web desk see
// it. JSON keys and shape are those of DESIGN.md; absent values are omitted.
type Photo struct {
	ID    ID     `json:"id"`
	Name  string `json:"name"`  // base name of the file it was ingested from
	Bytes int64  `json:"bytes"` // size of the original
	// Width and Height come from the JPEG SOF and are reported after EXIF
	// orientation (a portrait frame shot rotated reads as portrait).
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	Format      string `json:"format"`                // "jpeg"
	Orientation int    `json:"orientation,omitempty"` // EXIF Orientation 1..8, 0 when absent
	// Taken is EXIF DateTimeOriginal: RFC 3339 with the offset from
	// OffsetTimeOriginal when the camera wrote one, else local wall time
	// without offset ("2004-01-11T22:45:15").
	Taken    string    `json:"taken,omitempty"`
	Camera   *Camera   `json:"camera,omitempty"`
	GPS      *GPS      `json:"gps,omitempty"`
	Ingested time.Time `json:"ingested"`
	// Caption is the current caption: the editor's edits over what the
	// file carried (see the precedence in the package doc).
	Caption caption.Fields `json:"caption,omitzero"`
	// Facts are parsed from Caption.Description.
	Facts    caption.Facts `json:"facts,omitzero"`
	Warnings []string      `json:"warnings,omitempty"`
	// PreviewError says why no rendition could be made ("" when the 320 px
	// and 1280 px renditions exist). It is not part of the JSON shape: the
	// reason is also among the warnings.
	PreviewError string `json:"-"`
}

// Camera is what EXIF says about the camera and lens.
type Camera struct {
	Make  string `json:"make,omitempty"`
	Model string `json:"model,omitempty"`
	Lens  string `json:"lens,omitempty"`
}

// GPS is the position in decimal degrees (WGS 84), south and west negative.
type GPS struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}
