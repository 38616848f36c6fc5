// Command mutation prints the mutation-testing table of the packages that
// scripts/mutation.sh ran gremlins on: killed, lived, accepted, timed out and not
// covered mutants per package, and the efficacy killed ÷ (killed + lived).
//
//	go run ./scripts/mutation -accepted scripts/mutation-accepted.txt DIR
//
// DIR holds one gremlins JSON report per package, at DIR/<package>.json (e.g.
// DIR/internal/standings.json), or several for the parts of a package measured
// apart, at DIR/<package>@<part>.json; the parts are added up. A lived mutant listed in the accepted file (one
// line each: "<package>/<file>:<line>:<col> <MUTATOR> <reason>") is counted as
// accepted instead of lived, and printed with its reason; nothing is left out
// silently. An accepted entry that matches no lived mutant is reported as stale.
//
// A run that was stopped before its end leaves only its log, DIR/<package>.log: the
// mutants it lists are counted, and the package is marked "(partial)".
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// report is the part of a gremlins JSON report the table needs.
type report struct {
	Files []struct {
		FileName  string `json:"file_name"`
		Mutations []struct {
			Type   string `json:"type"`
			Status string `json:"status"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"mutations"`
	} `json:"files"`
}

// mutant is one mutation of one package.
type mutant struct {
	Pkg     string // e.g. internal/standings
	Partial bool   // read from the log of a run that did not finish
	Pos     string // <package>/<file>:<line>:<col>
	Type    string // e.g. CONDITIONALS_NEGATION
	Status  string // KILLED, LIVED, TIMED OUT, NOT COVERED, NOT VIABLE, …
}

func (m mutant) key() string { return m.Pos + " " + m.Type }

// acceptance is one line of the accepted file.
type acceptance struct {
	Pos, Type, Reason string
	Line              int // line in the accepted file
}

func (a acceptance) key() string { return a.Pos + " " + a.Type }

// row is one package's line of the table.
type row struct {
	Pkg                                           string
	Partial                                       bool
	Killed, Lived, Accepted, TimedOut, NotCovered int
}

// Efficacy is killed ÷ (killed + lived) in percent, accepted mutants left out
// of both; 100 when nothing was killed or lived.
func (r row) Efficacy() float64 {
	if r.Killed+r.Lived == 0 {
		return 100
	}
	return 100 * float64(r.Killed) / float64(r.Killed+r.Lived)
}

func main() {
	acceptedFile := flag.String("accepted", "scripts/mutation-accepted.txt", "file of accepted equivalent mutants")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: mutation [-accepted FILE] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	mutants, err := readReports(os.DirFS(flag.Arg(0)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutation:", err)
		os.Exit(1)
	}
	f, err := os.Open(*acceptedFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutation:", err)
		os.Exit(1)
	}
	defer f.Close()
	accepted, err := readAccepted(f, *acceptedFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mutation:", err)
		os.Exit(1)
	}
	write(os.Stdout, mutants, accepted)
}

// logLine is a mutant's line in a gremlins log: status, type, file:line:col.
var logLine = regexp.MustCompile(`^\s*(KILLED|LIVED|TIMED OUT|NOT COVERED|NOT VIABLE|SKIPPED|RUNNABLE) ([A-Z_]+) at (\S+):(\d+):(\d+)$`)

// readReports reads every <package>.json under fsys, and the <package>.log of
// the runs that left no report.
func readReports(fsys fs.FS) ([]mutant, error) {
	var out []mutant
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if path.Ext(p) == ".log" {
			if _, err := fs.Stat(fsys, strings.TrimSuffix(p, ".log")+".json"); err == nil {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			pkg, _, _ := strings.Cut(strings.TrimSuffix(p, ".log"), "@")
			for _, line := range strings.Split(string(b), "\n") {
				if m := logLine.FindStringSubmatch(line); m != nil {
					pos := fmt.Sprintf("%s/%s:%s:%s", pkg, path.Base(m[3]), m[4], m[5])
					out = append(out, mutant{Pkg: pkg, Partial: true, Pos: pos, Type: m[2], Status: m[1]})
				}
			}
			return nil
		}
		if path.Ext(p) != ".json" {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		var r report
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		pkg, _, _ := strings.Cut(strings.TrimSuffix(p, ".json"), "@")
		for _, f := range r.Files {
			for _, m := range f.Mutations {
				pos := fmt.Sprintf("%s/%s:%d:%d", pkg, path.Base(filepath.ToSlash(f.FileName)), m.Line, m.Column)
				out = append(out, mutant{Pkg: pkg, Pos: pos, Type: m.Type, Status: m.Status})
			}
		}
		return nil
	})
	return out, err
}

// readAccepted reads the accepted file: blank lines and lines starting with #
// are skipped; every other line is "<pos> <MUTATOR> <reason>", the reason required.
func readAccepted(r io.Reader, name string) ([]acceptance, error) {
	var out []acceptance
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want <package>/<file>:<line>:<col> <MUTATOR> <reason>, got %q", name, n, line)
		}
		a := acceptance{Pos: f[0], Type: f[1], Reason: strings.Join(f[2:], " "), Line: n}
		if first, dup := seen[a.key()]; dup {
			return nil, fmt.Errorf("%s:%d: %s %s is already accepted on line %d", name, n, a.Pos, a.Type, first)
		}
		seen[a.key()] = n
		out = append(out, a)
	}
	return out, sc.Err()
}

