// Command tradegraph-train trains tradegraph's syntactic model (a tagger,
// a parser and a lemmatizer) from a Universal Dependencies treebank in
// CoNLL-U, reports its accuracy, and scores a parse against a gold one.
// Training is deterministic: the same treebank and flags give the same
// model bytes.
//
// Exit codes: 0 success, 1 failure, 2 usage error.
package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tradegraph/tradegraph/cmd/internal/tool"
	"github.com/tradegraph/tradegraph/loaders/syntax"
)

func main() { tool.Main(newRootCmd) }

// run runs the command with args and returns its exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return tool.Run(ctx, newRootCmd(stdout, stderr), args, stderr)
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "tradegraph-train",
		Short: "Train and score tradegraph's syntactic model",
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newTrainCmd(stdout, stderr), newScoreCmd(stdout), newTextCmd(stdout))
	return root
}

// trainOptions are the flags of train.
type trainOptions struct {
	Treebank     string
	Train        string
	Dev          string
	Test         string
	Out          string
	Seed         uint64
	TaggerEpochs int
	ParserEpochs int
	MinUpdates   int
	MinWeight    float64
	Quiet        bool
	stdout       io.Writer
	stderr       io.Writer
}

func newTrainCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &trainOptions{stdout: stdout, stderr: stderr}
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train a model on a treebank and report its accuracy on the dev and test files",
		Long: `Train reads the treebank's train, dev and test files (by default
en_ewt-ud-{train,dev,test}.conllu in --treebank), trains the tagger, the
lemmatizer and the parser on the train file, prints the accuracy on the dev
and test files with their gold words and predicted tags, and writes the model
to --out.`,
		Args: tool.Usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runTrain(cmd.Context(), o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.Treebank, "treebank", "../shared/ud", "the folder of the treebank's files")
	f.StringVar(&o.Train, "train", "en_ewt-ud-train.conllu", "the training file, in --treebank unless a path")
	f.StringVar(&o.Dev, "dev", "en_ewt-ud-dev.conllu", "the development file, in --treebank unless a path")
	f.StringVar(&o.Test, "test", "en_ewt-ud-test.conllu", "the test file, in --treebank unless a path; empty for none")
	f.StringVar(&o.Out, "out", "data/model/syntax.model.gz", "where to write the model")
	f.Uint64Var(&o.Seed, "seed", 1, "the seed of the training order")
	f.IntVar(&o.TaggerEpochs, "tagger-epochs", syntax.DefaultTrainOptions.TaggerEpochs, "passes over the training file for the tagger")
	f.IntVar(&o.ParserEpochs, "parser-epochs", syntax.DefaultTrainOptions.ParserEpochs, "passes over the training file for the parser")
	f.IntVar(&o.MinUpdates, "min-updates", syntax.DefaultTrainOptions.MinUpdates, "keep the features that took part in at least this many updates")
	f.Float64Var(&o.MinWeight, "min-weight", syntax.DefaultTrainOptions.MinWeight, "drop relation weights smaller than this, and tagger weights smaller than half of it")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "no progress on stderr")
	return cmd
}

// inTreebank is name in the treebank folder, unless it is a path of its own.
func (o *trainOptions) inTreebank(name string) string {
	if name == "" || strings.ContainsRune(name, filepath.Separator) {
		return name
	}
	return filepath.Join(o.Treebank, name)
}

func readTreebank(path string) ([]syntax.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return syntax.ReadCoNLLU(f, path)
}

