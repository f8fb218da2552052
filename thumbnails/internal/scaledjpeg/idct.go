package scaledjpeg

import "math"

// cosTable[n][x][u] is (1/2)·C(u)·cos((2x+1)uπ/(2n)) for n output
// samples, C(0) = 1/√2, C(u) = 1 otherwise (A.3.3). Using the first n
// coefficients of an 8-point block with the n-point basis gives each output
// sample the average of the 8/n pixels it stands for, up to the detail
// above the new Nyquist limit, which is dropped: a DCT-domain downscale.
type cosTable [9][8][8]float32

func makeCosTable() *cosTable {
	var t cosTable
	for n := 1; n <= 8; n++ {
		for x := 0; x < n; x++ {
			for u := 0; u < n; u++ {
				c := 0.5
				if u == 0 {
					c = 0.5 / math.Sqrt2
				}
				t[n][x][u] = float32(c * math.Cos(float64(2*x+1)*float64(u)*math.Pi/float64(2*n)))
			}
		}
	}
	return &t
}

func clampByte(v float32) byte {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return byte(v + 0.5)
}

// idctLast is idct for a block whose last non-zero coefficient has
// zigzag index last: blocks with only a DC term (smooth areas, common) are
// filled, and full-size blocks whose coefficients all lie in the top-left
// 4×4 corner (zigzag index <= 9) skip the zero half.
func (d *decoder) idctLast(blk *[64]int32, last, kx, ky int, dst []byte, stride int) {
	if last == 0 {
		v := clampByte(float32(blk[0])/8 + 128)
		for y := 0; y < ky; y++ {
			row := dst[y*stride : y*stride+kx]
			for x := range row {
				row[x] = v
			}
		}
		return
	}
	if kx == 8 && ky == 8 && last <= 9 {
		idct8low(blk, dst, stride)
		return
	}
	if kx == 4 && ky == 4 && last <= 4 {
		idct4low(blk, dst, stride)
		return
	}
	d.idct(blk, kx, ky, dst, stride)
}

// idct writes the kx×ky samples of a dequantised block (natural order) to
// dst, one row every stride bytes.
func (d *decoder) idct(blk *[64]int32, kx, ky int, dst []byte, stride int) {
	switch {
	case kx == 1 && ky == 1:
		dst[0] = clampByte(float32(blk[0])/8 + 128)
		return
	case kx == 2 && ky == 2:
		idct2(blk, dst, stride)
		return
	case kx == 4 && ky == 4:
		idct4(blk, dst, stride)
		return
	case kx == 8 && ky == 8:
		idct8(blk, dst, stride)
		return
	}
	cx, cy := &d.cos[kx], &d.cos[ky]
	var tmp [64]float32
	// Rows: tmp[v][x] = Σu cx[x][u]·F[v][u].
	for v := 0; v < ky; v++ {
		row := blk[v*8 : v*8+8]
		zero := true
		for u := 1; u < kx; u++ {
			if row[u] != 0 {
				zero = false
				break
			}
		}
		if zero {
			// Only the row's DC term: a constant row.
			dc := float32(row[0]) * cx[0][0]
			for x := 0; x < kx; x++ {
				tmp[v*8+x] = dc
			}
			continue
		}
		for x := 0; x < kx; x++ {
			c := &cx[x]
			var s float32
			for u := 0; u < kx; u++ {
				s += c[u] * float32(row[u])
			}
			tmp[v*8+x] = s
		}
	}
	// Columns: out[y][x] = Σv cy[y][v]·tmp[v][x].
	for y := 0; y < ky; y++ {
		c := &cy[y]
		out := dst[y*stride : y*stride+kx]
		for x := range out {
			var s float32
			for v := 0; v < ky; v++ {
				s += c[v] * tmp[v*8+x]
			}
			out[x] = clampByte(s + 128)
		}
	}
}

