// Package xmp reads and writes XMP packets (Adobe's Extensible Metadata
// Platform, ISO 16684-1) for cutline: the caption, credit and keywords that
// travel inside a JPEG's APP1 segments.
//
// # Model
//
// Parse turns a packet into a Packet: an ordered list of top-level
// properties, each a Node identified by a Name (namespace URI and local
// name). A Node is a simple value (text, or a URI from rdf:resource), a
// struct (named fields) or an array (rdf:Bag, rdf:Seq, rdf:Alt; a lang-alt
// is an Alt whose items carry xml:lang). Any node may carry qualifiers. The
// model is faithful: unknown namespaces and properties are kept with their
// structure, so Marshal(Parse(x)) reads back in ExifTool as x did.
//
// Every RDF/XML form that real writers use is accepted: properties as
// attributes of rdf:Description (Photo Mechanic, Adobe), several
// rdf:Description elements (merged), nested rdf:Description or
// rdf:parseType="Resource" structs, empty property elements whose attributes
// are struct fields, rdf:resource URIs, rdf:value qualified values, the old
// unqualified "about" attribute, packets with or without the <?xpacket?>
// wrapper and x:xmpmeta, and UTF-8, UTF-16 and UTF-32 in either byte order.
//
// # Untrusted input
//
// Packets come from files that are hostile until proven otherwise. The
// parser never expands entities: a DOCTYPE (or any other <!...>
// declaration) refuses the whole packet with ErrDTD, so billion-laughs
// packets cost nothing. Packet size, element depth and the number of model
// nodes are capped (ParseOptions). Malformed or truncated XML keeps the
// properties completed before the fault and reports the fault as a warning;
// Parse returns an error when nothing usable was found (and always for a
// DTD).
//
// # Reading conventions
//
// A property repeated in one packet keeps its last value, as ExifTool (the
// project's oracle) shows it. Text of a lang-alt is its x-default item, else
// its first item (ExifTool then shows only language-tagged tags). Values
// are returned as the packet spells them: dates stay ISO 8601
// ("2004-02-26"), where ExifTool prints "2004:02:26".
//
// # Writing
//
// Marshal writes one rdf:Description with every namespace declared, every
// property, field, item and qualifier in model order (the source's order,
// then new properties in the order they were set: readers such as ExifTool
// let the later of two clashing properties win, so order is meaning), and
// 2 KB of padding so that in-place editors can grow the packet.
// Text is escaped for XML; characters that XML 1.0 cannot carry (C0 controls
// other than tab, line feed and carriage return, U+FFFE, U+FFFF) are
// dropped and invalid UTF-8 becomes U+FFFD, by the setters and again by
// Marshal, so the output is always well-formed. Carriage returns are written
// as &#xD; so that they survive XML's line-end normalisation.
//
// MarshalSplit applies XMP Specification Part 3 §1.1.3.1 (extended XMP in
// JPEG) when the packet exceeds what one APP1 segment can hold; see its doc
// for which properties move and which stay.
package xmp
