package league

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/workers"
	"github.com/ai-league/ai-league/internal/yamlnode"
)

// Options tune LoadWith.
type Options struct {
	// Ignored, when set, is told of each task of an lm-evaluation-harness file that
	// no benchmark maps, in the order of the files and of the tasks in each file.
	Ignored func(file, task string)
	// Pulled lists more results files to read after data/results/: the archived
	// versions of site.yaml's results_urls, each with the days it is in force. A
	// listed file that does not exist is skipped (its URL never answered). One file
	// may be listed twice, with two windows (a source that went back to an earlier
	// version).
	Pulled []Pulled
}

// Pulled is one version of a pulled results file and when it is in force: its
// results count on days from From (inclusive) to Until (exclusive); "" leaves that
// end open. See Result.From.
type Pulled struct {
	Path  string // relative to the site root, slash-separated
	From  string // YYYY-MM-DD or ""
	Until string // YYYY-MM-DD or ""
}

// Load reads the league from the site root fsys: data/clubs.yaml, data/models.yaml,
// data/benchmarks.yaml and every data/results/**/*.json, in byte order of path.
// Every problem of every file is reported together as a diag.List.
func Load(fsys fs.FS) (*Data, error) {
	return LoadWith(fsys, Options{})
}

// LoadWith is Load with options. On error it also returns what could be read, so
// that the caller can go on checking other inputs (posts) against it; that includes
// the clubs, models and benchmarks whose id was refused, under that id and under
// the id it was probably meant to be ("Gemma 4 12B" as "gemma-4-12b"), so that
// what refers to them is not reported a second time.
func LoadWith(fsys fs.FS, opts Options) (*Data, error) {
	l := &loader{fsys: fsys, opts: opts, broken: map[string]bool{}}
	d := &Data{}
	d.Clubs = l.clubs()
	d.Models = l.models(d.Clubs)
	d.Benchmarks = l.benchmarks()
	l.index(d)
	d.Results = l.readAll(l.resultFiles())
	for _, p := range l.opts.Pulled {
		if _, err := fs.Stat(l.fsys, p.Path); err != nil {
			continue
		}
		for _, r := range l.readResults(p.Path) {
			r.From, r.Until = p.From, p.Until
			d.Results = append(d.Results, r)
		}
	}
	if err := l.errs.Err(); err != nil {
		for _, c := range l.refused.Clubs {
			d.Clubs = append(d.Clubs, c)
			if c.ID = idForm(c.ID); d.Club(c.ID) == nil {
				d.Clubs = append(d.Clubs, c)
			}
		}
		for _, m := range l.refused.Models {
			d.Models = append(d.Models, m)
			if m.ID = idForm(m.ID); d.Model(m.ID) == nil {
				d.Models = append(d.Models, m)
			}
		}
		for _, b := range l.refused.Benchmarks {
			d.Benchmarks = append(d.Benchmarks, b)
			if b.ID = idForm(b.ID); d.Benchmark(b.ID) == nil {
				d.Benchmarks = append(d.Benchmarks, b)
			}
		}
		return d, err
	}
	sort.Slice(d.Clubs, func(i, j int) bool { return d.Clubs[i].ID < d.Clubs[j].ID })
	sort.Slice(d.Models, func(i, j int) bool { return d.Models[i].ID < d.Models[j].ID })
	sort.Slice(d.Benchmarks, func(i, j int) bool { return d.Benchmarks[i].ID < d.Benchmarks[j].ID })
	sort.SliceStable(d.Results, func(i, j int) bool {
		a, b := d.Results[i], d.Results[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Index < b.Index
	})
	return d, nil
}

// readAll reads the results files, several at once, and returns their results and
// reports their problems (and the tasks of Options.Ignored) in the order of files.
func (l *loader) readAll(files []string) []Result {
	type read struct {
		results []Result
		errs    diag.List
		ignored [][2]string // file, task
	}
	reads := make([]read, len(files))
	_ = workers.Each(context.Background(), len(files), 0, func(_ context.Context, i int) error {
		// A loader of the file's own: the lookups are only read.
		fl := *l
		fl.errs = nil
		if l.opts.Ignored != nil {
			fl.opts.Ignored = func(file, task string) {
				reads[i].ignored = append(reads[i].ignored, [2]string{file, task})
			}
		}
		reads[i].results = fl.readResults(files[i])
		reads[i].errs = fl.errs
		return nil
	})
	var results []Result
	for _, r := range reads {
		for _, ig := range r.ignored {
			l.opts.Ignored(ig[0], ig[1])
		}
		l.errs = append(l.errs, r.errs...)
		results = append(results, r.results...)
	}
	return results
}

// loader holds what reading one site's data needs: the problems found so far and
// lookups built from the YAML files for checking results.
type loader struct {
	fsys fs.FS
	opts Options
	errs diag.List

	modelIDs      []string // sorted, for suggestions
	benchmarkIDs  []string
	benchmarkByID map[string]*Benchmark
	byName        map[string]string // model id or alias -> model id
	byLowerName   map[string]string // the same, lowercased
	lmEvalTasks   map[string]bool

	// refused holds the entries whose id is not a valid id, and broken their ids:
	// the id has been reported once, and references to it are not reported again.
	refused Data
	broken  map[string]bool
}

// refuse remembers an entry whose id was reported as invalid, under the id as
// written and as the id it was probably meant to be ("Gemma 4 12B" is taken for
// "gemma-4-12b"), which the other files likely use.
func (l *loader) refuse(id string) bool {
	if id == "" || yamlnode.ValidID(id) {
		return false
	}
	l.broken[id] = true
	l.broken[idForm(id)] = true
	return true
}

// idForm lowercases s and turns every run of characters an id may not hold into
// one "-".
func idForm(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// modelByName finds a model by its id or one of its aliases, exactly or else
// ignoring case.
func (l *loader) modelByName(name string) (string, bool) {
	if id, ok := l.byName[name]; ok {
		return id, true
	}
	id, ok := l.byLowerName[strings.ToLower(name)]
	return id, ok
}

// index builds the lookups results are checked against.
func (l *loader) index(d *Data) {
	l.benchmarkByID = map[string]*Benchmark{}
	l.byName = map[string]string{}
	l.byLowerName = map[string]string{}
	l.lmEvalTasks = map[string]bool{}
	for _, m := range d.Models {
		l.modelIDs = append(l.modelIDs, m.ID)
		for _, name := range append([]string{m.ID}, m.Aliases...) {
			if _, taken := l.byName[name]; !taken {
				l.byName[name] = m.ID
			}
			if _, taken := l.byLowerName[strings.ToLower(name)]; !taken {
				l.byLowerName[strings.ToLower(name)] = m.ID
			}
		}
	}
	for i := range d.Benchmarks {
		b := &d.Benchmarks[i]
		l.benchmarkIDs = append(l.benchmarkIDs, b.ID)
		l.benchmarkByID[b.ID] = b
		if b.LMEval != nil {
			l.lmEvalTasks[b.LMEval.Task] = true
		}
	}
	sort.Strings(l.modelIDs)
	sort.Strings(l.benchmarkIDs)
}

// resultFiles lists data/results/**/*.json in byte order of path (which is not
// always the order of a directory walk: "a-b.json" sorts before "a/x.json").
func (l *loader) resultFiles() []string {
	var files []string
	err := fs.WalkDir(l.fsys, ResultsDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == ResultsDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			l.errs.Add(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		if !e.IsDir() && path.Ext(p) == ".json" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		l.errs.Add(ResultsDir, 0, 0, "cannot read: %v", err)
	}
	sort.Strings(files)
	return files
}
