package league

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ai-league/ai-league/internal/yamlnode"
)

// lmEval imports a file written by EleutherAI's lm-evaluation-harness (SPEC 3.3):
//
//	{"results": {"gpqa_diamond_zeroshot": {"alias": "...", "acc,none": 0.31,
//	             "acc_stderr,none": 0.033}, ...},
//	 "config": {"model": "hf", "model_args": "pretrained=org/name,dtype=bfloat16", ...},
//	 "model_name": "org/name", "date": 1717000000.123, "n-shot": {...}, ...}
//
// The model is matched by model_name, then by pretrained= in config.model_args
// (a string or an object), against model ids and aliases: exactly first, then
// ignoring case. Each benchmark with an lm_eval mapping takes results[task][metric]
// and its stderr, both times the scale. Values that are not numbers ("N/A") are
// skipped; the rest of the file (configs, versions, samples) is not read.
func (f *resultsFile) lmEval(root *jsonValue) []Result {
	model, ok := f.lmEvalModel(root)
	date := f.lmEvalDate(root)
	if !ok || date == "" {
		return nil
	}
	// One pass over the tasks: keep the mapped ones, note the others.
	type task struct {
		off int
		val *jsonValue
	}
	tasks := map[string]task{}
	var ignored []string
	root.get("results").members(func(key string, off int, val *jsonValue) bool {
		switch _, dup := tasks[key]; {
		case dup:
			line, _ := f.lines.pos(tasks[key].off)
			f.errorf(off, "", "lm-eval task %q repeated (first at line %d)", key, line)
		case f.l.lmEvalTasks[key]:
			tasks[key] = task{off, val}
		default:
			ignored = append(ignored, key)
		}
		return !f.stopped
	})
	nshot := root.get("n-shot")
	var out []Result
	for _, id := range f.l.benchmarkIDs {
		b := f.l.benchmarkByID[id]
		if b.LMEval == nil {
			continue
		}
		t, present := tasks[b.LMEval.Task]
		if !present {
			continue // the run did not include this benchmark
		}
		ctx := fmt.Sprintf("lm-eval task %q: ", b.LMEval.Task)
		if !t.val.isObject() {
			f.errorf(t.val.off, ctx, "expected an object of metrics, got %s", t.val.describe())
			continue
		}
		v := t.val.get(b.LMEval.Metric)
		if v == nil {
			f.errorf(t.off, ctx, "no metric %q, which benchmark %q maps it to; the task has %s (fix lm_eval.metric in %s)",
				b.LMEval.Metric, b.ID, metricList(t.val), BenchmarksFile)
			continue
		}
		score, ok := v.number()
		if !ok {
			continue // "N/A" and the like: the harness had no value
		}
		line, col := f.lines.pos(v.off)
		r := Result{
			Model:     model,
			Benchmark: b.ID,
			Score:     round(score * b.LMEval.Scale),
			Setting:   lmEvalSetting(b.LMEval, nshot.get(b.LMEval.Task)),
			Date:      date,
			Source:    Source{Name: "lm-evaluation-harness (" + f.path + ")", Kind: Independent},
			File:      f.path,
			Index:     len(out),
			Line:      line,
			Col:       col,
		}
		if se, ok := t.val.get(stderrKey(b.LMEval.Metric)).number(); ok && se >= 0 {
			r.Stderr, r.HasStderr = round(se*b.LMEval.Scale), true
		}
		ctx = fmt.Sprintf("lm-eval task %q, metric %q: ", b.LMEval.Task, b.LMEval.Metric)
		errs := len(f.l.errs)
		f.inRange(v.off, ctx, b, r.Score)
		if len(f.l.errs) == errs {
			out = append(out, r)
		}
	}
	if f.l.opts.Ignored != nil {
		for _, task := range ignored {
			f.l.opts.Ignored(f.path, task)
		}
	}
	return out
}

