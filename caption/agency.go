package caption

import (
	"strings"
	"unicode"
)

// Agency is a news or photo agency as cutline knows it.
type Agency struct {
	// Name is the normalised name reported in Facts.Agency and used in
	// facets: "AFP", "Reuters", "AP", "Getty Images"...
	Name string
	// Aliases are other spellings found in captions and credit fields,
	// compared after folding case, dots and hyphens ("A.F.P.", "Agence
	// France-Presse", "AP PHOTO", "EPA-EFE").
	Aliases []string
}

// agencies is the table of known agencies. Keep the most specific names
// first where one alias is a prefix of another.
var agencies = []Agency{
	{Name: "AFP", Aliases: []string{"AFP", "Agence France-Presse", "Agence France Presse", "AFP PHOTO", "AFP Photo", "A.F.P."}},
	{Name: "Reuters", Aliases: []string{"Reuters", "REUTERS", "Thomson Reuters", "Reuters Pictures", "Reuters TV"}},
	{Name: "AP", Aliases: []string{"AP", "Associated Press", "The Associated Press", "AP Photo", "AP Images"}},
	{Name: "Getty Images", Aliases: []string{"Getty Images", "Getty", "Getty Images News", "Getty Images Sport", "Getty Images Entertainment", "Getty Images AsiaPac", "Getty Images Europe", "Getty Images North America", "Getty Images South America", "Getty Images Latin America", "WireImage", "FilmMagic"}},
	{Name: "EPA", Aliases: []string{"EPA", "EPA-EFE", "European Pressphoto Agency", "epa", "EPA EFE"}},
	{Name: "EFE", Aliases: []string{"EFE", "Agencia EFE"}},
	{Name: "PA", Aliases: []string{"PA", "PA Wire", "PA Images", "Press Association", "PA Media", "PA Archive", "PA Photo"}},
	{Name: "The Canadian Press", Aliases: []string{"The Canadian Press", "Canadian Press", "CP", "THE CANADIAN PRESS", "CP Photo", "The Canadian Press Images"}},
	{Name: "Yonhap", Aliases: []string{"Yonhap", "Yonhap News Agency", "Yonhap News", "연합뉴스", "연합"}},
	{Name: "KCNA", Aliases: []string{"KCNA", "Korean Central News Agency", "KCNA VIA KNS", "KNS"}},
	{Name: "Xinhua", Aliases: []string{"Xinhua", "Xinhua News Agency"}},
	{Name: "Kyodo", Aliases: []string{"Kyodo", "Kyodo News"}},
	{Name: "ANP", Aliases: []string{"ANP", "ANP Photo"}},
	{Name: "dpa", Aliases: []string{"dpa", "DPA", "Deutsche Presse-Agentur", "picture alliance", "picture-alliance"}},
	{Name: "ANSA", Aliases: []string{"ANSA"}},
	{Name: "Anadolu", Aliases: []string{"Anadolu", "Anadolu Agency", "AA"}},
	{Name: "Sipa", Aliases: []string{"Sipa", "SIPA", "Sipa Press", "Sipa USA"}},
	{Name: "Bloomberg", Aliases: []string{"Bloomberg", "Bloomberg News"}},
	{Name: "The New York Times", Aliases: []string{"The New York Times", "New York Times", "NYT"}},
	{Name: "The Washington Post", Aliases: []string{"The Washington Post", "Washington Post"}},
	{Name: "NurPhoto", Aliases: []string{"NurPhoto"}},
	{Name: "Shutterstock", Aliases: []string{"Shutterstock", "REX/Shutterstock", "REX", "Rex Features"}},
	{Name: "Alamy", Aliases: []string{"Alamy", "Alamy Stock Photo", "Alamy Live News"}},
	{Name: "Newsis", Aliases: []string{"Newsis", "뉴시스"}},
	{Name: "News1", Aliases: []string{"News1", "News 1", "뉴스1"}},
	{Name: "Korea Pool", Aliases: []string{"Korea Pool"}},
	{Name: "TASS", Aliases: []string{"TASS", "ITAR-TASS"}},
	{Name: "Sputnik", Aliases: []string{"Sputnik", "RIA Novosti"}},
	{Name: "Jiji Press", Aliases: []string{"Jiji Press", "Jiji", "JIJI PRESS"}},
	{Name: "ZUMA Press", Aliases: []string{"ZUMA Press", "ZUMA Wire", "Zuma Press", "ZUMAPRESS.com"}},
	{Name: "SOPA Images", Aliases: []string{"SOPA Images", "SOPA Images/LightRocket"}},
	{Name: "Abaca", Aliases: []string{"Abaca", "ABACAPRESS.COM", "Abaca Press"}},
	{Name: "Belga", Aliases: []string{"Belga"}},
	{Name: "Keystone", Aliases: []string{"Keystone", "Keystone-SDA"}},
	{Name: "Ritzau Scanpix", Aliases: []string{"Ritzau Scanpix", "Scanpix", "NTB Scanpix", "NTB", "TT News Agency", "TT"}},
	{Name: "AAP", Aliases: []string{"AAP", "Australian Associated Press", "AAP Image"}},
	{Name: "Imagn", Aliases: []string{"Imagn", "USA TODAY Sports", "USA Today Sports", "Imagn Images"}},
	{Name: "Press TV", Aliases: []string{"Press TV"}},
	{Name: "IRNA", Aliases: []string{"IRNA"}},
	{Name: "WANA", Aliases: []string{"WANA", "West Asia News Agency"}},
	// Added with the caption parser: agencies whose credits appear in wire
	// captions distributed by the agencies above.
	{Name: "UPI", Aliases: []string{"UPI", "United Press International", "UPI Photo"}},
	{Name: "PTI", Aliases: []string{"PTI", "Press Trust of India"}},
	{Name: "Bernama", Aliases: []string{"Bernama"}},
	{Name: "Antara", Aliases: []string{"Antara", "Antara Foto", "Antara Photo"}},
	{Name: "VNA", Aliases: []string{"VNA", "Vietnam News Agency"}},
	{Name: "SPA", Aliases: []string{"SPA", "Saudi Press Agency"}},
	{Name: "WAM", Aliases: []string{"WAM", "Emirates News Agency"}},
	{Name: "KUNA", Aliases: []string{"KUNA", "Kuwait News Agency"}},
	{Name: "MENA", Aliases: []string{"MENA", "Middle East News Agency"}},
	{Name: "Tasnim", Aliases: []string{"Tasnim", "Tasnim News Agency"}},
	{Name: "Fars", Aliases: []string{"Fars", "Fars News Agency"}},
	{Name: "Ukrinform", Aliases: []string{"Ukrinform"}},
	{Name: "Lusa", Aliases: []string{"Lusa"}},
	{Name: "PAP", Aliases: []string{"PAP", "Polish Press Agency"}},
	{Name: "Action Images", Aliases: []string{"Action Images"}},
	{Name: "MAXPPP", Aliases: []string{"MAXPPP"}},
	{Name: "Imago", Aliases: []string{"Imago", "IMAGO", "Imago Images"}},
	{Name: "China News Service", Aliases: []string{"China News Service", "CNS"}},
	{Name: "Visual China Group", Aliases: []string{"Visual China Group", "VCG"}},
	// The Vatican's newspaper, whose pictures of the popes the agencies
	// distribute ("REUTERS/Osservatore Romano").
	{Name: "Osservatore Romano", Aliases: []string{"Osservatore Romano", "L'Osservatore Romano"}},
}

