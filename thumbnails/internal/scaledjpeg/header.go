// Package scaledjpeg decodes JPEG images at k/8 of their size (k = 1..8),
// the way libjpeg's DCT scaling does: every block is still Huffman decoded
// (the bitstream leaves no choice), but only the k×k lowest frequencies of
// each 8×8 block go through a k-point inverse DCT that produces k×k
// pixels, and each component stays at its own resolution (chroma is not
// upsampled). At 1/8 a block's pixel is its DC coefficient. This makes a
// thumbnail of a 24 MP photo cost little more than the entropy decoding.
//
// Supported: baseline and extended sequential (8-bit, Huffman) and
// progressive JPEG, interleaved or not, restart intervals, grayscale,
// YCbCr with any chroma subsampling whose ratios are 1, 2 or 4, RGB, and
// Adobe CMYK and YCCK. Anything else (arithmetic coding, 12-bit samples,
// lossless, odd sampling ratios) gives ErrUnsupported, so the caller can
// fall back to image/jpeg. Colour interpretation follows image/jpeg: JFIF
// or no Adobe transform 0 means YCbCr; four components need an Adobe APP14
// segment, transform 0 meaning inverted CMYK and any other YCCK.
//
// Input is untrusted: the decoder never panics on bad data (a recover at
// the entry point backs this up), every allocation is bounded by the frame
// size the caller has accepted, and every loop by the input or the frame.
// A scan that ends early gives ErrTruncated.
package scaledjpeg

import (
	"errors"
	"fmt"
)

// Errors. FormatError values (corrupt data) are returned as is.
var (
	ErrUnsupported = errors.New("scaledjpeg: unsupported JPEG feature")
	ErrTruncated   = errors.New("scaledjpeg: image data ends early")
)

// FormatError reports malformed JPEG data, citing the rule broken.
type FormatError string

func (e FormatError) Error() string { return "scaledjpeg: invalid JPEG: " + string(e) }

func unsupported(what string) error { return fmt.Errorf("%w: %s", ErrUnsupported, what) }

// ColorSpace is how the components are interpreted.
type ColorSpace int

// The colour spaces.
const (
	Gray ColorSpace = iota
	YCbCr
	RGB
	CMYK // Adobe, transform 0: stored inverted
	YCCK // Adobe, transform 2
)

// Header is what the frame and table segments say.
type Header struct {
	Width, Height int
	Components    int
	Progressive   bool
	ColorSpace    ColorSpace
	// Sampling holds each component's horizontal and vertical sampling
	// factors (T.81 B.2.2).
	Sampling [][2]int
}

// Markers (T.81 table B.1).
const (
	mSOF0  = 0xC0
	mSOF1  = 0xC1
	mSOF2  = 0xC2
	mDHT   = 0xC4
	mRST0  = 0xD0
	mRST7  = 0xD7
	mSOI   = 0xD8
	mEOI   = 0xD9
	mSOS   = 0xDA
	mDQT   = 0xDB
	mDRI   = 0xDD
	mAPP0  = 0xE0
	mAPP14 = 0xEE
)

type component struct {
	id     byte
	h, v   int // sampling factors
	tq     int // quantisation table
	bw, bh int // blocks per line and per column in the MCU-padded plane
	// Each block gives kx×ky samples at the chosen scale (k/8; the
	// rectangular case is kept general).
	kx, ky int
	plane  []byte // kx·bw × ky·bh samples
	stride int
	coef   []int16 // progressive only: 64 per block, natural order
	done   bool    // a sequential scan has decoded this component
	// Per-scan state.
	dcPred int32
	td, ta int
}

// decoder holds the state of one Decode.
type decoder struct {
	data    []byte
	pos     int
	eighths int // output scale: eighths/8

	width, height int
	progressive   bool
	comps         []component
	hmax, vmax    int
	mcusX, mcusY  int

	quant   [4][64]int32 // zigzag order
	qvalid  [4]bool
	dc, ac  [4]huffTable
	restart int

	jfif           bool
	adobe          bool
	adobeTransform byte

	cos *cosTable
	cs  ColorSpace

	frameSeen bool
	scans     int
	work      int64 // blocks × band width over the scans so far
	eobrun    int32
}

func (d *decoder) u16(p int) int { return int(d.data[p])<<8 | int(d.data[p+1]) }

