package synth

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// EXIF is the metadata JPEG can embed. Zero fields are left out of the file.
type EXIF struct {
	Orientation int       // 1..8; 0 omits the tag (any other value is written as is, for hostile-input tests)
	Taken       time.Time // DateTimeOriginal in the time's own zone, and OffsetTimeOriginal from its offset
	Make, Model string
	GPS         *GPS
}

// GPS is a position in decimal degrees, north and east positive.
type GPS struct {
	Lat, Lon float64
}

// TIFF field types (TIFF 6.0 section 2).
const (
	typeByte     = 1
	typeASCII    = 2
	typeShort    = 3
	typeLong     = 4
	typeRational = 5
)

type entry struct {
	tag, typ uint16
	count    uint32
	val      []byte // encoded value, little-endian
}

// segment returns the complete APP1 segment (marker included) holding a
// little-endian TIFF structure: IFD0, the Exif IFD and the GPS IFD.
func (e *EXIF) segment() ([]byte, error) {
	le := binary.LittleEndian
	short := func(v uint16) []byte { return le.AppendUint16(nil, v) }
	long := func(v uint32) []byte { return le.AppendUint32(nil, v) }
	ascii := func(s string) entry {
		return entry{typ: typeASCII, count: uint32(len(s) + 1), val: append([]byte(s), 0)}
	}

	var ifd0, exif, gps []entry
	if e.Make != "" {
		a := ascii(e.Make)
		a.tag = 0x010F
		ifd0 = append(ifd0, a)
	}
	if e.Model != "" {
		a := ascii(e.Model)
		a.tag = 0x0110
		ifd0 = append(ifd0, a)
	}
	if e.Orientation != 0 {
		if e.Orientation < 0 || e.Orientation > 0xFFFF {
			return nil, fmt.Errorf("synth: orientation %d does not fit a SHORT", e.Orientation)
		}
		ifd0 = append(ifd0, entry{0x0112, typeShort, 1, short(uint16(e.Orientation))})
	}
	if !e.Taken.IsZero() {
		dt := ascii(e.Taken.Format("2006:01:02 15:04:05"))
		dt.tag = 0x9003
		off := ascii(e.Taken.Format("-07:00"))
		off.tag = 0x9011
		exif = append(exif, dt, off)
	}
	if e.GPS != nil {
		if math.IsNaN(e.GPS.Lat) || math.IsNaN(e.GPS.Lon) || math.Abs(e.GPS.Lat) > 90 || math.Abs(e.GPS.Lon) > 180 {
			return nil, fmt.Errorf("synth: GPS position %v out of range", *e.GPS)
		}
		latRef, lonRef := "N", "E"
		if e.GPS.Lat < 0 {
			latRef = "S"
		}
		if e.GPS.Lon < 0 {
			lonRef = "W"
		}
		gps = []entry{
			{0x0000, typeByte, 4, []byte{2, 3, 0, 0}},
			{0x0001, typeASCII, 2, []byte{latRef[0], 0}},
			{0x0002, typeRational, 3, degrees(math.Abs(e.GPS.Lat))},
			{0x0003, typeASCII, 2, []byte{lonRef[0], 0}},
			{0x0004, typeRational, 3, degrees(math.Abs(e.GPS.Lon))},
		}
	}
	// The sub-IFD pointers get their values once the layout is known.
	if len(exif) > 0 {
		ifd0 = append(ifd0, entry{0x8769, typeLong, 1, long(0)})
	}
	if len(gps) > 0 {
		ifd0 = append(ifd0, entry{0x8825, typeLong, 1, long(0)})
	}

	// Layout: header (8), IFD0, Exif IFD, GPS IFD, each followed by its
	// out-of-line values.
	tiff := []byte{'I', 'I', 42, 0, 8, 0, 0, 0}
	ifdSize := func(es []entry) int {
		n := 2 + 12*len(es) + 4
		for _, x := range es {
			if len(x.val) > 4 {
				n += len(x.val) + len(x.val)&1
			}
		}
		return n
	}
	exifOff := 8 + ifdSize(ifd0)
	gpsOff := exifOff
	if len(exif) > 0 {
		gpsOff += ifdSize(exif)
	}
	for i := range ifd0 {
		switch ifd0[i].tag {
		case 0x8769:
			ifd0[i].val = long(uint32(exifOff))
		case 0x8825:
			ifd0[i].val = long(uint32(gpsOff))
		}
	}
	tiff = appendIFD(tiff, ifd0)
	if len(exif) > 0 {
		tiff = appendIFD(tiff, exif)
	}
	if len(gps) > 0 {
		tiff = appendIFD(tiff, gps)
	}

	n := 2 + 6 + len(tiff)
	if n > 0xFFFF {
		return nil, errors.New("synth: EXIF segment too long")
	}
	seg := []byte{0xFF, 0xE1, byte(n >> 8), byte(n), 'E', 'x', 'i', 'f', 0, 0}
	return append(seg, tiff...), nil
}

// appendIFD writes one IFD at the end of tiff (whose length is the IFD's
// offset, since the TIFF header starts the slice), entries sorted by tag as
// TIFF requires, and a zero next-IFD pointer.
func appendIFD(tiff []byte, es []entry) []byte {
	le := binary.LittleEndian
	sort.Slice(es, func(i, j int) bool { return es[i].tag < es[j].tag })
	start := len(tiff)
	extra := start + 2 + 12*len(es) + 4
	var data []byte
	tiff = le.AppendUint16(tiff, uint16(len(es)))
	for _, x := range es {
		tiff = le.AppendUint16(tiff, x.tag)
		tiff = le.AppendUint16(tiff, x.typ)
		tiff = le.AppendUint32(tiff, x.count)
		if len(x.val) <= 4 {
			var v [4]byte
			copy(v[:], x.val)
			tiff = append(tiff, v[:]...)
			continue
		}
		tiff = le.AppendUint32(tiff, uint32(extra+len(data)))
		data = append(data, x.val...)
		if len(data)&1 == 1 {
			data = append(data, 0) // values start on word boundaries
		}
	}
	tiff = le.AppendUint32(tiff, 0)
	return append(tiff, data...)
}

// degrees encodes an angle as three RATIONALs: degrees, minutes, and
// seconds to 1/10000.
func degrees(v float64) []byte {
	le := binary.LittleEndian
	d := math.Floor(v)
	m := math.Floor((v - d) * 60)
	s := math.Round(((v-d)*60 - m) * 60 * 10000)
	var b []byte
	for _, r := range [][2]uint32{{uint32(d), 1}, {uint32(m), 1}, {uint32(s), 10000}} {
		b = le.AppendUint32(b, r[0])
		b = le.AppendUint32(b, r[1])
	}
	return b
}
