package publish

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func ino(t *testing.T, p string) uint64 {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Lstat(p, &st); err != nil {
		t.Fatal(err)
	}
	return st.Ino
}

// tx begins a Tx into out from prev.
func txFrom(t *testing.T, out string, prev *Manifest) *Tx {
	t.Helper()
	o, err := Open(context.Background(), out, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := o.BeginFrom(prev)
	if err != nil {
		t.Fatal(err)
	}
	tx.owned = o
	return tx
}

func commit(t *testing.T, tx *Tx) (Stats, *Manifest) {
	t.Helper()
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	m := tx.Manifest()
	if m == nil {
		t.Fatal("no manifest after Commit")
	}
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseManifest(b)
	if err != nil {
		t.Fatalf("the manifest does not read back: %v", err)
	}
	return st, back
}

// A Tx begun from the previous manifest keeps files by key or by bytes with a stat
// each, leaves the output folder alone when nothing changed, and does not trust a
// file or folder that changed since.
func TestManifestReuse(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	k1, k2 := Key{1}, Key{2}

	tx := txFrom(t, out, nil)
	if err := tx.WriteKeyed("a/index.html", []byte("page a"), k1); err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("feed.xml", []byte("feed")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"data/one.json", "data/two.json"} {
		if err := tx.WriteKeyed(p, []byte(p), k2); err != nil {
			t.Fatal(err)
		}
	}
	_, m := commit(t, tx)
	if m.Len() != 4 {
		t.Fatalf("manifest of %d files, want 4", m.Len())
	}
	dir, page := ino(t, out), ino(t, filepath.Join(out, "a/index.html"))

	// Nothing changed: kept by key, by group and by bytes; the folder stays.
	tx = txFrom(t, out, m)
	if ok, err := tx.Reuse("a/index.html", k2); ok || err != nil {
		t.Errorf("Reuse with another key = %v, %v; want false", ok, err)
	}
	if ok, err := tx.Reuse("a/index.html", k1); !ok || err != nil {
		t.Errorf("Reuse = %v, %v; want true", ok, err)
	}
	if ok, err := tx.Reuse("a/index.html", k1); ok || err == nil {
		t.Errorf("second Reuse of one path = %v, %v; want an error", ok, err)
	}
	if g, err := tx.ReuseGroup(k2); len(g) != 2 || err != nil {
		t.Errorf("ReuseGroup = %v, %v; want the two data files", g, err)
	}
	if err := tx.Write("feed.xml", []byte("feed")); err != nil {
		t.Fatal(err)
	}
	st, m2 := commit(t, tx)
	if st.Files != 4 || st.Unchanged != 4 {
		t.Errorf("nothing changed: %+v, want 4 files, 4 unchanged", st)
	}
	if ino(t, out) != dir || len(beside(t, out)) != 0 {
		t.Error("nothing changed, yet the output folder was replaced or a temporary one left")
	}

	// A changed file: a new folder, the unchanged files linked into it.
	tx = txFrom(t, out, m2)
	tx.Reuse("a/index.html", k1)
	tx.ReuseGroup(k2)
	if err := tx.Write("feed.xml", []byte("feed 2")); err != nil {
		t.Fatal(err)
	}
	st, m3 := commit(t, tx)
	if st.Unchanged != 3 || ino(t, out) == dir || ino(t, filepath.Join(out, "a/index.html")) != page {
		t.Errorf("one change: %+v; want 3 unchanged, a new folder, the page linked", st)
	}
	if got := read(t, filepath.Join(out, "feed.xml")); got != "feed 2" {
		t.Errorf("feed.xml = %q", got)
	}

	// A file edited in place, a stray file, a file fewer: none is trusted.
	os.WriteFile(filepath.Join(out, "a/index.html"), []byte("edited"), 0o644)
	tx = txFrom(t, out, m3)
	if ok, _ := tx.Reuse("a/index.html", k1); ok {
		t.Error("a file edited since is reused")
	}
	tx.Abort()
	os.WriteFile(filepath.Join(out, "a/index.html"), []byte("page a"), 0o644)
	all := func(m *Manifest) *Manifest {
		tx := txFrom(t, out, m)
		tx.WriteKeyed("a/index.html", []byte("page a"), k1)
		tx.ReuseGroup(k2)
		tx.Write("feed.xml", []byte("feed 2"))
		_, next := commit(t, tx)
		return next
	}
	m4 := all(m3)
	os.WriteFile(filepath.Join(out, "stray.txt"), []byte("stray"), 0o644)
	m4 = all(m4)
	if _, err := os.Stat(filepath.Join(out, "stray.txt")); !os.IsNotExist(err) {
		t.Error("a stray file in the output survived a build that changed nothing")
	}
	tx = txFrom(t, out, m4)
	tx.Reuse("a/index.html", k1)
	tx.Write("feed.xml", []byte("feed 2"))
	commit(t, tx)
	if _, err := os.Stat(filepath.Join(out, "data/one.json")); !os.IsNotExist(err) {
		t.Error("a file the build no longer makes survived")
	}
}

func TestParseManifestRefusesDamage(t *testing.T) {
	m := &Manifest{files: map[string]fileEntry{"a.html": {key: Key{1}, stamp: stamp{ino: 7, size: 3, mtime: 9}}},
		dirs: map[string]stamp{".": {ino: 1, dir: true}}}
	b, _ := m.MarshalBinary()
	if _, err := ParseManifest(b); err != nil {
		t.Fatalf("good manifest: %v", err)
	}
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("XXXXXXXX"), b[8:]...),
		"truncated": b[:len(b)-2],
		"trailing":  append(append([]byte{}, b...), 0),
	} {
		if _, err := ParseManifest(bad); err == nil || err.Error() != "publish: not a manifest" {
			t.Errorf("%s: err = %v, want publish: not a manifest", name, err)
		}
	}
}

