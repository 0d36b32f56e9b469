#!/usr/bin/env bash
# Whole-process benchmark of hub, side by side with Hugo (when installed).
#
#   bench/run.sh              # 1,000 and 10,000 pages, 3 runs each
#   RUNS=5 bench/run.sh 1000 10000 100000
#   RUNS=1 HUGO_LIMIT=1800 bench/run.sh 100000
#
# For each size it generates a hub (internal/synth, deterministic by seed),
# then runs, paired and alternating so drift in the machine hits all alike:
#   hub build              site + search index, minified
#   hugo --minify          the same content with equivalent templates (bench/hugo)
#   hub build --no-index   site only
#   floor                  read + front matter + goldmark to memory (bench/floor)
#   copy                   cp -r of hub's output: what the disk alone costs
#   hub build (over last)  hub build again over that round's hub output and
#                          index: its old output goes to the site's
#                          .hub/previous-output instead of being deleted
#   hub build (third)      and once more: this one writes into the kept
#                          folder, leaving the files that did not change
# and prints the median wall time, CPU time (user + system) and peak memory
# (RSS) of each, then each run's figures in the order run, and ratios.
# Hugo is left out of the rounds above HUGO_PAGES_MAX pages (default
# 10000): its related pages grow quadratically, and at 100,000 pages one
# run would take hours. With HUGO_LIMIT=seconds it runs once more for such
# a size, after the rounds, and is stopped after that long: the line it
# prints bounds Hugo's time from below.
#
# All rows but the last are clean builds into folders that do not exist yet;
# used folders are renamed into $WORK/trash, deleted only before and after all
# timing. A clean build also starts without the site's .hub folder: hub keeps
# its image store there (.hub/images, every page's Open Graph card among
# it), and a row that found the cards an earlier row of its round drew
# skipped the 7-8 s of CPU drawing them takes at 10,000 pages, which the
# first row paid: the index seemed to cost 15 s of CPU, not the 5 it does.
#
# On this machine (ext4 without a journal, in a VM) a new inode whose
# inode table block is still in the page cache goes through
# recently_deleted() (fs/ext4/ialloc.c), and each such call costs tens of
# microseconds in the hypervisor: creating 34,000 files and folders took
# 6.2 s of system time right after deleting as many, and still did 150 s
# later, against 0.7 s into never-used inodes. The kernel passes over an
# inode deleted less than 60 s ago (RECENTCY_MIN; 300 s more while its
# table block is dirty), so a build just after a deletion reads the dtime
# of every inode freed, one cache lookup each: recently_deleted() was 11%
# of a 10,000-page hub build's samples (perf record) with the deletion 10 s
# before it. So after each deletion the script syncs (the blocks are clean),
# waits until the deleted inodes are a minute old, and, when it may (root),
# drops the page cache, then reads the corpus and binaries back in. Without
# root it says the rows after a deletion are slowed.
# With HUGO_NO_RELATED=1, Hugo is also timed without its related pages
# (bench/hugo/no-related.toml laid over hugo.toml), in the rounds and in
# the HUGO_LIMIT run: most of Hugo's time at 10,000 pages (bench/NOTES.md,
# "Hugo without related pages").
# With HUB_BEFORE=path/to/an/older/hub binary, each round also builds with it
# right after hub build ("hub build (before)"), so a change is measured
# before and after in one run, on the same machine state.
# Needs /usr/bin/time (Debian package "time"). Hugo is $HUGO_BIN, else
# $(go env GOPATH)/bin/hugo, else hugo on the PATH; the one to compare with is
# v0.145.0, the newest that builds here:
#   CGO_ENABLED=0 go install github.com/gohugoio/hugo@v0.145.0
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
WORK=${WORK:-/tmp/hub-bench}
TRASH=$WORK/trash
TIMES=$WORK/times
mkdir -p "$WORK"

go build -o "$WORK/hub" .
go build -o "$WORK/floor" ./bench/floor
go build -o "$WORK/corpus" ./bench/corpus
HUGO_ALL=${HUGO_BIN:-}
[ -n "$HUGO_ALL" ] || { [ -x "$(go env GOPATH)/bin/hugo" ] && HUGO_ALL="$(go env GOPATH)/bin/hugo"; } || true
[ -n "$HUGO_ALL" ] || HUGO_ALL=$(command -v hugo || true)
[ -z "$HUGO_ALL" ] || echo "hugo: $HUGO_ALL ($("$HUGO_ALL" version | cut -d' ' -f2))"
HUGO_PAGES_MAX=${HUGO_PAGES_MAX:-10000}
HUGO_LIMIT=${HUGO_LIMIT:-0}
# Hugo's rows, each with its config files.
declare -A HUGO_CONFIGS=([hugo]="$PWD/bench/hugo/hugo.toml")
[ -z "${HUGO_NO_RELATED:-}" ] || HUGO_CONFIGS[hugonorel]="${HUGO_CONFIGS[hugo]},$PWD/bench/hugo/no-related.toml"

