import Foundation

/// The repository root, from this file's location (Tests/TestSupport/).
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
