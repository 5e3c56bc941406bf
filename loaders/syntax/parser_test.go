package syntax

import (
	"math/rand/v2"
	"testing"
)

// goldHeads is the gold head of each word of s, with index 0 the root.
func goldHeads(s Sentence) []int {
	gh := []int{none}
	for _, w := range s.Words {
		gh = append(gh, w.Head)
	}
	return gh
}

// TestZeroCostMovesRebuildTheGoldTree: the dynamic oracle's costs are
// right if always taking a move of cost 0 ends in the gold tree, for the
// projective trees the arc-hybrid system can build.
func TestZeroCostMovesRebuildTheGoldTree(t *testing.T) {
	for _, s := range readTestdata(t, "trade.conllu") {
		gh := goldHeads(s)
		var st parseState
		st.reset(len(s.Words))
		var cost [moveCount]int
		for !st.done() {
			st.costs(gh, cost[:])
			m := -1
			for k := range moveCount {
				if st.valid(k) && cost[k] == 0 {
					m = k
					break
				}
			}
			if m < 0 {
				t.Fatalf("%q: no move of cost 0 from stack %v, buffer at %d", s.Text(), st.stack, st.b)
			}
			st.apply(m, 0)
		}
		for i := 1; i <= st.n; i++ {
			if st.head[i] != gh[i] {
				t.Errorf("%q: word %d got head %d, gold %d", s.Text(), i, st.head[i], gh[i])
			}
		}
	}
}

// TestCostsCountTheArcsLost: after random moves, the cheapest way on loses
// exactly what the costs promised: the gold arcs the final tree misses are
// the sum of the costs of the moves taken.
func TestCostsCountTheArcsLost(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range readTestdata(t, "trade.conllu") {
		gh := goldHeads(s)
		for trial := range 50 {
			var st parseState
			st.reset(len(s.Words))
			var cost [moveCount]int
			promised := 0
			for !st.done() {
				st.costs(gh, cost[:])
				var valid []int
				best := -1
				for k := range moveCount {
					if st.valid(k) {
						valid = append(valid, k)
						if best < 0 || cost[k] < cost[best] {
							best = k
						}
					}
				}
				m := best
				if rng.IntN(3) == 0 {
					m = valid[rng.IntN(len(valid))]
				}
				promised += cost[m]
				st.apply(m, 0)
			}
			lost := 0
			for i := 1; i <= st.n; i++ {
				if st.head[i] != gh[i] {
					lost++
				}
			}
			if lost != promised {
				t.Errorf("%q trial %d: %d heads lost, the costs said %d", s.Text(), trial, lost, promised)
			}
		}
	}
}

// TestEverySentenceGetsOneRoot: whatever the weights, the moves allowed
// end in a tree with a single root.
func TestEverySentenceGetsOneRoot(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 1; n <= 12; n++ {
		for range 20 {
			var st parseState
			st.reset(n)
			for !st.done() {
				var valid []int
				for k := range moveCount {
					if st.valid(k) {
						valid = append(valid, k)
					}
				}
				if len(valid) == 0 {
					t.Fatalf("%d words: stuck with stack %v, buffer at %d", n, st.stack, st.b)
				}
				st.apply(valid[rng.IntN(len(valid))], 0)
			}
			roots := 0
			for i := 1; i <= n; i++ {
				if st.head[i] == 0 {
					roots++
				}
				if st.head[i] == none {
					t.Fatalf("%d words: word %d has no head", n, i)
				}
			}
			if roots != 1 {
				t.Errorf("%d words: %d roots", n, roots)
			}
		}
	}
}
