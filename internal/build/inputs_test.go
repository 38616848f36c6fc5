package build

import (
	"crypto/sha256"
	"io"
	"testing"
	"testing/fstest"

	"github.com/ai-league/ai-league/internal/publish"
)

// The recorder notes the SHA-256 of the files read through it: a file read to its end
// as read, a file read in part as a whole when the sums are taken, and not a file
// opened but never read from (a read of nothing is no read).
func TestRecorderSums(t *testing.T) {
	fsys := fstest.MapFS{
		"whole.txt":  {Data: []byte("read to the end\n")},
		"part.txt":   {Data: []byte("only the first bytes are read\n")},
		"opened.txt": {Data: []byte("opened, never read\n")},
		"empty.txt":  {Data: []byte("read into an empty buffer\n")},
	}
	r := newRecorder(fsys)
	read := func(name string, n int, toEnd bool) {
		t.Helper()
		f, err := r.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case n < 0: // opened only
		case toEnd:
			if _, err := io.ReadAll(f); err != nil {
				t.Fatal(err)
			}
		default:
			if got, err := f.Read(make([]byte, n)); err != nil || got != n {
				t.Fatalf("%s: read %d bytes, %v; want %d", name, got, err, n)
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	read("whole.txt", 0, true)
	read("part.txt", 4, false)
	read("opened.txt", -1, false)
	read("empty.txt", 0, false)
	if _, err := r.Open("missing.txt"); err == nil {
		t.Error("opened a file that does not exist")
	}
	sums, err := r.seal()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][sha256.Size]byte{
		"whole.txt": sha256.Sum256([]byte("read to the end\n")),
		"part.txt":  sha256.Sum256([]byte("only the first bytes are read\n")),
	}
	if len(sums) != len(want) {
		t.Errorf("sums of %d files, want %d: %v", len(sums), len(want), keysOf(sums))
	}
	for name, sum := range want {
		if sums[name] != sum {
			t.Errorf("%s: sum %x, want %x", name, sums[name], sum)
		}
	}
}

func keysOf(m map[string][sha256.Size]byte) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	return k
}

// writeString writes a part's length as 8 bytes, least significant first, then the
// part; so parts that join into the same bytes give different keys.
func TestWriteString(t *testing.T) {
	for _, s := range []string{"", "abc", string(make([]byte, 300))} {
		h := sha256.New()
		writeString(h, s)
		n := len(s)
		want := sha256.Sum256(append([]byte{byte(n), byte(n >> 8), 0, 0, 0, 0, 0, 0}, s...))
		if got := [sha256.Size]byte(h.Sum(nil)); got != want {
			t.Errorf("writeString of %d bytes: %x, want %x", n, got, want)
		}
	}
	zeros := string(make([]byte, 8))
	if derive(publish.Key{}, "a", "b") == derive(publish.Key{}, "a"+zeros+"b") {
		t.Error(`the parts "a", "b" and "a" + 8 zero bytes + "b" give the same key`)
	}
}