// metricList names the metrics of a task for a message: its keys but the alias and
// the standard errors, quoted, or "no metrics".
func metricList(task *jsonValue) string {
	var keys []string
	task.members(func(key string, _ int, _ *jsonValue) bool {
		if key != "alias" && !strings.Contains(key, "_stderr") {
			keys = append(keys, strconv.Quote(key))
		}
		return len(keys) <= 20
	})
	if len(keys) == 0 {
		return "no metrics"
	}
	if len(keys) > 20 {
		keys = append(keys[:20], "…")
	}
	return strings.Join(keys, ", ")
}

// lmEvalModel finds the model a harness file is about.
func (f *resultsFile) lmEvalModel(root *jsonValue) (string, bool) {
	var names []string
	if v := root.get("model_name"); v != nil && v.kind == jsonString && v.text != "" {
		names = append(names, v.text)
	}
	if p := pretrained(root.get("config").get("model_args")); p != "" {
		names = append(names, p)
	}
	for _, n := range names {
		if id, ok := f.l.byName[n]; ok {
			return id, true
		}
	}
	for _, n := range names {
		if id, ok := f.l.byLowerName[strings.ToLower(n)]; ok {
			return id, true
		}
	}
	for _, n := range names {
		if f.l.broken[n] {
			return "", false // its id was refused and reported
		}
	}
	if len(names) == 0 {
		f.l.errs.Add(f.path, 0, 0, "lm-eval file names no model: set \"model_name\", or \"pretrained=\" in config.model_args")
		return "", false
	}
	f.l.errs.Add(f.path, 0, 0, "lm-eval model %s matches no model: add it to the aliases of a model in %s", yamlnode.Short(names[0]), ModelsFile)
	return "", false
}

// pretrained returns the pretrained= argument of config.model_args, given as
// "pretrained=org/name,dtype=bfloat16" or as {"pretrained": "org/name"}.
func pretrained(args *jsonValue) string {
	switch {
	case args == nil:
		return ""
	case args.kind == jsonObject:
		if v := args.get("pretrained"); v != nil && v.kind == jsonString {
			return strings.TrimSpace(v.text)
		}
	case args.kind == jsonString:
		for _, kv := range strings.Split(args.text, ",") {
			if k, v, ok := strings.Cut(kv, "="); ok && strings.TrimSpace(k) == "pretrained" {
				return strings.TrimSpace(v)
			}
		}
	}
	return ""
}

// lmEvalDate turns the file's Unix-time "date" into YYYY-MM-DD (UTC).
func (f *resultsFile) lmEvalDate(root *jsonValue) string {
	v := root.get("date")
	if v == nil {
		f.l.errs.Add(f.path, 0, 0, "lm-eval file has no \"date\"")
		return ""
	}
	sec, ok := v.number()
	// From 1970 to the year 5138: anything else is not a harness timestamp.
	if !ok || sec < 0 || sec >= 1e11 || math.IsNaN(sec) {
		f.errorf(v.off, "", "lm-eval date must be a Unix time in seconds, got %s", v.describe())
		return ""
	}
	return time.Unix(int64(sec), 0).UTC().Format(time.DateOnly)
}

// stderrKey turns a metric key into the key of its standard error:
// "acc,none" -> "acc_stderr,none".
func stderrKey(metric string) string {
	name, filter, ok := strings.Cut(metric, ",")
	if !ok {
		return metric + "_stderr"
	}
	return name + "_stderr," + filter
}

// lmEvalSetting describes how a harness score was obtained.
func lmEvalSetting(e *LMEval, nshot *jsonValue) string {
	s := fmt.Sprintf("lm-evaluation-harness task %s, metric %s", e.Task, e.Metric)
	if n, ok := nshot.number(); ok {
		s += fmt.Sprintf(", %s-shot", formatFloat(n))
	}
	return s
}

// round keeps 12 significant digits, so that 0.452×100 reads 45.2 and not
// 45.199999999999996.
func round(x float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	return r
}
