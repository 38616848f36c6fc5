package build

import (
	"reflect"
	"unsafe"
)

// equaler tells whether two values are deeply equal as reflect.DeepEqual does, but
// remembers, from one comparison to the next, the pairs of pointers, maps and slices
// it found equal or not: the pages of a site share their tables, matches and posts,
// and each pair of them is compared once, not once per page. The values must not
// change while an equaler is in use.
type equaler struct {
	seen map[visit]int8 // inProgress, same or differ
	// assumed counts the comparisons answered by a pair still in progress (a cycle,
	// taken as equal, as reflect.DeepEqual does): a result that rests on one is not
	// remembered.
	assumed int
}

type visit struct {
	a, b unsafe.Pointer
	len  int
	t    reflect.Type
}

const (
	inProgress int8 = iota + 1
	same
	differ
)

func newEqualer() *equaler { return &equaler{seen: map[visit]int8{}} }

// Equal reports whether a and b are deeply equal (reflect.DeepEqual).
func (q *equaler) Equal(a, b any) bool {
	if a == nil || b == nil {
		return a == b
	}
	return q.equal(reflect.ValueOf(a), reflect.ValueOf(b))
}

// shared compares the values a and b point at (pointers, maps, slices with their
// length), remembering the answer for the pair.
func (q *equaler) shared(a, b reflect.Value, n int, compare func() bool) bool {
	k := visit{a.UnsafePointer(), b.UnsafePointer(), n, a.Type()}
	switch q.seen[k] {
	case inProgress:
		q.assumed++
		return true
	case same:
		return true
	case differ:
		return false
	}
	q.seen[k] = inProgress
	before := q.assumed
	r := compare()
	switch {
	case !r:
		q.seen[k] = differ
	case q.assumed == before:
		q.seen[k] = same
	default:
		delete(q.seen, k) // equal only if the pairs in progress are
	}
	return r
}

func (q *equaler) equal(a, b reflect.Value) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		if a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		return q.shared(a, b, 0, func() bool { return q.equal(a.Elem(), b.Elem()) })
	case reflect.Struct:
		for i := range a.NumField() {
			if !q.equal(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.Len() == 0 || a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		return q.shared(a, b, a.Len(), func() bool {
			for i := range a.Len() {
				if !q.equal(a.Index(i), b.Index(i)) {
					return false
				}
			}
			return true
		})
	case reflect.Array:
		for i := range a.Len() {
			if !q.equal(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		return q.shared(a, b, 0, func() bool {
			it := a.MapRange()
			for it.Next() {
				v := b.MapIndex(it.Key())
				if !v.IsValid() || !q.equal(it.Value(), v) {
					return false
				}
			}
			return true
		})
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return q.equal(a.Elem(), b.Elem())
	case reflect.Func:
		return a.IsNil() && b.IsNil() // as reflect.DeepEqual: functions are equal only when both nil
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	case reflect.Complex64, reflect.Complex128:
		return a.Complex() == b.Complex()
	default: // channels, unsafe pointers: the same one
		return a.UnsafePointer() == b.UnsafePointer()
	}
}
