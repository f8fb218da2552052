// Package synth makes deterministic, photographic-looking test photos: a sky
// with a gradient and clouds, a textured ground, buildings with windows,
// round shapes with shading, and film grain. Unlike flat colour, these images
// compress and decode at costs close to real camera JPEGs, so ingest tests,
// the crash test, the demo and the benchmarks can make realistic files of
// any size without shipping any.
//
// JPEG encodes an image with optional, hand-written EXIF metadata
// (orientation, capture time, camera, GPS) and in any of the colour layouts
// a camera or an agency pipeline produces: YCbCr 4:2:0, 4:2:2, 4:4:0 and
// 4:4:4, grayscale, RGB, Adobe CMYK and Adobe YCCK.
package synth

import (
	"image"
	"image/color"
)

// Image returns a w×h photo-like picture determined by seed. The same seed
// and size always give the same pixels. Sizes below 1 are treated as 1.
func Image(seed int64, w, h int) *image.RGBA {
	w, h = max(w, 1), max(h, 1)
	s := newScene(seed, w, h)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	row := make([]float32, 3*w)
	for y := 0; y < h; y++ {
		s.row(y, row)
		p := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := 0; x < w; x++ {
			g := s.grain(x, y)
			p[4*x+0] = clamp8(row[3*x+0] + g)
			p[4*x+1] = clamp8(row[3*x+1] + g)
			p[4*x+2] = clamp8(row[3*x+2] + g)
			p[4*x+3] = 0xff
		}
	}
	return img
}

// Gray returns Image converted to luma, for grayscale JPEGs.
func Gray(seed int64, w, h int) *image.Gray {
	return toGray(Image(seed, w, h))
}

func toGray(src *image.RGBA) *image.Gray {
	b := src.Bounds()
	dst := image.NewGray(b)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			i := y*src.Stride + 4*x
			dst.Pix[y*dst.Stride+x] = color.GrayModel.Convert(color.RGBA{src.Pix[i], src.Pix[i+1], src.Pix[i+2], 255}).(color.Gray).Y
		}
	}
	return dst
}

// scene holds the random layout of one picture: noise lattices at several
// scales, the horizon, and a few shapes.
type scene struct {
	seed    uint64
	w, h    int
	unit    float32 // one "picture unit": the long side / 1000, so features scale with size
	clouds  lattice
	ground  lattice
	detail  lattice
	horizon []float32 // horizon y for each x
	shapes  []shape
}

type shapeKind int

const (
	building shapeKind = iota
	ball
)

type shape struct {
	kind           shapeKind
	x0, y0, x1, y1 float32 // bounding box
	cx, cy, r      float32 // circle
	col            [3]float32
	win            float32 // window pitch of a building
}

func newScene(seed int64, w, h int) *scene {
	s := &scene{seed: uint64(seed)*0x9E3779B97F4A7C15 + 1, w: w, h: h}
	long := float32(max(w, h))
	s.unit = long / 1000
	s.clouds = newLattice(s.seed^1, w, h, max(long/6, 4))
	s.ground = newLattice(s.seed^2, w, h, max(long/20, 3))
	s.detail = newLattice(s.seed^3, w, h, max(long/150, 2))
	hz := newLattice(s.seed^4, w, 1, max(long/8, 4))
	s.horizon = make([]float32, w)
	for x := range s.horizon {
		s.horizon[x] = float32(h) * (0.5 + 0.12*(hz.at(float32(x), 0)-0.5))
	}
	r := rng{s.seed ^ 5}
	nb := 3 + int(r.next()%4)
	for i := 0; i < nb; i++ {
		bw := (0.06 + 0.12*r.float()) * float32(w)
		bx := r.float() * (float32(w) - bw)
		top := float32(h) * (0.15 + 0.3*r.float())
		base := s.horizon[min(int(bx+bw/2), w-1)] + 0.05*float32(h)
		g := 90 + 120*r.float()
		s.shapes = append(s.shapes, shape{
			kind: building, x0: bx, y0: top, x1: bx + bw, y1: base,
			col: [3]float32{g, g * (0.9 + 0.1*r.float()), g * (0.8 + 0.2*r.float())},
			win: max(s.unit*(8+10*r.float()), 3),
		})
	}
	nc := 2 + int(r.next()%3)
	for i := 0; i < nc; i++ {
		rad := (0.04 + 0.08*r.float()) * long
		cx := r.float() * float32(w)
		cy := float32(h) * (0.55 + 0.35*r.float())
		s.shapes = append(s.shapes, shape{
			kind: ball, cx: cx, cy: cy, r: rad,
			x0: cx - rad, y0: cy - rad, x1: cx + rad, y1: cy + rad,
			col: [3]float32{100 + 155*r.float(), 40 + 150*r.float(), 30 + 120*r.float()},
		})
	}
	return s
}

