package chart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

func TestRealPage(t *testing.T) {
	d, err := league.Load(os.DirFS("/work/main"))
	if err != nil {
		t.Skip(err)
	}
	rules := standings.Rules{MinShared: 3, Divisions: []standings.Division{{ID: "pocket", Name: "Pocket", MaxParamsB: 6}, {ID: "laptop", Name: "Laptop", MaxParamsB: 16}, {ID: "workstation", Name: "Workstation", MaxParamsB: 48}, {ID: "datacenter", Name: "Datacenter"}}}
	s := standings.Compute(d.Models, d.Benchmarks, d.Results, rules, "2026-06-05")
	names := map[string]string{}
	for _, m := range d.Models {
		names[m.ID] = m.Name
	}
	last := s.Latest()
	ov := last.Table("overall")
	figs := []Figure{StandingsPoints("s", ov, names), StandingsRating("s", ov, names), RankHistory("s", "overall", s.Snapshots, names),
		Efficiency("s", EfficiencyPoints(last, d.Models, d.Benchmarks)), ModelCategories("m", ov.Rows[0].Model, last, d.Benchmarks, names),
		BenchmarkScores("b", d.Benchmarks[0], last, names)}
	if len(last.Matches) > 0 {
		figs = append(figs, HeadToHead("h", last.Matches[0], names, d.Benchmarks))
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=utf-8><script>window.__errs=[];window.onerror=function(m){__errs.push(m)};</script></head><body>\n")
	for _, f := range figs {
		b.WriteString("<figure>" + string(f.Element) + "</figure>\n")
	}
	b.WriteString(`<script src="echarts.common.min.js"></script><script src="charts.js"></script>` + "\n")
	for _, f := range figs {
		b.WriteString(string(f.Script))
	}
	b.WriteString(`<script src="check.js"></script></body></html>`)
	os.WriteFile(filepath.Join("/tmp/chartplay", "real.html"), []byte(b.String()), 0o644)
}
