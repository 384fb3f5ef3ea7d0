import XCTest
import StackTemplate

extension XCTestCase {
    /// The `TemplateParseError` that parsing `text` throws; fails the test when it parses or throws another error.
    func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TemplateParseError? {
        do {
            _ = try TemplateParser.parse(text)
            XCTFail("expected a parse error", file: file, line: line)
        } catch let error as TemplateParseError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }
}
