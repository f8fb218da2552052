package iptc

import "strconv"

// Tag is a dataset number of the IIM application record (record 2).
type Tag uint8

// The record-2 datasets cutline reads and writes (IIM 4.2 chapter 6), with
// the XMP property each corresponds to in DESIGN.md.
const (
	ObjectName          Tag = 5   // title; dc:title
	Keywords            Tag = 25  // repeatable; dc:subject
	SpecialInstructions Tag = 40  // photoshop:Instructions
	DateCreated         Tag = 55  // CCYYMMDD; photoshop:DateCreated (date part)
	TimeCreated         Tag = 60  // HHMMSS±HHMM; photoshop:DateCreated (time part)
	Byline              Tag = 80  // creator, repeatable; dc:creator
	BylineTitle         Tag = 85  // repeatable; photoshop:AuthorsPosition
	City                Tag = 90  // photoshop:City
	Sublocation         Tag = 92  // Iptc4xmpCore:Location
	ProvinceState       Tag = 95  // photoshop:State
	CountryCode         Tag = 100 // Iptc4xmpCore:CountryCode
	CountryName         Tag = 101 // photoshop:Country
	JobID               Tag = 103 // OriginalTransmissionReference; photoshop:TransmissionReference
	Headline            Tag = 105 // photoshop:Headline
	Credit              Tag = 110 // photoshop:Credit
	Source              Tag = 115 // photoshop:Source
	CopyrightNotice     Tag = 116 // dc:rights
	Caption             Tag = 120 // Caption/Abstract; dc:description
	CaptionWriter       Tag = 122 // Writer/Editor, repeatable; photoshop:CaptionWriter
)

// MaxLen returns the IIM 4.2 maximum length in bytes of one value of tag,
// or 0 when this package does not know the tag.
func MaxLen(t Tag) int {
	switch t {
	case ObjectName, Keywords, CountryName:
		return 64
	case SpecialInstructions, Headline:
		return 256
	case DateCreated:
		return 8
	case TimeCreated:
		return 11
	case Byline, BylineTitle, City, Sublocation, ProvinceState, JobID, Credit, Source, CaptionWriter:
		return 32
	case CountryCode:
		return 3
	case CopyrightNotice:
		return 128
	case Caption:
		return 2000
	}
	return 0
}

// Repeatable reports whether IIM 4.2 allows tag to occur more than once.
func Repeatable(t Tag) bool {
	switch t {
	case Keywords, Byline, BylineTitle, CaptionWriter:
		return true
	}
	return false
}

// String returns the IIM name of the tag ("Caption-Abstract"), or
// "dataset N" for tags this package does not name.
func (t Tag) String() string {
	switch t {
	case ObjectName:
		return "ObjectName"
	case Keywords:
		return "Keywords"
	case SpecialInstructions:
		return "SpecialInstructions"
	case DateCreated:
		return "DateCreated"
	case TimeCreated:
		return "TimeCreated"
	case Byline:
		return "By-line"
	case BylineTitle:
		return "By-lineTitle"
	case City:
		return "City"
	case Sublocation:
		return "Sub-location"
	case ProvinceState:
		return "Province-State"
	case CountryCode:
		return "Country-PrimaryLocationCode"
	case CountryName:
		return "Country-PrimaryLocationName"
	case JobID:
		return "OriginalTransmissionReference"
	case Headline:
		return "Headline"
	case Credit:
		return "Credit"
	case Source:
		return "Source"
	case CopyrightNotice:
		return "CopyrightNotice"
	case Caption:
		return "Caption-Abstract"
	case CaptionWriter:
		return "Writer-Editor"
	}
	return "dataset " + strconv.Itoa(int(t))
}

// isText reports whether a record-2 dataset holds text. The exceptions are
// the binary ones: 2:00 record version and the 2:200..2:202 object
// preview.
func isText(t Tag) bool {
	switch t {
	case 0, 200, 201, 202:
		return false
	}
	return true
}
