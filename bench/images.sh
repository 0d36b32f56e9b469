#!/usr/bin/env bash
# The picture pipeline against Hugo's image processing, in one run:
#
#   bench/images.sh          # 200 photos of 4000×3000
#   N=20 bench/images.sh
#
# It makes N photos (bench/photos) and times, with /usr/bin/time (wall,
# CPU user + system, peak RSS):
#   hub build, first     no image store: every photo decoded once, made at
#                        480/800/1200/1600 px in JPEG and WebP, plus the
#                        1200×630 crop, and each page's HTML
#   hub build, second    the store under .hub/images: no photo decoded
#   hugo, first          .Resize of the same widths, JPEG only, empty cache
# Hugo is $HUGO_BIN, else $(go env GOPATH)/bin/hugo (v0.145.0).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200}
WORK=${WORK:-/tmp/hub-bench-images}
HUGO=${HUGO_BIN:-$(go env GOPATH)/bin/hugo}
go build -o "$WORK/hub-bin" .
go run ./bench/photos -n "$N" -out "$WORK"
run() { # name cmd...
  local name=$1; shift
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/t" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
  read -r wall user sys kb < "$WORK/t"
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v k="$kb" -v c="$N" \
    'BEGIN { printf "%-22s %8.2f s wall %8.2f s cpu %6d MB peak %8.1f photos/s\n", n, w, u + s, k / 1024, c / w }'
}
rm -rf "$WORK/hub/.hub" "$WORK/hub/public" "$WORK/hugo/public" "$WORK/hugo/resources"
run "hub build, first" "$WORK/hub-bin" build --site "$WORK/hub" --no-index --quiet
run "hub build, second" "$WORK/hub-bin" build --site "$WORK/hub" --no-index --quiet
if [ -x "$HUGO" ]; then
  run "hugo, first" "$HUGO" --quiet --source "$WORK/hugo" --cacheDir "$WORK/hugo-cache-$$" --ignoreCache
  rm -rf "$WORK/hugo-cache-$$"
fi
