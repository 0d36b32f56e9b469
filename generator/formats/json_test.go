package formats

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// appendJSON must write what json.Marshal writes, byte for byte.
func TestAppendJSONIsJSONMarshal(t *testing.T) {
	t.Parallel()
	values := []any{
		nil, "", 0, -12, []string(nil), []string{}, []any(nil), []any{}, map[string]any(nil),
		"plain", `quote " and \ back`, "<script>&</script>", "\b\f\n\r\t\x00\x1f\x7f",
		"café – “quotes” \u2028\u2029 😀", "bad \xff utf8 \xe2\x82", "end\xc3",
		map[string]any{"b": 1, "a": []any{"x", map[string]any{"@type": "Person", "name": "N"}}, "@id": []string{"<", ">"}},
	}
	for _, v := range values {
		checkJSON(t, v)
	}
	for r := rune(0); r < 0x3000; r++ {
		checkJSON(t, string(r)+"x")
	}
}

func checkJSON(t *testing.T, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendJSON(nil, v); string(got) != string(want) {
		t.Errorf("appendJSON(%#v)\n got %s\nwant %s", v, got, want)
	}
}

// The fuzz target checks what json.Marshal promises rather than its bytes:
// CI fuzzes under a newer Go than the tests run on, and Go 1.27's
// json.Marshal writes a bad byte as a raw U+FFFD where Go 1.26 wrote
// \ufffd. Byte for byte, the test above holds on the project's Go.
func FuzzAppendJSONString(f *testing.F) {
	f.Add("a<b>&\"\\\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := appendJSONString(nil, s)
		var back, want string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("appendJSONString(%q) = %s, not a JSON string: %v", s, got, err)
		}
		marshalled, _ := json.Marshal(s)
		if err := json.Unmarshal(marshalled, &want); err != nil {
			t.Fatal(err)
		}
		if back != want {
			t.Errorf("appendJSONString(%q) = %s reads back as %q, want %q", s, got, back, want)
		}
		// Safe inside a <script> element and in JavaScript source, as
		// json.Marshal's output is.
		if !utf8.Valid(got) || bytes.ContainsAny(got, "<>&\u2028\u2029") {
			t.Errorf("appendJSONString(%q) = %s: invalid UTF-8, or a character left unescaped", s, got)
		}
	})
}
