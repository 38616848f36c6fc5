package content

import (
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// A chroma lexer tries the rules of its current state one after the other at each
// position of the code until one matches, and every try runs a regular expression
// (regexp2) from its start, allocating as it goes: most tries fail on the first
// character. quickLexer tokenises as chroma's own loop does (the same rules, tried
// in the same order, the same mutators and emitters) but skips the rules whose
// regular expression cannot begin with the character at the position, as regexp2
// itself computed when it compiled the rule (the "first characters" of the
// expression; none when the expression may match the empty string). A rule that is
// skipped would not have matched, so the tokens are chroma's, only found with
// fewer tries.

// quickLexer is a chroma rule lexer whose Tokenise skips the rules that cannot
// match at the position. Other calls go to the lexer itself.
type quickLexer struct {
	*chroma.RegexLexer
	registry *chroma.LexerRegistry
	rules    map[string][]*chroma.CompiledRule
	states   map[string]*stateFilter // built once, read only afterwards
}

// stateFilter says which rules of one state may match at a character.
type stateFilter struct {
	rules []*chroma.CompiledRule // the state's rules the filter was built for
	ascii [128][]int             // for a character below 128: the rules to try, in order
	first []*syntax.Prefix       // per rule: its first characters, nil for any
	named []bool                 // per rule: whether its mutator or emitter may read the named groups
	quick []*native              // per rule: its native matcher (match.go), nil for regexp2
	split [][]chroma.Emitter     // per rule: the token types of its ByGroups of token types (tokenGroups), else nil
}

// Mutators and emitters known not to read a match's named groups.
var (
	pushType     = reflect.TypeOf(chroma.Push())
	popType      = reflect.TypeOf(chroma.Pop(1))
	byGroupsType = reflect.TypeOf(chroma.ByGroups())
)

// needsNamed reports whether the mutator or emitter of r may read the named groups
// of its match (chroma's ByGroupNames and lexers' own functions do).
func needsNamed(r *chroma.CompiledRule) bool {
	if r.Type != nil {
		if _, ok := r.Type.(chroma.TokenType); !ok && tokenGroups(r.Type) == nil {
			return true
		}
	}
	if r.Mutator != nil {
		t := reflect.TypeOf(r.Mutator)
		return t != pushType && t != popType
	}
	return false
}

// tokenGroups returns the token types of e when e is chroma's ByGroups of token
// types only (nil for a group that emits nothing): it emits a token of the i-th
// type for the i-th group. It returns nil for any other emitter.
func tokenGroups(e chroma.Emitter) []chroma.Emitter {
	if reflect.TypeOf(e) != byGroupsType {
		return nil
	}
	f := reflect.ValueOf(e).Elem().FieldByName("Emitters")
	if !f.IsValid() || !f.CanInterface() {
		return nil
	}
	es, ok := f.Interface().(chroma.Emitters)
	if !ok || len(es) == 0 {
		return nil
	}
	for _, g := range es {
		if _, ok := g.(chroma.TokenType); g != nil && !ok {
			return nil
		}
	}
	return es
}

// newQuickLexer returns the quick form of l, or nil when l is not a plain rule
// lexer whose compiled rules and their programs can be read.
func newQuickLexer(l chroma.Lexer) *quickLexer {
	rl, ok := l.(*chroma.RegexLexer)
	if !ok {
		return nil
	}
	rules := compiledRuleMap(rl)
	reg, ok := unexported[*chroma.LexerRegistry](reflect.ValueOf(rl).Elem(), "registry")
	if rules == nil || !ok {
		return nil
	}
	q := &quickLexer{RegexLexer: rl, registry: reg, rules: rules, states: map[string]*stateFilter{}}
	for name, rs := range rules {
		f := &stateFilter{rules: rs, first: make([]*syntax.Prefix, len(rs)), named: make([]bool, len(rs)), quick: make([]*native, len(rs)),
			split: make([][]chroma.Emitter, len(rs))}
		for i, r := range rs {
			f.named[i] = needsNamed(r)
			f.split[i] = tokenGroups(r.Type)
			if !f.named[i] {
				f.quick[i] = newNative(r)
			}
			if r.Regexp == nil {
				return nil
			}
			code, ok := unexported[*syntax.Code](reflect.ValueOf(r.Regexp).Elem(), "code")
			if !ok || code == nil {
				return nil
			}
			if !code.RightToLeft {
				f.first[i] = code.FcPrefix
			}
		}
		for c := rune(0); c < 128; c++ {
			for i := range rs {
				if mayStart(f.first[i], c) {
					f.ascii[c] = append(f.ascii[c], i)
				}
			}
		}
		q.states[name] = f
	}
	return q
}

// unexported reads the unexported field name of the struct v when it has type T.
func unexported[T any](v reflect.Value, name string) (T, bool) {
	var zero T
	f := v.FieldByName(name)
	if !f.IsValid() || f.Type() != reflect.TypeOf(zero) {
		return zero, false
	}
	return *(*T)(unsafe.Pointer(f.UnsafeAddr())), true
}

// mayStart reports whether a match of an expression whose first characters are p
// may begin with c. Case is not trusted to be folded into the set: every case of c
// is tried.
func mayStart(p *syntax.Prefix, c rune) bool {
	if p == nil || p.PrefixSet.CharIn(c) {
		return true
	}
	if !p.CaseInsensitive {
		return false
	}
	for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
		if p.PrefixSet.CharIn(f) {
			return true
		}
	}
	return false
}