// Agencies returns the table of known agencies.
func Agencies() []Agency {
	out := make([]Agency, len(agencies))
	copy(out, agencies)
	return out
}

// NormalizeAgency returns the normalised name of the agency s refers to
// ("AFP PHOTO" → "AFP", "The Associated Press" → "AP") and true, or "" and
// false when s names no known agency. Matching ignores case, dots, hyphens
// and surrounding space, but s must be the whole name: "AFP via Getty
// Images" is a credit chain, not an agency.
func NormalizeAgency(s string) (string, bool) {
	if len(s) > maxAgencyKey {
		return "", false // no name in the table is this long
	}
	k := foldAgency(s)
	if k == "" {
		return "", false
	}
	name, ok := agencyIndex[k]
	return name, ok
}

// maxAgencyKey bounds the text NormalizeAgency folds; the longest name in
// the table is far shorter.
const maxAgencyKey = 80

// agencyIndex maps every folded name and alias of the table to the
// agency's name. It is built once from the table when the package loads and
// only read afterwards; the caption parser calls NormalizeAgency on every
// piece of every credit, so the table is not folded again on each call.
// The first agency listing a key wins, as in a scan of the table.
var agencyIndex = func() map[string]string {
	m := map[string]string{}
	for _, a := range agencies {
		for _, n := range append([]string{a.Name}, a.Aliases...) {
			if k := foldAgency(n); k != "" {
				if _, dup := m[k]; !dup {
					m[k] = a.Name
				}
			}
		}
	}
	return m
}()

// foldAgency lower-cases s and drops dots, hyphens and extra spaces so that
// "A.F.P." and "afp", "EPA-EFE" and "epa efe" compare equal.
func foldAgency(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == '.':
			continue
		case r == '-' || r == '_' || unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
