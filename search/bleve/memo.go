package bleveengine

import "hash/maphash"

// wordMemo maps lower-cased words to their stems' ids (noStem for a stop
// word): the memo of textAnalyzer, looked up once for every word a build indexes.
//
// It is an open-addressing table whose keys live in one byte arena, rather
// than a map[string]uint32 whose keys are each a string of their own: a
// lookup then compares the word against bytes next to the other words, not
// behind a pointer to anywhere in the heap, and a miss stops at the first
// empty slot. The slots keep a hash of their key, so that a probe compares
// bytes only when the hashes agree.
type wordMemo struct {
	seed  maphash.Seed
	slots []memoSlot // length a power of two, at most half full
	arena []byte     // the keys, one after another
	n     int        // words in the memo
}

type memoSlot struct {
	hash uint64 // of the key, never 0: 0 marks an empty slot
	off  uint32 // the key is arena[off : off+len]
	len  uint32
	id   uint32
}

func newWordMemo(size int) *wordMemo {
	n := 16
	for n < 2*size {
		n *= 2
	}
	return &wordMemo{seed: maphash.MakeSeed(), slots: make([]memoSlot, n), arena: make([]byte, 0, 8*size)}
}

// hash returns the hash of word as the memo keeps it.
func (m *wordMemo) hash(word []byte) uint64 {
	return maphash.Bytes(m.seed, word) | 1
}

// get returns the stem id of word, whose hash is h, and whether the memo
// has it.
func (m *wordMemo) get(word []byte, h uint64) (uint32, bool) {
	mask := uint64(len(m.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &m.slots[i]
		if s.hash == 0 {
			return 0, false
		}
		if s.hash == h && string(m.arena[s.off:s.off+s.len]) == string(word) {
			return s.id, true
		}
	}
}

// put records the stem id of word, whose hash is h and which the memo has
// not.
func (m *wordMemo) put(word []byte, h uint64, id uint32) {
	if 2*(m.n+1) > len(m.slots) {
		m.grow()
	}
	off := len(m.arena)
	m.arena = append(m.arena, word...)
	m.insert(memoSlot{hash: h, off: uint32(off), len: uint32(len(word)), id: id})
	m.n++
}

func (m *wordMemo) insert(s memoSlot) {
	mask := uint64(len(m.slots) - 1)
	i := s.hash & mask
	for m.slots[i].hash != 0 {
		i = (i + 1) & mask
	}
	m.slots[i] = s
}

func (m *wordMemo) grow() {
	old := m.slots
	m.slots = make([]memoSlot, 2*len(old))
	for _, s := range old {
		if s.hash != 0 {
			m.insert(s)
		}
	}
}

// len returns how many words the memo has.
func (m *wordMemo) len() int { return m.n }

// reset empties the memo, keeping its room.
func (m *wordMemo) reset() {
	clear(m.slots)
	m.arena = m.arena[:0]
	m.n = 0
}
