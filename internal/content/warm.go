package content

import (
	"bytes"
	"io"
	"io/fs"
)

// A lexer is compiled at its first use (chroma's rules, then the quick lexer's
// filters and native matchers): tens of milliseconds for a language such as
// Python, one language at a time under lexerMu, while the posts' workers that
// need a lexer wait. WarmLexers does that work ahead: a build runs it beside the
// stages before content (loading and computing the league, which leave a core
// idle), for the languages named by the code blocks of the first posts. It is a
// hint only: a language it misses is compiled at its first use as before, and
// what it compiles is what that first use would have.

// How much of the posts WarmLexers reads: the first warmPosts posts in file
// order, the first warmBytes of each.
const (
	warmPosts = 64
	warmBytes = 64 << 10
)

// WarmLexers compiles the lexers of the languages that fenced code blocks name in
// the first posts of the site root fsys. Errors are ignored: the posts are read
// again, and their errors reported, by Load.
func WarmLexers(fsys fs.FS) {
	files, err := markdownFiles(fsys, postsDir)
	if err != nil {
		return
	}
	if len(files) > warmPosts {
		files = files[:warmPosts]
	}
	buf := make([]byte, warmBytes)
	seen := map[string]bool{}
	for _, file := range files {
		n := readPrefix(fsys, file, buf)
		for _, lang := range fenceLanguages(buf[:n]) {
			if !seen[lang] {
				seen[lang] = true
				lexerFor(lang)
			}
		}
	}
}

// readPrefix reads up to len(buf) bytes of file into buf and returns how many.
func readPrefix(fsys fs.FS, file string, buf []byte) int {
	f, err := fsys.Open(file)
	if err != nil {
		return 0
	}
	defer f.Close()
	n, _ := io.ReadFull(f, buf)
	return n
}

// fenceLanguages returns the first word of the info string of each line of src
// that opens a fence (up to three spaces, then ``` or ~~~), when it looks like a
// language name: letters, digits and "+#._-", at most 32 of them, not "league".
func fenceLanguages(src []byte) []string {
	var langs []string
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		for k := 0; k < 3 && len(line) > 0 && line[0] == ' '; k++ {
			line = line[1:]
		}
		if !bytes.HasPrefix(line, []byte("```")) && !bytes.HasPrefix(line, []byte("~~~")) {
			continue
		}
		line = bytes.TrimLeft(line, string(line[:1]))
		line = bytes.TrimLeft(line, " \t")
		end := 0
		for end < len(line) && end <= 32 && isLangByte(line[end]) {
			end++
		}
		if end == 0 || end > 32 || (end < len(line) && line[end] != ' ' && line[end] != '\t' && line[end] != '{' && line[end] != '\r') {
			continue
		}
		if lang := string(line[:end]); lang != "league" {
			langs = append(langs, lang)
		}
	}
	return langs
}

// isLangByte reports whether c may be part of a language name for fenceLanguages.
func isLangByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || bytes.IndexByte([]byte("+#._-"), c) >= 0
}
