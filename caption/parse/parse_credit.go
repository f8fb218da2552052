package parse

import (
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
	// nameLike marks a pkOrg that reads as a person's name but for a
	// legal-form suffix ("Evaristo Sa"); see slotNames.
	nameLike bool
	// relayed marks a pkAgency written with a "via" inside its name ("KCNA
	// VIA KNS"); see relayVia.
	relayed bool
}

// Credit leads are the words that introduce a credit: "Photo by", "File
// photo by", "Photo credit should read", "Photograph:", "Credit:",
// "Courtesy of", "©". matchLead reads one at the start of s.
var (
	leadPhotoWords = []string{"photographs", "photograph", "photographer", "photos", "photo",
		"pictures", "picture", "images", "image", "pics", "pic", "fotos", "foto"}
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
		by := skipSpaces(low, e)
		if i, ok := word(by, "illustration"); ok {
			by = skipSpaces(low, i) // "Photo Illustration by"
		}
		if b, ok := word(by, "by"); ok && b > e+1 {
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
	for _, w := range []string{"photo", "pic", "image", "credit", "courtesy", "copyright", "©", "foto"} {
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
	barSeparators(p.work)
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
	done := -1 // anchors inside a chain already read give the same chain
	for _, a := range chainAnchors(work) {
		if a[0] < done {
			continue
		}
		start, end := chainSpan(work, a[0], a[1])
		done = end
		if start >= end || strings.ContainsRune(work[start:end], '|') {
			continue
		}
		c, ok := readCredit("", work[start:end], false)
		if c.agency == "" && c.photographer != "" && creditFollows(found, work, end) {
			// "/ Belal Khaled/ Photo: AA / AA": a photographer written just
			// before the credit of his agency.
			c.prio = prioName
		} else if !ok || c.prio < prioUnknownOrg {
			continue
		}
		c.start, c.end = start, end
		found = append(found, c)
		p.blank(start, end)
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

// creditFollows reports whether one of the credits found starts right
// after offset end of the working text, past spaces and slashes.
func creditFollows(found []foundCredit, work string, end int) bool {
	i := end
	for i < len(work) && (work[i] == ' ' || work[i] == '/' || work[i] == '|') {
		i++
	}
	for _, c := range found {
		if c.start >= end && c.start <= i+1 && c.prio >= prioAgency {
			return true
		}
	}
	return false
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
	if b.via == b.agency {
		b.via = "" // "Reuters TV/via REUTERS"
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
	if len(before) > 120 {
		before = before[len(before)-120:] // six words at most are read
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
	if len(rest) > 400 {
		return false // credits and their notes are short; a caption goes on
	}
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

// barSeparators rewrites, in place, a bar between a photographer's name and
// an agency as a slash: "(Photo: Shin Jun-hee | AP)", and "Shin Jun-hee I
// Yonhap via AP" where the bar became a capital I. The name must start
// after a sentence end, a colon or a parenthesis, and the agency must be
// one the table knows.
func barSeparators(w []byte) {
	for i := 1; i+2 < len(w); i++ {
		if w[i-1] != ' ' || w[i+1] != ' ' || (w[i] != '|' && w[i] != 'I') {
			continue
		}
		if w[i] == 'I' && len(w)-i > 40 {
			continue // the mistaken bar is only read in a credit that ends the caption
		}
		// The agency after the bar: one to three words.
		rest := strings.Fields(string(w[i+2 : min(len(w), i+2+40)]))
		agency := false
		for n := 1; n <= 3 && n <= len(rest) && !agency; n++ {
			_, agency = agencyName(strings.TrimRight(strings.Join(rest[:n], " "), ")]"))
		}
		if !agency {
			continue
		}
		// The name before it: one to four capitalised words after a boundary.
		words, k := 0, i-1
		for k > 0 && words <= 4 {
			for k > 0 && w[k-1] == ' ' {
				k--
			}
			j := k
			for j > 0 && w[j-1] != ' ' && w[j-1] != '(' {
				j--
			}
			if j == k {
				break
			}
			word := string(w[j:k])
			if strings.HasSuffix(word, ".") || strings.HasSuffix(word, ":") {
				break // the sentence or the label before the name
			}
			r, _ := utf8.DecodeRuneInString(word)
			if !unicode.IsUpper(r) {
				words = 0
				break
			}
			words++
			k = j
			if k > 0 && w[k-1] == '(' {
				break
			}
		}
		if words == 0 || words > 4 {
			continue
		}
		if k > 0 {
			b := strings.TrimRight(string(w[:k]), " ")
			if b != "" && !strings.ContainsRune(".:(!?", rune(b[len(b)-1])) {
				continue
			}
		}
		w[i] = '/'
	}
}
