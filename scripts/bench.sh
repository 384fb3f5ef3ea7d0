#!/usr/bin/env bash
# Synthesis benchmark, whole process as a user runs it, side by side with troposphere (the anchor in
# ../shared/bench/anchors). Release build. Figures: median wall time over ROUNDS interleaved rounds.
#
#   bash scripts/bench.sh              # stackctl and troposphere, all sizes
#   ROUNDS=8 bash scripts/bench.sh
#   NO_ANCHOR=1 bash scripts/bench.sh  # stackctl only (no venv needed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
ANCHORS="${ANCHORS:-$ROOT/../shared/bench/anchors}"
WORK="${WORK:-/tmp/stackctl-bench}"
ROUNDS="${ROUNDS:-4}"
mkdir -p "$WORK"
export PATH="/opt/swift/usr/bin:$PATH"

echo "== release build (static Swift standard library, as shipped)"
swift build -c release --static-swift-stdlib --product stackctl >/dev/null
swift build -c release --static-swift-stdlib --product stackctl-bench >/dev/null
BIN="$(swift build -c release --static-swift-stdlib --show-bin-path)"

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

# Interleaved rounds (bench.py rounds): every case runs REPS times a round, round after round, so a
# slow spell of this shared VM falls on stackctl and troposphere alike instead of on one of them.
CASES="$WORK/cases.jsonl"
rm -f "$CASES"
add() { python3 "$ANCHORS/bench.py" add "$CASES" "$@"; }
add "stackctl synth, bundled estate (2 stacks)" 5 -- \
  "$BIN/stackctl" synth --env dev --format json --out "$WORK/out-estate" --quiet
for c in "10 1" "500 7" "2000 25"; do set -- $c
  add "stackctl, $1 units over $2 stacks" 5 -- "$BIN/stackctl-bench" scale "$1" "$2" "$WORK/out-s$1"
done
if [ -z "${NO_ANCHOR:-}" ]; then
  add "troposphere, 21-resource pipeline" 5 -- "$PY" "$ANCHORS/tropo_pipeline.py" "$WORK/tropo-pipeline"
  for c in "10 1" "500 7" "2000 25"; do set -- $c
    add "troposphere, $1 units over $2 stacks" 5 -- "$PY" "$ANCHORS/tropo_scale.py" "$1" "$2" "$WORK/tropo-s$1"
  done
fi
echo "== whole process ($ROUNDS rounds of 5 runs per case, interleaved, after 1 warm-up round)"
python3 "$ANCHORS/bench.py" rounds "$CASES" --rounds "$ROUNDS" --warmup-rounds 1
python3 "$ANCHORS/count_resources.py" "stackctl-estate=$WORK/out-estate" "stackctl-2000=$WORK/out-s2000" \
  ${NO_ANCHOR:+} $( [ -z "${NO_ANCHOR:-}" ] && echo "tropo-2000=$WORK/tropo-s2000" )
