import Foundation

/// An executable product built next to the test bundle (`swift build --build-tests` builds them all).
public func builtExecutable(_ product: String) throws -> URL {
    let folders = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        + [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    let candidates = folders.map { $0.appendingPathComponent(product) }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw NotBuilt(description: "\(product) is not built next to the tests (looked at \(candidates.map(\.path).joined(separator: ", "))); "
                           + "swift build --build-tests builds it")
    }
    return found
}

public struct NotBuilt: Error, CustomStringConvertible { public let description: String }