// idct2 is the 2×2 case: every basis value is ±1/(2√2), so the output is
// exact integer sums and differences over 8.
func idct2(blk *[64]int32, dst []byte, stride int) {
	a, b, c, e := blk[0], blk[1], blk[8], blk[9]
	s0, s1 := a+c, a-c // column sums: top and bottom rows
	t0, t1 := b+e, b-e
	dst[0] = clamp8((s0+t0+4)>>3 + 128)
	dst[1] = clamp8((s0-t0+4)>>3 + 128)
	d := dst[stride:]
	d[0] = clamp8((s1+t1+4)>>3 + 128)
	d[1] = clamp8((s1-t1+4)>>3 + 128)
}

func clamp8(v int32) byte {
	if uint32(v) <= 255 {
		return byte(v)
	}
	if v < 0 {
		return 0
	}
	return 255
}

// Constants of the 4- and 8-point IDCTs: ck = cos(kπ/16)/2, and the DC
// weight 1/(2√2).
const (
	cDC = 0.35355339059327373 // cos(4π/16)/2
	c1  = 0.49039264020161522 // cos(π/16)/2
	c2  = 0.46193976625564337 // cos(2π/16)/2
	c3  = 0.41573480615127262
	c5  = 0.27778511650980114
	c6  = 0.19134171618254492
	c7  = 0.097545161008064166
)

// idct4 is the 4×4 case. The 4-point basis cos((2x+1)uπ/8) uses the
// angles 2π/16 and 6π/16 (c2, c6) for the odd terms.
func idct4(blk *[64]int32, dst []byte, stride int) {
	var t [16]float32
	for v := 0; v < 4; v++ {
		r := blk[v*8 : v*8+4 : v*8+4]
		f0, f1, f2, f3 := float32(r[0]), float32(r[1]), float32(r[2]), float32(r[3])
		e0, e1 := (f0+f2)*cDC, (f0-f2)*cDC
		o0, o1 := f1*c2+f3*c6, f1*c6-f3*c2
		t[v*4+0], t[v*4+1], t[v*4+2], t[v*4+3] = e0+o0, e1+o1, e1-o1, e0-o0
	}
	for x := 0; x < 4; x++ {
		f0, f1, f2, f3 := t[x], t[4+x], t[8+x], t[12+x]
		e0, e1 := (f0+f2)*cDC, (f0-f2)*cDC
		o0, o1 := f1*c2+f3*c6, f1*c6-f3*c2
		dst[x] = clampByte(e0 + o0 + 128)
		dst[stride+x] = clampByte(e1 + o1 + 128)
		dst[2*stride+x] = clampByte(e1 - o1 + 128)
		dst[3*stride+x] = clampByte(e0 - o0 + 128)
	}
}

// idct8 is the full 8×8 IDCT, separated into an even half (a 4-point
// IDCT of F0, F2, F4, F6) and an odd half (F1, F3, F5, F7), with rows
// holding only a DC term shortcut.
func idct8(blk *[64]int32, dst []byte, stride int) {
	var t [64]float32
	for v := 0; v < 8; v++ {
		r := blk[v*8 : v*8+8 : v*8+8]
		if r[1]|r[2]|r[3]|r[4]|r[5]|r[6]|r[7] == 0 {
			dc := float32(r[0]) * cDC
			for x := 0; x < 8; x++ {
				t[v*8+x] = dc
			}
			continue
		}
		var out [8]float32
		idct8line(float32(r[0]), float32(r[1]), float32(r[2]), float32(r[3]),
			float32(r[4]), float32(r[5]), float32(r[6]), float32(r[7]), &out)
		copy(t[v*8:v*8+8], out[:])
	}
	for x := 0; x < 8; x++ {
		var out [8]float32
		idct8line(t[x], t[8+x], t[16+x], t[24+x], t[32+x], t[40+x], t[48+x], t[56+x], &out)
		for y := 0; y < 8; y++ {
			dst[y*stride+x] = clampByte(out[y] + 128)
		}
	}
}

