package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "league")
	var stdout, stderr bytes.Buffer
	code := run([]string{"-out", out, "-models", "12", "-benchmarks", "6", "-dates", "3", "-news", "5", "-posts", "2"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if want := "12 models, 6 benchmarks"; !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout = %q, want it to contain %q", stdout.String(), want)
	}
	results, err := filepath.Glob(filepath.Join(out, "data", "results", "*.json"))
	if err != nil || len(results) != 3 {
		t.Errorf("got results files %v, want 3", results)
	}
	// A second run into the same directory refuses.
	stderr.Reset()
	if code := run([]string{"-out", out}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "is not empty") {
		t.Errorf("second run: exit %d, stderr %q; want 1 and %q", code, stderr.String(), "is not empty")
	}
}

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "want -out DIR"},
		{[]string{"-out", "x", "extra"}, "want -out DIR"},
		{[]string{"-out", "x", "-models", "0"}, "-models must be at least 1, got 0"},
		{[]string{"-nope"}, "flag provided but not defined"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, code, stderr.String(), c.want)
		}
	}
	if _, err := os.Stat("x"); err == nil {
		t.Error("a bad usage wrote a league")
	}
}

func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "-models") {
		t.Errorf("-h: exit %d, stderr %q", code, stderr.String())
	}
}
