// Package iptc reads and writes the two containers news photos carry
// their caption in: Photoshop image resource blocks (the "8BIM" resources
// of a JPEG's APP13 segment) and, inside resource 0x0404, the IPTC
// Information Interchange Model (IIM 4.2) datasets.
//
// Decoding is lenient and bounded: hostile sizes and lengths become
// warnings, never allocations, and whatever was read before a problem is
// returned. Encoding is strict: what Encode and EncodeResources write is
// well-formed, UTF-8 marked (1:90 "ESC % G") and readable by ExifTool and
// Photo Mechanic.
//
// Character sets: IIM text is UTF-8 when envelope dataset 1:90 is
// ESC % G. Otherwise it is read as Windows-1252, the superset of Latin-1
// that old agency software wrote (and what ExifTool assumes by default),
// with a warning. A value that is not valid UTF-8 although UTF-8 is
// declared is read as Windows-1252 too, with a warning naming the dataset.
//
// References: IPTC-NAA Information Interchange Model 4.2 (§1.5 dataset
// structure, §1.5.4 extended datasets, §1.6 envelope record 1:90, chapter
// 6 application record 2); Adobe Photoshop File Formats Specification,
// "Image Resource Blocks"; ExifTool's Photoshop.pm and IPTC.pm for what
// real files contain and for the IPTC digest (resource 0x0425).
package iptc
