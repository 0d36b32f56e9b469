package eval

import "math"

// Cutoff is the depth at which results are scored: the first page of
// results a reader sees.
const Cutoff = 10

// Scores are the measures of one query, or their means over several.
type Scores struct {
	NDCG   float64 `json:"ndcg"`   // normalised discounted cumulative gain at Cutoff
	MRR    float64 `json:"mrr"`    // reciprocal rank of the first relevant hit, 0 beyond Cutoff
	Recall float64 `json:"recall"` // relevant pages found in the first Cutoff, of those that could be
}

// score measures the ranked urls against grades (url -> 0, 1 or 2; a url
// not graded is 0). A query with no relevant page is one that should find
// nothing: it scores 1 on every measure when it finds nothing, else 0.
func score(urls []string, grades map[string]int) Scores {
	relevant := 0
	for _, g := range grades {
		if g > 0 {
			relevant++
		}
	}
	if relevant == 0 {
		if len(urls) == 0 {
			return Scores{1, 1, 1}
		}
		return Scores{}
	}
	top := urls[:min(len(urls), Cutoff)]
	var s Scores
	found := 0
	for i, u := range top {
		g := grades[u]
		if g == 0 {
			continue
		}
		found++
		if s.MRR == 0 {
			s.MRR = 1 / float64(i+1)
		}
	}
	s.NDCG = dcg(gainsOf(top, grades)) / dcg(idealGains(grades))
	s.Recall = float64(found) / float64(min(relevant, Cutoff))
	return s
}

func gainsOf(urls []string, grades map[string]int) []int {
	g := make([]int, len(urls))
	for i, u := range urls {
		g[i] = grades[u]
	}
	return g
}

// idealGains is the best possible ranking: every grade, highest first, cut
// at Cutoff.
func idealGains(grades map[string]int) []int {
	var g []int
	for grade := 2; grade > 0; grade-- {
		for _, v := range grades {
			if v == grade {
				g = append(g, v)
			}
		}
	}
	return g[:min(len(g), Cutoff)]
}

// dcg is the discounted cumulative gain with the exponential gain 2^g-1,
// which rewards a page graded 2 three times as much as one graded 1.
func dcg(gains []int) float64 {
	sum := 0.0
	for i, g := range gains {
		sum += (math.Exp2(float64(g)) - 1) / math.Log2(float64(i+2))
	}
	return sum
}

// mean averages scores.
func mean(ss []Scores) Scores {
	var m Scores
	if len(ss) == 0 {
		return m
	}
	for _, s := range ss {
		m.NDCG += s.NDCG
		m.MRR += s.MRR
		m.Recall += s.Recall
	}
	n := float64(len(ss))
	return Scores{m.NDCG / n, m.MRR / n, m.Recall / n}
}
