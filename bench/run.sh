#!/usr/bin/env bash
# Whole-process benchmark of hub, side by side with Hugo (when installed).
#
#   bench/run.sh              # 1,000 and 10,000 pages, 3 runs each
#   RUNS=5 bench/run.sh 1000 10000 100000
#
# For each size it generates a hub (internal/corpus, deterministic by seed),
# then runs, paired and alternating so drift in the machine hits all alike:
#   hub build              site + search index, minified
#   hugo --minify          the same content with equivalent templates (bench/hugo)
#   hub build --no-index   site only
#   floor                  read + front matter + goldmark to memory (bench/floor)
# and prints the median wall time and peak memory (RSS) of each, and ratios.
# Needs /usr/bin/time (Debian package "time"); Hugo from "apt-get install hugo".
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
WORK=${WORK:-/tmp/hub-bench}
mkdir -p "$WORK"

go build -o "$WORK/hub" .
go build -o "$WORK/floor" ./bench/floor
go build -o "$WORK/corpus" ./bench/corpus
HUGO=$(command -v hugo || true)

# measure NAME CMD...: appends "seconds kilobytes" to $WORK/NAME.times
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/last.time" "$@" >/dev/null 2>"$WORK/last.err" || {
    echo "failed: $*"; cat "$WORK/last.err"; exit 1; }
  cat "$WORK/last.time" >> "$WORK/$name.times"
}

median() { # column of $WORK/$1.times
  sort -n -k"$2" "$WORK/$1.times" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'
}

printf '%-8s %-22s %10s %12s\n' pages what "wall (s)" "peak (MB)"
for n in "${SIZES[@]}"; do
  site="$WORK/site-$n"
  [ -f "$site/hub.toml" ] || "$WORK/corpus" -pages "$n" -out "$site"
  rm -f "$WORK"/*.times
  for _ in $(seq "$RUNS"); do
    measure hub "$WORK/hub" build --site "$site" --out "$WORK/out-hub" --index "$WORK/index" --quiet
    if [ -n "$HUGO" ]; then
      measure hugo "$HUGO" --minify --quiet --source "$site" --config "$PWD/bench/hugo/hugo.toml" \
        --layoutDir "$PWD/bench/hugo/layouts" --destination "$WORK/out-hugo"
    fi
    measure noindex "$WORK/hub" build --site "$site" --out "$WORK/out-hub" --no-index --quiet
    measure floor "$WORK/floor" "$site"
  done
  for what in hub hugo noindex floor; do
    [ -f "$WORK/$what.times" ] || continue
    t=$(median "$what" 1); kb=$(median "$what" 2)
    label=$what
    case $what in
      hub) label="hub build";; hugo) label="hugo --minify";;
      noindex) label="hub build --no-index";; floor) label="goldmark floor";;
    esac
    printf '%-8s %-22s %10s %12d\n' "$n" "$label" "$t" $((kb / 1024))
    eval "t_$what=$t"
  done
  if [ -n "$HUGO" ]; then
    awk -v a="$t_hugo" -v b="$t_hub" 'BEGIN {printf "%-8s hugo / hub              %10.1fx\n", "'"$n"'", a / b}'
  fi
  awk -v a="$t_noindex" -v b="$t_floor" 'BEGIN {printf "%-8s no-index / floor        %10.2fx\n", "'"$n"'", a / b}'
  echo "$n pages: $(find "$WORK/out-hub" -name '*.html' | wc -l) HTML files (hub)$( [ -n "$HUGO" ] && echo ", $(find "$WORK/out-hugo" -name '*.html' | wc -l) (hugo)")"
done
