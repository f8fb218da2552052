package thumbnails

import (
	"image"
	"image/color"
)

// components maps the colour model image/jpeg reports to a component count.
func components(m color.Model) int {
	switch m {
	case color.GrayModel:
		return 1
	case color.CMYKModel:
		return 4
	}
	return 3
}

// toResizable returns an image that imaging reads on one of its fast paths.
// image/jpeg returns CMYK (for both Adobe CMYK and YCCK files) with the ink
// values already un-inverted; imaging would convert it pixel by pixel
// through At, so it is converted here once, with the formula of
// color.CMYKToRGB.
func toResizable(img image.Image) image.Image {
	c, ok := img.(*image.CMYK)
	if !ok {
		return img
	}
	b := c.Bounds()
	out := image.NewRGBA(b)
	for y := 0; y < b.Dy(); y++ {
		s := c.Pix[y*c.Stride : y*c.Stride+4*b.Dx()]
		d := out.Pix[y*out.Stride : y*out.Stride+4*b.Dx()]
		for i := 0; i+3 < len(s); i += 4 {
			d[i], d[i+1], d[i+2] = cmykToRGB(s[i], s[i+1], s[i+2], s[i+3])
			d[i+3] = 0xFF
		}
	}
	return out
}

// cmykToRGB is color.CMYKToRGB with 8-bit rounding: each ink multiplies
// the light its colour lets through.
func cmykToRGB(c, m, y, k uint8) (uint8, uint8, uint8) {
	w := 255 - uint32(k)
	r := (255 - uint32(c)) * w
	g := (255 - uint32(m)) * w
	b := (255 - uint32(y)) * w
	return uint8((r + 127) / 255), uint8((g + 127) / 255), uint8((b + 127) / 255)
}
