// Copyright 2026 The hub authors. Use of this source code is governed by a
// BSD-style license that can be found in the LICENSE file.

package template

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fastCall must give what reflect.Value.Call gives, for every type it
// takes, errors and panics included.
func TestFastCallMatchesCall(t *testing.T) {
	boom := errors.New("boom")
	v := reflect.ValueOf
	rv := func(x any) reflect.Value { return v(v(x)) } // as evalArg passes reflect.Value parameters
	cases := []struct {
		name string
		fun  any
		args []reflect.Value
	}{
		{"any to string", func(a any) (string, error) { return strings.ToUpper(a.(string)), nil }, []reflect.Value{v("x")}},
		{"any to string, error", func(any) (string, error) { return "", boom }, []reflect.Value{v(1)}},
		{"any to string, nil", func(a any) (string, error) { return reflect.TypeOf(a).String(), nil }, []reflect.Value{reflect.Zero(reflect.TypeFor[*int]())}},
		{"variadic escaper", func(a ...any) string { return strings.Repeat("a", len(a)) }, []reflect.Value{v(1), v("b")}},
		{"string to string", strings.ToLower, []reflect.Value{v("ABC")}},
		{"string to string, error", func(s string) (string, error) { return s + s, nil }, []reflect.Value{v("ab")}},
		{"any to string", func(a any) string { return reflect.TypeOf(a).Kind().String() }, []reflect.Value{v(2.5)}},
		{"time", func(t time.Time) string { return t.Format(time.DateOnly) }, []reflect.Value{v(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))}},
		{"string and any to any", func(s string, a ...any) (any, error) { return len(s) + len(a), nil }, []reflect.Value{v("abc"), v(1)}},
		{"string and any to nil", func(string, ...any) (any, error) { return nil, nil }, []reflect.Value{v("abc")}},
		{"lt", lt, []reflect.Value{rv(1), rv(2)}},
		{"lt, error", lt, []reflect.Value{rv(1), rv("a")}},
		{"eq", eq, []reflect.Value{rv("a"), rv("b"), rv("a")}},
		{"len", length, []reflect.Value{rv([]int{1, 2})}},
		{"len, error", length, []reflect.Value{rv(3)}},
		{"not", not, []reflect.Value{rv(0)}},
		{"index", index, []reflect.Value{rv(map[string]int{"a": 7}), rv("a")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fun := reflect.ValueOf(c.fun)
			got, gotErr, ok := fastCall(fun, c.args)
			if !ok {
				t.Fatalf("fastCall does not take %s", fun.Type())
			}
			want, wantErr := safeCall(fun, c.args, false)
			if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
				t.Fatalf("error %v, Call gives %v", gotErr, wantErr)
			}
			if gotErr != nil {
				return
			}
			// Call gives an interface result as a Value of the interface;
			// evalPipeline takes its dynamic value, which fastCall gives.
			if want.Kind() == reflect.Interface {
				want = reflect.ValueOf(want.Interface())
			}
			// And a reflect.Value result is the value it holds (evalCall).
			if want.IsValid() && want.Type() == reflectValueType {
				want, got = want.Interface().(reflect.Value), got.Interface().(reflect.Value)
			}
			if got.IsValid() != want.IsValid() || got.IsValid() && (got.Type() != want.Type() || !reflect.DeepEqual(got.Interface(), want.Interface())) {
				t.Fatalf("got %#v, Call gives %#v", got, want)
			}
		})
	}
	// A type it does not take is left to Call.
	if _, _, ok := fastCall(reflect.ValueOf(func(int) int { return 0 }), []reflect.Value{reflect.ValueOf(1)}); ok {
		t.Error("fastCall took func(int) int")
	}
}

// A panic in a func called fast is an error of the call, as with Call.
func TestFastCallPanicIsError(t *testing.T) {
	f := func(string) string { panic("no") }
	_, err := safeCall(reflect.ValueOf(f), []reflect.Value{reflect.ValueOf("x")}, true)
	if err == nil || err.Error() != "no" {
		t.Fatalf("err = %v", err)
	}
}

type inner struct{ Promoted string }

func (inner) Hello() string { return "hi" }

type outer struct {
	inner
	Name string
}

func (*outer) OnPointer() string { return "p" }

// lookup finds what reflect finds, promoted fields and methods of the
// pointer included, and remembers it.
func TestLookupMatchesReflect(t *testing.T) {
	pt, st := reflect.TypeFor[*outer](), reflect.TypeFor[outer]()
	for _, typ := range []reflect.Type{pt, st} {
		for _, name := range []string{"Name", "Promoted", "Hello", "OnPointer", "Missing", "inner"} {
			for range 2 { // the second time from the memo
				m := lookup(typ, name)
				want := -1
				if mm, ok := typ.MethodByName(name); ok {
					want = mm.Index
				}
				if m.method != want {
					t.Errorf("%s.%s: method %d, reflect %d", typ, name, m.method, want)
				}
				f, ok := st.FieldByName(name)
				if m.isField != ok || ok && !reflect.DeepEqual(m.field.Index, f.Index) {
					t.Errorf("%s.%s: field %v %v, reflect %v %v", typ, name, m.field.Index, m.isField, f.Index, ok)
				}
			}
		}
	}
}
