import Foundation
import StackCore

/// The versions Package.resolved pins, by package identity: how a function's external code enters its
/// hash. Package.resolved is not in git; `swift build` (and so building stackctl itself) writes it.
///
/// A pin's version is hashed, not its revision: the same tag has other commit ids in a mirror, and the
/// key must be the same on every machine. A branch or revision pin hashes the revision. Without the
/// file, or without a pin for the package (a stale file the next build rewrites), the requirement
/// Package.swift declares is hashed instead, marked as such: the key then changes once the package is
/// resolved, a rebuild too many rather than a version change missed.
struct PackagePins {
    /// Pinned state by identity; nil when there is no Package.resolved.
    let pinned: [String: String]?

    /// The state hashed for `package`.
    func state(of package: LinkedPackage) -> String {
        pinned?[package.identity] ?? "declared \(package.declared)"
    }

    static func read(rootPath: String) -> Result<PackagePins, AssetProblem> {
        let path = rootPath + "Package.resolved"
        guard FileManager.default.fileExists(atPath: path) else { return .success(PackagePins(pinned: nil)) }
        guard let data = FileManager.default.contents(atPath: path),
              let file = try? JSONDecoder().decode(ResolvedFile.self, from: data)
        else {
            return .failure(AssetProblem("cannot read Package.resolved: the linked packages' versions are part of the asset hash",
                                         hint: "delete it and run `swift package resolve`"))
        }
        var pinned: [String: String] = [:]
        for pin in file.pins {
            if let version = pin.state.version {
                pinned[pin.identity] = "version \(version)"
            } else if let revision = pin.state.revision {
                pinned[pin.identity] = pin.state.branch.map { "branch \($0) at \(revision)" } ?? "revision \(revision)"
            }
        }
        return .success(PackagePins(pinned: pinned))
    }

    /// Package.resolved versions 2 and 3 (tools 5.6 and later): `pins` with identities.
    private struct ResolvedFile: Decodable {
        struct Pin: Decodable {
            struct State: Decodable {
                var version: String?
                var revision: String?
                var branch: String?
            }
            var identity: String
            var state: State
        }
        var pins: [Pin]
    }
}
