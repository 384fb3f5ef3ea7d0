#!/usr/bin/env bash
# Runs every test of stackctl on a fresh machine: installs what it needs (pinned), builds, runs the
# Swift tests, then synthesizes the bundled estate for every environment in both formats and lints
# each template with cfn-lint (no errors, no warnings). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CFN_LINT_VERSION=1.51.0
MOTO_VERSION=5.2.1        # the local AWS emulator for end-to-end tests (moto_server on 127.0.0.1)
BOTOCORE_VERSION=1.43.11  # reference SigV4 signer the signer tests compare against
ZIZMOR_VERSION=1.32.0     # security scan of .github/workflows (run offline)
CHECKOV_VERSION=3.3.30    # security scan of every synthesized template, against scripts/checkov-baseline.yaml
CHECKOV_VENV=.venv-ci/checkov  # its own virtualenv: checkov pins versions cfn-lint and moto must not see
export PATH="/opt/swift/usr/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "tools"
if ! command -v cfn-lint >/dev/null || [ "$(cfn-lint --version 2>/dev/null)" != "cfn-lint $CFN_LINT_VERSION" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "cfn-lint==$CFN_LINT_VERSION"
  hash -r
fi
# stackctl build links function binaries: the static FoundationNetworking needs libcurl's dev files,
# the zip writer the system zlib's headers.
if command -v dpkg >/dev/null; then
  missing=()
  for pkg in libcurl4-openssl-dev zlib1g-dev; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  command -v node >/dev/null || missing+=(nodejs)  # runs the pull-request comment's script in its test
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}"
  fi
fi
if ! command -v moto_server >/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  hash -r
fi
if ! python3 -c "import botocore" 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check "botocore==$BOTOCORE_VERSION"
fi
if ! command -v zizmor >/dev/null || [ "$(zizmor --version 2>/dev/null)" != "zizmor $ZIZMOR_VERSION" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "zizmor==$ZIZMOR_VERSION"
  hash -r
fi
if [ "$("$CHECKOV_VENV/bin/checkov" --version 2>/dev/null)" != "$CHECKOV_VERSION" ]; then
  python3 -m venv "$CHECKOV_VENV"
  "$CHECKOV_VENV/bin/pip" install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION"
fi
cfn-lint --version
echo "checkov $("$CHECKOV_VENV/bin/checkov" --version)"
python3 -c "import moto, botocore; print('moto', moto.__version__, '/ botocore', botocore.__version__)"
swift --version 2>&1 | head -1

step "scan the workflows (zizmor $ZIZMOR_VERSION, offline: no finding, or one suppressed in the file with its reason)"
zizmor --offline --no-progress .github/workflows/

step "build"
log="$(mktemp)"
if ! swift build --build-tests >"$log" 2>&1; then cat "$log"; exit 1; fi
grep -E 'warning:|Build complete' "$log" | sort -u | tail -n 20 || true

step "lint every synthesized template (cfn-lint $CFN_LINT_VERSION)"
out="$(mktemp -d)"
trap 'rm -rf "$out" "$log"' EXIT
for env in environments/*.yaml; do
  name="$(basename "$env" .yaml)"
  for format in yaml json; do
    swift run --skip-build stackctl synth --env "$name" --format "$format" --out "$out/$name-$format" --quiet
  done
done
templates=("$out"/*/*.template.*)
cfn-lint --format parseable -- "${templates[@]}"
echo "cfn-lint: ${#templates[@]} templates, 0 errors, 0 warnings"

step "scan every synthesized template (checkov $CHECKOV_VERSION; what stays is in scripts/checkov-baseline.yaml)"
"$CHECKOV_VENV/bin/python" scripts/checkov-check.py "$CHECKOV_VENV/bin/checkov" "$out"

step "swift test"
# The `diff --base REV` test builds the base revision for real (about 3 minutes here), so the
# pull-request check is proven end to end; STACKCTL_DIFF_REAL_BUILD=0 makes it stand in a copy instead.
export STACKCTL_DIFF_REAL_BUILD="${STACKCTL_DIFF_REAL_BUILD:-1}"
# XCTest only: the suites are XCTest, and swift-testing's own "0 tests" line would close the output.
testlog="$(mktemp)"
set +e
swift test --skip-build --disable-swift-testing 2>&1 | tee "$testlog"
status=${PIPESTATUS[0]}
set -e
summary="$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$testlog" | tail -n 1)"
rm -f "$testlog"
executed="$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")"
failed="$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")"
if [ -z "$summary" ]; then echo "no test summary found"; exit 1; fi
echo
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crashed test process ends the run early; the last summary counts only what ran before it.
  echo "tests: FAILED — the test process exited with status $status (a crash; its backtrace is above)"
  exit "$status"
fi
echo "tests: $((executed - failed)) passed, $failed failed"
exit "$status"
