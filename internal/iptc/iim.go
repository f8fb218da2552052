package iptc

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"github.com/cutline/cutline/internal/charset"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxWarnings bounds the warnings one block can produce.
const maxWarnings = 50

// tagMarker starts every IIM dataset (IIM 4.2 §1.5.1).
const tagMarker = 0x1C

// Envelope and application record numbers and the datasets Encode writes
// itself.
const (
	RecordEnvelope    = 1
	RecordApplication = 2
	envelopeCharset   = 90 // 1:90 CodedCharacterSet
	recordVersion     = 0  // 2:00 ApplicationRecordVersion
)

// CharsetUTF8 is the 1:90 value that declares UTF-8 (ISO 2022 "ESC % G").
const CharsetUTF8 = "\x1b%G"

// Dataset is one IIM dataset as it is stored: record, dataset number and
// raw value bytes.
type Dataset struct {
	Record uint8
	Number uint8
	Value  []byte
}

// TextDataset returns the record-2 dataset tag holding the UTF-8 text s.
func TextDataset(tag Tag, s string) Dataset {
	return Dataset{Record: RecordApplication, Number: uint8(tag), Value: []byte(s)}
}

// Record is a decoded IIM block.
type Record struct {
	// Datasets are every dataset read, in file order, with raw values.
	Datasets []Dataset
	// Charset is "UTF-8" when 1:90 declares ESC % G, "" when there is no
	// 1:90, and otherwise the declared escape sequence spelled out the way
	// ExifTool prints it ("ESC - A" for ISO 8859-1).
	Charset string
	// text holds the decoded value of each record-2 text dataset, aligned
	// with Datasets ("" for others).
	text []string
}

// Text returns the decoded text of the first record-2 dataset tag, or ""
// when there is none. Trailing NUL bytes some writers add are removed.
func (r *Record) Text(tag Tag) string {
	for i, d := range r.Datasets {
		if d.Record == RecordApplication && d.Number == uint8(tag) {
			return r.textAt(i)
		}
	}
	return ""
}

// List returns the decoded text of every record-2 dataset tag in order,
// for the repeatable ones (2:25 keywords, 2:80 by-line, ...).
func (r *Record) List(tag Tag) []string {
	var out []string
	for i, d := range r.Datasets {
		if d.Record == RecordApplication && d.Number == uint8(tag) {
			out = append(out, r.textAt(i))
		}
	}
	return out
}

// textAt returns the decoded text of dataset i. A Record assembled by hand
// (not by Decode) has no decoded text yet; its values are read as UTF-8,
// falling back to Windows-1252.
func (r *Record) textAt(i int) string {
	if i < len(r.text) {
		return r.text[i]
	}
	v := bytes.TrimRight(r.Datasets[i].Value, "\x00")
	if utf8.Valid(v) {
		return string(v)
	}
	return charset.Windows1252(v)
}

// DateCreated returns 2:55 and 2:60 as ISO 8601 ("2019-03-08",
// "2019-03-08T14:22:05-05:00"), or "" when 2:55 is absent or malformed.
func (r *Record) DateCreated() string {
	s, err := DateTimeISO(r.Text(DateCreated), r.Text(TimeCreated))
	if err != nil {
		return ""
	}
	return s
}

// Decode reads the IIM datasets of iim (the data of Photoshop resource
// 0x0404): tag marker 0x1C, record, dataset number, a 16-bit length or,
// when its top bit is set, an extended length of that many bytes (IIM 4.2
// §1.5.4). Lengths are checked against the bytes that remain; a bad one
// ends the walk with a warning and the datasets read so far are kept.
// Decode never returns nil.
func Decode(iim []byte) (*Record, []string) {
	rec := &Record{}
	var warnings []string
	warn := func(format string, args ...any) {
		if len(warnings) < maxWarnings {
			warnings = append(warnings, fmt.Sprintf("IIM: "+format, args...))
		}
	}
	pos := 0
	for pos+5 <= len(iim) {
		if iim[pos] != tagMarker {
			if !allZero(iim[pos:]) { // zero padding after the last dataset is common
				warn("byte 0x%02X at offset %d where a dataset should start (0x1C); %d bytes ignored", iim[pos], pos, len(iim)-pos)
			}
			pos = len(iim)
			break
		}
		recNo, num := iim[pos+1], iim[pos+2]
		n := uint64(binary.BigEndian.Uint16(iim[pos+3:]))
		pos += 5
		if n&0x8000 != 0 {
			// Extended dataset: the low 15 bits count the bytes of the
			// real length that follows.
			k := int(n & 0x7FFF)
			if k == 0 || k > 8 || k > len(iim)-pos {
				warn("dataset %d:%d has an invalid extended length field (%d bytes); stopped", recNo, num, k)
				pos = len(iim)
				break
			}
			n = 0
			for _, c := range iim[pos : pos+k] {
				n = n<<8 | uint64(c)
			}
			pos += k
		}
		if n > uint64(len(iim)-pos) {
			warn("dataset %d:%d declares %d bytes but only %d remain; stopped", recNo, num, n, len(iim)-pos)
			pos = len(iim)
			break
		}
		rec.Datasets = append(rec.Datasets, Dataset{Record: recNo, Number: num, Value: iim[pos : pos+int(n)]})
		pos += int(n)
	}
	if pos < len(iim) && !allZero(iim[pos:]) {
		warn("%d bytes after the last dataset ignored", len(iim)-pos)
	}
	rec.decodeText(warn)
	return rec, warnings
}

