package league

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ai-league/ai-league/internal/diag"
	"github.com/ai-league/ai-league/internal/yamlnode"
)

// sourceKinds are the values Source.Kind may take in a file.
var sourceKinds = []string{SelfReported, Independent}

// maxFileErrors is how many problems one results file may report before the loader
// stops reading it: a file of a million bad values gets a screenful, not a million.
const maxFileErrors = 20

// resultsFile is one JSON file being read: its path, for messages, where its lines
// start, and how many problems it had.
type resultsFile struct {
	l       *loader
	path    string
	lines   *lineIndex
	nerrs   int
	stopped bool              // too many problems: read no further
	strs    map[string]string // one copy of each repeated text (dates, sources)
}

// errorf reports a problem at a byte offset of the file.
func (f *resultsFile) errorf(off int, ctx, format string, args ...any) {
	if f.stopped {
		return
	}
	line, col := f.lines.pos(off)
	f.nerrs++
	if f.nerrs > maxFileErrors {
		f.l.errs.Add(f.path, line, col, "more than %d problems; the rest of the file was not checked", maxFileErrors)
		f.stopped = true
		return
	}
	f.l.errs.Add(f.path, line, col, "%s", ctx+fmt.Sprintf(format, args...))
}

// intern returns one shared copy of s, so that a large file's repeated dates and
// sources take their room once.
func (f *resultsFile) intern(s string) string {
	if t, ok := f.strs[s]; ok {
		return t
	}
	if f.strs == nil {
		f.strs = map[string]string{}
	}
	f.strs[s] = s
	return s
}

// bom is the UTF-8 byte-order mark, which some editors put at the start of a file.
var bom = []byte("\xef\xbb\xbf")

// readResults reads one results file: native (SPEC 3.2) or lm-evaluation-harness
// output (SPEC 3.3), told apart by a "config" object beside a "results" object.
// A leading byte-order mark is skipped, as in every other input file.
func (l *loader) readResults(path string) []Result {
	src, err := fs.ReadFile(l.fsys, path)
	if err != nil {
		l.errs.Add(path, 0, 0, "cannot read: %v", err)
		return nil
	}
	if strings.Contains(path, yamlnode.ChartMarker) {
		l.errs.Add(path, 0, 0, "file name must not contain %q (it corrupts charts)", yamlnode.ChartMarker)
		return nil
	}
	src = bytes.TrimPrefix(src, bom)
	f := &resultsFile{l: l, path: path, lines: newLineIndex(src)}
	root, err := parseJSON(src)
	if err != nil {
		e := err.(*jsonError)
		f.errorf(e.off, "", "malformed JSON: %s", e.msg)
		return nil
	}
	if root.kind == jsonObject && root.get("results").isObject() && root.get("config").isObject() {
		return f.lmEval(root)
	}
	return f.native(root)
}

// native reads a list of results, or an object whose source and date apply to the
// results that lack their own.
func (f *resultsFile) native(root *jsonValue) []Result {
	var list *jsonValue
	var common Result   // Source and Date given at the top of the file
	commonDate := false // the file gives a date, even a wrong one (already reported)
	switch root.kind {
	case jsonArray:
		list = root
	case jsonObject:
		f.fields(root, "", map[string]func(*jsonValue){
			"source": func(v *jsonValue) { common.Source = f.source(v, "") },
			"date":   func(v *jsonValue) { common.Date, commonDate = f.date(v, ""), true },
			"results": func(v *jsonValue) {
				list = v
				if v.kind != jsonArray {
					f.errorf(v.off, "", "results must be a list, got %s", v.describe())
				}
			},
		})
		if list == nil {
			f.errorf(root.off, "", "missing \"results\"")
			return nil
		}
	default:
		f.errorf(root.off, "", "expected a list of results or an object with \"results\", got %s", root.describe())
		return nil
	}

	var out []Result
	list.items(func(i int, item *jsonValue) bool {
		if r, ok := f.result(item, i, common, commonDate); ok {
			out = append(out, r)
		}
		return !f.stopped
	})
	return out
}

