#!/usr/bin/env bash
# bench-vs-cayley.sh loads the same synthetic N-Quads file into a new bolt
# store with Cayley's own loader and with tradegraph, in one run, several
# times each, and prints the median time, rate and peak memory of each and
# their ratios to Cayley's loader.
#
#   cmd/tradegraph-synth/bench-vs-cayley.sh [-n QUADS] [-r RUNS] [-k DIR]
#
#   -n  quads in the file (default 1000000)
#   -r  runs of each loader (default 3; the medians are reported)
#   -k  keep the binaries, the file and the stores in DIR
#
# cayley is built from the module cache at the version go.mod requires, in
# a temporary module outside the repository (its dependencies come from the
# Go module proxy on first use). "cayley" is its `cayley load` as shipped;
# "cayley no_bloom" the same with the store option tradegraph opens bolt
# with. Peak memory is /usr/bin/time -v's "Maximum resident set size".
set -euo pipefail

quads=1000000
runs=3
keep=""
while getopts "n:r:k:" opt; do
	case $opt in
	n) quads=$OPTARG ;;
	r) runs=$OPTARG ;;
	k) keep=$OPTARG ;;
	*) sed -n '2,20p' "$0" >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")/../.."
if [[ ! -x /usr/bin/time ]]; then
	echo "needs /usr/bin/time (apt-get install time)" >&2
	exit 1
fi
if [[ -n $keep ]]; then
	work=$keep
	mkdir -p "$work"
else
	work=$(mktemp -d /tmp/bench-vs-cayley.XXXXXX)
	trap 'rm -rf "$work"' EXIT
fi

version=$(go list -m -f '{{.Version}}' github.com/cayleygraph/cayley)
echo "==> building cayley $version, tradegraph and tradegraph-synth"
mkdir -p "$work/cayley-build"
cat >"$work/cayley-build/go.mod" <<EOF
module cayleybuild

go 1.26

require github.com/cayleygraph/cayley $version
EOF
cat >"$work/cayley-build/tools.go" <<'EOF'
//go:build tools

package tools

import _ "github.com/cayleygraph/cayley/cmd/cayley"
EOF
cp go.sum "$work/cayley-build/go.sum"
(cd "$work/cayley-build" && GOFLAGS=-mod=mod go build -o "$work/cayley" github.com/cayleygraph/cayley/cmd/cayley)
go build -o "$work/tradegraph" ./cmd/tradegraph
go build -o "$work/tradegraph-synth" ./cmd/tradegraph-synth

file=$work/synthetic-$quads.nq
if [[ ! -s $file ]]; then
	"$work/tradegraph-synth" nquads -n "$quads" -o "$file" --seed 1
fi
cat >"$work/no_bloom.json" <<EOF
{"store": {"backend": "bolt", "options": {"no_bloom": true}}}
EOF

# measure NAME COMMAND...: run once under /usr/bin/time, append "seconds kB"
# to $work/NAME.times.
measure() {
	local name=$1
	shift
	/usr/bin/time -v "$@" >"$work/$name.out" 2>"$work/$name.err" ||
		{ cat "$work/$name.err" >&2; exit 1; }
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/Maximum resident set size/ { kb = $2 }
		END { print s, kb }' "$work/$name.err" >>"$work/$name.times"
}

rm -f "$work"/*.times
echo "==> $runs runs of each loader on $quads quads ($(du -h "$file" | cut -f1))"
for run in $(seq "$runs"); do
	# the order turns each run, so neither loader always goes first
	for name in $(if ((run % 2)); then echo cayley cayley-no_bloom tradegraph; else echo tradegraph cayley-no_bloom cayley; fi); do
		db=$work/$name.db
		rm -rf "$db"
		case $name in
		cayley) measure "$name" "$work/cayley" load --init -d bolt -a "$db" -i "$file" ;;
		cayley-no_bloom) measure "$name" "$work/cayley" load --init -c "$work/no_bloom.json" -a "$db" -i "$file" ;;
		tradegraph) measure "$name" "$work/tradegraph" --db "$db" load "$file" ;;
		esac
		echo "    run $run $name: $(tail -n 1 "$work/$name.times" | awk '{printf "%.1f s, %.0f MB", $1, $2 / 1024}')"
	done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "==> tradegraph stored $("$work/tradegraph" --db "$work/tradegraph.db" --json stats | awk -F'[:,]' '/"quads"/ { print $2 + 0 }') quads"
printf '%-17s %9s %12s %10s %14s %14s\n' loader "median s" "quads/s" "peak MB" "rate vs cayley" "memory vs cayley"
base_s=$(cut -d' ' -f1 "$work/cayley.times" | median)
base_kb=$(cut -d' ' -f2 "$work/cayley.times" | median)
for name in cayley cayley-no_bloom tradegraph; do
	s=$(cut -d' ' -f1 "$work/$name.times" | median)
	kb=$(cut -d' ' -f2 "$work/$name.times" | median)
	awk -v n="$name" -v q="$quads" -v s="$s" -v kb="$kb" -v bs="$base_s" -v bkb="$base_kb" 'BEGIN {
		printf "%-17s %9.1f %12.0f %10.0f %13.2fx %13.2fx\n", n, s, q / s, kb / 1024, bs / s, kb / bkb }'
done
