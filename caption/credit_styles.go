package caption

import (
	"fmt"
	"strings"
)

// The agency styles. Each form below was checked against credit lines the
// agency itself published; the sources are cited per rule. "p" is the
// photographer, "v" the provider the agency distributes for.
//
// AP — (sources: AP captions quoted in guardian/grid
// common-lib/src/test/.../cleanup/SupplierProcessorsTest.scala: "(AP
// Photo/Matt Dunham)", "(AP Photo/Hiro Komae, Pool)", "(Kay Nietfeld/dpa
// via AP)", "(Mick Tsikas/AAP Image via AP)", "(Photo by Chris
// Pizzello/Invision/AP, File)"; AP photos republished on
// highergroundtimes.com: "(AP Photo/Ahn Young-joon, File)", "(Korean
// Central News Agency/Korea News Service via AP)"; AP pool pictures in
// 2020–2025 news text: "(Carlos Barria/Pool via AP)", "(Greg Nash/Pool via
// AP)")
//
//	staff     (AP Photo/p)          no p: (AP Photo)
//	file      (AP Photo/p, File)    ", File" closes every AP form
//	pool      (AP Photo/p, Pool)    an AP photographer in a pool;
//	          (p/Pool via AP)       another agency's pool picture
//	via       (p/v via AP)          no p: (v via AP)
//	handout   (v via AP)            the provider is credited, not a person;
//	                                KCNA is "Korean Central News
//	                                Agency/Korea News Service"
//
// Reuters — (sources: Reuters captions in news text and pages:
// "REUTERS/Bobby Yip", "REUTERS/Florence Lo/File Photo", "REUTERS/Leah
// Millis/File Photo", "Kirsty Wigglesworth/Pool via REUTERS", "Jung
// Yeon-Je/Pool via REUTERS/File Photo", "8th United States
// Army/Handout via REUTERS/File Photo", "KCNA via REUTERS" (rfa.org,
// 2018–2020), "Korea Summit Press Pool/Pool via Reuters")
//
//	staff     REUTERS/p             no p: REUTERS
//	file      … + "/File Photo"     after every Reuters form
//	pool      p/Pool via REUTERS
//	via       p/v via REUTERS       no p: v via REUTERS
//	handout   v/Handout via REUTERS an agency provider is named without
//	                                "Handout": KCNA via REUTERS
//
// AFP — (sources: AFP captions: "(Photo by Jaafar ASHTIYEH / AFP)",
// "(Photo by ULISES RUIZ / AFP)", "STR / various sources / AFP", "(Photo
// by Korea Summit Press Pool / Korea Summit Press Pool / AFP)", "KCNA VIA
// KNS / AFP", the by-line "HANDOUT" with "KCNA VIA KNS")
//
//	staff     p / AFP               no p: AFP
//	file      as staff              AFP marks file pictures with "(FILES)"
//	                                at the head of the caption, not in
//	                                the credit
//	pool      p / POOL / AFP
//	via       p / V / AFP           no p: V / AFP
//	handout   Handout / V / AFP     KCNA is "KCNA VIA KNS"
//
// AFP writes the family name in capitals ("Jaafar ASHTIYEH", "JUNG
// YEON-JE"). We cannot tell a family name from a given name, so the AFP
// style keeps the by-line exactly as AFP wrote it, capitals and all,
// and writes providers (V) in capitals as AFP does.
//
// Getty Images — (sources: Getty captions: "(Photo by JAAFAR ASHTIYEH/AFP
// via Getty Images)", "(Photo by Kim Hong-Ji - Pool/Getty Images)",
// "(Photo by Jim Watson - Pool/Getty Images)", "KOREA SUMMIT PRESS POOL
// via Getty Images", "Anadolu Agency via Getty Images", "Bloomberg via
// Getty Images", "Handout/Getty Images"; DESIGN.md "Photo by Chip
// Somodevilla/Getty Images")
//
//	staff     Photo by p/Getty Images    no p: Getty Images
//	file      as staff                   Getty does not mark file pictures
//	pool      Photo by p - Pool/Getty Images
//	via       p/v via Getty Images       no p: v via Getty Images
//	handout   v via Getty Images         no v: Handout/Getty Images
//
// Getty copies AFP's capitals into its partner credits ("JAAFAR
// ASHTIYEH/AFP via Getty Images"); like the AP, Reuters and house styles,
// the Getty style here writes names in name case instead, as newsrooms
// print them ("Jung Yeon-je/AFP via Getty Images").

// creditStyleAgency is the agency whose form each agency style writes.
func creditStyleAgency(s Style) string {
	switch s {
	case StyleAP:
		return "AP"
	case StyleReuters:
		return "Reuters"
	case StyleAFP:
		return "AFP"
	case StyleGetty:
		return "Getty Images"
	}
	return ""
}

// creditForm is what an agency form is written from.
type creditForm struct {
	p, v                string
	vAgency             bool // v is a known agency
	file, handout, pool bool
	missing             []string
}

