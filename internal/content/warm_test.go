package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestFenceLanguages checks which fence lines give a language. An empty line and
// a line of two spaces come before most fences (a line is cut at its newline, the
// spaces are stripped only while there are any); "AZaz09" has the ends of each
// range of letters and digits.
func TestFenceLanguages(t *testing.T) {
	src := strings.Join([]string{
		"```go",
		"x := 1",
		"",
		"  ",
		"```",
		"   ~~~python extra words",
		"    ```indented-code",
		"````c++ {linenos=true}",
		"```league",
		"``` spaced",
		"```\tbash\r",
		"```html{.x}",
		"```a" + strings.Repeat("b", 32),
		"```we!rd",
		"text ```go",
		"~~~",
		"```" + strings.Repeat("x", 32),
		"```yaml",
		"```AZaz09",
	}, "\n")
	want := []string{"go", "python", "c++", "spaced", "bash", "html", strings.Repeat("x", 32), "yaml", "AZaz09"}
	if got := fenceLanguages([]byte(src)); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := fenceLanguages(nil); got != nil {
		t.Errorf("no source: got %q", got)
	}
}

// TestWarmLexers checks that the lexers of the languages of the first posts are
// ready after WarmLexers, and those of later posts, past warmPosts, not.
func TestWarmLexers(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts/a.md":    {Data: []byte("---\ntitle: a\n---\n```ada\nnull;\n```\n")},
		"content/posts/b.md":    {Data: []byte("no code\n")},
		"content/posts/c.md":    {Data: []byte("```ada\n```\n~~~ nosuchlanguage\n~~~\n")},
		"content/posts/dir.md/": {},
	}
	for i := 0; i < warmPosts; i++ {
		fsys[fmt.Sprintf("content/posts/p%03d.md", i)] = &fstest.MapFile{Data: []byte("text\n")}
	}
	fsys["content/posts/zz.md"] = &fstest.MapFile{Data: []byte("```cobol\n```\n")}
	// Lexers are kept for the life of the process: forget these three (no other
	// test uses them), so that the test holds when it runs again (-count).
	for _, lang := range []string{"ada", "nosuchlanguage", "cobol"} {
		codeLexers.Delete(lang)
	}
	WarmLexers(fsys)
	if l, ok := codeLexers.Load("ada"); !ok || l == nil {
		t.Error("ada: not ready after WarmLexers")
	}
	if l, ok := codeLexers.Load("nosuchlanguage"); !ok || l != nil {
		t.Errorf("nosuchlanguage: got %v, %v; want a nil lexer kept", l, ok)
	}
	if _, ok := codeLexers.Load("cobol"); ok {
		t.Error("cobol: readied from a post past the first warmPosts")
	}
	WarmLexers(fstest.MapFS{}) // no posts: nothing to do, no panic
}
