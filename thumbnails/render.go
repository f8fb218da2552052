package thumbnails

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"slices"

	"github.com/disintegration/imaging"
)

// Defaults for Options.
const (
	DefaultMaxPixels = 100_000_000 // 100 MP: larger than any camera frame, far below a decompression bomb
	DefaultQuality   = 85          // JPEG quality of renditions
)

// DefaultSizes are the long sides, in pixels, of the renditions Render
// makes by default: a grid thumbnail and a screen-sized preview.
var DefaultSizes = []int{320, 1280}

// MaxSize bounds a requested rendition size.
const MaxSize = 8192

// Errors returned (wrapped) by Render.
var (
	ErrNotJPEG  = errors.New("not a JPEG image")
	ErrTooLarge = errors.New("image too large")
	ErrCorrupt  = errors.New("corrupt JPEG image")
)

// Options configures Render; nil or zero fields mean the defaults.
type Options struct {
	Sizes     []int // long sides of the renditions; nil means DefaultSizes
	Quality   int   // JPEG quality 1..100; 0 means DefaultQuality
	MaxPixels int64 // width×height cap checked before decoding; 0 means DefaultMaxPixels
}

func (o *Options) withDefaults() (Options, error) {
	var r Options
	if o != nil {
		r = *o
	}
	if r.Sizes == nil {
		r.Sizes = DefaultSizes
	}
	for _, s := range r.Sizes {
		if s < 1 || s > MaxSize {
			return r, fmt.Errorf("thumbnails: rendition size %d out of range 1..%d", s, MaxSize)
		}
	}
	if r.Quality == 0 {
		r.Quality = DefaultQuality
	}
	r.Quality = min(max(r.Quality, 1), 100)
	if r.MaxPixels <= 0 {
		r.MaxPixels = DefaultMaxPixels
	}
	return r, nil
}

// Rendition is one encoded, upright rendition.
type Rendition struct {
	Size          int    // the requested long side (the cache key)
	Width, Height int    // actual pixel size, after orientation; never larger than the original
	JPEG          []byte // baseline sRGB JPEG
}

// Header is what Render learns from a JPEG's frame header before decoding.
type Header struct {
	Width, Height int // as stored, before orientation
	Components    int // 1 (gray), 3 (YCbCr or RGB) or 4 (CMYK or YCCK)
}

// ReadHeader checks that data is a JPEG whose size is non-zero and at most
// maxPixels pixels (DefaultMaxPixels when maxPixels <= 0), reading only the
// headers.
func ReadHeader(data []byte, maxPixels int64) (Header, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	if len(data) < 3 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF {
		return Header{}, fmt.Errorf("thumbnails: %w (no JPEG start-of-image marker)", ErrNotJPEG)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return Header{}, fmt.Errorf("thumbnails: %w: reading header: %w", ErrCorrupt, err)
	}
	h := Header{Width: cfg.Width, Height: cfg.Height, Components: components(cfg.ColorModel)}
	if h.Width <= 0 || h.Height <= 0 {
		return h, fmt.Errorf("thumbnails: %w: frame size %dx%d", ErrCorrupt, h.Width, h.Height)
	}
	if px := int64(h.Width) * int64(h.Height); px > maxPixels {
		return h, fmt.Errorf("thumbnails: %w: %dx%d is %.1f MP, limit %.1f MP", ErrTooLarge,
			h.Width, h.Height, float64(px)/1e6, float64(maxPixels)/1e6)
	}
	return h, nil
}

// Render decodes a JPEG and returns one upright rendition per requested
// size, largest first, each scaled to that long side (or kept at the
// original size when the original is smaller: Render never upscales).
// orientation is the EXIF Orientation value from the photo's metadata.
func Render(data []byte, orientation int, opts *Options) ([]Rendition, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	hdr, err := ReadHeader(data, o.MaxPixels)
	if err != nil {
		return nil, err
	}
	src, err := jpeg.Decode(withEOI(data))
	if err != nil {
		return nil, fmt.Errorf("thumbnails: %w: decoding %dx%d image: %w", ErrCorrupt, hdr.Width, hdr.Height, err)
	}
	return renditions(toResizable(src), hdr, orientation, o)
}

