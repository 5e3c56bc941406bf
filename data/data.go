// Package data holds what tradegraph ships: the default lexicon and the
// sample article, embedded in the binary.
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
