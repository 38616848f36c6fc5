package standings

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/ai-league/ai-league/internal/league"
)

// DivisionOf returns the id of the first division whose band holds a model of
// paramsB billion total parameters, or "" when none does. A model with unknown size
// (paramsB ≤ 0) is in no division; MaxParamsB 0 means the band is unbounded.
func DivisionOf(divs []Division, paramsB float64) string {
	if paramsB <= 0 {
		return ""
	}
	for _, d := range divs {
		if d.MaxParamsB <= 0 || paramsB <= d.MaxParamsB {
			return d.ID
		}
	}
	return ""
}

// DivisionWarnings names each model with a result that no division of the rules
// takes, so that it is not left out of the division tables without a word: its
// size is unknown, or larger than the last band.
func DivisionWarnings(models []league.Model, results []league.Result, rules Rules) []string {
	divs := rules.Divisions
	if len(divs) == 0 {
		return nil
	}
	byID := map[string]*league.Model{}
	for i := range models {
		byID[models[i].ID] = &models[i]
	}
	playing := map[string]bool{}
	for _, r := range results {
		if byID[r.Model] != nil {
			playing[r.Model] = true
		}
	}
	ids := make([]string, 0, len(playing))
	for id := range playing {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []string
	for _, id := range ids {
		m := byID[id]
		if DivisionOf(divs, m.ParamsB) != "" {
			continue
		}
		if m.ParamsB <= 0 {
			out = append(out, fmt.Sprintf("model %q is in no division: it has no params_b in %s (it plays in the overall table only)", id, league.ModelsFile))
			continue
		}
		last := divs[len(divs)-1]
		out = append(out, fmt.Sprintf("model %q is in no division: its params_b %s is above the last band (%q, up to %s) (it plays in the overall table only)",
			id, strconv.FormatFloat(m.ParamsB, 'g', -1, 64), last.ID, strconv.FormatFloat(last.MaxParamsB, 'g', -1, 64)))
	}
	return out
}
