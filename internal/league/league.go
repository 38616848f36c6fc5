// Package league holds the players of the league — clubs, models, benchmarks and
// results — and reads them from data/: clubs.yaml, models.yaml, benchmarks.yaml and
// data/results/**/*.json, in the native format or as raw lm-evaluation-harness output.
//
// The on-disk shapes (YAML and JSON structs) live in decode.go and lmeval.go; this
// file holds the domain types every later stage uses.
package league

// Club is a lab that publishes models.
type Club struct {
	ID       string
	Name     string
	Country  string
	Homepage string
}

// Model is a player: one open-weight model.
type Model struct {
	ID               string
	Name             string
	Club             string  // Club.ID
	ParamsB          float64 // total parameters in billions; 0 when unknown
	ActiveParamsB    float64 // mixture-of-experts active parameters; 0 when not given
	EffectiveParamsB float64 // Gemma "E" effective size; 0 when not given
	License          string
	Released         string // YYYY-MM-DD or ""
	ContextTokens    int
	ContextLabel     string
	Modalities       []string
	Source           string   // URL the spec was read from
	Aliases          []string // other names, e.g. Hugging Face repo ids
}

// LMEval maps an lm-evaluation-harness task onto a benchmark.
type LMEval struct {
	Task   string
	Metric string  // e.g. "acc,none"; the stderr key is "acc_stderr,none"
	Scale  float64 // multiplies value and stderr; default 100
}

// Benchmark is a fixture: one test that models are scored on.
type Benchmark struct {
	ID             string
	Name           string
	Category       string
	Subcategory    string
	HigherIsBetter bool
	Unit           string
	RandomBaseline float64 // 0 when not given
	Max            float64 // top of the range; default 100
	DrawMargin     float64 // default 0
	URL            string
	Note           string
	LMEval         *LMEval // nil when the benchmark has no harness mapping
}

// Source kinds.
const (
	SelfReported = "self-reported"
	Independent  = "independent"
)

// Source says where a score was read.
type Source struct {
	Name string
	URL  string
	Kind string // SelfReported, Independent or ""
}

// Result is one score of one model on one benchmark.
type Result struct {
	Model     string
	Benchmark string
	Score     float64
	Stderr    float64 // 0 when not given
	HasStderr bool
	Setting   string
	Date      string // YYYY-MM-DD
	// From and Until bound the days a pulled result is in force (YYYY-MM-DD; ""
	// leaves that end open): a version of a results URL counts from the day it was
	// fetched (the first version: always) until the day a later version replaced it,
	// so that dated snapshots never change when a source moves on.
	From   string
	Until  string
	Source Source
	File   string // path relative to the site root, slash-separated, e.g. data/results/q35.json
	Index  int    // position within File, from 0
	Line   int    // where the result starts in File, for messages; 0 when unknown
	Col    int
}

// Data is everything under data/ that the league is computed from.
// Slices are sorted: clubs, models and benchmarks by ID; results by (File, Index).
type Data struct {
	Clubs      []Club
	Models     []Model
	Benchmarks []Benchmark
	Results    []Result
}

// Club returns the club with the id, or nil.
func (d *Data) Club(id string) *Club {
	for i := range d.Clubs {
		if d.Clubs[i].ID == id {
			return &d.Clubs[i]
		}
	}
	return nil
}

// Model returns the model with the id, or nil.
func (d *Data) Model(id string) *Model {
	for i := range d.Models {
		if d.Models[i].ID == id {
			return &d.Models[i]
		}
	}
	return nil
}

// Benchmark returns the benchmark with the id, or nil.
func (d *Data) Benchmark(id string) *Benchmark {
	for i := range d.Benchmarks {
		if d.Benchmarks[i].ID == id {
			return &d.Benchmarks[i]
		}
	}
	return nil
}
