package scaledjpeg

import (
	"encoding/binary"
	"fmt"
)

// unzig maps zigzag order to natural (row-major) order (T.81 figure A.6).
var unzig = [64]int{
	0, 1, 8, 16, 9, 2, 3, 10,
	17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34,
	27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36,
	29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46,
	53, 60, 61, 54, 47, 55, 62, 63,
}

type scan struct {
	comps          []int // indices into d.comps
	ss, se, ah, al int
}

// parseSOS reads a scan header (B.2.3) at d.pos.
func (d *decoder) parseSOS() (scan, error) {
	if d.pos+2 > len(d.data) {
		return scan{}, ErrTruncated
	}
	n := d.u16(d.pos)
	if n < 2 {
		return scan{}, FormatError("segment length < 2 (B.1.1.4)")
	}
	if d.pos+n > len(d.data) {
		return scan{}, ErrTruncated
	}
	seg := d.data[d.pos+2 : d.pos+n]
	d.pos += n
	if len(seg) < 1 {
		return scan{}, FormatError("short SOS segment (B.2.3)")
	}
	ns := int(seg[0])
	if ns < 1 || ns > 4 || len(seg) != 4+2*ns {
		return scan{}, FormatError("bad SOS component count or length (B.2.3)")
	}
	var s scan
	blocks := 0
	for i := 0; i < ns; i++ {
		id := seg[1+2*i]
		ci := -1
		for j := range d.comps {
			if d.comps[j].id == id {
				ci = j
			}
		}
		if ci < 0 {
			return scan{}, FormatError("SOS names an unknown component (B.2.3)")
		}
		for _, prev := range s.comps {
			if prev == ci {
				return scan{}, FormatError("SOS names a component twice (B.2.3)")
			}
		}
		if !d.progressive && d.comps[ci].done {
			return scan{}, FormatError("sequential scan repeats a component (B.2.3)")
		}
		c := &d.comps[ci]
		c.td, c.ta = int(seg[2+2*i]>>4), int(seg[2+2*i]&15)
		if c.td > 3 || c.ta > 3 {
			return scan{}, FormatError("Huffman table index > 3 (B.2.3)")
		}
		s.comps = append(s.comps, ci)
		blocks += c.h * c.v
	}
	if ns > 1 && blocks > 10 {
		return scan{}, FormatError("more than 10 blocks in an MCU (B.2.3)")
	}
	p := seg[1+2*ns:]
	s.ss, s.se, s.ah, s.al = int(p[0]), int(p[1]), int(p[2]>>4), int(p[2]&15)
	if d.progressive {
		switch {
		case s.ss == 0 && s.se != 0, s.ss > s.se, s.se > 63:
			return scan{}, FormatError("bad spectral selection (G.1.1.1)")
		case s.ss > 0 && ns != 1:
			return scan{}, FormatError("interleaved AC scan (G.1.1.1)")
		case s.al > 13 || s.ah > 13:
			return scan{}, FormatError("bad successive approximation (G.1.1.1)")
		}
	} else {
		s.ss, s.se, s.ah, s.al = 0, 63, 0, 0
	}
	for _, ci := range s.comps {
		c := &d.comps[ci]
		if s.ss == 0 && s.ah == 0 && !d.dc[c.td].valid {
			return scan{}, FormatError("scan uses an undefined DC table")
		}
		if s.se > 0 && !d.ac[c.ta].valid {
			return scan{}, FormatError("scan uses an undefined AC table")
		}
		if !d.progressive && !d.qvalid[c.tq] {
			return scan{}, FormatError("component uses an undefined quantisation table")
		}
	}
	return s, nil
}

