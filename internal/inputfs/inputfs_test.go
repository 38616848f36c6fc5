package inputfs

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

func TestReadFileRegular(t *testing.T) {
	fsys := Limit(fstest.MapFS{"data/a.json": {Data: []byte("[1]")}}, 1)
	b, err := fs.ReadFile(fsys, "data/a.json")
	if err != nil || string(b) != "[1]" {
		t.Fatalf("got %q, %v", b, err)
	}
	sub, err := fs.Sub(fsys, "data")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(sub, "a.json"); err != nil || string(b) != "[1]" {
		t.Fatalf("through fs.Sub: got %q, %v", b, err)
	}
}

func TestReadFileRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.json"), 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "big.json"), bytes.Repeat([]byte(" "), MiB+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.json"), bytes.Repeat([]byte(" "), MiB), 0o600); err != nil {
		t.Fatal(err)
	}
	fsys := Limit(os.DirFS(dir), 1)
	tests := []struct{ name, want string }{
		{"pipe.json", "not a regular file (a named pipe): only regular files are read"},
		{"zero.json", "not a regular file (a device): only regular files are read"},
		{"big.json", "file is 1.0 MiB, over the cap of 1 MiB per input file (max_file_mb in site.yaml)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := fs.ReadFile(fsys, tt.name)
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute): // a pipe opened for reading would block here
				t.Fatal("the read blocked")
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if _, err := fsys.Open(tt.name); err == nil || err.Error() != tt.want {
				t.Fatalf("Open: got %v, want %q", err, tt.want)
			}
		})
	}
	if b, err := fs.ReadFile(fsys, "ok.json"); err != nil || len(b) != MiB {
		t.Fatalf("a file of exactly the cap: %d bytes, %v", len(b), err)
	}
}

// growing is a file system with one file whose size is not known in advance, as
// with files under /proc: the cap must hold while reading.
type growing struct{}

func (growing) Open(string) (fs.File, error) { return &endless{}, nil }

type endless struct{}

func (*endless) Stat() (fs.FileInfo, error) { return info{}, nil }
func (*endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}
func (*endless) Close() error { return nil }

type info struct{}

func (info) Name() string       { return "f" }
func (info) Size() int64        { return 0 }
func (info) Mode() fs.FileMode  { return 0o644 }
func (info) ModTime() time.Time { return time.Time{} }
func (info) IsDir() bool        { return false }
func (info) Sys() any           { return nil }

func TestReadFileCapWhileReading(t *testing.T) {
	_, err := fs.ReadFile(Limit(growing{}, 1), "f")
	want := "file is over the cap of 1 MiB per input file (max_file_mb in site.yaml)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
}

func TestLimitReplacesCap(t *testing.T) {
	l := Limit(Limit(fstest.MapFS{}, 1), 0)
	if l.Max != DefaultMaxMB*MiB {
		t.Errorf("cap %d, want the default", l.Max)
	}
	if _, ok := l.FS.(*FS); ok {
		t.Error("wrapped twice")
	}
}

// sized is a file system whose one file says it has the given size.
type sized int64

func (s sized) Open(string) (fs.File, error) { return sizedFile(s), nil }

type sizedFile int64

func (f sizedFile) Stat() (fs.FileInfo, error) { return sizedInfo(f), nil }
func (sizedFile) Read([]byte) (int, error)     { return 0, io.EOF }
func (sizedFile) Close() error                 { return nil }

type sizedInfo int64

func (sizedInfo) Name() string       { return "f" }
func (s sizedInfo) Size() int64      { return int64(s) }
func (sizedInfo) Mode() fs.FileMode  { return 0o644 }
func (sizedInfo) ModTime() time.Time { return time.Time{} }
func (sizedInfo) IsDir() bool        { return false }
func (sizedInfo) Sys() any           { return nil }

// TestZeroCap checks that an FS made without Limit, whose Max is 0, has the default
// cap: a file of exactly DefaultMaxMB MiB is read, one byte more is refused.
func TestZeroCap(t *testing.T) {
	if b, err := fs.ReadFile(&FS{FS: fstest.MapFS{"a": {Data: []byte("x")}}}, "a"); err != nil || string(b) != "x" {
		t.Fatalf("got %q, %v", b, err)
	}
	if _, err := (&FS{FS: sized(DefaultMaxMB * MiB)}).Open("f"); err != nil {
		t.Fatalf("a file of exactly the default cap: %v", err)
	}
	_, err := (&FS{FS: sized(DefaultMaxMB*MiB + 1)}).Open("f")
	want := "file is 64.0 MiB, over the cap of 64 MiB per input file (max_file_mb in site.yaml)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
}
