import Foundation
import Yams

/// Decodes any `Decodable` from YAML, strictly:
///
/// - a mapping key the type did not ask for (through `contains`, `decode`, `decodeIfPresent`,
///   `decodeNil`, `nestedContainer`, ...) is an `unknown-key` error, in nested types too; all unknown
///   keys are reported together, each with the closest known key ("did you mean ...?") or the list
///   of allowed keys;
/// - scalars are typed by how they are written: `"12"` is a string, `12` an integer, `12.5` a
///   number; only `true`/`false` are booleans (YAML 1.1's `yes`/`no`/`on`/`off` are rejected
///   everywhere, also where a string is expected: quote them); an unquoted number where a string
///   is expected is an error that asks for quotes (account IDs!); integers with leading zeros are
///   rejected (YAML 1.1 reads them as octal);
/// - a key that occurs twice in a mapping is an error;
/// - every error is a ``ConfigError`` naming `file:line:column` and the key path.
///
/// Decoding stops at the first type error; unknown keys of values decoded so far are reported with
/// it. More than one problem is thrown as ``ConfigErrors``.
///
/// `RawRepresentable` string enums that are also `CaseIterable` list their allowed values when
/// given a bad one.
public struct StrictYAMLDecoder: Sendable {
    public init() {}

    /// Parses `yaml` and decodes a `T` from its single document. `file` is used in errors only.
    public func decode<T: Decodable>(_ type: T.Type, from yaml: String, file: String) throws -> T {
        let root = try StrictYAMLDecoder.compose(yaml, file: file)
        return try decode(type, from: root, file: file)
    }

    /// Decodes a `T` from an already composed document (`nil` for an empty document, decoded as null).
    public func decode<T: Decodable>(_ type: T.Type, from root: Node?, file: String) throws -> T {
        let state = DecodingState(file: file, root: root)
        let node = root ?? Node.scalar(.init("", Tag(.null, .basic), .plain))
        let value: T
        do {
            value = try state.unbox(type, node: node, path: [])
        } catch {
            let found = ConfigError.all(in: error)
            guard !found.isEmpty else { throw error }
            try ConfigError.throwIfAny(found + state.unknownKeys)
            throw error
        }
        try ConfigError.throwIfAny(state.unknownKeys)
        return value
    }
}
