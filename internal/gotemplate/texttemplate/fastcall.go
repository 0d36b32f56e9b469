// Copyright 2026 The hub authors. Use of this source code is governed by a
// BSD-style license that can be found in the LICENSE file.

package template

import (
	"maps"
	"reflect"
	"sync"
	"sync/atomic"
	"time"
)

// fastCall calls fun without reflect.Value.Call when its type is one the
// templates call most: html/template's escapers, the comparison builtins,
// and funcs of a string or of any value. reflect.Value.Call lays out a
// frame for each call and allocates its results; at 10,000 pages the
// layouts make about three million calls, a second of CPU in reflection
// alone. The arguments have been evaluated and checked against fun's type
// by evalCall, exactly as for Call, and the result is the same value: a
// func whose result is an interface gives its dynamic value, which
// evalPipeline would take out of the interface anyway.
//
// fun is never a method value (safeCall's fast is false for them):
// Interface of a method value would allocate a closure each call, so
// methods (evalField) keep reflect.Call. ok is false for any other type.
func fastCall(fun reflect.Value, args []reflect.Value) (v reflect.Value, err error, ok bool) {
	if !fun.CanInterface() {
		return reflect.Value{}, nil, false
	}
	switch f := fun.Interface().(type) {
	case func(any) (string, error):
		r, err := f(anyArg(args[0]))
		return reflect.ValueOf(r), err, true
	case func(...any) string:
		return reflect.ValueOf(f(anyArgs(args)...)), nil, true
	case func(string) string:
		return reflect.ValueOf(f(args[0].String())), nil, true
	case func(string) (string, error):
		r, err := f(args[0].String())
		return reflect.ValueOf(r), err, true
	case func(any) string:
		return reflect.ValueOf(f(anyArg(args[0]))), nil, true
	case func(time.Time) string:
		return reflect.ValueOf(f(args[0].Interface().(time.Time))), nil, true
	case func(string, ...any) (any, error):
		r, err := f(args[0].String(), anyArgs(args[1:])...)
		return reflect.ValueOf(r), err, true
	case func(reflect.Value, reflect.Value) (bool, error):
		r, err := f(valueArg(args[0]), valueArg(args[1]))
		return reflect.ValueOf(r), err, true
	case func(reflect.Value, ...reflect.Value) (bool, error):
		r, err := f(valueArg(args[0]), valueArgs(args[1:])...)
		return reflect.ValueOf(r), err, true
	case func(reflect.Value) (int, error):
		r, err := f(valueArg(args[0]))
		return reflect.ValueOf(r), err, true
	case func(reflect.Value) bool:
		return reflect.ValueOf(f(valueArg(args[0]))), nil, true
	case func(reflect.Value, ...reflect.Value) (reflect.Value, error):
		r, err := f(valueArg(args[0]), valueArgs(args[1:])...)
		return reflect.ValueOf(r), err, true
	}
	return reflect.Value{}, nil, false
}

// anyArg is an argument as an interface, as Call would pass it to a
// parameter of type any: a nil Value (an untyped nil) as nil.
func anyArg(a reflect.Value) any {
	if !a.IsValid() {
		return nil
	}
	return a.Interface()
}

func anyArgs(args []reflect.Value) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = anyArg(a)
	}
	return out
}

// valueArg is the reflect.Value evalArg wrapped for a reflect.Value
// parameter.
func valueArg(a reflect.Value) reflect.Value {
	return a.Interface().(reflect.Value)
}

func valueArgs(args []reflect.Value) []reflect.Value {
	out := make([]reflect.Value, len(args))
	for i, a := range args {
		out[i] = valueArg(a)
	}
	return out
}

// Field and method lookups by name, remembered by type. reflect's
// MethodByName and FieldByName search each time, and a layout looks up
// the same few names on the same few types hundreds of thousands of
// times a build. Like encoding/json's field cache, this is a memo of
// facts about types that never change, shared by every template. It is
// read far more than written (a site's layouts meet a few hundred pairs
// of type and name), so a read is one atomic load and a plain map lookup,
// and a miss copies the map (a sync.Map boxed each key into an
// interface, and cost as much as the search it saved).

// member is what a type has by one name: a method (its index, or -1) and,
// when the type is a struct or a pointer to one, a field of the struct.
type member struct {
	method  int
	field   reflect.StructField
	isField bool
}

var (
	membersMu sync.Mutex // serialises writers
	members   atomic.Pointer[map[reflect.Type]map[string]*member]
)

// lookup is what t has by name, as reflect.Value.MethodByName and
// reflect.Type.FieldByName find it: evalField asks once for both.
func lookup(t reflect.Type, name string) *member {
	if m := members.Load(); m != nil {
		if mem := (*m)[t][name]; mem != nil {
			return mem
		}
	}
	mem := &member{method: -1}
	if m, ok := t.MethodByName(name); ok {
		mem.method = m.Index
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		mem.field, mem.isField = st.FieldByName(name)
	}
	membersMu.Lock()
	defer membersMu.Unlock()
	next := map[reflect.Type]map[string]*member{}
	if m := members.Load(); m != nil {
		next = maps.Clone(*m)
	}
	byName := maps.Clone(next[t])
	if byName == nil {
		byName = map[string]*member{}
	}
	byName[name] = mem
	next[t] = byName
	members.Store(&next)
	return mem
}
