package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/diag"
	"go.yaml.in/yaml/v3"
)

// quickCases are front matters quickFrontMatter reads itself (true) or leaves to
// yaml.v3 (false).
var quickCases = []struct {
	fm    string
	quick bool
}{
	{"title: \"Accuracy package firmware: update 1\"\ndate: 2016-01-01T08:00:00Z\ntags: [\"benchmarks\", \"announcements\", \"release\", \"python\"]\ndraft: false\nsummary: \"Context or index queue.\"\n", true},
	{"title: Gemma 4 review\ndate: 2026-06-04\nslug: a-b\ntags: [x, Y z]\nmodels: [m]\ndraft: true\n", true},
	{"title: T", true},
	{"title:   spaced out\n", true},
	{"tags: []\n", true},
	{"tags: [ a ,b , \"c d\" ]\n", true},
	{"tags: [\"é\", \"日本\", \"😀\"]\nsummary: \"café — naïve\"\n", true},
	{"title: \"a: b, [c] {d} #e 'f' & * ! | > % @ `\"\n", true},
	{"title: a.b/c_d-e\n", true},
	{"title: true\nsummary: false\n", true},
	{"tags: [true, false, x]\n", true},
	{"title: \"\"\n", true},
	{"title: x\nsummary: \"y\"", true},
	{"draft: off\n", true},
	{"draft: yes\nx: no\ny: y\nn: n\non: on\n", true},
	{"t: Nan\nu: nan\nv: inf\nw: Infinity\nx: nil\ny: None\nz: ok\n", true},
	{"x_1: a\n_y: b\n", true},
	{"a09: x\nz90: y\n", true},
	{"a: zed\nb: Alpha\nc: Zulu\nd: 0999-12-31\ne: 9999-01-01\nf: 0999-12-31T23:59:59Z\n", true},
	{"a: xA\nb: abcd-ef-gh\n", true},
	{"title: \"\u00a0\ud7ff\ue000\ufffc\U00010000\U0010ffff\"\n", true},

	// Left to yaml.v3.
	{"", false},
	{"\n", false},
	{"title: T\n\nsummary: S\n", false},
	{"# comment\ntitle: T\n", false},
	{"title: T # comment\n", false},
	{"title: \"a\\\"b\"\n", false},
	{"title: \"a\" b\n", false},
	{"title: 'single'\n", false},
	{"title: T \n", false},
	{"title:T\n", false},
	{"title:\n", false},
	{"title: \n", false},
	{"Title: T\n", false},
	{" title: T\n", false},
	{"\ttitle: T\n", false},
	{"title: T\r\n", false},
	{"title: T\ntitle: U\n", false},
	{"title: a: b\n", false},
	{"title: a, b\n", false},
	{"title: null\n", false},
	{"title: Null\n", false},
	{"title: TRUE\n", false},
	{"title: 12\n", false},
	{"title: 0\n", false},
	{"title: 9\n", false},
	{"title: 1.5\n", false},
	{"title: 2016-01-01T08:00:00+02:00\n", false},
	{"title: 2016-01-01 08:00:00\n", false},
	{"date: 2016-1-1\n", false},
	{"date: 0000-00-00\n", false},
	{"date: 2016-02-30\n", false},
	{"date: 2016-01-01T25:00:00Z\n", false},
	{"date: 2016-02-29T23:59:59Z\n", true},
	{"title: -x\n", false},
	{"title: .x\n", false},
	{"title: ~\n", false},
	{"title: é\n", false},
	{"tags: [a, [b]]\n", false},
	{"tags: [a, b] x\n", false},
	{"tags: [a, b\n", false},
	{"tags: [a,, b]\n", false},
	{"tags: [a,]\n", false},
	{"tags: [2016-01-01T08:00:00Z]\n", false},
	{"tags:\n  - a\n", false},
	{"tags: {a: b}\n", false},
	{"title: &a T\n", false},
	{"title: *a\n", false},
	{"title: !!str T\n", false},
	{"title: |\n  T\n", false},
	{"title: \"a\u2028b\"\n", false},
	{"title: \"a\u0085b\"\n", false},
	{"title: \"a\ufeffb\"\n", false},
	{"title: \"a\x7fb\"\n", false},
	{"title: \"a\xffb\"\n", false},
	{"title: \"a\x80b\"\n", false},
	{"title: \"unclosed\n", false},
	{"title: \"unclosed", false},
	{"1: x\n", false},
	{"9a: x\n", false},
	{"true: x\n", false},
	{"null: x\n", false},
	{"---\ntitle: T\n", false},
	{"title: T\n...\n", false},
}

// TestQuickFrontMatterIsYAMLs checks that what quickFrontMatter reads is the node
// yaml.v3 makes of the same text, field by field, and that it leaves the other
// cases to yaml.v3.
func TestQuickFrontMatterIsYAMLs(t *testing.T) {
	for _, c := range quickCases {
		got, ok := quickFrontMatter([]byte(c.fm))
		if ok != c.quick {
			t.Errorf("%q: read quickly %v, want %v", c.fm, ok, c.quick)
			continue
		}
		if ok {
			sameAsYAML(t, c.fm, got)
		}
	}
}

// TestQuickFrontMatterOnTheSitesPosts checks it on the front matter of every post
// and page of the bundled site and of the test sites.
func TestQuickFrontMatterOnTheSitesPosts(t *testing.T) {
	n, quick := 0, 0
	eachRepoMarkdown(t, func(p string, src []byte) {
		var errs diag.List
		fm, _, _ := splitFrontMatter(p, src, &errs)
		if fm == nil {
			return
		}
		n++
		if got, ok := quickFrontMatter(fm); ok {
			quick++
			sameAsYAML(t, string(fm), got)
		}
	})
	if n == 0 || quick == 0 {
		t.Fatalf("%d front matters, %d read quickly: the test read nothing", n, quick)
	}
}

// FuzzQuickFrontMatter: whatever quickFrontMatter reads is yaml.v3's node.
func FuzzQuickFrontMatter(f *testing.F) {
	for _, c := range quickCases {
		f.Add(c.fm)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		if got, ok := quickFrontMatter([]byte(fm)); ok {
			sameAsYAML(t, fm, got)
		}
	})
}

// sameAsYAML fails t when got is not the node yaml.v3 makes of fm.
func sameAsYAML(t *testing.T, fm string, got *yaml.Node) {
	t.Helper()
	var want yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &want); err != nil {
		t.Errorf("%q: read quickly, but yaml.v3 refuses it: %v", fm, err)
		return
	}
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("%q:\nquick  %s\nyaml.v3 %s", fm, dumpNode(got), dumpNode(&want))
	}
}

func dumpNode(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "\n%s%+v", strings.Repeat("  ", depth), *n)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}
