package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copySite copies the build package's test site into a temp dir.
func copySite(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS("../../internal/build/testdata/site")); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestRunExitStatus(t *testing.T) {
	src := copySite(t)
	broken := copySite(t)
	os.WriteFile(filepath.Join(broken, "data/models.yaml"), []byte("- id: x\n  name: X\n  club: nowhere\n  colour: red\n"), 0o644)
	out := filepath.Join(t.TempDir(), "out")
	cacheDir := filepath.Join(t.TempDir(), "cache")
	notDir := filepath.Join(t.TempDir(), "file")
	os.WriteFile(notDir, []byte("x"), 0o644)
	tests := []struct {
		name   string
		args   []string
		status int
		stderr []string
	}{
		{"builds", []string{"-src", src, "-out", out, "-offline", "-cache", cacheDir}, 0, []string{"load ", "compute ", "render ", "write ", "built "}},
		// Hits: the page's body. Misses: the post with league blocks (whole and body) and the draft (whole).
		{"warm cache", []string{"-src", src, "-out", out, "-offline", "-cache", cacheDir}, 0, []string{"cache " + cacheDir + ": 1 of 4 hits", "built "}},
		{"no cache", []string{"-src", src, "-out", out, "-offline", "-no-cache", "-cache", notDir}, 0, []string{"built "}},
		{"cache cannot be opened", []string{"-src", src, "-out", out, "-offline", "-cache", filepath.Join(notDir, "c")}, 0, []string{
			"warning: cache: mkdir " + notDir + ": not a directory; building without it", "built "}},
		{"unknown flag", []string{"-nope"}, 2, []string{"flag provided but not defined: -nope"}},
		{"stray argument", []string{"-src", src, "extra"}, 2, []string{`unexpected argument "extra"`}},
		{"bad as-of", []string{"-src", src, "-as-of", "June 5"}, 2, []string{`-as-of: want a date like 2026-06-05, got "June 5"`}},
		{"missing src", []string{"-src", filepath.Join(src, "nope")}, 2, []string{"is not a directory"}},
		{"bad base url", []string{"-src", src, "-out", out, "-offline", "-base-url", "ftp://x/"}, 1, []string{"-base-url: want an absolute http(s) URL"}},
		{"input errors", []string{"-src", broken, "-out", out, "-offline"}, 1, []string{
			`data/models.yaml:4:3: model 1: unknown key "colour" (did you mean "club"?)`,
			`data/models.yaml:3:9: model 1: unknown club "nowhere"`,
			"left as it was",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := run(tt.args, &stderr); got != tt.status {
				t.Errorf("status = %d, want %d; stderr:\n%s", got, tt.status, stderr.String())
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr.String(), s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr.String())
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("the failed builds removed the good output: %v", err)
	}
}

// TestRunGuardsOutput tries the outputs that would destroy a user's files: each is
// refused with exit status 2 and one line, and nothing is touched.
func TestRunGuardsOutput(t *testing.T) {
	src := copySite(t)
	top := filepath.Dir(src)
	os.WriteFile(filepath.Join(top, "notes.txt"), []byte("notes"), 0o644)
	os.MkdirAll(filepath.Join(top, "out"), 0o755)
	os.WriteFile(filepath.Join(top, "out/important.txt"), []byte("important"), 0o644)
	before := snapshot(t, top)
	tests := []struct {
		name string
		args []string
		line string
	}{
		{"out is the site root", []string{"-src", src, "-out", src}, "build: -out " + src + ": it is the site root; the default is " + filepath.Join(src, "public")},
		{"out holds the site root", []string{"-src", src, "-out", top}, "build: -out " + top + ": it contains the site root " + src},
		{"out is content", []string{"-src", src, "-out", filepath.Join(src, "content")}, "build: -out " + filepath.Join(src, "content") + ": it lies inside the input folder content/ of the site root"},
		{"out is data, the long way", []string{"-src", src, "-out", src + "/content/../data"}, "build: -out " + src + "/content/../data: it lies inside the input folder data/ of the site root"},
		{"out is a file", []string{"-src", src, "-out", filepath.Join(top, "notes.txt")}, "build: -out " + filepath.Join(top, "notes.txt") + ": it is a file, not a folder"},
		{"out holds other files", []string{"-src", src, "-out", filepath.Join(top, "out")}, "build: -out " + filepath.Join(top, "out") + ": it is a folder the build did not write (it holds important.txt); choose a new or empty folder"},
		{"serve is guarded too", []string{"-src", src, "-out", filepath.Join(src, "static"), "-serve", "-addr", "127.0.0.1:0"}, "build: -out " + filepath.Join(src, "static") + ": it lies inside the input folder static/ of the site root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := run(append(tt.args, "-offline"), &stderr); got != 2 {
				t.Errorf("status = %d, want 2", got)
			}
			if got := stderr.String(); got != tt.line+"\n" {
				t.Errorf("stderr = %q, want %q", got, tt.line+"\n")
			}
		})
	}
	if after := snapshot(t, top); after != before {
		t.Errorf("a refused build changed files:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// TestRunRelativeOutput gives -src and -out as a user types them, from inside the root.
func TestRunRelativeOutput(t *testing.T) {
	src := copySite(t)
	t.Chdir(src)
	for _, tt := range []struct{ src, out, want string }{
		{".", ".", "build: -out .: it is the site root; the default is public\n"},
		{".", "./content/../content", "build: -out ./content/../content: it lies inside the input folder content/ of the site root\n"},
		{"content/..", "data/cache", "build: -out data/cache: it lies inside the input folder data/ of the site root\n"},
	} {
		var stderr bytes.Buffer
		if got := run([]string{"-src", tt.src, "-out", tt.out, "-offline"}, &stderr); got != 2 || stderr.String() != tt.want {
			t.Errorf("-src %s -out %s: status %d, stderr %q; want 2, %q", tt.src, tt.out, got, stderr.String(), tt.want)
		}
	}
}

// TestRunDefaultOutputTwice builds into <src>/public twice: the second build replaces
// the first one's output, which the guard recognises by its marker.
func TestRunDefaultOutputTwice(t *testing.T) {
	src := copySite(t)
	var stderr bytes.Buffer
	for i := range 2 {
		stderr.Reset()
		if got := run([]string{"-src", src, "-offline"}, &stderr); got != 0 {
			t.Fatalf("build %d: status %d:\n%s", i+1, got, stderr.String())
		}
	}
	// The last line gives the files and megabytes found on disk (the marker left out).
	files, size := 0, int64(0)
	err := filepath.WalkDir(filepath.Join(src, "public"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".ai-league-output" {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("\nbuilt %d files (%.1f MB) in ", files, float64(size)/1e6); !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(src, "public", ".ai-league-output")); err != nil {
		t.Errorf("no marker in the output: %v", err)
	}
	if _, err := os.Stat(filepath.Join(src, "public", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestRunHelp(t *testing.T) {
	var stderr bytes.Buffer
	if got := run([]string{"-h"}, &stderr); got != 0 {
		t.Errorf("status = %d, want 0", got)
	}
	text := stderr.String()
	first, _, _ := strings.Cut(text, "\n")
	if !strings.HasPrefix(first, "build turns a site root") {
		t.Errorf("-h opens with %q", first)
	}
	for _, want := range []string{"Usage: go run ./cmd/build [flags]", "-out DIR", "-src DIR", "-serve", "-as-of YYYY-MM-DD",
		"Exit status:", "  0  the site was built", "  1  the input is wrong", "  2  bad usage"} {
		if !strings.Contains(text, want) {
			t.Errorf("-h lacks %q:\n%s", want, text)
		}
	}
	stderr.Reset()
	if got := run([]string{"-nope"}, &stderr); got != 2 || !strings.Contains(stderr.String(), "Exit status:") {
		t.Errorf("an unknown flag: status %d, stderr:\n%s", got, stderr.String())
	}
}

func TestRunCountsInputErrors(t *testing.T) {
	post := func(name string) string {
		return "content/posts/" + name + ".md"
	}
	for n, want := range map[int]string{1: "build failed: 1 input error; ", 2: "build failed: 2 input errors; "} {
		src := copySite(t)
		for i := range n {
			os.WriteFile(filepath.Join(src, post(fmt.Sprint("bad", i))), []byte("---\ntitle: Bad\ndate: 2026-01-01\nmodels: [nobody]\n---\nx\n"), 0o644)
		}
		var stderr bytes.Buffer
		if got := run([]string{"-src", src, "-out", filepath.Join(t.TempDir(), "out"), "-offline"}, &stderr); got != 1 || !strings.Contains(stderr.String(), want) {
			t.Errorf("status %d, stderr:\n%s\nwant %q", got, stderr.String(), want)
		}
	}
}

// snapshot lists every file under dir with its content.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			fmt.Fprintf(&b, "%s/\n", rel)
			return nil
		}
		data, err := os.ReadFile(p)
		fmt.Fprintf(&b, "%s %q\n", rel, data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
