#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

public struct CredentialError: Error, Equatable, CustomStringConvertible {
    /// One line per source looked at, in order, saying why it gave nothing.
    public var tried: [String]
    public var description: String {
        "no AWS credentials found; tried:\n" + tried.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Where credentials and region come from, in the order the AWS CLI and SDKs use:
/// environment variables, then the shared credentials file, then the shared config file.
///
/// Everything is read from the injected `environment` and `homeDirectory`, so tests never see the
/// real process environment or home directory.
public struct CredentialChain: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String?

    public init(environment: [String: String], homeDirectory: String?) {
        self.environment = environment
        self.homeDirectory = homeDirectory
    }

    /// The real process environment and home directory.
    public static var process: CredentialChain {
        let environment = ProcessInfo.processInfo.environment
        return CredentialChain(environment: environment, homeDirectory: homeDirectory(environment: environment))
    }

    /// `HOME` when set, as the AWS CLI and SDKs have it; else the account's home directory (Foundation's,
    /// which on Linux comes from the password database and ignores `HOME`).
    public static func homeDirectory(environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return FileManager.default.homeDirectoryForCurrentUser.path
    }

    public var profile: String { nonEmpty("AWS_PROFILE") ?? "default" }

    public var credentialsFilePath: String? {
        nonEmpty("AWS_SHARED_CREDENTIALS_FILE") ?? homeDirectory.map { "\($0)/.aws/credentials" }
    }

    public var configFilePath: String? {
        nonEmpty("AWS_CONFIG_FILE") ?? homeDirectory.map { "\($0)/.aws/config" }
    }

    /// Every place `resolve()` reads, in its order, with this chain's profile and paths: what a
    /// "no credentials" or "credentials refused" hint names. Nothing else is read (no SSO,
    /// `credential_process`, web identity or instance metadata).
    public var lookupDescription: String {
        let credentials = credentialsFilePath ?? "~/.aws/credentials (no home directory)"
        let config = configFilePath ?? "~/.aws/config (no home directory)"
        return "AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) in the environment, then profile "
            + "'\(profile)' (AWS_PROFILE) in \(credentials) (AWS_SHARED_CREDENTIALS_FILE) and in \(config) (AWS_CONFIG_FILE)"
    }

    /// The same, without a particular environment: for messages made where the chain is not at hand.
    public static let lookupSummary = "AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) in the environment, "
        + "then the AWS_PROFILE profile (default 'default') in ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE) "
        + "and ~/.aws/config (AWS_CONFIG_FILE)"

    public func resolve() throws -> Credentials {
        var tried: [String] = []

        let id = nonEmpty("AWS_ACCESS_KEY_ID"), secret = nonEmpty("AWS_SECRET_ACCESS_KEY")
        if let id, let secret {
            return Credentials(accessKeyId: id, secretAccessKey: secret, sessionToken: nonEmpty("AWS_SESSION_TOKEN"))
        }
        switch (id, secret) {
        case (nil, nil): tried.append("environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        case (nil, _): tried.append("environment: AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        default: tried.append("environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }

        let sources: [(path: String?, section: String, kind: String)] = [
            (credentialsFilePath, profile, "shared credentials file"),
            (configFilePath, configSection(profile), "shared config file"),
        ]
        for source in sources {
            guard let path = source.path else {
                tried.append("\(source.kind): no path (no home directory and no override)")
                continue
            }
            guard let file = SharedConfigFile.load(path) else {
                tried.append("\(source.kind) \(path): not readable")
                continue
            }
            guard let values = file.sections[source.section] else {
                tried.append("\(source.kind) \(path): no [\(source.section)] section")
                continue
            }
            if let id = values["aws_access_key_id"], let secret = values["aws_secret_access_key"],
               !id.isEmpty, !secret.isEmpty {
                return Credentials(accessKeyId: id, secretAccessKey: secret,
                                   sessionToken: values["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 })
            }
            tried.append("\(source.kind) \(path): [\(source.section)] has no aws_access_key_id/aws_secret_access_key")
        }
        throw CredentialError(tried: tried)
    }

    /// `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `region` of the profile in the config file.
    public func region() -> String? {
        if let region = nonEmpty("AWS_REGION") ?? nonEmpty("AWS_DEFAULT_REGION") { return region }
        guard let path = configFilePath, let file = SharedConfigFile.load(path) else { return nil }
        return file.sections[configSection(profile)]?["region"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The config file names profiles `[profile name]`, except the default profile, which is `[default]`.
    private func configSection(_ profile: String) -> String {
        profile == "default" ? "default" : "profile \(profile)"
    }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}
