package site

import (
	"math"
	"sort"

	"github.com/ai-league/ai-league/internal/league"
	"github.com/ai-league/ai-league/internal/standings"
)

// EffPoint is one model on the efficiency chart.
type EffPoint struct {
	Model    string  // model id
	Name     string  // display name
	ParamsB  float64 // total parameters, billions
	Score    float64 // mean normalised score (0–100) over the model's results in force
	Frontier bool    // no model of smaller or equal size beats it (see Frontier)
}

// EfficiencyPoints returns a point for every model that has a known size (params_b)
// and at least one result in force in snap on a known benchmark, with the frontier
// marked. Score is the mean of standings.Normalised over those results. Points are
// sorted by size, then model id.
func EfficiencyPoints(snap *standings.Snapshot, models []league.Model, benchmarks map[string]*league.Benchmark) []EffPoint {
	if snap == nil {
		return nil
	}
	sum := map[string]float64{}
	count := map[string]int{}
	for _, r := range snap.Results {
		b, ok := benchmarks[r.Benchmark]
		if !ok {
			continue
		}
		sum[r.Model] += standings.Normalised(*b, r.Score)
		count[r.Model]++
	}
	var pts []EffPoint
	for _, m := range models {
		if m.ParamsB <= 0 || count[m.ID] == 0 {
			continue
		}
		name := m.Name
		if name == "" {
			name = m.ID
		}
		pts = append(pts, EffPoint{Model: m.ID, Name: name, ParamsB: m.ParamsB, Score: sum[m.ID] / float64(count[m.ID])})
	}
	sortEff(pts)
	front := map[string]bool{}
	for _, p := range Frontier(pts) {
		front[p.Model] = true
	}
	for i := range pts {
		pts[i].Frontier = front[pts[i].Model]
	}
	return pts
}

// sortEff sorts by size, then model id.
func sortEff(pts []EffPoint) {
	sort.SliceStable(pts, func(i, j int) bool {
		if pts[i].ParamsB != pts[j].ParamsB {
			return pts[i].ParamsB < pts[j].ParamsB
		}
		return pts[i].Model < pts[j].Model
	})
}

// Frontier returns the points that no model of smaller or equal size beats: in order
// of size, each point that scores higher than every smaller model and at least as
// high as every model of its own size. The result is sorted by size, then model id;
// pts is not modified.
func Frontier(pts []EffPoint) []EffPoint {
	sorted := append([]EffPoint(nil), pts...)
	sortEff(sorted)
	var out []EffPoint
	best := math.Inf(-1) // best score among strictly smaller models
	for i := 0; i < len(sorted); {
		j, top := i, sorted[i].Score
		for j < len(sorted) && sorted[j].ParamsB == sorted[i].ParamsB {
			top = max(top, sorted[j].Score)
			j++
		}
		if top > best {
			for _, p := range sorted[i:j] {
				if p.Score == top {
					out = append(out, p)
				}
			}
			best = top
		}
		i = j
	}
	return out
}
