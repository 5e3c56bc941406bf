package article

import "strings"

// irregular verb forms: lemma -> past, past participle.
var irregular = map[string][2]string{
	"cut": {"cut", "cut"}, "keep": {"kept", "kept"}, "give": {"gave", "given"}, "get": {"got", "gotten"},
	"win": {"won", "won"}, "hold": {"held", "held"}, "stand": {"stood", "stood"}, "make": {"made", "made"},
	"take": {"took", "taken"}, "set": {"set", "set"}, "put": {"put", "put"}, "let": {"let", "let"},
	"lay": {"laid", "laid"}, "sell": {"sold", "sold"}, "tell": {"told", "told"}, "say": {"said", "said"},
	"write": {"wrote", "written"}, "do": {"did", "done"}, "be": {"was", "been"}, "have": {"had", "had"},
	"forgo": {"forwent", "forgone"}, "undo": {"undid", "undone"}, "withdraw": {"withdrew", "withdrawn"},
	"stick": {"stuck", "stuck"}, "shed": {"shed", "shed"}, "slash": {"slashed", "slashed"},
	"lift": {"lifted", "lifted"}, "face": {"faced", "faced"}, "land": {"landed", "landed"},
}

// verbForms returns a verb phrase's lemma and its inflections; only the
// first word inflects ("walk back" -> "walks back", "walked back", ...).
func verbForms(lemma string) []string {
	words := strings.Fields(lemma)
	if len(words) == 0 {
		return nil
	}
	rest := ""
	if len(words) > 1 {
		rest = " " + strings.Join(words[1:], " ")
	}
	v := words[0]
	var forms []string
	add := func(w string) { forms = append(forms, w+rest) }
	add(v)
	add(thirdPerson(v))
	add(gerund(v))
	if irr, ok := irregular[v]; ok {
		add(irr[0])
		add(irr[1])
	} else {
		add(past(v))
	}
	return dedupe(forms)
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

func thirdPerson(v string) string {
	switch {
	case v == "be":
		return "is"
	case v == "have":
		return "has"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "x"), strings.HasSuffix(v, "z"),
		strings.HasSuffix(v, "ch"), strings.HasSuffix(v, "sh"), strings.HasSuffix(v, "o"):
		return v + "es"
	}
	return v + "s"
}

// doublesFinal: short verbs ending consonant-vowel-consonant double it ("cut"
// -> "cutting", "drop" -> "dropped"); two-syllable ones that open with a
// vowel do not ("open" -> "opened", "edit" -> "edited").
func doublesFinal(v string) bool {
	n := len(v)
	if n < 3 || n > 4 || n == 4 && isVowel(v[0]) {
		return false
	}
	c := v[n-1]
	return !isVowel(c) && c != 'w' && c != 'x' && c != 'y' && isVowel(v[n-2]) && !isVowel(v[n-3])
}

func gerund(v string) string {
	switch {
	case v == "be":
		return "being"
	case strings.HasSuffix(v, "ie"):
		return v[:len(v)-2] + "ying"
	case strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") && len(v) > 2:
		return v[:len(v)-1] + "ing"
	case doublesFinal(v):
		return v + v[len(v)-1:] + "ing"
	}
	return v + "ing"
}

func past(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ied"
	case doublesFinal(v):
		return v + v[len(v)-1:] + "ed"
	}
	return v + "ed"
}