// readHeaders parses segments up to (and including) the first SOS header,
// or up to the frame header when frameOnly is set, leaving d.pos after it.
func (d *decoder) readHeaders(frameOnly bool) error {
	if len(d.data) < 2 || d.data[0] != 0xFF || d.data[1] != mSOI {
		return FormatError("missing SOI marker (B.2.1)")
	}
	d.pos = 2
	for {
		m, err := d.nextMarker()
		if err != nil {
			return err
		}
		if m == mSOS {
			if !d.frameSeen {
				return FormatError("SOS before SOF (B.2.1)")
			}
			return nil
		}
		if m == mEOI {
			return FormatError("missing SOS marker")
		}
		if m >= mRST0 && m <= mRST7 || m == 0x01 {
			continue // parameterless markers
		}
		if d.pos+2 > len(d.data) {
			return ErrTruncated
		}
		n := d.u16(d.pos)
		if n < 2 {
			return FormatError("segment length < 2 (B.1.1.4)")
		}
		if d.pos+n > len(d.data) {
			return ErrTruncated
		}
		seg := d.data[d.pos+2 : d.pos+n]
		d.pos += n
		switch {
		case m == mSOF0 || m == mSOF1 || m == mSOF2:
			if d.frameSeen {
				return FormatError("second SOF marker")
			}
			if err := d.parseSOF(seg, m == mSOF2); err != nil {
				return err
			}
			if frameOnly {
				return nil
			}
		case m >= 0xC3 && m <= 0xCF && m != mDHT && m != 0xC8 && m != 0xCC:
			return unsupported(fmt.Sprintf("frame type SOF%d (lossless, hierarchical or arithmetic)", m-0xC0))
		case m == 0xCC:
			return unsupported("arithmetic coding")
		case m == mDHT:
			if err := d.parseDHT(seg); err != nil {
				return err
			}
		case m == mDQT:
			if err := d.parseDQT(seg); err != nil {
				return err
			}
		case m == mDRI:
			if len(seg) != 2 {
				return FormatError("DRI length (B.2.4.4)")
			}
			d.restart = int(seg[0])<<8 | int(seg[1])
		case m == mAPP0:
			if len(seg) >= 5 && string(seg[:5]) == "JFIF\x00" {
				d.jfif = true
			}
		case m == mAPP14:
			if len(seg) >= 12 && string(seg[:5]) == "Adobe" {
				d.adobe = true
				d.adobeTransform = seg[11]
			}
		}
	}
}

// nextMarker skips to the next marker at or after d.pos, tolerating fill
// bytes and, like libjpeg, stray bytes between segments.
func (d *decoder) nextMarker() (byte, error) {
	for d.pos < len(d.data) && d.data[d.pos] != 0xFF {
		d.pos++
	}
	for d.pos < len(d.data) && d.data[d.pos] == 0xFF {
		d.pos++
	}
	if d.pos >= len(d.data) {
		return 0, ErrTruncated
	}
	m := d.data[d.pos]
	d.pos++
	return m, nil
}

func (d *decoder) parseSOF(seg []byte, progressive bool) error {
	if len(seg) < 6 {
		return FormatError("short SOF segment (B.2.2)")
	}
	d.progressive = progressive
	d.height = int(seg[1])<<8 | int(seg[2])
	d.width = int(seg[3])<<8 | int(seg[4])
	nc := int(seg[5])
	if seg[0] != 8 {
		return unsupported(fmt.Sprintf("%d-bit samples", seg[0]))
	}
	if d.width == 0 || d.height == 0 {
		return FormatError("zero frame size (B.2.2; DNL is not supported)")
	}
	if nc != 1 && nc != 3 && nc != 4 {
		return unsupported(fmt.Sprintf("%d components", nc))
	}
	if len(seg) != 6+3*nc {
		return FormatError("SOF length does not match its component count (B.2.2)")
	}
	d.comps = make([]component, nc)
	for i := range d.comps {
		c := &d.comps[i]
		p := seg[6+3*i:]
		c.id = p[0]
		c.h, c.v = int(p[1]>>4), int(p[1]&15)
		c.tq = int(p[2])
		if c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 {
			return FormatError("sampling factor out of 1..4 (B.2.2)")
		}
		if c.tq > 3 {
			return FormatError("quantisation table index > 3 (B.2.2)")
		}
		for j := 0; j < i; j++ {
			if d.comps[j].id == c.id {
				return FormatError("two components with one identifier (B.2.2)")
			}
		}
		d.hmax, d.vmax = max(d.hmax, c.h), max(d.vmax, c.v)
	}
	if nc == 1 {
		// A single component is never interleaved: its MCU is one block
		// (A.2.2), whatever its sampling factors say.
		d.comps[0].h, d.comps[0].v, d.hmax, d.vmax = 1, 1, 1, 1
	}
	for _, c := range d.comps {
		if d.hmax%c.h != 0 || d.vmax%c.v != 0 || !pow2(d.hmax/c.h) || !pow2(d.vmax/c.v) {
			return unsupported("sampling ratio other than 1, 2 or 4")
		}
	}
	d.mcusX = (d.width + 8*d.hmax - 1) / (8 * d.hmax)
	d.mcusY = (d.height + 8*d.vmax - 1) / (8 * d.vmax)
	for i := range d.comps {
		c := &d.comps[i]
		c.bw, c.bh = d.mcusX*c.h, d.mcusY*c.v
	}
	d.frameSeen = true
	return nil
}

