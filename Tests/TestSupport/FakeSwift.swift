import Foundation

/// A shell script standing in for `swift` in build tests, so no test compiles a release build:
/// `--version` prints `version`; `build` copies /bin/true (a real ELF) as the product into
/// `SCRATCH/release` and appends the product to `SCRATCH/builds.log`; `--show-bin-path` prints the folder.
@discardableResult
public func writeFakeSwift(at url: URL, version: String = "Swift version 6.3 (fake)") throws -> URL {
    let script = """
        #!/bin/sh
        if [ "$1" = "--version" ]; then echo '\(version)'; exit 0; fi
        scratch=""; product=""; show=0
        while [ $# -gt 0 ]; do
          case "$1" in
            --scratch-path) scratch="$2"; shift ;;
            --product) product="$2"; shift ;;
            --show-bin-path) show=1 ;;
          esac
          shift
        done
        if [ $show = 1 ]; then echo "$scratch/release"; exit 0; fi
        mkdir -p "$scratch/release" && cp /bin/true "$scratch/release/$product" && echo "$product" >> "$scratch/builds.log"

        """
    try Data(script.utf8).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    return url
}
