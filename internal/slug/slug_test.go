package slug

import "testing"

func TestTag(t *testing.T) {
	tests := map[string]string{
		"Co-production":   "co-production",
		" co-production ": "co-production",
		"CO-PRODUCTION":   "co-production",
		"Time banking!":   "time-banking",
		"Café & Co":       "cafe-and-co",
		"Men's Sheds":     "mens-sheds",
		"---":             "",
	}
	for in, want := range tests {
		if got := Tag(in); got != want {
			t.Errorf("Tag(%q) = %q, want %q", in, got, want)
		}
	}
}
