package league

import (
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

const (
	testClubs = `- id: alibaba
  name: Alibaba Qwen
- id: google
  name: Google DeepMind
  homepage: https://deepmind.google/
`
	testModels = `- id: qwen3.5-9b
  name: Qwen3.5 9B
  club: alibaba
  params_b: 9
  aliases: [Qwen/Qwen3.5-9B]
- id: gemma-4-12b
  name: Gemma 4 12B
  club: google
  params_b: 11.95
  aliases: [google/gemma-4-12B-it]
`
	testBenchmarks = `- id: gpqa-diamond
  name: GPQA Diamond
  higher_is_better: true
  random_baseline: 25
  lm_eval: {task: gpqa_diamond_zeroshot, metric: "acc,none"}
- id: ifeval
  name: IFEval
  higher_is_better: true
  lm_eval: {task: ifeval, metric: "prompt_level_strict_acc,none", scale: 100}
- id: mmlu-pro
  name: MMLU-Pro
  higher_is_better: true
  lm_eval: {task: mmlu_pro, metric: "exact_match,custom-extract"}
- id: codeforces
  name: Codeforces
  higher_is_better: true
  max: 4000
`
)

// site returns a site root holding the test clubs, models and benchmarks, with
// files replacing or adding to them.
func site(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		ClubsFile:      {Data: []byte(testClubs)},
		ModelsFile:     {Data: []byte(testModels)},
		BenchmarksFile: {Data: []byte(testBenchmarks)},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// errorOf loads fsys and returns the error text, failing when there is none.
func errorOf(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	d, err := Load(fsys)
	if err == nil {
		t.Fatalf("no error; loaded %d results", len(d.Results))
	}
	if d == nil {
		t.Errorf("no data with the error: Load returns what it could read")
	}
	return err.Error()
}

func TestLoadBundled(t *testing.T) {
	d, err := Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	// The counts of ../shared/data/league-2026: clubs.yaml, models.yaml,
	// benchmarks.yaml and results.json.
	if len(d.Clubs) != 4 || len(d.Models) != 17 || len(d.Benchmarks) != 24 || len(d.Results) != 214 {
		t.Errorf("got %d clubs, %d models, %d benchmarks, %d results; want 4, 17, 24, 214",
			len(d.Clubs), len(d.Models), len(d.Benchmarks), len(d.Results))
	}
	for i := 1; i < len(d.Models); i++ {
		if d.Models[i-1].ID >= d.Models[i].ID {
			t.Errorf("models not sorted: %s before %s", d.Models[i-1].ID, d.Models[i].ID)
		}
	}
	for i, r := range d.Results {
		if r.Source.URL == "" || r.Source.Kind == "" || r.Date == "" || r.Line == 0 {
			t.Errorf("result %d (%s:%d) lacks a source, date or position: %+v", i, r.File, r.Index, r)
		}
		if i > 0 {
			p := d.Results[i-1]
			if p.File > r.File || (p.File == r.File && p.Index >= r.Index) {
				t.Errorf("results not sorted: %s#%d before %s#%d", p.File, p.Index, r.File, r.Index)
			}
		}
	}
	if b := d.Benchmark("codeforces"); b == nil || b.Max != 4000 || b.Unit != "elo" {
		t.Errorf("codeforces = %+v, want max 4000 and unit elo", b)
	}
	if b := d.Benchmark("mmlu-pro"); b == nil || b.Max != 100 || b.LMEval == nil || *b.LMEval != (LMEval{"mmlu_pro", "exact_match,custom-extract", 100}) {
		t.Errorf("mmlu-pro = %+v, want max 100 and the lm_eval mapping", b)
	}
}

func TestLoadData(t *testing.T) {
	d, err := Load(site(nil))
	if err != nil {
		t.Fatal(err)
	}
	wantModels := []Model{
		{ID: "gemma-4-12b", Name: "Gemma 4 12B", Club: "google", ParamsB: 11.95, Aliases: []string{"google/gemma-4-12B-it"}},
		{ID: "qwen3.5-9b", Name: "Qwen3.5 9B", Club: "alibaba", ParamsB: 9, Aliases: []string{"Qwen/Qwen3.5-9B"}},
	}
	if !reflect.DeepEqual(d.Models, wantModels) {
		t.Errorf("models:\ngot  %+v\nwant %+v", d.Models, wantModels)
	}
	wantBenchmarks := []Benchmark{
		{ID: "codeforces", Name: "Codeforces", HigherIsBetter: true, Max: 4000},
		{ID: "gpqa-diamond", Name: "GPQA Diamond", HigherIsBetter: true, RandomBaseline: 25, Max: 100,
			LMEval: &LMEval{Task: "gpqa_diamond_zeroshot", Metric: "acc,none", Scale: 100}},
		{ID: "ifeval", Name: "IFEval", HigherIsBetter: true, Max: 100,
			LMEval: &LMEval{Task: "ifeval", Metric: "prompt_level_strict_acc,none", Scale: 100}},
		{ID: "mmlu-pro", Name: "MMLU-Pro", HigherIsBetter: true, Max: 100,
			LMEval: &LMEval{Task: "mmlu_pro", Metric: "exact_match,custom-extract", Scale: 100}},
	}
	if !reflect.DeepEqual(d.Benchmarks, wantBenchmarks) {
		t.Errorf("benchmarks:\ngot  %+v\nwant %+v", d.Benchmarks, wantBenchmarks)
	}
	if len(d.Clubs) != 2 || d.Clubs[1].Homepage != "https://deepmind.google/" {
		t.Errorf("clubs = %+v", d.Clubs)
	}
	if len(d.Results) != 0 {
		t.Errorf("got %d results without a results directory", len(d.Results))
	}
	if c := d.Club("google"); c == nil || c.Name != "Google DeepMind" {
		t.Errorf(`Club("google") = %+v`, c)
	}
	if m := d.Model("qwen3.5-9b"); m == nil || m.Name != "Qwen3.5 9B" {
		t.Errorf(`Model("qwen3.5-9b") = %+v`, m)
	}
	if b := d.Benchmark("ifeval"); b == nil || b.Name != "IFEval" {
		t.Errorf(`Benchmark("ifeval") = %+v`, b)
	}
	if c, m, b := d.Club("qwen3.5-9b"), d.Model("google"), d.Benchmark("Qwen/Qwen3.5-9B"); c != nil || m != nil || b != nil {
		t.Errorf("lookups of ids of another kind or of an alias found %+v, %+v, %+v", c, m, b)
	}
}

func TestLoadDataErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"missing file", map[string]string{ClubsFile: ""}, ""},
		{"unknown key", map[string]string{ClubsFile: "- id: a\n  name: A\n  homepgae: https://a.org/\n"},
			`data/clubs.yaml:3:3: club 1: unknown key "homepgae" (did you mean "homepage"?)`},
		{"missing name", map[string]string{ClubsFile: "- id: a\n- id: b\n  name: B\n"},
			`data/clubs.yaml:1:3: club 1: missing "name"`},
		{"duplicate club", map[string]string{ClubsFile: "- {id: a, name: A}\n- {id: a, name: B}\n"},
			`data/clubs.yaml:2:8: club 2: duplicate id "a" (first at line 1)`},
		{"bad id", map[string]string{ClubsFile: "- {id: Big Lab, name: A}\n"},
			`data/clubs.yaml:1:8: club 1: id "Big Lab" must be lowercase letters, digits, ".", "-" or "_", starting with a letter or digit`},
		{"not a list", map[string]string{ClubsFile: "id: a\n"},
			`data/clubs.yaml:1:1: the file must be a list, got a mapping`},
		{"yaml syntax", map[string]string{ClubsFile: "- {id: a\n"},
			`data/clubs.yaml:1: close the mapping with "}", or quote the value`},
		{"unknown club", map[string]string{ModelsFile: "- {id: m, name: M, club: alibba}\n"},
			`data/models.yaml:1:26: model 1: unknown club "alibba" (did you mean "alibaba"?)`},
		{"model without club", map[string]string{ModelsFile: "- {id: m, name: M}\n"},
			`data/models.yaml:1:3: model 1: missing "club"`},
		{"bad release date", map[string]string{ModelsFile: "- {id: m, name: M, club: google, released: \"2026-02-30\"}\n"},
			`data/models.yaml:1:44: model 1: released "2026-02-30" is not a valid date (YYYY-MM-DD, years 1000 to 9999)`},
		{"negative params", map[string]string{ModelsFile: "- {id: m, name: M, club: google, params_b: -1}\n"},
			`data/models.yaml:1:44: model 1: params_b must not be negative, got -1`},
		{"params not a number", map[string]string{ModelsFile: "- {id: m, name: M, club: google, params_b: 7B}\n"},
			`data/models.yaml:1:44: model 1: params_b must be a number, got "7B"`},
		{"context not whole", map[string]string{ModelsFile: "- {id: m, name: M, club: google, context_tokens: 1.5}\n"},
			`data/models.yaml:1:50: model 1: context_tokens must be a whole number, got "1.5"`},
		{"alias is another id", map[string]string{ModelsFile: "- {id: a, name: A, club: google}\n- {id: b, name: B, club: google, aliases: [x, A]}\n"},
			`data/models.yaml:2:47: alias "A" of model "b" collides with model "a"`},
		{"alias of two models", map[string]string{ModelsFile: "- {id: a, name: A, club: google, aliases: [org/m]}\n- {id: b, name: B, club: google, aliases: [Org/M]}\n"},
			`data/models.yaml:2:44: alias "Org/M" of model "b" collides with model "a"`},
		{"chart marker", map[string]string{ModelsFile: "- {id: a, name: \"A __f__ B\", club: google}\n"},
			`data/models.yaml:1:17: model 1: text must not contain "__f__" (it corrupts charts)`},
		{"source not http", map[string]string{ModelsFile: "- {id: a, name: A, club: google, source: \"javascript:alert(1)\"}\n"},
			`data/models.yaml:1:42: model 1: "javascript:alert(1)" is not an absolute http(s) URL`},
		{"higher_is_better missing", map[string]string{BenchmarksFile: "- {id: b, name: B}\n"},
			`data/benchmarks.yaml:1:3: benchmark 1: missing "higher_is_better"`},
		{"higher_is_better not bool", map[string]string{BenchmarksFile: "- {id: b, name: B, higher_is_better: maybe}\n"},
			`data/benchmarks.yaml:1:38: benchmark 1: higher_is_better must be true or false, got "maybe"`},
		{"max below baseline", map[string]string{BenchmarksFile: "- {id: b, name: B, higher_is_better: true, random_baseline: 25, max: 20}\n"},
			`data/benchmarks.yaml:1:70: benchmark 1: max 20 must be above random_baseline 25`},
		{"max equal to baseline", map[string]string{BenchmarksFile: "- {id: b, name: B, higher_is_better: true, random_baseline: 25, max: 25}\n"},
			`data/benchmarks.yaml:1:70: benchmark 1: max 25 must be above random_baseline 25`},
		{"higher_is_better yes", map[string]string{BenchmarksFile: "- {id: b, name: B, higher_is_better: yes}\n"},
			`data/benchmarks.yaml:1:38: benchmark 1: higher_is_better must be true or false, got "yes"`},
		{"empty alias, then a colliding one", map[string]string{ModelsFile: "- {id: a, name: A, club: google}\n- {id: b, name: B, club: google, aliases: [\"\", A]}\n"},
			`data/models.yaml:2:44: model 2: alias must not be empty` + "\n" +
				`data/models.yaml:2:48: alias "A" of model "b" collides with model "a"`},
		{"duplicate model, then a bad one", map[string]string{ModelsFile: "- {id: a, name: A, club: google}\n- {id: a, name: B, club: google}\n- {id: c, name: C, club: gogle}\n"},
			`data/models.yaml:2:8: model 2: duplicate id "a" (first at line 1)` + "\n" +
				`data/models.yaml:3:26: model 3: unknown club "gogle" (did you mean "google"?)`},
		{"two collisions", map[string]string{ModelsFile: "- {id: a, name: A, club: google}\n- {id: b, name: B, club: google, aliases: [A, c]}\n- {id: c, name: C, club: google}\n"},
			`data/models.yaml:2:44: alias "A" of model "b" collides with model "a"` + "\n" +
				`data/models.yaml:2:47: alias "c" of model "b" collides with model "c"`},
		// An item that is not a mapping is reported, and the items after it are still read.
		{"club not a mapping, then a bad one", map[string]string{ClubsFile: "- alibaba\n- {id: b}\n"},
			`data/clubs.yaml:1:3: club 1: expected a mapping of keys to values, got "alibaba"` + "\n" +
				`data/clubs.yaml:2:3: club 2: missing "name"`},
		{"model not a mapping, then a bad one", map[string]string{ModelsFile: "- [m]\n- {id: m, name: M, club: gogle}\n"},
			`data/models.yaml:1:3: model 1: expected a mapping of keys to values, got a list` + "\n" +
				`data/models.yaml:2:26: model 2: unknown club "gogle" (did you mean "google"?)`},
		{"benchmark not a mapping, then a bad one", map[string]string{BenchmarksFile: "- 7\n- {id: b, name: B}\n"},
			`data/benchmarks.yaml:1:3: benchmark 1: expected a mapping of keys to values, got "7"` + "\n" +
				`data/benchmarks.yaml:2:3: benchmark 2: missing "higher_is_better"`},
		{"lm_eval unknown key", map[string]string{BenchmarksFile: "- id: b\n  name: B\n  higher_is_better: true\n  lm_eval: {task: t, metrc: \"acc,none\"}\n"},
			`data/benchmarks.yaml:4:12: benchmark 1: lm_eval: missing "metric"` + "\n" +
				`data/benchmarks.yaml:4:22: benchmark 1: lm_eval: unknown key "metrc" (did you mean "metric"?)`},
		{"lm_eval zero scale", map[string]string{BenchmarksFile: "- id: b\n  name: B\n  higher_is_better: true\n  lm_eval: {task: t, metric: acc, scale: 0}\n"},
			`data/benchmarks.yaml:4:42: benchmark 1: lm_eval: scale must be above 0, got 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := tt.files[ModelsFile]; !ok && tt.files[ClubsFile] != "" {
				tt.files[ModelsFile] = "" // the test models need the test clubs
			}
			fsys := site(tt.files)
			if tt.name == "missing file" {
				delete(fsys, ClubsFile)
				tt.want = "data/clubs.yaml: missing file\n" +
					`data/models.yaml:3:9: model 1: unknown club "alibaba"` + "\n" +
					`data/models.yaml:8:9: model 2: unknown club "google"`
			}
			if got := errorOf(t, fsys); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestLoadZeroes: zero is not negative, so a zero size, context or benchmark number
// is accepted and kept.
func TestLoadZeroes(t *testing.T) {
	d, err := Load(site(map[string]string{
		ModelsFile:     "- {id: z, name: Z, club: google, params_b: 0, active_params_b: 0, effective_params_b: 0, context_tokens: 0}\n",
		BenchmarksFile: "- {id: b, name: B, higher_is_better: false, random_baseline: 0, draw_margin: 0, max: 1}\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	wantModels := []Model{{ID: "z", Name: "Z", Club: "google"}}
	if !reflect.DeepEqual(d.Models, wantModels) {
		t.Errorf("models:\ngot  %+v\nwant %+v", d.Models, wantModels)
	}
	wantBenchmarks := []Benchmark{{ID: "b", Name: "B", Max: 1}}
	if !reflect.DeepEqual(d.Benchmarks, wantBenchmarks) {
		t.Errorf("benchmarks:\ngot  %+v\nwant %+v", d.Benchmarks, wantBenchmarks)
	}
}

func TestLoadNative(t *testing.T) {
	src := site(map[string]string{
		"data/results/a.json": `[
  {"model": "qwen3.5-9b", "benchmark": "gpqa-diamond", "score": 81.7, "stderr": 1.2,
   "setting": "pass@1", "date": "2026-03-02", "source": "https://huggingface.co/Qwen/Qwen3.5-4B"},
  {"model": "gemma-4-12b", "benchmark": "codeforces", "score": 0, "date": "2026-06-03",
   "source": {"name": "Card", "url": "https://example.org/card", "kind": "self-reported"}}
]`,
		"data/results/b/c.json": `{
  "source": {"name": "Qwen blog", "url": "https://qwen.ai/blog", "kind": "independent"},
  "date": "2026-04-16",
  "results": [
    {"model": "gemma-4-12b", "benchmark": "gpqa-diamond", "score": 78.8},
    {"model": "gemma-4-12b", "benchmark": "ifeval", "score": 100, "date": "2026-04-17",
     "source": {"name": "Own run", "kind": "independent"}}
  ]
}`,
	})
	d, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	qwenBlog := Source{Name: "Qwen blog", URL: "https://qwen.ai/blog", Kind: Independent}
	want := []Result{
		{Model: "qwen3.5-9b", Benchmark: "gpqa-diamond", Score: 81.7, Stderr: 1.2, HasStderr: true, Setting: "pass@1",
			Date: "2026-03-02", Source: Source{Name: "https://huggingface.co/Qwen/Qwen3.5-4B", URL: "https://huggingface.co/Qwen/Qwen3.5-4B"},
			File: "data/results/a.json", Index: 0, Line: 2, Col: 3},
		{Model: "gemma-4-12b", Benchmark: "codeforces", Score: 0, Date: "2026-06-03",
			Source: Source{Name: "Card", URL: "https://example.org/card", Kind: SelfReported},
			File:   "data/results/a.json", Index: 1, Line: 4, Col: 3},
		{Model: "gemma-4-12b", Benchmark: "gpqa-diamond", Score: 78.8, Date: "2026-04-16", Source: qwenBlog,
			File: "data/results/b/c.json", Index: 0, Line: 5, Col: 5},
		{Model: "gemma-4-12b", Benchmark: "ifeval", Score: 100, Date: "2026-04-17", Source: Source{Name: "Own run", Kind: Independent},
			File: "data/results/b/c.json", Index: 1, Line: 6, Col: 5},
	}
	if !reflect.DeepEqual(d.Results, want) {
		t.Errorf("got\n%+v\nwant\n%+v", d.Results, want)
	}
}

func TestLoadResultErrors(t *testing.T) {
	const ok = `"model": "qwen3.5-9b", "benchmark": "gpqa-diamond", "date": "2026-03-02"`
	tests := []struct {
		name string
		json string
		want string
	}{
		{"unknown benchmark", "[\n  {" + ok + ", \"score\": 1},\n  {\"model\": \"qwen3.5-9b\", \"benchmark\": \"gpqa-diamnd\", \"score\": 1, \"date\": \"2026-03-02\"}\n]",
			`x.json:3:40: result 2: unknown benchmark "gpqa-diamnd" (did you mean "gpqa-diamond"?)`},
		{"unknown model", `[{"model": "llama-9b", "benchmark": "ifeval", "score": 1, "date": "2026-03-02"}]`,
			`x.json:1:12: result 1: unknown model "llama-9b"`},
		{"model typo", `[{"model": "qwen3.5-9", "benchmark": "ifeval", "score": 1, "date": "2026-03-02"}]`,
			`x.json:1:12: result 1: unknown model "qwen3.5-9" (did you mean "qwen3.5-9b"?)`},
		{"missing score", `[{` + ok + `}]`, `x.json:1:2: result 1: missing "score"`},
		{"score not a number", `[{` + ok + `, "score": "81.7"}]`, `x.json:1:86: result 1: score must be a number, got "81.7"`},
		{"score null", `[{` + ok + `, "score": null}]`, `x.json:1:86: result 1: score must be a number, got null`},
		{"score too high", `[{` + ok + `, "score": 100.5}]`,
			`x.json:1:86: result 1: score 100.5 is outside the range of benchmark "gpqa-diamond" [0, 100]`},
		{"score negative", `[{` + ok + `, "score": -1}]`,
			`x.json:1:86: result 1: score -1 is outside the range of benchmark "gpqa-diamond" [0, 100]`},
		{"negative stderr", `[{` + ok + `, "score": 1, "stderr": -0.5}]`, `x.json:1:99: result 1: stderr must not be negative, got -0.5`},
		{"stderr text", `[{` + ok + `, "score": 1, "stderr": "1"}]`, `x.json:1:99: result 1: stderr must be a number, got "1"`},
		{"missing date", `[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1}]`,
			`x.json:1:2: result 1: missing "date" (give it here or for the whole file)`},
		{"bad date", `[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1, "date": "2026-13-01"}]`,
			`x.json:1:69: result 1: date "2026-13-01" is not a valid date (YYYY-MM-DD, years 1000 to 9999)`},
		{"slash date", `{"date": "2026/03/02", "results": []}`, `x.json:1:10: date "2026/03/02" is not a valid date (YYYY-MM-DD, years 1000 to 9999)`},
		{"unknown key", `[{` + ok + `, "scroe": 1}]`,
			`x.json:1:2: result 1: missing "score"` + "\n" + `x.json:1:77: result 1: unknown key "scroe" (did you mean "score"?)`},
		{"unknown file key", `{"sources": "https://e.org/", "results": []}`,
			`x.json:1:2: unknown key "sources" (did you mean "source"?)`},
		{"missing results", `{"date": "2026-03-02"}`, `x.json:1:1: missing "results"`},
		{"results not a list", `{"results": {"a": 1}}`, `x.json:1:13: results must be a list, got an object`},
		{"not a result list", `"hello"`, `x.json:1:1: expected a list of results or an object with "results", got "hello"`},
		{"result not an object", `[1]`, `x.json:1:2: result 1: expected an object, got 1`},
		{"source not http", `[{` + ok + `, "score": 1, "source": "ftp://e.org/x"}]`,
			`x.json:1:99: result 1: source "ftp://e.org/x" is not an absolute http(s) URL`},
		{"source object url", `[{` + ok + `, "score": 1, "source": {"name": "n", "url": "e.org"}}]`,
			`x.json:1:120: result 1: source: url "e.org" is not an absolute http(s) URL`},
		{"source kind", `[{` + ok + `, "score": 1, "source": {"kind": "independant"}}]`,
			`x.json:1:108: result 1: source: unknown kind "independant" (did you mean "independent"?); use "self-reported" or "independent"`},
		{"source unknown key", `[{` + ok + `, "score": 1, "source": {"via": "https://e.org/"}}]`,
			`x.json:1:100: result 1: source: unknown key "via"`},
		{"chart marker", `[{` + ok + `, "score": 1, "setting": "x__f__y"}]`,
			`x.json:1:100: result 1: setting must not contain "__f__" (it corrupts charts)`},
		{"empty model and benchmark", `[{"model": "", "benchmark": "", "score": 1, "date": "2026-03-02"}]`,
			`x.json:1:12: result 1: model must not be empty` + "\n" + `x.json:1:29: result 1: benchmark must not be empty`},
		{"model not a string", `[{"model": 9, "benchmark": "ifeval", "score": 1, "date": "2026-03-02"}]`,
			`x.json:1:12: result 1: model must be a string, got 9`},
		{"malformed", "[\n  {\"model\": \"qwen3.5-9b\",,}\n]", `x.json:2:26: malformed JSON: invalid character ',' looking for beginning of object key string`},
		{"truncated", "[\n  {\"model\": \"qwen3.5-9b\"", `x.json:2:25: malformed JSON: unexpected end of JSON`},
		{"bad literal", "[\n  tru]", `x.json:2:6: malformed JSON: invalid character ']' in literal true (expecting 'e')`},
		{"missing colon", "{\"results\" []}", `x.json:1:12: malformed JSON: invalid character '[' after object key`},
		{"bad value", "[1, x]", `x.json:1:5: malformed JSON: invalid character 'x' looking for beginning of value`},
		{"trailing data", `[] []`, `x.json:1:4: malformed JSON: unexpected data after the end of the JSON value`},
		{"repeated key", "[{" + ok + ", \"score\": 1,\n  \"score\": 2}]", `x.json:2:3: result 1: key "score" repeated (first at line 1)`},
		{"year 1", `[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1, "date": "0001-01-01"}]`,
			`x.json:1:69: result 1: date "0001-01-01" is not a valid date (YYYY-MM-DD, years 1000 to 9999)`},
		{"year 10000", `[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1, "date": "10000-01-01"}]`,
			`x.json:1:69: result 1: date "10000-01-01" is not a valid date (YYYY-MM-DD, years 1000 to 9999)`},
		{"bad file date said once", "{\"date\": \"2026-06-31\", \"results\": [\n  {\"model\": \"qwen3.5-9b\", \"benchmark\": \"ifeval\", \"score\": 1},\n  {\"model\": \"qwen3.5-9b\", \"benchmark\": \"gpqa-diamond\", \"score\": 1}]}",
			`x.json:1:10: date "2026-06-31" is not a valid date (YYYY-MM-DD, years 1000 to 9999)`},
		{"long id", `[{"model": "` + strings.Repeat("q", 5000) + `", "benchmark": "ifeval", "score": 1, "date": "2026-03-02"}]`,
			`x.json:1:12: result 1: unknown model "` + strings.Repeat("q", 40) + `"…`},
		{"too many problems", "[" + strings.Repeat("1,\n", 30) + "1]",
			strings.Join(func() []string {
				var lines []string
				for i := 1; i <= 20; i++ {
					col := 1
					if i == 1 {
						col = 2
					}
					lines = append(lines, fmt.Sprintf("x.json:%d:%d: result %d: expected an object, got 1", i, col, i))
				}
				return append(lines, "x.json:21:1: more than 20 problems; the rest of the file was not checked")
			}(), "\n")},
		{"lone minus", " -", `x.json:1:3: malformed JSON: unexpected end of JSON`},
		{"empty file", ``, `x.json:1:1: malformed JSON: unexpected end of JSON`},
		{"too deep", strings.Repeat("[", 300), `x.json:1:201: malformed JSON: JSON nested too deeply`},
		{"columns count characters", "[{\"setting\": \"é\", \"modl\": 1}]", `x.json:1:2: result 1: missing "model"` + "\n" +
			`x.json:1:2: result 1: missing "benchmark"` + "\n" + `x.json:1:2: result 1: missing "score"` + "\n" +
			`x.json:1:2: result 1: missing "date" (give it here or for the whole file)` + "\n" +
			`x.json:1:19: result 1: unknown key "modl" (did you mean "model"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := errorOf(t, site(map[string]string{"data/results/x.json": tt.json}))
			want := strings.ReplaceAll(tt.want, "x.json:", "data/results/x.json:")
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			// Only the right results come back with the error: in these files,
			// only result 1 of "unknown benchmark".
			good := 0
			if tt.name == "unknown benchmark" {
				good = 1
			}
			if d, _ := Load(site(map[string]string{"data/results/x.json": tt.json})); len(d.Results) != good {
				t.Errorf("got %d results, want %d: %+v", len(d.Results), good, d.Results)
			}
		})
	}
}