label() { # a row's name in the table
  case $1 in
    hub) echo "hub build";; before) echo "hub build (before)";; hugo) echo "hugo --minify";;
    hugonorel) echo "hugo, no related";;
    noindex) echo "hub build --no-index";; floor) echo "goldmark floor";;
    copy) echo "cp -r of hub's output";; rebuild) echo "hub build (over last)";;
    rebuild2) echo "hub build (third)";;
  esac
}

# settle SITE: after deletions, write the freed inodes' blocks out and drop
# them from the cache (see above), then warm what the next runs read.
settle() {
  sync
  sleep "${SETTLE_SECONDS:-61}" # past RECENTCY_MIN (60 s) for what was deleted
  if [ -w /proc/sys/vm/drop_caches ]; then
    echo 3 > /proc/sys/vm/drop_caches
  else
    echo "cannot drop the page cache (not root): rows after a deletion are slowed" >&2
  fi
  find "$1" -type f -exec cat {} + > /dev/null
  cat "$WORK/hub" "$WORK/floor" ${HUGO_ALL:+"$HUGO_ALL"} > /dev/null
}

# Leftovers of earlier invocations, this script's older layout included.
rm -rf "$TRASH" "$TIMES" "$WORK"/run-* "$WORK/out-hub" "$WORK/out-hugo" "$WORK/out-copy" "$WORK/index" "$WORK/hugo-limited"
mkdir -p "$TRASH" "$TIMES"

# fresh DEST: the next build starts without the site's .hub folder (its
# image store, kept output and index), which is renamed to DEST: a
# rename, not a deletion (see settle), so no row is slowed.
fresh() {
  [ ! -d "$site/.hub" ] || mv "$site/.hub" "$1"
}

# measure NAME CMD...: appends "seconds kilobytes cpu-seconds page-faults"
# to $TIMES/NAME
measure() {
  local name=$1; shift
  sync # the last run's writes go out now, not during this one
  /usr/bin/time -f "%e %M %U %S %R" -o "$WORK/last.time" "$@" >/dev/null 2>"$WORK/last.err" || {
    echo "failed: $*"; cat "$WORK/last.err"; exit 1; }
  awk '{print $1, $2, $3 + $4, $5}' "$WORK/last.time" >> "$TIMES/$name"
}

median() { # column $2 of $TIMES/$1
  sort -n -k"$2" "$TIMES/$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'
}

