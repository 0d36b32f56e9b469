package imageproc

import (
	"container/heap"
	"math/bits"
	"slices"
)

// The Huffman codes a card is written in.
//
// Deflate's fixed codes spend 8 bits on every palette index and 5 on the
// match distance, though a card uses 52 indices and the one distance, 1.
// A card is written as one dynamic block instead, in codes trained on
// cards (cardLengths, made by TestCardCodesAreTrained): a two-line card's
// 27 KB became 16 KB, which every build writes twice (the page's og.png
// and the store's pack) and every shared link downloads. Writing costs
// the same: each symbol is still one lookup in a table made once, here,
// and the block's header, the same for every card, is encoded once too.

// Symbols of deflate's literal/length alphabet.
const (
	endOfBlock = 256
	firstLen   = 257
	litLenSyms = 286
)

// symbols are the codes of literals and lengths (0–285), repeats the
// whole of a match at distance 1 of each length (3–258): its length code,
// extra bits and distance code in one write.
var symbols, repeats = cardCodes(cardLengths[:])

// header is the block's first bits: last block, dynamic codes, and the
// code lengths, encoded as deflate encodes them.
var header = encodeHeader(cardLengths[:])

func cardCodes(lengths []uint8) (sym [litLenSyms]code, rep [259]code) {
	copy(sym[:], canonical(lengths))
	for n := 3; n <= 258; n++ {
		i := lengthIndex(n)
		c := sym[firstLen+i]
		b, w := c.bits, uint(c.n)
		if extra := lengthExtra(i); extra > 0 {
			b |= uint32(n-lengthBase[i]) << w
			w += extra
		}
		rep[n] = code{b, uint8(w + 1)} // then distance code 0: the one bit 0
	}
	return sym, rep
}

// lengthIndex is the index in lengthBase of the length code for a match
// of n bytes.
func lengthIndex(n int) int {
	i := len(lengthBase) - 1
	for lengthBase[i] > n {
		i--
	}
	return i
}

// canonical gives each symbol with a length its canonical Huffman code
// (RFC 1951, 3.2.2), bit-reversed as deflate writes codes.
func canonical(lengths []uint8) []code {
	var count [16]uint32
	for _, n := range lengths {
		count[n]++
	}
	count[0] = 0
	var next [16]uint32
	for n, c := 1, uint32(0); n < 16; n++ {
		c = (c + count[n-1]) << 1
		next[n] = c
	}
	codes := make([]code, len(lengths))
	for s, n := range lengths {
		if n > 0 {
			codes[s] = code{bits.Reverse32(next[n]) >> (32 - n), n}
			next[n]++
		}
	}
	return codes
}

// encodedBits are bits written once and copied into many streams: whole
// bytes, then the last nTail bits.
type encodedBits struct {
	bytes []byte
	tail  uint64
	nTail uint
}

func (bw *bitWriter) encoded() encodedBits { return encodedBits{bw.out, bw.acc, bw.nacc} }

// writeEncoded writes e's bits.
func (bw *bitWriter) writeEncoded(e *encodedBits) {
	b := e.bytes
	for ; len(b) >= 4; b = b[4:] {
		bw.write(uint64(b[0])|uint64(b[1])<<8|uint64(b[2])<<16|uint64(b[3])<<24, 32)
	}
	for _, c := range b {
		bw.write(uint64(c), 8)
	}
	if e.nTail > 0 {
		bw.write(e.tail, e.nTail)
	}
}