func runTrain(ctx context.Context, o *trainOptions) error {
	if o.TaggerEpochs < 1 || o.ParserEpochs < 1 {
		return tool.UsageError{Err: errors.New("--tagger-epochs and --parser-epochs must be at least 1")}
	}
	train, err := readTreebank(o.inTreebank(o.Train))
	if err != nil {
		return err
	}
	dev, err := readTreebank(o.inTreebank(o.Dev))
	if err != nil {
		return err
	}
	var test []syntax.Sentence
	if o.Test != "" {
		if test, err = readTreebank(o.inTreebank(o.Test)); err != nil {
			return err
		}
	}
	opt := syntax.TrainOptions{TaggerEpochs: o.TaggerEpochs, ParserEpochs: o.ParserEpochs, MinUpdates: o.MinUpdates, MinWeight: o.MinWeight, Seed: o.Seed}
	start := time.Now()
	if !o.Quiet {
		opt.Log = func(format string, args ...any) {
			fmt.Fprintf(o.stderr, "%6.1fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
		}
	}
	opt.Context = ctx
	words := 0
	for _, s := range train {
		words += len(s.Words)
	}
	m, err := syntax.Train(train, opt)
	if err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(o.stdout, "trained on %s: %d sentences, %d words, in %.0f s\n", o.inTreebank(o.Train), len(train), words, took.Seconds())
	report := func(name string, gold []syntax.Sentence) (syntax.Scores, error) {
		sc, err := m.Score(gold)
		if err != nil {
			return sc, fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(o.stdout, "%-5s UPOS %.4f  lemma %.4f  UAS %.4f  LAS %.4f  (%d words, gold words, predicted tags)\n",
			name, sc.UPOSF1(), sc.LemmaF1(), sc.UASF1(), sc.LASF1(), sc.Gold)
		return sc, nil
	}
	dsc, err := report("dev", dev)
	if err != nil {
		return err
	}
	about := fmt.Sprintf("trained on %s (%d sentences) with seed %d, %d tagger and %d parser epochs; dev UPOS %.4f UAS %.4f LAS %.4f",
		filepath.Base(o.inTreebank(o.Train)), len(train), o.Seed, o.TaggerEpochs, o.ParserEpochs, dsc.UPOSF1(), dsc.UASF1(), dsc.LASF1())
	if test != nil {
		tsc, err := report("test", test)
		if err != nil {
			return err
		}
		about += fmt.Sprintf("; test UPOS %.4f UAS %.4f LAS %.4f", tsc.UPOSF1(), tsc.UASF1(), tsc.LASF1())
	}
	m.About = about
	return writeModel(o, m)
}

// writeModel writes m to o.Out through a temporary file, so that a failed
// write leaves the old model in place.
func writeModel(o *trainOptions, m *syntax.Model) error {
	if dir := filepath.Dir(o.Out); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(o.Out), ".model-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	w := bufio.NewWriter(io.MultiWriter(tmp, h))
	if err := m.Write(w); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", o.Out, err)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", o.Out, err)
	}
	st, err := tmp.Stat()
	if err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", o.Out, err)
	}
	if err := os.Rename(tmp.Name(), o.Out); err != nil {
		return err
	}
	fmt.Fprintf(o.stdout, "wrote %s: %.1f MB, sha256 %x\n", o.Out, float64(st.Size())/1e6, h.Sum(nil))
	return nil
}

func newScoreCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "score GOLD.conllu SYSTEM.conllu",
		Short: "Score a parse against a gold one, words matched by their characters",
		Long: `Score matches the system's words to the gold words by the characters they
cover, as the CoNLL 2018 shared task does, so that the system may have
tokenized and split sentences its own way, and prints F1 scores of words,
UPOS, lemmas, UAS and LAS (universal relations, without subtypes).`,
		Args: tool.Usage(cobra.ExactArgs(2)),
		RunE: func(_ *cobra.Command, args []string) error {
			gold, err := readTreebank(args[0])
			if err != nil {
				return err
			}
			sys, err := readTreebank(args[1])
			if err != nil {
				return err
			}
			sc := syntax.Align(gold, sys)
			fmt.Fprintf(stdout, "words %.4f  UPOS %.4f  lemma %.4f  UAS %.4f  LAS %.4f  (%d gold words, %d system words)\n",
				sc.WordsF1(), sc.UPOSF1(), sc.LemmaF1(), sc.UASF1(), sc.LASF1(), sc.Gold, sc.System)
			return nil
		},
	}
}

func newTextCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "text FILE.conllu",
		Short: "Print each sentence's text as a paragraph of its own, for parsing from raw text",
		Args:  tool.Usage(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, args []string) error {
			sents, err := readTreebank(args[0])
			if err != nil {
				return err
			}
			w := bufio.NewWriter(stdout)
			for i := range sents {
				t := sents[i].Text()
				if t == "" {
					return fmt.Errorf("%s: sentence %d has no # text", args[0], i+1)
				}
				fmt.Fprintf(w, "%s\n\n", t)
			}
			return w.Flush()
		},
	}
}
