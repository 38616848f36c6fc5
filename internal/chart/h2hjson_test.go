package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

// encodeJSON is what go-echarts does with a value: encoding/json, HTML escaping off,
// without the encoder's newline.
func encodeJSON(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// hostileJSON are strings with every kind of character JSON and HTML treat apart.
var hostileJSON = []string{
	"", "a", `"`, `\`, `\"`, "</script>", "<!--", "&amp;", "'", "+", "\x00", "\x1f", "\x7f",
	"\b\f\n\r\t", "\u2028\u2029", "\ufffd", "\xff", "\xc3", "\xe2\x80", "a\xffb", "é", "日本",
	"😀", "\u200b", "__f_", "_f__", evilScript, evilImg, evilMarker, "x\u2028y\u2029z",
}

// randomString draws a string over an alphabet of ASCII, control, multi-byte and
// invalid bytes.
func randomString(rng *rand.Rand) string {
	parts := []string{"a", "Z", "0", " ", `"`, `\`, "<", ">", "&", "'", "+", "/", "_", "f",
		"\x00", "\x01", "\x1f", "\n", "\t", "\x7f", "é", "€", "😀", "\u2028", "\u2029", "\ufffd",
		"\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "%", "-", "."}
	var b strings.Builder
	for range rng.IntN(12) {
		b.WriteString(parts[rng.IntN(len(parts))])
	}
	return b.String()
}

func TestAppendJSONStringAsEncodingJSON(t *testing.T) {
	var cases []string
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	cases = append(cases, hostileJSON...)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		cases = append(cases, randomString(rng))
	}
	for _, s := range cases {
		if got, want := string(appendJSONString(nil, s)), encodeJSON(t, s); got != want {
			t.Errorf("appendJSONString(%q) = %s, encoding/json %s", s, got, want)
		}
	}
}

func TestAppendJSONFloatAsEncodingJSON(t *testing.T) {
	cases := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 12, 100, 99.9, 1e-6, 9.99e-7, 1e-7,
		-1e-7, 1.5e-9, 1e-10, 1e-100, 5e-324, 1e20, 1e21, -1e21, 1.2345e22, 1e100,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 123456789.125, 0.30000000000000004}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		cases = append(cases, round1(rng.Float64()*100), math.Float64frombits(rng.Uint64()),
			rng.NormFloat64()*math.Pow(10, float64(rng.IntN(60)-30)))
	}
	for _, v := range cases {
		if !finite(v) {
			continue
		}
		if got, want := string(appendJSONFloat(nil, v)), encodeJSON(t, v); got != want {
			t.Errorf("appendJSONFloat(%v) = %s, encoding/json %s", v, got, want)
		}
	}
}

// randomMatch is a head-to-head of random legs over random benchmarks, with names
// from hostileJSON and random strings.
func randomMatch(rng *rand.Rand) (*standings.Match, map[string]string, []league.Benchmark) {
	pick := func() string {
		if rng.IntN(2) == 0 {
			return hostileJSON[rng.IntN(len(hostileJSON))]
		}
		return randomString(rng)
	}
	a, b := "a"+pick(), "b"+pick()
	names := map[string]string{a: pick(), b: pick()}
	var benches []league.Benchmark
	var legs []standings.Leg
	for i := range 1 + rng.IntN(20) {
		id := fmt.Sprintf("k%02d%s", i, pick())
		bm := league.Benchmark{ID: id, Name: pick(), HigherIsBetter: rng.IntN(3) > 0,
			RandomBaseline: float64(rng.IntN(50)), Max: float64(rng.IntN(3) * 50)}
		if rng.IntN(5) > 0 { // else unknown: a benchmark of its id, higher better
			benches = append(benches, bm)
		}
		score := func() float64 {
			switch rng.IntN(4) {
			case 0:
				return float64(rng.IntN(101))
			case 1:
				return rng.NormFloat64() * 1e-7
			default:
				return rng.Float64() * 120
			}
		}
		l := standings.Leg{Benchmark: id, A: res(a, id, score()), B: res(b, id, score())}
		switch rng.IntN(3) {
		case 0:
			l.Winner = a
		case 1:
			l.Winner = b
		}
		legs = append(legs, l)
	}
	return standings.NewMatch(a, b, legs), names, benches
}

// TestHeadToHeadOptionIsGoEchartsOwn holds the head-to-head figure written directly
// to the one drawn through go-echarts, piece by piece, on the test league's matches
// and on random matches with hostileJSON names.
func TestHeadToHeadOptionIsGoEchartsOwn(t *testing.T) {
	type draw struct {
		m      *standings.Match
		names  map[string]string
		benchs []league.Benchmark
	}
	var draws []draw
	for _, s := range testSnaps() {
		for _, m := range s.Matches {
			draws = append(draws, draw{m, testNames, testBenchmarks}, draw{m, nil, nil})
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 400 {
		m, names, benches := randomMatch(rng)
		draws = append(draws, draw{m, names, benches})
	}
	direct := 0
	for _, d := range draws {
		got := headToHead("h2h", d.m, d.names, d.benchs, true)
		want := headToHead("h2h", d.m, d.names, d.benchs, false)
		if got != want {
			t.Fatalf("%s v %s: direct figure differs from go-echarts':\n%s\n---\n%s", d.m.A, d.m.B, got.Script, want.Script)
		}
		if _, ok := headToHeadOption(label(nameOf(d.names, d.m.A)), label(nameOf(d.names, d.m.B)), []string{"x"}, []float64{1}, []float64{2}); ok {
			direct++
		}
	}
	if direct < len(draws)/2 {
		t.Errorf("only %d of %d figures were written directly", direct, len(draws))
	}
}

// Where go-echarts would leave a key out or could not encode the chart, the option
// is left to it.
func TestHeadToHeadOptionLeavesToGoEcharts(t *testing.T) {
	one := []string{"x"}
	for name, c := range map[string]struct {
		sa, sb string
		labels []string
		va, vb []float64
	}{
		"empty first name":  {"", "b", one, []float64{1}, []float64{2}},
		"empty second name": {"a", "", one, []float64{1}, []float64{2}},
		"empty label":       {"a", "b", []string{"x", ""}, []float64{1, 2}, []float64{2, 3}},
		"NaN":               {"a", "b", one, []float64{math.NaN()}, []float64{2}},
		"infinite":          {"a", "b", one, []float64{1}, []float64{math.Inf(-1)}},
		"function marker":   {"a__f__", "b", one, []float64{1}, []float64{2}},
	} {
		if option, ok := headToHeadOption(c.sa, c.sb, c.labels, c.va, c.vb); ok {
			t.Errorf("%s: written directly: %s", name, option)
		}
	}
	if _, ok := headToHeadOption("a", "b", one, []float64{1}, []float64{2}); !ok {
		t.Error("plain names and values were not written directly")
	}
	// An unnamed model is named by its id; with an empty id, go-echarts draws it.
	m := standings.NewMatch("", "b", []standings.Leg{{Benchmark: "k", A: res("", "k", 1), B: res("b", "k", 2)}})
	if got, want := headToHead("", m, nil, nil, true), headToHead("", m, nil, nil, false); got != want {
		t.Errorf("unnamed model: %s\n---\n%s", got.Script, want.Script)
	}
}
