package standings

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
