package thumbnails

import (
	"image"

	"github.com/cutline/cutline/thumbnails/internal/scaledjpeg"
	"github.com/disintegration/imaging"
)

// orient returns img turned upright according to an EXIF Orientation
// value (Exif 2.32, tag 0x0112), which says where the stored row 0 and
// column 0 belong; values 5 to 8 swap width and height, and values
// outside 2..8 return img itself. imaging does the turning: its
// rotations are counter-clockwise, so the camera's "turned 90°
// clockwise" (6) is Rotate270. imaging reads *image.YCbCr, *image.Gray
// and *image.NRGBA row by row in place and writes an *image.NRGBA, so
// the conversion to RGB happens inside the same pass.
func orient(img image.Image, orientation int) image.Image {
	switch orientation {
	case 2: // row 0 top, column 0 right: mirrored
		return imaging.FlipH(img)
	case 3: // row 0 bottom, column 0 right: turned 180°
		return imaging.Rotate180(img)
	case 4: // row 0 bottom, column 0 left: flipped
		return imaging.FlipV(img)
	case 5: // row 0 left, column 0 top: transposed
		return imaging.Transpose(img)
	case 6: // row 0 right, column 0 top: turned 90° clockwise
		return imaging.Rotate270(img)
	case 7: // row 0 right, column 0 bottom: transversed
		return imaging.Transverse(img)
	case 8: // row 0 left, column 0 bottom: turned 90° counter-clockwise
		return imaging.Rotate90(img)
	}
	return img
}

// planesImage wraps planes that have been resized to the rendition size
// as an image without copying where it can: *image.YCbCr (4:2:0, the
// grid resizePlanes gives chroma) for YCbCr, *image.Gray for grayscale,
// and an opaque *image.NRGBA, converted, for RGB, CMYK and YCCK.
func planesImage(p *scaledjpeg.Planes) image.Image {
	r := image.Rect(0, 0, p.Width, p.Height)
	switch p.ColorSpace {
	case scaledjpeg.Gray:
		y := p.Comps[0]
		return &image.Gray{Pix: y.Pix, Stride: y.Stride, Rect: r}
	case scaledjpeg.YCbCr:
		y, cb, cr := p.Comps[0], p.Comps[1], p.Comps[2]
		return &image.YCbCr{Y: y.Pix, Cb: cb.Pix, Cr: cr.Pix, YStride: y.Stride, CStride: cb.Stride,
			SubsampleRatio: image.YCbCrSubsampleRatio420, Rect: r}
	}
	return p.Image()
}

// grayOf returns the first channel of an *image.NRGBA made from a
// grayscale picture (imaging writes R = G = B), so that a grayscale
// original gives grayscale renditions; other images are returned as they
// are.
func grayOf(img image.Image) image.Image {
	m, ok := img.(*image.NRGBA)
	if !ok {
		return img
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		src := m.Pix[y*m.Stride:][:4*w]
		dst := g.Pix[y*g.Stride:][:w]
		for x := range dst {
			dst[x] = src[4*x]
		}
	}
	return g
}
