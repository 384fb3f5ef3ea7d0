import CommandLineArguments
import Foundation

/// Ends a producer's run with this exit status; what went wrong is already on stderr.
public struct ProducerExit: Error, Sendable {
    public var status: Int32

    public init(_ status: Int32) { self.status = status }
}

/// A producer's process: its command line parsed against its spec, then its run.
///
/// Exit statuses: 0 done (or help shown); 64 (EX_USAGE) a bad command line, as the producers have always
/// answered; a `ProducerExit`'s status; 1 any other error, printed.
public enum ProducerMain {
    public static func run(_ spec: CommandSpec, arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                           _ body: @Sendable (ParsedArguments) async throws -> Void) async -> Never {
        let parsed: ParsedArguments
        do throws(UsageError) {
            switch try CommandLineParser.parse(arguments, root: spec) {
            case .help(let command, let path):
                print(HelpRenderer.render(command, path: path))
                exit(0)
            case .run(let arguments):
                parsed = arguments
            }
        } catch {
            usage(error)
        }
        do {
            try await body(parsed)
        } catch let error as UsageError {
            usage(error)
        } catch let end as ProducerExit {
            exit(end.status)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
        exit(0)
    }

    /// Bad command line: the message and the hint, exit 64.
    static func usage(_ error: UsageError) -> Never {
        FileHandle.standardError.write(Data("\(error.description)\n".utf8))
        exit(64)
    }
}
