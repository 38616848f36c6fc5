package publish

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A rebuild in place: Built tells an output that holds a build, Holds a file with
// the same bytes, Remove takes a file away with the folders it leaves empty.
func TestInPlace(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	o, err := Open(context.Background(), out, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if o.Built() {
		t.Error("an output folder that holds no build is Built")
	}
	o.Close()
	if _, err := Write(out, []File{{Path: "index.html", Data: []byte("home")}, {Path: "a/b/c.html", Data: []byte("deep")},
		{Path: "a/d.html", Data: []byte("beside")}}); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("index.html", filepath.Join(out, "link.html")); err != nil {
		t.Fatal(err)
	}
	o, err = Open(context.Background(), out, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !o.Built() {
		t.Error("a built output is not Built")
	}
	for _, c := range []struct {
		path, data string
		want       bool
	}{
		{"index.html", "home", true},
		{"index.html", "hom", false},
		{"index.html", "homE", false},
		{"a/b/c.html", "deep", true},
		{"missing.html", "", false},
		{"link.html", "home", false}, // a link is not the build's file
		{"a", "", false},             // a folder
		{"../public/index.html", "home", false},
	} {
		if got := o.Holds(c.path, []byte(c.data)); got != c.want {
			t.Errorf("Holds(%q, %q) = %v, want %v", c.path, c.data, got, c.want)
		}
	}

	if err := o.Remove("a/b/c.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "a/b")); !os.IsNotExist(err) {
		t.Errorf("the folder a/b, left empty, is still there: %v", err)
	}
	if got := read(t, filepath.Join(out, "a/d.html")); got != "beside" {
		t.Errorf("a/d.html = %q", got)
	}
	if err := o.Remove("a/b/c.html"); err != nil {
		t.Errorf("removing a file that is gone: %v", err)
	}
	if err := o.Remove("a/d.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "a")); !os.IsNotExist(err) {
		t.Errorf("the folder a, left empty, is still there: %v", err)
	}
	for _, bad := range []string{"../x.html", "a//b", Marker} {
		if err := o.Remove(bad); err == nil || err.Error() != `publish: invalid output path "`+bad+`"` {
			t.Errorf("Remove(%q): err = %v", bad, err)
		}
	}
	if got := read(t, filepath.Join(out, Marker)); got != markerText {
		t.Errorf("marker = %q", got)
	}
	o.Close()
	if err := o.Remove("index.html"); err == nil || err.Error() != "publish: output already closed" {
		t.Errorf("Remove after Close: err = %v", err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "home" {
		t.Errorf("index.html = %q", got)
	}
}

// Remove takes away every folder the file leaves empty, up to the first that is
// not: a file alone two folders down takes both, and a folder that was already
// empty above one that is gone stays.
func TestRemoveEmptiedFolders(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(out, []File{{Path: "index.html", Data: []byte("home")}, {Path: "x/y/z.html", Data: []byte("deep")}}); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(out, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	o, err := Open(context.Background(), out, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if err := o.Remove("x/y/z.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "x")); !os.IsNotExist(err) {
		t.Errorf("the folder x, left empty, is still there: %v", err)
	}
	if err := o.Remove("empty/gone/z.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "empty")); err != nil {
		t.Errorf("the folder empty, which held nothing before, was taken: %v", err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "home" {
		t.Errorf("index.html = %q", got)
	}
}
