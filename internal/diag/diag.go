// Package diag collects input errors with the place they were found, so that a
// build can report every mistake of a run at once as "file:line:col: message".
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Error is one problem in one input file. Line and Col are 1-based; 0 means unknown.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
}

// Error formats the problem as file:line:col: message, leaving out unknown parts.
func (e Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	if e.File != "" {
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// List is a set of input errors; it is an error itself when not empty.
type List []Error

// Add appends one problem.
func (l *List) Add(file string, line, col int, format string, args ...any) {
	*l = append(*l, Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Merge appends every problem of err: a List, an Error, or any error (kept as message).
func (l *List) Merge(err error) {
	switch e := err.(type) {
	case nil:
	case List:
		*l = append(*l, e...)
	case *List:
		*l = append(*l, (*e)...)
	case Error:
		*l = append(*l, e)
	default:
		*l = append(*l, Error{Msg: err.Error()})
	}
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Sort orders problems by file, line and column so that reports are stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Error joins the problems one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Suggest returns the candidate closest to word by edit distance when it is close
// enough to be a likely typo, or "".
func Suggest(word string, candidates []string) string {
	best, bestD := "", len(word)/2+2
	for _, c := range candidates {
		if d := distance(word, c); d < bestD || (d == bestD && best != "" && c < best) {
			best, bestD = c, d
		}
	}
	if bestD > 3 && bestD > len(word)/3 {
		return ""
	}
	return best
}

// DidYouMean formats Suggest's answer as ` (did you mean "x"?)`, or "".
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// distance is the Levenshtein distance between a and b, by bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
