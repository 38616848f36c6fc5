package main

import (
	"bytes"
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
		{"warm cache", []string{"-src", src, "-out", out, "-offline", "-cache", cacheDir}, 0, []string{"cache " + cacheDir + ": 1 of 2 hits", "built "}},
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
