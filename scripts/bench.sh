#!/usr/bin/env bash
# Synthesis benchmark, whole process as a user runs it, side by side with troposphere (the anchor in
# ../shared/bench/anchors). Release build. Figures: median wall time over RUNS runs after a warm-up.
#
#   bash scripts/bench.sh              # stackctl and troposphere, all sizes
#   RUNS=20 bash scripts/bench.sh
#   NO_ANCHOR=1 bash scripts/bench.sh  # stackctl only (no venv needed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
ANCHORS="${ANCHORS:-$ROOT/../shared/bench/anchors}"
WORK="${WORK:-/tmp/stackctl-bench}"
RUNS="${RUNS:-10}"
mkdir -p "$WORK"
export PATH="/opt/swift/usr/bin:$PATH"

echo "== release build (static Swift standard library, as shipped)"
swift build -c release --static-swift-stdlib --product stackctl >/dev/null
swift build -c release --static-swift-stdlib --product stackctl-bench >/dev/null
BIN="$(swift build -c release --static-swift-stdlib --show-bin-path)"

TIMER=(python3 "$ANCHORS/bench.py" time -n "$RUNS" --warmup 2)
PY=python3
if [ -z "${NO_ANCHOR:-}" ]; then
  if [ ! -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet troposphere==4.11.1 cfn-flip==1.3.0
  fi
  PY="$WORK/venv/bin/python"
fi

echo "== in-process phases (synthesize / render / write)"
"$BIN/stackctl-bench" phases 5

echo "== whole process (median of $RUNS)"
"${TIMER[@]}" --label "stackctl synth, bundled estate (2 stacks, $(ls "$ROOT"/stacks | wc -l) files)" -- \
  "$BIN/stackctl" synth --env dev --format json --out "$WORK/out-estate" --quiet
for c in "10 1" "500 7" "2000 25"; do set -- $c
  "${TIMER[@]}" --label "stackctl, $1 units over $2 stacks" -- "$BIN/stackctl-bench" scale "$1" "$2" "$WORK/out-s$1"
done
if [ -z "${NO_ANCHOR:-}" ]; then
  "${TIMER[@]}" --label "troposphere, 21-resource pipeline" -- "$PY" "$ANCHORS/tropo_pipeline.py" "$WORK/tropo-pipeline"
  for c in "10 1" "500 7" "2000 25"; do set -- $c
    "${TIMER[@]}" --label "troposphere, $1 units over $2 stacks" -- "$PY" "$ANCHORS/tropo_scale.py" "$1" "$2" "$WORK/tropo-s$1"
  done
fi
python3 "$ANCHORS/count_resources.py" "stackctl-estate=$WORK/out-estate" "stackctl-2000=$WORK/out-s2000" \
  ${NO_ANCHOR:+} $( [ -z "${NO_ANCHOR:-}" ] && echo "tropo-2000=$WORK/tropo-s2000" )
