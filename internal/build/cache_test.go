package build

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/cache"
)

// files reads every file under dir into a map by relative path.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		m[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sameFiles reports the differences between two outputs.
func sameFiles(t *testing.T, name string, want, got map[string][]byte) {
	t.Helper()
	var diffs []string
	for p, b := range want {
		if g, ok := got[p]; !ok || !bytes.Equal(g, b) {
			diffs = append(diffs, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, p+" (extra)")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("%s: %d files differ from the build without cache: %s", name, len(diffs), strings.Join(diffs, ", "))
	}
}

// The build cache never changes the output: builds without it, with a cold one, a
// warm one and one whose every entry was spoilt give the same bytes; spoilt entries
// are not trusted and are written again.
func TestCacheKeepsOutput(t *testing.T) {
	src := testSite(t)
	code := "---\ntitle: Code\ndate: 2026-01-21\nsummary: Some code.\ntags: [code]\n---\n" +
		"## Go\n\n```go\nfunc main() { fmt.Println(\"hi\") }\n```\n\nAnd Python[^1]:\n\n```python\nprint(1)\n```\n\n[^1]: Both.\n"
	if err := os.WriteFile(filepath.Join(src, "content/posts/code.md"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	build(t, options(src, filepath.Join(tmp, "none")))
	want := files(t, filepath.Join(tmp, "none"))
	if !strings.Contains(string(want[filepath.Join("posts", "code", "index.html")]), `<span class="kd">func</span>`) {
		t.Fatal("the code post is not highlighted")
	}

	c, err := cache.Open(filepath.Join(tmp, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(name string) cache.Stats {
		before := c.Stats()
		opt := options(src, filepath.Join(tmp, name))
		opt.Cache = c
		build(t, opt)
		sameFiles(t, name, want, files(t, filepath.Join(tmp, name)))
		after := c.Stats()
		return cache.Stats{Hits: after.Hits - before.Hits, Misses: after.Misses - before.Misses,
			Bad: after.Bad - before.Bad, Writes: after.Writes - before.Writes}
	}
	if s := run("cold"); s.Hits != 0 || s.Writes == 0 {
		t.Errorf("cold: %+v, want no hits and some writes", s)
	}
	// Each build also keeps the manifest of its output folder in the cache (one
	// write; a miss for a folder it has not built before).
	warm := run("warm")
	if warm.Hits == 0 || warm.Writes != 1 || warm.Bad != 0 {
		t.Errorf("warm: %+v, want hits and the manifest written", warm)
	}

	var entries []string
	filepath.WalkDir(c.Dir(), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "CACHEDIR.TAG" {
			entries = append(entries, p)
		}
		return err
	})
	for i, p := range entries {
		b, _ := os.ReadFile(p)
		switch i % 3 {
		case 0: // a flipped byte
			b[len(b)-1] ^= 0x20
		case 1: // truncated
			b = b[:len(b)/2]
		case 2: // another entry's file
			b, _ = os.ReadFile(entries[(i+1)%len(entries)])
		}
		os.WriteFile(p, b, 0o644)
	}
	// The manifests of the cold and warm outputs are not read by a build into another.
	const manifests = 2
	if s := run("spoilt"); s.Bad != int64(len(entries)-manifests) || s.Writes != int64(len(entries)-manifests+1) {
		t.Errorf("spoilt: %+v, want %d bad entries, all written again, and the manifest", s, len(entries)-manifests)
	}
	if s := run("mended"); s.Hits != warm.Hits || s.Bad != 0 {
		t.Errorf("after the spoilt run: %+v, want %d hits as in the warm run", s, warm.Hits)
	}
}
