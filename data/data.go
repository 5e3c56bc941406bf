// Package data holds what tradegraph ships: the default lexicon, the
// sample article and the syntactic model, embedded in the binary.
package data

import "embed"

// Lexicon is the default lexicon: data/lexicon/*.yaml.
//
//go:embed lexicon/*.yaml
var Lexicon embed.FS

// Articles holds the sample articles: data/articles/*.
//
//go:embed articles
var Articles embed.FS

// SyntaxModel is the syntactic model (tagger, parser, lemmatizer) trained
// by cmd/tradegraph-train on UD English EWT: data/model/syntax.model.gz.
// The bytes stay in the binary's read-only data until a verb that parses
// decodes them.
//
//go:embed model/syntax.model.gz
var SyntaxModel []byte