// A path or folder name longer than what is left of the manifest is damage, not a
// crash.
func TestParseManifestLengthPastTheEnd(t *testing.T) {
	for name, b := range map[string][]byte{
		"file path": append([]byte(manifestMagic), 1, 100, 'a', 'b'),
		"folder":    append([]byte(manifestMagic), 0, 1, 200, 1, '.'),
	} {
		if _, err := ParseManifest(b); err == nil || err.Error() != "publish: not a manifest" {
			t.Errorf("%s: err = %v, want publish: not a manifest", name, err)
		}
	}
}

// A file rewritten in place to the same size, stamped exactly one second later
// (same nanoseconds), is not the file the manifest describes.
func TestManifestMtimeWholeSeconds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx := txFrom(t, out, nil)
	if err := tx.WriteKeyed("a.html", []byte("page a"), Key{1}); err != nil {
		t.Fatal(err)
	}
	_, m := commit(t, tx)
	p := filepath.Join(out, "a.html")
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("page b"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := fi.ModTime().Add(time.Second)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	tx = txFrom(t, out, m)
	defer tx.Abort()
	if ok, err := tx.Reuse("a.html", Key{1}); ok || err != nil {
		t.Errorf("Reuse of a file rewritten a second later = %v, %v; want false", ok, err)
	}
}

// Reuse and ReuseGroup keep nothing without a previous output, nor for the zero key
// (files written without a key), nor after Commit.
func TestReuseRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx := txFrom(t, out, nil)
	if ok, err := tx.Reuse("a.html", Key{1}); ok || err != nil {
		t.Errorf("Reuse without a previous output = %v, %v; want false", ok, err)
	}
	if g, err := tx.ReuseGroup(Key{1}); g != nil || err != nil {
		t.Errorf("ReuseGroup without a previous output = %v, %v; want none", g, err)
	}
	tx.Write("feed.xml", []byte("feed"))
	tx.WriteKeyed("a.html", []byte("page a"), Key{1})
	_, m := commit(t, tx)

	tx = txFrom(t, out, m)
	if ok, err := tx.Reuse("feed.xml", Key{}); ok || err != nil {
		t.Errorf("Reuse with the zero key = %v, %v; want false", ok, err)
	}
	if g, err := tx.ReuseGroup(Key{}); g != nil || err != nil {
		t.Errorf("ReuseGroup of the zero key = %v, %v; want none", g, err)
	}
	tx.Write("feed.xml", []byte("feed"))
	tx.WriteKeyed("a.html", []byte("page a"), Key{1})
	_, m = commit(t, tx)
	if g, err := tx.ReuseGroup(Key{1}); g != nil || err != nil {
		t.Errorf("ReuseGroup after Commit = %v, %v; want none", g, err)
	}
	if m.Len() != 2 {
		t.Errorf("manifest of %d files, want 2", m.Len())
	}
	tx = txFrom(t, out, m)
	tx.Abort()
	if g, err := tx.ReuseGroup(Key{1}); g != nil || err != nil {
		t.Errorf("ReuseGroup after Abort = %v, %v; want none", g, err)
	}
}

