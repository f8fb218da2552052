package caption

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A caption credits its picture in one of a few shapes, which this file
// finds and reads:
//
//	in parentheses   (AP Photo/Jae C. Hong, File)  (Photo by JUNG YEON-JE / AFP)
//	                 (Name/The New York Times via AP)  (AFP photo)  (Yonhap)
//	a slash chain    REUTERS/Kim Hong-Ji/File Photo  EPA-EFE/JEON HEON-KYUN / POOL
//	                 THE CANADIAN PRESS/Sean Kilpatrick  Name/AFP via Getty Images
//	a via chain      KCNA via REUTERS  Turkish Presidential Press Office/Handout via REUTERS
//	after a lead     Photo credit should read: Name/PA Wire  Photograph: Name/AP  Photo: AFP
//	a last word      ... on Monday. AFP
//	a dateline       SEOUL, Nov 25 (Reuters) -
//
// Each credit is cut into parts at slashes, commas and "via"; each part is an
// agency (NormalizeAgency), a flag (File, Pool, Handout), a person's name or
// another organisation. Which agency is credited follows the agencies' own
// conventions: a leading agency brands the chain ("REUTERS/Name",
// "EPA-EFE/YONHAP"), otherwise the last one distributes it ("Name/AFP/Getty
// Images"), and "A via B" makes B the agency and A the provider (Via).

// Credit priorities: when a caption has several credits, the strongest is
// the agency; equal ones go to the last, as captions end with their credit.
const (
	prioFlags       = iota // flags only: "(Pool photo)"
	prioName               // a photographer without an agency
	prioDateline           // a story dateline "(Reuters)"
	prioUnknownOrg         // an organisation not in the agency table
	prioAgency             // a known agency
	prioInstruction        // "Photo credit should read ..."
)

// foundCredit is one credit found in a caption.
type foundCredit struct {
	start, end   int
	prio         int
	agency       string
	via          string
	photographer string
	file, pool   bool
	handout      bool
}

// partKind sorts the parts of a credit.
type partKind uint8

const (
	pkAgency partKind = iota
	pkName
	pkOrg
	pkVia
)

type creditPart struct {
	kind partKind
	text string // as written (pkName, pkOrg) or normalised (pkAgency)
}

// Credit leads are the words that introduce a credit: "Photo by", "File
// photo by", "Photo credit should read", "Photograph:", "Credit:",
// "Courtesy of", "©". matchLead reads one at the start of s.
var (
	leadPhotoWords = []string{"photographs", "photograph", "photographer", "photos", "photo",
		"pictures", "picture", "images", "image", "pics", "pic"}
	leadQualifiers = []string{"file", "pool", "handout", "afp", "ap"}
)

// matchLead reports whether s starts with a credit lead, returning the
// lead (without a colon) and where the credit body starts.
func matchLead(s string) (lead string, body int, ok bool) {
	low := asciiLower(s[:min(len(s), 64)])
	if strings.HasPrefix(low, "©") {
		return "©", skipSpaces(s, len("©")), true
	}
	word := func(at int, w string) (int, bool) {
		if strings.HasPrefix(low[at:], w) && (at+len(w) == len(low) || !isWordByte(low[at+len(w)])) {
			return at + len(w), true
		}
		return at, false
	}
	colon := func(at int) (int, bool) {
		k := skipSpaces(low, at)
		if k < len(low) && low[k] == ':' {
			return k + 1, true
		}
		return at, false
	}
	if e, ok := word(0, "photo credit should read"); ok {
		c, _ := colon(e)
		return s[:e], skipSpaces(s, c), true
	}
	for _, w := range []string{"photo credit", "mandatory credit", "credit"} {
		if e, ok := word(0, w); ok {
			if c, ok := colon(e); ok {
				return s[:e], skipSpaces(s, c), true
			}
			return "", 0, false
		}
	}
	for _, w := range []string{"courtesy of", "courtesy", "copyright"} {
		if e, ok := word(0, w); ok {
			return s[:e], skipSpaces(s, e), true
		}
	}
	at := 0
	for _, q := range leadQualifiers {
		if e, ok := word(0, q); ok && e < len(low) && low[e] == ' ' {
			at = e + 1
			break
		}
	}
	for _, w := range leadPhotoWords {
		e, ok := word(at, w)
		if !ok {
			continue
		}
		if c, ok := colon(e); ok && at == 0 {
			return s[:e], skipSpaces(s, c), true
		}
		if b, ok := word(skipSpaces(low, e), "by"); ok && b > e+1 {
			return s[:b], skipSpaces(s, b), true
		}
		return "", 0, false
	}
	return "", 0, false
}

