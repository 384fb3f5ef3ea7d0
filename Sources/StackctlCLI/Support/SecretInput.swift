import Foundation

/// Reads the value `secret put` stores: from a file or from stdin, never from the command line (where
/// it would stay in the shell's history and show in `ps`). Every error says what is wrong with the
/// value without showing any of it.
enum SecretInput {
    /// Secrets Manager's limit for a `SecretString`: 65,536 bytes.
    static let maxBytes = 65_536

    /// The value, with one trailing line ending removed (what `echo` and editors add; a token never
    /// ends in one). `file` nil or `-` means stdin; `stdin` answers nil when it is a terminal.
    static func read(file: String?, stdin: (Int) -> Data?, cwd: URL) throws -> String {
        // Two bytes of line ending past the limit, one more to know it is too large.
        let readLimit = maxBytes + 3
        let source: String
        let data: Data
        if let file, file != "-" {
            source = "in " + file
            let url = URL(fileURLWithPath: file, relativeTo: cwd)
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                let exists = FileManager.default.fileExists(atPath: url.path)
                throw CLIError("cannot read the secret value from \(file): \(exists ? "permission denied" : "no such file")",
                               hint: "pass --file with a readable file, or pipe the value on stdin", status: .io)
            }
            defer { try? handle.close() }
            do { data = try handle.read(upToCount: readLimit) ?? Data() } catch {
                throw CLIError("cannot read the secret value from \(file): \(error.localizedDescription)", status: .io)
            }
        } else {
            source = "on stdin"
            guard let read = stdin(readLimit) else {
                throw CLIError("stdin is a terminal: the secret value is read from a pipe or a file, not typed",
                               hint: "pipe it in (`pass show x-tokens | stackctl secret put ...`), or pass --file FILE", status: .usage)
            }
            data = read
        }
        var bytes = data
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast(); if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() } }
        if bytes.isEmpty {
            throw CLIError("the secret value \(source) is empty; nothing was stored",
                           hint: "pipe the value on stdin or pass --file FILE holding it", status: .usage)
        }
        if bytes.count > maxBytes {
            throw CLIError("the secret value \(source) is over \(maxBytes) bytes, Secrets Manager's limit; nothing was stored",
                           hint: "store a smaller value (a token, a key), or keep large material in S3 and its key here", status: .usage)
        }
        guard let value = String(data: bytes, encoding: .utf8) else {
            throw CLIError("the secret value \(source) is not UTF-8 text; nothing was stored",
                           hint: "store text (base64-encode binary material first)", status: .usage)
        }
        return value
    }
}
