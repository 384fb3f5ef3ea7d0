#!/usr/bin/env python3
"""Runs checkov over the synthesized templates of every environment and compares its findings with
scripts/checkov-baseline.yaml: a failed check that the baseline does not list fails, and so does a
baseline entry that matches no finding (fix it or drop it).

    python3 scripts/checkov-check.py CHECKOV OUT_DIR

CHECKOV is the checkov executable (scripts/test.sh installs it pinned in its own virtualenv); OUT_DIR
holds one folder per environment, `<env>-json/`, as scripts/test.sh synthesizes them (one checkov run).
"""
import json
import os
import subprocess
import sys

import yaml  # checkov's own dependency: this runs with the checkov virtualenv's python

BASELINE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "checkov-baseline.yaml")


def findings(checkov, out):
    """(env, template, check, resource, name) of every failed check, and the passed count per env; one run."""
    files = sorted(os.path.join(out, folder, name) for folder in os.listdir(out) if folder.endswith("-json")
                   for name in os.listdir(os.path.join(out, folder)) if name.endswith(".template.json"))
    if not files:
        sys.exit(f"no synthesized templates in {out}")
    command = [checkov, "--framework", "cloudformation", "-o", "json", "--skip-download"]
    for path in files:
        command += ["--file", path]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"checkov failed (exit {run.returncode}):\n{run.stderr[-2000:]}")
    reports = json.loads(run.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    env_of = lambda path: os.path.basename(os.path.dirname(path))[: -len("-json")]
    passed, failed = {}, []
    for report in reports:
        for check in report["results"]["passed_checks"]:
            env = env_of(check["file_abs_path"])
            passed[env] = passed.get(env, 0) + 1
        for check in report["results"]["failed_checks"]:
            failed.append((env_of(check["file_abs_path"]), os.path.basename(check["file_abs_path"]),
                           check["check_id"], check["resource"].split(".", 1)[1], check["check_name"]))
    return {env_of(f) for f in files}, passed, failed


def covers(entry, env, check, resource):
    return (entry["check"] == check and env in entry.get("environments", [env])
            and resource in entry.get("resources", [resource]))


def main():
    checkov, out = sys.argv[1], sys.argv[2]
    baseline = yaml.safe_load(open(BASELINE))
    for entry in baseline:
        if not entry.get("reason", "").strip():
            sys.exit(f"checkov baseline: {entry['check']} has no reason")
    used, unexpected = set(), []
    envs, passed, failed = findings(checkov, out)
    for env in sorted(envs):
        mine = [f for f in failed if f[0] == env]
        baselined = 0
        for _, template, check, resource, name in mine:
            match = [i for i, e in enumerate(baseline) if covers(e, env, check, resource)]
            if match:
                used.update(match)
                baselined += 1
            else:
                unexpected.append(f"{env}: {template} {resource}: {check} {name}")
        print(f"checkov {env}: {passed.get(env, 0)} passed, {len(mine)} failed, {baselined} of them in the baseline")
    stale = [f"{baseline[i]['check']} ({', '.join(baseline[i].get('environments', ['all']))})"
             for i in range(len(baseline)) if i not in used]
    for line in unexpected:
        print(f"  not in the baseline: {line}", file=sys.stderr)
    for entry in stale:
        print(f"  baseline entry matches nothing (drop it): {entry}", file=sys.stderr)
    if unexpected or stale:
        sys.exit(1)
    print(f"checkov: every finding is in the baseline ({len(baseline)} entries, {BASELINE})")


if __name__ == "__main__":
    main()
