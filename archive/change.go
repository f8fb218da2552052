package archive

import "errors"

// ErrNotFound reports a photo that is not in the archive.
var ErrNotFound = errors.New("photo not found")

// ErrAmbiguous reports an ID prefix that matches more than one photo.
var ErrAmbiguous = errors.New("ID prefix matches more than one photo")

// Change is one entry of the index outbox: photo ID changed (or was
// deleted) in the same SQLite transaction that wrote Seq. The index applies
// changes in Seq order and stores the last Seq it applied (its watermark)
// inside the same Bleve batch, so a crash at any point converges.
type Change struct {
	Seq     int64 `json:"seq"`
	ID      ID    `json:"id"`
	Deleted bool  `json:"deleted,omitempty"`
}
