package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

type versionInfo struct {
	Version string `json:"version"`
	Go      string `json:"go"`
	Cayley  string `json:"cayley"`
}

func newVersionCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of tradegraph and of the Cayley engine",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := buildVersion()
			if g.JSON {
				return g.printJSON(v)
			}
			_, err := fmt.Fprintf(g.IO.Out, "tradegraph %s (cayley %s, %s)\n", v.Version, v.Cayley, v.Go)
			return err
		},
	}
}

func buildVersion() versionInfo {
	v := versionInfo{Version: version, Cayley: "unknown"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v.Go = bi.GoVersion
		if v.Version == "" {
			v.Version = bi.Main.Version
		}
		for _, d := range bi.Deps {
			if d.Path == "github.com/cayleygraph/cayley" {
				v.Cayley = d.Version
			}
		}
	}
	if v.Version == "" || v.Version == "(devel)" {
		v.Version = "dev"
	}
	return v
}
