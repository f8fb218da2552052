package scaledjpeg

import "image"

// Image converts the planes to *image.Gray (grayscale) or an opaque
// *image.NRGBA of Width×Height. Planes at a coarser resolution than the
// image (subsampled chroma) are replicated, as image/jpeg does; every
// plane's resolution must be the image's divided by 1, 2 or 4.
func (p *Planes) Image() image.Image {
	w, h := p.Width, p.Height
	if p.ColorSpace == Gray || len(p.Comps) == 1 {
		c := &p.Comps[0]
		img := image.NewGray(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			copy(img.Pix[y*img.Stride:y*img.Stride+w], c.Pix[min(y, c.Height-1)*c.Stride:][:min(w, c.Width)])
		}
		return img
	}
	var sx, sy [4]uint
	for i := range p.Comps {
		sx[i] = ratioShift(float64(w) / p.Comps[i].ExtentX)
		sy[i] = ratioShift(float64(h) / p.Comps[i].ExtentY)
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	var rows [4][]byte
	for y := 0; y < h; y++ {
		for i := range p.Comps {
			c := &p.Comps[i]
			rows[i] = c.Pix[min(y>>sy[i], c.Height-1)*c.Stride:][:c.Width]
		}
		out := img.Pix[y*img.Stride : y*img.Stride+4*w]
		switch p.ColorSpace {
		case YCbCr:
			rowYCbCr(out, rows[0], rows[1], rows[2], sx, w)
		case RGB:
			rowRGB(out, rows[0], rows[1], rows[2], sx, w)
		case CMYK:
			rowCMYK(out, rows[0], rows[1], rows[2], rows[3], sx, w)
		case YCCK:
			rowYCCK(out, rows[0], rows[1], rows[2], rows[3], sx, w)
		}
	}
	return img
}

// ratioShift returns log2 of a resolution ratio of about 1, 2 or 4.
func ratioShift(r float64) uint {
	switch {
	case r > 3:
		return 2
	case r > 1.5:
		return 1
	}
	return 0
}

// at returns the sample for output column x of a plane replicated by
// 1<<s, clamped to the samples that exist.
func at(row []byte, x int, s uint) byte {
	i := x >> s
	if i >= len(row) {
		i = len(row) - 1
	}
	return row[i]
}

func rowYCbCr(out, yr, cbr, crr []byte, s [4]uint, w int) {
	if s[0] == 0 && s[1] == 0 && s[2] == 0 && len(yr) >= w && len(cbr) >= w && len(crr) >= w {
		// Every plane at the output resolution: the resized case.
		yr, cbr, crr = yr[:w], cbr[:w], crr[:w]
		for x := 0; x < w; x++ {
			r, g, b := yccToRGB(yr[x], cbr[x], crr[x])
			o := out[4*x : 4*x+4 : 4*x+4]
			o[0], o[1], o[2], o[3] = r, g, b, 0xFF
		}
		return
	}
	for x := 0; x < w; x++ {
		r, g, b := yccToRGB(at(yr, x, s[0]), at(cbr, x, s[1]), at(crr, x, s[2]))
		o := out[4*x : 4*x+4 : 4*x+4]
		o[0], o[1], o[2], o[3] = r, g, b, 0xFF
	}
}

func rowRGB(out, rr, gr, br []byte, s [4]uint, w int) {
	for x := 0; x < w; x++ {
		o := out[4*x : 4*x+4 : 4*x+4]
		o[0], o[1], o[2], o[3] = at(rr, x, s[0]), at(gr, x, s[1]), at(br, x, s[2]), 0xFF
	}
}

// rowCMYK converts Adobe CMYK, stored inverted (255 = no ink): the light
// let through is the stored value, so R = C'·K'/255.
func rowCMYK(out, cr, mr, yr, kr []byte, s [4]uint, w int) {
	for x := 0; x < w; x++ {
		k := uint32(at(kr, x, s[3]))
		o := out[4*x : 4*x+4 : 4*x+4]
		o[0] = mul255(uint32(at(cr, x, s[0])), k)
		o[1] = mul255(uint32(at(mr, x, s[1])), k)
		o[2] = mul255(uint32(at(yr, x, s[2])), k)
		o[3] = 0xFF
	}
}

// rowYCCK converts Adobe YCCK: the YCbCr transform of the true C, M, Y
// inks, with K stored inverted.
func rowYCCK(out, yr, cbr, crr, kr []byte, s [4]uint, w int) {
	for x := 0; x < w; x++ {
		c, m, yy := yccToRGB(at(yr, x, s[0]), at(cbr, x, s[1]), at(crr, x, s[2]))
		k := uint32(at(kr, x, s[3]))
		o := out[4*x : 4*x+4 : 4*x+4]
		o[0] = mul255(255-uint32(c), k)
		o[1] = mul255(255-uint32(m), k)
		o[2] = mul255(255-uint32(yy), k)
		o[3] = 0xFF
	}
}

func mul255(a, b uint32) byte { return byte((a*b + 127) / 255) }

// yccToRGB is the JFIF conversion (ITU-R BT.601 full range) in 16.16
// fixed point, exactly as image/color computes it.
func yccToRGB(y, cb, cr byte) (byte, byte, byte) {
	yy := int32(y) * 0x10101
	b1, r1 := int32(cb)-128, int32(cr)-128
	r := yy + 91881*r1
	g := yy - 22554*b1 - 46802*r1
	b := yy + 116130*b1
	return clampFix(r), clampFix(g), clampFix(b)
}

func clampFix(v int32) byte {
	if uint32(v)&0xFF000000 == 0 {
		return byte(v >> 16)
	}
	if v < 0 {
		return 0
	}
	return 255
}
