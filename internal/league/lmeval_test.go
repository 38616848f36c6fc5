package league

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestLoadLMEvalFile(t *testing.T) {
	src, err := os.ReadFile("testdata/lm-eval-qwen.json")
	if err != nil {
		t.Fatal(err)
	}
	const file = "data/results/lm-eval/qwen3.5-9b.json"
	var ignored []string
	d, err := LoadWith(site(map[string]string{file: string(src)}), Options{
		Ignored: func(f, task string) { ignored = append(ignored, f+" "+task) },
	})
	if err != nil {
		t.Fatal(err)
	}
	source := Source{Name: "lm-evaluation-harness (" + file + ")", Kind: Independent}
	want := []Result{
		{Model: "qwen3.5-9b", Benchmark: "gpqa-diamond", Score: 31.3131313131, Stderr: 3.30420508781, HasStderr: true,
			Setting: "lm-evaluation-harness task gpqa_diamond_zeroshot, metric acc,none, 0-shot",
			Date:    "2024-05-29", Source: source, File: file, Index: 0, Line: 5, Col: 19},
		// The stderr is "N/A": the score stays, without a stderr; mmlu_pro's " " is skipped.
		{Model: "qwen3.5-9b", Benchmark: "ifeval", Score: 45.2,
			Setting: "lm-evaluation-harness task ifeval, metric prompt_level_strict_acc,none, 0-shot",
			Date:    "2024-05-29", Source: source, File: file, Index: 1, Line: 12, Col: 39},
	}
	if !reflect.DeepEqual(d.Results, want) {
		t.Errorf("got\n%+v\nwant\n%+v", d.Results, want)
	}
	wantIgnored := []string{file + " mmlu_pro_biology", file + " hellaswag"}
	if !reflect.DeepEqual(ignored, wantIgnored) {
		t.Errorf("ignored %q, want %q", ignored, wantIgnored)
	}
}

func TestLoadLMEvalModel(t *testing.T) {
	tests := []struct {
		name, head string // head: the keys before "results"
		want       string // model id
	}{
		{"model_name, exact", `"model_name": "Qwen/Qwen3.5-9B", "config": {"model_args": "pretrained=google/gemma-4-12B-it"},`, "qwen3.5-9b"},
		{"model_name, any case", `"model_name": "qwen/QWEN3.5-9b", "config": {},`, "qwen3.5-9b"},
		{"model_name is an id", `"model_name": "gemma-4-12b", "config": {},`, "gemma-4-12b"},
		{"pretrained in a string", `"config": {"model": "hf", "model_args": "dtype=bfloat16, pretrained=google/gemma-4-12B-it,trust_remote_code=True"},`, "gemma-4-12b"},
		{"pretrained in an object", `"config": {"model": "vllm", "model_args": {"pretrained": "google/gemma-4-12B-it", "tensor_parallel_size": 2}},`, "gemma-4-12b"},
		{"empty model_name", `"model_name": "", "config": {"model_args": "pretrained=Qwen/Qwen3.5-9B"},`, "qwen3.5-9b"},
		{"exact pretrained beats a case-insensitive model_name", `"model_name": "GOOGLE/gemma-4-12b-IT", "config": {"model_args": "pretrained=Qwen/Qwen3.5-9B"},`, "qwen3.5-9b"},
		{"unknown model_name, known pretrained", `"model_name": "./checkpoints/final", "config": {"model_args": "pretrained=Qwen/Qwen3.5-9B"},`, "qwen3.5-9b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "{" + tt.head + ` "date": 1748736000, "results": {"ifeval": {"prompt_level_strict_acc,none": 0.5, "prompt_level_strict_acc_stderr,none": 0.02}}}`
			d, err := Load(site(map[string]string{"data/results/lm.json": src}))
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Results) != 1 {
				t.Fatalf("got %d results, want 1", len(d.Results))
			}
			r := d.Results[0]
			if r.Model != tt.want || r.Benchmark != "ifeval" || r.Score != 50 || r.Stderr != 2 || !r.HasStderr || r.Date != "2025-06-01" {
				t.Errorf("got %+v, want %s on ifeval 50 ± 2 on 2025-06-01", r, tt.want)
			}
		})
	}
}

