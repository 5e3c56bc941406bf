package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	text := mustRun(t, "version").stdout
	if !strings.HasPrefix(text, "tradegraph ") || !strings.Contains(text, "(cayley v0.7.7-") {
		t.Errorf("version printed %q, want tradegraph's version and cayley's", text)
	}

	var v versionInfo
	out := mustRun(t, "--json", "version").stdout
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("version --json printed %q: %v", out, err)
	}
	if v.Version == "" || !strings.HasPrefix(v.Go, "go1.") || !strings.HasPrefix(v.Cayley, "v0.7.7-") {
		t.Errorf("version --json = %+v, want every field filled", v)
	}
}