func (f *creditForm) miss(what string) {
	for _, m := range f.missing {
		if m == what {
			return
		}
	}
	f.missing = append(f.missing, what)
}

// creditAgencyStyle writes an agency style.
func creditAgencyStyle(c creditFacts, style Style) (Line, error) {
	own := creditStyleAgency(style)
	f := creditForm{file: c.file, handout: c.handout, pool: c.pool}
	k := -1
	for i, p := range c.chain {
		if p.agency && p.name == own {
			k = i
		}
	}
	switch {
	case k >= 0:
		if k > 0 {
			f.v, f.vAgency = c.chain[k-1].name, c.chain[k-1].agency
		}
	case creditHasAgency(c.chain):
		var names []string
		for _, p := range c.chain {
			if p.agency {
				names = append(names, p.name)
			}
		}
		return Line{Style: style}, fmt.Errorf("%w: the %s style is for %s pictures; this one is credited to %s (use the house style, or the style of the agency)",
			ErrAgencyMismatch, style, own, strings.Join(names, " via "))
	default:
		// No agency named: write the style's own form for the
		// photographer, and report the agency as missing. Another
		// party in the Credit field ("FreeFoto.com") is not put in a
		// "via AP" we cannot vouch for; only a handout's provider is
		// kept, since the handout forms are built around it.
		f.miss("agency")
		if c.handout && len(c.chain) > 0 {
			f.v = c.chain[len(c.chain)-1].name
		}
	}
	f.p = c.photographerName()
	if style == StyleAFP {
		f.p = c.photographer
	}
	var text string
	switch style {
	case StyleAP:
		text = creditAP(&f)
	case StyleReuters:
		text = creditReuters(&f)
	case StyleAFP:
		text = creditAFP(&f)
	case StyleGetty:
		text = creditGetty(&f)
	}
	return Line{Style: style, Text: text, Missing: f.missing}, nil
}

func creditAP(f *creditForm) string {
	var body string
	switch {
	case f.handout:
		v := f.v
		if v == "KCNA" {
			v = "Korean Central News Agency/Korea News Service"
		}
		if v == "" {
			f.miss("provider")
			v = "Handout"
		}
		body = v + " via AP"
	case f.pool && f.v != "":
		body = creditJoin(f.p, "Pool via AP")
		if f.p == "" {
			f.miss("photographer")
		}
	case f.pool:
		body = creditJoinSep(", ", creditJoin("AP Photo", f.p), "Pool")
		if f.p == "" {
			f.miss("photographer")
		}
	case f.v != "":
		body = creditJoin(f.p, f.v) + " via AP"
	default:
		body = creditJoin("AP Photo", f.p)
		if f.p == "" {
			f.miss("photographer")
		}
	}
	if f.file {
		body += ", File"
	}
	return "(" + body + ")"
}

func creditReuters(f *creditForm) string {
	var s string
	switch {
	case f.handout:
		switch {
		case f.v == "":
			f.miss("provider")
			s = "Handout via REUTERS"
		case f.vAgency:
			s = f.v + " via REUTERS"
		default:
			s = f.v + "/Handout via REUTERS"
		}
	case f.pool:
		s = creditJoin(f.p, "Pool via REUTERS")
		if f.p == "" {
			f.miss("photographer")
		}
	case f.v != "":
		s = creditJoin(f.p, f.v) + " via REUTERS"
	default:
		s = creditJoin("REUTERS", f.p)
		if f.p == "" {
			f.miss("photographer")
		}
	}
	if f.file {
		s += "/File Photo"
	}
	return s
}

func creditAFP(f *creditForm) string {
	v := strings.ToUpper(f.v)
	if f.v == "KCNA" {
		v = "KCNA VIA KNS"
	}
	switch {
	case f.handout:
		if v == "" {
			f.miss("provider")
		}
		return creditJoinSep(" / ", "Handout", v, "AFP")
	case f.pool:
		if f.p == "" {
			f.miss("photographer")
		}
		return creditJoinSep(" / ", f.p, "POOL", "AFP")
	case v != "":
		return creditJoinSep(" / ", f.p, v, "AFP")
	default:
		if f.p == "" {
			f.miss("photographer")
		}
		return creditJoinSep(" / ", f.p, "AFP")
	}
}

func creditGetty(f *creditForm) string {
	switch {
	case f.handout:
		if f.v == "" {
			f.miss("provider")
			return "Handout/Getty Images"
		}
		return f.v + " via Getty Images"
	case f.pool:
		if f.p == "" {
			f.miss("photographer")
			return "Pool/Getty Images"
		}
		return "Photo by " + f.p + " - Pool/Getty Images"
	case f.v != "":
		return creditJoin(f.p, f.v) + " via Getty Images"
	default:
		if f.p == "" {
			f.miss("photographer")
			return "Getty Images"
		}
		return "Photo by " + f.p + "/Getty Images"
	}
}

// creditJoin joins the non-empty parts with "/".
func creditJoin(parts ...string) string { return creditJoinSep("/", parts...) }

func creditJoinSep(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}
