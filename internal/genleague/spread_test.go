package genleague

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
)

// The tests below check what Generate's comment promises, with the figures it
// gives, on leagues big enough for the averages to be near their expected values.
// Every league is made from a fixed seed, so each test sees the same numbers on
// every run.

var big = Params{Models: 2000, Clubs: 40, Benchmarks: 40, Dates: 10, News: 300, Posts: 20, Seed: 3}

func TestParamsDefaults(t *testing.T) {
	set := Params{Models: 1, Clubs: 1, Benchmarks: 1, Dates: 1, News: 1, Posts: 1, Seed: 9}
	if got := set.withDefaults(); got != set {
		t.Errorf("withDefaults(%+v) = %+v, want it unchanged", set, got)
	}
	fields := []struct {
		name string
		f    func(*Params) *int
	}{
		{"Models", func(p *Params) *int { return &p.Models }},
		{"Clubs", func(p *Params) *int { return &p.Clubs }},
		{"Benchmarks", func(p *Params) *int { return &p.Benchmarks }},
		{"Dates", func(p *Params) *int { return &p.Dates }},
		{"News", func(p *Params) *int { return &p.News }},
		{"Posts", func(p *Params) *int { return &p.Posts }},
	}
	for _, f := range fields {
		for _, v := range []int{0, -1} {
			p := set
			*f.f(&p) = v
			want := set
			*f.f(&want) = *f.f(&Defaults)
			if got := p.withDefaults(); got != want {
				t.Errorf("%s %d: withDefaults = %+v, want %+v", f.name, v, got, want)
			}
		}
	}
	p := set
	p.Seed = 0
	if got := p.withDefaults().Seed; got != Defaults.Seed {
		t.Errorf("seed 0 became %d, want the default %d", got, Defaults.Seed)
	}
}

func TestDatesAreWeekly(t *testing.T) {
	l := Generate(Params{Models: 4, Clubs: 1, Benchmarks: 2, Dates: 4, News: 1, Posts: 1, Seed: 1})
	want := []string{"2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"}
	if !reflect.DeepEqual(l.Dates, want) {
		t.Errorf("dates %v, want %v", l.Dates, want)
	}
}

// Model ids have just enough digits for the last model.
func TestModelIDWidth(t *testing.T) {
	for _, c := range []struct {
		models      int
		first, last string
	}{{1, "model-0", "model-0"}, {10, "model-0", "model-9"}, {11, "model-00", "model-10"}, {100, "model-00", "model-99"}, {101, "model-000", "model-100"}} {
		l := Generate(Params{Models: c.models, Clubs: 3, Benchmarks: 4, Dates: 2, News: 1, Posts: 1, Seed: 1})
		ms := l.Models
		if len(ms) != c.models || ms[0].ID != c.first || ms[len(ms)-1].ID != c.last {
			t.Errorf("%d models: %d, from %s to %s; want from %s to %s", c.models, len(ms), ms[0].ID, ms[len(ms)-1].ID, c.first, c.last)
		}
		for _, m := range ms {
			if want := fmt.Sprintf("Model %s %gB", m.ID[len("model-"):], m.ParamsB); m.Name != want {
				t.Errorf("%s is named %q, want %q", m.ID, m.Name, want)
			}
			if want := m.Club + "/" + m.ID; len(m.Aliases) != 1 || m.Aliases[0] != want {
				t.Errorf("%s has aliases %q, want [%s]", m.ID, m.Aliases, want)
			}
		}
	}
}

