package archive

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/ai-league/ai-league/internal/pull"
)

// Writer writes the archive of one site root after a pull, within its Limits.
// Files are written atomically and only when their bytes change.
type Writer struct {
	root     string
	fsys     fs.FS
	lim      Limits
	total    int64    // bytes in the archive now
	warnings []string // in the order of the calls
}

// NewWriter measures the archive under root (the site root on disk).
func NewWriter(root string, lim Limits) (*Writer, error) {
	w := &Writer{root: root, fsys: os.DirFS(root), lim: lim.withDefaults()}
	err := filepath.WalkDir(filepath.Join(root, filepath.FromSlash(Dir)), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			w.total += info.Size()
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("archive: %w", err)
	}
	return w, nil
}

// Warnings are the caps reached so far, one line each.
func (w *Writer) Warnings() []string { return w.warnings }

// Feed writes the archive of one feed (as news.Archived merged it); dropped is how
// many old items the cap left out. A feed with no items and no archive yet writes
// nothing.
func (w *Writer) Feed(f Feed, dropped int) error {
	p := FeedPath(f.Feed)
	if dropped > 0 {
		w.warnings = append(w.warnings, fmt.Sprintf("archive: feed %s holds the most items kept per feed (%d); its %d oldest were dropped from %s",
			f.Feed, w.lim.ItemsPerFeed, dropped, p))
	}
	if len(f.Items) == 0 && !w.exists(p) {
		return nil
	}
	if !w.fits(map[string][]byte{p: f.Encode()}) {
		w.warnings = append(w.warnings, fmt.Sprintf("archive: full (%s, the cap); feed %s not updated in %s: its new items are used from data/cache/ while they are there",
			pull.Size(w.lim.TotalBytes), f.Feed, p))
		return nil
	}
	return w.write(map[string][]byte{p: f.Encode()})
}

// Results archives the copy of a results URL in data/cache/ when it is a version
// the archive does not hold yet. An archive that cannot be read is left as it is
// (ResultFiles reports it when the build loads); the error is for writing.
func (w *Writer) Results(rawURL string) error {
	r, copy, err := current(w.fsys, rawURL)
	if err != nil || copy == nil {
		return nil
	}
	v := r.Versions[len(r.Versions)-1]
	if len(r.Versions) > w.lim.VersionsPerURL {
		w.warnings = append(w.warnings, fmt.Sprintf("archive: results %s holds the most versions kept per URL (%d); the version fetched %s is not archived and is used from data/cache/ while it is there",
			rawURL, w.lim.VersionsPerURL, v.Fetched))
		return nil
	}
	files := map[string][]byte{ResultsPath(rawURL): r.Encode()}
	if vp := VersionPath(rawURL, v.SHA256); !w.exists(vp) {
		files[vp] = copy
	}
	if !w.fits(files) {
		w.warnings = append(w.warnings, fmt.Sprintf("archive: full (%s, the cap); the version of results %s fetched %s is not archived and is used from data/cache/ while it is there",
			pull.Size(w.lim.TotalBytes), rawURL, v.Fetched))
		return nil
	}
	return w.write(files)
}

// exists reports whether the archive file p exists.
func (w *Writer) exists(p string) bool {
	_, err := fs.Stat(w.fsys, p)
	return err == nil
}

// growth is how many bytes writing files would add to the archive.
func (w *Writer) growth(files map[string][]byte) int64 {
	var n int64
	for p, data := range files {
		n += int64(len(data))
		if info, err := fs.Stat(w.fsys, p); err == nil {
			n -= info.Size()
		}
	}
	return n
}

// fits reports whether writing files keeps the archive within its cap (a change
// that does not grow it always fits).
func (w *Writer) fits(files map[string][]byte) bool {
	g := w.growth(files)
	return g <= 0 || w.total+g <= w.lim.TotalBytes
}

// write writes the files whose bytes differ from what is there, in a fixed order
// (a version before the index that names it).
func (w *Writer) write(files map[string][]byte) error {
	g := w.growth(files)
	for _, p := range sortedKeys(files) {
		if old, err := fs.ReadFile(w.fsys, p); err == nil && bytes.Equal(old, files[p]) {
			continue
		}
		if err := pull.WriteAtomic(filepath.Join(w.root, filepath.FromSlash(p)), files[p]); err != nil {
			return fmt.Errorf("archive: %w", err)
		}
	}
	w.total += g
	return nil
}

// sortedKeys returns the paths longest first, so a version file
// (results/<name>/<sha>.json) comes before its index (results/<name>.json).
func sortedKeys(files map[string][]byte) []string {
	var keys []string
	for k := range files {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	return keys
}
