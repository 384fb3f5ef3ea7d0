import CommandLineArguments
import Foundation
import StackCore

struct ListCommand: StackctlCommand {
    static let spec = CommandSpec(
        name: "list",
        abstract: "List the estate's stacks with their deployed names, resource counts and dependencies.",
        parameters: EstateOptions.parameters)

    var estate: EstateOptions

    init(_ parsed: ParsedArguments) {
        estate = EstateOptions(parsed)
    }

    func run(_ context: CLIContext) throws -> ExitStatus {
        let environment = estate.environment(context)
        let run = try SynthesisRun.run(context, environment: environment, stacks: estate.stack)
        let rows = run.selected.map { stack in
            [stack.name, stack.physicalName, String(stack.template.resources.count),
             stack.dependencies.isEmpty ? "-" : stack.dependencies.joined(separator: ", ")]
        }
        context.stdout(TextTable.render(header: ["STACK", "DEPLOYED AS", "RESOURCES", "DEPENDS ON"], rows: rows))
        return .success
    }
}

/// Left-aligned columns separated by two spaces.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
