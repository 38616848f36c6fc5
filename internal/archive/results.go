package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/pull"
)

// Version is one distinct copy of a results URL and the day it was fetched.
type Version struct {
	Fetched string `json:"fetched"` // YYYY-MM-DD (UTC), or "" when unknown
	SHA256  string `json:"sha256"`  // of the bytes as served; names the file
}

// Results is the archive of one results URL: its versions in the order they were
// fetched. A source that goes back to an earlier copy adds a version again.
type Results struct {
	URL      string    `json:"url"`
	Versions []Version `json:"versions"`
}

// ResultsPath is where the archive of a results URL lives:
// data/archive/results/<name>.json.
func ResultsPath(rawURL string) string {
	return path.Join(ResultsDir, pull.ResultsCacheName(rawURL))
}

// VersionPath is where one version of a results URL lives:
// data/archive/results/<name>/<sha256>.json.
func VersionPath(rawURL, sum string) string {
	return path.Join(ResultsDir, strings.TrimSuffix(pull.ResultsCacheName(rawURL), ".json"), sum+".json")
}

// Encode returns the file of the archive of a results URL.
func (r Results) Encode() []byte {
	if r.Versions == nil {
		r.Versions = []Version{}
	}
	return encode(r)
}

// ReadResults reads the archive of a results URL; one never archived has no
// versions. Errors name the file.
func ReadResults(fsys fs.FS, rawURL string) (Results, error) {
	p := ResultsPath(rawURL)
	data, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return Results{URL: rawURL}, nil
	}
	if err != nil {
		return Results{}, fmt.Errorf("%s: %w", p, err)
	}
	var r Results
	if err := decodeStrict(data, &r); err != nil {
		return Results{}, fmt.Errorf("%s: %w", p, err)
	}
	if r.URL != rawURL {
		return Results{}, fmt.Errorf("%s: \"url\" is %q, want %q", p, r.URL, rawURL)
	}
	last := ""
	for i, v := range r.Versions {
		if len(v.SHA256) != 64 || strings.Trim(v.SHA256, "0123456789abcdef") != "" {
			return Results{}, fmt.Errorf("%s: version %d: \"sha256\" must be 64 lowercase hex digits", p, i+1)
		}
		if v.Fetched != "" && v.Fetched < last {
			return Results{}, fmt.Errorf("%s: version %d: fetched %s, before the version above it (%s)", p, i+1, v.Fetched, last)
		}
		last = max(last, v.Fetched)
	}
	return r, nil
}

// sum is the content address of a copy.
func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// current returns the archive of a results URL with the cached copy of data/cache/
// as its last version when the archive does not hold it yet: then copy holds its
// bytes. A pull writes that version (Writer.Results); a build that has not written
// it reads it from the cache all the same, so online and offline builds agree.
func current(fsys fs.FS, rawURL string) (r Results, copy []byte, err error) {
	if r, err = ReadResults(fsys, rawURL); err != nil {
		return Results{}, nil, err
	}
	cachePath := pull.ResultsCachePath(rawURL)
	data, err := fs.ReadFile(fsys, cachePath)
	if errors.Is(err, fs.ErrNotExist) {
		return r, nil, nil
	}
	if err != nil {
		return Results{}, nil, fmt.Errorf("%s: %w", cachePath, err)
	}
	s := sum(data)
	n := len(r.Versions)
	if n > 0 && r.Versions[n-1].SHA256 == s {
		return r, nil, nil
	}
	fetched := pull.ReadMeta(fsys, cachePath).FetchedOn()
	if n > 0 {
		// A copy whose day is unknown or earlier (a clock set wrong) comes after
		// the versions before it all the same.
		fetched = max(fetched, r.Versions[n-1].Fetched)
	}
	r.Versions = append(r.Versions, Version{Fetched: fetched, SHA256: s})
	return r, data, nil
}

// ResultFiles lists the versions of every results URL for the league loader, each
// with the days it is in force: the first version from the start, each later one
// from the day it was fetched, each until the day the next one was fetched. So a
// result that a later version no longer carries still counts up to its
// replacement, and every dated snapshot stays as it was. A version not archived yet
// is read from data/cache/. A version whose file is missing or does not match its
// sha256 is an error.
func ResultFiles(fsys fs.FS, urls []string) ([]league.Pulled, error) {
	var out []league.Pulled
	var errs diag.List
	for _, u := range urls {
		r, copy, err := current(fsys, u)
		if err != nil {
			errs.Add(ResultsPath(u), 0, 0, "%s", trimPrefix(err.Error(), ResultsPath(u)+": "))
			continue
		}
		checked := map[string]bool{}
		for i, v := range r.Versions {
			p := league.Pulled{Path: VersionPath(u, v.SHA256)}
			if i > 0 {
				p.From = v.Fetched
			}
			if i+1 < len(r.Versions) {
				p.Until = r.Versions[i+1].Fetched
			}
			if copy != nil && i == len(r.Versions)-1 {
				p.Path = pull.ResultsCachePath(u)
			} else if !checked[p.Path] {
				checked[p.Path] = true
				data, err := fs.ReadFile(fsys, p.Path)
				switch {
				case errors.Is(err, fs.ErrNotExist):
					errs.Add(ResultsPath(u), 0, 0, "version %d: %s is missing", i+1, p.Path)
					continue
				case err != nil:
					errs.Add(p.Path, 0, 0, "%v", err)
					continue
				case sum(data) != v.SHA256:
					errs.Add(p.Path, 0, 0, "its content does not match its sha256 (an archived version is never edited)")
					continue
				}
			}
			out = append(out, p)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// trimPrefix drops the file name an error starts with (diag prints it).
func trimPrefix(s, prefix string) string { return strings.TrimPrefix(s, prefix) }
