import Foundation
import XCTest

/// A `swift` for `STACKCTL_SWIFT` that "builds" the base revision of `stackctl diff --base` by copying
/// the stackctl this test run already built into `--scratch-path`/debug (or fails, like a base that does
/// not compile). A real build of the base compiles the whole package: minutes on CI's 2 cores.
///
/// The copy carries the current estate (stacks/ is compiled in), so it stands in faithfully for a base
/// revision whose stacks/ are the same: tests change environment files between their commits, not stacks.
func swiftStandIn(_ test: XCTestCase, failing: Bool = false) throws -> URL {
    let script = try temporaryFolder(test).appendingPathComponent("swift")
    let body = failing
        ? "echo 'error: no such module StackCore' >&2; exit 1"
        : """
          while [ $# -gt 0 ]; do [ "$1" = --scratch-path ] && scratch="$2"; shift; done
          mkdir -p "$scratch/debug" && cp '\(try stackctlBinary().path)' "$scratch/debug/stackctl"
          """
    try Data("#!/bin/sh\n\(body)\n".utf8).write(to: script)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    return script
}
