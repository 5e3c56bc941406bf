package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A lost server is recognised in whatever form the error reaches us: typed,
// or flattened to text by cayley's SQL layer; a server that was never
// reached is not "lost".
func TestExplainStoreError(t *testing.T) {
	addr := "postgres://u:pw@127.0.0.1:5999/tg"
	tests := []struct {
		err  error
		lost bool
	}{
		{errors.New("writing to the store: sql query failed: pq: the database system is shutting down query: SELECT 1"), true},
		{fmt.Errorf("writing to the store: %s", "read tcp 127.0.0.1:1->127.0.0.1:5999: read: connection reset by peer"), true},
		{errors.New("postgres postgres://u:xxxxx@127.0.0.1:5999/tg: dial tcp 127.0.0.1:5999: connect: connection refused"), false},
		{errors.New("a.nq:3: malformed N-Quads"), false},
	}
	for _, tt := range tests {
		got := explainStoreError(tt.err, "", addr)
		lost := strings.HasPrefix(got.Error(), "lost the connection to the postgres server at 127.0.0.1:5999")
		if lost != tt.lost {
			t.Errorf("%q -> %q", tt.err, got)
		}
	}
	kv := "host=127.0.0.1 port=5999 user=u password='p w' dbname=tg"
	got := explainStoreError(errors.New("read tcp 127.0.0.1:1->127.0.0.1:5999: read: connection reset by peer"), "", kv)
	if !strings.HasPrefix(got.Error(), "lost the connection to the postgres server at 127.0.0.1:5999 ") {
		t.Errorf("a key=value address: %q", got)
	}
	if got := explainStoreError(errors.New("connection reset by peer"), "", "tradegraph.db"); got.Error() != "connection reset by peer" {
		t.Errorf("a bolt store's error changed: %q", got)
	}
}
