package chart

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// headToHeadOption writes the option of a head-to-head chart (headToHeadChart) as
// go-echarts serialises it, byte for byte, without building the chart: go-echarts
// fills every option struct with its defaults by reflection and encodes a map of
// them, which was most of the cost of a head-to-head page, and a league has more of
// them than of any other page. TestHeadToHeadOptionIsGoEchartsOwn holds the two to
// each other. It reports false, and the caller draws the chart with go-echarts,
// when a value is not finite (encoding/json refuses it, and so the chart) or a name
// is empty (go-echarts leaves the key out).
func headToHeadOption(sa, sb string, labels []string, va, vb []float64) (string, bool) {
	if sa == "" || sb == "" {
		return "", false
	}
	for i, l := range labels {
		if l == "" || !finite(va[i]) || !finite(vb[i]) {
			return "", false
		}
	}
	b := make([]byte, 0, 1024+len(labels)*96)
	b = append(b, `{"animation":false,"backgroundColor":"transparent","grid":{"bottom":28,"containLabel":true,"left":8,"right":48,"top":36},"legend":{"show":true,"top":0,"type":"scroll"},"series":[`...)
	b = barSeries(b, sa, labels, va)
	b = append(b, ',')
	b = barSeries(b, sb, labels, vb)
	b = append(b, `],"tooltip":{"confine":true,"renderMode":"richText","show":true,"trigger":"item"},"xAxis":{"max":100,"min":0,"name":"Normalised score (0–100)","nameGap":28,"nameLocation":"middle","type":"value"},"yAxis":{"axisTick":{"alignWithLabel":true},"data":[`...)
	for i, l := range labels {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, l)
	}
	b = append(b, `],"inverse":true,"type":"category"}}`...)
	option := string(b)
	if strings.Contains(option, "__f__") {
		// go-echarts would strip its function marker (unmark); label keeps it out of
		// names, so this does not happen, but the chart's own path knows what to do.
		return "", false
	}
	return option, true
}

// barSeries appends one series of a head-to-head: its name, and a bar per label.
func barSeries(b []byte, name string, labels []string, values []float64) []byte {
	b = append(b, `{"name":`...)
	b = appendJSONString(b, name)
	b = append(b, `,"type":"bar","data":[`...)
	for i, l := range labels {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendJSONString(b, l)
		b = append(b, `,"value":`...)
		b = appendJSONFloat(b, values[i])
		b = append(b, '}')
	}
	return append(b, `],"label":{"show":true,"position":"right"}}`...)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// appendJSONFloat appends a finite float64 as encoding/json writes it: the shortest
// decimal that reads back the same, in exponent form below 1e-6 and from 1e21 on
// (with at least two exponent digits, "1e-07" written "1e-7").
func appendJSONFloat(b []byte, v float64) []byte {
	format := byte('f')
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string the way encoding/json writes it with
// HTML escaping off (as go-echarts encodes): quote and backslash escaped, control
// characters as \b \f \n \r \t or \u00XX, invalid UTF-8 as \ufffd, U+2028 and
// U+2029 as escapes, everything else as it is.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