// Clubs take the countries in turn; every fourth benchmark (from the first) has a
// random baseline of 25, every seventh (from the fourth) a draw margin of 0.5, and
// every tenth (the tenth, twentieth, …) is lower-is-better.
func TestClubsAndBenchmarks(t *testing.T) {
	l := Generate(Params{Models: 3, Clubs: 8, Benchmarks: 30, Dates: 2, News: 1, Posts: 1, Seed: 1})
	countries := []string{"China", "France", "Germany", "Japan", "United Kingdom", "United States", "China", "France"}
	for c, club := range l.Clubs {
		if club.ID != fmt.Sprintf("club-%02d", c) || club.Country != countries[c] || club.Homepage != fmt.Sprintf("https://club-%02d.example.org/", c) {
			t.Errorf("club %d = %+v", c, club)
		}
	}
	categories := []string{"knowledge", "reasoning", "coding", "math", "agentic"}
	var lower, baseline, draw []int
	for b, bm := range l.Benchmarks {
		if bm.Category != categories[b%5] {
			t.Errorf("%s: category %s, want %s", bm.ID, bm.Category, categories[b%5])
		}
		if !bm.HigherIsBetter {
			lower = append(lower, b)
		}
		switch bm.RandomBaseline {
		case 25:
			baseline = append(baseline, b)
		case 0:
		default:
			t.Errorf("%s: random baseline %g", bm.ID, bm.RandomBaseline)
		}
		switch bm.DrawMargin {
		case 0.5:
			draw = append(draw, b)
		case 0:
		default:
			t.Errorf("%s: draw margin %g", bm.ID, bm.DrawMargin)
		}
	}
	if want := []int{9, 19, 29}; !reflect.DeepEqual(lower, want) {
		t.Errorf("lower-is-better benchmarks %v, want %v", lower, want)
	}
	if want := []int{0, 4, 8, 12, 16, 20, 24, 28}; !reflect.DeepEqual(baseline, want) {
		t.Errorf("benchmarks with a baseline %v, want %v", baseline, want)
	}
	if want := []int{3, 10, 17, 24}; !reflect.DeepEqual(draw, want) {
		t.Errorf("benchmarks with a draw margin %v, want %v", draw, want)
	}
}

// Sizes are log-uniform from 1B to 400B, rounded to 0.1B: half of the models lie
// below 20B (√400), a quarter below 400^¼ ≈ 4.5B. Every club gets about its share.
func TestSizesAndClubs(t *testing.T) {
	l := Generate(big)
	below20, belowQuarter := 0, 0
	lo, hi := math.Inf(1), 0.0
	perClub := map[string]int{}
	for _, m := range l.Models {
		p := m.ParamsB
		if p < 1 || p > 400 || math.Abs(p*10-math.Round(p*10)) > 1e-6 {
			t.Errorf("%s: %gB is not a tenth of a billion from 1B to 400B", m.ID, p)
		}
		if p < 20 {
			below20++
		}
		if p < math.Pow(400, 0.25) {
			belowQuarter++
		}
		lo, hi = min(lo, p), max(hi, p)
		perClub[m.Club]++
	}
	n := float64(len(l.Models))
	if f := float64(below20) / n; f < 0.46 || f > 0.54 {
		t.Errorf("%.3f of the models below 20B, want about half", f)
	}
	if f := float64(belowQuarter) / n; f < 0.21 || f > 0.29 {
		t.Errorf("%.3f of the models below 4.5B, want about a quarter", f)
	}
	if lo > 1.2 || hi < 350 {
		t.Errorf("sizes from %gB to %gB, want them to reach near 1B and 400B", lo, hi)
	}
	share := n / float64(len(l.Clubs))
	for _, c := range l.Clubs {
		if k := float64(perClub[c.ID]); k < 0.6*share || k > 1.4*share {
			t.Errorf("%s has %v models, want about %v", c.ID, k, share)
		}
	}
}

// The first quarter of the models joins on the first date; the others arrive evenly
// over the later dates. With one date, every model joins on it.
func TestJoinDates(t *testing.T) {
	l := Generate(big)
	perDate := map[string]int{}
	for i, m := range l.Models {
		if first := i < len(l.Models)/4; first != (m.Released == l.Dates[0]) {
			t.Fatalf("model %d of %d released on %s (first date %s)", i, len(l.Models), m.Released, l.Dates[0])
		}
		perDate[m.Released]++
	}
	share := float64(len(l.Models)-len(l.Models)/4) / float64(len(l.Dates)-1)
	for _, d := range l.Dates[1:] {
		if k := float64(perDate[d]); k < 0.8*share || k > 1.2*share {
			t.Errorf("%v models released on %s, want about %.0f", k, d, share)
		}
	}
	one := Generate(Params{Models: 20, Clubs: 2, Benchmarks: 5, Dates: 1, News: 3, Posts: 2, Seed: 1})
	for _, m := range one.Models {
		if m.Released != one.Dates[0] {
			t.Errorf("%s released on %s, the only date is %s", m.ID, m.Released, one.Dates[0])
		}
	}
}