// TestLoadAllErrors checks that problems in several files are reported together,
// sorted by file and position.
func TestLoadAllErrors(t *testing.T) {
	fsys := site(map[string]string{
		ModelsFile:                 testModels + "- {id: x, name: X, club: nobody}\n",
		"data/results/q35.json":    "[\n  {\"model\": \"qwen3.5-9b\", \"benchmark\": \"ifeval\", \"score\": 1, \"date\": \"2026-03-02\"},\n  {\"model\": \"qwen3.5-9b\", \"benchmark\": \"ifeval\", \"score\": 2, \"date\": \"2026-03-02\"},\n  {\"model\": \"qwen3.5-9b\",\n   \"benchmark\": \"gpqa-diamnd\", \"score\": 3, \"date\": \"2026-03-02\"}\n]",
		"data/results/a/bad.json":  "{",
		"data/results/lm/run.json": `{"results": {}, "config": {"model_args": "pretrained=org/name,dtype=bfloat16"}, "date": 1717000000.5}`,
		"data/results/notes.txt":   "not read",
	})
	want := `data/models.yaml:11:26: model 3: unknown club "nobody"
data/results/a/bad.json:1:2: malformed JSON: unexpected end of JSON
data/results/lm/run.json: lm-eval model "org/name" matches no model: add it to the aliases of a model in data/models.yaml
data/results/q35.json:5:17: result 3: unknown benchmark "gpqa-diamnd" (did you mean "gpqa-diamond"?)`
	if got := errorOf(t, fsys); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestResultFilesOrder checks byte order of path, which a directory walk does not give.
func TestResultFilesOrder(t *testing.T) {
	r := func(score string) string {
		return `[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": ` + score + `, "date": "2026-03-02"}]`
	}
	d, err := Load(site(map[string]string{
		"data/results/a/x.json":  r("1"),
		"data/results/a-b.json":  r("2"),
		"data/results/a.json":    r("3"),
		"data/results/B/z.json":  r("4"),
		"data/results/a/x.jsonl": "ignored",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, r := range d.Results {
		files = append(files, r.File)
	}
	want := []string{"data/results/B/z.json", "data/results/a-b.json", "data/results/a.json", "data/results/a/x.json"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("got %q, want %q", files, want)
	}
}

func FuzzLoadResults(f *testing.F) {
	seeds := []string{
		`[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1, "date": "2026-03-02"}]`,
		`{"source": {"name": "n", "url": "https://e.org/", "kind": "independent"}, "date": "2026-03-02", "results": [{"model": "gemma-4-12b", "benchmark": "codeforces", "score": 3000, "stderr": 1}]}`,
		`{"results": {"ifeval": {"prompt_level_strict_acc,none": 0.5, "prompt_level_strict_acc_stderr,none": "N/A"}}, "config": {"model_args": {"pretrained": "qwen/qwen3.5-9b"}}, "date": 1717000000.123}`,
		`{"results": {}, "config": {}, "model_name": "", "date": -1}`,
		`[{"score": 1e999}, {"date": "2026-02-29"}, null, [], "x"]`,
		"[\n{\"a\":\"\xff\"}",
	}
	if lm, err := os.ReadFile("testdata/lm-eval-qwen.json"); err == nil {
		seeds = append(seeds, string(lm))
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := Load(site(map[string]string{"data/results/f.json": src}))
		if d == nil {
			t.Fatalf("no data (error %v): Load always returns what it could read", err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "data/results/f.json") {
			t.Fatalf("error names the wrong file: %v", err)
		}
	})
}

// TestLoadOneMessagePerMistake checks that an id refused in models.yaml,
// clubs.yaml or benchmarks.yaml is reported there only, not again at every result
// or model that names it, and that the refused entries come back with the error.
func TestLoadOneMessagePerMistake(t *testing.T) {
	r := func(model, bench string) string {
		return `{"model": "` + model + `", "benchmark": "` + bench + `", "score": 1, "date": "2026-03-02"}`
	}
	fsys := site(map[string]string{
		ClubsFile:             testClubs + "- {id: Meta AI, name: Meta}\n",
		ModelsFile:            testModels + "- {id: Llama 4, name: Llama, club: Meta AI}\n",
		BenchmarksFile:        testBenchmarks + "- {id: " + strings.Repeat("b", 101) + ", name: B, higher_is_better: true}\n- {id: GSM 8K, name: G, higher_is_better: true}\n",
		"data/results/x.json": "[" + strings.Join([]string{r("Llama 4", "ifeval"), r("llama-4", "gpqa-diamond"), r("qwen3.5-9b", strings.Repeat("b", 101)), r("qwen3.5-9b", "gsm-8k")}, ",\n") + "]",
	})
	want := `data/benchmarks.yaml:18:8: benchmark 5: id "` + strings.Repeat("b", 40) + `"… is 101 characters long; an id has at most 100
data/benchmarks.yaml:19:8: benchmark 6: id "GSM 8K" must be lowercase letters, digits, ".", "-" or "_", starting with a letter or digit
data/clubs.yaml:6:8: club 3: id "Meta AI" must be lowercase letters, digits, ".", "-" or "_", starting with a letter or digit
data/models.yaml:11:8: model 3: id "Llama 4" must be lowercase letters, digits, ".", "-" or "_", starting with a letter or digit`
	if got := errorOf(t, fsys); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	d, _ := Load(fsys)
	if d.Model("Llama 4") == nil || d.Model("llama-4") == nil || d.Club("Meta AI") == nil || d.Club("meta-ai") == nil || d.Benchmark(strings.Repeat("b", 101)) == nil ||
		d.Benchmark("GSM 8K") == nil || d.Benchmark("gsm-8k") == nil {
		t.Error("the refused entries are not returned with the error")
	}
}

// TestLoadAlias checks that a native results file may name a model by an alias
// or by its id in other case: the result belongs to the model.
func TestLoadAlias(t *testing.T) {
	d, err := Load(site(map[string]string{"data/results/x.json": `[
  {"model": "Qwen/Qwen3.5-9B", "benchmark": "ifeval", "score": 1, "date": "2026-03-02"},
  {"model": "GEMMA-4-12B", "benchmark": "ifeval", "score": 2, "date": "2026-03-02"}]`}))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Results) != 2 || d.Results[0].Model != "qwen3.5-9b" || d.Results[1].Model != "gemma-4-12b" {
		t.Errorf("got %+v", d.Results)
	}
}

// TestLoadByteOrderMark checks that every data file may start with a UTF-8
// byte-order mark, as editors on Windows write them.
func TestLoadByteOrderMark(t *testing.T) {
	const bom = "\ufeff"
	lm, err := os.ReadFile("testdata/lm-eval-qwen.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Load(site(map[string]string{
		ClubsFile:               bom + testClubs,
		ModelsFile:              bom + testModels,
		BenchmarksFile:          bom + testBenchmarks,
		"data/results/a.json":   bom + `[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1, "date": "2026-03-02"}]`,
		"data/results/lm.json":  bom + string(lm),
		"data/results/obj.json": bom + `{"date": "2026-03-02", "results": [{"model": "gemma-4-12b", "benchmark": "ifeval", "score": 1}]}`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Clubs) != 2 || len(d.Models) != 2 || len(d.Benchmarks) != 4 || len(d.Results) != 4 {
		t.Errorf("got %d clubs, %d models, %d benchmarks, %d results", len(d.Clubs), len(d.Models), len(d.Benchmarks), len(d.Results))
	}
	// Positions are counted after the mark.
	got := errorOf(t, site(map[string]string{"data/results/x.json": bom + `[1]`}))
	if want := "data/results/x.json:1:2: result 1: expected an object, got 1"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestIDForm: the id a refused id was probably meant to be.
func TestIDForm(t *testing.T) {
	for in, want := range map[string]string{
		"Gemma 4 12B":      "gemma-4-12b",
		"  Zeta / A0z9  ":  "zeta-a0z9",
		"`a{z}0@9[":        "a-z-0-9",
		"Qwen_3.5-Coder!!": "qwen_3.5-coder",
		"   ":              "",
	} {
		if got := idForm(in); got != want {
			t.Errorf("idForm(%q) = %q, want %q", in, got, want)
		}
	}
}

// failFS is a file system whose Open of one path fails with err.
type failFS struct {
	fs.FS
	path string
	err  error
}

func (f failFS) Open(name string) (fs.File, error) {
	if name == f.path {
		return nil, &fs.PathError{Op: "open", Path: name, Err: f.err}
	}
	return f.FS.Open(name)
}

// TestLoadUnreadableResults: a results folder that cannot be read is an error
// (only a missing one means no results), and so is a sub-folder that vanished.
func TestLoadUnreadableResults(t *testing.T) {
	files := site(map[string]string{"data/results/sub/a.json": "[]"})
	for _, tt := range []struct {
		path string
		err  error
		want string
	}{
		{ResultsDir, fs.ErrPermission, "data/results: cannot read: open data/results: permission denied"},
		{ResultsDir + "/sub", fs.ErrNotExist, "data/results/sub: cannot read: open data/results/sub: file does not exist"},
	} {
		_, err := Load(failFS{files, tt.path, tt.err})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: got %v, want %s", tt.path, err, tt.want)
		}
	}
	delete(files, "data/results/sub/a.json")
	if d, err := Load(files); err != nil || len(d.Results) != 0 {
		t.Errorf("no results folder: got %v, %d results; want no error, no results", err, len(d.Results))
	}
}

// TestLoadEmptyID: an entry without an id is reported as missing one, and is
// not returned with the error as a refused entry (it has no id to be found by).
func TestLoadEmptyID(t *testing.T) {
	fsys := site(map[string]string{ModelsFile: "- {id: \"\", name: X, club: google}\n"})
	if got, want := errorOf(t, fsys), `data/models.yaml:1:3: model 1: missing "id"`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if d, _ := Load(fsys); len(d.Models) != 0 {
		t.Errorf("models = %+v, want none", d.Models)
	}
}