func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// leadMatch is a credit lead found in a caption: where it starts, the lead
// itself and where the credit body starts.
type leadMatch struct {
	start, body int
	lead        string
}

// leadMatches finds the credit leads of s, trying matchLead only where one
// of its words starts.
func leadMatches(s string) []leadMatch {
	low := asciiLower(s)
	var starts []int
	for _, w := range []string{"photo", "pic", "image", "credit", "courtesy", "copyright", "©"} {
		for i := 0; i < len(low); {
			j := strings.Index(low[i:], w)
			if j < 0 {
				break
			}
			at := i + j
			starts = append(starts, at)
			// A lead may begin one word earlier: "file photo by", "AP photo
			// by", "mandatory credit:".
			if at >= 2 && low[at-1] == ' ' {
				starts = append(starts, strings.LastIndexByte(low[:at-1], ' ')+1)
			}
			i = at + len(w)
		}
	}
	slices.Sort(starts)
	var out []leadMatch
	end := -1
	for _, st := range starts {
		if st < end || st > 0 && isWordByte(low[st-1]) {
			continue
		}
		lead, body, ok := matchLead(s[st:])
		if !ok {
			continue
		}
		out = append(out, leadMatch{start: st, body: st + body, lead: lead})
		end = st + body
	}
	return out
}

// credits finds every credit of the caption, records the strongest in the
// facts and blanks them all out of the working text.
func (p *captionParser) credits() {
	var found []foundCredit
	work := string(p.work)
	// Parenthesised credits.
	for i := 0; i < len(work); i++ {
		if work[i] != '(' && work[i] != '[' {
			continue
		}
		closer := byte(')')
		if work[i] == '[' {
			closer = ']'
		}
		j := strings.IndexByte(work[i+1:min(len(work), i+1+300)], closer)
		if j < 0 {
			continue
		}
		j += i + 1
		inner := work[i+1 : j]
		if strings.ContainsAny(inner, "([") {
			continue
		}
		if c, ok := p.parenCredit(work, i, j, inner); ok {
			found = append(found, c)
			i = j
		}
	}
	for _, c := range found {
		p.blank(c.start, c.end)
	}
	// Credits after a lead phrase, outside parentheses.
	work = string(p.work)
	for _, m := range leadMatches(work) {
		end := parseCreditEnd(work, m.body)
		c, ok := readCredit(m.lead, work[m.body:end], false)
		if !ok {
			continue
		}
		c.start, c.end = m.start, end
		found = append(found, c)
		p.blank(c.start, c.end)
	}
	// Slash and via chains.
	work = string(p.work)
	for _, a := range chainAnchors(work) {
		start, end := chainSpan(work, a[0], a[1])
		if start >= end || strings.ContainsRune(work[start:end], '|') {
			continue
		}
		c, ok := readCredit("", work[start:end], false)
		if !ok || c.prio < prioUnknownOrg {
			continue
		}
		c.start, c.end = start, end
		found = append(found, c)
		p.blank(start, end)
		work = string(p.work)
	}
	// A bare agency as the last word of the caption.
	if c, ok := trailingAgency(string(p.work)); ok {
		found = append(found, c)
		p.blank(c.start, c.end)
	}
	if p.datelineCredit != "" {
		found = append(found, foundCredit{start: -1, prio: prioDateline, agency: p.datelineCredit})
	}
	p.settle(found)
}

