import CommandLineArguments
import XCTest

final class ParserTests: XCTestCase {
    func testOptionsWithSpaceOrEqualsFlagsAndDefaults() throws {
        let line = try parsed(["synth", "--env", "prod", "--format=json", "--quiet"])
        XCTAssertEqual(line.path, ["tool", "synth"])
        XCTAssertEqual(line.string("env"), "prod")
        XCTAssertEqual(try line.value("format", as: Format.self), .json)
        XCTAssertTrue(line.flag("quiet"))

        let bare = try parsed(["synth"])
        XCTAssertNil(bare.string("env"))
        XCTAssertEqual(try bare.value("format", as: Format.self), .yaml, "the spec's default")
        XCTAssertEqual(try bare.int("concurrency"), 1, "the spec's default, converted")
        XCTAssertFalse(bare.flag("quiet"))
        XCTAssertEqual(bare.strings("stack"), [])
    }

    func testEqualsKeepsEverythingAfterTheFirstEqualsSign() throws {
        let line = try parsed(["invoke", "fn", "--event=", "--set=A=b=c", "--set", "B=-1"])
        XCTAssertEqual(line.string("event"), "", "an empty value is a value")
        XCTAssertEqual(line.strings("set"), ["A=b=c", "B=-1"])
    }

    func testRepeatedOptionsAreCollectedInOrderAndOthersKeepTheLast() throws {
        let line = try parsed(["synth", "--stack", "B", "--env", "dev", "--stack=A", "--env", "prod", "--stack", "B"])
        XCTAssertEqual(line.strings("stack"), ["B", "A", "B"])
        XCTAssertEqual(line.string("env"), "prod")
        XCTAssertEqual(try parsed(["synth", "--level", "never", "--level", "any-change"]).values("level", as: Level.self),
                       [.never, .anyChange])
    }

    func testPositionalsSingleOptionalAndRepeatable() throws {
        let many = try parsed(["build", "a", "--env", "dev", "b", "--allow-glibc-mismatch", "c"])
        XCTAssertEqual(many.arguments("functions"), ["a", "b", "c"], "positionals between options, in order")
        XCTAssertTrue(many.flag("allow-glibc-mismatch"))
        XCTAssertEqual(try parsed(["build"]).arguments("functions"), [])

        let two = try parsed(["invoke", "fn", "extra", "--event", "e.json"])
        XCTAssertEqual(two.argument("function"), "fn")
        XCTAssertEqual(two.argument("payload"), "extra")
        XCTAssertNil(try parsed(["invoke", "fn", "--event", "e.json"]).argument("payload"))
    }

    func testDoubleDashEndsOptions() throws {
        let line = try parsed(["build", "--env", "dev", "--", "--allow-glibc-mismatch", "-h", "--help", "x"])
        XCTAssertEqual(line.arguments("functions"), ["--allow-glibc-mismatch", "-h", "--help", "x"])
        XCTAssertFalse(line.flag("allow-glibc-mismatch"))
    }

    func testDashAndNegativeNumbersAreValues() throws {
        let line = try parsed(["invoke", "-", "--event", "-", "--interval", "-0.5", "--seed", "-3"])
        XCTAssertEqual(line.argument("function"), "-", "stdin as a positional")
        XCTAssertEqual(line.string("event"), "-")
        XCTAssertEqual(try line.double("interval"), -0.5)
        XCTAssertEqual(line.string("seed"), "-3")
    }

    func testTypedNumbers() throws {
        let line = try parsed(["invoke", "f", "--event", "e", "--interval", "0.25", "--seed", "42"])
        XCTAssertEqual(try line.double("interval"), 0.25)
        XCTAssertEqual(try line.uint64("seed"), 42)
        XCTAssertEqual(try line.int("seed"), 42)
        XCTAssertNil(try parsed(["synth"]).int("env"), "absent, no default")
    }

    func testAProgramWithoutSubcommands() throws {
        let line = try parsed(["--stack", "A", "x"], root: build.with(name: "builder"))
        XCTAssertEqual(line.path, ["builder"])
        XCTAssertEqual(line.arguments("functions"), ["x"])
        XCTAssertEqual(try CommandLineParser.parse([], root: build), .run(try parsed([], root: build)),
                       "no arguments run a command without subcommands")
    }
}

private extension CommandSpec {
    func with(name: String) -> CommandSpec {
        var copy = self
        copy.name = name
        copy.parameters.append(.option("stack", help: "A stack.", repeatable: true))
        return copy
    }
}
