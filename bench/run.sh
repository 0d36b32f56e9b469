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
#   copy                   cp -r of hub's output: what the disk alone costs
# and prints the median wall time, CPU time (user + system) and peak memory
# (RSS) of each, and ratios. Hugo is left out above HUGO_PAGES_MAX pages
# (default 10000): its related pages grow quadratically, and at 100,000
# pages one run would take hours.
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
HUGO_ALL=$(command -v hugo || true)
HUGO_PAGES_MAX=${HUGO_PAGES_MAX:-10000}

# measure NAME CMD...: appends "seconds kilobytes cpu-seconds" to $WORK/NAME.times
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/last.time" "$@" >/dev/null 2>"$WORK/last.err" || {
    echo "failed: $*"; cat "$WORK/last.err"; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$WORK/last.time" >> "$WORK/$name.times"
}

median() { # column of $WORK/$1.times
  sort -n -k"$2" "$WORK/$1.times" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'
}

printf '%-8s %-22s %10s %10s %12s\n' pages what "wall (s)" "cpu (s)" "peak (MB)"
for n in "${SIZES[@]}"; do
  site="$WORK/site-$n"
  [ -f "$site/hub.toml" ] || "$WORK/corpus" -pages "$n" -out "$site"
  HUGO=$HUGO_ALL
  [ "$n" -le "$HUGO_PAGES_MAX" ] || HUGO=
  rm -f "$WORK"/*.times
  for _ in $(seq "$RUNS"); do
    measure hub "$WORK/hub" build --site "$site" --out "$WORK/out-hub" --index "$WORK/index" --quiet
    if [ -n "$HUGO" ]; then
      measure hugo "$HUGO" --minify --quiet --source "$site" --config "$PWD/bench/hugo/hugo.toml" \
        --layoutDir "$PWD/bench/hugo/layouts" --destination "$WORK/out-hugo"
    fi
    measure noindex "$WORK/hub" build --site "$site" --out "$WORK/out-hub" --no-index --quiet
    measure floor "$WORK/floor" "$site"
    # What writing hub's output costs this machine's disk alone.
    rm -rf "$WORK/out-copy"
    measure copy cp -r "$WORK/out-hub" "$WORK/out-copy"
  done
  for what in hub hugo noindex floor copy; do
    [ -f "$WORK/$what.times" ] || continue
    t=$(median "$what" 1); kb=$(median "$what" 2); cpu=$(median "$what" 3)
    label=$what
    case $what in
      hub) label="hub build";; hugo) label="hugo --minify";;
      noindex) label="hub build --no-index";; floor) label="goldmark floor";;
      copy) label="cp -r of hub's output";;
    esac
    printf '%-8s %-22s %10s %10s %12d\n' "$n" "$label" "$t" "$cpu" $((kb / 1024))
    eval "t_$what=$t"
  done
  if [ -n "$HUGO" ]; then
    awk -v a="$t_hugo" -v b="$t_hub" 'BEGIN {printf "%-8s hugo / hub              %10.1fx\n", "'"$n"'", a / b}'
  fi
  awk -v a="$t_noindex" -v b="$t_floor" 'BEGIN {printf "%-8s no-index / floor        %10.2fx\n", "'"$n"'", a / b}'
  echo "$n pages: $(find "$WORK/out-hub" -name '*.html' | wc -l) HTML files (hub)$( [ -n "$HUGO" ] && echo ", $(find "$WORK/out-hugo" -name '*.html' | wc -l) (hugo)")"
done