// write prints the table, then the accepted mutants with their reasons, the
// stale acceptances, and the mutants that lived.
func write(w io.Writer, mutants []mutant, accepted []acceptance) {
	reason := map[string]string{}
	for _, a := range accepted {
		reason[a.key()] = a.Reason
	}
	rows := map[string]*row{}
	var pkgs []string
	used := map[string]bool{}
	var lived, acc []mutant
	for _, m := range mutants {
		r := rows[m.Pkg]
		if r == nil {
			r = &row{Pkg: m.Pkg}
			rows[m.Pkg] = r
			pkgs = append(pkgs, m.Pkg)
		}
		r.Partial = r.Partial || m.Partial
		switch m.Status {
		case "KILLED":
			r.Killed++
		case "LIVED":
			if _, ok := reason[m.key()]; ok {
				r.Accepted++
				used[m.key()] = true
				acc = append(acc, m)
			} else {
				r.Lived++
				lived = append(lived, m)
			}
		case "TIMED OUT":
			r.TimedOut++
		case "NOT COVERED":
			r.NotCovered++
		}
	}
	sort.Strings(pkgs)
	fmt.Fprintln(w, "| package | killed | lived | accepted | timed out | not covered | efficacy |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	var total row
	for _, p := range pkgs {
		r := rows[p]
		name := p
		if r.Partial {
			name += " (partial)"
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %.1f %% |\n", name, r.Killed, r.Lived, r.Accepted, r.TimedOut, r.NotCovered, r.Efficacy())
		total.Killed += r.Killed
		total.Lived += r.Lived
		total.Accepted += r.Accepted
		total.TimedOut += r.TimedOut
		total.NotCovered += r.NotCovered
	}
	if len(pkgs) > 1 {
		fmt.Fprintf(w, "| all | %d | %d | %d | %d | %d | %.1f %% |\n", total.Killed, total.Lived, total.Accepted, total.TimedOut, total.NotCovered, total.Efficacy())
	}
	sortMutants(acc)
	sortMutants(lived)
	if len(acc) > 0 {
		fmt.Fprintln(w, "\naccepted (equivalent mutants, not counted in efficacy):")
		for _, m := range acc {
			fmt.Fprintf(w, "  %s %s: %s\n", m.Pos, m.Type, reason[m.key()])
		}
	}
	var stale []acceptance
	for _, a := range accepted {
		if !used[a.key()] && rows[pkgOf(a.Pos)] != nil {
			stale = append(stale, a)
		}
	}
	if len(stale) > 0 {
		fmt.Fprintln(w, "\nstale acceptances (no such lived mutant in this run; remove or update them):")
		for _, a := range stale {
			fmt.Fprintf(w, "  line %d: %s %s\n", a.Line, a.Pos, a.Type)
		}
	}
	if len(lived) > 0 {
		fmt.Fprintln(w, "\nlived:")
		for _, m := range lived {
			fmt.Fprintf(w, "  %s %s\n", m.Pos, m.Type)
		}
	}
}

// pkgOf returns the package of a position: the path up to its file.
func pkgOf(pos string) string { return path.Dir(strings.SplitN(pos, ":", 2)[0]) }

// sortMutants orders mutants by package, file, line, column and type.
func sortMutants(ms []mutant) {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Pkg != b.Pkg {
			return a.Pkg < b.Pkg
		}
		fa, la, ca := splitPos(a.Pos)
		fb, lb, cb := splitPos(b.Pos)
		if fa != fb {
			return fa < fb
		}
		if la != lb {
			return la < lb
		}
		if ca != cb {
			return ca < cb
		}
		return a.Type < b.Type
	})
}

// splitPos splits "<file>:<line>:<col>".
func splitPos(pos string) (file string, line, col int) {
	i := strings.LastIndexByte(pos, ':')
	j := strings.LastIndexByte(pos[:max(i, 0)], ':')
	if i < 0 || j < 0 {
		return pos, 0, 0
	}
	fmt.Sscan(pos[j+1:i], &line)
	fmt.Sscan(pos[i+1:], &col)
	return pos[:j], line, col
}
