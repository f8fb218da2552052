package archive

import (
	"time"

	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/caption/parse"
)

// factsOf parses the facts of a photo's caption text. A date written
// without a year ("SEOUL, Nov 25 (Reuters)") takes its latest occurrence
// on or before (with two days of grace) when the photo was taken (EXIF),
// else its date created, else when it was ingested.
func factsOf(p *Photo) caption.Facts {
	ref := VarsOf(p).Taken
	if ref.IsZero() {
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
			if t, err := time.Parse(layout, p.Caption.DateCreated); err == nil {
				ref = t
				break
			}
		}
	}
	if ref.IsZero() {
		ref = p.Ingested
	}
	return parse.ParseWith(p.Caption.Description, parse.ParseOptions{Reference: ref})
}
