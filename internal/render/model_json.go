package render

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/ai-league/ai-league/internal/site"
)

// modelDoc is /models/<id>/model.json: what /compare/ draws a model from.
type modelDoc struct {
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	Club         string        `json:"club"`
	ClubName     string        `json:"club_name"`
	ParamsB      float64       `json:"params_b,omitempty"`
	Division     string        `json:"division,omitempty"`
	DivisionName string        `json:"division_name,omitempty"`
	AsOf         string        `json:"as_of"`
	Rows         []modelRow    `json:"rows"`
	Results      []modelResult `json:"results"`
	Matches      []modelMatch  `json:"matches"`
}

type modelRow struct {
	Table      string  `json:"table"`
	TableName  string  `json:"table_name"`
	Rank       int     `json:"rank"`
	SharedRank bool    `json:"shared_rank"`
	Points     int     `json:"points"`
	Won        int     `json:"won"`
	Drawn      int     `json:"drawn"`
	Lost       int     `json:"lost"`
	Rating     float64 `json:"rating"`
}

type modelResult struct {
	Benchmark      string  `json:"benchmark"`
	Name           string  `json:"name"`
	Category       string  `json:"category,omitempty"`
	HigherIsBetter bool    `json:"higher_is_better"`
	DrawMargin     float64 `json:"draw_margin"`
	Score          float64 `json:"score"`
	Stderr         float64 `json:"stderr"`
	Normalised     float64 `json:"normalised"`
	Date           string  `json:"date"`
}

// modelMatch is one match, kept only in the model.json of the pair's first model (in
// byte order: /compare/ reads both files), as a compact array, since a league of M
// models has M·(M−1)/2 of them: [opponent, benchmarks this model took, benchmarks the
// opponent took, drawn] and the head-to-head page when the pair has one. Who won
// follows from the counts.
type modelMatch struct {
	Opponent            string
	For, Against, Drawn int
	H2H                 string
}

// MarshalJSON writes the match as its array, the bytes json.Marshal makes of
// []any{Opponent, For, Against, Drawn[, H2H]}; a big league has millions of them.
func (m modelMatch) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 24+len(m.Opponent)+len(m.H2H))
	b = append(b, '[')
	b = appendJSONString(b, m.Opponent)
	for _, n := range [...]int{m.For, m.Against, m.Drawn} {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(n), 10)
	}
	if m.H2H != "" {
		b = append(b, ',')
		b = appendJSONString(b, m.H2H)
	}
	return append(b, ']'), nil
}

// appendJSONString appends s as json.Marshal writes a string: quoted as it is when
// every byte is printable ASCII that it leaves alone (ids and site paths), else
// through json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// modelJSON formats one model's data for /compare/.
func modelJSON(s *site.Site, v site.ModelView) ([]byte, error) {
	m := v.Model
	doc := modelDoc{ID: m.ID, Name: m.Name, Club: m.Club, ClubName: s.ClubName(m.Club), ParamsB: m.ParamsB,
		Division: v.Division, DivisionName: v.DivName, AsOf: s.Season.Latest().Date,
		Rows: []modelRow{}, Results: []modelResult{}, Matches: []modelMatch{}}
	if v.Division == "" {
		doc.DivisionName = ""
	}
	for _, tr := range v.Rows {
		r := tr.Row
		doc.Rows = append(doc.Rows, modelRow{Table: tr.Table.ID, TableName: tr.Table.Name, Rank: r.Rank, SharedRank: r.SharedRank,
			Points: r.Points, Won: r.Won, Drawn: r.Drawn, Lost: r.Lost, Rating: r.Rating})
	}
	for _, r := range v.Results {
		mr := modelResult{Benchmark: r.Benchmark, Name: r.Benchmark, Score: r.Score, Stderr: r.Stderr, Normalised: round(r.Normalised), Date: r.Date}
		if b := r.Bench; b != nil {
			mr.Name, mr.Category, mr.HigherIsBetter, mr.DrawMargin = b.Name, b.Category, b.HigherIsBetter, b.DrawMargin
		}
		doc.Results = append(doc.Results, mr)
	}
	for _, mt := range v.Matches {
		if mt.A != m.ID || mt.B == m.ID {
			continue // in the other model's file
		}
		doc.Matches = append(doc.Matches, modelMatch{Opponent: mt.B, For: mt.AWon, Against: mt.BWon, Drawn: mt.Drawn, H2H: s.H2HURL(mt.A, mt.B)})
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("models/%s/model.json: %w", m.ID, err)
	}
	return append(b, '\n'), nil
}

// round keeps two decimals: enough for a bar, and it keeps the files small.
func round(x float64) float64 { return math.Round(x*100) / 100 }
