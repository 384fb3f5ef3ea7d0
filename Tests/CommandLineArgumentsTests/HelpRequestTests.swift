import CommandLineArguments
import XCTest

final class HelpRequestTests: XCTestCase {
    private func helpPath(_ arguments: [String]) throws -> [String]? {
        if case .help(let command, let path) = try CommandLineParser.parse(arguments, root: tool) {
            XCTAssertEqual(command.name, path.last)
            return path
        }
        return nil
    }

    func testHelpFlagAnywhereAsksForThatCommandsHelp() throws {
        XCTAssertEqual(try helpPath(["synth", "--help"]), ["tool", "synth"])
        XCTAssertEqual(try helpPath(["synth", "-h"]), ["tool", "synth"])
        XCTAssertEqual(try helpPath(["synth", "--env", "dev", "--help", "--quiet"]), ["tool", "synth"])
        XCTAssertEqual(try helpPath(["--help", "build"]), ["tool", "build"], "before the subcommand too")
        XCTAssertEqual(try helpPath(["--help"]), ["tool"])
        XCTAssertEqual(try helpPath(["-h"]), ["tool"])
    }

    func testHelpWinsOverErrorsOnTheSameLine() throws {
        XCTAssertEqual(try helpPath(["synth", "--bogus", "--format", "xml", "--help"]), ["tool", "synth"])
        XCTAssertEqual(try helpPath(["invoke", "--help"]), ["tool", "invoke"], "missing required ones do not matter")
        XCTAssertEqual(try helpPath(["--bogus", "--help"]), ["tool"])
    }

    func testHelpAfterDoubleDashIsAnArgument() throws {
        XCTAssertNil(try helpPath(["build", "--", "--help"]))
    }

    func testHelpCommandAtTheRoot() throws {
        XCTAssertEqual(try helpPath(["help"]), ["tool"])
        XCTAssertEqual(try helpPath(["help", "synth"]), ["tool", "synth"])
        XCTAssertEqual(usageError(["help", "synht"])?.kind, .unknownSubcommand("synht", suggestion: "synth"))
    }

    func testNoArgumentsAtARootWithSubcommandsShowsItsHelp() throws {
        XCTAssertEqual(try helpPath([]), ["tool"])
    }
}