// A manifest that lists no file (the previous build wrote nothing) is no previous
// output: a Tx begun from it answers Reuse and ReuseGroup as one begun from nil, even
// for a path it would refuse to write, and still writes and commits a new output.
func TestBeginFromEmptyManifest(t *testing.T) {
	for _, fromEmpty := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		_, prev := commit(t, txFrom(t, out, nil))
		if prev.Len() != 0 {
			t.Fatalf("manifest of an empty build lists %d files", prev.Len())
		}
		if !fromEmpty {
			prev = nil
		}
		tx := txFrom(t, out, prev)
		for _, p := range []string{"a.html", "../a.html", "/a.html", "a//b.html", Marker} {
			if ok, err := tx.Reuse(p, Key{1}); ok || err != nil {
				t.Errorf("Reuse(%q) from a manifest of %d files = %v, %v; want false, nil", p, prev.Len(), ok, err)
			}
		}
		if g, err := tx.ReuseGroup(Key{1}); g != nil || err != nil {
			t.Errorf("ReuseGroup from a manifest of %d files = %v, %v; want none", prev.Len(), g, err)
		}
		if err := tx.WriteKeyed("a.html", []byte("page a"), Key{1}); err != nil {
			t.Fatal(err)
		}
		st, m := commit(t, tx)
		if st.Files != 1 || st.Unchanged != 0 || m.Len() != 1 {
			t.Errorf("from a manifest of %d files: stats %+v, manifest of %d files; want 1 file written, none unchanged, 1 listed", prev.Len(), st, m.Len())
		}
		if got := read(t, filepath.Join(out, "a.html")); got != "page a" {
			t.Errorf("a.html = %q", got)
		}
		if ok, err := tx.Reuse("b.html", Key{1}); ok || err != nil {
			t.Errorf("Reuse after Commit from a manifest of %d files = %v, %v; want false, nil", prev.Len(), ok, err)
		}
	}
}

// ReuseGroup keeps a group only when none of its files was written in this build
// and all are as the last build left them.
func TestReuseGroupRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	k := Key{2}
	build := func(m *Manifest) *Manifest {
		tx := txFrom(t, out, m)
		tx.WriteKeyed("data/one.json", []byte("one"), k)
		tx.WriteKeyed("data/two.json", []byte("two"), k)
		_, next := commit(t, tx)
		return next
	}
	m := build(nil)
	tx := txFrom(t, out, m)
	if err := tx.Write("data/one.json", []byte("ONE")); err != nil {
		t.Fatal(err)
	}
	if g, err := tx.ReuseGroup(k); g != nil || err != nil {
		t.Errorf("ReuseGroup after one of its files was written = %v, %v; want none", g, err)
	}
	tx.Abort()

	os.WriteFile(filepath.Join(out, "data/two.json"), []byte("TWO"), 0o644)
	tx = txFrom(t, out, m)
	if g, err := tx.ReuseGroup(k); g != nil || err != nil {
		t.Errorf("ReuseGroup with a file edited since = %v, %v; want none", g, err)
	}
	tx.Abort()
}

// A file rewritten with other bytes of the same size is written, not kept; a file
// kept after the new folder was made is linked into it.
func TestKeepAfterAChange(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx := txFrom(t, out, nil)
	tx.Write("feed.xml", []byte("feed"))
	tx.WriteKeyed("a/b/page.html", []byte("page"), Key{1})
	_, m := commit(t, tx)

	tx = txFrom(t, out, m)
	if err := tx.Write("feed.xml", []byte("FEED")); err != nil {
		t.Fatal(err)
	}
	if ok, err := tx.Reuse("a/b/page.html", Key{1}); !ok || err != nil {
		t.Fatalf("Reuse after a change = %v, %v; want true", ok, err)
	}
	st, _ := commit(t, tx)
	if got := read(t, filepath.Join(out, "feed.xml")); got != "FEED" {
		t.Errorf("feed.xml = %q, want FEED", got)
	}
	if got := read(t, filepath.Join(out, "a/b/page.html")); got != "page" {
		t.Errorf("a/b/page.html = %q, want page", got)
	}
	if st.Files != 2 || st.Unchanged != 1 {
		t.Errorf("stats %+v, want 2 files, 1 unchanged", st)
	}
}

// Every folder above a file is in the manifest: a stray file in a folder that holds
// only folders is not kept by a build that changed nothing.
func TestManifestIntermediateFolders(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	all := func(m *Manifest) *Manifest {
		tx := txFrom(t, out, m)
		tx.WriteKeyed("a/b/page.html", []byte("page"), Key{1})
		_, next := commit(t, tx)
		return next
	}
	m := all(nil)
	os.WriteFile(filepath.Join(out, "a/stray.txt"), []byte("stray"), 0o644)
	all(m)
	if _, err := os.Stat(filepath.Join(out, "a/stray.txt")); !os.IsNotExist(err) {
		t.Error("a stray file in a folder of folders survived a build that changed nothing")
	}
}
