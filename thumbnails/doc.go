// Package thumbnails makes the oriented, resized JPEG renditions of a photo
// that the desk shows (by default 320 and 1280 pixels on the long side) and
// keeps them in a cache on disk keyed by photo ID, size and renderer
// Version.
//
// Pipeline, for a camera frame:
//
//  1. Decode at a reduced DCT scale (1/8, 1/4, 1/2 or 8/8, see scaleFor)
//     with our own decoder, internal/scaledjpeg (pure Go, baseline and
//     progressive), into component planes, leaving at least a 1.5×
//     reduction to the next step.
//  2. Resize each plane on its own to the largest rendition with a
//     fixed-point Lanczos-3 filter (resize.go), chroma straight to the
//     4:2:0 grid the encoder writes: the big first reduction, on 8-bit
//     planes, before any colour conversion. For RGB, CMYK and YCCK files
//     the resized planes are then converted to RGB.
//  3. Turn that rendition upright with imaging (FlipH, FlipV, Rotate90,
//     Rotate180, Rotate270, Transpose, Transverse for EXIF values 2..8),
//     which reads the YCbCr, gray or RGB image and writes an upright
//     *image.NRGBA in one pass.
//  4. Make each smaller rendition (the 320 px one) from the previous,
//     upright one with imaging.Resize and its Lanczos filter.
//  5. Encode every rendition with internal/jpegenc, a baseline encoder
//     that takes YCbCr 4:2:0 and gray planes as they are and imaging's
//     NRGBA converted to YCbCr 4:2:0 block by block (twice as fast as
//     image/jpeg either way).
//
// Why imaging does steps 3 and 4 and not step 2: on planes, the first
// reduction costs a third of imaging's float Lanczos over four channels
// (40 against 147 ms of CPU from a 24 MP frame decoded at 1/2), but once
// the picture is 1280 px the remaining work is small, and imaging is the
// project's thumbnails library. Orienting first, then resizing the
// upright NRGBA, is the cheaper order: imaging converts YCbCr to RGB
// while it scans, so resizing before orientation would convert twice
// (22.7 against 25.2 ms for the 320 px resize). Measured in one run
// (BenchmarkRender, BenchmarkStages, 5 photos each, CPU ms per photo;
// "v2" is renderer Version 2, which oriented and resized planes itself):
//
//	photo   Render  v2     vipsthumbnail  Render/vips
//	24 MP   198.5   174.0  245.4          0.81
//	12 MP   133.6   107.7  203.6          0.66
//
// imaging's orientation costs about 9 ms and encoding its NRGBA 4 ms more
// than the planes (the planar orientation cost 2); its 320 px resize
// 22.7 ms against 8 on planes. The zone-plate test scores the 320 px
// rendition the same either way (mean error 0.50–0.53 against a float
// Lanczos from the full decode). With orientation 1 a YCbCr rendition
// is encoded straight from its planes; imaging then only makes the
// smaller renditions, from the YCbCr image.
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
// Memory: Header.Cost, on the header ReadHeader returns, is an upper
// bound of the bytes one Render with default options allocates for that
// file whatever its orientation, imaging's buffers included, and so of
// the live heap it adds; Cost(width, height) assumes the worst layout (a
// progressive CMYK file) and is up to ten times larger. A caller that
// reserves memory per render should call ReadHeader first, with the
// MaxPixels it will pass to Render (it reads the headers only, and
// rejects what Render would reject from them), and reserve Header.Cost, plus the garbage collector's headroom unless GOMEMLIMIT
// is set. Measured on a 24 MP 4:2:0 file: baseline allocated 21.4 MB
// (peak live heap about 16.5 MB) against a Header.Cost of 29.0 MB;
// progressive, whose coefficients are held at full resolution, 93.4 MB
// (peak about 84 MB) against 111.0 MB; Cost(6000, 4000) is 280.5 MB.
// With other Options (larger sizes, higher quality) the bound does not
// hold.
package thumbnails
