package thumbnails

import (
	"errors"
	"fmt"
	"runtime"

	"github.com/cutline/cutline/thumbnails/internal/scaledjpeg"
)

// Header is what Render learns from a JPEG's headers before decoding.
type Header struct {
	Width, Height int  // as stored, before orientation
	Components    int  // 1 (gray), 3 (YCbCr or RGB) or 4 (CMYK or YCCK)
	Progressive   bool // progressive JPEGs keep every coefficient in memory while decoding
	// planes is the number of full-resolution planes the components add up
	// to (4:2:0 YCbCr: 1.5); 0 means Components.
	planes float64
	// rgb reports that the planes are converted to RGB before orientation
	// (RGB, CMYK and YCCK files); Components 4 implies it.
	rgb bool
}

// ReadHeader checks that data is a JPEG that Render can decode, whose size
// is non-zero and at most maxPixels pixels (DefaultMaxPixels when
// maxPixels <= 0), reading only the headers.
func ReadHeader(data []byte, maxPixels int64) (Header, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	if len(data) < 3 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF {
		return Header{}, fmt.Errorf("thumbnails: %w (no JPEG start-of-image marker)", ErrNotJPEG)
	}
	sh, err := scaledjpeg.DecodeHeader(data)
	h := Header{Width: sh.Width, Height: sh.Height, Components: sh.Components, Progressive: sh.Progressive,
		rgb: sh.ColorSpace != scaledjpeg.Gray && sh.ColorSpace != scaledjpeg.YCbCr}
	hmax, vmax := 1, 1
	for _, f := range sh.Sampling {
		hmax, vmax = max(hmax, f[0]), max(vmax, f[1])
	}
	for _, f := range sh.Sampling {
		h.planes += float64(f[0]*f[1]) / float64(hmax*vmax)
	}
	if err != nil {
		if errors.Is(err, scaledjpeg.ErrUnsupported) {
			return h, fmt.Errorf("thumbnails: %w: %w", ErrUnsupported, err)
		}
		return h, fmt.Errorf("thumbnails: %w: reading header: %w", ErrCorrupt, err)
	}
	if px := int64(h.Width) * int64(h.Height); px > maxPixels {
		return h, fmt.Errorf("thumbnails: %w: %dx%d is %.1f MP, limit %.1f MP", ErrTooLarge,
			h.Width, h.Height, float64(px)/1e6, float64(maxPixels)/1e6)
	}
	return h, nil
}

func decodeError(h Header, err error) error {
	kind := ErrCorrupt
	if errors.Is(err, scaledjpeg.ErrUnsupported) {
		kind = ErrUnsupported
	}
	return fmt.Errorf("thumbnails: %w: decoding %dx%d image: %w", kind, h.Width, h.Height, err)
}

// scaleFor returns the DCT scale to decode at, in eighths: the smallest of
// 1/8, 1/4, 1/2 and 8/8 that still leaves at least a 1.5× reduction to the
// largest rendition. A reduced IDCT filters each 8×8 block on its own, so
// detail above the new Nyquist limit leaks into it as aliasing; the
// Lanczos pass over the remaining reduction removes most of what leaked.
// Measured on a zone plate against a full-resolution Lanczos (mean
// absolute error): remaining 1.05× 8.0, 1.17× 6.3, 1.41× 2.5, 1.56× 1.7,
// 2.1× 0.8; vipsthumbnail, which keeps a 2× margin, scored 2.1 to 4.3 on
// the same plates. The decoder also offers 3/8, 5/8, 6/8 and 7/8, which
// keep the margin nearer 1.5× for every frame size; a 24 MP frame at 3/8
// cost 5% less CPU than at 1/2 (162 against 170 ms, measured interleaved)
// but more than doubled the error on the plate (2.2 against 0.9): not
// worth it.
func scaleFor(h Header, sizes []int) int {
	largest := 0
	for _, s := range sizes {
		largest = max(largest, s)
	}
	tw, th := fit(h.Width, h.Height, largest)
	for _, k := range []int{1, 2, 4} {
		if 2*h.Width*k >= 3*8*tw && 2*h.Height*k >= 3*8*th {
			return k
		}
	}
	return 8
}

// Cost returns an upper bound of the bytes one Render with default
// options allocates for a width×height JPEG of any layout (the worst is a
// progressive CMYK file), and so of the live heap it adds. When the header
// has been read, Header.Cost is tighter. A caller bounding concurrent
// renders by a memory budget should leave the garbage collector its
// headroom on top: with the default GOGC the process may hold up to twice
// the live heap, unless GOMEMLIMIT is set.
func Cost(width, height int) int64 {
	return Header{Width: width, Height: height, Components: 4, Progressive: true}.Cost()
}

// Cost returns an upper bound of the bytes one Render with default
// options allocates for this JPEG, whatever the orientation, imaging's
// buffers included. The model follows the allocations: progressive
// coefficients (2 bytes each, full resolution), the component planes at
// the decode scale, the plane resize to the largest rendition, the RGB
// images that conversion and imaging's orientation write, imaging's two
// passes for each smaller rendition, and the encoder's output buffer,
// which starts at a third of a byte per pixel and then grows by a quarter
// at a time: photos at quality 85 take 0.1 to 0.4 bytes per pixel, random
// noise (the worst case found) 0.76, allocating 2.8 as the buffer grows;
// the model allows 3. TestCost and TestCost24MP check it against measured
// allocations, noise included.
func (h Header) Cost() int64 {
	if h.Width <= 0 || h.Height <= 0 {
		return 1 << 20
	}
	comps := int64(max(h.Components, 1))
	planes := h.planes
	if planes <= 0 {
		planes = float64(comps)
	}
	pad := func(n, k int) int64 { return int64((n+31)*k/8 + 8) } // MCU padding
	w, hh := int64(h.Width), int64(h.Height)
	var n int64
	if h.Progressive {
		n += int64(planes * float64((w+32)*(hh+32)*2))
	}
	scale := scaleFor(h, DefaultSizes)
	sw, sh := pad(h.Width, scale), pad(h.Height, scale)
	n += int64(planes * float64(sw*sh))
	sizes := sortedSizes(DefaultSizes)
	tw, th := fit(h.Width, h.Height, sizes[0])
	rw, rh := int64(tw), int64(th)
	// Plane resize: vertical pass, its accumulator, result, tap tables.
	n += int64(planes*float64(sw*rh+rw*rh)) + 4*sw + comps*40*(sw+sh)
	if h.rgb || comps == 4 {
		n += 4 * rw * rh // planes converted to NRGBA
	}
	n += 4 * rw * rh // imaging's upright NRGBA
	if comps == 1 {
		n += rw * rh // back to gray for the encoder
	}
	n += 3 * rw * rh // encoder output
	procs := int64(runtime.GOMAXPROCS(0))
	for _, s := range sizes[1:] {
		// imaging.Resize from the previous rendition (pw×ph, upright or
		// not: the bound is symmetric): the horizontal pass keeps every
		// row, then the vertical pass; weights of 16 bytes per tap, a
		// scan line per goroutine and a channel of indexes per pass.
		pw, ph := rw, rh
		tw, th := fit(h.Width, h.Height, s)
		rw, rh = int64(tw), int64(th)
		n += 4*rw*ph + 4*rw*rh + 128*(pw+ph) + (4*procs+16)*max(pw, ph)
		if comps == 1 {
			n += rw * rh
		}
		n += 3 * rw * rh
	}
	return n + n/8 + 1<<20 // rounding, small buffers
}
