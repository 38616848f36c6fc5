package main

import (
	"strings"
	"testing"
	"testing/fstest"
)

const sample = `{"files": [
 {"file_name": "a.go", "mutations": [
  {"type": "CONDITIONALS_NEGATION", "status": "KILLED", "line": 3, "column": 7},
  {"type": "CONDITIONALS_BOUNDARY", "status": "LIVED", "line": 3, "column": 7},
  {"type": "ARITHMETIC_BASE", "status": "LIVED", "line": 10, "column": 2},
  {"type": "INVERT_LOOPCTRL", "status": "TIMED OUT", "line": 12, "column": 3},
  {"type": "INVERT_LOGICAL", "status": "NOT COVERED", "line": 20, "column": 9}]},
 {"file_name": "b.go", "mutations": [
  {"type": "ARITHMETIC_BASE", "status": "KILLED", "line": 1, "column": 1},
  {"type": "ARITHMETIC_BASE", "status": "KILLED", "line": 2, "column": 1}]}]}`

func TestTable(t *testing.T) {
	fsys := fstest.MapFS{
		"internal/x.json":      {Data: []byte(sample)},
		"internal/y@core.json": {Data: []byte(`{"files": [{"file_name": "c.go", "mutations": [{"type": "ARITHMETIC_BASE", "status": "KILLED", "line": 5, "column": 5}]}]}`)},
		"internal/y@fit.json":  {Data: []byte(`{"files": [{"file_name": "d.go", "mutations": [{"type": "ARITHMETIC_BASE", "status": "KILLED", "line": 5, "column": 5}]}]}`)},
		"internal/x.log":       {Data: []byte("not a report")},
		"internal/z@a.log":     {Data: []byte("Starting...\n      KILLED ARITHMETIC_BASE at z.go:3:4\n       LIVED INVERT_LOGICAL at z.go:5:6\n   TIMED OUT CONDITIONALS_NEGATION at z.go:7:8\n")},
	}
	mutants, err := readReports(fsys)
	if err != nil {
		t.Fatal(err)
	}
	accepted, err := readAccepted(strings.NewReader(`# comment

internal/x/a.go:10:2 ARITHMETIC_BASE  a speed-up step: same fixed point
internal/x/b.go:1:1 ARITHMETIC_BASE killed, so stale
internal/w/q.go:1:1 ARITHMETIC_BASE package not run: not stale
`), "acc.txt")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	write(&b, mutants, accepted)
	want := `| package | killed | lived | accepted | timed out | not covered | efficacy |
|---|---:|---:|---:|---:|---:|---:|
| internal/x | 3 | 1 | 1 | 1 | 1 | 75.0 % |
| internal/y | 2 | 0 | 0 | 0 | 0 | 100.0 % |
| internal/z (partial) | 1 | 1 | 0 | 1 | 0 | 50.0 % |
| all | 6 | 2 | 1 | 2 | 1 | 75.0 % |

accepted (equivalent mutants, not counted in efficacy):
  internal/x/a.go:10:2 ARITHMETIC_BASE: a speed-up step: same fixed point

stale acceptances (no such lived mutant in this run; remove or update them):
  line 4: internal/x/b.go:1:1 ARITHMETIC_BASE

lived:
  internal/x/a.go:3:7 CONDITIONALS_BOUNDARY
  internal/z/z.go:5:6 INVERT_LOGICAL
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAcceptedErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"internal/x/a.go:1:1 ARITHMETIC_BASE\n", `acc.txt:1: want <package>/<file>:<line>:<col> <MUTATOR> <reason>, got "internal/x/a.go:1:1 ARITHMETIC_BASE"`},
		{"# c\ninternal/x/a.go:1:1 A why\ninternal/x/a.go:1:1 A again\n", "acc.txt:3: internal/x/a.go:1:1 A is already accepted on line 2"},
	}
	for _, tt := range tests {
		_, err := readAccepted(strings.NewReader(tt.in), "acc.txt")
		if err == nil || err.Error() != tt.want {
			t.Errorf("error = %v, want %s", err, tt.want)
		}
	}
}

func TestBadReport(t *testing.T) {
	_, err := readReports(fstest.MapFS{"internal/x.json": {Data: []byte("{")}})
	if want := "internal/x.json: unexpected end of JSON input"; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestEfficacyOfNothing(t *testing.T) {
	if got := (row{}).Efficacy(); got != 100 {
		t.Errorf("efficacy of an empty package = %v, want 100", got)
	}
}

// TestOnePackageAllKilled: one package, every mutant killed, nothing accepted: the
// table has its one row and no "all" row, and no section follows it. A folder whose
// name ends in .log or .json is walked into, not read as a report.
func TestOnePackageAllKilled(t *testing.T) {
	fsys := fstest.MapFS{
		"internal/k.json":       {Data: []byte(`{"files": [{"file_name": "k.go", "mutations": [{"type": "ARITHMETIC_BASE", "status": "KILLED", "line": 1, "column": 2}]}]}`)},
		"old.log/notes.txt":     {Data: []byte("a folder named like a log")},
		"older.json/readme.txt": {Data: []byte("a folder named like a report")},
	}
	mutants, err := readReports(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	write(&b, mutants, nil)
	want := `| package | killed | lived | accepted | timed out | not covered | efficacy |
|---|---:|---:|---:|---:|---:|---:|
| internal/k | 1 | 0 | 0 | 0 | 0 | 100.0 % |
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestLivedInPackageOrder: mutants are listed package by package. "internal/a" comes
// before "internal/a-b" although its file path "internal/a/z.go" sorts after
// "internal/a-b/a.go" ('/' is after '-').
func TestLivedInPackageOrder(t *testing.T) {
	ms := []mutant{
		{Pkg: "internal/a-b", Pos: "internal/a-b/a.go:1:1", Type: "ARITHMETIC_BASE", Status: "LIVED"},
		{Pkg: "internal/a", Pos: "internal/a/z.go:1:1", Type: "ARITHMETIC_BASE", Status: "LIVED"},
	}
	var b strings.Builder
	write(&b, ms, nil)
	want := "\nlived:\n  internal/a/z.go:1:1 ARITHMETIC_BASE\n  internal/a-b/a.go:1:1 ARITHMETIC_BASE\n"
	if got := b.String(); !strings.HasSuffix(got, want) {
		t.Errorf("got\n%s\nwant it to end with\n%s", got, want)
	}
}