// clOrder is the order code-length codes' lengths are written in.
var clOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// encodeHeader encodes the header of a last, dynamic block whose
// literal/length codes have lengths and whose distance code 0 has one
// bit (RFC 1951, 3.2.7).
func encodeHeader(lengths []uint8) encodedBits {
	nlit := len(lengths)
	for nlit > firstLen && lengths[nlit-1] == 0 {
		nlit--
	}
	// Two distance codes of one bit, 0 the one used: a code with one
	// symbol is allowed, but not every decoder takes an incomplete code.
	all := append(append([]uint8(nil), lengths[:nlit]...), 1, 1)
	// The lengths as code-length symbols: 0–15, 16 (the last length 3–6
	// times more), 17 (3–10 zeros), 18 (11–138 zeros), each with its
	// extra bits.
	type clSym struct{ sym, extra, nExtra int }
	var seq []clSym
	for i := 0; i < len(all); {
		n := 1
		for i+n < len(all) && all[i+n] == all[i] {
			n++
		}
		switch v := int(all[i]); {
		case v == 0 && n >= 11:
			n = min(n, 138)
			seq = append(seq, clSym{18, n - 11, 7})
		case v == 0 && n >= 3:
			seq = append(seq, clSym{17, n - 3, 3})
		case v != 0 && n >= 4:
			n = min(n, 7)
			seq = append(seq, clSym{v, 0, 0}, clSym{16, n - 4, 2})
		default:
			n = 1
			seq = append(seq, clSym{v, 0, 0})
		}
		i += n
	}
	freq := make([]int, 19)
	for _, s := range seq {
		freq[s.sym]++
	}
	clLengths := huffmanLengths(freq, 7)
	clCodes := canonical(clLengths)
	nclen := 19
	for nclen > 4 && clLengths[clOrder[nclen-1]] == 0 {
		nclen--
	}
	var bw bitWriter
	bw.write(1, 1) // the last block
	bw.write(2, 2) // dynamic codes
	bw.write(uint64(nlit-firstLen), 5)
	bw.write(1, 5) // two distance codes
	bw.write(uint64(nclen-4), 4)
	for _, s := range clOrder[:nclen] {
		bw.write(uint64(clLengths[s]), 3)
	}
	for _, s := range seq {
		c := clCodes[s.sym]
		bw.write(uint64(c.bits), uint(c.n))
		if s.nExtra > 0 {
			bw.write(uint64(s.extra), uint(s.nExtra))
		}
	}
	return bw.encoded()
}

// huffmanLengths returns the code length of each symbol of an optimal
// prefix code for freq, no longer than limit: symbols with no frequency
// get none. Where the optimal code is longer, the frequencies are halved
// (rounding up, so none vanishes) until it is not, as zlib's trees do in
// effect. Ties break by symbol, so the same frequencies give the same
// codes everywhere.
func huffmanLengths(freq []int, limit uint8) []uint8 {
	f := append([]int(nil), freq...)
	for {
		lengths, longest := huffman(f)
		if longest <= limit {
			return lengths
		}
		for i, v := range f {
			if v > 0 {
				f[i] = (v + 1) / 2
			}
		}
	}
}

type hNode struct {
	weight, order int // order: the least symbol below, for ties
	syms          []int
}

type hHeap []hNode

func (h hHeap) Len() int { return len(h) }
func (h hHeap) Less(i, j int) bool {
	return h[i].weight < h[j].weight || h[i].weight == h[j].weight && h[i].order < h[j].order
}
func (h hHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *hHeap) Push(x any)   { *h = append(*h, x.(hNode)) }
func (h *hHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func huffman(freq []int) (lengths []uint8, longest uint8) {
	lengths = make([]uint8, len(freq))
	var h hHeap
	for s, w := range freq {
		if w > 0 {
			h = append(h, hNode{w, s, []int{s}})
		}
	}
	if len(h) == 1 { // one symbol still needs a one-bit code
		lengths[h[0].syms[0]] = 1
		return lengths, 1
	}
	heap.Init(&h)
	for h.Len() > 1 {
		a, b := heap.Pop(&h).(hNode), heap.Pop(&h).(hNode)
		for _, s := range a.syms {
			lengths[s]++
		}
		for _, s := range b.syms {
			lengths[s]++
		}
		heap.Push(&h, hNode{a.weight + b.weight, min(a.order, b.order), slices.Concat(a.syms, b.syms)})
	}
	for _, n := range lengths {
		longest = max(longest, n)
	}
	return lengths, longest
}
