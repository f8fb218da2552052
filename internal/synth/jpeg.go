package synth

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
)

// Layout is the colour layout of a generated JPEG.
type Layout int

// The layouts JPEG can write. YCbCr420 and Grayscale come straight from
// image/jpeg (one interleaved scan); the others are assembled from one
// grayscale scan per component (a sequential JPEG with non-interleaved
// scans, T.81 section 4.10), which is how this package writes layouts that
// image/jpeg cannot.
const (
	YCbCr420  Layout = iota // 4:2:0, what most cameras write
	YCbCr422                // chroma halved horizontally
	YCbCr440                // chroma halved vertically
	YCbCr444                // no chroma subsampling
	Grayscale               // one component
	RGB                     // three components, Adobe APP14 transform 0
	CMYK                    // four components, Adobe APP14 transform 0, inverted as Photoshop writes them
	YCCK                    // four components, Adobe APP14 transform 2
)

// String names the layout for test output.
func (l Layout) String() string {
	names := [...]string{"YCbCr420", "YCbCr422", "YCbCr440", "YCbCr444", "Grayscale", "RGB", "CMYK", "YCCK"}
	if l < 0 || int(l) >= len(names) {
		return fmt.Sprintf("Layout(%d)", int(l))
	}
	return names[l]
}

// DefaultQuality is the JPEG quality used when JPEGOptions.Quality is 0:
// what agencies' cameras are typically set to.
const DefaultQuality = 90

// JPEGOptions configures JPEG; nil or the zero value means a 4:2:0 JPEG at
// DefaultQuality with no metadata.
type JPEGOptions struct {
	Quality int    // 1..100; 0 means DefaultQuality
	Layout  Layout // colour layout
	EXIF    *EXIF  // metadata to embed as an APP1 segment; nil for none
}

// JPEG encodes Image(seed, w, h) with the given options.
//
// For CMYK and YCCK the ink values come from the naive conversion of the
// RGB picture (color.RGBToCMYK), so a decoder that converts CMYK back with
// color.CMYKToRGB recovers the RGB picture within JPEG error.
func JPEG(seed int64, w, h int, opts *JPEGOptions) ([]byte, error) {
	if w < 1 || h < 1 || w >= 1<<16 || h >= 1<<16 {
		return nil, fmt.Errorf("synth: size %dx%d out of range", w, h)
	}
	return Encode(Image(seed, w, h), opts)
}

// Encode encodes any picture as JPEG does, for tests that need a pattern
// of their own (an orientation test card, a zone plate) in every layout.
func Encode(img *image.RGBA, opts *JPEGOptions) ([]byte, error) {
	var o JPEGOptions
	if opts != nil {
		o = *opts
	}
	if o.Quality == 0 {
		o.Quality = DefaultQuality
	}
	b := img.Bounds()
	if b.Dx() < 1 || b.Dy() < 1 || b.Dx() >= 1<<16 || b.Dy() >= 1<<16 {
		return nil, fmt.Errorf("synth: size %dx%d out of range", b.Dx(), b.Dy())
	}
	if b.Min != (image.Point{}) {
		return nil, fmt.Errorf("synth: picture must start at (0, 0), not %v", b.Min)
	}
	var out []byte
	var err error
	switch o.Layout {
	case YCbCr420:
		out, err = encode(img, o.Quality)
	case Grayscale:
		out, err = encode(toGray(img), o.Quality)
	default:
		out, err = assemble(img, o.Layout, o.Quality)
	}
	if err != nil {
		return nil, err
	}
	if o.EXIF != nil {
		app1, err := o.EXIF.segment()
		if err != nil {
			return nil, err
		}
		out = append(append(append([]byte{}, out[:2]...), app1...), out[2:]...)
	}
	return out, nil
}

func encode(m image.Image, quality int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(m.Bounds().Dx() * m.Bounds().Dy() / 3)
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("synth: encoding: %w", err)
	}
	return buf.Bytes(), nil
}

// plane is one component's samples before encoding, with its sampling
// factors in the frame header.
type plane struct {
	id   byte
	h, v int
	img  *image.Gray
}

