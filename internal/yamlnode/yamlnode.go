// Package yamlnode walks YAML documents node by node, strictly — unknown and repeated
// keys are errors — and reports every problem with its file, line and column.
package yamlnode

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ai-league/ai-league/internal/diag"
	"go.yaml.in/yaml/v3"
)

// ChartMarker is stripped by go-echarts wherever it appears, corrupting the chart, so
// no input text may contain it.
const ChartMarker = "__f__"

// Decoder walks the yaml.Node tree of one file and collects every problem with its
// position into Errs. Each message may start with a context such as "feed 2: ".
type Decoder struct {
	File string    // the file the nodes come from, for messages
	Errs diag.List // the problems found so far
}

// Errorf reports a problem at n, its message prefixed by ctx.
func (d *Decoder) Errorf(n *yaml.Node, ctx, format string, args ...any) {
	d.Errs.Add(d.File, n.Line, n.Column, "%s", ctx+fmt.Sprintf(format, args...))
}

// Fields walks a mapping, calling the handler of each key in file order. Unknown and
// repeated keys are errors. It returns the value node of each key seen, or nil when n
// is not a mapping.
func (d *Decoder) Fields(n *yaml.Node, ctx string, handlers map[string]func(*yaml.Node)) map[string]*yaml.Node {
	n = Resolve(n)
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, ctx, "expected a mapping of keys to values, got %s", Describe(n))
		return nil
	}
	known := make([]string, 0, len(handlers))
	for k := range handlers {
		known = append(known, k)
	}
	sort.Strings(known)
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], Resolve(n.Content[i+1])
		h, ok := handlers[k.Value]
		switch {
		case !ok:
			d.Errorf(k, ctx, "unknown key %q%s", k.Value, diag.DidYouMean(k.Value, known))
		case seen[k.Value] != nil:
			d.Errorf(k, ctx, "key %q repeated (first at line %d)", k.Value, seen[k.Value].Line)
		default:
			seen[k.Value] = v
			h(v)
		}
	}
	return seen
}

// Require reports each key that is missing from seen or has an empty value.
func (d *Decoder) Require(n *yaml.Node, ctx string, seen map[string]*yaml.Node, keys ...string) {
	for _, k := range keys {
		if v := seen[k]; v == nil || (v.Kind == yaml.ScalarNode && (v.Value == "" || v.Tag == "!!null")) {
			d.Errorf(n, ctx, "missing %q", k)
		}
	}
}

// Str returns a scalar's text; null is "". Text holding ChartMarker is an error.
func (d *Decoder) Str(n *yaml.Node, ctx string) string {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, ctx, "expected text, got %s", Describe(n))
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	if strings.Contains(n.Value, ChartMarker) {
		d.Errorf(n, ctx, "text must not contain %q (it corrupts charts)", ChartMarker)
	}
	return n.Value
}

// Strs returns a list of texts.
func (d *Decoder) Strs(n *yaml.Node, what string) []string {
	var out []string
	for _, item := range d.List(n, what) {
		out = append(out, d.Str(Resolve(item), what+": "))
	}
	return out
}

// List returns the items of a sequence, aliases resolved; null is an empty list.
func (d *Decoder) List(n *yaml.Node, what string) []*yaml.Node {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return nil
	case n.Kind != yaml.SequenceNode:
		d.Errorf(n, "", "%s must be a list, got %s", what, Describe(n))
		return nil
	}
	items := make([]*yaml.Node, len(n.Content))
	for i, item := range n.Content {
		items[i] = Resolve(item)
	}
	return items
}

// Int returns a whole number.
func (d *Decoder) Int(n *yaml.Node, what string) (int, bool) {
	var i int
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil {
		d.Errorf(n, "", "%s must be a whole number, got %s", what, Describe(n))
		return 0, false
	}
	return i, true
}

// Float returns a number.
func (d *Decoder) Float(n *yaml.Node, what string) (float64, bool) {
	var f float64
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&f) != nil {
		d.Errorf(n, "", "%s must be a number, got %s", what, Describe(n))
		return 0, false
	}
	return f, true
}

// HTTPURL reports whether s is an absolute http(s) URL, and says so when not.
func (d *Decoder) HTTPURL(n *yaml.Node, ctx, s string) bool {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		d.Errorf(n, ctx, "%q is not an absolute http(s) URL", s)
		return false
	}
	return true
}

// ID reports whether s is a valid id (see ValidID), and says so when not.
func (d *Decoder) ID(n *yaml.Node, ctx, s string) bool {
	switch {
	case len(s) > MaxIDLen:
		d.Errorf(n, ctx, "id %s is %d characters long; an id has at most %d", Short(s), len(s), MaxIDLen)
		return false
	case !ValidID(s):
		d.Errorf(n, ctx, "id %s must be lowercase letters, digits, \".\", \"-\" or \"_\", starting with a letter or digit", Short(s))
		return false
	}
	return true
}

// MaxIDLen is the longest an id or a slug may be, in bytes: ids become file and
// folder names, which most file systems cap at 255 bytes.
const MaxIDLen = 100

// ValidID reports whether s may be an id: at most MaxIDLen lowercase letters,
// digits, ".", "-" and "_", starting with a letter or digit, so that it is safe in a
// URL path, a file name and an HTML id.
func ValidID(s string) bool {
	if len(s) > MaxIDLen {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case i > 0 && (r == '.' || r == '-' || r == '_'):
		default:
			return false
		}
	}
	return s != ""
}

// DateRule says what ValidDate accepts, for messages.
const DateRule = "YYYY-MM-DD, years 1000 to 9999"

// ValidDate reports whether s is a YYYY-MM-DD calendar date of the years 1000 to
// 9999: every date the site shows and sorts has four digits of year.
func ValidDate(s string) bool {
	t, err := time.Parse(time.DateOnly, s)
	return err == nil && InYearRange(t)
}

// InYearRange reports whether t falls in the years 1000 to 9999.
func InYearRange(t time.Time) bool {
	return t.Year() >= 1000 && t.Year() <= 9999
}

// Short quotes s for a message, cut to its first 40 characters when longer.
func Short(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:40])) + "…"
}

// Resolve follows YAML aliases (*anchor) to the node they name.
func Resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// Describe names what a node holds, for messages: "a mapping", "a list", "nothing"
// (null) or the quoted text of a scalar.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// SyntaxError splits a yaml.v3 parse error into its line (0 when it names none) and
// its message.
func SyntaxError(err error) (int, string) {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return line, msg[len(m[0]):]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}
