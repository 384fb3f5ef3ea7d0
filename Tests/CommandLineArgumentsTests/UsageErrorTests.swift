import CommandLineArguments
import XCTest

/// Every kind of usage error: what it says, and that it points at the right help.
final class UsageErrorTests: XCTestCase {
    func testUnknownOptionWithAndWithoutASuggestion() throws {
        let far = try XCTUnwrap(usageError(["synth", "--colour"]))
        XCTAssertEqual(far.kind, .unknownOption("--colour", suggestion: nil))
        XCTAssertEqual(far.description, "error: Unknown option '--colour'\n  hint: see 'tool synth --help'")

        let close = try XCTUnwrap(usageError(["synth", "--fromat", "json"]))
        XCTAssertEqual(close.message, "Unknown option '--fromat'; did you mean '--format'?")
        XCTAssertEqual(usageError(["synth", "--concurency=2"])?.message,
                       "Unknown option '--concurency'; did you mean '--concurrency'?", "the name without its value")
        XCTAssertEqual(usageError(["synth", "--quite"])?.message, "Unknown option '--quite'; did you mean '--quiet'?")
        XCTAssertEqual(usageError(["build", "--allow-glibc"])?.message,
                       "Unknown option '--allow-glibc'; did you mean '--allow-glibc-mismatch'?", "a unique abbreviation")
        XCTAssertEqual(usageError(["synth", "-x"])?.message, "Unknown option '-x'", "no short options but -h")
        XCTAssertEqual(usageError(["--version"])?.kind, .unknownOption("--version", suggestion: nil))
        XCTAssertEqual(usageError(["--version"])?.hint, "see 'tool --help'")
    }

    func testMissingValue() throws {
        let atEnd = try XCTUnwrap(usageError(["synth", "--env"]))
        XCTAssertEqual(atEnd.description, "error: Missing value for '--env <env>'\n  hint: see 'tool synth --help'")
        XCTAssertEqual(usageError(["synth", "--env", "--quiet"])?.message, "Missing value for '--env <env>'",
                       "another option is not a value")
        XCTAssertEqual(usageError(["invoke", "f", "--event"])?.message, "Missing value for '--event <file>'", "the value name")
    }

    func testFlagWithAValue() {
        XCTAssertEqual(usageError(["synth", "--quiet=yes"])?.message, "The flag '--quiet' takes no value, but 'yes' was given")
    }

    func testUnexpectedArgument() throws {
        let error = try XCTUnwrap(usageError(["synth", "extra"]))
        XCTAssertEqual(error.description, "error: Unexpected argument 'extra'\n  hint: see 'tool synth --help'")
        XCTAssertEqual(usageError(["invoke", "a", "b", "c", "--event", "e"])?.kind, .unexpectedArgument("c"))
        XCTAssertEqual(usageError(["synth", "--", "--env"])?.kind, .unexpectedArgument("--env"))
    }

    func testUnknownSubcommand() throws {
        let close = try XCTUnwrap(usageError(["synht"]))
        XCTAssertEqual(close.description, "error: Unknown command 'synht'; did you mean 'synth'?\n  hint: see 'tool --help'")
        XCTAssertEqual(usageError(["frobnicate"])?.message, "Unknown command 'frobnicate'")
        XCTAssertEqual(usageError(["bulid", "--help"])?.kind, .unknownSubcommand("bulid", suggestion: "build"),
                       "help for a command that does not exist is an error")
    }

    func testInvalidEnumValueListsTheAllowedOnes() throws {
        let error = try XCTUnwrap(usageError(["synth", "--format", "xml"]))
        XCTAssertEqual(error.description, "error: Invalid value 'xml' for '--format': expected one of yaml, json\n  hint: see 'tool synth --help'")
        XCTAssertEqual(usageError(["synth", "--level", "never", "--level=sometimes"])?.message,
                       "Invalid value 'sometimes' for '--level': expected one of never, any-change, broadening")
    }

    func testEnumAccessorWithATypeThatDisagreesWithTheSpec() throws {
        // The spec accepts yaml and json; a type that knows only yaml reports json with the spec's list.
        enum OnlyYAML: String { case yaml }
        let line = try parsed(["synth", "--format", "json"])
        XCTAssertThrowsError(try line.value("format", as: OnlyYAML.self)) { error in
            XCTAssertEqual((error as? UsageError)?.message, "Invalid value 'json' for '--format': expected one of yaml, json")
        }
    }

    func testInvalidNumbersNameTheOption() throws {
        let line = try parsed(["synth", "--concurrency", "many"])
        XCTAssertThrowsError(try line.int("concurrency")) { error in
            XCTAssertEqual((error as? UsageError)?.description,
                           "error: Invalid value 'many' for '--concurrency': expected an integer\n  hint: see 'tool synth --help'")
        }
        let numbers = try parsed(["invoke", "f", "--event", "e", "--interval", "soon", "--seed", "-1"])
        XCTAssertThrowsError(try numbers.double("interval")) { error in
            XCTAssertEqual((error as? UsageError)?.message, "Invalid value 'soon' for '--interval': expected a number")
        }
        XCTAssertThrowsError(try numbers.uint64("seed")) { error in
            XCTAssertEqual((error as? UsageError)?.message, "Invalid value '-1' for '--seed': expected a non-negative integer")
        }
        XCTAssertThrowsError(try parsed(["synth", "--concurrency", "1.5"]).int("concurrency"))
    }

    func testMissingRequiredPositionalAndOption() throws {
        let argument = try XCTUnwrap(usageError(["invoke", "--event", "e"]))
        XCTAssertEqual(argument.description, "error: Missing argument '<function>'\n  hint: see 'tool invoke --help'")
        let option = try XCTUnwrap(usageError(["invoke", "f"]))
        XCTAssertEqual(option.description, "error: Missing option '--event <file>'\n  hint: see 'tool invoke --help'")
    }

    func testACommandsOwnCheckIsAUsageErrorPointingAtItsHelp() throws {
        let line = try parsed(["synth", "--concurrency", "0"])
        let error = line.usageError("--concurrency must be at least 1 (got 0)")
        XCTAssertEqual(error.kind, .invalid("--concurrency must be at least 1 (got 0)"))
        XCTAssertEqual(error.description, "error: --concurrency must be at least 1 (got 0)\n  hint: see 'tool synth --help'")
    }

    func testSuggestionsStayQuietWhenNothingIsClose() {
        XCTAssertEqual(usageError(["synth", "--bogus"])?.kind, .unknownOption("--bogus", suggestion: nil))
        XCTAssertEqual(usageError(["synth", "--end"])?.kind, .unknownOption("--end", suggestion: "--env"), "one edit on a short name")
        XCTAssertEqual(usageError(["synth", "--lvl"])?.kind, .unknownOption("--lvl", suggestion: nil), "two edits on a short name are not close")
        XCTAssertEqual(usageError(["synth", "--hlep"])?.kind, .unknownOption("--hlep", suggestion: "--help"), "a swapped pair is one edit")
    }
}
