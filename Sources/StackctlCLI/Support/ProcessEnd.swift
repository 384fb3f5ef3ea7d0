import Foundation

/// Large synthesis results are kept alive until the process exits: tearing down the trees of a
/// 16,000-resource estate value by value costs about a tenth of the run, and the OS reclaims the
/// memory at once when the process ends. Only for values that live until exit anyway.
public enum ProcessEnd {
    nonisolated(unsafe) private static var kept: [Any] = []

    public static func keepUntilExit(_ value: Any) { kept.append(value) }
}
