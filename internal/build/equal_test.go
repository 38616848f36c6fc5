package build

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The equaler answers as reflect.DeepEqual: on hand-made values with the corner
// cases (NaN, nil and empty, maps, functions, cycles, unexported fields), and on
// every pair of pages of a site before and after an edit of its results, with the
// memory of earlier answers kept across all of them.
func TestEqualerAgreesWithDeepEqual(t *testing.T) {
	type node struct {
		name string
		next *node
		vals []float64
		m    map[string]int
		f    func()
		any  any
	}
	cycle := func(name string) *node {
		n := &node{name: name}
		n.next = n
		return n
	}
	nan := math.NaN()
	shared := []float64{1, 2}
	ch1, ch2 := make(chan int), make(chan int)
	values := []any{
		nil, 1, 1.0, nan, "a", "b", []int(nil), []int{}, []int{1}, []int{1, 2},
		map[string]int(nil), map[string]int{}, map[string]int{"a": 1}, map[string]int{"a": 2}, map[string]int{"b": 1},
		[2]int{1, 2}, [2]int{1, 3}, func() {}, (func())(nil),
		node{name: "x"}, node{name: "x", vals: shared}, node{name: "x", vals: shared[:1]}, node{name: "x", vals: []float64{nan}},
		node{name: "x", m: map[string]int{"a": 1}}, node{name: "x", any: 1}, node{name: "x", any: int64(1)},
		cycle("c"), cycle("c"), cycle("d"), &node{name: "c", next: cycle("c")}, &node{name: "c"},
		struct{ A, b int }{1, 2}, struct{ A, b int }{1, 3},
		uint8(1), uint8(2), complex(1, 2), complex(1, 3), ch1, ch2,
	}
	q := newEqualer()
	for i, a := range values {
		for j, b := range values {
			if got, want := q.Equal(a, b), reflect.DeepEqual(a, b); got != want {
				t.Errorf("values %d and %d (%#v, %#v): Equal = %v, DeepEqual = %v", i, j, a, b, got, want)
			}
		}
	}

	src := testSite(t)
	opt := options(src, filepath.Join(t.TempDir(), "public")).withDefaults()
	before, err := prepare(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	later := filepath.Join(src, "data/results/later.json")
	b, _ := os.ReadFile(later)
	os.WriteFile(later, []byte(strings.Replace(string(b), `"score": 70,`, `"score": 75,`, 1)), 0o644)
	after, err := prepare(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	q = newEqualer()
	pages := append(before.site.HTMLPages(), after.site.HTMLPages()...)
	differ := 0
	for _, a := range pages {
		for _, b := range pages {
			if a.Kind == "methodology" || b.Kind == "methodology" { // the whole site: slow, and never left as it was
				continue
			}
			got, want := q.Equal(*a, *b), reflect.DeepEqual(*a, *b)
			if got != want {
				t.Fatalf("pages %s and %s: Equal = %v, DeepEqual = %v", a.Out, b.Out, got, want)
			}
			if a.Out == b.Out && !got {
				differ++
			}
		}
	}
	if differ == 0 {
		t.Error("no page differs after the edit: the test compares nothing")
	}
}
