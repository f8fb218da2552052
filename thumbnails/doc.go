// Package thumbnails makes the oriented, resized JPEG renditions of a photo
// that the desk shows (by default 320 and 1280 pixels on the long side) and
// keeps them in a cache on disk keyed by photo ID, size and renderer
// Version.
//
// Input is untrusted: Render accepts JPEG only, checks the frame header
// before decoding (zero sizes are rejected, and images above
// Options.MaxPixels fail with ErrTooLarge), and reports every decode failure
// as an error wrapping ErrCorrupt. Truncated JPEGs (a partial upload) are
// rejected rather than rendered with a grey bottom: the editor sees a clear
// per-file error, and the original is never stored as if it were whole.
//
// Colours: grayscale, YCbCr at any chroma subsampling, RGB, and Adobe CMYK
// and YCCK JPEGs (with Photoshop's inverted ink values) come out as sRGB
// JPEGs; CMYK is converted with the plain formula, without an ICC profile.
// Orientation: the EXIF Orientation value (1..8) passed to Render is
// applied, so renditions are always upright; values outside 1..8 count as 1.
//
// Cost gives an upper bound of the memory one Render needs for an image of
// a given size, so a caller can bound concurrent renders by a memory
// budget. MeasureVips runs libvips' vipsthumbnail on the same files, as the
// reference for the ingest benchmark.
package thumbnails