// A model's card is dated on the day it joins and reports about half of the
// benchmarks. From the second date on, about one model in ten of those that joined
// earlier gets one to four independent re-runs. Each file numbers its results from 0.
func TestCardsAndReruns(t *testing.T) {
	l := Generate(big)
	released := map[string]string{}
	for _, m := range l.Models {
		released[m.ID] = m.Released
	}
	card := map[string]int{}
	reruns := map[string]map[string]map[string]bool{} // date → model → benchmarks
	index := map[string]int{}
	for _, r := range l.Results {
		if r.Index != index[r.File] {
			t.Fatalf("result %d of %s has index %d", index[r.File], r.File, r.Index)
		}
		index[r.File]++
		switch r.Source.Kind {
		case league.SelfReported:
			if r.Date != released[r.Model] || r.Source.Name != "Model cards of "+r.Date {
				t.Fatalf("card result of %s dated %s from %q; released %s", r.Model, r.Date, r.Source.Name, released[r.Model])
			}
			card[r.Model]++
		case league.Independent:
			if r.Date <= released[r.Model] || r.Source.Name != "Independent runs of "+r.Date {
				t.Fatalf("re-run of %s dated %s from %q; released %s", r.Model, r.Date, r.Source.Name, released[r.Model])
			}
			if reruns[r.Date] == nil {
				reruns[r.Date] = map[string]map[string]bool{}
			}
			if reruns[r.Date][r.Model] == nil {
				reruns[r.Date][r.Model] = map[string]bool{}
			}
			if reruns[r.Date][r.Model][r.Benchmark] {
				t.Fatalf("%s re-run twice on %s on %s", r.Model, r.Benchmark, r.Date)
			}
			reruns[r.Date][r.Model][r.Benchmark] = true
		default:
			t.Fatalf("result of kind %q", r.Source.Kind)
		}
	}
	total := 0
	for _, m := range l.Models {
		if card[m.ID] == 0 {
			t.Errorf("%s has no card", m.ID)
		}
		total += card[m.ID]
	}
	if f := float64(total) / float64(len(l.Models)*len(l.Benchmarks)); f < 0.48 || f > 0.52 {
		t.Errorf("cards report %.3f of the benchmarks, want about half", f)
	}
	if len(reruns[l.Dates[0]]) != 0 {
		t.Errorf("re-runs on the first date")
	}
	all, rerun := 0, 0
	for d, date := range l.Dates[1:] {
		earlier := 0
		for _, m := range l.Models {
			if m.Released < date {
				earlier++
			}
		}
		all += earlier
		rerun += len(reruns[date])
		for m, bs := range reruns[date] {
			if len(bs) < 1 || len(bs) > 4 {
				t.Errorf("%s re-run on %d benchmarks on %s, want 1 to 4", m, len(bs), date)
			}
		}
		if d > 0 && len(reruns[date]) == 0 {
			t.Errorf("no re-runs on %s", date)
		}
	}
	if f := float64(rerun) / float64(all); f < 0.08 || f > 0.12 {
		t.Errorf("%.3f of the models that joined earlier re-run on a date, want about one in ten", f)
	}
}

