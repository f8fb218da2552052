package xmp

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// ParseWithExtended parses a JPEG's standard packet with the default
// limits and merges its extended XMP; see ParseOptions.ParseWithExtended.
func ParseWithExtended(std []byte, ext map[string][]byte) (*Packet, []string, error) {
	return (*ParseOptions)(nil).ParseWithExtended(std, ext)
}

// ParseWithExtended parses a JPEG's standard packet and, when its
// xmpNote:HasExtendedXMP names a GUID found in ext (extended packets
// reassembled from their APP1 chunks, keyed by GUID), parses that packet
// and merges it (XMP Specification Part 3 §1.1.3.1).
//
// A missing chunk, a chunk with another GUID, a GUID that is not the MD5
// of its packet, or an unreadable extended packet is a warning: the
// standard properties are returned all the same. Errors are those of
// Parse on the standard packet.
func (o *ParseOptions) ParseWithExtended(std []byte, ext map[string][]byte) (*Packet, []string, error) {
	p, warn, err := o.Parse(std)
	if err != nil {
		return nil, warn, err
	}
	keys := make([]string, 0, len(ext))
	for k := range ext {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	guid := strings.TrimSpace(p.Text(NSXMPNote, hasExtendedName))
	if guid == "" {
		if len(keys) > 0 {
			warn = append(warn, fmt.Sprintf("xmp: extended XMP %s present but the standard packet has no xmpNote:HasExtendedXMP; ignored", strings.Join(keys, ", ")))
		}
		return p, warn, nil
	}
	found := ""
	for _, k := range keys {
		if strings.EqualFold(k, guid) && (found == "" || k == guid) {
			found = k
		}
	}
	for _, k := range keys {
		if k != found {
			warn = append(warn, fmt.Sprintf("xmp: extended XMP %s is not the one the standard packet names (%s); ignored", k, guid))
		}
	}
	if found == "" {
		warn = append(warn, fmt.Sprintf("xmp: standard packet names extended XMP %s but it is missing", guid))
		return p, warn, nil
	}
	data := ext[found]
	if sum := md5Hex(data); !strings.EqualFold(sum, guid) {
		warn = append(warn, fmt.Sprintf("xmp: extended XMP GUID %s is not the MD5 of its packet (%s); merged anyway", guid, sum))
	}
	e, ew, err := o.Parse(data)
	for _, w := range ew {
		warn = append(warn, "xmp: extended XMP: "+strings.TrimPrefix(w, "xmp: "))
	}
	if err != nil {
		warn = append(warn, fmt.Sprintf("xmp: extended XMP %s unreadable, standard properties only: %v", guid, err))
		return p, warn, nil
	}
	p.Merge(e)
	return p, warn, nil
}

// Merge adds the properties of ext, a JPEG's extended packet, to p. A
// property present in both takes ext's value, as Adobe's XMP Toolkit does
// when it merges the two parts. xmpNote:HasExtendedXMP is removed: after
// the merge it names nothing, and MarshalSplit sets it again when needed.
func (p *Packet) Merge(ext *Packet) {
	if p.prefixes == nil {
		p.prefixes = map[string]string{}
	}
	for uri, pfx := range ext.prefixes {
		if _, ok := p.prefixes[uri]; !ok {
			p.prefixes[uri] = pfx
		}
	}
	for _, n := range ext.props {
		if n.Name != (Name{NSXMPNote, hasExtendedName}) {
			p.put(n.Clone())
		}
	}
	p.Delete(NSXMPNote, hasExtendedName)
}

// stayStandard reports the properties MarshalSplit moves last: cutline's
// caption fields (the DESIGN.md table) and the usage rights. Many readers
// (web CMSs, older desk tools) never look at extended XMP, and these are
// what a photo must not lose on its way to them.
func stayStandard(n Name) bool {
	switch n.NS {
	case NSDC:
		switch n.Local {
		case "description", "title", "creator", "rights", "subject":
			return true
		}
	case NSPhotoshop:
		switch n.Local {
		case "Headline", "CaptionWriter", "AuthorsPosition", "Credit", "Source",
			"Instructions", "TransmissionReference", "DateCreated", "City", "State", "Country":
			return true
		}
	case NSIptc4xmpCore:
		return n.Local == "Location" || n.Local == "CountryCode"
	case NSIptc4xmpExt:
		return n.Local == "PersonInImage"
	case NSXMPRights:
		return n.Local == "UsageTerms" || n.Local == "WebStatement"
	}
	return false
}

// MarshalSplit writes the packet for a JPEG. When it fits in maxStd bytes
// (0 or less means MaxStandardPacket) it is returned whole as std, padded
// as far as the limit allows, and ext is nil. Otherwise properties move to
// an extended packet (XMP Specification Part 3 §1.1.3.1) until the
// standard one fits:
//
//   - other properties first, largest first (thumbnails, Camera Raw
//     settings and edit histories are what overflow in practice);
//   - the caption fields cutline edits and the usage rights (stayStandard)
//     only when nothing else is left, again largest first, so that
//     dc:description stays unless the caption fields alone overflow; other
//     properties that then fit again are brought back, smallest first.
//
// The standard packet then carries xmpNote:HasExtendedXMP = guid, the
// upper-case hex MD5 of ext; ext has no <?xpacket?> wrapper and no padding,
// as the specification requires. An xmpNote:HasExtendedXMP in the model
// is never copied: it is recomputed here. ErrTooLarge means even a
// standard packet with every property moved is over maxStd.
func (p *Packet) MarshalSplit(maxStd int) (std, ext []byte, guid string, err error) {
	if maxStd <= 0 {
		maxStd = MaxStandardPacket
	}
	hasExt := Name{NSXMPNote, hasExtendedName}
	props := make([]*Node, 0, len(p.props))
	for _, n := range p.props {
		if n.Name != hasExt {
			props = append(props, n)
		}
	}
	full, err := p.serialize(props, true, 0)
	if err != nil {
		return nil, nil, "", err
	}
	if len(full) <= maxStd {
		std, err = p.serialize(props, true, min(DefaultPadding, maxStd-len(full)))
		return std, nil, "", err
	}

	type candidate struct {
		n    *Node
		size int
		last bool
	}
	w := &writer{prefix: p.assignPrefixes(props)}
	cands := make([]candidate, len(props))
	for i, n := range props {
		w.buf.Reset()
		if err := w.node(n, 3); err != nil {
			return nil, nil, "", err
		}
		cands[i] = candidate{n, w.buf.Len(), stayStandard(n.Name)}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		switch {
		case a.last != b.last:
			if a.last {
				return 1
			}
			return -1
		case a.size != b.size:
			return b.size - a.size
		case a.n.Name.NS != b.n.Name.NS:
			return strings.Compare(a.n.Name.NS, b.n.Name.NS)
		}
		return strings.Compare(a.n.Name.Local, b.n.Name.Local)
	})

	// The placeholder has the length of a real GUID, so the standard
	// packet measured with it has its final size.
	note := &Node{Name: hasExt, Kind: Simple, Value: strings.Repeat("0", 32)}
	moved := map[*Node]bool{}
	estimate := len(full) + 120 // the note and its namespace declaration
	fits, movedCaption, size := false, false, 0
	for _, c := range cands {
		moved[c.n] = true
		movedCaption = movedCaption || c.last
		estimate -= c.size
		if estimate > maxStd {
			continue
		}
		s, err := p.serialize(keep(props, moved, note), true, 0)
		if err != nil {
			return nil, nil, "", err
		}
		if len(s) <= maxStd {
			fits, size = true, len(s)
			break
		}
	}
	if !fits {
		return nil, nil, "", fmt.Errorf("%w: the standard packet exceeds %d bytes even with every property moved to extended XMP", ErrTooLarge, maxStd)
	}
	if movedCaption {
		// Caption fields had to move, after every other property. Now
		// bring back the small ones that still fit, smallest first; the
		// attempts are capped, as each costs a serialisation.
		tries := 0
		for i := len(cands) - 1; i >= 0 && tries < maxBringBack; i-- {
			c := cands[i]
			if !moved[c.n] || c.last || size+c.size > maxStd {
				continue
			}
			tries++
			delete(moved, c.n)
			s, err := p.serialize(keep(props, moved, note), true, 0)
			if err != nil {
				return nil, nil, "", err
			}
			if len(s) > maxStd {
				moved[c.n] = true
			} else {
				size = len(s)
			}
		}
	}
	var out []*Node
	for _, n := range props {
		if moved[n] {
			out = append(out, n)
		}
	}
	if ext, err = p.serialize(out, false, 0); err != nil {
		return nil, nil, "", err
	}
	guid = md5Hex(ext)
	note.Value = guid
	kept := keep(props, moved, note)
	bare, err := p.serialize(kept, true, 0)
	if err != nil {
		return nil, nil, "", err
	}
	std, err = p.serialize(kept, true, min(DefaultPadding, maxStd-len(bare)))
	return std, ext, guid, err
}

// maxBringBack bounds the serialisations MarshalSplit spends on bringing
// properties back to the standard packet.
const maxBringBack = 256

func keep(props []*Node, moved map[*Node]bool, note *Node) []*Node {
	out := []*Node{note}
	for _, n := range props {
		if !moved[n] {
			out = append(out, n)
		}
	}
	return out
}

func md5Hex(b []byte) string {
	sum := md5.Sum(b)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}
