package cache

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func open(t *testing.T) *Cache {
	t.Helper()
	c, err := Open(filepath.Join(t.TempDir(), "c"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPutGet(t *testing.T) {
	c := open(t)
	k := NewKey("test", []byte("input"))
	if _, ok := c.Get(k); ok {
		t.Fatal("empty cache: hit")
	}
	if err := c.Put(k, []byte("output")); err != nil {
		t.Fatal(err)
	}
	got, ok := c.Get(k)
	if !ok || string(got) != "output" {
		t.Fatalf("Get = %q, %v; want output, true", got, ok)
	}
	if err := c.Put(k, nil); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get(k); !ok || len(got) != 0 {
		t.Fatalf("empty entry: Get = %q, %v", got, ok)
	}
	if s := c.Stats(); s != (Stats{Hits: 2, Misses: 1, Writes: 2}) {
		t.Errorf("Stats = %+v", s)
	}
	if _, err := os.Stat(filepath.Join(c.Dir(), "CACHEDIR.TAG")); err != nil {
		t.Errorf("no CACHEDIR.TAG: %v", err)
	}
	// No temporary files are left behind.
	tmp, _ := filepath.Glob(filepath.Join(c.Dir(), "*", ".tmp-*"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestDisabled(t *testing.T) {
	var c *Cache
	k := NewKey("test")
	if err := c.Put(k, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(k); ok {
		t.Error("disabled cache: hit")
	}
	if c.Dir() != "" || c.Stats() != (Stats{}) {
		t.Error("disabled cache has a dir or counts")
	}
}

func TestKeys(t *testing.T) {
	keys := map[Key]string{}
	for name, k := range map[string]Key{
		"a|bc":    NewKey("k", []byte("a"), []byte("bc")),
		"ab|c":    NewKey("k", []byte("ab"), []byte("c")),
		"abc":     NewKey("k", []byte("abc")),
		"kind":    NewKey("other", []byte("abc")),
		"none":    NewKey("k"),
		"empty":   NewKey("k", nil),
		"empty 2": NewKey("k", nil, nil),
	} {
		if other, dup := keys[k]; dup {
			t.Errorf("%s and %s share a key", name, other)
		}
		keys[k] = name
	}
	if NewKey("k", []byte("x")) != NewKey("k", []byte("x")) {
		t.Error("same inputs, different keys")
	}
}

// Entries that do not match what is asked for are misses, removed, and rebuilt.
func TestBadEntries(t *testing.T) {
	k := NewKey("test", []byte("in"))
	other := NewKey("test", []byte("other"))
	for _, tc := range []struct {
		name  string
		spoil func(c *Cache, p string)
	}{
		{"flipped data byte", func(c *Cache, p string) {
			b, _ := os.ReadFile(p)
			b[len(b)-1] ^= 1
			os.WriteFile(p, b, 0o644)
		}},
		{"truncated", func(c *Cache, p string) {
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)-3], 0o644)
		}},
		{"shorter than a header", func(c *Cache, p string) { os.WriteFile(p, []byte("AILC"), 0o644) }},
		{"empty file", func(c *Cache, p string) { os.WriteFile(p, nil, 0o644) }},
		{"wrong magic", func(c *Cache, p string) {
			b, _ := os.ReadFile(p)
			b[0] = 'X'
			os.WriteFile(p, b, 0o644)
		}},
		{"entry of another key", func(c *Cache, p string) {
			c.Put(other, []byte("someone else's output"))
			b, _ := os.ReadFile(c.path(other))
			os.WriteFile(p, b, 0o644)
		}},
		{"length too long", func(c *Cache, p string) {
			b, _ := os.ReadFile(p)
			b[len(magic)+len(k)] += 5
			os.WriteFile(p, b, 0o644)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := open(t)
			if err := c.Put(k, []byte("the output")); err != nil {
				t.Fatal(err)
			}
			tc.spoil(c, c.path(k))
			if got, ok := c.Get(k); ok {
				t.Fatalf("spoilt entry trusted: %q", got)
			}
			if c.Stats().Bad != 1 {
				t.Errorf("Bad = %d, want 1", c.Stats().Bad)
			}
			if _, err := os.Stat(c.path(k)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("bad entry not removed: %v", err)
			}
			if err := c.Put(k, []byte("the output")); err != nil {
				t.Fatal(err)
			}
			if got, ok := c.Get(k); !ok || string(got) != "the output" {
				t.Errorf("after rebuild: %q, %v", got, ok)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, []byte("x"), 0o644)
	_, err := Open(filepath.Join(file, "c"))
	if want := "cache: mkdir " + file + ": not a directory"; err == nil || err.Error() != want {
		t.Errorf("Open under a file: %v, want %s", err, want)
	}
}

func TestPutError(t *testing.T) {
	c := open(t)
	k := NewKey("test")
	// The entry's folder is taken by a file.
	os.WriteFile(filepath.Join(c.Dir(), k.String()[:2]), []byte("x"), 0o644)
	err := c.Put(k, []byte("x"))
	if want := "cache: mkdir " + filepath.Join(c.Dir(), k.String()[:2]) + ": not a directory"; err == nil || err.Error() != want {
		t.Errorf("Put = %v, want %s", err, want)
	}
	if _, ok := c.Get(k); ok {
		t.Error("hit after a failed Put")
	}
}

// TestPutRenameError checks a Put whose entry path is taken by a folder: the rename
// fails, the error says so, and no temporary file is left beside the entry.
func TestPutRenameError(t *testing.T) {
	c := open(t)
	k := NewKey("test")
	p := c.path(k)
	if err := os.MkdirAll(filepath.Join(p, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := c.Put(k, []byte("x"))
	var le *os.LinkError
	if !errors.As(err, &le) || le.Op != "rename" || le.New != p || !strings.HasPrefix(err.Error(), "cache: rename "+filepath.Dir(p)+string(filepath.Separator)+".tmp-") {
		t.Fatalf("Put = %v, want the rename's error", err)
	}
	entries, err := os.ReadDir(filepath.Dir(p))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(p) {
		t.Errorf("left in the entry's folder: %v", entries)
	}
	if c.Stats().Writes != 0 {
		t.Errorf("writes = %d after a failed Put", c.Stats().Writes)
	}
}

func TestIdentify(t *testing.T) {
	if id := Generator(); !strings.HasPrefix(id, "go-build-id:") || len(id) < len("go-build-id:")+20 {
		t.Errorf("Generator() = %q, want the test binary's Go build ID", id)
	}
	dir := t.TempDir()
	raw := filepath.Join(dir, "raw")
	os.WriteFile(raw, []byte("MZ\x00junk\xff Go build ID: \"abc/def\"\n \xffmore"), 0o755)
	plain := filepath.Join(dir, "plain")
	os.WriteFile(plain, []byte("no id here"), 0o755)
	for _, tc := range []struct {
		name string
		exe  func() (string, error)
		want string
	}{
		{"marked string", func() (string, error) { return raw, nil }, "go-build-id:abc/def"},
		{"no id: hash", func() (string, error) { return plain, nil },
			"sha256:bfae9a7b707a9e6605a38648d07ff0d23019a485486293d22d03407bf95c05ad"},
		{"no executable", func() (string, error) { return "", errors.New("unsupported") }, ""},
		{"missing file", func() (string, error) { return filepath.Join(dir, "gone"), nil }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := identify(tc.exe); got != tc.want {
				t.Errorf("identify = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNoteID(t *testing.T) {
	note := func(name string, desc string) []byte {
		var b bytes.Buffer
		le := func(n int) { b.Write([]byte{byte(n), byte(n >> 8), 0, 0}) }
		le(len(name))
		le(len(desc))
		le(4)
		b.WriteString(name)
		for b.Len()%4 != 0 {
			b.WriteByte(0)
		}
		b.WriteString(desc)
		return b.Bytes()
	}
	if got := noteID(note("Go\x00\x00", "the-id")); got != "the-id" {
		t.Errorf("noteID = %q", got)
	}
	if got := noteID(note("GNU\x00", "the-id")); got != "" {
		t.Errorf("foreign note: %q", got)
	}
	if got := noteID(note("Go\x00\x00", "the-id")[:18]); got != "" {
		t.Errorf("short note: %q", got)
	}
	if got := rawID([]byte("\xff Go build ID: \"at-the-start\"")); got != "at-the-start" {
		t.Errorf("raw id at offset 0: %q", got)
	}
	if got := rawID([]byte("\xff Go build ID: \"unterminated")); got != "" {
		t.Errorf("unterminated raw id: %q", got)
	}
}
