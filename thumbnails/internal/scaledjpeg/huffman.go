package scaledjpeg

import "encoding/binary"

// lookBits is the width of the Huffman fast look-up: most codes of real
// tables are at most 9 bits long, and with 10 bits most small AC
// coefficients fit with their magnitude bits (measured: 10 and 11 both
// decode a 24 MP photo 5% faster than 9).
const lookBits = 10

// huffTable is one Huffman table (T.81 C and F.2.2.3), with a look-up
// table for short codes and, for AC tables, a second one that also holds
// the run and the coefficient value when code and magnitude bits together
// fit in lookBits (the common small coefficients).
type huffTable struct {
	valid bool
	// fast[b] for the next lookBits bits b: code length << 8 | symbol, or 0
	// when the code is longer than lookBits.
	fast [1 << lookBits]uint16
	// fastAC[b]: value << 16 | run << 8 | bits consumed, or 0.
	fastAC [1 << lookBits]int32
	// Canonical decoding of long codes (F.2.2.3): maxCode[l] is the largest
	// code of length l (or -1), valPtr[l] the index in vals of the code
	// minCode[l].
	maxCode [18]int32
	minCode [17]int32
	valPtr  [17]int32
	vals    [256]byte
}

func (t *huffTable) build(counts [16]int, symbols []byte, isAC bool) error {
	*t = huffTable{}
	copy(t.vals[:], symbols)
	code, k := int32(0), 0
	for l := 1; l <= 16; l++ {
		n := counts[l-1]
		t.valPtr[l] = int32(k)
		t.minCode[l] = code
		if n == 0 {
			t.maxCode[l] = -1
		} else {
			for i := 0; i < n; i++ {
				// A length's codes must fit in l bits (C.2: an
				// over-subscribed table is corrupt).
				if code >= 1<<l {
					return FormatError("Huffman table has more codes than fit (C.2)")
				}
				if l <= lookBits {
					base := int(code) << (lookBits - l)
					for j := 0; j < 1<<(lookBits-l); j++ {
						t.fast[base+j] = uint16(l)<<8 | uint16(symbols[k])
					}
				}
				code++
				k++
			}
			t.maxCode[l] = code - 1
		}
		code <<= 1
	}
	t.maxCode[17] = 1 << 30 // sentinel: stop the slow search
	if isAC {
		for b := range t.fast {
			e := t.fast[b]
			if e == 0 {
				continue
			}
			l, rs := int(e>>8), int(e&0xFF)
			run, s := rs>>4, rs&15
			if s == 0 || l+s > lookBits {
				continue
			}
			// The magnitude bits follow the code inside the same lookBits.
			v := int32(b>>(lookBits-l-s)) & (1<<s - 1)
			if v < 1<<(s-1) {
				v -= 1<<s - 1
			}
			t.fastAC[b] = v<<16 | int32(run)<<8 | int32(l+s)
		}
	}
	t.valid = true
	return nil
}

// bitReader reads the entropy-coded segment MSB first, removing stuffed
// zero bytes (F.1.2.3). At a marker or the end of data it feeds zero bits
// and counts them, so decoding never stalls and the caller can tell a scan
// that ran out of data.
type bitReader struct {
	data  []byte
	pos   int
	acc   uint64 // unread bits, left-aligned
	n     uint   // number of unread bits in acc
	fake  int    // zero bytes fed past a marker or the end
	atEnd bool   // a marker or the end of data was reached
}

// fill tops acc up to at least 57 bits.
func (r *bitReader) fill() {
	// Fast path: the next 8 bytes hold no 0xFF, so they need no
	// unstuffing and hold no marker: take as many whole bytes as fit.
	if !r.atEnd && r.pos+8 <= len(r.data) {
		w := binary.BigEndian.Uint64(r.data[r.pos:])
		if (^w-0x0101010101010101)&w&0x8080808080808080 == 0 {
			k := (64 - r.n) >> 3
			r.acc |= w >> (64 - 8*k) << (64 - r.n - 8*k)
			r.pos += int(k)
			r.n += 8 * k
			return
		}
	}
	for r.n <= 56 {
		var c byte
		if !r.atEnd && r.pos < len(r.data) {
			c = r.data[r.pos]
			if c != 0xFF {
				r.pos++
			} else if r.pos+1 < len(r.data) && r.data[r.pos+1] == 0 {
				r.pos += 2
			} else {
				// A marker (or a lone 0xFF at the end): stop before it.
				r.atEnd, c = true, 0
				r.fake++
			}
		} else {
			r.atEnd = true
			r.fake++
		}
		r.acc |= uint64(c) << (56 - r.n)
		r.n += 8
	}
}

// overrun reports whether more bits were consumed than the data held.
func (r *bitReader) overrun() bool { return r.fake*8 > int(r.n) }

// reset drops buffered bits at a restart marker or the end of a scan.
func (r *bitReader) reset() {
	r.acc, r.n, r.fake, r.atEnd = 0, 0, 0, false
}

func (r *bitReader) bits(s uint) int32 {
	if r.n < s {
		r.fill()
	}
	v := int32(r.acc >> (64 - s))
	r.acc <<= s
	r.n -= s
	return v
}

func (r *bitReader) bit() bool {
	if r.n < 1 {
		r.fill()
	}
	v := r.acc>>63 != 0
	r.acc <<= 1
	r.n--
	return v
}

// receiveExtend reads s magnitude bits and extends their sign (F.2.2.1).
func (r *bitReader) receiveExtend(s uint) int32 {
	if s == 0 {
		return 0
	}
	if r.n < s {
		r.fill()
	}
	v := int32(r.acc >> (64 - s))
	r.acc <<= s
	r.n -= s
	if v < 1<<(s-1) {
		v -= 1<<s - 1
	}
	return v
}

// decode returns the next Huffman symbol, or -1 for a code that is not in
// the table.
func (r *bitReader) decode(t *huffTable) int32 {
	if r.n < 16 {
		r.fill()
	}
	if e := t.fast[r.acc>>(64-lookBits)]; e != 0 {
		l := uint(e >> 8)
		r.acc <<= l
		r.n -= l
		return int32(e & 0xFF)
	}
	code := int32(r.acc >> (64 - 16))
	for l := lookBits + 1; l <= 16; l++ {
		c := code >> (16 - l)
		if c <= t.maxCode[l] {
			r.acc <<= uint(l)
			r.n -= uint(l)
			i := t.valPtr[l] + c - t.minCode[l]
			if i < 0 || i > 255 {
				return -1
			}
			return int32(t.vals[i])
		}
	}
	return -1
}
