import Foundation

/// Reads a Query-protocol request body (`Action=DescribeStacks&StackName=x`) back into fields.
public enum FormBody {
    public static func decode(_ body: Data) -> [String: String] {
        var form: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            form[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return form
    }
}
