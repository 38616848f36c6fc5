package content

import (
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ai-league/ai-league/internal/diag"
)

// file makes a MapFS file from its text.
func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// minimal is the smallest valid post.
const minimal = "---\ntitle: T\ndate: 2026-06-04\n---\nBody.\n"

var known = map[string]bool{"gemma-4-12b": true, "qwen3.5-9b": true}

func TestLoadPosts(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts/b.md": file("---\ntitle: B\ndate: 2026-06-04\n---\n"),
		"content/posts/a.md": file("---\ntitle: A\ndate: 2026-06-04\n---\n"),
		"content/posts/old.md": file("---\ntitle: Old\ndate: 2026-01-02\nsummary: \"An old one\"\n" +
			"tags: [Open Weights!, laptop, LAPTOP, qwen3.5]\nmodels: [qwen3.5-9b, gemma-4-12b, qwen3.5-9b]\n---\n"),
		"content/posts/late.md":         file("---\ntitle: Late\ndate: 2026-06-04T23:30:00-02:00\nslug: renamed\n---\n"),
		"content/posts/wip.md":          file("---\ntitle: WIP\ndate: 2026-07-01\ndraft: true\n---\n"),
		"content/posts/notes.txt":       file("not markdown"),
		"content/posts/sub/deeper.md":   file("not read: Load is not recursive"),
		"content/about.md":              file("---\ntitle: About\nsummary: What this is.\n---\nHello.\n"),
		"content/contact.md":            file("---\ntitle: Contact\n---\n"),
		"data/models.yaml":              file("ignored"),
		"content/posts/drafts/draft.md": file("ignored"),
	}
	tests := []struct {
		name      string
		drafts    bool
		wantSlugs []string
	}{
		{"drafts left out", false, []string{"renamed", "a", "b", "old"}},
		{"drafts included", true, []string{"wip", "renamed", "a", "b", "old"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, pages, err := Load(fsys, Options{Drafts: tt.drafts, KnownModels: known})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			var slugs []string
			for _, p := range posts {
				slugs = append(slugs, p.Slug)
			}
			if !reflect.DeepEqual(slugs, tt.wantSlugs) {
				t.Errorf("slugs = %v, want %v", slugs, tt.wantSlugs)
			}
			if len(pages) != 2 || pages[0].Slug != "about" || pages[1].Slug != "contact" {
				t.Fatalf("pages = %+v, want about and contact", pages)
			}
			if pages[0].Title != "About" || pages[0].Summary != "What this is." ||
				pages[0].File != "content/about.md" || pages[0].HTML != "<p>Hello.</p>\n" {
				t.Errorf("about = %+v", pages[0])
			}
		})
	}

	posts, _, err := Load(fsys, Options{KnownModels: known})
	if err != nil {
		t.Fatal(err)
	}
	byslug := map[string]Post{}
	for _, p := range posts {
		byslug[p.Slug] = p
	}
	t.Run("front matter fields", func(t *testing.T) {
		old := byslug["old"]
		want := Post{
			File: "content/posts/old.md", Slug: "old", Title: "Old",
			Date: "2026-01-02", Time: "2026-01-02T00:00:00Z", Summary: "An old one",
			Tags:   []string{"open-weights", "laptop", "qwen3-5"},
			Models: []string{"qwen3.5-9b", "gemma-4-12b"},
		}
		if !reflect.DeepEqual(old, want) {
			t.Errorf("old =\n%+v\nwant\n%+v", old, want)
		}
	})
	t.Run("RFC 3339 date is taken in UTC", func(t *testing.T) {
		late := byslug["renamed"]
		if late.Date != "2026-06-05" || late.Time != "2026-06-05T01:30:00Z" || late.File != "content/posts/late.md" {
			t.Errorf("late = %q %q %q", late.Date, late.Time, late.File)
		}
	})
}

func TestLoadNoContent(t *testing.T) {
	posts, pages, err := Load(fstest.MapFS{"site.yaml": file("title: x")}, Options{})
	if err != nil || posts != nil || pages != nil {
		t.Fatalf("Load = %v, %v, %v; want nothing", posts, pages, err)
	}
}

// failingFS fails to read one file.
type failingFS struct {
	fstest.MapFS
	bad string
}

func (f failingFS) ReadFile(name string) ([]byte, error) {
	if name == f.bad {
		return nil, errors.New("disk on fire")
	}
	return f.MapFS.ReadFile(name)
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.bad {
		return nil, errors.New("disk on fire")
	}
	return f.MapFS.Open(name)
}

