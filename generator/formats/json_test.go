package formats

import (
	"encoding/json"
	"testing"
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

func FuzzAppendJSONString(f *testing.F) {
	f.Add("a<b>&\"\\\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