// result reads the i-th result of a native file. commonDate says the file gives a
// date for all its results, so that a result without one is not reported again
// when that date was wrong.
func (f *resultsFile) result(item *jsonValue, i int, common Result, commonDate bool) (Result, bool) {
	ctx := fmt.Sprintf("result %d: ", i+1)
	line, col := f.lines.pos(item.off)
	r := Result{File: f.path, Index: i, Line: line, Col: col}
	errs := len(f.l.errs)
	var score *jsonValue
	hasSource, hasDate := false, false
	seen := f.fields(item, ctx, map[string]func(*jsonValue){
		"model": func(v *jsonValue) {
			r.Model = f.str(v, ctx, "model")
			if id, ok := f.l.modelByName(r.Model); ok {
				r.Model = id
			} else if v.kind == jsonString && r.Model == "" {
				f.errorf(v.off, ctx, "model must not be empty")
			} else if v.kind == jsonString && !f.l.broken[r.Model] {
				f.errorf(v.off, ctx, "unknown model %s%s", yamlnode.Short(r.Model), diag.DidYouMean(r.Model, f.l.modelIDs))
			}
		},
		"benchmark": func(v *jsonValue) {
			r.Benchmark = f.str(v, ctx, "benchmark")
			if b := f.l.benchmarkByID[r.Benchmark]; b != nil {
				r.Benchmark = b.ID
			} else if v.kind == jsonString && r.Benchmark == "" {
				f.errorf(v.off, ctx, "benchmark must not be empty")
			} else if v.kind == jsonString && !f.l.broken[r.Benchmark] {
				f.errorf(v.off, ctx, "unknown benchmark %s%s", yamlnode.Short(r.Benchmark), diag.DidYouMean(r.Benchmark, f.l.benchmarkIDs))
			}
		},
		"score": func(v *jsonValue) {
			score = v
			s, ok := v.number()
			if !ok {
				f.errorf(v.off, ctx, "score must be a number, got %s", v.describe())
			}
			r.Score = s
		},
		"stderr": func(v *jsonValue) {
			s, ok := v.number()
			switch {
			case !ok:
				f.errorf(v.off, ctx, "stderr must be a number, got %s", v.describe())
			case s < 0:
				f.errorf(v.off, ctx, "stderr must not be negative, got %s", v.text)
			}
			r.Stderr, r.HasStderr = s, ok
		},
		"setting": func(v *jsonValue) { r.Setting = f.intern(f.str(v, ctx, "setting")) },
		"date":    func(v *jsonValue) { r.Date, hasDate = f.date(v, ctx), true },
		"source":  func(v *jsonValue) { r.Source, hasSource = f.source(v, ctx), true },
	})
	if seen == nil {
		return r, false
	}
	for _, k := range []string{"model", "benchmark", "score"} {
		if !seen[k] {
			f.errorf(item.off, ctx, "missing %q", k)
		}
	}
	if !hasDate {
		if r.Date = common.Date; r.Date == "" && !commonDate {
			f.errorf(item.off, ctx, "missing \"date\" (give it here or for the whole file)")
		}
	}
	if !hasSource {
		r.Source = common.Source
	}
	if b := f.l.benchmarkByID[r.Benchmark]; b != nil && score != nil {
		f.inRange(score.off, ctx, b, r.Score)
	}
	return r, len(f.l.errs) == errs && r.Date != ""
}

// inRange reports a score outside [0, max] of its benchmark.
func (f *resultsFile) inRange(off int, ctx string, b *Benchmark, score float64) {
	if score < 0 || score > b.Max {
		f.errorf(off, ctx, "score %s is outside the range of benchmark %q [0, %s]",
			formatFloat(score), b.ID, formatFloat(b.Max))
	}
}

// fields walks an object, calling the handler of each key in file order; unknown
// and repeated keys are errors. It returns the keys seen, or nil when v is not an
// object.
func (f *resultsFile) fields(v *jsonValue, ctx string, handlers map[string]func(*jsonValue)) map[string]bool {
	if v.kind != jsonObject {
		f.errorf(v.off, ctx, "expected an object, got %s", v.describe())
		return nil
	}
	seen := map[string]bool{}
	first := map[string]int{} // key -> offset
	v.members(func(key string, off int, val *jsonValue) bool {
		if prev, dup := first[key]; dup {
			line, _ := f.lines.pos(prev)
			f.errorf(off, ctx, "key %q repeated (first at line %d)", key, line)
			return !f.stopped
		}
		first[key] = off
		h, ok := handlers[key]
		if !ok {
			known := make([]string, 0, len(handlers))
			for k := range handlers {
				known = append(known, k)
			}
			sort.Strings(known)
			f.errorf(off, ctx, "unknown key %q%s", key, diag.DidYouMean(key, known))
			return !f.stopped
		}
		seen[key] = true
		h(val)
		return !f.stopped
	})
	return seen
}

// str returns a string value, checked for the chart marker.
func (f *resultsFile) str(v *jsonValue, ctx, key string) string {
	if v.kind != jsonString {
		f.errorf(v.off, ctx, "%s must be a string, got %s", key, v.describe())
		return ""
	}
	if strings.Contains(v.text, yamlnode.ChartMarker) {
		f.errorf(v.off, ctx, "%s must not contain %q (it corrupts charts)", key, yamlnode.ChartMarker)
	}
	return v.text
}

// date returns a YYYY-MM-DD date of the years 1000 to 9999.
func (f *resultsFile) date(v *jsonValue, ctx string) string {
	s := f.str(v, ctx, "date")
	if v.kind == jsonString && !yamlnode.ValidDate(s) {
		f.errorf(v.off, ctx, "date %s is not a valid date (%s)", yamlnode.Short(s), yamlnode.DateRule)
		return ""
	}
	return f.intern(s)
}

// source reads a URL string or a {name, url, kind} object.
func (f *resultsFile) source(v *jsonValue, ctx string) Source {
	var s Source
	if v.kind == jsonString {
		s.URL = f.intern(f.url(v, ctx, "source"))
		s.Name = s.URL
		return s
	}
	ctx += "source: "
	f.fields(v, ctx, map[string]func(*jsonValue){
		"name": func(v *jsonValue) { s.Name = f.intern(f.str(v, ctx, "name")) },
		"url":  func(v *jsonValue) { s.URL = f.intern(f.url(v, ctx, "url")) },
		"kind": func(v *jsonValue) {
			if s.Kind = f.intern(f.str(v, ctx, "kind")); v.kind == jsonString && !slices.Contains(sourceKinds, s.Kind) {
				f.errorf(v.off, ctx, "unknown kind %q%s; use %q or %q",
					s.Kind, diag.DidYouMean(s.Kind, sourceKinds), SelfReported, Independent)
			}
		},
	})
	return s
}

// url returns an absolute http(s) URL.
func (f *resultsFile) url(v *jsonValue, ctx, key string) string {
	s := f.str(v, ctx, key)
	if v.kind != jsonString {
		return ""
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		f.errorf(v.off, ctx, "%s %q is not an absolute http(s) URL", key, s)
	}
	return s
}

// formatFloat writes a number as briefly as it can be read back.
func formatFloat(x float64) string {
	return strconv.FormatFloat(x, 'g', -1, 64)
}
