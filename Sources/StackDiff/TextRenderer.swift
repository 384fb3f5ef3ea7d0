/// Plain text for a terminal. Colours (ANSI) only when asked: the CLI asks when stdout is a TTY and
/// `NO_COLOR` is unset.
public enum TextRenderer {
    public static func render(_ report: DiffReport, colors: Bool = false) -> String {
        func paint(_ text: String, _ style: DetailLines.Style) -> String {
            guard colors else { return text }
            let code: String
            switch style {
            case .plain: return text
            case .added: code = "32"
            case .removed: code = "31"
            case .changed: code = "33"
            case .replaced: code = "35"
            case .note: code = "2"
            case .heading: code = "1"
            }
            return "\u{1B}[\(code)m\(text)\u{1B}[0m"
        }
        var out: [String] = []
        let env = report.environment.map { " (\($0))" } ?? ""
        out.append(paint("stackctl diff\(env) against \(report.baseLabel)", .heading))
        for stack in report.stacks {
            out.append("")
            let status = stack.status == .added ? " (new stack)" : stack.status == .removed ? " (stack removed)" : ""
            out.append(paint("Stack \(stack.name)\(status): \(DetailLines.counts(stack))", .heading))
            for risk in stack.resources.flatMap({ r in r.risks.map { (r, $0) } }) {
                out.append(paint("  ! \(risk.1.kind.rawValue): \(DetailLines.title(risk.0.logicalID, risk.0.constructPath, risk.0.type)): \(risk.1.message)", .removed))
            }
            for line in DetailLines.lines(stack) {
                out.append(String(repeating: " ", count: 2 + line.indent) + paint(line.text, line.style))
            }
        }
        out.append("")
        out.append(Summary.line(report))
        return out.joined(separator: "\n")
    }
}

/// The one-line verdict every format ends (or starts) with.
enum Summary {
    static func line(_ report: DiffReport) -> String {
        let changed = report.stacks.filter(\.hasChanges).count
        guard changed > 0 else { return "No changes in \(report.stacks.count) stack\(report.stacks.count == 1 ? "" : "s")." }
        var flags: [String] = []
        let replaced = report.stacks.reduce(0) { $0 + $1.count(.replace) + $1.count(.mayReplace) }
        if replaced > 0 { flags.append("\(replaced) replacement\(replaced == 1 ? "" : "s")") }
        for kind in RiskKind.allCases {
            let n = report.stacks.reduce(0) { $0 + $1.risks.filter { $0.kind == kind }.count }
            if n > 0 { flags.append("\(n) \(kind.rawValue) risk\(n == 1 ? "" : "s")") }
        }
        let flagText = flags.isEmpty ? "" : ": " + flags.joined(separator: ", ")
        return "\(changed) of \(report.stacks.count) stack\(report.stacks.count == 1 ? "" : "s") changed\(flagText)."
    }
}