// assemble writes a sequential JPEG whose components are each encoded by
// image/jpeg as a grayscale image, one scan per component. All scans share
// image/jpeg's luminance quantisation and Huffman tables, which it writes
// identically for every grayscale image at the same quality.
func assemble(src *image.RGBA, layout Layout, quality int) ([]byte, error) {
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	ch := func(f func(r, g, b uint8) uint8) *image.Gray {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				i := y*src.Stride + 4*x
				g.Pix[y*g.Stride+x] = f(src.Pix[i], src.Pix[i+1], src.Pix[i+2])
			}
		}
		return g
	}
	ycc := func(k int) func(r, g, b uint8) uint8 {
		return func(r, g, b uint8) uint8 {
			y, cb, cr := color.RGBToYCbCr(r, g, b)
			return [3]uint8{y, cb, cr}[k]
		}
	}
	ink := func(k int) func(r, g, b uint8) uint8 {
		return func(r, g, b uint8) uint8 {
			c, m, y, kk := color.RGBToCMYK(r, g, b)
			return [4]uint8{c, m, y, kk}[k]
		}
	}
	var planes []plane
	adobe := -1 // APP14 transform; -1 for no APP14
	switch layout {
	case YCbCr422, YCbCr440, YCbCr444:
		hs, vs := 1, 1
		if layout == YCbCr422 {
			hs = 2
		} else if layout == YCbCr440 {
			vs = 2
		}
		planes = []plane{
			{1, hs, vs, ch(ycc(0))},
			{2, 1, 1, shrink(ch(ycc(1)), hs, vs)},
			{3, 1, 1, shrink(ch(ycc(2)), hs, vs)},
		}
	case RGB:
		adobe = 0
		planes = []plane{
			{'R', 1, 1, ch(func(r, _, _ uint8) uint8 { return r })},
			{'G', 1, 1, ch(func(_, g, _ uint8) uint8 { return g })},
			{'B', 1, 1, ch(func(_, _, b uint8) uint8 { return b })},
		}
	case CMYK:
		// Photoshop stores CMYK inverted: 255 means no ink.
		adobe = 0
		for k := 0; k < 4; k++ {
			f := ink(k)
			planes = append(planes, plane{byte(1 + k), 1, 1, ch(func(r, g, b uint8) uint8 { return 255 - f(r, g, b) })})
		}
	case YCCK:
		// YCCK is the YCbCr transform of (C, M, Y) taken as (R, G, B),
		// with K stored inverted (libjpeg's jccolor.c convention).
		adobe = 2
		cmy := func(k int) func(r, g, b uint8) uint8 {
			return func(r, g, b uint8) uint8 {
				c, m, y, _ := color.RGBToCMYK(r, g, b)
				return ycc(k)(c, m, y)
			}
		}
		planes = []plane{
			{1, 1, 1, ch(cmy(0))},
			{2, 1, 1, ch(cmy(1))},
			{3, 1, 1, ch(cmy(2))},
			{4, 1, 1, ch(func(r, g, b uint8) uint8 { return 255 - ink(3)(r, g, b) })},
		}
	default:
		return nil, fmt.Errorf("synth: unknown layout %v", layout)
	}

	var tables, scans []byte
	for i, p := range planes {
		enc, err := encode(p.img, quality)
		if err != nil {
			return nil, err
		}
		segs, scan, err := split(enc)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			tables = segs
		}
		// One SOS naming this component, tables 0/0, full spectral range.
		scans = append(scans, 0xFF, 0xDA, 0, 8, 1, p.id, 0x00, 0, 63, 0)
		scans = append(scans, scan...)
	}

	out := []byte{0xFF, 0xD8}
	if adobe >= 0 {
		out = append(out, 0xFF, 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, byte(adobe))
	}
	out = append(out, tables...)
	sof := []byte{0xFF, 0xC0, 0, byte(8 + 3*len(planes)), 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), byte(len(planes))}
	for _, p := range planes {
		sof = append(sof, p.id, byte(p.h<<4|p.v), 0)
	}
	out = append(out, sof...)
	out = append(out, scans...)
	return append(out, 0xFF, 0xD9), nil
}

// split returns the DQT and DHT segments and the entropy-coded data of a
// single-scan JPEG written by image/jpeg.
func split(b []byte) (tables, scan []byte, err error) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil, nil, errors.New("synth: encoder output is not a JPEG")
	}
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return nil, nil, errors.New("synth: unexpected encoder output")
		}
		m := b[i+1]
		n := int(b[i+2])<<8 | int(b[i+3])
		end := i + 2 + n
		if end > len(b) {
			break
		}
		switch m {
		case 0xDB, 0xC4:
			tables = append(tables, b[i:end]...)
		case 0xDA:
			if len(b) < end+2 || b[len(b)-2] != 0xFF || b[len(b)-1] != 0xD9 {
				return nil, nil, errors.New("synth: encoder output lacks EOI")
			}
			return tables, b[end : len(b)-2], nil
		}
		i = end
	}
	return nil, nil, errors.New("synth: encoder output lacks SOS")
}

// shrink box-averages g by the given factors, rounding the size up as
// T.81 A.1.1 does for subsampled components.
func shrink(g *image.Gray, hs, vs int) *image.Gray {
	if hs == 1 && vs == 1 {
		return g
	}
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	cw, chh := (w+hs-1)/hs, (h+vs-1)/vs
	out := image.NewGray(image.Rect(0, 0, cw, chh))
	for y := 0; y < chh; y++ {
		for x := 0; x < cw; x++ {
			sum, n := 0, 0
			for dy := 0; dy < vs; dy++ {
				for dx := 0; dx < hs; dx++ {
					sx, sy := x*hs+dx, y*vs+dy
					if sx < w && sy < h {
						sum += int(g.Pix[sy*g.Stride+sx])
						n++
					}
				}
			}
			out.Pix[y*out.Stride+x] = uint8((sum + n/2) / n)
		}
	}
	return out
}
