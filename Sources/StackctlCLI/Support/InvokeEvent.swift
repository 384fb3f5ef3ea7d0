import AWSClient
import Foundation

/// The event `invoke` sends: a JSON file (or stdin), checked before anything is built or started, so a
/// typo is reported with its line and column instead of as the function's decoding error.
enum InvokeEvent {
    /// Lambda's own limits for what an invocation carries (`JSONLimits.lambdaEvent`: 6 MB, nesting, ...).
    static let limits = JSONLimits.lambdaEvent

    static func read(_ path: String, cwd: URL) throws -> Data {
        let name = path == "-" ? "on stdin" : path
        let data: Data
        if path == "-" {
            // One byte past the limit is enough to know it is too large; the rest is never read.
            data = FileHandle.standardInput.readData(ofLength: limits.maxBytes + 1)
        } else {
            let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            do {
                let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
                try checkLimits(size: size, of: name)
                data = try Data(contentsOf: url)
            } catch let error as CLIError {
                throw error
            } catch {
                let exists = FileManager.default.fileExists(atPath: url.path)
                throw CLIError("cannot read the event \(path): \(exists ? error.localizedDescription : "no such file")",
                               hint: "stackctl invoke --sample kinesis|dynamodb|sqs|s3|schedule > FILE writes one to edit",
                               status: .io)
            }
        }
        try checkLimits(size: data.count, of: name)
        do { try limits.check([UInt8](data)) } catch {
            throw CLIError("the event \(name) cannot be sent to a Lambda function: \(error)",
                           hint: "Lambda takes events of at most \(limits.maxBytes) bytes nested at most \(limits.maxDepth) deep",
                           status: .usage)
        }
        if let problem = problem(in: data) {
            throw CLIError("the event \(name) is not valid JSON: \(problem)", status: .usage)
        }
        return data
    }

    private static func checkLimits(size: Int, of name: String) throws {
        do { try limits.checkSize(size) } catch {
            throw CLIError("the event \(name) is too large for Lambda: \(error)",
                           hint: "Lambda's synchronous invocation payload limit is 6 MB (\(limits.maxBytes) bytes); send a smaller event, "
                               + "or put the data in S3 and send its key", status: .usage)
        }
    }

    /// What is wrong with the JSON, with line and column when Foundation says where; nil when it is valid.
    static func problem(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            // "Invalid value around character 19." — a 0-based byte offset.
            if let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
               let offset = Int(detail[range].dropFirst("character ".count)) {
                let (line, column) = position(of: offset, in: data)
                return "line \(line), column \(column): \(detail.replacingOccurrences(of: #" around character \d+"#, with: "", options: .regularExpression))"
            }
            if data.allSatisfy({ [9, 10, 13, 32].contains($0) }) { return "the file is empty" }
            let (line, column) = position(of: data.count, in: data)
            return "line \(line), column \(column): \(detail)"
        }
    }

    /// 1-based line and column of a byte offset.
    static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
