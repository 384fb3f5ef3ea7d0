#!/usr/bin/env python3
"""Writes Sources/StackAssets/FunctionInputs.generated.swift: what each function product's asset hash
covers, read from Package.swift's target graph (`swift package dump-package`).

    python3 scripts/generate-function-inputs.py          # regenerate (commit the result)
    python3 scripts/generate-function-inputs.py --check  # exit 1 when the checked-in file is stale

--package-path DIR and --output FILE read another package and write elsewhere (the generator's tests).

A function product is an executable target under functions/. Its inputs are the source folders of the
target and of every target it depends on, transitively (Swift, C and system library targets alike), the
external packages whose products it links, with the requirement Package.swift declares (the hash uses
the version Package.resolved pins, this only when there is none), and a digest of those declarations
(settings, excludes, dependency entries, tools version), so a change to how a linked target is built
changes the key too. Package.swift's own digest is recorded so that synthesis can refuse a stale table.

dump-package runs with a scratch path of its own: `swift test` holds the package's .build lock while
the staleness test runs this script.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

REPOSITORY = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
ROOT = REPOSITORY
OUT = os.path.join(REPOSITORY, "Sources", "StackAssets", "FunctionInputs.generated.swift")
FUNCTIONS = "functions/"
# Where SwiftPM looks for a target without `path:`, by target type.
DEFAULT_PARENTS = {"test": ["Tests"], "default": ["Sources", "Source", "src", "srcs"]}
# The parts of a target's declaration that change what is built from its folder.
DECLARATION_FIELDS = ["name", "type", "path", "dependencies", "exclude", "sources", "resources", "settings",
                      "pkgConfig", "providers", "publicHeadersPath"]
PACKAGE_FIELDS = ["toolsVersion", "swiftLanguageVersions", "cLanguageStandard", "cxxLanguageStandard", "platforms"]


def fail(message):
    print(f"generate-function-inputs: {message}", file=sys.stderr)
    sys.exit(2)


def dump_package():
    swift = os.environ.get("SWIFT", "swift")
    with tempfile.TemporaryDirectory(prefix="stackctl-dump-") as scratch:
        done = subprocess.run([swift, "package", "--package-path", ROOT, "--scratch-path", scratch, "dump-package"],
                              capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"swift package dump-package failed (exit {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout)


def target_folder(target):
    if target.get("path"):
        return target["path"].rstrip("/")
    parents = DEFAULT_PARENTS["test" if target["type"] == "test" else "default"]
    for parent in parents:
        if os.path.isdir(os.path.join(ROOT, parent, target["name"])):
            return f"{parent}/{target['name']}"
    fail(f"target {target['name']} has no path: and no folder {' or '.join(p + '/' + target['name'] for p in parents)}")


def dependency_identity(dependency):
    """The identity and the declared requirement of one `dependencies:` entry of the package."""
    for kind in ("sourceControl", "registry"):
        if kind in dependency:
            entry = dependency[kind][0]
            return entry["identity"], requirement_text(entry["requirement"])
    fail(f"a local package dependency ({json.dumps(dependency)}) has no version to hash: "
         "the asset hash cannot see its sources; depend on a versioned package")


def requirement_text(requirement):
    if "range" in requirement:
        bounds = requirement["range"][0]
        return f"{bounds['lowerBound']}..<{bounds['upperBound']}"
    if "exact" in requirement:
        return f"exact {requirement['exact'][0]}"
    if "branch" in requirement:
        return f"branch {requirement['branch'][0]}"
    if "revision" in requirement:
        return f"revision {requirement['revision'][0]}"
    return json.dumps(requirement, sort_keys=True)


def closure(package, name):
    """Local targets reached from `name` (itself included) and the external products they link."""
    targets = {t["name"]: t for t in package["targets"]}
    seen, products, pending = [], set(), [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.append(current)
        for dependency in targets[current]["dependencies"]:
            (kind, values), = dependency.items()
            if kind in ("byName", "target"):
                if values[0] not in targets:
                    fail(f"{current} depends on {values[0]}, which is no target of this package: write "
                         f".product(name: \"{values[0]}\", package: \"...\") so the script knows its package")
                pending.append(values[0])
            elif kind == "product":
                products.add(((values[1] or values[0]).lower(), values[0]))
            else:
                fail(f"{current}: unknown dependency kind {kind}")
    return [targets[n] for n in sorted(seen)], products


def function_inputs(package):
    declared = dict(dependency_identity(d) for d in package["dependencies"])
    dependency_entries = {dependency_identity(d)[0]: d for d in package["dependencies"]}
    package_part = {field: package.get(field) for field in PACKAGE_FIELDS}
    table = {}
    for target in package["targets"]:
        if target["type"] != "executable" or not target_folder(target).startswith(FUNCTIONS):
            continue
        linked, products = closure(package, target["name"])
        packages = {}
        for identity, product in products:
            if identity not in declared:
                fail(f"{target['name']} links {product} from {identity}, which Package.swift does not depend on")
            packages.setdefault(identity, set()).add(product)
        declarations = {
            "package": package_part,
            "targets": [{field: t.get(field) for field in DECLARATION_FIELDS} for t in linked],
            "dependencies": [dependency_entries[identity] for identity in sorted(packages)],
        }
        digest = hashlib.sha256(json.dumps(declarations, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
        table[os.path.basename(target_folder(target))] = {
            "folders": sorted(target_folder(t) for t in linked),
            "packages": [(identity, sorted(packages[identity]), declared[identity]) for identity in sorted(packages)],
            "digest": digest,
        }
    return table


def swift_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(package, manifest_digest):
    table = function_inputs(package)
    lines = [
        "// Generated by scripts/generate-function-inputs.py from `swift package dump-package`. Do not edit:",
        "// change Package.swift and run the script (FunctionInputTableTests fails while this file is stale).",
        "",
        "extension FunctionInputTable {",
        "    /// This repository's function products, from its Package.swift.",
        "    public static let generated = FunctionInputTable(",
        f"        manifestDigest: {swift_string(manifest_digest)},",
        "        products: [",
    ]
    for product in sorted(table):
        inputs = table[product]
        lines.append(f"            {swift_string(product)}: FunctionInputs(")
        lines.append("                folders: [")
        lines += [f"                    {swift_string(folder)}," for folder in inputs["folders"]]
        lines.append("                ],")
        if inputs["packages"]:
            lines.append("                packages: [")
            for identity, products, requirement in inputs["packages"]:
                names = ", ".join(swift_string(p) for p in products)
                lines.append(f"                    LinkedPackage(identity: {swift_string(identity)}, products: [{names}], "
                             f"declared: {swift_string(requirement)}),")
            lines.append("                ],")
        else:
            lines.append("                packages: [],")
        lines.append(f"                declarationDigest: {swift_string(inputs['digest'])}),")
    lines += ["        ])", "}", ""]
    return "\n".join(lines), len(table)


def option(name):
    if name not in sys.argv:
        return None
    index = sys.argv.index(name) + 1
    if index >= len(sys.argv):
        fail(f"{name} needs a value")
    return os.path.abspath(sys.argv[index])


def main():
    global ROOT, OUT
    ROOT = option("--package-path") or ROOT
    OUT = option("--output") or OUT
    with open(os.path.join(ROOT, "Package.swift"), "rb") as f:
        manifest_digest = hashlib.sha256(f.read()).hexdigest()
    text, count = render(dump_package(), manifest_digest)
    if "--check" in sys.argv:
        current = open(OUT).read() if os.path.exists(OUT) else ""
        if current != text:
            print(f"{os.path.relpath(OUT, ROOT)} is stale (Package.swift changed): "
                  "run python3 scripts/generate-function-inputs.py", file=sys.stderr)
            sys.exit(1)
        return
    with open(OUT, "w") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(OUT, ROOT)} ({count} function products)")


if __name__ == "__main__":
    main()
