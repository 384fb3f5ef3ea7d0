#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a function's `main.swift` ends the process, so that it needs neither full Foundation's `FileHandle` nor a
/// C library import of its own.
public enum LambdaProcess {
    /// Exits with the loop's outcome (`LambdaRuntime.Outcome.exitCode`).
    public static func exit(_ code: Int32) -> Never { endProcess(code) }

    /// Started outside Lambda (no `AWS_LAMBDA_RUNTIME_API`): says so on stderr and exits 1.
    public static func notInLambda() -> Never {
        let message = Array("AWS_LAMBDA_RUNTIME_API is not set: run this inside Lambda\n".utf8)
        _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        endProcess(1)
    }
}

private func endProcess(_ code: Int32) -> Never { exit(code) }  // the C library's, not LambdaProcess.exit
