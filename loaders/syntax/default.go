package syntax

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/tradegraph/tradegraph/data"
)

// Default is the model shipped in the binary, decoded on the first call:
// only the verbs that parse pay for it.
var Default = sync.OnceValues(readDefault)

func readDefault() (*Model, error) {
	m, err := ReadModel(bytes.NewReader(data.SyntaxModel))
	if err != nil {
		return nil, fmt.Errorf("the syntactic model in this binary: %w", err)
	}
	return m, nil
}