// Tokenise is chroma's RegexLexer.Tokenise with its default options (the root
// state, line ends made "\n"); other options go to chroma.
func (q *quickLexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if options != nil && *options != (chroma.TokeniseOptions{State: "root", EnsureLF: true}) {
		return q.RegexLexer.Tokenise(options, text)
	}
	text = ensureLF(text)
	newlineAdded := false
	if q.Config().EnsureNL && !strings.HasSuffix(text, "\n") {
		text += "\n"
		newlineAdded = true
	}
	runes := []rune(text)
	s := &quickState{
		q:    q,
		end:  0,
		text: newMText(text, runes),
		l: chroma.LexerState{
			Registry:       q.registry,
			Lexer:          q.RegexLexer,
			Text:           runes,
			Stack:          []string{"root"},
			Rules:          q.rules,
			MutatorContext: map[any]any{},
		},
	}
	s.end = len(s.l.Text)
	if newlineAdded {
		s.end--
	}
	return s.next, nil
}

// ensureLF makes "\r\n" and a lone "\r" into "\n", as chroma does.
func ensureLF(text string) string {
	if strings.IndexByte(text, '\r') < 0 {
		return text
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.ReplaceAll(text, "\r", "\n")
}

// quickState is one tokenisation in progress: chroma's LexerState and the
// iterators of the emitted rules not yet exhausted.
type quickState struct {
	q     *quickLexer
	l     chroma.LexerState
	end   int // where the loop stops: the end of the text, before an added "\n"
	stack []chroma.Iterator
	text  *mtext         // the text for the native matchers, whose values are cut from it
	sc    *matchScratch  // the native matchers' frames and groups, kept from try to try; nil once done
	cur   *stateFilter   // the filter of the last match's state, nil when none applies
	queue []chroma.Token // tokens of the last match not yet given, from queue[qi] on
	qi    int
}

// pending returns the next token of the emitted iterators, or EOF when they are
// exhausted.
func (s *quickState) pending() chroma.Token {
	for s.qi < len(s.queue) {
		t := s.queue[s.qi]
		s.qi++
		if t.Type != chroma.Ignore && t != chroma.EOF {
			return t
		}
	}
	for len(s.stack) > 0 {
		n := len(s.stack) - 1
		t := s.stack[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			s.stack = s.stack[:n]
			continue
		}
		return t
	}
	return chroma.EOF
}

// next is chroma's LexerState.Iterator with the rules filtered by their first
// characters.
func (s *quickState) next() chroma.Token {
	l := &s.l
	for l.Pos < s.end && len(l.Stack) > 0 {
		if t := s.pending(); t != chroma.EOF {
			return t
		}
		l.State = l.Stack[len(l.Stack)-1]
		rules, ok := l.Rules[l.State]
		if !ok {
			panic("unknown state " + l.State)
		}
		index, rule, groups, named := s.match(rules)
		if groups == nil {
			// chroma (after Pygments): an unmatched newline outside the root state
			// empties the stack; any other unmatched character is an error token.
			if l.Text[l.Pos] == '\n' && l.State != "root" {
				l.Stack = []string{"root"}
				continue
			}
			l.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(l.Text[l.Pos-1 : l.Pos])}
		}
		l.Rule = index
		l.Groups = groups
		l.NamedGroups = named
		l.Pos += utf8.RuneCountInString(groups[0])
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(l); err != nil {
				panic(err)
			}
		}
		switch tt := rule.Type.(type) {
		case nil:
		case chroma.TokenType:
			// What TokenType.Emit's iterator would give next, the stack being
			// empty here, without making the iterator.
			if t := (chroma.Token{Type: tt, Value: l.Groups[0]}); t.Type != chroma.Ignore && t != chroma.EOF {
				return t
			}
		default:
			if s.cur != nil && s.cur.split[index] != nil {
				s.split(s.cur.split[index], l.Groups)
				continue
			}
			s.stack = append(s.stack, rule.Type.Emit(l.Groups, l))
		}
	}
	if t := s.pending(); t != chroma.EOF {
		return t
	}
	if l.Pos != len(l.Text) && len(l.Stack) == 0 {
		value := string(l.Text[l.Pos:])
		l.Pos = len(l.Text)
		return chroma.Token{Type: chroma.Error, Value: value}
	}
	if s.sc != nil {
		// Done: no try reads the scratch again (the groups of the last match were
		// given out as strings), so the next tokenisation takes it.
		scratchPool.Put(s.sc)
		s.sc = nil
	}
	return chroma.EOF
}

