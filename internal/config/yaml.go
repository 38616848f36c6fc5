package config

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ai-league/ai-league/internal/diag"
	"go.yaml.in/yaml/v3"
)

// chartMarker is stripped by go-echarts wherever it appears, corrupting the chart, so
// no input text may contain it.
const chartMarker = "__f__"

// decoder walks a yaml.Node tree and collects every problem with its position.
// Each message may start with a context such as "feed 2: ".
type decoder struct {
	file string
	errs diag.List
}

func (d *decoder) errorf(n *yaml.Node, ctx, format string, args ...any) {
	d.errs.Add(d.file, n.Line, n.Column, "%s", ctx+fmt.Sprintf(format, args...))
}

// resolve follows YAML aliases (*anchor) to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// fields walks a mapping, calling the handler of each key in file order. Unknown and
// repeated keys are errors. It returns the value node of each key seen, or nil when n
// is not a mapping.
func (d *decoder) fields(n *yaml.Node, ctx string, handlers map[string]func(*yaml.Node)) map[string]*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, ctx, "expected a mapping of keys to values, got %s", describe(n))
		return nil
	}
	known := make([]string, 0, len(handlers))
	for k := range handlers {
		known = append(known, k)
	}
	sort.Strings(known)
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		h, ok := handlers[k.Value]
		switch {
		case !ok:
			d.errorf(k, ctx, "unknown key %q%s", k.Value, diag.DidYouMean(k.Value, known))
		case seen[k.Value] != nil:
			d.errorf(k, ctx, "key %q repeated (first at line %d)", k.Value, seen[k.Value].Line)
		default:
			seen[k.Value] = v
			h(v)
		}
	}
	return seen
}

// require reports each key that is missing from seen or has an empty value.
func (d *decoder) require(n *yaml.Node, ctx string, seen map[string]*yaml.Node, keys ...string) {
	for _, k := range keys {
		if v := seen[k]; v == nil || (v.Kind == yaml.ScalarNode && (v.Value == "" || v.Tag == "!!null")) {
			d.errorf(n, ctx, "missing %q", k)
		}
	}
}

// str returns a scalar's text; null is "".
func (d *decoder) str(n *yaml.Node, ctx string) string {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, ctx, "expected text, got %s", describe(n))
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	if strings.Contains(n.Value, chartMarker) {
		d.errorf(n, ctx, "text must not contain %q (it corrupts charts)", chartMarker)
	}
	return n.Value
}

// strs returns a list of texts.
func (d *decoder) strs(n *yaml.Node, what string) []string {
	var out []string
	for _, item := range d.list(n, what) {
		out = append(out, d.str(resolve(item), what+": "))
	}
	return out
}

// list returns the items of a sequence; null is an empty list.
func (d *decoder) list(n *yaml.Node, what string) []*yaml.Node {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return nil
	case n.Kind != yaml.SequenceNode:
		d.errorf(n, "", "%s must be a list, got %s", what, describe(n))
		return nil
	}
	items := make([]*yaml.Node, len(n.Content))
	for i, item := range n.Content {
		items[i] = resolve(item)
	}
	return items
}

// int returns a whole number.
func (d *decoder) int(n *yaml.Node, what string) (int, bool) {
	var i int
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil {
		d.errorf(n, "", "%s must be a whole number, got %s", what, describe(n))
		return 0, false
	}
	return i, true
}

// float returns a number.
func (d *decoder) float(n *yaml.Node, what string) (float64, bool) {
	var f float64
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&f) != nil {
		d.errorf(n, "", "%s must be a number, got %s", what, describe(n))
		return 0, false
	}
	return f, true
}

// httpURL reports whether s is an absolute http(s) URL, and says so when not.
func (d *decoder) httpURL(n *yaml.Node, ctx, s string) bool {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		d.errorf(n, ctx, "%q is not an absolute http(s) URL", s)
		return false
	}
	return true
}

// id reports whether s is usable in a URL and an HTML id, and says so when not.
func (d *decoder) id(n *yaml.Node, ctx, s string) bool {
	if !validID(s) {
		d.errorf(n, ctx, "id %q must be lowercase letters, digits, \".\", \"-\" or \"_\", starting with a letter or digit", s)
		return false
	}
	return true
}

func validID(s string) bool {
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

// describe names what a node holds, for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// syntaxError splits a yaml.v3 parse error into its line and its message.
func syntaxError(err error) (int, string) {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return line, msg[len(m[0]):]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}
