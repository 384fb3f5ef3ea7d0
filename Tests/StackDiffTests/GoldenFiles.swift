import Foundation
import TestSupport
import XCTest

/// Golden outputs under Tests/StackDiffTests/Golden (see `GoldenFile` for recording them).
enum GoldenFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ name: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) {
        GoldenFile.check(folder.appendingPathComponent(name), actual.hasSuffix("\n") ? actual : actual + "\n", file: file, line: line)
    }
}