func idct8line(f0, f1, f2, f3, f4, f5, f6, f7 float32, out *[8]float32) {
	// Even part: the 4-point IDCT of F0, F2, F4, F6.
	e0, e1 := (f0+f4)*cDC, (f0-f4)*cDC
	e2, e3 := f2*c2+f6*c6, f2*c6-f6*c2
	a0, a3 := e0+e2, e0-e2
	a1, a2 := e1+e3, e1-e3
	// Odd part: cos((2x+1)uπ/16) for u = 1, 3, 5, 7.
	b0 := f1*c1 + f3*c3 + f5*c5 + f7*c7
	b1 := f1*c3 - f3*c7 - f5*c1 - f7*c5
	b2 := f1*c5 - f3*c1 + f5*c7 + f7*c3
	b3 := f1*c7 - f3*c5 + f5*c3 - f7*c1
	out[0], out[7] = a0+b0, a0-b0
	out[1], out[6] = a1+b1, a1-b1
	out[2], out[5] = a2+b2, a2-b2
	out[3], out[4] = a3+b3, a3-b3
}

// idct8low is idct8 for blocks whose coefficients outside the top-left
// 4×4 are zero.
func idct8low(blk *[64]int32, dst []byte, stride int) {
	var t [32]float32 // 4 rows of 8
	for v := 0; v < 4; v++ {
		r := blk[v*8 : v*8+4 : v*8+4]
		f0, f1, f2, f3 := float32(r[0]), float32(r[1]), float32(r[2]), float32(r[3])
		e0 := f0 * cDC
		e2, e3 := f2*c2, f2*c6
		a0, a3 := e0+e2, e0-e2
		a1, a2 := e0+e3, e0-e3
		b0 := f1*c1 + f3*c3
		b1 := f1*c3 - f3*c7
		b2 := f1*c5 - f3*c1
		b3 := f1*c7 - f3*c5
		o := t[v*8 : v*8+8 : v*8+8]
		o[0], o[7] = a0+b0, a0-b0
		o[1], o[6] = a1+b1, a1-b1
		o[2], o[5] = a2+b2, a2-b2
		o[3], o[4] = a3+b3, a3-b3
	}
	for x := 0; x < 8; x++ {
		f0, f1, f2, f3 := t[x], t[8+x], t[16+x], t[24+x]
		e0 := f0 * cDC
		e2, e3 := f2*c2, f2*c6
		a0, a3 := e0+e2, e0-e2
		a1, a2 := e0+e3, e0-e3
		b0 := f1*c1 + f3*c3
		b1 := f1*c3 - f3*c7
		b2 := f1*c5 - f3*c1
		b3 := f1*c7 - f3*c5
		dst[x] = clampByte(a0 + b0 + 128)
		dst[stride+x] = clampByte(a1 + b1 + 128)
		dst[2*stride+x] = clampByte(a2 + b2 + 128)
		dst[3*stride+x] = clampByte(a3 + b3 + 128)
		dst[4*stride+x] = clampByte(a3 - b3 + 128)
		dst[5*stride+x] = clampByte(a2 - b2 + 128)
		dst[6*stride+x] = clampByte(a1 - b1 + 128)
		dst[7*stride+x] = clampByte(a0 - b0 + 128)
	}
}

// idct4low is idct4 for blocks whose only coefficients are the first five
// in zigzag order: F00, F01, F10, F20 and F11.
func idct4low(blk *[64]int32, dst []byte, stride int) {
	var t [12]float32 // rows 0..2 of 4
	for v := 0; v < 3; v++ {
		f0, f1 := float32(blk[v*8]), float32(blk[v*8+1])
		e0 := f0 * cDC
		o0, o1 := f1*c2, f1*c6
		t[v*4+0], t[v*4+1], t[v*4+2], t[v*4+3] = e0+o0, e0+o1, e0-o1, e0-o0
	}
	for x := 0; x < 4; x++ {
		f0, f1, f2 := t[x], t[4+x], t[8+x]
		e0, e1 := (f0+f2)*cDC, (f0-f2)*cDC
		o0, o1 := f1*c2, f1*c6
		dst[x] = clampByte(e0 + o0 + 128)
		dst[stride+x] = clampByte(e1 + o1 + 128)
		dst[2*stride+x] = clampByte(e1 - o1 + 128)
		dst[3*stride+x] = clampByte(e0 - o0 + 128)
	}
}
