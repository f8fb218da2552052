package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cutline/cutline/caption"
)

// Fragment is a piece of a matching field with the matching words marked.
// Text is plain text, never markup: render it with Format, or escape it
// and wrap Marks yourself.
type Fragment struct {
	Field string `json:"field"` // "headline" or "caption"
	Text  string `json:"text"`
	Marks []Span `json:"marks"`
}

// Span is a byte range [Start, End) of Fragment.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Format returns the fragment with each mark wrapped in open and close;
// escape, when not nil, is applied to the text between and inside marks
// (html.EscapeString for a web page), never to open and close.
func (f Fragment) Format(open, close string, escape func(string) string) string {
	if escape == nil {
		escape = func(s string) string { return s }
	}
	var b strings.Builder
	at := 0
	for _, m := range f.Marks {
		if m.Start < at || m.End > len(f.Text) || m.Start > m.End {
			continue
		}
		b.WriteString(escape(f.Text[at:m.Start]))
		b.WriteString(open)
		b.WriteString(escape(f.Text[m.Start:m.End]))
		b.WriteString(close)
		at = m.End
	}
	b.WriteString(escape(f.Text[at:]))
	return b.String()
}

// Fragment sizes in bytes: a caption up to wholeCaption is shown whole,
// a longer one as up to maxFragments windows of about fragmentLen.
const (
	wholeCaption  = 320
	fragmentLen   = 200
	leadIn        = 60
	maxFragments  = 3
	ellipsis      = "…"
	maxMarkPhrase = 16
)

// highlightTerms lists the token sequences to mark: the analysed form of
// every positive word and phrase of the query, free or fielded (a
// person:"Lee In-young" is marked where the caption names her).
func (ix *Index) highlightTerms(q Query) [][]string {
	var out [][]string
	for _, g := range q.Groups {
		for _, t := range g {
			if t.Not {
				continue
			}
			if _, kind, _ := lookupQueryField(t.Field); t.Field != "" && kind != kindText {
				continue
			}
			v := t.Value
			if t.Field == "agency" {
				if a, ok := caption.NormalizeAgency(v); ok {
					v = a
				}
			}
			toks := ix.text.Analyze([]byte(v))
			if len(toks) == 0 || len(toks) > maxMarkPhrase {
				continue
			}
			if !t.Phrase {
				// Words are marked one by one, wherever they are.
				for _, tk := range toks {
					out = appendSeq(out, []string{string(tk.Term)})
				}
				continue
			}
			seq := make([]string, len(toks))
			for i, tk := range toks {
				seq[i] = string(tk.Term)
			}
			out = appendSeq(out, seq)
		}
	}
	return out
}

func appendSeq(seqs [][]string, seq []string) [][]string {
	for _, s := range seqs {
		if slices.Equal(s, seq) {
			return seqs
		}
	}
	return append(seqs, seq)
}

// highlight marks the stored text (headline, newline, caption) with the
// query's token sequences.
func (ix *Index) highlight(stored string, seqs [][]string) []Fragment {
	headline, capt, _ := strings.Cut(stored, "\n")
	var out []Fragment
	if spans := ix.markSpans(headline, seqs); len(spans) > 0 {
		out = append(out, Fragment{Field: "headline", Text: headline, Marks: spans})
	}
	if spans := ix.markSpans(capt, seqs); len(spans) > 0 {
		out = append(out, captionFragments(capt, spans)...)
	}
	return out
}

// markSpans finds the token sequences in text and returns their byte
// ranges in text, sorted and merged.
func (ix *Index) markSpans(text string, seqs [][]string) []Span {
	if text == "" || len(seqs) == 0 {
		return nil
	}
	toks := ix.text.Analyze([]byte(text))
	var offs []int
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			offs = foldedOffsets(text)
			break
		}
	}
	orig := func(o int) int {
		switch {
		case offs == nil:
			return min(max(o, 0), len(text))
		case o < 0:
			return 0
		case o >= len(offs):
			return len(text)
		}
		return offs[o]
	}
	var spans []Span
	for i := range toks {
		for _, seq := range seqs {
			if i+len(seq) > len(toks) {
				continue
			}
			ok := true
			for k, term := range seq {
				if string(toks[i+k].Term) != term {
					ok = false
					break
				}
			}
			if ok {
				spans = append(spans, Span{orig(toks[i].Start), orig(toks[i+len(seq)-1].End)})
			}
		}
	}
	if len(spans) == 0 {
		return nil
	}
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	merged := spans[:1]
	for _, s := range spans[1:] {
		last := &merged[len(merged)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// captionFragments cuts a caption into a few windows around its marks.
func captionFragments(text string, spans []Span) []Fragment {
	if len(text) <= wholeCaption {
		return []Fragment{{Field: "caption", Text: text, Marks: spans}}
	}
	var out []Fragment
	for i := 0; i < len(spans) && len(out) < maxFragments; {
		from := wordStart(text, spans[i].Start-leadIn)
		to := wordEnd(text, max(from+fragmentLen, spans[i].End))
		f := Fragment{Field: "caption"}
		prefix := ""
		if from > 0 {
			prefix = ellipsis
		}
		f.Text = prefix + text[from:to]
		if to < len(text) {
			f.Text += ellipsis
		}
		first := i
		for ; i < len(spans) && (spans[i].Start < to || i == first); i++ {
			end := min(max(spans[i].End, spans[i].Start), to)
			f.Marks = append(f.Marks, Span{spans[i].Start - from + len(prefix), end - from + len(prefix)})
		}
		out = append(out, f)
	}
	return out
}

// wordStart moves i back to the start of the word it falls in (or 0).
func wordStart(s string, i int) int {
	if i <= 0 {
		return 0
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// wordEnd moves i forward to the end of the word it falls in (or len(s)).
func wordEnd(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}
