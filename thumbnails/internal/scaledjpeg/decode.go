package scaledjpeg

import (
	"fmt"
	"image"
	"math"
)

// Options bounds a decode.
type Options struct {
	// MaxPixels caps width×height before anything is allocated; 0 means
	// no cap (the caller has checked the header).
	MaxPixels int64
}

// Size returns the size of the image Decode returns at eighths/8 of a
// width×height JPEG: each side scaled and rounded up.
func Size(width, height, eighths int) (int, int) {
	return (width*eighths + 7) / 8, (height*eighths + 7) / 8
}

// Decode decodes a JPEG at eighths/8 of its size (1 to 8: 8 is full size,
// 4 half, 1 an eighth), returning *image.Gray for grayscale and
// *image.NRGBA (opaque) otherwise. Subsampled chroma is replicated, as
// image/jpeg does.
func Decode(data []byte, eighths int, opts *Options) (image.Image, error) {
	p, err := DecodePlanes(data, eighths, opts)
	if err != nil {
		return nil, err
	}
	return p.Image(), nil
}

// Plane is one component's samples at the decoded scale.
type Plane struct {
	Pix           []byte
	Stride        int
	Width, Height int // samples that hold image data
	// ExtentX and ExtentY are the image's size in this plane's samples:
	// the frame size × sampling factor / maximum factor × eighths/8, not
	// rounded. A resizer maps the image's edges to 0 and Extent, which
	// also keeps subsampled chroma centred as in JFIF.
	ExtentX, ExtentY float64
}

// Planes is an image decoded at a reduced scale, each component at its own
// resolution (chroma is not upsampled).
type Planes struct {
	ColorSpace    ColorSpace
	Width, Height int // the image's size at this scale (Size)
	Comps         []Plane
}

// DecodePlanes decodes a JPEG at eighths/8 of its size into its component
// planes. For a
// resizer working per plane this skips chroma upsampling and colour
// conversion at the decoded size.
func DecodePlanes(data []byte, eighths int, opts *Options) (*Planes, error) {
	d, err := decodeAll(data, eighths, opts)
	if err != nil {
		return nil, err
	}
	w, h := Size(d.width, d.height, eighths)
	p := &Planes{ColorSpace: d.cs, Width: w, Height: h}
	for _, c := range d.comps {
		ex := float64(d.width*c.h*eighths) / float64(d.hmax*8)
		ey := float64(d.height*c.v*eighths) / float64(d.vmax*8)
		p.Comps = append(p.Comps, Plane{
			Pix: c.plane, Stride: c.stride,
			Width: min(int(math.Ceil(ex)), c.stride), Height: min(int(math.Ceil(ey)), len(c.plane)/c.stride),
			ExtentX: ex, ExtentY: ey,
		})
	}
	return p, nil
}

// maxScans bounds the scans of one image. Every scan walks all its blocks,
// and a progressive AC scan can skip thousands of blocks per byte with
// end-of-band runs, so without a bound a small file could cost minutes of
// CPU. Encoders write about 10 (libjpeg-turbo's tools refuse more than 500).
const maxScans = 300

func decodeAll(data []byte, eighths int, opts *Options) (d *decoder, err error) {
	if eighths < 1 || eighths > 8 {
		return nil, fmt.Errorf("scaledjpeg: scale %d/8 out of range 1/8..8/8", eighths)
	}
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, FormatError(fmt.Sprint("decoder fault: ", r))
		}
	}()
	d = &decoder{data: data, eighths: eighths}
	if err := d.readHeaders(false); err != nil {
		return nil, err
	}
	if opts != nil && opts.MaxPixels > 0 && int64(d.width)*int64(d.height) > opts.MaxPixels {
		return nil, FormatError(fmt.Sprintf("%dx%d exceeds the pixel cap", d.width, d.height))
	}
	if d.cs, err = d.colorSpace(); err != nil {
		return nil, err
	}
	d.cos = makeCosTable()
	d.allocate()
	// Decode every scan; segments between scans may redefine tables.
	for {
		if d.scans >= maxScans {
			return nil, FormatError(fmt.Sprintf("more than %d scans", maxScans))
		}
		s, err := d.parseSOS()
		if err != nil {
			return nil, err
		}
		if err := d.decodeScan(s); err != nil {
			return nil, err
		}
		d.scans++
		more, err := d.nextScan()
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
	}
	if d.progressive {
		if err := d.reconstruct(); err != nil {
			return nil, err
		}
	} else {
		for i := range d.comps {
			if !d.comps[i].done {
				return nil, fmt.Errorf("%w: no scan for component %d", ErrTruncated, i)
			}
		}
	}
	return d, nil
}

// allocate sizes the component planes (and, for progressive images, the
// coefficient store) for the chosen scale.
func (d *decoder) allocate() {
	for i := range d.comps {
		c := &d.comps[i]
		// Every block gives k×k samples; subsampled components stay
		// subsampled.
		c.kx, c.ky = d.eighths, d.eighths
		c.stride = c.kx * c.bw
		c.plane = make([]byte, c.stride*c.ky*c.bh)
		if d.progressive {
			c.coef = make([]int16, c.bw*c.bh*64)
		}
	}
}

// nextScan reads the segments after a scan up to the next SOS (true) or
// to EOI or the end of the data (false).
func (d *decoder) nextScan() (bool, error) {
	for {
		if d.pos >= len(d.data) {
			return false, nil // no EOI: tolerated, as by libjpeg
		}
		m, err := d.nextMarker()
		if err == ErrTruncated {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		switch {
		case m == mSOS:
			return true, nil
		case m == mEOI:
			return false, nil
		case m >= mRST0 && m <= mRST7 || m == 0x01:
			continue
		}
		if d.pos+2 > len(d.data) {
			return false, ErrTruncated
		}
		n := d.u16(d.pos)
		if n < 2 || d.pos+n > len(d.data) {
			return false, ErrTruncated
		}
		seg := d.data[d.pos+2 : d.pos+n]
		d.pos += n
		switch m {
		case mDHT:
			err = d.parseDHT(seg)
		case mDQT:
			err = d.parseDQT(seg)
		case mDRI:
			if len(seg) != 2 {
				return false, FormatError("DRI length (B.2.4.4)")
			}
			d.restart = int(seg[0])<<8 | int(seg[1])
		case mSOF0, mSOF1, mSOF2:
			return false, FormatError("second SOF marker")
		}
		if err != nil {
			return false, err
		}
	}
}

// reconstruct turns the stored coefficients of a progressive image into
// pixels.
func (d *decoder) reconstruct() error {
	var blk [64]int32
	for i := range d.comps {
		c := &d.comps[i]
		if !d.qvalid[c.tq] {
			return FormatError("component uses an undefined quantisation table")
		}
		q := &d.quant[c.tq]
		var qn [64]int32 // natural order
		for k, p := range unzig {
			qn[p] = q[k]
		}
		for by := 0; by < c.bh; by++ {
			for bx := 0; bx < c.bw; bx++ {
				coef := c.coef[(by*c.bw+bx)*64:][:64]
				for v := 0; v < c.ky; v++ {
					for u := 0; u < c.kx; u++ {
						p := v*8 + u
						blk[p] = int32(coef[p]) * qn[p]
					}
				}
				d.idct(&blk, c.kx, c.ky, c.plane[by*c.ky*c.stride+bx*c.kx:], c.stride)
			}
		}
	}
	return nil
}
