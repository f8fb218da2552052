package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cutline/cutline/caption"
	"github.com/cutline/cutline/internal/iptc"
	"github.com/cutline/cutline/internal/jpegmeta"
	"github.com/cutline/cutline/internal/xmp"
)

// Exports are JPEGs that carry a photo's current caption: the original's
// bytes with the IPTC IIM (APP13 Photoshop resource 0x0404, UTF-8 marked by
// 1:90 ESC % G, the IPTC digest 0x0425 recomputed) and the XMP (APP1, plus
// extended XMP when one segment is too small) rewritten. Everything else of
// the original stays as it was: the other APP segments and Photoshop
// resources, the tables and frame header, and every byte from the first SOS
// to the end, so the image is never recompressed.
//
// Both containers carry the whole current caption: for every field that
// has both an IIM dataset and an XMP property, a container that already
// holds the current value keeps it as it is, and one that lacks it or
// holds another value gets the current value (cut to the IIM length limit
// on a UTF-8 boundary, with a warning; XMP keeps the whole text). Writing
// only the edited fields would not do: the recomputed digest tells Adobe's
// XMP Toolkit (Photoshop, Bridge, Lightroom) that IIM and XMP agree, so it
// reads XMP alone, and a field the original held only in IIM, or in IIM
// with another value than XMP's, would vanish or differ there. Persons
// shown, which IIM cannot hold, follow the same rule in XMP. A field the
// editor cleared is removed from both.
//
// IIM datasets of other tags keep their bytes, except that text in another
// character set is re-encoded to UTF-8 when the 1:90 UTF-8 marker is
// added, so that readers still see the same strings; other XMP properties
// keep their values. The output depends only on the original and the
// current caption (no dates, stable order), so two exports of the same
// photo are byte-identical.

// ExportToolkit is the x:xmptk written into the XMP packets of exports.
const ExportToolkit = "cutline"

// ErrCannotExport wraps the reason a photo cannot be exported (no image
// data in the original, metadata that cannot fit its segments, ...).
var ErrCannotExport = errors.New("cannot export")

// ExportOptions configure Export. The zero value writes the JPEGs only.
type ExportOptions struct {
	// Sidecar also writes <name>.xmp beside each <name>.jpg: an XMP
	// packet with the whole current caption (see SidecarXMP).
	Sidecar bool
}