func TestLoadLMEvalScale(t *testing.T) {
	bench := testBenchmarks + `- id: ratio
  name: Ratio
  higher_is_better: false
  max: 1
  lm_eval: {task: wikitext, metric: "word_perplexity,none", scale: 0.001}
`
	src := `{"model_name": "gemma-4-12b", "config": {}, "date": 1748736000.9,
 "results": {"wikitext": {"word_perplexity,none": 250, "word_perplexity_stderr,none": 12}}}`
	d, err := Load(site(map[string]string{BenchmarksFile: bench, "data/results/lm.json": src}))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Results) != 1 {
		t.Fatalf("got %d results, want 1", len(d.Results))
	}
	if r := d.Results[0]; r.Benchmark != "ratio" || r.Score != 0.25 || r.Stderr != 0.012 || !r.HasStderr {
		t.Errorf("got %+v, want ratio 0.25 ± 0.012", r)
	}
}

func TestLoadLMEvalErrors(t *testing.T) {
	const results = `"results": {"ifeval": {"prompt_level_strict_acc,none": 0.5}}`
	tests := []struct {
		name, json, want string
	}{
		{"unmatched model", `{"model_name": "org/name", "config": {"model_args": "pretrained=org/name,dtype=bfloat16"}, "date": 1717000000.123, ` + results + `}`,
			`x.json: lm-eval model "org/name" matches no model: add it to the aliases of a model in data/models.yaml`},
		{"unmatched pretrained", `{"config": {"model_args": {"pretrained": "meta-llama/Llama-4"}}, "date": 1717000000, ` + results + `}`,
			`x.json: lm-eval model "meta-llama/Llama-4" matches no model: add it to the aliases of a model in data/models.yaml`},
		{"no model", `{"config": {"model_args": "dtype=bfloat16"}, "date": 1717000000, ` + results + `}`,
			`x.json: lm-eval file names no model: set "model_name", or "pretrained=" in config.model_args`},
		{"pretrained not a string", `{"config": {"model_args": {"pretrained": 5}}, "date": 1717000000, ` + results + `}`,
			`x.json: lm-eval file names no model: set "model_name", or "pretrained=" in config.model_args`},
		{"no date", `{"model_name": "gemma-4-12b", "config": {}, ` + results + `}`,
			`x.json: lm-eval file has no "date"`},
		{"date as text", `{"model_name": "gemma-4-12b", "config": {}, "date": "2024-05-29", ` + results + `}`,
			`x.json:1:53: lm-eval date must be a Unix time in seconds, got "2024-05-29"`},
		{"date of the year 5138", `{"model_name": "gemma-4-12b", "config": {}, "date": 100000000000, ` + results + `}`,
			`x.json:1:53: lm-eval date must be a Unix time in seconds, got 100000000000`},
		{"date before 1970", `{"model_name": "gemma-4-12b", "config": {}, "date": -1, ` + results + `}`,
			`x.json:1:53: lm-eval date must be a Unix time in seconds, got -1`},
		{"date in milliseconds", `{"model_name": "gemma-4-12b", "config": {}, "date": 1717000000123, ` + results + `}`,
			`x.json:1:53: lm-eval date must be a Unix time in seconds, got 1717000000123`},
		{"score out of range", "{\"model_name\": \"gemma-4-12b\", \"config\": {}, \"date\": 1717000000,\n \"results\": {\"ifeval\": {\"prompt_level_strict_acc,none\": 1.5}}}",
			`x.json:2:57: lm-eval task "ifeval", metric "prompt_level_strict_acc,none": score 150 is outside the range of benchmark "ifeval" [0, 100]`},
		{"mapped metric missing", "{\"model_name\": \"gemma-4-12b\", \"config\": {}, \"date\": 1717000000,\n \"results\": {\"ifeval\": {\"alias\": \"ifeval\", \"inst_level_strict_acc,none\": 0.5, \"prompt_level_loose_acc,none\": 0.4, \"prompt_level_loose_acc_stderr,none\": 0.01}}}",
			`x.json:2:14: lm-eval task "ifeval": no metric "prompt_level_strict_acc,none", which benchmark "ifeval" maps it to; the task has "inst_level_strict_acc,none", "prompt_level_loose_acc,none" (fix lm_eval.metric in data/benchmarks.yaml)`},
		{"mapped task not an object", "{\"model_name\": \"gemma-4-12b\", \"config\": {}, \"date\": 1717000000,\n \"results\": {\"ifeval\": 0.5}}",
			`x.json:2:24: lm-eval task "ifeval": expected an object of metrics, got 0.5`},
		{"a task not an object, then a bad score", "{\"model_name\": \"gemma-4-12b\", \"config\": {}, \"date\": 1717000000,\n \"results\": {\"gpqa_diamond_zeroshot\": 0.5, \"ifeval\": {\"prompt_level_strict_acc,none\": 1.5}}}",
			`x.json:2:39: lm-eval task "gpqa_diamond_zeroshot": expected an object of metrics, got 0.5` + "\n" +
				`x.json:2:87: lm-eval task "ifeval", metric "prompt_level_strict_acc,none": score 150 is outside the range of benchmark "ifeval" [0, 100]`},
		{"a metric missing, then a bad score", "{\"model_name\": \"gemma-4-12b\", \"config\": {}, \"date\": 1717000000,\n \"results\": {\"gpqa_diamond_zeroshot\": {}, \"ifeval\": {\"prompt_level_strict_acc,none\": 1.5}}}",
			`x.json:2:14: lm-eval task "gpqa_diamond_zeroshot": no metric "acc,none", which benchmark "gpqa-diamond" maps it to; the task has no metrics (fix lm_eval.metric in data/benchmarks.yaml)` + "\n" +
				`x.json:2:86: lm-eval task "ifeval", metric "prompt_level_strict_acc,none": score 150 is outside the range of benchmark "ifeval" [0, 100]`},
		{"mapped metric missing among many", "{\"model_name\": \"gemma-4-12b\", \"config\": {}, \"date\": 1717000000,\n \"results\": {\"ifeval\": {" + manyMetrics(21) + "}}}",
			`x.json:2:14: lm-eval task "ifeval": no metric "prompt_level_strict_acc,none", which benchmark "ifeval" maps it to; the task has ` + quotedMetrics(20) + `, … (fix lm_eval.metric in data/benchmarks.yaml)`},
		{"mapped metric missing among twenty", "{\"model_name\": \"gemma-4-12b\", \"config\": {}, \"date\": 1717000000,\n \"results\": {\"ifeval\": {" + manyMetrics(20) + "}}}",
			`x.json:2:14: lm-eval task "ifeval": no metric "prompt_level_strict_acc,none", which benchmark "ifeval" maps it to; the task has ` + quotedMetrics(20) + ` (fix lm_eval.metric in data/benchmarks.yaml)`},
		{"task repeated", "{\"model_name\": \"gemma-4-12b\", \"config\": {}, \"date\": 1717000000,\n \"results\": {\"ifeval\": {}, \"ifeval\": {}}}",
			`x.json:2:14: lm-eval task "ifeval": no metric "prompt_level_strict_acc,none", which benchmark "ifeval" maps it to; the task has no metrics (fix lm_eval.metric in data/benchmarks.yaml)` + "\n" +
				`x.json:2:28: lm-eval task "ifeval" repeated (first at line 2)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := errorOf(t, site(map[string]string{"data/results/x.json": tt.json}))
			if want := strings.ReplaceAll(tt.want, "x.json", "data/results/x.json"); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestLoadLMEvalNothingWithoutModelOrDate: a file whose model or date is wrong
// gives its error and no results.
func TestLoadLMEvalNothingWithoutModelOrDate(t *testing.T) {
	const results = `"results": {"ifeval": {"prompt_level_strict_acc,none": 0.5}}`
	for _, src := range []string{
		`{"model_name": "org/name", "config": {}, "date": 1717000000, ` + results + `}`,
		`{"model_name": "gemma-4-12b", "config": {}, ` + results + `}`,
	} {
		d, err := Load(site(map[string]string{"data/results/x.json": src}))
		if err == nil || len(d.Results) != 0 {
			t.Errorf("%s: got %d results and error %v, want none and an error", src, len(d.Results), err)
		}
	}
}

// TestLoadLMEvalSkipsNA: a task without a value ("N/A") is skipped and the tasks
// after it are read.
func TestLoadLMEvalSkipsNA(t *testing.T) {
	src := `{"model_name": "gemma-4-12b", "config": {}, "date": 1717000000, "results": {
 "gpqa_diamond_zeroshot": {"acc,none": "N/A"}, "ifeval": {"prompt_level_strict_acc,none": 0.5}}}`
	d, err := Load(site(map[string]string{"data/results/x.json": src}))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Results) != 1 || d.Results[0].Benchmark != "ifeval" || d.Results[0].Score != 50 {
		t.Errorf("got %+v, want ifeval 50 alone", d.Results)
	}
}

// manyMetrics returns n metrics m1..mn of a task, each with its stderr.
func manyMetrics(n int) string {
	var m []string
	for i := 1; i <= n; i++ {
		m = append(m, fmt.Sprintf(`"m%d,none": 0.5, "m%d_stderr,none": 0.1`, i, i))
	}
	return strings.Join(m, ", ")
}

// quotedMetrics returns the names of the first n metrics of manyMetrics, quoted.
func quotedMetrics(n int) string {
	var m []string
	for i := 1; i <= n; i++ {
		m = append(m, fmt.Sprintf(`"m%d,none"`, i))
	}
	return strings.Join(m, ", ")
}

// TestLoadLMEvalFirstDays: the harness's date may be the Unix epoch itself, or
// the last second before the year 5138.
func TestLoadLMEvalFirstDays(t *testing.T) {
	for date, want := range map[string]string{"0": "1970-01-01", "99999999999.9": "5138-11-16"} {
		src := `{"model_name": "gemma-4-12b", "config": {}, "date": ` + date + `, "results": {"ifeval": {"prompt_level_strict_acc,none": 0.5}}}`
		d, err := Load(site(map[string]string{"data/results/x.json": src}))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Results) != 1 || d.Results[0].Date != want {
			t.Errorf("date %s: got %+v, want one result dated %s", date, d.Results, want)
		}
	}
}

// TestLoadLMEvalZeroStderr: a stderr of 0 is a stderr.
func TestLoadLMEvalZeroStderr(t *testing.T) {
	src := `{"model_name": "gemma-4-12b", "config": {}, "date": 1717000000, "results": {
 "ifeval": {"prompt_level_strict_acc,none": 0.5, "prompt_level_strict_acc_stderr,none": 0}}}`
	d, err := Load(site(map[string]string{"data/results/x.json": src}))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Results) != 1 || d.Results[0].Stderr != 0 || !d.Results[0].HasStderr {
		t.Errorf("got %+v, want one result with a stderr of 0", d.Results)
	}
}

// TestLoadLMEvalNotHarness checks that a "results" object without "config" is
// read as a native file, and so rejected with a native message.
func TestLoadLMEvalNotHarness(t *testing.T) {
	got := errorOf(t, site(map[string]string{"data/results/x.json": `{"results": {"ifeval": {}}}`}))
	if want := `data/results/x.json:1:13: results must be a list, got an object`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestStderrKey(t *testing.T) {
	tests := []struct{ metric, want string }{
		{"acc,none", "acc_stderr,none"},
		{"exact_match,custom-extract", "exact_match_stderr,custom-extract"},
		{"exact_match,strict-match", "exact_match_stderr,strict-match"},
		{"acc", "acc_stderr"},
	}
	for _, tt := range tests {
		t.Run(tt.metric, func(t *testing.T) {
			if got := stderrKey(tt.metric); got != tt.want {
				t.Errorf("stderrKey(%q) = %q, want %q", tt.metric, got, tt.want)
			}
		})
	}
}

// TestLoadLMEvalRefusedModel checks that a file for a model whose id was refused
// adds no second error.
func TestLoadLMEvalRefusedModel(t *testing.T) {
	got := errorOf(t, site(map[string]string{
		ModelsFile:            "- {id: Big Model, name: B, club: google, aliases: [org/big]}\n",
		"data/results/x.json": `{"model_name": "Big Model", "config": {}, "date": 1717000000, "results": {}}`,
	}))
	want := `data/models.yaml:1:8: model 1: id "Big Model" must be lowercase letters, digits, ".", "-" or "_", starting with a letter or digit`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