func (f failingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == f.bad {
		return nil, errors.New("disk on fire")
	}
	return f.MapFS.ReadDir(name)
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fs.FS
		opt  Options
		want string
	}{
		{
			name: "year 1",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 0001-01-01\n---\n")},
			want: `content/posts/x.md:3:7: front matter: date "0001-01-01": the year must be from 1000 to 9999`,
		},
		{
			name: "year 10000 in UTC",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 9999-12-31T23:59:59-23:59\n---\n")},
			want: `content/posts/x.md:3:7: front matter: date "9999-12-31T23:59:59-23:59" is 10000-01-01T23:58:59Z in UTC: the year must be from 1000 to 9999`,
		},
		{
			name: "long slug",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\nslug: " + strings.Repeat("a", 101) + "\n---\n")},
			want: `content/posts/x.md:4:7: front matter: slug "` + strings.Repeat("a", 40) + `"… is 101 characters long; a slug has at most 100`,
		},
		{
			name: "long tag",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\ntags: [ok, " + strings.Repeat("b", 101) + "]\n---\n")},
			want: `content/posts/x.md:4:12: front matter: tag "` + strings.Repeat("b", 40) + `"… is 101 characters long as a slug; a tag has at most 100`,
		},
		{
			name: "long post file name",
			fsys: fstest.MapFS{"content/posts/" + strings.Repeat("c", 101) + ".md": file("---\ntitle: T\ndate: 2026-06-04\n---\n")},
			want: `content/posts/` + strings.Repeat("c", 101) + `.md:1:1: file name is 101 characters long before .md; a slug has at most 100: rename the file or set slug in the front matter`,
		},
		{
			name: "long page file name",
			fsys: fstest.MapFS{"content/" + strings.Repeat("d", 101) + ".md": file("---\ntitle: T\n---\n")},
			want: `content/` + strings.Repeat("d", 101) + `.md:1:1: file name is 101 characters long before .md; a page slug has at most 100`,
		},
		{
			name: "post after the as-of day is still checked",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-05\ntitel: x\n---\n")},
			opt:  Options{Until: "2026-06-04"},
			want: `content/posts/x.md:4:1: front matter: unknown key "titel" (did you mean "title"?)`,
		},
		{
			name: "no front matter",
			fsys: fstest.MapFS{"content/posts/x.md": file("# Just markdown\n")},
			want: `content/posts/x.md:1:1: missing front matter: the file must start with a line "---", then YAML with at least a title, then "---"`,
		},
		{
			name: "unclosed front matter",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\n\nBody\n")},
			want: `content/posts/x.md:1:1: unclosed front matter: no line "---" ends the YAML opened on line 1`,
		},
		{
			name: "YAML syntax error has the file's line",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ndate: 2026-06-04\ntitle: [\n---\n")},
			want: `content/posts/x.md:3:8: front matter: close the list with "]", or quote the value`,
		},
		{
			name: "YAML error in plain words at its line",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: Gemma 4: the review\ndate: 2026-06-04\n---\n")},
			want: `content/posts/x.md:2:8: front matter: quote the value: it contains ": "`,
		},
		{
			name: "front matter is a list",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\n- title\n---\n")},
			want: `content/posts/x.md:2:1: front matter: want key: value lines, got a list`,
		},
		{
			name: "empty front matter",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\n---\nBody\n")},
			want: `content/posts/x.md:1:1: front matter: missing title`,
		},
		{
			name: "unknown key, with a suggestion",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\nsumary: S\n---\n")},
			want: `content/posts/x.md:4:1: front matter: unknown key "sumary" (did you mean "summary"?)`,
		},
		{
			name: "duplicate key",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\ntitle: U\n---\n")},
			want: `content/posts/x.md:4:1: front matter: duplicate key "title"`,
		},
		{
			name: "missing title and date",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\nsummary: S\n---\n")},
			want: "content/posts/x.md:1:1: front matter: missing title\n" +
				"content/posts/x.md:1:1: front matter: missing date (want YYYY-MM-DD or RFC 3339)",
		},
		{
			name: "empty title",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: \"\"\ndate: 2026-06-04\n---\n")},
			want: `content/posts/x.md:2:8: front matter: title is empty`,
		},
		{
			name: "title is a list",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: [a]\ndate: 2026-06-04\n---\n")},
			want: `content/posts/x.md:2:8: front matter: title: want a string, got a list`,
		},
		{
			name: "bad date",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 4 June 2026\n---\n")},
			want: `content/posts/x.md:3:7: front matter: date "4 June 2026": want YYYY-MM-DD or RFC 3339 (2026-06-04T09:30:00Z)`,
		},
		{
			name: "date is a mapping",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: {y: 2026}\n---\n")},
			want: `content/posts/x.md:3:7: front matter: date: want YYYY-MM-DD or RFC 3339, got a mapping`,
		},
		{
			name: "bad slug",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\nslug: My_Post\n---\n")},
			want: `content/posts/x.md:4:7: front matter: slug "My_Post": want lowercase letters, digits and hyphens only`,
		},
		{
			name: "draft is not a bool",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\ndraft: maybe\n---\n")},
			want: `content/posts/x.md:4:8: front matter: draft: want true or false, got "maybe"`,
		},
		{
			name: "tags is not a list",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\ntags: policy\n---\n")},
			want: `content/posts/x.md:4:7: front matter: tags: want a list such as [a, b], got "policy"`,
		},
		{
			name: "tag without letters, tag that is a list",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\ntags: [\"!!\", [a]]\n---\n")},
			want: "content/posts/x.md:4:8: front matter: tag \"!!\" has no letters or digits\n" +
				"content/posts/x.md:4:14: front matter: tags: want a non-empty string, got a list",
		},
		{
			name: "unknown model, with a suggestion",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\nmodels:\n  - gemma-4-12b\n  - qwen3.5-9\n---\n")},
			opt:  Options{KnownModels: known},
			want: `content/posts/x.md:6:5: front matter: models: unknown model "qwen3.5-9" (did you mean "qwen3.5-9b"?)`,
		},
		{
			name: "file name is not a slug",
			fsys: fstest.MapFS{"content/posts/My Post.md": file(minimal)},
			want: `content/posts/My Post.md:1:1: file name "My Post.md" is not a valid slug (want [a-z0-9-]+): rename the file or set slug in the front matter`,
		},
		{
			name: "duplicate slug",
			fsys: fstest.MapFS{
				"content/posts/a.md": file(minimal),
				"content/posts/b.md": file("---\ntitle: T\ndate: 2026-06-04\nslug: a\n---\n"),
			},
			want: `content/posts/b.md:4:7: duplicate post slug "a" (also used by content/posts/a.md)`,
		},
		{
			name: "every duplicate slug, and the errors of the files after them",
			fsys: fstest.MapFS{
				"content/posts/a.md": file(minimal),
				"content/posts/b.md": file("---\ntitle: T\ndate: 2026-06-04\nslug: a\n---\n"),
				"content/posts/c.md": file("---\ntitle: T\nslug: a\ndate: 2026-06-04\n---\n"),
				"content/posts/d.md": file("---\ntitle: T\ndate: 2026-06-04\ntitel: x\n---\n"),
			},
			want: "content/posts/b.md:4:7: duplicate post slug \"a\" (also used by content/posts/a.md)\n" +
				"content/posts/c.md:3:7: duplicate post slug \"a\" (also used by content/posts/a.md)\n" +
				"content/posts/d.md:4:1: front matter: unknown key \"titel\" (did you mean \"title\"?)",
		},
		{
			// The body starts on line 4: the bad directive is on line 6 of the file.
			name: "league block of a page at its line",
			fsys: fstest.MapFS{"content/about.md": file("---\ntitle: A\n---\n\n```league\nstandings\n```\n")},
			want: "content/about.md:6:1: league block: standings takes a table id, e.g. standings laptop; got 0 arguments",
		},
		{
			name: "page with a post key",
			fsys: fstest.MapFS{"content/about.md": file("---\ntitle: About\ndate: 2026-06-04\n---\n")},
			want: `content/about.md:3:1: front matter: key "date" is for posts only; a page takes summary and title`,
		},
		{
			name: "every key error of a file",
			fsys: fstest.MapFS{
				"content/about.md":   file("---\ntitle: A\ndate: 2026-06-04\ntags: [x]\n---\n"),
				"content/posts/x.md": file("---\ntitle: T\nzzzzzz: 1\nqqqqqq: 2\ntitle: U\ntitle: V\ndate: 2026-06-04\n---\n"),
			},
			want: "content/about.md:3:1: front matter: key \"date\" is for posts only; a page takes summary and title\n" +
				"content/about.md:4:1: front matter: key \"tags\" is for posts only; a page takes summary and title\n" +
				"content/posts/x.md:3:1: front matter: unknown key \"zzzzzz\"\n" +
				"content/posts/x.md:4:1: front matter: unknown key \"qqqqqq\"\n" +
				"content/posts/x.md:5:1: front matter: duplicate key \"title\"\n" +
				"content/posts/x.md:6:1: front matter: duplicate key \"title\"",
		},
		{
			name: "every bad tag and unknown model",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\ntags: [\"!!\", \"??\", " +
				strings.Repeat("b", 101) + ", " + strings.Repeat("c", 101) + "]\nmodels:\n  - zzzzzz\n  - qqqqqq\n---\n")},
			opt: Options{KnownModels: known},
			want: "content/posts/x.md:4:8: front matter: tag \"!!\" has no letters or digits\n" +
				"content/posts/x.md:4:14: front matter: tag \"??\" has no letters or digits\n" +
				"content/posts/x.md:4:20: front matter: tag \"" + strings.Repeat("b", 40) + "\"… is 101 characters long as a slug; a tag has at most 100\n" +
				"content/posts/x.md:4:123: front matter: tag \"" + strings.Repeat("c", 40) + "\"… is 101 characters long as a slug; a tag has at most 100\n" +
				"content/posts/x.md:6:5: front matter: models: unknown model \"zzzzzz\"\n" +
				"content/posts/x.md:7:5: front matter: models: unknown model \"qqqqqq\"",
		},
		{
			name: "null and empty list items",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\ntags: [a, ~, \"\", \" \"]\n---\n")},
			want: "content/posts/x.md:4:11: front matter: tags: want a non-empty string, got nothing\n" +
				"content/posts/x.md:4:14: front matter: tags: want a non-empty string, got \"\"\n" +
				"content/posts/x.md:4:18: front matter: tags: want a non-empty string, got \" \"",
		},
		{
			name: "YAML error without a line",
			fsys: fstest.MapFS{"content/posts/x.md": file("---\ntitle: *nope\ndate: 2026-06-04\n---\n")},
			want: "content/posts/x.md: front matter: *nope names no anchor &nope: quote the value if the * is text",
		},
		{
			name: "front matter of only a comment",
			fsys: fstest.MapFS{"content/about.md": file("---\n# nothing yet\n---\n")},
			want: "content/about.md:1:1: front matter: missing title",
		},
		{
			name: "page without title",
			fsys: fstest.MapFS{"content/about.md": file("---\nsummary: S\n---\n")},
			want: `content/about.md:1:1: front matter: missing title`,
		},
		{
			name: "page on a reserved slug",
			fsys: fstest.MapFS{"content/standings.md": file("---\ntitle: S\n---\n")},
			want: `content/standings.md:1:1: page slug "standings" is reserved for a generated section; rename the file`,
		},
		{
			name: "page file name is not a slug",
			fsys: fstest.MapFS{"content/About Us.md": file("---\ntitle: S\n---\n")},
			want: `content/About Us.md:1:1: file name "About Us.md" is not a valid page slug (want [a-z0-9-]+.md)`,
		},
		{
			name: "unreadable file",
			fsys: failingFS{fstest.MapFS{"content/posts/x.md": file(minimal)}, "content/posts/x.md"},
			want: `content/posts/x.md: read: disk on fire`,
		},
		{
			name: "posts is not a directory",
			fsys: failingFS{fstest.MapFS{"content/posts/x.md": file(minimal)}, "content/posts"},
			want: `content/posts: read directory: disk on fire`,
		},
		{
			name: "errors of every file together, drafts checked too",
			fsys: fstest.MapFS{
				"content/posts/a.md": file("---\ntitle: A\n---\n"),
				"content/posts/b.md": file("---\ntitle: B\ndate: 2026-06-04\ndraft: true\ntag: [x]\n---\n"),
				"content/posts/c.md": file(minimal),
				"content/zz.md":      file("no front matter"),
			},
			want: "content/posts/a.md:1:1: front matter: missing date (want YYYY-MM-DD or RFC 3339)\n" +
				"content/posts/b.md:5:1: front matter: unknown key \"tag\" (did you mean \"tags\"?)\n" +
				"content/zz.md:1:1: missing front matter: the file must start with a line \"---\", then YAML with at least a title, then \"---\"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, pages, err := Load(tt.fsys, tt.opt)
			if err == nil {
				t.Fatalf("Load: no error, want %q", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error =\n%s\nwant\n%s", got, tt.want)
			}
			if posts != nil || pages != nil {
				t.Errorf("got posts/pages with an error: %v %v", posts, pages)
			}
		})
	}
}

