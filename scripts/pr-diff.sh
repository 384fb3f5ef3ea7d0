#!/usr/bin/env bash
# The pull-request check: diffs every environment in environments/ against BASE (a git revision; in CI
# origin/<base branch>) with `stackctl diff --base BASE --format markdown`, and prints one comment body:
# the marker the workflow finds its comment by, then one section per environment. An environment that
# cannot be diffed gets its error as its section; the others are still reported.
#
#   bash scripts/pr-diff.sh origin/main > comment.md
#
# Runs in the repository of the working directory, with STACKCTL (default: the built
# `swift build --show-bin-path`/stackctl). Progress goes to stderr.
#
# Exit status: 0 nothing the policy below blocks; 2 changes the policy blocks; 1 an environment could
# not be diffed (this wins over 2: the check is incomplete) or bad usage.
set -uo pipefail

# The policy, in this one place: which changes fail the check. Empty reports and never blocks; otherwise
# space-separated `stackctl diff --fail-on` values: any, replacement, data-loss, broadening. For example
# "data-loss broadening" stops a pull request that would delete data or widen permissions and lets
# ordinary updates through. STACKCTL_DIFF_FAIL_ON overrides it (the tests use that).
FAIL_ON="${STACKCTL_DIFF_FAIL_ON-}"

MARKER='<!-- stackctl-diff -->'

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 BASE   (a git revision, e.g. origin/main)" >&2
  exit 1
fi
base="$1"

root="$(git rev-parse --show-toplevel)" || { echo "error: not in a git repository" >&2; exit 1; }
cd "$root" || exit 1
stackctl="${STACKCTL:-$(swift build --show-bin-path 2>/dev/null)/stackctl}"
if [ ! -x "$stackctl" ]; then
  echo "error: no stackctl at $stackctl; build it first (swift build --product stackctl) or set STACKCTL" >&2
  exit 1
fi
shopt -s nullglob
environments=(environments/*.yaml)
if [ ${#environments[@]} -eq 0 ]; then
  echo "error: no environment files in $root/environments" >&2
  exit 1
fi

read -ra rules <<<"$FAIL_ON"
fail_on=()
for rule in "${rules[@]}"; do fail_on+=(--fail-on "$rule"); done

# Text for an HTML block: stackctl's own messages may hold <, > or &.
escape_html() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "$MARKER"
status=0
blocked=0
for file in "${environments[@]}"; do
  env="$(basename "$file" .yaml)"
  echo "pr-diff: $env" >&2
  "$stackctl" diff --env "$env" --base "$base" --format markdown --color never "${fail_on[@]}" \
    >"$work/out" 2>"$work/err"
  code=$?
  cat "$work/err" >&2
  echo
  case $code in
    0 | 2)
      # Each environment's markdown starts with the marker; the body keeps only the one at the top.
      grep -vxF -e "$MARKER" "$work/out"
      # Without --fail-on, diff exits 2 on any change: in report-only mode that blocks nothing.
      if [ $code -eq 2 ] && [ ${#rules[@]} -gt 0 ]; then blocked=1; fi
      ;;
    *)
      status=1
      echo "### stackctl diff \`$env\` against \`$base\`: failed (exit $code)"
      echo
      echo "The other environments are still reported. \`stackctl diff --env $env --base $base\` said:"
      echo
      echo "<pre>"
      tail -n 40 "$work/err" | escape_html
      echo "</pre>"
      ;;
  esac
done
echo
if [ ${#rules[@]} -gt 0 ]; then
  joined="$(printf ', %s' "${rules[@]}")"
  echo "<sub>Blocks on: ${joined#, } (the policy at the top of scripts/pr-diff.sh).</sub>"
else
  echo "<sub>Reports only, never blocks (the policy at the top of scripts/pr-diff.sh).</sub>"
fi

if [ $status -ne 0 ]; then exit $status; fi
if [ $blocked -ne 0 ]; then exit 2; fi
exit 0
