// Package jpegmeta walks the marker segments of a JPEG file, extracts the
// metadata payloads cutline reads (EXIF, XMP, extended XMP, the Photoshop
// APP13 image resources), guards EXIF before it reaches goexif, and
// rewrites the metadata segments of a JPEG for export without touching the
// image data.
//
// Every input is untrusted. Nothing here panics on malformed bytes, every
// loop is bounded by the input length, and every allocation is bounded by
// the input size or by a documented cap. Parsers return partial results and
// human-readable warnings; errors are reserved for inputs that are unusable
// and wrap one of the sentinel errors below so callers can classify them.
//
// Specifications followed:
//
//   - ITU-T T.81 (JPEG), B.1.1.2 (markers: every marker is 0xFF followed by a
//     code that is neither 0x00 nor 0xFF, and may be preceded by any number
//     of 0xFF fill bytes), B.1.1.4 (marker segments: a two-byte big-endian
//     length that counts itself), B.2.2 (frame header: precision, height,
//     width, component count), B.2.3 (scan header, where Scan stops).
//   - JFIF 1.02 (APP0), Exif 2.32 §4.5.4 (APP1 "Exif\0\0" followed by a TIFF
//     structure) and TIFF 6.0 §2 (IFD layout, field types 1..12).
//   - XMP Specification Part 3 (2020), §1.1.3: the standard XMP packet in an
//     APP1 starting "http://ns.adobe.com/xap/1.0/\0" (at most one), and
//     extended XMP in APP1 segments starting
//     "http://ns.adobe.com/xmp/extension/\0", each carrying a 32-character
//     GUID (the MD5 of the full extended serialisation), the full length
//     and the offset of this chunk as big-endian uint32 values.
//   - Adobe Photoshop File Formats, "Image resource blocks" and the JPEG
//     APP13 "Photoshop 3.0\0" wrapper, which Photoshop splits over several
//     consecutive APP13 segments when the resources exceed one segment.
//   - Adobe Technical Note #5116 (APP14 "Adobe": the colour transform byte
//     that tells YCCK from CMYK and YCbCr from RGB).
//   - ICC.1:2010 Annex B.4 (APP2 "ICC_PROFILE\0").
//
// Scan reports image dimensions exactly as the SOF frame header gives them:
// they are not rotated by the EXIF orientation. Callers that need the
// displayed size swap width and height for orientations 5 to 8.
package jpegmeta