// decodeScan decodes one scan starting at d.pos and leaves d.pos at the
// marker that ends it.
func (d *decoder) decodeScan(s scan) error {
	r := bitReader{data: d.data, pos: d.pos}
	d.eobrun = 0
	for _, ci := range s.comps {
		d.comps[ci].dcPred = 0
	}
	// A single-component scan covers only the component's own blocks
	// (A.2.2); an interleaved one whole MCUs (A.2.3).
	mx, my := d.mcusX, d.mcusY
	if len(s.comps) == 1 {
		c := &d.comps[s.comps[0]]
		cw := (d.width*c.h + d.hmax - 1) / d.hmax
		ch := (d.height*c.v + d.vmax - 1) / d.vmax
		mx, my = (cw+7)/8, (ch+7)/8
	}
	// Bound the work of all scans together: every scan walks all its
	// blocks over its spectral band, and end-of-band runs let a
	// progressive scan cover thousands of blocks per byte, so a small
	// hostile file could otherwise ask for minutes of CPU. Encoders pass
	// over each coefficient two or three times; eight is the budget.
	perMCU := 0
	for _, ci := range s.comps {
		perMCU += d.comps[ci].h * d.comps[ci].v
	}
	if len(s.comps) == 1 {
		perMCU = 1
	}
	d.work += int64(mx) * int64(my) * int64(perMCU) * int64(s.se-s.ss+1)
	if d.work > 8*64*d.blocks() {
		return FormatError("scans revisit the coefficients too often")
	}
	var blk [64]int32
	mcu := 0
	for y := 0; y < my; y++ {
		for x := 0; x < mx; x++ {
			if d.restart > 0 && mcu > 0 && mcu%d.restart == 0 {
				if err := d.nextRestart(&r); err != nil {
					return err
				}
				for _, ci := range s.comps {
					d.comps[ci].dcPred = 0
				}
				d.eobrun = 0
			}
			mcu++
			for _, ci := range s.comps {
				c := &d.comps[ci]
				bh, bv := c.h, c.v
				if len(s.comps) == 1 {
					bh, bv = 1, 1
				}
				for v := 0; v < bv; v++ {
					for h := 0; h < bh; h++ {
						bx, by := x*bh+h, y*bv+v
						var err error
						if d.progressive {
							err = d.progressiveBlock(&r, c, s, c.coef[(by*c.bw+bx)*64:][:64])
						} else {
							var last int
							last, err = d.baselineBlock(&r, c, &blk)
							off := by*c.ky*c.stride + bx*c.kx
							d.idctLast(&blk, last, c.kx, c.ky, c.plane[off:], c.stride)
							// Zero what the block wrote, for the next one:
							// entry by entry when that is few.
							if last < 16 {
								for k := 0; k <= last; k++ {
									blk[unzig[k]] = 0
								}
							} else {
								blk = [64]int32{}
							}
						}
						if err != nil {
							return err
						}
					}
				}
			}
		}
		if r.overrun() {
			return ErrTruncated
		}
	}
	for _, ci := range s.comps {
		d.comps[ci].done = true
	}
	d.pos = r.pos
	return nil
}

// blocks returns the number of blocks of all components.
func (d *decoder) blocks() int64 {
	var n int64
	for _, c := range d.comps {
		n += int64(c.bw) * int64(c.bh)
	}
	return n
}

// nextRestart consumes the RSTn marker that follows each restart interval
// (F.1.2.3) and resets the bit reader.
func (d *decoder) nextRestart(r *bitReader) error {
	if r.overrun() {
		return ErrTruncated
	}
	r.reset()
	// Skip any bytes before the marker, as libjpeg does.
	for r.pos+1 < len(r.data) {
		if r.data[r.pos] == 0xFF {
			m := r.data[r.pos+1]
			if m >= mRST0 && m <= mRST7 {
				r.pos += 2
				return nil
			}
			if m != 0 && m != 0xFF {
				return FormatError("missing RST marker (F.1.2.3)")
			}
		}
		r.pos++
	}
	return ErrTruncated
}

// baselineBlock decodes one sequential block (F.2.2), dequantised, into
// blk in natural order (which must be zero on entry), and returns the
// zigzag index of the last coefficient it stored. All coefficients are
// stored, also those a reduced IDCT ignores: a store is cheaper than a
// test. This is the decoder's hot loop: the bit buffer lives in locals,
// and small AC coefficients come from one table look-up.
func (d *decoder) baselineBlock(r *bitReader, c *component, blk *[64]int32) (last int, err error) {
	q := &d.quant[c.tq]
	dc, ac := &d.dc[c.td], &d.ac[c.ta]
	if r.n < 32 {
		r.fill()
	}
	acc, n := r.acc, r.n
	var s int32
	if e := dc.fast[acc>>(64-lookBits)]; e != 0 {
		l := uint(e >> 8)
		acc <<= l
		n -= l
		s = int32(e & 0xFF)
	} else {
		r.acc, r.n = acc, n
		s = r.decode(dc)
		acc, n = r.acc, r.n
	}
	if s < 0 || s > 15 {
		return 0, FormatError(fmt.Sprintf("bad DC Huffman code (F.2.2.1), category %d", s))
	}
	if s > 0 {
		if n < uint(s) {
			r.acc, r.n = acc, n
			r.fill()
			acc, n = r.acc, r.n
		}
		v := int32(acc >> (64 - uint(s)))
		acc <<= uint(s)
		n -= uint(s)
		if v < 1<<(s-1) {
			v -= 1<<s - 1
		}
		c.dcPred += v
	}
	blk[0] = c.dcPred * q[0]
	data, pos := r.data, r.pos
	for k := 1; k < 64; {
		if n < 32 {
			// Inline fast refill (bitReader.fill's fast path): eight bytes
			// without 0xFF need no unstuffing and hold no marker.
			if pos+8 <= len(data) && !r.atEnd {
				w := binary.BigEndian.Uint64(data[pos:])
				if (^w-0x0101010101010101)&w&0x8080808080808080 == 0 {
					b := (64 - n) >> 3
					acc |= w >> (64 - 8*b) << (64 - n - 8*b)
					pos += int(b)
					n += 8 * b
					goto filled
				}
			}
			r.acc, r.n, r.pos = acc, n, pos
			r.fill()
			acc, n, pos = r.acc, r.n, r.pos
		}
	filled:
		if fa := ac.fastAC[acc>>(64-lookBits)]; fa != 0 {
			acc <<= uint(fa & 0xFF)
			n -= uint(fa & 0xFF)
			k += int(fa >> 8 & 0xFF)
			if k > 63 {
				return 0, FormatError("AC run past the end of a block (F.2.2.2)")
			}
			blk[unzig[k]] = (fa >> 16) * q[k]
			last = k
			k++
			continue
		}
		var rs int32
		if e := ac.fast[acc>>(64-lookBits)]; e != 0 {
			l := uint(e >> 8)
			acc <<= l
			n -= l
			rs = int32(e & 0xFF)
		} else {
			r.acc, r.n = acc, n
			rs = r.decode(ac) // n >= 32: decode does not refill
			acc, n = r.acc, r.n
			if rs < 0 {
				return 0, FormatError("bad AC Huffman code (F.2.2.2)")
			}
		}
		run, sz := int(rs>>4), uint(rs&15)
		if sz == 0 {
			if run != 15 {
				break // end of block
			}
			k += 16
			continue
		}
		k += run
		if k > 63 {
			return 0, FormatError("AC run past the end of a block (F.2.2.2)")
		}
		// n >= 32 - 16 (code) >= sz: no refill needed.
		v := int32(acc >> (64 - sz))
		acc <<= sz
		n -= sz
		if v < 1<<(sz-1) {
			v -= 1<<sz - 1
		}
		blk[unzig[k]] = v * q[k]
		last = k
		k++
	}
	r.acc, r.n, r.pos = acc, n, pos
	return last, nil
}

