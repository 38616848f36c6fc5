package standings

import "github.com/ai-league/ai-league/internal/config"

// RulesFrom takes the rules of site.yaml's league: section.
func RulesFrom(l config.League) Rules {
	r := Rules{MinShared: l.MinShared}
	for _, d := range l.Divisions {
		r.Divisions = append(r.Divisions, Division{ID: d.ID, Name: d.Name, MaxParamsB: d.MaxParamsB})
	}
	return r
}
