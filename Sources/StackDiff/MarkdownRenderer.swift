/// Markdown for a pull-request comment: the verdict, risk flags first, one summary table per stack,
/// and the details of each stack collapsed in `<details>`.
public enum MarkdownRenderer {
    /// The first line of every comment: the workflow finds its own comment by it to update it.
    public static let marker = "<!-- stackctl-diff -->"

    public static func render(_ report: DiffReport) -> String {
        var out: [String] = [marker]
        let env = report.environment.map { " `\($0)`" } ?? ""
        out.append("### stackctl diff\(env) against `\(report.baseLabel)`")
        out.append("")
        out.append("**\(Summary.line(report))**")

        let risks = report.stacks.flatMap { stack in stack.resources.flatMap { r in r.risks.map { (stack.name, r, $0) } } }
        if !risks.isEmpty {
            out.append("")
            out.append("#### Risks")
            for (stack, r, risk) in risks {
                let icon = risk.kind == .dataLoss ? "🛑" : "🔓"
                out.append("- \(icon) **\(risk.kind.rawValue)** — \(stack) / `\(r.logicalID)`\(r.constructPath.map { " (`\($0)`)" } ?? ""): \(escape(risk.message))")
            }
        }
        for stack in report.stacks {
            out.append("")
            let status = stack.status == .added ? " (new stack)" : stack.status == .removed ? " (stack removed)" : ""
            out.append("#### \(stack.name)\(status): \(DetailLines.counts(stack))")
            guard stack.hasChanges || !stack.metadataOnly.isEmpty else { continue }
            if !stack.resources.isEmpty {
                out.append("")
                out.append("| | Resource | Path | Type | Impact | Risks |")
                out.append("|---|---|---|---|---|---|")
                for r in stack.resources {
                    let type = r.oldType.map { "`\($0)` → `\(r.type)`" } ?? "`\(r.type)`"
                    let risks = r.risks.map { $0.kind.rawValue }.joined(separator: ", ")
                    out.append("| \(DetailLines.symbol(r.impact)) | `\(r.logicalID)` | \(r.constructPath.map { "`\($0)`" } ?? "") | \(type) | \(r.impact.rawValue) | \(risks) |")
                }
            }
            out.append("")
            out.append("<details><summary>Details of \(stack.name)</summary>")
            out.append("")
            out.append("```diff")
            for line in DetailLines.lines(stack) { out.append(diffPrefix(line) + String(repeating: " ", count: line.indent) + line.text) }
            out.append("```")
            out.append("")
            out.append("</details>")
        }
        return out.joined(separator: "\n")
    }

    /// GitHub colours `diff` blocks by the first character: + green, - red, ! orange.
    private static func diffPrefix(_ line: DetailLines.Line) -> String {
        switch line.style {
        case .added: return "+ "
        case .removed, .replaced: return "- "
        case .changed: return "! "
        case .plain, .note, .heading: return "  "
        }
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
    }
}