// withEOI reads data followed by an EOI marker when it lacks one: some
// writers omit the final marker of an otherwise complete image, which
// image/jpeg would reject as truncated. A scan cut short still fails.
func withEOI(data []byte) io.Reader {
	if n := len(data); n >= 2 && data[n-2] == 0xFF && data[n-1] == 0xD9 {
		return bytes.NewReader(data)
	}
	return io.MultiReader(bytes.NewReader(data), bytes.NewReader([]byte{0xFF, 0xD9}))
}

// renditions resizes src (the decoded image, possibly already reduced from
// hdr's size) to each size, largest first, each from the previous one when
// that is at least as large: the 320 px rendition comes from the 1280 px
// one, not from the original.
func renditions(src image.Image, hdr Header, orientation int, o Options) ([]Rendition, error) {
	sizes := slices.Clone(o.Sizes)
	slices.Sort(sizes)
	slices.Reverse(sizes)
	sizes = slices.Compact(sizes)
	out := make([]Rendition, 0, len(sizes))
	cur := src
	for _, s := range sizes {
		w, h := fit(hdr.Width, hdr.Height, s)
		img := resize(cur, w, h)
		cur = img
		enc, err := encode(orient(img, orientation), o.Quality)
		if err != nil {
			return nil, err
		}
		b := enc.Bounds()
		out = append(out, Rendition{Size: s, Width: b.Dx(), Height: b.Dy(), JPEG: enc.data})
	}
	return out, nil
}

// fit returns the size of a w×h image scaled so that its long side is
// size, or w×h itself when it is already no larger.
func fit(w, h, size int) (int, int) {
	if w <= size && h <= size {
		return w, h
	}
	if w >= h {
		return size, max(1, int((int64(h)*int64(size)+int64(w)/2)/int64(w)))
	}
	return max(1, int((int64(w)*int64(size)+int64(h)/2)/int64(h))), size
}

// resize scales img to w×h with a Lanczos filter, or returns it unchanged
// when it already has that size.
func resize(img image.Image, w, h int) image.Image {
	if b := img.Bounds(); b.Dx() == w && b.Dy() == h {
		return img
	}
	return imaging.Resize(img, w, h, imaging.Lanczos)
}

// orient turns img upright according to an EXIF Orientation value
// (Exif 2.32, tag 0x0112): the value says where row 0 and column 0 of the
// stored image belong.
func orient(img image.Image, orientation int) image.Image {
	switch orientation {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img) // imaging rotates counter-clockwise: this is 90° clockwise
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}

type encoded struct {
	image.Rectangle
	data []byte
}

// encode writes img as a JPEG. imaging returns *image.NRGBA; since every
// pixel is opaque its bytes are also valid *image.RGBA, which image/jpeg
// encodes on a fast path (1.8x faster than through the generic At).
func encode(img image.Image, quality int) (encoded, error) {
	if n, ok := img.(*image.NRGBA); ok {
		img = &image.RGBA{Pix: n.Pix, Stride: n.Stride, Rect: n.Rect}
	}
	var buf bytes.Buffer
	b := img.Bounds()
	buf.Grow(b.Dx()*b.Dy()/4 + 1024)
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return encoded{}, fmt.Errorf("thumbnails: encoding %dx%d rendition: %w", b.Dx(), b.Dy(), err)
	}
	return encoded{b, buf.Bytes()}, nil
}

// Memory model for Cost, in bytes per source pixel and fixed bytes. The
// worst case is a progressive CMYK JPEG: image/jpeg keeps every DCT
// coefficient as int32 (4 bytes × 4 components), then the pixels (planes,
// black channel, the CMYK image) and the RGB copy. Measured total
// allocation (GC off) in TestCost: 31.7 B/px for it, 5.2 B/px for a
// baseline 4:2:0 photo.
const (
	costPerPixel = 33
	costFixed    = 24 << 20 // resize buffers, renditions, encoder state
)

// Cost returns an upper bound of the bytes one Render allocates for a
// width×height JPEG of any layout, and so of the live heap it adds. A
// caller bounding concurrent renders by a memory budget should leave the
// garbage collector its headroom on top (with the default GOGC the process
// may hold up to twice the live heap, unless GOMEMLIMIT is set).
func Cost(width, height int) int64 {
	if width <= 0 || height <= 0 {
		return costFixed
	}
	return int64(width)*int64(height)*costPerPixel + costFixed
}