func TestLoadErrorIsDiagList(t *testing.T) {
	_, _, err := Load(fstest.MapFS{"content/posts/x.md": file("nope")}, Options{})
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].File != "content/posts/x.md" || list[0].Line != 1 {
		t.Fatalf("err = %#v, want a diag.List with one error at content/posts/x.md:1", err)
	}
}

func TestTagSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"policy", "policy"},
		{"Open Weights!", "open-weights"},
		{"  --Qwen3.5--  ", "qwen3-5"},
		{"été", "t"},
		{"!!", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := tagSlug(tt.in); got != tt.want {
				t.Errorf("tagSlug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormaliseBasePath(t *testing.T) {
	for in, want := range map[string]string{"": "/", "/": "/", "repo": "/repo/", "/repo": "/repo/", "/a/b/": "/a/b/"} {
		t.Run(in, func(t *testing.T) {
			if got := normaliseBasePath(in); got != want {
				t.Errorf("normaliseBasePath(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestSplitFrontMatterCRLF(t *testing.T) {
	var errs diag.List
	fm, body, line := splitFrontMatter("x.md", []byte("\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nBody\r\n"), &errs)
	if len(errs) != 0 || string(fm) != "title: T\r\n" || string(body) != "Body\r\n" || line != 4 {
		t.Errorf("got fm %q body %q line %d errs %v", fm, body, line, errs)
	}
	fm, body, line = splitFrontMatter("x.md", []byte("---\ntitle: T\n---"), &errs)
	if len(errs) != 0 || string(fm) != "title: T\n" || body != nil || line != 4 {
		t.Errorf("no trailing newline: got fm %q body %q line %d errs %v", fm, body, line, errs)
	}
}

// TestLoadUntil checks that posts dated after the as-of day are left out, and that
// the day itself (in UTC) is kept.
func TestLoadUntil(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts/a.md": file("---\ntitle: A\ndate: 2026-06-04T23:30:00-02:00\n---\n"), // 2026-06-05 in UTC
		"content/posts/b.md": file("---\ntitle: B\ndate: 2026-06-04\n---\n"),
		"content/posts/c.md": file("---\ntitle: C\ndate: 2026-06-03\n---\n"),
	}
	posts, _, err := Load(fsys, Options{Until: "2026-06-04"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range posts {
		got = append(got, p.Slug)
	}
	if strings.Join(got, " ") != "b c" {
		t.Errorf("posts %q, want b c", got)
	}
	posts, _, _ = Load(fsys, Options{})
	if len(posts) != 3 {
		t.Errorf("without Until: %d posts, want 3", len(posts))
	}
}

// TestLoadByteOrderMark checks that a post and a page may start with a UTF-8
// byte-order mark.
func TestLoadByteOrderMark(t *testing.T) {
	posts, pages, err := Load(fstest.MapFS{
		"content/posts/a.md": file("\ufeff---\ntitle: A\ndate: 2026-06-04\n---\nBody\n"),
		"content/about.md":   file("\ufeff---\ntitle: About\n---\nText\n"),
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || posts[0].Title != "A" || len(pages) != 1 || pages[0].Title != "About" {
		t.Errorf("posts %+v, pages %+v", posts, pages)
	}
}

// A tag of exactly the longest length is kept.
func TestLongestTag(t *testing.T) {
	tag := strings.Repeat("t", 100)
	posts, _, err := Load(fstest.MapFS{"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\ntags: [" + tag + "]\n---\n")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || len(posts[0].Tags) != 1 || posts[0].Tags[0] != tag {
		t.Errorf("tags = %q, want the one tag of 100 characters", posts[0].Tags)
	}
}

// Null lists are empty; tags become slugs of a-z and 0-9 (both ends of each range
// kept), other runs of characters one hyphen.
func TestTagsAndNullLists(t *testing.T) {
	posts, _, err := Load(fstest.MapFS{
		"content/posts/x.md": file("---\ntitle: T\ndate: 2026-06-04\ntags: [\"Az 09\", \"  Open Weights! \", \"az/09\"]\nmodels: ~\n---\n"),
		"content/posts/y.md": file("---\ntitle: T\ndate: 2026-06-04\ntags:\nmodels:\n---\n"),
	}, Options{KnownModels: map[string]bool{"m": true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range posts {
		want := []string(nil)
		if p.Slug == "x" {
			want = []string{"az-09", "open-weights"}
		}
		if !reflect.DeepEqual(p.Tags, want) || p.Models != nil {
			t.Errorf("%s: tags %q, models %q; want tags %q, no models", p.Slug, p.Tags, p.Models, want)
		}
	}
}

// The longest file names (100 characters before .md) are slugs.
func TestLongestFileNames(t *testing.T) {
	post, page := strings.Repeat("c", 100), strings.Repeat("d", 100)
	posts, pages, err := Load(fstest.MapFS{
		"content/posts/" + post + ".md": file(minimal),
		"content/" + page + ".md":       file("---\ntitle: P\n---\n"),
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || posts[0].Slug != post || len(pages) != 1 || pages[0].Slug != page {
		t.Errorf("posts %+v, pages %+v", posts, pages)
	}
}