// Scores: skill = 20 + 8·log2(size in B) + 1.5·(index of the date the model joined)
// + N(0, 6²); a benchmark's difficulty is uniform on [0, 30); a score is the random
// baseline + 0.9·(skill − difficulty) + N(0, 4²), clamped to [baseline, max], taken
// from the max when lower is better, rounded to 0.1. A third of the results have a
// stderr, uniform on [0.3, 1.8] and rounded to 0.01.
func TestScores(t *testing.T) {
	l := Generate(big)
	models := map[string]league.Model{}
	joined := map[string]int{}
	for _, m := range l.Models {
		models[m.ID] = m
	}
	for d, date := range l.Dates {
		for _, m := range l.Models {
			if m.Released == date {
				joined[m.ID] = d
			}
		}
	}
	benchmarks := map[string]league.Benchmark{}
	for _, b := range l.Benchmarks {
		benchmarks[b.ID] = b
	}
	withStderr := 0
	stderrSum := 0.0
	var cards []league.Result // plain benchmarks: higher is better, no baseline
	for _, r := range l.Results {
		b := benchmarks[r.Benchmark]
		lo, hi := b.RandomBaseline, b.Max
		if !b.HigherIsBetter {
			lo, hi = 0, b.Max-b.RandomBaseline
		}
		if r.Score < lo || r.Score > hi || math.Abs(r.Score*10-math.Round(r.Score*10)) > 1e-6 {
			t.Fatalf("%s on %s: score %g, want a tenth from %g to %g", r.Model, r.Benchmark, r.Score, lo, hi)
		}
		if r.HasStderr {
			withStderr++
			stderrSum += r.Stderr
			if r.Stderr < 0.3 || r.Stderr > 1.8 || math.Abs(r.Stderr*100-math.Round(r.Stderr*100)) > 1e-6 {
				t.Fatalf("%s on %s: stderr %g, want a hundredth from 0.3 to 1.8", r.Model, r.Benchmark, r.Stderr)
			}
		} else if r.Stderr != 0 {
			t.Fatalf("%s on %s: stderr %g without HasStderr", r.Model, r.Benchmark, r.Stderr)
		}
		if r.Source.Kind == league.SelfReported && b.HigherIsBetter && b.RandomBaseline == 0 {
			cards = append(cards, r)
		}
	}
	n := float64(len(l.Results))
	if f := float64(withStderr) / n; f < 0.31 || f > 0.36 {
		t.Errorf("%.3f of the results have a stderr, want a third", f)
	}
	if m := stderrSum / float64(withStderr); m < 1.0 || m > 1.1 {
		t.Errorf("mean stderr %.3f, want 1.05", m)
	}

	// Lower-is-better scores mirror the others: their mean is max minus a plain mean.
	// Models that joined on the first date: expected plain score
	// 0.9·(20 + 8·E[log2 size] − 15) = 0.9·(20 + 4·log2 400 − 15) ≈ 35.6, a little
	// more with the scores below 0 clamped.
	var first []float64
	for _, r := range cards {
		if joined[r.Model] == 0 {
			first = append(first, r.Score)
		}
	}
	if m := mean(first); m < 34 || m > 39 {
		t.Errorf("mean plain card score of the first date's models %.2f, want about 35.6", m)
	}

	// Least squares of the plain card scores on log2(size), the join date and one
	// level per benchmark: slopes 0.9·8 = 7.2 and 0.9·1.5 = 1.35 (the clamping at 0
	// and 100 flattens them a little); the benchmark levels spread as 0.9·U[0, 30)
	// (standard deviation 7.8); what is left of a model's mean spreads as its skill
	// noise 0.9·6 = 5.4.
	bIndex := map[string]int{}
	for _, r := range cards {
		if _, ok := bIndex[r.Benchmark]; !ok {
			bIndex[r.Benchmark] = len(bIndex)
		}
	}
	k := 2 + len(bIndex)
	x := func(r league.Result) []float64 {
		row := make([]float64, k)
		row[0] = math.Log2(models[r.Model].ParamsB)
		row[1] = float64(joined[r.Model])
		row[2+bIndex[r.Benchmark]] = 1
		return row
	}
	ys := make([]float64, len(cards))
	xs := make([][]float64, len(cards))
	for i, r := range cards {
		xs[i], ys[i] = x(r), r.Score
	}
	beta := leastSquares(xs, ys)
	if beta[0] < 6.5 || beta[0] > 7.6 {
		t.Errorf("score per doubling of size %.2f, want about 7.2", beta[0])
	}
	if beta[1] < 1.0 || beta[1] > 1.6 {
		t.Errorf("score per later date %.2f, want about 1.35", beta[1])
	}
	if sd := stddev(beta[2:]); sd < 5.5 || sd > 10 {
		t.Errorf("benchmark levels spread by %.2f, want about 7.8", sd)
	}
	residual := map[string][]float64{}
	for i, r := range cards {
		fit := 0.0
		for j, v := range xs[i] {
			fit += v * beta[j]
		}
		residual[r.Model] = append(residual[r.Model], ys[i]-fit)
	}
	var modelMeans []float64
	for _, rs := range residual {
		modelMeans = append(modelMeans, mean(rs))
	}
	if sd := stddev(modelMeans); sd < 4 || sd > 7 {
		t.Errorf("models' mean scores spread by %.2f beyond size, date and benchmark, want about 5.4", sd)
	}

	// A re-run of a score on the card differs from it by the measurement noise
	// alone: N(0, 2·4²), standard deviation 5.66, where neither is clamped.
	cardScore := map[[2]string]float64{}
	for _, r := range cards {
		cardScore[[2]string{r.Model, r.Benchmark}] = r.Score
	}
	var diffs []float64
	for _, r := range l.Results {
		c, ok := cardScore[[2]string{r.Model, r.Benchmark}]
		if ok && r.Source.Kind == league.Independent && c > 0 && c < 100 && r.Score > 0 && r.Score < 100 {
			diffs = append(diffs, r.Score-c)
		}
	}
	if len(diffs) < 200 {
		t.Fatalf("only %d re-runs of card scores", len(diffs))
	}
	if m := mean(diffs); math.Abs(m) > 0.8 {
		t.Errorf("re-runs differ from the cards by %.2f on average, want 0", m)
	}
	t.Logf("first-date mean %.2f; slopes %.2f, %.2f; levels sd %.2f; model sd %.2f; re-run diff mean %.2f sd %.2f (%d); stderr %.3f of results, mean %.3f",
		mean(first), beta[0], beta[1], stddev(beta[2:]), stddev(modelMeans), mean(diffs), stddev(diffs), len(diffs), float64(withStderr)/n, stderrSum/float64(withStderr))
	if sd := stddev(diffs); sd < 4.8 || sd > 6.5 {
		t.Errorf("re-runs differ from the cards by a standard deviation of %.2f, want about 5.66", sd)
	}
}

