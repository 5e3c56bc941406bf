package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func trainTool(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errs bytes.Buffer
	code := run(t.Context(), args, &out, &errs)
	return code, out.String(), errs.String()
}

func trainTiny(t *testing.T, out string) string {
	t.Helper()
	code, stdout, stderr := trainTool(t, "train", "-q", "--treebank", "testdata", "--train", "tiny.conllu",
		"--dev", "tiny.conllu", "--test", "tiny.conllu", "--tagger-epochs", "3", "--parser-epochs", "4", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return stdout
}

func TestTrainReportsAndWritesTheSameModelTwice(t *testing.T) {
	dir := t.TempDir()
	a := trainTiny(t, filepath.Join(dir, "a", "model.gz"))
	b := trainTiny(t, filepath.Join(dir, "b", "model.gz"))
	lines := strings.Split(strings.TrimSpace(a), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "trained on testdata/tiny.conllu: 4 sentences, 27 words") ||
		!strings.HasPrefix(lines[1], "dev   UPOS ") || !strings.HasPrefix(lines[2], "test  UPOS ") || !strings.HasPrefix(lines[3], "wrote ") {
		t.Fatalf("report:\n%s", a)
	}
	sha := func(report string) string { _, s, _ := strings.Cut(report, "sha256 "); return s }
	if sha(a) == "" || sha(a) != sha(b) {
		t.Errorf("two trainings wrote different models:\n%s\n%s", a, b)
	}
	ma, _ := os.ReadFile(filepath.Join(dir, "a", "model.gz"))
	mb, _ := os.ReadFile(filepath.Join(dir, "b", "model.gz"))
	if len(ma) == 0 || !bytes.Equal(ma, mb) {
		t.Errorf("the model files differ (%d and %d bytes)", len(ma), len(mb))
	}
}

func TestScoreAndText(t *testing.T) {
	code, out, stderr := trainTool(t, "score", "testdata/tiny.conllu", "testdata/tiny.conllu")
	if code != 0 || out != "words 1.0000  UPOS 1.0000  lemma 1.0000  UAS 1.0000  LAS 1.0000  (27 gold words, 27 system words)\n" {
		t.Errorf("exit %d, %q %s", code, out, stderr)
	}
	code, out, _ = trainTool(t, "text", "testdata/tiny.conllu")
	if code != 0 || !strings.HasPrefix(out, "Japan cut tariffs on rice.\n\nThe ministry didn't lift the ban.\n\n") || strings.Count(out, "\n\n") != 4 {
		t.Errorf("exit %d, %q", code, out)
	}
}

func TestTrainErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "--treebank", "testdata", "--train", "nope.conllu"}, 1, "tradegraph-train: open testdata/nope.conllu: no such file or directory\n"},
		{[]string{"train", "--parser-epochs", "0"}, 2, "tradegraph-train: --tagger-epochs and --parser-epochs must be at least 1\n"},
		{[]string{"score", "testdata/tiny.conllu"}, 2, "tradegraph-train: accepts 2 arg(s), received 1\n"},
	} {
		code, _, stderr := trainTool(t, c.args...)
		if code != c.code || stderr != c.want {
			t.Errorf("%v: exit %d, %q; want %d, %q", c.args, code, stderr, c.code, c.want)
		}
	}
}