// settle records the strongest credit, completing it from the others: a
// photographer or provider named only in a weaker credit of the same
// agency, and the flags of all of them.
func (p *captionParser) settle(found []foundCredit) {
	best := -1
	for i, c := range found {
		p.facts.File = p.facts.File || c.file
		p.facts.Pool = p.facts.Pool || c.pool
		p.facts.Handout = p.facts.Handout || c.handout
		if best < 0 || c.prio > found[best].prio || c.prio == found[best].prio && c.start > found[best].start {
			best = i
		}
	}
	if best < 0 || found[best].prio <= prioFlags {
		p.facts.Agency = p.leadAgency
		return
	}
	b := found[best]
	if b.agency == "" && b.prio == prioName {
		b.agency = p.leadAgency
	}
	for _, c := range found {
		related := c.agency == "" || c.agency == b.agency || c.agency == b.via
		if b.photographer == "" && c.photographer != "" && related && c.prio >= prioName {
			b.photographer = c.photographer
		}
		if b.via == "" && c.via != "" && c.agency == b.agency {
			b.via = c.via
		}
	}
	p.facts.Agency = b.agency
	p.facts.Via = b.via
	p.facts.Photographer = b.photographer
}

// parenCredit reads a parenthesised group as a credit. A bare agency name
// in parentheses is a credit only where credits stand: at the end of the
// caption or before a dateline dash, and never right after the agency's
// full name ("Korean Central News Agency (KCNA)").
func (p *captionParser) parenCredit(work string, open, close int, inner string) (foundCredit, bool) {
	inner = strings.TrimSpace(inner)
	if inner == "" || len(inner) > 240 {
		return foundCredit{}, false
	}
	if !strings.ContainsAny(inner, " /") {
		// One word: an agency ("Yonhap"), a flag ("FILES") or nothing to
		// read ("L", "D-CA", "DMZ").
		var c foundCredit
		if _, ok := agencyName(inner); !ok && !setFlag(inner, &c) {
			return foundCredit{}, false
		}
	}
	lead := ""
	body := inner
	if l, b, ok := matchLead(inner); ok {
		lead, body = l, inner[b:]
	}
	c, ok := readCredit(lead, body, true)
	if !ok {
		return foundCredit{}, false
	}
	c.start, c.end = open, close+1
	if lead == "" && c.prio >= prioDateline && isBareAgency(body) {
		if expandsAcronym(work[:open], body) {
			return foundCredit{}, false
		}
		if !atCreditPosition(work, close+1) {
			return foundCredit{}, false
		}
	}
	return c, true
}

// isBareAgency reports whether s is just an agency name ("Yonhap", "AFP").
func isBareAgency(s string) bool {
	_, ok := agencyName(s)
	return ok
}

// expandsAcronym reports whether the words before a parenthesised acronym
// spell it out: "Korean Central News Agency (KCNA)".
func expandsAcronym(before, acr string) bool {
	name, ok := agencyName(acr)
	if !ok {
		return false
	}
	words := strings.Fields(before)
	for k := 1; k <= 6 && k <= len(words); k++ {
		tail := strings.Join(words[len(words)-k:], " ")
		tail = strings.TrimSuffix(strings.TrimSuffix(tail, "'s"), "'")
		if n, ok := agencyName(tail); ok && n == name && !strings.EqualFold(tail, acr) {
			return true
		}
		var initials strings.Builder
		for _, w := range words[len(words)-k:] {
			r, _ := utf8.DecodeRuneInString(w)
			initials.WriteRune(unicode.ToUpper(r))
		}
		if k >= 2 && initials.String() == strings.ToUpper(strings.ReplaceAll(acr, ".", "")) {
			return true
		}
	}
	return false
}

// atCreditPosition reports whether offset i of the caption is where a
// credit ends: only other credits, flags and punctuation follow, or a
// dateline dash or colon.
func atCreditPosition(work string, i int) bool {
	rest := strings.TrimLeft(work[i:], " ")
	if rest == "" {
		return true
	}
	if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, ":") {
		return true
	}
	// Only capitalised words (other credits, restrictions in capitals) and
	// punctuation until the end.
	for _, w := range strings.Fields(rest) {
		w = strings.Trim(w, `()[]|.,;:/"'-`)
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !strings.EqualFold(w, "via") {
			return false
		}
	}
	return true
}

// parseCreditEnd returns where a credit that starts at i ends: at a sentence end,
// a parenthesis, a bar or after twelve words.
func parseCreditEnd(s string, i int) int {
	words := 0
	j := i
	for j < len(s) {
		c := s[j]
		switch {
		case c == '(' || c == ')' || c == '[' || c == ']' || c == '|' || c == ';':
			return trimEnd(s, i, j)
		case c == '.' && (j+1 == len(s) || s[j+1] == ' '):
			if !initialBefore(s, j) {
				return trimEnd(s, i, j)
			}
		case c == ' ':
			words++
			if words > 12 {
				return trimEnd(s, i, j)
			}
		}
		j++
	}
	return trimEnd(s, i, j)
}

