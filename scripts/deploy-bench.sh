#!/usr/bin/env bash
# Wall time of stackctl deploy / no-op redeploy / destroy of the bundled estate (--env local) against a
# local moto server, next to `aws cloudformation deploy` / `delete-stack` on the same synthesized JSON
# templates. Run by hand (not part of CI): bash scripts/deploy-bench.sh [RUNS]
#
# Function builds are left out on both sides: small zips are placed under their asset hashes (with the
# build record FunctionBuilder checks), so `stackctl deploy` takes its real "up to date" path, and the
# AWS CLI run gets the same zips uploaded beforehand. STACKCTL=path picks the binary (default: a
# release build in .build-release). Prints the median of RUNS (default 3) per step.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="/opt/swift/usr/bin:$PATH"
AWSCLI_VERSION=1.45.11   # pairs with botocore 1.43.11, the reference signer scripts/test.sh pins
MOTO_VERSION=5.2.1
RUNS="${1:-3}"

if ! command -v moto_server >/dev/null; then python3 -m pip install --quiet "moto[server]==$MOTO_VERSION"; fi
if [ "$(aws --version 2>&1 | sed -E 's|aws-cli/([0-9.]+).*|\1|')" != "$AWSCLI_VERSION" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "awscli==$AWSCLI_VERSION"
  hash -r
fi
if [ -z "${STACKCTL:-}" ]; then
  swift build -c release --product stackctl --scratch-path .build-release >/dev/null
  STACKCTL="$PWD/.build-release/release/stackctl"
fi

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null; rm -rf "$work"' EXIT
endpoint="http://127.0.0.1:$port"
until curl -sf "$endpoint/moto-api/" >/dev/null; do sleep 0.2; done

# A scratch root: the repository's environments and functions (same asset hashes), zips pre-placed.
root="$work/root"
mkdir -p "$root"
cp -r environments functions "$root/"
export STACKCTL_ROOT="$root" AWS_ENDPOINT_URL="$endpoint" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
  AWS_DEFAULT_REGION=us-east-1
"$STACKCTL" synth --env local --format json --out "$root/out" --quiet
python3 - "$root" <<'PY'
import hashlib, io, json, os, sys, zipfile
root = sys.argv[1]
manifest = json.load(open(f"{root}/out/manifest.json"))
os.makedirs(f"{root}/stackctl.out/assets", exist_ok=True)
for asset in manifest["assets"]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bootstrap", "#!/bin/sh\n# " + asset["product"] + "\n")
    data = buffer.getvalue()
    path = f"{root}/stackctl.out/assets/{asset['s3Key']}"
    open(path, "wb").write(data)
    json.dump({"product": asset["product"], "zipSHA256": hashlib.sha256(data).hexdigest(), "glibcTooNew": []}, open(path + ".json", "w"))
PY

now() { date +%s.%N; }
declare -A samples
measure() {  # measure NAME COMMAND...
  local name="$1"; shift
  local start end
  start="$(now)"
  "$@" >"$work/last.log" 2>&1 || { echo "failed: $*"; cat "$work/last.log"; exit 1; }
  end="$(now)"
  samples[$name]+="$(python3 -c "print(round(($end - $start) * 1000))") "
}
reset() {
  curl -sf -X POST "$endpoint/moto-api/reset" >/dev/null
  "$STACKCTL" bootstrap --env local >/dev/null
}
stacks=(MarketStream TickAlerts)
bucket=stackctl-assets-123456789012-us-east-1

for _ in $(seq "$RUNS"); do
  reset
  measure "stackctl deploy (first)" "$STACKCTL" deploy --env local --require-approval never
  measure "stackctl deploy (no-op)" "$STACKCTL" deploy --env local --require-approval never
  measure "stackctl destroy" "$STACKCTL" destroy --env local --yes

  reset
  for zip in "$root"/stackctl.out/assets/*.zip; do aws s3 cp --quiet "$zip" "s3://$bucket/$(basename "$zip")"; done
  aws_deploy() {
    for stack in "${stacks[@]}"; do
      aws cloudformation deploy --template-file "$root/out/$stack.template.json" --stack-name "mkt-local-$stack" \
        --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset
    done
  }
  aws_destroy() {
    for stack in TickAlerts MarketStream; do
      aws cloudformation delete-stack --stack-name "mkt-local-$stack"
      aws cloudformation wait stack-delete-complete --stack-name "mkt-local-$stack" || true
    done
  }
  measure "aws cloudformation deploy (first)" aws_deploy
  measure "aws cloudformation deploy (no-op)" aws_deploy
  measure "aws cloudformation delete-stack + wait" aws_destroy
done

echo "median wall time of $RUNS runs, both stacks of --env local against moto $MOTO_VERSION (awscli $AWSCLI_VERSION, stackctl $STACKCTL):"
for name in "stackctl deploy (first)" "aws cloudformation deploy (first)" "stackctl deploy (no-op)" \
            "aws cloudformation deploy (no-op)" "stackctl destroy" "aws cloudformation delete-stack + wait"; do
  python3 -c "import statistics,sys; v=[int(x) for x in sys.argv[2].split()]; print(f'  {sys.argv[1]:<42} {statistics.median(v):>6.0f} ms   (runs: {sys.argv[2].strip()})')" \
    "$name" "${samples[$name]}"
done
