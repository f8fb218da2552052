// Package archive is cutline's archive on disk: the SQLite records that
// are the source of truth, the untouched originals, caption edits with
// their history, the ingest pipeline, export with embedded metadata, and
// the consistency check.
//
// # On-disk layout
//
// An archive is one folder:
//
//	cutline.db         SQLite (WAL): photos, history, outbox, config, users,
//	                   sessions; the schema version is PRAGMA user_version
//	cutline.lock       the writer lock (flock), holding the JSON Holder of
//	                   the process that has it, so others can name it
//	originals/ab/cd…   each original once, named by its SHA-256 (the first
//	                   two hex digits are the sub-folder); written to a
//	                   temporary file, fsynced and renamed; never rewritten
//	thumbs/v<N>/…      renditions (thumbnails.Cache); derived, may be lost
//	index/             the Bleve index (package index); derived, rebuilt by
//	                   "cutline reindex"
//
// # Writes, crashes and the index
//
// One process writes at a time: Open takes the writer lock, and a second
// writer gets a *LockedError naming the holder within Options.LockTimeout.
// Readers (Options.ReadOnly) take no lock and see committed data (WAL).
// Every read-modify-write runs in a BEGIN IMMEDIATE transaction on the
// single write connection.
//
// An ingest stores the original (fsynced) before it commits the record, so
// a record never exists without its original; a crash in between leaves an
// original with no record, which Check reports and --repair removes (it was
// never reported as ingested). Every change to a photo also appends to the
// outbox in the same transaction; the index applies the outbox after its
// watermark and keeps the watermark in the same Bleve batch, so the index
// converges after any crash.
//
// # Which value wins
//
// For each caption field (fieldMappings in metadata.go is the one table of
// field → IIM dataset → XMP property), the value stored at ingest is taken
// from, in order: XMP, then IPTC IIM, then EXIF (ImageDescription for the
// caption, Artist for the by-line, Copyright for the copyright). When IIM
// and XMP both have a field and disagree, XMP wins and the photo gets a
// warning. An editor's edit beats all of them: Photo.Caption is the current
// caption, and the caption read from the file is kept beside it so export
// rewrites only the fields the editor changed. IIM text is UTF-8 when
// dataset 1:90 declares ESC % G, else it is read as Windows-1252 with a
// warning. Image size comes from the JPEG frame header (SOF), never from
// EXIF, and is reported after EXIF orientation.
//
// # Untrusted files
//
// Every file is hostile until proven otherwise. The JPEG segments are
// walked by internal/jpegmeta; goexif only ever sees the EXIF payload after
// jpegmeta.SanitizeEXIF has validated it (offsets, counts, types, no IFD
// cycles, no maker notes), runs under recover and a time bound, and its
// problems become warnings. Images over the pixel cap are rejected before
// any pixel is decoded, and concurrent decodes share a memory budget.
package archive