func pow2(n int) bool { return n == 1 || n == 2 || n == 4 }

func (d *decoder) parseDQT(seg []byte) error {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, int(seg[0]&15)
		if tq > 3 || pq > 1 {
			return FormatError("bad DQT table (B.2.4.1)")
		}
		n := 64 << pq
		if len(seg) < 1+n {
			return FormatError("short DQT segment (B.2.4.1)")
		}
		for i := 0; i < 64; i++ {
			if pq == 0 {
				d.quant[tq][i] = int32(seg[1+i])
			} else {
				d.quant[tq][i] = int32(seg[1+2*i])<<8 | int32(seg[2+2*i])
			}
		}
		d.qvalid[tq] = true
		seg = seg[1+n:]
	}
	return nil
}

func (d *decoder) parseDHT(seg []byte) error {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return FormatError("short DHT segment (B.2.4.2)")
		}
		tc, th := seg[0]>>4, int(seg[0]&15)
		if tc > 1 || th > 3 {
			return FormatError("bad DHT table class or index (B.2.4.2)")
		}
		var counts [16]int
		total := 0
		for i := range counts {
			counts[i] = int(seg[1+i])
			total += counts[i]
		}
		if total == 0 || total > 256 || len(seg) < 17+total {
			return FormatError("bad DHT code count (B.2.4.2)")
		}
		t := &d.dc[th]
		if tc == 1 {
			t = &d.ac[th]
		}
		if err := t.build(counts, seg[17:17+total], tc == 1); err != nil {
			return err
		}
		seg = seg[17+total:]
	}
	return nil
}

// colorSpace applies image/jpeg's rules (see the package comment).
func (d *decoder) colorSpace() (ColorSpace, error) {
	switch len(d.comps) {
	case 1:
		return Gray, nil
	case 3:
		if !d.jfif && (d.adobe && d.adobeTransform == 0 ||
			d.comps[0].id == 'R' && d.comps[1].id == 'G' && d.comps[2].id == 'B') {
			return RGB, nil
		}
		return YCbCr, nil
	}
	if !d.adobe {
		return 0, unsupported("4-component JPEG without Adobe APP14 segment")
	}
	if d.adobeTransform == 0 {
		return CMYK, nil
	}
	return YCCK, nil
}

// DecodeHeader parses the headers up to the frame header. With
// ErrUnsupported it still returns what it learnt (size, progressive).
func DecodeHeader(data []byte) (h Header, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = FormatError(fmt.Sprint("decoder fault: ", r))
		}
	}()
	d := decoder{data: data}
	if err := d.readHeaders(true); err != nil {
		return Header{Width: d.width, Height: d.height, Progressive: d.progressive}, err
	}
	return d.header()
}

func (d *decoder) header() (Header, error) {
	cs, err := d.colorSpace()
	if err != nil {
		return Header{Width: d.width, Height: d.height, Progressive: d.progressive}, err
	}
	h := Header{Width: d.width, Height: d.height, Components: len(d.comps), Progressive: d.progressive, ColorSpace: cs}
	for _, c := range d.comps {
		h.Sampling = append(h.Sampling, [2]int{c.h, c.v})
	}
	return h, nil
}