// split queues the tokens chroma's ByGroups of the token types es emits for
// groups (the queue and the stack being empty): a token of the i-th type for the
// i-th group, none for a nil type, or one error token of the whole match when the
// counts differ.
func (s *quickState) split(es []chroma.Emitter, groups []string) {
	s.queue, s.qi = s.queue[:0], 0
	if len(es) != len(groups)-1 {
		s.queue = append(s.queue, chroma.Token{Type: chroma.Error, Value: groups[0]})
		return
	}
	for i, g := range groups[1:] {
		if tt, ok := es[i].(chroma.TokenType); ok {
			s.queue = append(s.queue, chroma.Token{Type: tt, Value: g})
		}
	}
}

// match is chroma's matchRules, trying only the rules that may begin with the
// character at the position.
func (s *quickState) match(rules []*chroma.CompiledRule) (int, *chroma.CompiledRule, []string, map[string]string) {
	l := &s.l
	f := s.q.states[l.State]
	if f == nil || len(f.rules) != len(rules) || (len(rules) > 0 && &f.rules[0] != &rules[0]) {
		f = nil // the state's rules are not the ones the filter was built for
	}
	s.cur = f
	c := l.Text[l.Pos]
	try := func(i int) (int, *chroma.CompiledRule, []string, map[string]string, bool) {
		rule := rules[i]
		if f != nil && f.quick[i] != nil {
			if s.sc == nil {
				s.sc = scratchPool.Get().(*matchScratch)
			}
			groups := f.quick[i].matchIn(s.text, l.Pos, s.sc)
			return i, rule, groups, nil, groups != nil
		}
		m, err := rule.Regexp.FindRunesMatchStartingAt(l.Text, l.Pos)
		if m == nil || err != nil || m.RuneIndex != l.Pos {
			return 0, nil, nil, nil, false
		}
		groups, named := groupsOf(m, f == nil || f.named[i])
		return i, rule, groups, named, true
	}
	switch {
	case f != nil && c >= 0 && c < 128:
		for _, i := range f.ascii[c] {
			if i, r, g, n, ok := try(i); ok {
				return i, r, g, n
			}
		}
	default:
		for i := range rules {
			if f != nil && !mayStart(f.first[i], c) {
				continue
			}
			if i, r, g, n, ok := try(i); ok {
				return i, r, g, n
			}
		}
	}
	return 0, &chroma.CompiledRule{}, nil, nil
}

// groupsOf returns the groups of a match, in order and, when withNames, by name,
// as chroma hands them to mutators and emitters.
func groupsOf(m *regexp2.Match, withNames bool) ([]string, map[string]string) {
	gs := m.Groups()
	groups := make([]string, 0, len(gs))
	var named map[string]string
	if withNames {
		named = make(map[string]string, len(gs))
	}
	for _, g := range gs {
		v := g.String()
		if withNames {
			named[g.Name] = v
		}
		groups = append(groups, v)
	}
	return groups, named
}
