import AWSClient
import Foundation
import StackAssets
import StackCore
import StackEnvironment

/// What every command runs with: the estate, the repository root, and where text goes.
public struct CLIContext: Sendable {
    public var estate: AnyEstate
    /// The repository root: holds `environments/` and `functions/`.
    public var root: URL
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void
    /// Where function assets come from: hashed from `functions/` (tests may pin them).
    public var assets: @Sendable (URL) -> any AssetResolver = { SourceAssets(root: $0) }
    /// The process environment AWS settings come from (credentials, `AWS_PROFILE`, `AWS_ENDPOINT_URL*`);
    /// tests pass their own. Read when first asked for: commands that never call AWS (synth) skip the
    /// cost (a dictionary of every variable; the home directory is a password-database lookup).
    public var environment: [String: String] {
        get { environmentOverride ?? ProcessInfo.processInfo.environment }
        set { environmentOverride = newValue }
    }
    /// Holds `.aws/credentials` and `.aws/config`; nil when there is none. `HOME` first, as the AWS CLI
    /// and SDKs read it (Foundation's home directory is the password database's, whatever `HOME` says).
    public var homeDirectory: String? {
        get {
            if let homeOverride { return homeOverride }
            return CredentialChain.homeDirectory(environment: environment)
        }
        set { homeOverride = .some(newValue) }
    }
    private var environmentOverride: [String: String]?
    private var homeOverride: String??
    /// Up to `maxBytes` of stdin, or nil when stdin is a terminal (`secret put` never waits for typing,
    /// which would echo the value); tests pass their own.
    public var stdin: @Sendable (_ maxBytes: Int) -> Data? = { maxBytes in
        isatty(STDIN_FILENO) != 0 ? nil : FileHandle.standardInput.readData(ofLength: maxBytes)
    }
    /// How AWS requests are sent; tests script the answers.
    public var transport: any Transport = DefaultTransport()
    /// Questions, waiting, Ctrl-C and tokens for deploy, destroy and bootstrap; tests replace them.
    public var deploy = DeployHooks()

    public init(
        estate: AnyEstate, root: URL,
        stdout: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
        stderr: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) {
        self.estate = estate
        self.root = root
        self.stdout = stdout
        self.stderr = stderr
    }

    public var environmentsDirectory: URL { root.appendingPathComponent("environments") }
}

/// An estate with its config type erased, so commands need not be generic.
public struct AnyEstate: Sendable {
    public var defaultEnvironment: String
    /// Loads the named environment file and returns its settings, the estate's stacks for it, and its
    /// `parameters:` section (checked against the stacks once they are synthesized).
    public var load: @Sendable (_ environment: String, _ directory: URL) throws -> (StackSettings, [any StackDefinition], ParameterSection)

    public init<E: Estate>(_ estate: E.Type) {
        defaultEnvironment = E.defaultEnvironment
        load = { name, directory in
            let environment = try EnvironmentLoader.load(E.Config.self, name: name, directory: directory)
            return (environment.settings, E.stacks(settings: environment.settings, config: environment.config), environment.parameters)
        }
    }

    public init(defaultEnvironment: String, stacks: @escaping @Sendable (StackSettings) -> [any StackDefinition], settings: StackSettings,
                parameters: ParameterSection = ParameterSection()) {
        self.defaultEnvironment = defaultEnvironment
        load = { _, _ in (settings, stacks(settings), parameters) }
    }
}

/// Exit codes, documented in the README.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// The estate or an environment file has errors (diagnostics printed).
    case invalidInput = 1
    /// Bad command line: unknown flag, missing value, unknown stack name.
    case usage = 2
    /// Reading or writing files failed.
    case io = 3
    /// The operation ran and failed: AWS failed a deploy, destroy or bootstrap (a stack rolled back, a
    /// deletion failed, an API call failed); `invoke`: the function reported an error, failed to start,
    /// exited or timed out.
    case operationFailed = 4
    /// Refused for safety: wrong account, not bootstrapped, approval needed or declined, termination
    /// protection, a stack in ROLLBACK_COMPLETE.
    case refused = 5
    /// No AWS credentials anywhere the chain looks, or AWS refused them (expired, unknown, badly
    /// signed). The same for every command that calls AWS, `diff` included.
    case credentials = 6
    /// Ctrl-C: stopped watching; the operation goes on in AWS.
    case interrupted = 130
}

/// An error a command reports: one line, a hint, and the exit status.
public struct CLIError: Error, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public var status: ExitStatus
    /// Already formatted lines (several located errors), printed as they are.
    var report: String?

    public init(_ message: String, hint: String? = nil, status: ExitStatus = .invalidInput) {
        self.message = message
        self.hint = hint
        self.status = status
    }

    init(report: String, status: ExitStatus = .invalidInput) {
        self.init("", status: status)
        self.report = report
    }

    public var description: String {
        if let report { return report }
        var text = "error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
