package synth

import (
	"math/rand/v2"

	"github.com/ideas-hub/hub/internal/slug"
)

// The people and organisations of a generated hub. A real hub has a few
// hundred authors, of whom a few write much of it, and organisations that
// recur across case studies and events; each is drawn from a pool, Zipf
// distributed like the tags, so that term pages have the sizes a real
// hub's have: a few long and paginated, a long tail of one or two pages.

const (
	// DefaultAuthors is the author pool's size when Options.Authors is zero.
	DefaultAuthors = 300
	// DefaultOrganisations is the organisation pool's size when
	// Options.Organisations is zero.
	DefaultOrganisations = 400
	// Described is how many of the most used authors and of the most used
	// organisations have a description file, content/<taxonomy>/<slug>.md.
	Described = 8
)

// pool returns up to n distinct names that name(i, j) makes from every
// pair of indices below a and b, in an order shuffled by r.
func pool(r *rand.Rand, n, a, b int, name func(i, j int) string) []string {
	all := make([]string, 0, a*b)
	for i := range a {
		for j := range b {
			all = append(all, name(i, j))
		}
	}
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all[:min(n, len(all))]
}

func authorPool(r *rand.Rand, n int) []string {
	return pool(r, n, len(firstNames), len(lastNames), func(i, j int) string { return firstNames[i] + " " + lastNames[j] })
}

func organisationPool(r *rand.Rand, n int) []string {
	return pool(r, n, len(places), len(orgKinds), func(i, j int) string { return places[i] + " " + orgKinds[j] })
}

// zipfPick draws from list, the first the most likely.
func zipfPick(r *rand.Rand, list []string) string {
	if len(list) == 1 {
		return list[0]
	}
	return list[rand.NewZipf(r, 1.1, 2, uint64(len(list)-1)).Uint64()]
}

// distinct draws n distinct names from list with zipfPick (fewer when list
// is shorter, or after a few repeated draws).
func distinct(r *rand.Rand, list []string, n int) []string {
	var out []string
	for tries := 0; len(out) < n && tries < 20; tries++ {
		s := zipfPick(r, list)
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// authorList returns a page's one to three authors: most pieces have one.
func (g *gen) authorList(r *rand.Rand) []string {
	n := 1
	switch x := r.IntN(100); {
	case x < 8:
		n = 3
	case x < 30:
		n = 2
	}
	return distinct(r, g.authors, n)
}

// description is the description file of term name, the rank-th most used
// of its taxonomy.
func description(taxonomy, name string, rank int) []byte {
	var b []byte
	b = append(b, "---\n"...)
	b = yamlString(b, "title", name)
	switch taxonomy {
	case "authors":
		b = yamlString(b, "summary", name+" writes about community action for the hub.")
	default:
		b = yamlString(b, "summary", name+" works with its neighbours on local projects.")
		b = yamlString(b, "website", "https://www."+slugify(name)+".org.uk/")
	}
	b = append(b, "---\n\n"...)
	b = append(b, name...)
	b = append(b, " has contributed to the hub since its early days"...)
	if rank == 0 {
		b = append(b, ", more than anyone else"...)
	}
	return append(b, ".\n"...)
}

// descriptions returns the hub's description files, path → contents: the
// most likely authors and organisations of the pools' Zipf order.
func (g *gen) descriptions() map[string][]byte {
	out := map[string][]byte{}
	if len(g.pages) == 0 {
		return out
	}
	for _, t := range []struct {
		name  string
		terms []string
	}{{"authors", g.authors}, {"organisations", g.orgs}} {
		for i, name := range t.terms[:min(Described, len(t.terms))] {
			// Named by the generator's own slug, as a description file must be.
			out["content/"+t.name+"/"+slug.Tag(name)+".md"] = description(t.name, name, i)
		}
	}
	return out
}
