package parse

import (
	"github.com/cutline/cutline/caption"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the inside of a credit: the pieces of a slash or via
// chain, which of them is the agency, the provider and the photographer.

// readCredit reads a credit body (what follows a lead such as "Photo by",
// or a whole slash chain). inParens says the body was in parentheses, where
// an unknown organisation after a name can be taken for the agency.
func readCredit(lead, body string, inParens bool) (foundCredit, bool) {
	var c foundCredit
	ll := strings.ToLower(lead)
	if ll == "©" || ll == "copyright" {
		lead, ll = "", "" // a copyright sign credits like a bare chain
	}
	c.file = strings.Contains(ll, "file")
	c.pool = strings.Contains(ll, "pool")
	c.handout = strings.Contains(ll, "handout")
	var parts []creditPart
	pieces := splitSlashes(body)
	for i, piece := range pieces {
		parts = append(parts, classifyPiece(piece, &c, i == 0 && !inParens && lead == "")...)
	}
	parts = relayVia(mergeAgencies(parts))
	if len(parts) == 0 {
		if c.file || c.pool || c.handout {
			c.prio = prioFlags
			return c, true
		}
		if strings.HasPrefix(ll, "ap ") || strings.HasPrefix(ll, "afp ") {
			c.agency, _ = agencyName(strings.Fields(lead)[0])
			c.prio = prioAgency
			return c, true
		}
		return c, false
	}
	singleNamePhotographer(parts)
	slotNames(parts, lead != "")
	for _, pt := range parts {
		if pt.kind == pkName && c.photographer == "" {
			c.photographer = parseNameCase(pt.text)
		}
	}
	agencyAt, viaAt := chooseAgency(parts, lead == "")
	switch {
	case agencyAt >= 0 && parts[agencyAt].kind == pkAgency:
		c.agency = parts[agencyAt].text
		c.prio = prioAgency
	case agencyAt >= 0:
		// An organisation not in the table distributes the picture: keep it
		// when the credit's shape says so.
		if inParens || lead != "" {
			c.agency = parseTitleCase(parts[agencyAt].text)
			c.prio = prioUnknownOrg
		}
	}
	if viaAt >= 0 {
		c.via = parts[viaAt].text
		if parts[viaAt].kind == pkOrg && (strings.Contains(c.via, " ") || len(c.via) > 5) {
			c.via = parseTitleCase(c.via) // "NASA", "KCNA" stay acronyms
		}
	}
	if lead != "" && strings.Contains(ll, "should read") && c.agency != "" {
		c.prio = prioInstruction
	}
	if c.agency == "" {
		if c.photographer == "" {
			if c.file || c.pool || c.handout {
				return c, true
			}
			return c, false
		}
		if lead == "" && !inParens {
			return c, false
		}
		c.prio = prioName
	}
	return c, true
}

// singleNamePhotographer marks as a name the single word that opens a
// chain of providers: photographers credited by one name ("Scheidemann/
// picture alliance via Getty Images", "RIJASOLO/RIVA PRESS"). The word must
// look like a name, not an acronym or an institution, and another provider
// must follow it before any "via".
func singleNamePhotographer(parts []creditPart) {
	if len(parts) < 2 || parts[0].kind != pkOrg || strings.Contains(parts[0].text, " ") {
		return
	}
	w := parts[0].text
	lw := strings.ToLower(w)
	if len(w) < 3 || !nameWordOK(w, true) || allCapsWord(w) && len(w) <= 5 || isOrgWord(lw) ||
		isFacilityWord(lw) || isDistributionBrand(w) || isStringer(w) || lookupPlace(w) != kindNone ||
		titleOf(lw) != notTitle || isDemonym(lw) {
		return
	}
	for _, pt := range parts[1:] {
		switch pt.kind {
		case pkVia, pkName:
			return
		case pkAgency, pkOrg:
			parts[0].kind = pkName
			return
		}
	}
}

// slotNames reads as a photographer's name an organisation part that is a
// name but for a legal-form suffix ("EVARISTO SA"), where the credit puts
// a photographer: first after a lead ("Photo by EVARISTO SA/AFP"), after a
// leading agency ("REUTERS/Evaristo Sa") or just before the agency
// ("Evaristo Sa/AFP"). Elsewhere it stays an organisation, as providers
// are: "Handout/Volkswagen AG via REUTERS".
func slotNames(parts []creditPart, afterLead bool) {
	for i := range parts {
		if parts[i].kind != pkOrg || !parts[i].nameLike {
			continue
		}
		if i == 0 && afterLead ||
			i == 1 && !afterLead && parts[0].kind == pkAgency ||
			i == 0 && len(parts) > 1 && parts[1].kind == pkAgency {
			parts[i].kind = pkName
		}
	}
}

// chooseAgency returns the index of the part that is the credited agency
// and of the provider it carries the picture for (or -1).
//
// brand allows a leading agency to brand the chain ("REUTERS/Name"); after a
// lead such as "Photo by" the agency is written last ("Photo by NAME / AFP").
func chooseAgency(parts []creditPart, brand bool) (agencyAt, viaAt int) {
	agencyAt, viaAt = -1, -1
	lastVia := -1
	for i, pt := range parts {
		if pt.kind == pkVia {
			lastVia = i
		}
	}
	isOrg := func(k partKind) bool { return k == pkAgency || k == pkOrg }
	if lastVia >= 0 {
		for i := lastVia + 1; i < len(parts); i++ {
			if parts[i].kind == pkAgency {
				agencyAt = i
				break
			}
			if parts[i].kind == pkOrg && agencyAt < 0 {
				agencyAt = i
			}
		}
		for i := lastVia - 1; i >= 0; i-- {
			if isOrg(parts[i].kind) {
				viaAt = i
				break
			}
		}
		// "SOPA Images/LightRocket via Getty Images": LightRocket distributes
		// for the provider named before it.
		if viaAt > 0 && isDistributionBrand(parts[viaAt].text) && isOrg(parts[viaAt-1].kind) {
			viaAt--
		}
		return agencyAt, viaAt
	}
	var agencies []int
	for i, pt := range parts {
		if pt.kind == pkAgency {
			agencies = append(agencies, i)
		}
	}
	if len(agencies) == 0 {
		// No known agency: the last organisation, if a name precedes it.
		for i := len(parts) - 1; i > 0; i-- {
			if parts[i].kind == pkOrg {
				for j := 0; j < i; j++ {
					if parts[j].kind == pkName {
						return i, -1
					}
				}
				break
			}
		}
		return -1, -1
	}
	for len(agencies) > 1 && parts[agencies[len(agencies)-1]].text == "Shutterstock" {
		// "NAME/EPA-EFE/REX", "EPA-EFE/REX/Shutterstock": Shutterstock
		// resells the agency's picture; the agency stays the agency.
		parts = parts[:agencies[len(agencies)-1]]
		agencies = agencies[:len(agencies)-1]
	}
	last := agencies[len(agencies)-1]
	if parts[last].text == "Getty Images" {
		// Getty Images distributes other agencies: "AFP/Getty Images".
		brand = false
	}
	if parts[0].text == "Korea Pool" {
		brand = false // a pool provides, it does not brand
	}
	if (brand || len(agencies) == 1) && agencies[0] == 0 && len(parts) > 1 {
		// After a lead too, when the only agency comes first: "(Photo:
		// EPA-EFE / Master Corporal Alana Morin / Canadian Armed Forces)".
		// A leading agency brands the chain: REUTERS/Name, EPA-EFE/YONHAP.
		for i := 1; i < len(parts); i++ {
			if isOrg(parts[i].kind) {
				return 0, i
			}
		}
		return 0, -1
	}
	agencyAt = agencies[len(agencies)-1]
	for i := agencyAt - 1; i >= 0; i-- {
		if isOrg(parts[i].kind) {
			viaAt = i
			break
		}
	}
	if viaAt > 0 && isDistributionBrand(parts[viaAt].text) && isOrg(parts[viaAt-1].kind) {
		viaAt--
	}
	return agencyAt, viaAt
}

// relayVia restores the "via" of an agency whose name carries it ("KCNA
// VIA KNS") when another part follows: in "(KCNA VIA KNS / AFP)" AFP
// distributes KCNA's picture, as in "KCNA via AFP", and KCNA does not brand
// the chain as REUTERS does in "REUTERS/Name".
func relayVia(parts []creditPart) []creditPart {
	for i := 0; i < len(parts)-1 && len(parts) < 64; i++ {
		if parts[i].relayed && parts[i+1].kind != pkVia {
			parts = slices.Insert(parts, i+1, creditPart{kind: pkVia})
			i++
		}
	}
	return parts
}

// mergeAgencies joins neighbouring parts that name one agency ("EPA/EFE",
// "PA Wire/PA Images").
func mergeAgencies(parts []creditPart) []creditPart {
	var out []creditPart
	for _, pt := range parts {
		if n := len(out); n > 0 && pt.kind == pkAgency && out[n-1].kind == pkAgency {
			prev := out[n-1].text
			if prev == pt.text {
				continue
			}
			if a, ok := caption.NormalizeAgency(prev + " " + pt.text); ok && a == prev {
				continue
			}
		}
		out = append(out, pt)
	}
	return out
}

// splitSlashes cuts a credit at its slashes.
func splitSlashes(body string) []string {
	var out []string
	for _, s := range strings.Split(body, "/") {
		// "Aurelien Meunier - PSG": a spaced dash separates like a slash.
		for _, q := range strings.Split(s, " - ") {
			if q = strings.TrimSpace(q); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// viaWord finds " via " (any case) in s, or a leading "via ".
var viaWord = regexp.MustCompile(`(?i)(?:^|\s)via(?:\s|$)`)

// classifyPiece sorts one slash-separated piece of a credit into parts and
// sets the flags it carries. trimLeft allows dropping leading words that
// belong to the sentence before an unparenthesised chain ("U.S. REUTERS").
func classifyPiece(s string, c *foundCredit, trimLeft bool) []creditPart {
	s = strings.Trim(s, ` ,.;:-–—"'|`)
	if s == "" {
		return nil
	}
	if n := len(s); n >= 8 && n%2 == 0 && s[:n/2] == s[n/2:] {
		s = s[:n/2] // "CHRISTOF STACHECHRISTOF STACHE": a name glued to itself
	}
	if low := strings.ToLower(s); strings.HasPrefix(low, "courtesy of ") {
		s = strings.TrimSpace(s[len("courtesy of "):]) // "Name/Courtesy of Saudi Royal Court/Handout"
	}
	if a, ok := agencyName(s); ok {
		// "KCNA VIA KNS" is one agency in the table, but its "via" still
		// says that whatever follows distributes it (see relayVia).
		return []creditPart{{kind: pkAgency, text: a, relayed: viaWord.MatchString(s)}}
	}
	if isDistributionBrand(s) {
		return []creditPart{{kind: pkOrg, text: s}} // "Hulton Archive" is no archive flag
	}
	if m := viaWord.FindStringIndex(s); m != nil {
		var out []creditPart
		if left := s[:m[0]]; strings.TrimSpace(left) != "" {
			out = append(out, classifyPiece(left, c, trimLeft)...)
		}
		out = append(out, creditPart{kind: pkVia})
		return append(out, classifyPiece(s[m[1]:], c, false)...)
	}
	if strings.Contains(s, ",") {
		var out []creditPart
		for i, q := range strings.Split(s, ",") {
			out = append(out, classifyPiece(q, c, trimLeft && i == 0)...)
		}
		return out
	}
	var words []string
	for _, w := range strings.Fields(s) {
		if strings.Trim(w, "-–—") != "" {
			words = append(words, w)
		}
	}
	// Flags written before or after a name or provider.
	for len(words) > 0 && setFlag(words[len(words)-1], c) {
		words = words[:len(words)-1]
	}
	for len(words) > 0 && setFlag(words[0], c) {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil
	}
	words = dropRank(words)
	s = strings.Join(words, " ")
	if a, ok := agencyName(s); ok {
		return []creditPart{{kind: pkAgency, text: a}}
	}
	if i := strings.Index(strings.ToLower(s), " for "); i > 0 {
		if a, ok := agencyName(s[:i]); ok {
			return []creditPart{{kind: pkAgency, text: a}}
		}
	}
	if trimLeft {
		for k := 1; k < len(words); k++ {
			tail := strings.Join(words[k:], " ")
			if a, ok := agencyName(tail); ok {
				return []creditPart{{kind: pkAgency, text: a}}
			}
		}
		for len(words) > 2 && !nameWordOK(words[0], true) {
			words = words[1:]
		}
		s = strings.Join(words, " ")
	}
	if isStringer(s) {
		return nil
	}
	if looksLikeCreditName(words) {
		return []creditPart{{kind: pkName, text: s}}
	}
	if creditNameWords(words, true) {
		// "Evaristo Sa": a name, or a company ("Nestle SA"); slotNames
		// decides by where the credit puts it.
		return []creditPart{{kind: pkOrg, text: s, nameLike: true}}
	}
	if len(words) > 1 && strings.EqualFold(words[len(words)-1], "pool") {
		c.pool = true
		return nil
	}
	if k := lookupPlace(s); k == kindCountry || k == kindRegion {
		// A country alone in a credit ("JAPAN" of "EPA-EFE/JAPAN POOL") is
		// where the picture comes from, not who provides it.
		return nil
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLetter(r) {
		return nil
	}
	return []creditPart{{kind: pkOrg, text: s}}
}

// dropRank removes a military rank before a photographer's name, as
// armed forces credit their pictures: "Master Corporal Alana Morin",
// "Staff Sgt. John Smith", "Petty Officer 2nd Class Jane Doe".
func dropRank(words []string) []string {
	k, rank := 0, false
	for k < len(words) && k < 5 {
		switch strings.ToLower(strings.TrimSuffix(words[k], ".")) {
		case "corporal", "cpl", "sgt", "sergeant", "airman", "petty", "specialist", "spc", "pfc",
			"pvt", "lt", "lieutenant", "capt", "captain", "colonel", "col", "seaman", "ensign",
			"bombardier", "gunner", "trooper", "leading", "aircraftman":
			rank = true
			k++
			continue
		case "master", "lance", "staff", "senior", "chief", "officer", "warrant", "tech", "technical",
			"1st", "2nd", "3rd", "first", "second", "third", "class", "mass", "communication", "private", "maj", "major":
			k++
			continue
		}
		break
	}
	if !rank || len(words)-k < 2 || !looksLikeCreditName(words[k:]) {
		return words
	}
	return words[k:]
}

// isDistributionBrand reports the labels under which Getty Images carries
// other providers' pictures ("Pacific Press/LightRocket", "Keystone/Hulton
// Archive"): the provider is the one named before the label.
func isDistributionBrand(s string) bool {
	switch strings.ToLower(s) {
	case "lightrocket", "hulton archive", "corbis", "corbis via getty images", "archive photos", "gamma-rapho", "gamma-keystone":
		return true
	}
	return false
}

// setFlag reads a credit word that is a flag ("File", "POOL", "Handout",
// "HO", "Photo") and reports whether it was one.
func setFlag(w string, c *foundCredit) bool {
	switch strings.ToLower(strings.Trim(w, ".,")) {
	case "file", "files", "archive":
		c.file = true
	case "pool":
		c.pool = true
	case "handout", "ho":
		c.handout = true
	case "photo", "photos", "picture", "pictures", "image", "images", "photograph", "illustration", "graphic", "screengrab", "screenshot", "video", "still", "foto", "fotos":
	default:
		return false
	}
	return true
}

// isStringer reports credit words that stand for an unnamed photographer.
func isStringer(s string) bool {
	switch strings.ToLower(s) {
	case "str", "stringer", "staff", "-", "x", "xx", "ho", "anonymous", "unknown", "str str", "staff photographer":
		return true
	}
	return false
}

// looksLikeCreditName reports whether the words of a credit part are a
// person's name: two to five words, each capitalised (or in capitals), with
// initials and name particles allowed, and no organisation word.
func looksLikeCreditName(words []string) bool {
	return creditNameWords(words, false)
}

// creditNameWords is looksLikeCreditName, also accepting a last word that is
// a company's legal-form suffix ("Sa", "Ab") when suffix is set, unless the
// suffix alone is in capitals after a name in mixed case ("Nestle SA").
func creditNameWords(words []string, suffix bool) bool {
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	last := len(words) - 1
	if suffix {
		lw := strings.ToLower(words[last])
		if !isLegalSuffix(lw) || allCapsWord(words[last]) && !allCapsWord(strings.Join(words[:last], "")) {
			return false
		}
	}
	for i, w := range words {
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		surname := i == last && (isSurnameWord(lw) || suffix && isLegalSuffix(lw))
		if isOrgWord(lw) && !surname || isDemonym(lw) || titleOf(lw) == titleStrong && len(lw) > 3 {
			return false // "Carl Court" is a photographer, "Korea News Service" is not
		}
		if !nameWordOK(w, i == 0) {
			if i > 0 && i < len(words)-1 && isParticle(lw) {
				continue
			}
			return false
		}
	}
	if lookupPlace(strings.Join(words, " ")) != kindNone {
		return false
	}
	return true
}

// nameWordOK reports whether w can be a word of a person's name: letters
// (with inner hyphens and apostrophes) starting with a capital, or an
// initial ("C.", "J.K.").
func nameWordOK(w string, first bool) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return isArabicArticle(w) && !first
	}
	dots := strings.Count(w, ".")
	for _, r := range w {
		if unicode.IsDigit(r) {
			return false
		}
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '-' && r != '\'' && r != '.' {
			return false
		}
	}
	if dots > 0 {
		// Initials only: "C.", "J.K.", not "U.S." at the start of a name.
		letters := utf8.RuneCountInString(strings.ReplaceAll(w, ".", ""))
		if letters != dots {
			return strings.HasSuffix(w, ".") && dots == 1 && (strings.EqualFold(w, "Jr.") || strings.EqualFold(w, "Sr."))
		}
		if first && letters > 1 && lookupPlace(w) != kindNone {
			return false
		}
	}
	return true
}

// agencyName normalises an agency written in a credit, also when it carries
// a trailing "Photo", "Images", "Pictures" or "Wire" the table does not list.
func agencyName(s string) (string, bool) {
	s = strings.Trim(s, ` ,.;:-"'`)
	if a, ok := caption.NormalizeAgency(s); ok {
		return a, true
	}
	words := strings.Fields(s)
	if len(words) >= 2 && strings.EqualFold(words[0], "the") {
		if a, ok := caption.NormalizeAgency(strings.Join(words[1:], " ")); ok {
			return a, true
		}
	}
	// "Reuters file photo", "Yonhap Photo", "PA Wire Images": drop the
	// words that say what the picture is.
	for len(words) >= 2 {
		switch strings.ToLower(words[len(words)-1]) {
		case "photo", "photos", "images", "pictures", "picture", "wire", "news", "pool", "file", "handout":
			words = words[:len(words)-1]
			if a, ok := caption.NormalizeAgency(strings.Join(words, " ")); ok {
				return a, true
			}
			continue
		}
		break
	}
	return "", false
}

// chainAnchors returns the [start, end) of every slash and every " via "
// in s: the places where a credit chain may be.
func chainAnchors(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			out = append(out, [2]int{i, i + 1})
		}
	}
	for _, m := range findWord(asciiLower(s), "via") {
		out = append(out, [2]int{max(0, m[0]-1), min(len(s), m[1]+1)})
	}
	// Order by position (slashes first, then vias, merged).
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j][0] < out[j-1][0]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// maxChain bounds how far a credit chain grows on either side of its
// anchor: credits are short, and a long run of slashes must not make every
// anchor read the whole caption.
const maxChain = 160

// chainSpan grows a credit chain around the anchor s[a:b] (a slash or a
// "via") over the words a credit is made of, and returns its extent.
func chainSpan(s string, a, b int) (int, int) {
	start := a
	slashes := 0
	for words := 0; words < 7 && a-start < maxChain; words++ {
		i := start
		for i > 0 && s[i-1] == ' ' {
			i--
		}
		j := i
		for j > 0 && s[j-1] != ' ' && s[j-1] != '/' && s[j-1] != '|' && s[j-1] != '(' && s[j-1] != ')' {
			j--
		}
		if j == i {
			if i > 0 && s[i-1] == '/' && slashes < 6 {
				start = i - 1
				slashes++
				continue
			}
			break
		}
		w := s[j:i]
		if !chainWord(w, true) {
			break
		}
		start = j
		if j > 0 && s[j-1] == '/' && slashes < 6 {
			start = j - 1
			words = 0
			slashes++
		}
	}
	end := b
	pieceCase := 0 // 1 mixed case, 2 capitals
	pieceStart := b
	slashes = 0
	for words := 0; words < 8 && end-b < maxChain; words++ {
		i := end
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i < len(s) && s[i] == '/' {
			if slashes++; slashes > 6 {
				break
			}
			end = i + 1
			pieceCase = 0
			pieceStart = end
			words = 0
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '/' && s[j] != '|' && s[j] != '(' && s[j] != ')' {
			j++
		}
		if j == i {
			break
		}
		w := s[i:j]
		bare := strings.TrimRight(w, ".,;:")
		if strings.EqualFold(bare, "of") && i >= 10 && strings.EqualFold(strings.TrimSpace(s[i-10:i]), "courtesy") {
			end = i + len(bare) // "Name/Courtesy of Saudi Royal Court/Handout"
			continue
		}
		if !chainWord(bare, false) {
			break
		}
		wc := 1
		if allCapsWord(bare) {
			wc = 2
		}
		if pieceCase != 0 && wc != pieceCase && (wc == 2 || len(bare) > 3) && !isViaWord(bare) {
			_, ok := agencyName(bare)
			if !ok {
				_, ok = agencyName(s[pieceStart : i+len(bare)]) // "RIA Novosti"
			}
			if !ok {
				break
			}
		}
		if !isViaWord(bare) {
			pieceCase = wc
		} else {
			pieceCase = 0
		}
		end = i + len(bare)
		if bare != w && !strings.HasSuffix(w, ",") {
			// A full stop after a word that is not an initial ends the credit.
			if !(strings.HasSuffix(w, ".") && initialBefore(s, i+len(w)-1)) {
				break
			}
			end = i + len(w)
		}
		if strings.HasSuffix(w, ",") {
			end = i + len(w)
		}
	}
	for start < end && (s[start] == ' ' || s[start] == '/') {
		start++
	}
	for end > start && strings.ContainsRune(" /,", rune(s[end-1])) {
		end--
	}
	return start, end
}

func isViaWord(w string) bool { return strings.EqualFold(w, "via") }

// chainWord reports whether w can be a word of a credit chain: capitalised
// or in capitals, a lower-case agency ("epa", "dpa"), a name particle or
// "via". Going left, a word ending a sentence stops the chain.
func chainWord(w string, left bool) bool {
	if w == "" {
		return false
	}
	if isViaWord(w) {
		return true
	}
	for _, r := range w {
		if unicode.IsDigit(r) {
			_, ok := caption.NormalizeAgency(w)
			return ok // "News1"
		}
	}
	if left && strings.HasSuffix(w, ".") && !initialBefore(w+" ", len(w)-1) {
		return false
	}
	if strings.ContainsAny(w, ",;:\"") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	if _, ok := caption.NormalizeAgency(w); ok && len(w) >= 3 {
		return true
	}
	return isParticle(w) || isArabicArticle(w)
}

// trailingAgency finds a bare agency name as the last words of a caption:
// "... on Monday. AFP", "... - Yonhap", "... / AFP PHOTO".
func trailingAgency(work string) (foundCredit, bool) {
	end := len(work)
	for end > 0 && strings.ContainsRune(" |.,;:-/", rune(work[end-1])) {
		end--
	}
	if end == 0 {
		return foundCredit{}, false
	}
	start := end
	for words := 0; start > 0 && words < 4; {
		c := work[start-1]
		if c == '.' || c == '|' || c == '/' || c == '(' || c == ')' || c == ':' || c == ';' || c == ',' || c == '"' {
			break
		}
		if c == '-' && start >= 2 && work[start-2] == ' ' {
			break
		}
		if c == ' ' {
			words++
		}
		start--
	}
	seg := strings.TrimSpace(work[start:end])
	a, ok := agencyName(seg)
	if !ok {
		// "... in this screen grab obtained by REUTERS": the agency after
		// "by" or "via" ends the caption.
		words := strings.Fields(seg)
		for k := len(words) - 1; k >= 1 && !ok; k-- {
			switch strings.ToLower(words[k-1]) {
			case "by", "via":
				if a, ok = agencyName(strings.Join(words[k:], " ")); ok {
					start = end - len(strings.Join(words[k:], " "))
					seg = work[start:end]
				}
			}
		}
	}
	if !ok || len(seg) < 2 {
		return foundCredit{}, false
	}
	// A bare short name ("AP", "PA") must stand apart as a credit does,
	// after a full stop, a dash or a slash.
	before := strings.TrimRight(work[:start], " ")
	if q := strings.TrimRight(before, "\"'”’"); len(q) < len(before) && q != "" && strings.ContainsRune(".!?", rune(q[len(q)-1])) {
		before = q // `... read "North, launched multiple cruise missiles." AP`
	}
	if before != "" && !strings.ContainsRune(".-–—/|:", rune(before[len(before)-1])) && len(seg) <= 3 {
		return foundCredit{}, false
	}
	return foundCredit{start: start, end: end, prio: prioAgency - 1, agency: a}, true
}
