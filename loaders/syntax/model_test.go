package syntax

import (
	"bytes"
	"strings"
	"testing"
)

// trainSmall trains a model on the four sentences of testdata/trade.conllu.
func trainSmall(t *testing.T) (*Model, []byte) {
	t.Helper()
	m, err := Train(readTestdata(t, "trade.conllu"), TrainOptions{TaggerEpochs: 6, ParserEpochs: 12, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	return m, b.Bytes()
}

func TestTrainingIsDeterministic(t *testing.T) {
	_, a := trainSmall(t)
	_, b := trainSmall(t)
	if !bytes.Equal(a, b) {
		t.Errorf("two trainings with the same seed wrote %d and %d different bytes", len(a), len(b))
	}
}

func TestAModelLearnsItsTrainingSentences(t *testing.T) {
	m, _ := trainSmall(t)
	sc, err := m.Score(readTestdata(t, "trade.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	// the parser learns on tags from taggers that saw three of the four
	// sentences, so it does not learn them by heart; a broken one gets
	// a third of the heads
	if sc.UPOSF1() < 0.95 || sc.UASF1() < 0.75 || sc.LemmaF1() < 0.95 {
		t.Errorf("on its own training sentences: %v", sc)
	}
}

func TestReadModelGivesTheSameParses(t *testing.T) {
	m, b := trainSmall(t)
	r, err := ReadModel(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"Korea cut tariffs on beef.", "The ministry didn't open its market."} {
		want, got := m.Parse(text), r.Parse(text)
		for i := range want.Words {
			if want.Words[i] != got.Words[i] {
				t.Errorf("%q word %d: %+v, read back %+v", text, i+1, want.Words[i], got.Words[i])
			}
		}
	}
}

func TestReadModelRefusesDamage(t *testing.T) {
	_, b := trainSmall(t)
	if _, err := ReadModel(strings.NewReader("not a model")); err == nil || !strings.HasPrefix(err.Error(), "not a syntax model") {
		t.Errorf("text: %v", err)
	}
	for _, n := range []int{10, len(b) / 3, len(b) / 2, len(b) - 9} {
		_, err := ReadModel(bytes.NewReader(b[:n]))
		if err == nil {
			t.Errorf("the first %d of %d bytes read as a model", n, len(b))
		}
	}
	// a changed byte fails the compressed stream's checksum
	bad := bytes.Clone(b)
	bad[len(bad)/2] ^= 0x40
	if _, err := ReadModel(bytes.NewReader(bad)); err == nil {
		t.Error("a model with a changed byte read")
	}
}

// FuzzReadModel: whatever the bytes, ReadModel returns a model or an
// error, never panics, and a model it returns can parse.
func FuzzReadModel(f *testing.F) {
	m, err := Train(readTestdata(f, "trade.conllu"), TrainOptions{TaggerEpochs: 2, ParserEpochs: 2, Seed: 1})
	if err != nil {
		f.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add(b.Bytes()[:b.Len()/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadModel(bytes.NewReader(data))
		if err != nil {
			return
		}
		m.Parse("Chile agreed to scrap quotas on copper.")
	})
}