// News items are spread evenly over the days of the season, each day getting one
// when there are more items than days; they are numbered from 1, name one model or
// two different ones (about half of them two), and take the newsrooms and categories
// in turn. Posts are spread over the dates and each names two different models.
func TestNewsAndPosts(t *testing.T) {
	l := Generate(big)
	first, last := l.Dates[0], l.Dates[len(l.Dates)-1]
	days := map[string]int{}
	two := 0
	cats := []string{"release", "benchmark", "research", "policy"}
	heads := []string{"New weights", "Leaderboard update", "Paper", "Licence change", "Quantised release", "Evaluation report"}
	prev := ""
	for n, it := range l.News {
		if it.Date < first || it.Date > last || it.Date < prev {
			t.Fatalf("item %d dated %s after %s; season %s to %s", n+1, it.Date, prev, first, last)
		}
		prev = it.Date
		days[it.Date]++
		m := models(l, it.Models[0])
		if want := fmt.Sprintf("%s: %s, item %d", heads[n%6], m.Name, n+1); it.Title != want {
			t.Errorf("item %d: title %q, want %q", n+1, it.Title, want)
		}
		if want := fmt.Sprintf("https://news.example.org/%s/item-%d", it.Date, n+1); it.URL != want {
			t.Errorf("item %d: url %q, want %q", n+1, it.URL, want)
		}
		if want := fmt.Sprintf("Newsroom %d", n%13); it.Source != want || it.Category != cats[n%4] {
			t.Errorf("item %d: source %q, category %q; want %q, %q", n+1, it.Source, it.Category, want, cats[n%4])
		}
		switch len(it.Models) {
		case 1:
		case 2:
			two++
			if it.Models[0] == it.Models[1] {
				t.Errorf("item %d names %s twice", n+1, it.Models[0])
			}
		default:
			t.Errorf("item %d names %d models", n+1, len(it.Models))
		}
	}
	season := 7*(len(l.Dates)-1) + 1
	if len(l.News) < season {
		t.Fatalf("test needs more items (%d) than days (%d)", len(l.News), season)
	}
	if len(days) != season {
		t.Errorf("news on %d days of the %d of the season", len(days), season)
	}
	for d, k := range days {
		if lo, hi := len(l.News)/season, (len(l.News)+season-1)/season; k < lo || k > hi {
			t.Errorf("%d items on %s, want %d or %d", k, d, lo, hi)
		}
	}
	if f := float64(two) / float64(len(l.News)); f < 0.42 || f > 0.58 {
		t.Errorf("%.3f of the items name two models, want about half", f)
	}

	perDate := map[string]int{}
	for n, p := range l.Posts {
		perDate[p.Date]++
		if p.Slug != fmt.Sprintf("week-%03d", n+1) || p.Title != fmt.Sprintf("Week %d of the season", n+1) {
			t.Errorf("post %d: slug %q, title %q", n+1, p.Slug, p.Title)
		}
		if n > 0 && p.Date < l.Posts[n-1].Date {
			t.Errorf("post %d dated %s before post %d (%s)", n+1, p.Date, n, l.Posts[n-1].Date)
		}
	}
	for _, d := range l.Dates {
		if perDate[d] != len(l.Posts)/len(l.Dates) {
			t.Errorf("%d posts on %s, want %d", perDate[d], d, len(l.Posts)/len(l.Dates))
		}
	}
	// Two models only: the two drawn for a post are often the same one.
	small := Generate(Params{Models: 2, Clubs: 1, Benchmarks: 3, Dates: 2, News: 2, Posts: 40, Seed: 5})
	for _, p := range small.Posts {
		if len(p.Models) != 2 || p.Models[0] == p.Models[1] {
			t.Errorf("%s names %v, want two different models", p.Slug, p.Models)
		}
	}
}

