/// Reads a function's environment contract (an enum of variable names, see functions/Contracts)
/// at init. Every variable of the contract is required: synthesis already refuses a stack that
/// forgets one, so a missing one here means the function runs outside its stack. All missing
/// names are reported at once, through the runtime's init/error path.
public struct EnvironmentContract<Key: RawRepresentable & CaseIterable & Sendable>: Sendable where Key.RawValue == String {
    private let values: [String: String]

    public init(_ environment: [String: String]) throws {
        let missing = Key.allCases.map(\.rawValue).filter { (environment[$0] ?? "").isEmpty }
        guard missing.isEmpty else { throw ConfigurationError.missing(missing) }
        values = environment
    }

    public subscript(_ key: Key) -> String { values[key.rawValue] ?? "" }
}

/// A function's configuration is unusable; reported at init as `Runtime.ConfigInvalid`.
public enum ConfigurationError: LambdaReportableError, Equatable, CustomStringConvertible {
    case missing([String])
    case invalid(name: String, value: String, reason: String)

    public var errorType: String { "Runtime.ConfigInvalid" }

    public var description: String {
        switch self {
        case .missing(let names): "environment variables not set: \(names.joined(separator: ", "))"
        case .invalid(let name, let value, let reason): "\(name)=\"\(value)\" is invalid: \(reason)"
        }
    }
}
