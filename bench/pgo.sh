#!/usr/bin/env bash
# Writes default.pgo, the CPU profile `go build` uses for profile-guided
# optimisation of the hub binary (https://go.dev/doc/pgo): two clean builds
# of a generated 10,000-page hub, site and search index, merged.
#
#   bench/pgo.sh            # then commit default.pgo
#   PAGES=1000 bench/pgo.sh # a quicker, less representative profile
#
# The Go toolchain picks default.pgo up by itself for the main package in
# the same folder (go build, go run, go install, go test of that package).
# A profile taken from older code still helps: the compiler matches
# functions by name and skips what it no longer finds. Take it again after
# a change that moves where a build spends its time.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-10000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Built without a profile, so the profile describes plain code.
go build -pgo=off -o "$WORK/hub" .
go run ./bench/corpus -pages "$PAGES" -out "$WORK/site"
for i in 1 2; do
  # A clean build each time: no output, index or image store to reuse.
  rm -rf "$WORK/site/.hub"
  "$WORK/hub" build --site "$WORK/site" --out "$WORK/out-$i" --index "$WORK/index-$i" \
    --quiet -cpuprofile "$WORK/cpu-$i.prof"
done
go tool pprof -proto "$WORK/cpu-1.prof" "$WORK/cpu-2.prof" > default.pgo
echo "wrote default.pgo ($(wc -c < default.pgo) bytes) from two builds of $PAGES pages"
