package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestRunProfiles: -cpuprofile, -memprofile and -trace each write their file, and
// none of them shows in -h.
func TestRunProfiles(t *testing.T) {
	src := copySite(t)
	dir := t.TempDir()
	files := map[string]string{"-cpuprofile": "cpu.pb", "-memprofile": "mem.pb", "-trace": "build.trace"}
	args := []string{"-src", src, "-out", filepath.Join(dir, "out"), "-offline"}
	for flag, name := range files {
		args = append(args, flag, filepath.Join(dir, name))
	}
	var stderr bytes.Buffer
	if got := run(args, &stderr); got != 0 || strings.Contains(stderr.String(), "warning:") {
		t.Fatalf("status %d:\n%s", got, stderr.String())
	}
	for flag, name := range files {
		if info, err := os.Stat(filepath.Join(dir, name)); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v, size %d", flag, err, info.Size())
		}
	}
	stderr.Reset()
	run([]string{"-h"}, &stderr)
	for flag := range files {
		if strings.Contains(stderr.String(), flag) {
			t.Errorf("-h shows the hidden flag %s", flag)
		}
	}
}

// TestRunProfileErrors: a profile that cannot be written stops the build before it
// starts, with the flag's name.
func TestRunProfileErrors(t *testing.T) {
	src := copySite(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such", "folder", "file")
	for _, flag := range []string{"-cpuprofile", "-trace"} {
		var stderr bytes.Buffer
		out := filepath.Join(dir, "out"+flag)
		got := run([]string{"-src", src, "-out", out, "-offline", "-trace", filepath.Join(dir, "t"+flag), flag, missing}, &stderr)
		want := "build: " + flag + ": open " + missing + ": no such file or directory\n"
		if got != 1 || stderr.String() != want {
			t.Errorf("%s: status %d, stderr %q; want 1, %q", flag, got, stderr.String(), want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: the build ran: %v", flag, err)
		}
	}
	var stderr bytes.Buffer
	if got := run([]string{"-src", src, "-out", filepath.Join(dir, "out-mem"), "-offline", "-memprofile", missing}, &stderr); got != 0 ||
		!strings.Contains(stderr.String(), "warning: -memprofile: open "+missing+": no such file or directory\n") {
		t.Errorf("-memprofile: status %d, stderr:\n%s", got, stderr.String())
	}
}

// TestMemProfileRate: -memprofile samples an allocation every 64 KiB; without it the
// runtime's rate is left as it is.
func TestMemProfileRate(t *testing.T) {
	old := runtime.MemProfileRate
	defer func() { runtime.MemProfileRate = old }()
	runtime.MemProfileRate = 512 << 10
	stop, err := startProfiles("", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if runtime.MemProfileRate != 512<<10 {
		t.Errorf("without -memprofile: rate %d", runtime.MemProfileRate)
	}
	if err := stop(); err != nil {
		t.Error(err)
	}
	mem := filepath.Join(t.TempDir(), "mem.pb")
	stop, err = startProfiles("", mem, "")
	if err != nil {
		t.Fatal(err)
	}
	if runtime.MemProfileRate != 64<<10 {
		t.Errorf("with -memprofile: rate %d, want %d", runtime.MemProfileRate, 64<<10)
	}
	if err := stop(); err != nil {
		t.Error(err)
	}
	if info, err := os.Stat(mem); err != nil || info.Size() == 0 {
		t.Errorf("no allocation profile: %v", err)
	}
}