// decodeText settles the character set and decodes every record-2 text
// dataset.
func (r *Record) decodeText(warn func(string, ...any)) {
	utf8Declared := false
	for _, d := range r.Datasets {
		if d.Record == RecordEnvelope && d.Number == envelopeCharset {
			v := string(bytes.TrimRight(d.Value, "\x00"))
			if v == CharsetUTF8 {
				r.Charset, utf8Declared = "UTF-8", true
			} else {
				r.Charset = spellEscape(v)
			}
			break
		}
	}
	r.text = make([]string, len(r.Datasets))
	// Only bytes above ASCII read differently in different character
	// sets: text that is all ASCII needs no warning about which one.
	hasText := false
	for i, d := range r.Datasets {
		if d.Record != RecordApplication || !isText(Tag(d.Number)) {
			continue
		}
		v := bytes.TrimRight(d.Value, "\x00")
		hasText = hasText || !isASCII(v)
		switch {
		case utf8Declared && utf8.Valid(v):
			r.text[i] = string(v)
		case utf8Declared:
			warn("dataset 2:%d (%s) is not valid UTF-8 although 1:90 declares UTF-8; read as Windows-1252", d.Number, Tag(d.Number))
			r.text[i] = charset.Windows1252(v)
		default:
			r.text[i] = charset.Windows1252(v)
		}
	}
	switch {
	case !hasText || utf8Declared:
	case r.Charset == "":
		warn("IIM has no character set (1:90); read as Windows-1252")
	default:
		warn("IIM character set %s is not UTF-8; read as Windows-1252", r.Charset)
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// spellEscape writes an ISO 2022 escape sequence the way ExifTool prints
// it: "ESC" and each following character separated by spaces.
func spellEscape(v string) string {
	if !strings.HasPrefix(v, "\x1b") {
		return printable([]byte(v))
	}
	parts := []string{"ESC"}
	for _, c := range []byte(v[1:]) {
		parts = append(parts, printable([]byte{c}))
	}
	return strings.Join(parts, " ")
}

// Encode writes an IIM block: 1:90 ESC % G (UTF-8) first, then 2:00
// ApplicationRecordVersion 4, then the given datasets in their order
// within each record, records in ascending order as IIM 4.2 §1.5.2
// requires. Given 1:90 and 2:00 datasets are skipped (Encode writes its
// own), as are datasets of record 0, which IIM does not define. Values are written as they are, so text must be UTF-8; values
// over 32,767 bytes use the extended length form.
func Encode(datasets []Dataset) []byte {
	ds := make([]Dataset, 0, len(datasets)+2)
	ds = append(ds, Dataset{Record: RecordEnvelope, Number: envelopeCharset, Value: []byte(CharsetUTF8)})
	ds = append(ds, Dataset{Record: RecordApplication, Number: recordVersion, Value: []byte{0, 4}})
	for _, d := range datasets {
		if d.Record == 0 || (d.Record == RecordEnvelope && d.Number == envelopeCharset) || (d.Record == RecordApplication && d.Number == recordVersion) {
			continue
		}
		ds = append(ds, d)
	}
	slices.SortStableFunc(ds, func(a, b Dataset) int { return cmp.Compare(a.Record, b.Record) })
	n := 0
	for _, d := range ds {
		n += 9 + len(d.Value)
	}
	out := make([]byte, 0, n)
	for _, d := range ds {
		out = append(out, tagMarker, d.Record, d.Number)
		if len(d.Value) <= 0x7FFF {
			out = binary.BigEndian.AppendUint16(out, uint16(len(d.Value)))
		} else {
			out = binary.BigEndian.AppendUint16(out, 0x8004)
			out = binary.BigEndian.AppendUint32(out, uint32(len(d.Value)))
		}
		out = append(out, d.Value...)
	}
	return out
}

// CutUTF8 cuts s to at most limit bytes without splitting a UTF-8
// sequence, and reports whether anything was cut. IIM limits are in
// bytes (octets), so a caption of 2,000 characters in Korean is cut to
// well under 2,000 characters.
func CutUTF8(s string, limit int) (string, bool) {
	if limit < 0 {
		limit = 0
	}
	if len(s) <= limit {
		return s, false
	}
	i := limit
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i], true
}