// row fills out with the noise-free colour of row y, three floats a pixel.
func (s *scene) row(y int, out []float32) {
	fy := float32(y)
	// Only shapes that cross this row are tested per pixel.
	var active [16]*shape
	na := 0
	for i := range s.shapes {
		if sh := &s.shapes[i]; fy >= sh.y0 && fy < sh.y1 && na < len(active) {
			active[na] = sh
			na++
		}
	}
	for x := 0; x < s.w; x++ {
		fx := float32(x)
		var c [3]float32
		hz := s.horizon[x]
		if fy < hz {
			// Sky: deeper blue at the top, paler at the horizon, soft clouds.
			t := fy / hz
			c = [3]float32{60 + 120*t, 110 + 90*t, 190 + 45*t}
			cl := s.clouds.at(fx, fy)*0.75 + s.detail.at(fx, fy)*0.25
			if cl > 0.55 {
				a := min((cl-0.55)*4, 1)
				c = mix(c, [3]float32{235, 235, 238}, a)
			}
		} else {
			// Ground: grass and earth mixed at a large scale, texture at
			// two smaller ones, darker towards the bottom.
			m := s.ground.at(fx, fy)
			d := s.detail.at(fx, fy)
			c = mix([3]float32{55, 105, 40}, [3]float32{125, 95, 60}, m)
			shade := 0.7 + 0.5*d + 0.3*(1-(fy-hz)/float32(s.h))
			c = [3]float32{c[0] * shade, c[1] * shade, c[2] * shade}
		}
		for _, sh := range active[:na] {
			if fx < sh.x0 || fx >= sh.x1 {
				continue
			}
			switch sh.kind {
			case building:
				c = sh.col
				// Windows: a regular grid of dark panes, the fine detail
				// that aliases when a resizer cuts corners.
				wx := fx - sh.x0
				wx -= sh.win * float32(int(wx/sh.win))
				wy := fy - sh.y0
				wy -= sh.win * float32(int(wy/sh.win))
				if wx > sh.win*0.35 && wy > sh.win*0.3 {
					k := float32(0.35) + 0.3*s.detail.at(fx*3, fy*3)
					c = [3]float32{c[0] * k, c[1] * k, c[2] * k * 1.2}
				}
			case ball:
				dx, dy := fx-sh.cx, fy-sh.cy
				d2 := (dx*dx + dy*dy) / (sh.r * sh.r)
				if d2 < 1 {
					// Lit from the top left.
					l := 0.55 + 0.45*(-dx-dy)/(sh.r*1.5) + 0.2*(1-d2)
					c = [3]float32{sh.col[0] * l, sh.col[1] * l, sh.col[2] * l}
				}
			}
		}
		out[3*x+0], out[3*x+1], out[3*x+2] = c[0], c[1], c[2]
	}
}

// grain is per-pixel noise of a few levels, like sensor noise: it makes the
// JPEG as large as a real photo's.
func (s *scene) grain(x, y int) float32 {
	v := hash(s.seed, uint64(x), uint64(y))
	return float32(int(v&15)+int(v>>4&15)-15) * 1.3
}

func mix(a, b [3]float32, t float32) [3]float32 {
	return [3]float32{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, a[2] + (b[2]-a[2])*t}
}

func clamp8(v float32) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v + 0.5)
}

// lattice is value noise: random values on a grid of the given cell size,
// smoothly interpolated, in [0, 1].
type lattice struct {
	inv float32 // 1 / cell size
	nx  int
	v   []float32
}

func newLattice(seed uint64, w, h int, cell float32) lattice {
	nx := int(float32(w)/cell) + 3
	ny := int(float32(h)/cell) + 3
	l := lattice{inv: 1 / cell, nx: nx, v: make([]float32, nx*ny)}
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			l.v[j*nx+i] = float32(hash(seed, uint64(i), uint64(j))>>40) / (1 << 24)
		}
	}
	return l
}

func (l *lattice) at(x, y float32) float32 {
	x, y = x*l.inv, y*l.inv
	ix, iy := int(x), int(y)
	if ix < 0 || iy < 0 || ix+1 >= l.nx || (iy+1)*l.nx+ix+1 >= len(l.v) {
		return 0.5
	}
	fx, fy := x-float32(ix), y-float32(iy)
	fx = fx * fx * (3 - 2*fx)
	fy = fy * fy * (3 - 2*fy)
	i := iy*l.nx + ix
	a := l.v[i] + (l.v[i+1]-l.v[i])*fx
	b := l.v[i+l.nx] + (l.v[i+l.nx+1]-l.v[i+l.nx])*fx
	return a + (b-a)*fy
}

// hash mixes a seed and two coordinates (splitmix64's finaliser).
func hash(seed, a, b uint64) uint64 {
	z := seed + a*0xBF58476D1CE4E5B9 + b*0x94D049BB133111EB
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

// rng is a small deterministic generator for the scene layout.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	return hash(r.s, 0, 0)
}

func (r *rng) float() float32 { return float32(r.next()>>40) / (1 << 24) }
