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

// TestVersionLeavesTheModelAlone checks that a verb that does not parse
// does not pay for the syntactic model: decoding it takes the peak memory
// of the process far above what the rest of tradegraph needs.
func TestVersionLeavesTheModelAlone(t *testing.T) {
	version := runChild(t, "version")
	if version.code != exitOK {
		t.Fatalf("version: exit %d: %s", version.code, version.stderr)
	}
	if version.peakMB > 60 {
		t.Errorf("version peaked at %d MB, above 60 MB", version.peakMB)
	}
	parse := runChild(t, "parse", writeParseArticle(t, parseText))
	if parse.code != exitOK {
		t.Fatalf("parse: exit %d: %s", parse.code, parse.stderr)
	}
	if parse.peakMB < version.peakMB+20 {
		t.Errorf("parse peaked at %d MB and version at %d MB: parse seems not to load the model, or version to load it too", parse.peakMB, version.peakMB)
	}
}