declare -A med # median wall time of each row of the current size
printf '%-8s %-22s %10s %10s %12s   %s\n' pages what "wall (s)" "cpu (s)" "peak (MB)" "each run: wall/cpu/peak"
for ((s = 0; s < ${#SIZES[@]}; s++)); do
  n=${SIZES[s]}
  site="$WORK/site-$n"
  [ -f "$site/hub.toml" ] || "$WORK/corpus" -pages "$n" -out "$site"
  rm -rf "$site/.hub" # an earlier invocation's kept output
  settle "$site"
  med=()
  HUGO=$HUGO_ALL
  [ "$n" -le "$HUGO_PAGES_MAX" ] || HUGO=
  for ((r = 1; r <= RUNS; r++)); do
    # Every output of this round goes under $run, and none exists yet.
    run="$WORK/run-$n-$r"
    mkdir "$run"
    fresh "$run/kept-hub"
    measure "$n.hub" "$WORK/hub" build --site "$site" --out "$run/hub" --index "$run/index" --quiet
    if [ -n "${HUB_BEFORE:-}" ]; then
      fresh "$run/kept-before"
      measure "$n.before" "$HUB_BEFORE" build --site "$site" --out "$run/before" --index "$run/before-index" --quiet
    fi
    if [ -n "$HUGO" ]; then
      for row in hugo hugonorel; do
        [ -n "${HUGO_CONFIGS[$row]:-}" ] || continue
        measure "$n.$row" "$HUGO" --minify --quiet --source "$site" --config "${HUGO_CONFIGS[$row]}" \
          --layoutDir "$PWD/bench/hugo/layouts" --destination "$run/$row"
      done
    fi
    fresh "$run/kept-noindex"
    measure "$n.noindex" "$WORK/hub" build --site "$site" --out "$run/noindex" --no-index --quiet
    measure "$n.floor" "$WORK/floor" "$site"
    # What writing hub's output costs this machine's disk alone.
    measure "$n.copy" cp -r "$run/hub" "$run/copy"
    # Last: hub build again over this round's first build, twice.
    measure "$n.rebuild" "$WORK/hub" build --site "$site" --out "$run/hub" --index "$run/index" --quiet
    measure "$n.rebuild2" "$WORK/hub" build --site "$site" --out "$run/hub" --index "$run/index" --quiet
    mv "$run" "$TRASH/"
    # The next round's first build is a clean one: nothing kept to reuse.
    [ ! -d "$site/.hub" ] || mv "$site/.hub" "$TRASH/hub-kept-$n-$r"
    # The rebuild deleted the tree it replaced.
    [ "$r" -eq "$RUNS" ] || settle "$site"
  done
  for what in hub before hugo hugonorel noindex floor copy rebuild rebuild2; do
    [ -f "$TIMES/$n.$what" ] || continue
    t=$(median "$n.$what" 1); kb=$(median "$n.$what" 2); cpu=$(median "$n.$what" 3)
    label=$(label "$what")
    runs=$(awk '{printf "%s%s/%s/%d", (NR > 1 ? "  " : ""), $1, $3, $2 / 1024}' "$TIMES/$n.$what")
    printf '%-8s %-22s %10s %10s %12d   %s\n' "$n" "$label" "$t" "$cpu" $((kb / 1024)) "$runs"
    med[$what]=$t
  done
  # Ratios from the clean rows.
  if [ -n "$HUGO" ]; then
    awk -v n="$n" -v a="${med[hugo]}" -v b="${med[hub]}" 'BEGIN {printf "%-8s hugo / hub              %10.1fx\n", n, a / b}'
    [ -z "${med[hugonorel]:-}" ] ||
      awk -v n="$n" -v a="${med[hugonorel]}" -v b="${med[hub]}" 'BEGIN {printf "%-8s hugo no related / hub   %10.1fx\n", n, a / b}'
  fi
  if [ -n "${HUB_BEFORE:-}" ]; then
    awk -v n="$n" -v a="${med[hub]}" -v b="${med[before]}" 'BEGIN {printf "%-8s hub / hub before         %10.2fx\n", n, a / b}'
  fi
  awk -v n="$n" -v a="${med[noindex]}" -v b="${med[floor]}" 'BEGIN {printf "%-8s no-index / floor        %10.2fx\n", n, a / b}'
  if [ -z "$HUGO" ] && [ -n "$HUGO_ALL" ] && [ "$HUGO_LIMIT" -gt 0 ]; then
    # Hugo alone, stopped after HUGO_LIMIT seconds (timeout exits 124).
    # /usr/bin/time reports timeout's resources, which include Hugo's.
    for row in hugo hugonorel; do
      [ -n "${HUGO_CONFIGS[$row]:-}" ] || continue
      sync
      rc=0
      /usr/bin/time -f "%e %M %U %S" -o "$WORK/last.time" timeout "$HUGO_LIMIT" "$HUGO_ALL" --minify --quiet \
        --source "$site" --config "${HUGO_CONFIGS[$row]}" --layoutDir "$PWD/bench/hugo/layouts" \
        --destination "$WORK/hugo-limited" >/dev/null 2>"$WORK/last.err" || rc=$?
      read -r t kb u sy < <(tail -n 1 "$WORK/last.time")
      files=$(find "$WORK/hugo-limited" -name '*.html' 2>/dev/null | wc -l)
      case $rc in
        0) how="finished in"; more="";;
        124) how="stopped (HUGO_LIMIT) after"; more=">";;
        *) echo "failed: hugo at $n pages (exit $rc)"; cat "$WORK/last.err"; exit 1;;
      esac
      awk -v n="$n" -v what="$(label "$row")" -v how="$how" -v more="$more" -v t="$t" -v c="$u" -v s="$sy" -v kb="$kb" -v f="$files" -v h="${med[hub]}" 'BEGIN {
        printf "%-8s %s, once: %s %s s, CPU %.2f s, peak %d MB, %d HTML files: hugo / hub %s%.1fx\n", n, what, how, t, c + s, kb / 1024, f, more, t / h }'
      mv "$WORK/hugo-limited" "$TRASH/hugo-limited-$n-$(date +%s%N)" 2>/dev/null || true
    done
  fi
  last="$TRASH/run-$n-$RUNS"
  echo "$n pages: $(find "$last/noindex" -name '*.html' | wc -l) HTML files (hub)$( [ -n "$HUGO" ] && echo ", $(find "$last/hugo" -name '*.html' | wc -l) (hugo)")"
done
echo "trash: $(du -sh "$TRASH" | cut -f1) in $TRASH, deleting it"
rm -rf "$TRASH"