// Write writes into an empty folder that exists.
func TestWriteIntoEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(small).Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "models.yaml")); err != nil {
		t.Error(err)
	}
}

// The leagues measured by bench/growth.sh must stay the same from one version to
// the next, or the figures of earlier runs no longer compare: this pins the files
// of one league. Change the sum only with a change of the generator that says the
// earlier figures no longer compare.
func TestLeagueUnchanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := Generate(small).Write(dir); err != nil {
		t.Fatal(err)
	}
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	sort.Strings(names)
	h := sha256.New()
	for _, p := range names {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
		h.Write(b)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != leagueSum {
		t.Errorf("the league of %+v changed: sum %s, was %s", small, got, leagueSum)
	}
}

const leagueSum = "97994b73459046202f7867620a24a505253cdec839164f67edca8cc21dbc457b"

func models(l *League, id string) league.Model {
	for _, m := range l.Models {
		if m.ID == id {
			return m
		}
	}
	return league.Model{}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func stddev(xs []float64) float64 {
	m, s := mean(xs), 0.0
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return math.Sqrt(s / float64(len(xs)-1))
}

// leastSquares solves the normal equations of y ≈ X·β by Gaussian elimination with
// partial pivoting.
func leastSquares(xs [][]float64, ys []float64) []float64 {
	k := len(xs[0])
	a := make([][]float64, k)
	for i := range a {
		a[i] = make([]float64, k+1)
	}
	for r, row := range xs {
		for i, xi := range row {
			if xi == 0 {
				continue
			}
			for j, xj := range row {
				a[i][j] += xi * xj
			}
			a[i][k] += xi * ys[r]
		}
	}
	for c := range k {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := range k {
			if r == c || a[r][c] == 0 {
				continue
			}
			f := a[r][c] / a[c][c]
			for j := c; j <= k; j++ {
				a[r][j] -= f * a[c][j]
			}
		}
	}
	beta := make([]float64, k)
	for i := range beta {
		beta[i] = a[i][k] / a[i][i]
	}
	return beta
}
