import CommandLineArguments
import XCTest

final class HelpRendererTests: XCTestCase {
    func testCommandHelpHasUsageAbstractDiscussionArgumentsAndOptions() {
        let help = HelpRenderer.render(build, path: ["tool", "build"])
        XCTAssertEqual(help, """
            USAGE: tool build [--env <env>] [<functions> ...] [--allow-glibc-mismatch]

            Build functions.

            ARGUMENTS:
              <functions>             Functions to build.

            OPTIONS:
              --env <env>             Environment.
              --allow-glibc-mismatch  Warn instead.
              -h, --help              Show help information.
            """)
    }

    func testOptionsShowTheirValuesDefaultsAndValueNames() {
        let help = HelpRenderer.render(synth, path: ["tool", "synth"])
        XCTAssertTrue(help.hasPrefix("""
            USAGE: tool synth [--env <env>] [--stack <stack> ...] [--format <format>]
                              [--concurrency <concurrency>] [--level <level> ...] [--quiet]

            Write templates.

            The folder is written only when synthesis succeeds.

            OPTIONS:
            """), help)
        XCTAssertTrue(help.contains("  --format <format>            Template format. (values: yaml, json; default: yaml)\n"), help)
        XCTAssertTrue(help.contains("  --concurrency <concurrency>  How many at once. (default: 1)\n"), help)
        XCTAssertTrue(help.contains("  --level <level>              When to ask. (values: never, any-change, broadening)\n"), help)
        XCTAssertFalse(help.contains("ARGUMENTS:"), "synth takes none")

        let invoke = HelpRenderer.render(invoke, path: ["tool", "invoke"])
        XCTAssertTrue(invoke.hasPrefix("USAGE: tool invoke <function> [<payload>] --event <file> [--set <name=value> ...]"), invoke)
        XCTAssertTrue(invoke.contains("  --event <file>  "), invoke)
    }

    func testRootHelpListsSubcommands() {
        let help = HelpRenderer.render(tool, path: ["tool"])
        XCTAssertEqual(help, """
            USAGE: tool <subcommand>

            A tool.

            Exit codes: 0 success; 2 bad command line.

            OPTIONS:
              -h, --help  Show help information.

            SUBCOMMANDS:
              synth       Write templates.
              build       Build functions.
              invoke      Run a function.

            See 'tool help <subcommand>' for detailed help.
            """)
    }

    func testLongTextWrapsAt100ColumnsAndLongNamesGetTheirOwnLine() {
        let words = Array(repeating: "word", count: 60).joined(separator: " ")
        let spec = CommandSpec(name: "long", abstract: words, discussion: "First paragraph.\n\n" + words, parameters: [
            .option("a-very-long-option-name-indeed", valueName: "value", help: words),
            .flag("short", help: "Short."),
        ])
        let help = HelpRenderer.render(spec, path: ["long"])
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 100 }, help)
        XCTAssertTrue(lines.allSatisfy { !$0.hasSuffix(" ") }, "no trailing spaces: \(help)")
        XCTAssertTrue(help.contains("First paragraph.\n\nword word"), "paragraphs stay apart: \(help)")
        XCTAssertTrue(help.contains("\n  --a-very-long-option-name-indeed <value>\n                                word word"), help)
        XCTAssertTrue(help.contains("\n  --short                       Short.\n"), help)
        XCTAssertEqual(HelpRenderer.render(spec, path: ["long"]), help, "deterministic")
    }
}
