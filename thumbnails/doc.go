// Package thumbnails makes the oriented, resized JPEG renditions of a photo
// that the desk shows (by default 320 and 1280 pixels on the long side) and
// keeps them in a cache on disk keyed by photo ID, size and renderer
// Version.
//
// Speed: a camera frame is decoded at a reduced DCT scale by our own
// decoder (internal/scaledjpeg: pure Go, baseline and progressive) into
// component planes, leaving at least a 1.5× reduction to a Lanczos-3
// filter that runs per plane in fixed point; chroma goes straight to the
// 4:2:0 grid the encoder writes, the planes are turned upright and
// encoded by internal/jpegenc (a baseline encoder twice as fast as
// image/jpeg's), and the 320 px rendition is made from the 1280 px one.
// A 24 MP photo costs a sixth of image/jpeg + imaging and about 0.6 of
// libvips' vipsthumbnail (BenchmarkRender, MeasureVips). imaging remains
// the benchmark's reference: on planes, resizing costs a third of its
// NRGBA float Lanczos, and orienting planes avoids converting to RGB.
//
// Input is untrusted: Render accepts JPEG only, reads the headers before
// decoding (zero sizes are rejected, and images above Options.MaxPixels
// fail with ErrTooLarge), and classifies every failure: ErrNotJPEG,
// ErrTooLarge, ErrUnsupported (12-bit, arithmetic, lossless: image/jpeg
// refuses these too) or ErrCorrupt. Truncated JPEGs (a partial upload) are
// rejected rather than rendered with a grey bottom: the editor sees a
// clear per-file error, and the original is never stored as if it were
// whole. A file that lacks only its final EOI marker is accepted.
//
// Colours: grayscale, YCbCr at any chroma subsampling, RGB, and Adobe CMYK
// and YCCK JPEGs (with Photoshop's inverted ink values) come out as sRGB
// JPEGs; CMYK is converted with the plain formula, without an ICC profile.
// Orientation: the EXIF Orientation value (1..8) passed to Render is
// applied, so renditions are always upright; values outside 1..8 count as 1.
//
// Memory: Cost gives an upper bound of the bytes one Render allocates for
// an image of a given size, and Header.Cost a tighter one once the headers
// are read, so a caller can bound concurrent renders by a memory budget.
package thumbnails
