package league

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ai-league/ai-league/internal/yamlnode"
)

// checkResults fails when Load accepted a result it should not have.
func checkResults(t *testing.T, d *Data) {
	t.Helper()
	for _, r := range d.Results {
		if d.Model(r.Model) == nil || d.Benchmark(r.Benchmark) == nil {
			t.Fatalf("result for an unknown model or benchmark: %+v", r)
		}
		day, err := time.Parse(time.DateOnly, r.Date)
		if err != nil || !yamlnode.InYearRange(day) {
			t.Fatalf("result with date %q", r.Date)
		}
		if b := d.Benchmark(r.Benchmark); r.Score < 0 || r.Score > b.Max || r.Stderr < 0 {
			t.Fatalf("score %v ± %v outside [0, %v]", r.Score, r.Stderr, b.Max)
		}
	}
}

// FuzzNativeResults reads arbitrary text as a native results file: no panic, every
// problem names the file, at most a screenful of them, and only sound results.
func FuzzNativeResults(f *testing.F) {
	for _, s := range []string{
		`[{"model": "qwen3.5-9b", "benchmark": "ifeval", "score": 1, "date": "2026-03-02"}]`,
		"\ufeff" + `{"source": {"name": "n", "url": "https://e.org/", "kind": "independent"}, "date": "2026-03-02", "results": [{"model": "Qwen/Qwen3.5-9B", "benchmark": "codeforces", "score": 3000, "stderr": 1}]}`,
		`{"date": "0999-12-31", "results": [{"model": "gemma-4-12b", "benchmark": "ifeval", "score": 1}]}`,
		`[{"score": 1e999}, {"date": "2026-02-29"}, null, [], "x", {"model": "\ud800"}]`,
		"[\n{\"a\":\"\xff\"}",
		`[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := Load(site(map[string]string{"data/results/f.json": src}))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "data/results/f.json") {
				t.Fatalf("error names the wrong file: %v", err)
			}
			if n := strings.Count(err.Error(), "\n") + 1; n > maxFileErrors+1 {
				t.Fatalf("%d messages for one file", n)
			}
			return
		}
		checkResults(t, d)
	})
}

// FuzzLMEval puts arbitrary JSON where an lm-evaluation-harness file keeps its
// task results: no panic, problems name the file, only sound results.
func FuzzLMEval(f *testing.F) {
	for _, s := range []string{
		`{"ifeval": {"prompt_level_strict_acc,none": 0.5, "prompt_level_strict_acc_stderr,none": "N/A"}}`,
		`{"gpqa_diamond_zeroshot": {"acc_norm,none": 0.3}, "mmlu_pro": {"exact_match,custom-extract": 1.5}}`,
		`{"ifeval": 1, "ifeval": {}}`,
		`{"mmlu_pro": {"exact_match,custom-extract": -0.1, "exact_match_stderr,custom-extract": -1}}`,
		`{}`,
	} {
		f.Add(s, 1717000000.5)
	}
	f.Fuzz(func(t *testing.T, results string, date float64) {
		if !json.Valid([]byte(results)) {
			return
		}
		src := `{"model_name": "qwen/qwen3.5-9b", "config": {"model_args": "pretrained=x"}, "date": ` +
			strings.TrimSpace(strings.Trim(numberText(date), `"`)) + `, "results": ` + results + `}`
		d, err := Load(site(map[string]string{"data/results/lm.json": src}))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "data/results/lm.json") {
				t.Fatalf("error names the wrong file: %v", err)
			}
			return
		}
		checkResults(t, d)
	})
}

func numberText(x float64) string {
	b, err := json.Marshal(x)
	if err != nil {
		return "0"
	}
	return string(b)
}

// FuzzParseJSON checks the results file scanner against encoding/json: the same
// documents are accepted, and a top-level string decodes to the same text.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`[1, -0.5e+3, "a\"\u00e9\ud83d\ude00", {"k": [true, false, null]}]`, `"\ud800x"`, "\"\xff\"", `01`, `[1,]`, `{"a" 1}`, "  {} ", `"\u12"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		v, err := parseJSON([]byte(src))
		valid := json.Valid([]byte(src))
		nested := strings.Count(src, "[")+strings.Count(src, "{") > maxDepth
		if (err == nil) != valid && !(nested && valid) {
			t.Fatalf("parseJSON error %v, json.Valid %v", err, valid)
		}
		if err != nil {
			if e := err.(*jsonError); e.off < 0 || e.off > len(src) {
				t.Fatalf("error offset %d outside the document of %d bytes", e.off, len(src))
			}
			return
		}
		if v.kind == jsonString {
			var want string
			if json.Unmarshal([]byte(src), &want) != nil || want != v.text {
				t.Fatalf("decoded %q, encoding/json %q", v.text, want)
			}
		}
		// Walking every list and object meets each value once, in order.
		var walk func(*jsonValue)
		walk = func(v *jsonValue) {
			last := v.off
			v.items(func(_ int, item *jsonValue) bool {
				if item.off <= last || item.end > v.end {
					t.Fatalf("item at %d..%d outside or before %d..%d", item.off, item.end, last, v.end)
				}
				last = item.off
				walk(item)
				return true
			})
			v.members(func(_ string, off int, val *jsonValue) bool {
				if off <= last || val.end > v.end {
					t.Fatalf("member at %d outside %d..%d", off, last, v.end)
				}
				last = off
				walk(val)
				return true
			})
		}
		walk(v)
	})
}