func clamp16(v int32) int16 {
	if v > 32767 {
		return 32767
	}
	if v < -32768 {
		return -32768
	}
	return int16(v)
}

// progressiveBlock applies one progressive scan to a block's stored
// coefficients (G.1.2), which stay quantised until the end.
func (d *decoder) progressiveBlock(r *bitReader, c *component, s scan, coef []int16) error {
	if s.ss == 0 {
		// DC scans (G.1.2.1).
		if s.ah == 0 {
			t := r.decode(&d.dc[c.td])
			if t < 0 || t > 15 {
				return FormatError("bad DC Huffman code (G.1.2.1)")
			}
			c.dcPred += r.receiveExtend(uint(t))
			coef[0] = clamp16(c.dcPred << s.al)
		} else if r.bit() {
			coef[0] |= 1 << s.al
		}
		return nil
	}
	ac := &d.ac[c.ta]
	if s.ah == 0 {
		// First AC scan of a band (G.1.2.2).
		if d.eobrun > 0 {
			d.eobrun--
			return nil
		}
		for k := s.ss; k <= s.se; k++ {
			rs := r.decode(ac)
			if rs < 0 {
				return FormatError("bad AC Huffman code (G.1.2.2)")
			}
			run, sz := int(rs>>4), uint(rs&15)
			if sz == 0 {
				if run < 15 {
					d.eobrun = 1 << run
					if run > 0 {
						d.eobrun += r.bits(uint(run))
					}
					d.eobrun--
					break
				}
				k += 15
				continue
			}
			k += run
			if k > s.se {
				return FormatError("AC run past the end of the band (G.1.2.2)")
			}
			coef[unzig[k]] = clamp16(r.receiveExtend(sz) << s.al)
		}
		return nil
	}
	// Refinement AC scan (G.1.2.3): new coefficients are ±1 << al; each
	// coefficient already non-zero gets one correction bit as it is passed.
	p1, m1 := int16(1<<s.al), int16(-1<<s.al)
	refine := func(z *int16) {
		if r.bit() && *z&p1 == 0 {
			if *z >= 0 {
				*z += p1
			} else {
				*z += m1
			}
		}
	}
	k := s.ss
	if d.eobrun == 0 {
		for ; k <= s.se; k++ {
			rs := r.decode(ac)
			if rs < 0 {
				return FormatError("bad AC Huffman code (G.1.2.3)")
			}
			run, sz := int(rs>>4), rs&15
			var val int16
			if sz != 0 {
				if sz != 1 {
					return FormatError("refinement coefficient magnitude is not 1 (G.1.2.3)")
				}
				val = m1
				if r.bit() {
					val = p1
				}
			} else if run != 15 {
				d.eobrun = 1 << run
				if run > 0 {
					d.eobrun += r.bits(uint(run))
				}
				break
			}
			// Skip run zero-history coefficients, refining the non-zero
			// ones on the way, then place the new one.
			for ; k <= s.se; k++ {
				z := &coef[unzig[k]]
				if *z != 0 {
					refine(z)
				} else {
					if run == 0 {
						break
					}
					run--
				}
			}
			if val != 0 {
				if k > s.se {
					return FormatError("refinement run past the end of the band (G.1.2.3)")
				}
				coef[unzig[k]] = val
			}
		}
	}
	if d.eobrun > 0 {
		for ; k <= s.se; k++ {
			if z := &coef[unzig[k]]; *z != 0 {
				refine(z)
			}
		}
		d.eobrun--
	}
	return nil
}