func trimEnd(s string, i, j int) int {
	for j > i && strings.ContainsRune(" ,.:-", rune(s[j-1])) {
		j--
	}
	return j
}

// initialBefore reports whether the dot at s[j] ends an initial or a dotted
// abbreviation ("Jae C.", "U.S.") rather than a sentence.
func initialBefore(s string, j int) bool {
	k := j
	for k > 0 && s[k-1] != ' ' {
		k--
	}
	w := s[k:j]
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	return strings.Contains(w, ".") || isAbbrev(w)
}

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
	parts = mergeAgencies(parts)
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
	last := agencies[len(agencies)-1]
	if parts[last].text == "Getty Images" {
		// Getty Images distributes other agencies: "AFP/Getty Images".
		brand = false
	}
	if parts[0].text == "Korea Pool" {
		brand = false // a pool provides, it does not brand
	}
	if brand && agencies[0] == 0 && len(parts) > 1 {
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
	return agencyAt, viaAt
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
			if a, ok := NormalizeAgency(prev + " " + pt.text); ok && a == prev {
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
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
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
	if a, ok := agencyName(s); ok {
		return []creditPart{{kind: pkAgency, text: a}}
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
	case "photo", "photos", "picture", "pictures", "image", "images", "photograph":
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
	if len(words) < 2 || len(words) > 5 {
		return false
	}
	for i, w := range words {
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		if isOrgWord(lw) || isDemonym(lw) || titleOf(lw) == titleStrong && len(lw) > 3 {
			return false
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
	if a, ok := NormalizeAgency(s); ok {
		return a, true
	}
	words := strings.Fields(s)
	if len(words) >= 2 {
		switch strings.ToLower(words[len(words)-1]) {
		case "photo", "photos", "images", "pictures", "wire", "news", "pool":
			if a, ok := NormalizeAgency(strings.Join(words[:len(words)-1], " ")); ok {
				return a, true
			}
		}
		if strings.EqualFold(words[0], "the") {
			return NormalizeAgency(strings.Join(words[1:], " "))
		}
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

// chainSpan grows a credit chain around the anchor s[a:b] (a slash or a
// "via") over the words a credit is made of, and returns its extent.
func chainSpan(s string, a, b int) (int, int) {
	start := a
	for words := 0; words < 7; words++ {
		i := start
		for i > 0 && s[i-1] == ' ' {
			i--
		}
		j := i
		for j > 0 && s[j-1] != ' ' && s[j-1] != '/' && s[j-1] != '|' && s[j-1] != '(' && s[j-1] != ')' {
			j--
		}
		if j == i {
			if i > 0 && s[i-1] == '/' {
				start = i - 1
				continue
			}
			break
		}
		w := s[j:i]
		if !chainWord(w, true) {
			break
		}
		start = j
		if j > 0 && s[j-1] == '/' {
			start = j - 1
			words = 0
		}
	}
	end := b
	pieceCase := 0 // 1 mixed case, 2 capitals
	for words := 0; words < 8; words++ {
		i := end
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i < len(s) && s[i] == '/' {
			end = i + 1
			pieceCase = 0
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
		if !chainWord(bare, false) {
			break
		}
		wc := 1
		if allCapsWord(bare) {
			wc = 2
		}
		if pieceCase != 0 && wc != pieceCase && (wc == 2 || len(bare) > 3) && !isViaWord(bare) {
			if _, ok := agencyName(bare); !ok {
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
			_, ok := NormalizeAgency(w)
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
	if _, ok := NormalizeAgency(w); ok && len(w) >= 3 {
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
	if !ok || len(seg) < 2 {
		return foundCredit{}, false
	}
	// A bare short name ("AP", "PA") must stand apart as a credit does,
	// after a full stop, a dash or a slash.
	before := strings.TrimRight(work[:start], " ")
	if before != "" && !strings.ContainsRune(".-–—/|:", rune(before[len(before)-1])) && len(seg) <= 3 {
		return foundCredit{}, false
	}
	return foundCredit{start: start, end: end, prio: prioAgency - 1, agency: a}, true
}
