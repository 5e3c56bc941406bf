package graph_test

import (
	"testing"

	"github.com/tradegraph/tradegraph/graph"
)

func TestServer(t *testing.T) {
	for _, tc := range []struct{ addr, want string }{
		{"postgres://tg:pw@db.example:5433/tg", "db.example:5433"},
		{"postgresql://db.example/tg", "db.example"},
		{"host=db.example port=5433 user=tg password='se cret' dbname=tg", "db.example:5433"},
		{"host = '::1' port=5433", "[::1]:5433"},
		{"host=db.example dbname=tg", "db.example"},
		{"dbname=tg", ""},
		{"host=db.example password='never closed", ""},
		{"postgres://tg:se cret@db.example/tg", ""},
	} {
		if got := graph.Server(tc.addr); got != tc.want {
			t.Errorf("Server(%q) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}
