package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFolderContents checks which existing folders an output may be: the exact
// refusal lists the first three names and counts the rest, and only a folder with
// all three files of an earlier output (or the marker) counts as the build's.
func TestCheckFolderContents(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  string // "" when accepted
	}{
		{"three files", []string{"a", "b", "c"}, "it is a folder the build did not write (it holds a, b, c); choose a new or empty folder"},
		{"four files", []string{"a", "b", "c", "d"}, "it is a folder the build did not write (it holds a, b, c and 1 more); choose a new or empty folder"},
		{"six files", []string{"a", "b", "c", "d", "e", "f"}, "it is a folder the build did not write (it holds a, b, c and 3 more); choose a new or empty folder"},
		{"earlier output", []string{".nojekyll", "index.html", "standings.json"}, ""},
		{"earlier output and more", []string{".nojekyll", "index.html", "standings.json", "x.html"}, ""},
		{"marker only", []string{Marker}, ""},
		{"no .nojekyll", []string{"index.html", "standings.json"}, "it is a folder the build did not write (it holds index.html, standings.json); choose a new or empty folder"},
		{"no index.html", []string{".nojekyll", "standings.json"}, "it is a folder the build did not write (it holds .nojekyll, standings.json); choose a new or empty folder"},
		{"no standings.json", []string{".nojekyll", "index.html"}, "it is a folder the build did not write (it holds .nojekyll, index.html); choose a new or empty folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			os.Mkdir(out, 0o755)
			for _, f := range tt.files {
				if err := os.WriteFile(filepath.Join(out, f), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Check(out, "")
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || err.Error() != "output "+out+": "+tt.want):
				t.Errorf("error = %v\nwant    output %s: %s", err, out, tt.want)
			}
		})
	}
	t.Run("a folder named like a file of an earlier output", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		for _, d := range []string{".nojekyll", "index.html", "standings.json"} {
			os.MkdirAll(filepath.Join(out, d), 0o755)
		}
		if _, err := Check(out, ""); err == nil {
			t.Error("accepted a folder whose index.html and others are folders")
		}
	})
}

// TestCheckThroughMissingLinkedFolders resolves a symbolic link above an output
// whose last two folders do not exist yet.
func TestCheckThroughMissingLinkedFolders(t *testing.T) {
	root := site(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(link, "content", "new", "deeper")
	_, err := Check(out, root)
	want := "output " + out + ": it lies inside the input folder content/ of the site root"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
	got, err := Check(filepath.Join(link, "public", "a", "b"), root)
	if err != nil || got != filepath.Join(root, "public", "a", "b") {
		t.Errorf("Check = %q, %v; want %s", got, err, filepath.Join(root, "public", "a", "b"))
	}
}

// TestOrphanNames checks which folders beside the output count as temporary
// folders of a killed build: the prefix and digits only (0 to 9), with or without
// ".old".
func TestOrphanNames(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	parent := filepath.Dir(out)
	for _, d := range []string{".public.new-0", ".public.new-9", ".public.new-1090.old", ".public.new-9a", ".public.new-1-", ".public.new-:", ".public.new-.old"} {
		os.Mkdir(filepath.Join(parent, d), 0o755)
	}
	o, err := Open(context.Background(), out, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	if err := o.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	want := []string{".public.new-.old", ".public.new-1-", ".public.new-9a", ".public.new-:"}
	if got := beside(t, out); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("left beside the output: %v, want %v", got, want)
	}
	var none *Output
	if err := none.Close(); err != nil {
		t.Errorf("Close of a nil output = %v", err)
	}
}

// TestWriteRefusesBackslash refuses a path with a backslash anywhere: on Windows
// it would be a separator, and no URL path of the site has one.
func TestWriteRefusesBackslash(t *testing.T) {
	for _, bad := range []string{`a\b.html`, `\x`, `dir\`, `a/b\c/d.html`} {
		out := filepath.Join(t.TempDir(), "public")
		_, err := Write(out, []File{{Path: bad, Data: []byte("x")}})
		if want := fmt.Sprintf("publish: invalid output path %q", bad); err == nil || err.Error() != want {
			t.Errorf("Write(%q) = %v, want %s", bad, err, want)
		}
	}
}

// TestSwapFallback takes the two-rename path of a file system without an atomic
// exchange: the new output replaces the old one, nothing is left beside it, and when
// the second rename fails the old output is put back.
func TestSwapFallback(t *testing.T) {
	saved := exchange
	defer func() { exchange = saved }()
	exchange = func(a, b string) error { return errors.New("exchange not supported") }

	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(out, []File{{Path: "index.html", Data: []byte("one")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(out, []File{{Path: "index.html", Data: []byte("two")}, {Path: "b.html", Data: []byte("b")}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "two" {
		t.Errorf("index.html = %q, want the new output", got)
	}
	if left := beside(t, out); len(left) != 0 {
		t.Errorf("left beside the output: %v", left)
	}

	// The new folder cannot take the output's place (here: it is gone): the old
	// output is put back.
	target := filepath.Join(t.TempDir(), "target")
	os.MkdirAll(target, 0o755)
	os.WriteFile(filepath.Join(target, "keep.html"), []byte("old"), 0o644)
	if err := swap(filepath.Join(t.TempDir(), "gone"), target); err == nil {
		t.Error("swap of a missing folder worked")
	}
	if got, err := os.ReadFile(filepath.Join(target, "keep.html")); err != nil || string(got) != "old" {
		t.Errorf("old output not restored: %q %v", got, err)
	}
	if left := beside(t, target); len(left) != 0 {
		t.Errorf("left beside the output: %v", left)
	}
}
