package thumbnails

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"

	"github.com/cutline/cutline/thumbnails/internal/jpegenc"
	"github.com/cutline/cutline/thumbnails/internal/scaledjpeg"
)

// This file keeps renderer Version 2, which did every step on planes and
// used imaging nowhere, so that BenchmarkRender can measure what handing
// orientation and the smaller renditions to imaging costs, in the same
// run as the current Render.

// renderV2 is Render as of Version 2: each rendition resized on planes
// from the previous one's planes, the planes oriented by our own loop,
// and RGB, CMYK and YCCK encoded by image/jpeg.
func renderV2(data []byte, orientation int) ([]Rendition, error) {
	hdr, err := ReadHeader(data, 0)
	if err != nil {
		return nil, err
	}
	pl, err := scaledjpeg.DecodePlanes(data, scaleFor(hdr, DefaultSizes), nil)
	if err != nil {
		return nil, decodeError(hdr, err)
	}
	var out []Rendition
	for _, s := range sortedSizes(DefaultSizes) {
		w, h := fit(hdr.Width, hdr.Height, s)
		pl = resizePlanes(pl, w, h)
		enc, err := encodeV2(uprightV2(pl, orientation), DefaultQuality)
		if err != nil {
			return nil, err
		}
		out = append(out, Rendition{Size: s, Width: enc.Dx(), Height: enc.Dy(), JPEG: enc.data})
	}
	return out, nil
}

// encodeV2 is Version 2's encoder choice, also the reference's: jpegenc
// for planes, image/jpeg for *image.NRGBA handed over as *image.RGBA (its
// fast path; the pixels are opaque).
func encodeV2(img image.Image, quality int) (encoded, error) {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.YCbCr, *image.Gray:
		data, err := jpegenc.Encode(m, quality)
		return encoded{b, data}, err
	case *image.NRGBA:
		img = &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return encoded{}, fmt.Errorf("encoding %dx%d: %w", b.Dx(), b.Dy(), err)
	}
	return encoded{b, buf.Bytes()}, nil
}

// orientPlane returns p turned upright according to an EXIF Orientation
// value (Exif 2.32, tag 0x0112), which says where the stored row 0 and
// column 0 belong: for each stored sample (x, y) of a w×h plane it
// computes the upright position. Values 5 to 8 swap width and height.
func orientPlane(p scaledjpeg.Plane, orientation int) scaledjpeg.Plane {
	if orientation < 2 || orientation > 8 {
		return p
	}
	w, h := p.Width, p.Height
	ow, oh, ex, ey := w, h, p.ExtentX, p.ExtentY
	if orientation >= 5 {
		ow, oh, ex, ey = h, w, ey, ex
	}
	dst := make([]byte, ow*oh)
	for y := 0; y < h; y++ {
		row := p.Pix[y*p.Stride:][:w]
		// Destination of (0, y) and the step from x to x+1.
		var start, step int
		switch orientation {
		case 2: // row 0 top, column 0 right: mirrored
			start, step = y*ow+w-1, -1
		case 3: // row 0 bottom, column 0 right: turned 180°
			start, step = (h-1-y)*ow+w-1, -1
		case 4: // row 0 bottom, column 0 left: flipped
			start, step = (h-1-y)*ow, 1
		case 5: // row 0 left, column 0 top: transposed
			start, step = y, ow
		case 6: // row 0 right, column 0 top: turned 90° clockwise
			start, step = h-1-y, ow
		case 7: // row 0 right, column 0 bottom: transversed
			start, step = (oh-1)*ow+h-1-y, -ow
		case 8: // row 0 left, column 0 bottom: turned 90° counter-clockwise
			start, step = (oh-1)*ow+y, -ow
		}
		i := start
		for _, v := range row {
			dst[i] = v
			i += step
		}
	}
	return scaledjpeg.Plane{Pix: dst, Stride: ow, Width: ow, Height: oh, ExtentX: ex, ExtentY: ey}
}

// uprightV2 returns the encoder's input for planes that have been resized
// to the rendition size, turned upright: *image.YCbCr (4:2:0, which
// image/jpeg encodes without any conversion) for YCbCr, *image.Gray for
// grayscale, and an opaque *image.NRGBA for RGB, CMYK and YCCK.
func uprightV2(p *scaledjpeg.Planes, orientation int) image.Image {
	o := &scaledjpeg.Planes{ColorSpace: p.ColorSpace, Width: p.Width, Height: p.Height, Comps: make([]scaledjpeg.Plane, len(p.Comps))}
	for i, c := range p.Comps {
		o.Comps[i] = orientPlane(c, orientation)
	}
	if orientation >= 5 && orientation <= 8 {
		o.Width, o.Height = p.Height, p.Width
	}
	r := image.Rect(0, 0, o.Width, o.Height)
	switch p.ColorSpace {
	case scaledjpeg.Gray:
		y := o.Comps[0]
		return &image.Gray{Pix: y.Pix, Stride: y.Stride, Rect: r}
	case scaledjpeg.YCbCr:
		y, cb, cr := o.Comps[0], o.Comps[1], o.Comps[2]
		return &image.YCbCr{Y: y.Pix, Cb: cb.Pix, Cr: cr.Pix, YStride: y.Stride, CStride: cb.Stride,
			SubsampleRatio: image.YCbCrSubsampleRatio420, Rect: r}
	}
	return o.Image()
}
