import Foundation

/// The event `invoke` sends: a JSON file (or stdin), checked before anything is built or started, so a
/// typo is reported with its line and column instead of as the function's decoding error.
enum InvokeEvent {
    static func read(_ path: String, cwd: URL) throws -> Data {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            do {
                data = try Data(contentsOf: url)
            } catch {
                let exists = FileManager.default.fileExists(atPath: url.path)
                throw CLIError("cannot read the event \(path): \(exists ? error.localizedDescription : "no such file")",
                               hint: "stackctl invoke --sample kinesis|dynamodb|sqs|s3|schedule > FILE writes one to edit",
                               status: .io)
            }
        }
        if let problem = problem(in: data) {
            throw CLIError("the event \(path == "-" ? "on stdin" : path) is not valid JSON: \(problem)", status: .usage)
        }
        return data
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