// ExportResult is the outcome of exporting one photo. Error is set when
// this photo failed; the others are exported all the same.
type ExportResult struct {
	ID       ID       `json:"id"`
	Path     string   `json:"path,omitempty"`
	Sidecar  string   `json:"sidecar,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	Error    string   `json:"error,omitempty"`
}

// maxCollisions bounds the name-2, name-3, ... candidates tried for one
// photo, so a folder full of hostile names cannot make Export loop long.
const maxCollisions = 10_000

// maxNameBytes bounds the base of an export's file name, leaving room for
// "-10000.jpg" within the 255 bytes most file systems allow.
const maxNameBytes = 150

// Export writes each photo into dir (created when absent) as
// ExportName(photo), never overwriting a file: a taken name becomes
// name-2.jpg, name-3.jpg and so on. Each file is written to a temporary
// file in dir, synced and then linked (or renamed) into place, so a crash
// leaves no partial file under a final name. The results follow ids; a
// photo that fails has its Error set and the others go on. The error is
// for what stops the whole export: a cancelled context or an unusable dir.
func (s *Store) Export(ctx context.Context, ids []ID, dir string, opts *ExportOptions) ([]ExportResult, error) {
	var o ExportOptions
	if opts != nil {
		o = *opts
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export folder: %w", err)
	}
	results := make([]ExportResult, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		res := ExportResult{ID: id}
		if err := s.exportOne(ctx, id, dir, &o, &res); err != nil {
			res.Error = err.Error()
		}
		results = append(results, res)
	}
	return results, nil
}

func (s *Store) exportOne(ctx context.Context, id ID, dir string, o *ExportOptions, res *ExportResult) error {
	r, data, err := s.exportSource(ctx, id)
	if err != nil {
		return err
	}
	out, warnings, err := exportJPEG(data, &r.Caption)
	res.Warnings = warnings
	if err != nil {
		return err
	}
	files := []namedData{{ext: ".jpg", data: out}}
	if o.Sidecar {
		side, err := sidecarXMP(data, &r.Caption)
		if err != nil {
			return err
		}
		files = append(files, namedData{ext: ".xmp", data: side})
	}
	paths, err := writeNew(dir, exportBase(r.Name, id), files)
	if err != nil {
		return err
	}
	res.Path = paths[0]
	if o.Sidecar {
		res.Sidecar = paths[1]
	}
	return nil
}

// ExportBytes returns the photo's original with its current caption
// embedded (see Export), and warnings such as values cut to their IIM
// length limits. The web desk's download button serves these bytes under
// ExportName.
func (s *Store) ExportBytes(ctx context.Context, id ID) ([]byte, []string, error) {
	r, data, err := s.exportSource(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return exportJPEG(data, &r.Caption)
}

// SidecarXMP returns an XMP sidecar for the photo: the XMP of its export
// (the original's properties, standard and extended merged, with the
// edits) completed with every current caption field, so that a program
// that reads only the sidecar sees the whole caption, including fields
// the original carried only in IIM or EXIF.
func (s *Store) SidecarXMP(ctx context.Context, id ID) ([]byte, error) {
	r, data, err := s.exportSource(ctx, id)
	if err != nil {
		return nil, err
	}
	return sidecarXMP(data, &r.Caption)
}

// exportSource reads the record and the original, and checks that the
// original still has the bytes its ID names: an export never spreads a
// damaged file.
func (s *Store) exportSource(ctx context.Context, id ID) (*record, []byte, error) {
	r, err := s.record(ctx, s.rdb, id)
	if err != nil {
		return nil, nil, err
	}
	data, err := s.Originals.Read(id)
	if err != nil {
		return nil, nil, err
	}
	if IDOf(data) != id {
		return nil, nil, fmt.Errorf("%w: the original of %s does not match its ID (run cutline check)", ErrCannotExport, id.Short())
	}
	return r, data, nil
}

// exportJPEG embeds caption current into orig's IIM and XMP, mirroring
// every field into both containers (see the comment at the top of this
// file).
func exportJPEG(orig []byte, current *caption.Fields) ([]byte, []string, error) {
	f, err := jpegmeta.Scan(orig)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrCannotExport, err)
	}
	var warnings []string
	rep := jpegmeta.Replace{KeepXMP: true, KeepPhotoshop: true}
	pkt, xmpWarnings := readXMP(f)
	changed, err := mirrorXMP(pkt, current)
	if err != nil {
		return nil, xmpWarnings, fmt.Errorf("%w: %v", ErrCannotExport, err)
	}
	if changed {
		// The reader's complaints about the original packet matter only
		// when the export carries a packet rebuilt from it.
		warnings = append(warnings, xmpWarnings...)
		pkt.Toolkit = ExportToolkit
		std, ext, guid, err := pkt.MarshalSplit(0)
		if err != nil {
			return nil, warnings, fmt.Errorf("%w: %v", ErrCannotExport, err)
		}
		rep.KeepXMP, rep.XMP, rep.ExtendedXMP, rep.ExtendedGUID = false, std, ext, guid
	}
	ps, changed, w := rewritePhotoshop(f.Photoshop, current)
	warnings = append(warnings, w...)
	if changed {
		rep.KeepPhotoshop, rep.Photoshop = false, ps
	}
	out, err := jpegmeta.Rewrite(orig, rep)
	if err != nil {
		return nil, warnings, fmt.Errorf("%w: %v", ErrCannotExport, err)
	}
	if w := mpfWarning(f, orig, out); w != "" {
		warnings = append(warnings, w)
	}
	return out, warnings, nil
}

// mpfWarning says when a rewrite moved the data after the image but not
// the MPF index (APP2 "MPF\0", CIPA DC-007), whose offsets count from its
// own position: a metadata segment that changed size between the two
// leaves the secondary images (phones' depth and gain maps) mis-addressed.
// Phones write MPF after their EXIF and XMP, so this is rare.
func mpfWarning(f *jpegmeta.File, orig, out []byte) string {
	at := func(f *jpegmeta.File, data []byte) int {
		for _, s := range f.Segments {
			if s.Marker == 0xE2 && bytes.HasPrefix(s.Payload(data), []byte("MPF\x00")) {
				return s.Offset
			}
		}
		return -1
	}
	before := at(f, orig)
	if before < 0 {
		return ""
	}
	g, err := jpegmeta.Scan(out)
	if err != nil {
		return ""
	}
	moved, tail := at(g, out)-before, g.SOSOffset-f.SOSOffset
	if moved == tail {
		return ""
	}
	return fmt.Sprintf("the multi-picture (MPF) index moved %d bytes but the images after it %d: readers may not find the secondary images", moved, tail)
}

// exportValues returns the values of field m as export writes them, in
// both containers: text cleaned the way the XMP writer cleans it (invalid
// UTF-8 becomes U+FFFD, characters XML cannot carry are dropped), so IIM
// and XMP hold the same text, and blank values left out, since cutline
// treats blank and absent alike.
func exportValues(f *caption.Fields, m fieldMapping) []string {
	vals, _ := f.Get(m.field)
	var out []string
	for _, v := range vals {
		v = xmlText(v)
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// xmlText cleans s with the XMP writer's own rules, by setting it on a
// scratch packet and reading it back: one definition of what XMP can
// carry, so the IIM copy can never drift from the XMP one.
func xmlText(s string) string {
	p := xmp.NewPacket()
	if err := p.SetText(xmp.NSXMP, "Label", s); err != nil {
		return ""
	}
	return p.Text(xmp.NSXMP, "Label")
}

// readXMP returns the original's XMP model (standard and extended merged)
// or, when it has none or it is unreadable, an empty packet.
func readXMP(f *jpegmeta.File) (*xmp.Packet, []string) {
	if f.XMP == nil {
		return xmp.NewPacket(), nil
	}
	pkt, warns, err := xmp.ParseWithExtended(f.XMP, f.ExtendedXMP)
	warnings := prefixAll("XMP: ", warns)
	if err != nil {
		warnings = append(warnings, "XMP: the original packet is unreadable ("+err.Error()+"); the export carries a new one with the current caption")
		return xmp.NewPacket(), warnings
	}
	return pkt, warnings
}

// mirrorXMP writes into p every caption field whose XMP property does not
// already hold the current value, and reports whether it changed p.
// Properties that hold it are left as they are (a lang-alt keeps its
// other languages).
func mirrorXMP(p *xmp.Packet, current *caption.Fields) (bool, error) {
	changed := false
	for _, m := range fieldMappings {
		want := exportValues(current, m)
		if xmpHolds(p, m, want) {
			continue
		}
		if err := setXMP(p, m, want); err != nil {
			return changed, fmt.Errorf("XMP %s: %w", m.prop, err)
		}
		changed = true
	}
	return changed, nil
}

// xmpHolds reports whether the property of m holds exactly want, in a
// shape every reader takes as that value: a simple value for a text
// field, an x-default item for a lang-alt (ExifTool's and Adobe's
// untagged value), an array of simple items for a list. Blank values
// count as absent, as everywhere in cutline: an empty want is held by an
// absent or blank property, and blank list items are passed over.
func xmpHolds(p *xmp.Packet, m fieldMapping, want []string) bool {
	n := p.Get(m.ns, m.prop)
	if len(want) == 0 {
		return n == nil || strings.TrimSpace(p.Text(m.ns, m.prop)) == "" && len(cleanList(p.List(m.ns, m.prop))) == 0
	}
	if n == nil {
		return false
	}
	switch m.kind {
	case xmpSeq, xmpBag:
		if !n.Kind.IsArray() {
			return false
		}
		var have []string
		for _, it := range n.Items {
			if it.Kind != xmp.Simple {
				return false
			}
			have = append(have, it.Value)
		}
		return slices.Equal(cleanList(have), want)
	case xmpLangAlt:
		if n.Kind != xmp.Alt || len(want) != 1 {
			return false
		}
		for _, it := range n.Items {
			if it.Kind == xmp.Simple && strings.EqualFold(it.Lang, "x-default") {
				return it.Value == want[0]
			}
		}
		return false
	}
	return n.Kind == xmp.Simple && len(want) == 1 && n.Value == want[0]
}

// setXMP writes values (already cleaned) into the property of m.
func setXMP(p *xmp.Packet, m fieldMapping, values []string) error {
	switch m.kind {
	case xmpSeq:
		return p.SetSeq(m.ns, m.prop, values)
	case xmpBag:
		return p.SetBag(m.ns, m.prop, values)
	}
	v := strings.Join(values, "; ")
	if m.kind == xmpLangAlt {
		return p.SetLangAlt(m.ns, m.prop, v)
	}
	return p.SetText(m.ns, m.prop, v)
}

// rewritePhotoshop returns the Photoshop image resources with the IIM
// mirroring current and the IPTC digest recomputed, and whether they
// differ from the original's. A file without IIM gets one only when the
// caption has a field IIM can hold; an IIM left with nothing but its
// envelope bookkeeping is removed with its digest.
func rewritePhotoshop(orig []byte, current *caption.Fields) ([]byte, bool, []string) {
	var warnings []string
	var res []iptc.Resource
	if orig != nil {
		var w []string
		res, w = iptc.ParseResources(orig)
		warnings = append(warnings, prefixAll("Photoshop resources: ", w)...)
	}
	old, hasIIM := iptc.Find(res, iptc.ResourceIIM)
	rec := &iptc.Record{}
	if hasIIM {
		var w []string
		rec, w = iptc.Decode(old.Data)
		warnings = append(warnings, prefixAll("IPTC: ", w)...)
	}
	repl, w := mirrorIIM(rec, current)
	warnings = append(warnings, w...)
	if !hasIIM && len(repl) == 0 {
		return nil, false, warnings
	}
	datasets, w := editIIM(rec, repl)
	warnings = append(warnings, w...)
	var block []byte
	if len(datasets) > 0 {
		block = iptc.Encode(datasets)
	}
	ps := iptc.EncodeResources(iptc.WithIIM(res, block))
	if bytes.Equal(ps, orig) {
		return nil, false, warnings
	}
	return ps, true, warnings
}

// mirrorIIM returns, for every caption field whose IIM datasets do not
// already hold the current value, the datasets that replace them (none
// for a cleared field), keyed by tag. A field holds the current value
// when its datasets read as the current values, whole or cut to the
// tag's limit as iimText cuts them; a date when 2:55 and 2:60 are what
// iimDate writes, or read back as the current date.
func mirrorIIM(rec *iptc.Record, current *caption.Fields) (map[iptc.Tag][]iptc.Dataset, []string) {
	var warnings []string
	repl := map[iptc.Tag][]iptc.Dataset{}
	for _, m := range fieldMappings {
		if m.iim == 0 {
			continue
		}
		want := exportValues(current, m)
		if m.iim == iptc.DateCreated {
			date, tim, w := iimDate(want)
			warnings = append(warnings, w...)
			if !iimHoldsDate(rec, want, date, tim) {
				repl[iptc.DateCreated], repl[iptc.TimeCreated] = date, tim
			}
			continue
		}
		have := cleanList(rec.List(m.iim)) // blank datasets count as absent
		if slices.Equal(have, want) {
			continue // also a value over the limit that a writer kept whole
		}
		ds, w := iimText(m, want)
		warnings = append(warnings, w...)
		if !slices.Equal(have, datasetTexts(ds)) {
			repl[m.iim] = ds
		}
	}
	return repl, warnings
}

// iimHoldsDate reports whether rec's 2:55 and 2:60 already hold the
// current date created, given the datasets iimDate makes of it.
func iimHoldsDate(rec *iptc.Record, want []string, date, tim []iptc.Dataset) bool {
	haveDate, haveTime := rec.List(iptc.DateCreated), rec.List(iptc.TimeCreated)
	if slices.Equal(haveDate, datasetTexts(date)) && slices.Equal(haveTime, datasetTexts(tim)) {
		return true
	}
	// A time with a fraction of a second (IDimager's) that IIMDateTime
	// would drop reads back as the current value all the same.
	return len(want) == 1 && len(haveDate) == 1 && len(haveTime) <= 1 && rec.DateCreated() == want[0]
}

func datasetTexts(ds []iptc.Dataset) []string {
	var out []string
	for _, d := range ds {
		out = append(out, string(d.Value))
	}
	return out
}

// editIIM returns the datasets of rec with the tags of repl replaced,
// ready for iptc.Encode (which writes 1:90 and 2:00 itself). Other
// datasets keep their order and bytes; text that was not UTF-8 is
// re-encoded to UTF-8, read the way the reader read it. A replaced tag's
// new datasets take the place of its first old one, or, for a tag the
// file did not have, go before the first record-2 dataset with a higher
// number, so a block in ascending order (IIM 4.2 §1.5.2) stays in
// ascending order.
func editIIM(rec *iptc.Record, repl map[iptc.Tag][]iptc.Dataset) ([]iptc.Dataset, []string) {
	var warnings []string
	order := make([]iptc.Tag, 0, len(repl))
	for t := range repl {
		order = append(order, t)
	}

	utf8Declared := rec.Charset == "UTF-8"
	reencoded := 0
	var out []iptc.Dataset
	done := map[iptc.Tag]bool{}
	for _, d := range rec.Datasets {
		if d.Record == iptc.RecordEnvelope && d.Number == 90 || d.Record == iptc.RecordApplication && d.Number == 0 {
			continue // iptc.Encode writes its own charset and record version
		}
		if d.Record == iptc.RecordApplication {
			if ds, ok := repl[iptc.Tag(d.Number)]; ok {
				if !done[iptc.Tag(d.Number)] {
					out = append(out, ds...)
					done[iptc.Tag(d.Number)] = true
				}
				continue
			}
		}
		if isIIMText(d.Record, d.Number) && !(utf8Declared && utf8.Valid(d.Value)) && !isASCII(d.Value) {
			if s, ok := legacyIIMText(d.Value); ok {
				d.Value = []byte(s)
				reencoded++
			}
		}
		out = append(out, d)
	}
	if reencoded > 0 {
		from := rec.Charset
		if from == "" || from == "UTF-8" {
			from = "no declared character set"
		}
		warnings = append(warnings, fmt.Sprintf("IPTC: %d IIM text values kept from the original, read as Windows-1252 (%s), were re-encoded to UTF-8", reencoded, from))
	}
	slices.Sort(order)
	for _, t := range order {
		if done[t] || len(repl[t]) == 0 {
			continue
		}
		at := len(out)
		for i, d := range out {
			if d.Record > iptc.RecordApplication || d.Record == iptc.RecordApplication && d.Number > uint8(t) {
				at = i
				break
			}
		}
		out = slices.Insert(out, at, repl[t]...)
	}
	return out, warnings
}

// iimText returns the datasets of an edited text field, each value cut to
// the tag's IIM length limit on a UTF-8 boundary (with a warning; the XMP
// copy keeps the whole text). A list field whose tag is not repeatable is
// joined into one value.
func iimText(m fieldMapping, values []string) ([]iptc.Dataset, []string) {
	if len(values) > 1 && !iptc.Repeatable(m.iim) {
		values = []string{strings.Join(values, "; ")}
	}
	var warnings []string
	ds := make([]iptc.Dataset, 0, len(values))
	for _, v := range values {
		if limit := iptc.MaxLen(m.iim); limit > 0 {
			if cut, ok := iptc.CutUTF8(v, limit); ok {
				warnings = append(warnings, fmt.Sprintf("%s is %d bytes; IPTC IIM %d:%d %s allows %d, so the IIM copy was cut to %d bytes (XMP keeps the whole text)",
					fieldLabel(m.field), len(v), iptc.RecordApplication, m.iim, m.iim, limit, len(cut)))
				v = cut
			}
		}
		if strings.TrimSpace(v) != "" {
			ds = append(ds, iptc.TextDataset(m.iim, v))
		}
	}
	return ds, warnings
}

// iimDate returns the 2:55 and 2:60 datasets of an edited date created.
// A date IIM cannot express ("2019-03", free text) leaves both out with a
// warning: a stale IIM date would contradict the XMP one.
func iimDate(values []string) (date, tim []iptc.Dataset, warnings []string) {
	if len(values) == 0 {
		return nil, nil, nil
	}
	d, t, err := iptc.IIMDateTime(values[0])
	if err != nil {
		return nil, nil, []string{fmt.Sprintf("date created %q has no IPTC IIM form (%v); only XMP carries it", values[0], err)}
	}
	date = []iptc.Dataset{iptc.TextDataset(iptc.DateCreated, d)}
	if t != "" {
		tim = []iptc.Dataset{iptc.TextDataset(iptc.TimeCreated, t)}
	}
	return date, tim, nil
}

func fieldLabel(name string) string {
	if d, ok := caption.LookupField(name); ok {
		return d.Label
	}
	return name
}

// isIIMText reports whether a dataset holds text that follows the 1:90
// character set: the application record's, except 2:00 record version and
// the 2:200..2:202 object preview. The envelope record (where 1:90 itself
// lives) is not read through it, by ExifTool either, so its bytes are
// kept as they are; records 3 and up hold object data.
func isIIMText(record, number uint8) bool {
	if record != iptc.RecordApplication {
		return false
	}
	switch number {
	case 0, 200, 201, 202:
		return false
	}
	return true
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// legacyIIMText decodes a value that is not declared (or not valid) UTF-8
// exactly as the reader does, by handing it to iptc.Decode as the only
// dataset of a block without 1:90: package iptc stays the one authority on
// IIM character sets (Windows-1252, as ExifTool assumes). ok is false for
// a value too long for a standard dataset, which is then kept as it is.
func legacyIIMText(v []byte) (string, bool) {
	if len(v) > 0x7FFF {
		return "", false
	}
	blk := make([]byte, 0, 5+len(v))
	blk = append(blk, 0x1C, iptc.RecordApplication, byte(iptc.ObjectName), byte(len(v)>>8), byte(len(v)))
	blk = append(blk, v...)
	rec, _ := iptc.Decode(blk)
	return rec.Text(iptc.ObjectName), true
}

// sidecarXMP returns the XMP sidecar of an original with caption
// current: the XMP model of its export (standard and extended merged).
func sidecarXMP(orig []byte, current *caption.Fields) ([]byte, error) {
	f, err := jpegmeta.Scan(orig)
	if f == nil {
		return nil, fmt.Errorf("%w: %v", ErrCannotExport, err)
	}
	pkt, _ := readXMP(f)
	if _, err := mirrorXMP(pkt, current); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCannotExport, err)
	}
	pkt.Toolkit = ExportToolkit
	return pkt.Marshal(nil)
}

// ExportName returns the file name an export of p gets (before collisions
// are resolved): the name it was ingested under, made safe, with ".jpg".
func ExportName(p *Photo) string { return exportBase(p.Name, p.ID) + ".jpg" }

// exportBase turns a photo's original name, which came from a file or an
// upload and is hostile, into a file name base: the last path element,
// without a JPEG extension; invalid UTF-8, control and format characters
// (bidirectional overrides, zero-width marks) dropped; path separators and
// the characters Windows refuses replaced by "_"; no leading dots, dashes
// or spaces (no hidden files, nothing that reads as an option), no
// trailing dots or spaces; Windows device names prefixed; at most
// maxNameBytes bytes. An empty result falls back to the ID's short prefix.
func exportBase(name string, id ID) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if ext := filepath.Ext(name); isJPEGExt(ext) {
		name = strings.TrimSuffix(name, ext)
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == utf8.RuneError:
		case strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteByte('_')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	base := strings.TrimLeft(b.String(), ". -")
	base, _ = iptc.CutUTF8(base, maxNameBytes)
	base = strings.TrimRight(base, ". ")
	if isDeviceName(base) {
		base = "_" + base
	}
	if base == "" {
		base = id.Short()
		if base == "" {
			base = "photo"
		}
	}
	return base
}

func isJPEGExt(ext string) bool {
	switch strings.ToLower(ext) {
	case ".jpg", ".jpeg", ".jpe", ".jfif", ".jif":
		return true
	}
	return false
}

// isDeviceName reports the names Windows reserves for devices, which it
// refuses as file names even with an extension.
func isDeviceName(base string) bool {
	stem, _, _ := strings.Cut(strings.ToUpper(base), ".")
	stem = strings.TrimRight(stem, " ")
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '0' && stem[3] <= '9' {
		return true
	}
	return false
}

// namedData is one file of an export: its extension and bytes.
type namedData struct {
	ext  string
	data []byte
}

// errNameTaken reports a final name that already exists.
var errNameTaken = errors.New("name taken")

// writeNew writes files as base+ext in dir under the first stem (base,
// base-2, base-3, ...) free for all of them, never replacing a file, and
// returns their paths in order.
func writeNew(dir, base string, files []namedData) ([]string, error) {
	for n := 1; n <= maxCollisions; n++ {
		stem := base
		if n > 1 {
			stem = base + "-" + strconv.Itoa(n)
		}
		paths, err := writeStem(dir, stem, files)
		if errors.Is(err, errNameTaken) {
			continue
		}
		return paths, err
	}
	return nil, fmt.Errorf("%w: %s.jpg and %d other names are taken in %s", ErrCannotExport, base, maxCollisions-1, dir)
}

// writeStem writes every file under stem, or none: when one name is taken
// the files already written for this stem are removed.
func writeStem(dir, stem string, files []namedData) ([]string, error) {
	for _, f := range files {
		// A cheap look first; publish makes the real, atomic check.
		if _, err := os.Lstat(filepath.Join(dir, stem+f.ext)); err == nil {
			return nil, errNameTaken
		}
	}
	var paths []string
	for _, f := range files {
		p := filepath.Join(dir, stem+f.ext)
		if err := publish(dir, p, f.data); err != nil {
			removeAll(paths)
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func removeAll(paths []string) {
	for _, p := range paths {
		os.Remove(p)
	}
}

// publish writes data to a temporary file in dir, syncs it, and gives it
// the name final only if final does not exist: by a hard link, which fails
// when the name is taken, or, on file systems without links, by creating
// final exclusively and renaming the temporary file over it. Either way a
// crash never leaves a partial file under final.
func publish(dir, final string, data []byte) (err error) {
	tmp, err := os.CreateTemp(dir, ".cutline-export-*.tmp")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer func() {
		if tmp != nil {
			tmp.Close()
		}
		os.Remove(tmpName) // after a link, or a failure; a no-op after a rename
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	err = tmp.Close()
	tmp = nil
	if err != nil {
		return err
	}
	switch err := os.Link(tmpName, final); {
	case err == nil:
		return syncDir(dir)
	case errors.Is(err, fs.ErrExist):
		return errNameTaken
	}
	// No hard links here (FAT, some network file systems): reserve the
	// name exclusively, then rename the complete file over the reservation.
	r, err := os.OpenFile(final, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return errNameTaken
	}
	if err != nil {
		return err
	}
	r.Close()
	if err := os.Rename(tmpName, final); err != nil {
		os.Remove(final)
		return err
	}
	return syncDir(dir)
}
