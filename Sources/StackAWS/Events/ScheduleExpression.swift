import StackCore
import StackTemplate

/// An EventBridge schedule: `rate(5 minutes)` or `cron(0 22 ? * MON-FRI *)`.
///
/// Build one in Swift (`.rate(5, .minutes)`, `.cron("0 22 ? * MON-FRI *")`) or parse the text form from
/// configuration with `Schedule.parse(_:)`. Constructs validate schedules with `problems` and report
/// each one as an `invalid-schedule` diagnostic, so a bad expression fails synthesis, not deployment.
public enum Schedule: Hashable, Sendable, CustomStringConvertible {
    /// Every `value` units. AWS wants the singular unit for 1 (`rate(1 hour)`) and the plural otherwise.
    case rate(Int, RateUnit)
    /// The six cron fields without the `cron(...)` wrapper:
    /// minutes, hours, day-of-month, month, day-of-week, year (times in UTC).
    case cron(String)

    /// The expression EventBridge expects in `ScheduleExpression`.
    public var expression: String {
        switch self {
        case .rate(let value, let unit): return "rate(\(value) \(unit.rawValue))"
        case .cron(let fields): return "cron(\(CronFields.split(fields).joined(separator: " ")))"
        }
    }

    public var description: String { expression }

    /// Everything wrong with the expression; empty when EventBridge will accept it.
    public var problems: [ScheduleProblem] {
        switch self {
        case .rate(let value, let unit): return Self.rateProblems(value, unit)
        case .cron(let fields): return CronFields.problems(fields, expression: expression)
        }
    }

    public var isValid: Bool { problems.isEmpty }

    /// Parses `rate(30 minutes)` or `cron(0 22 ? * MON-FRI *)` (as written in environment files).
    /// Only the shape is checked here; `problems` reports what is wrong inside a well-formed expression.
    public static func parse(_ text: String) throws(ScheduleProblem) -> Schedule {
        let trimmed = text.trimmingSpaces
        func inner(_ prefix: String) -> String? {
            guard trimmed.hasPrefix(prefix), trimmed.hasSuffix(")") else { return nil }
            return String(trimmed.dropFirst(prefix.count).dropLast()).trimmingSpaces
        }
        if let body = inner("cron(") {
            return .cron(body)
        }
        if let body = inner("rate(") {
            let parts = body.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else {
                throw ScheduleProblem("\(trimmed): a rate needs a value and a unit",
                                      hint: "write rate(5 minutes), rate(1 hour) or rate(2 days)")
            }
            guard let value = Int(parts[0]) else {
                throw ScheduleProblem("\(trimmed): rate value '\(parts[0])' is not a whole number",
                                      hint: "write rate(5 minutes), rate(1 hour) or rate(2 days)")
            }
            guard let unit = RateUnit(rawValue: String(parts[1])) else {
                throw ScheduleProblem("\(trimmed): rate unit '\(parts[1])' is not one of minute(s), hour(s), day(s)",
                                      hint: "write rate(5 minutes), rate(1 hour) or rate(2 days)")
            }
            return .rate(value, unit)
        }
        throw ScheduleProblem("'\(text)' is neither a rate(...) nor a cron(...) expression",
                              hint: "write e.g. rate(30 minutes) or cron(0 22 ? * MON-FRI *)")
    }

    private static func rateProblems(_ value: Int, _ unit: RateUnit) -> [ScheduleProblem] {
        let text = "rate(\(value) \(unit.rawValue))"
        var problems: [ScheduleProblem] = []
        if value < 1 {
            problems.append(ScheduleProblem("\(text): the rate value must be at least 1",
                                            hint: "use a positive whole number, e.g. rate(1 \(unit.singular.rawValue))"))
        } else if value == 1, unit.isPlural {
            problems.append(ScheduleProblem("\(text): a value of 1 needs the singular unit '\(unit.singular.rawValue)'",
                                            hint: "write rate(1 \(unit.singular.rawValue))"))
        } else if value > 1, !unit.isPlural {
            problems.append(ScheduleProblem("\(text): a value above 1 needs the plural unit '\(unit.plural.rawValue)'",
                                            hint: "write rate(\(value) \(unit.plural.rawValue))"))
        }
        return problems
    }
}

/// The unit of a `rate(...)` schedule.
public enum RateUnit: String, Hashable, Sendable, CaseIterable {
    case minute, minutes, hour, hours, day, days

    public var isPlural: Bool { rawValue.hasSuffix("s") }

    public var singular: RateUnit {
        switch self {
        case .minute, .minutes: return .minute
        case .hour, .hours: return .hour
        case .day, .days: return .day
        }
    }

    public var plural: RateUnit {
        switch self {
        case .minute, .minutes: return .minutes
        case .hour, .hours: return .hours
        case .day, .days: return .days
        }
    }
}

/// One thing wrong with a schedule expression; the message names the expression and the field.
public struct ScheduleProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message }
}

extension Scope {
    /// Reports every problem of `schedule` as an `invalid-schedule` error; returns whether it is valid.
    @discardableResult
    public func validate(_ schedule: Schedule, property: String = "schedule") -> Bool {
        let problems = schedule.problems
        for problem in problems {
            error(.invalidSchedule, problem.message, hint: problem.hint, property: property)
        }
        return problems.isEmpty
    }
}

// MARK: - Cron validation

/// EventBridge cron rules (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html):
///
/// | field        | values                | wildcards          |
/// |--------------|-----------------------|--------------------|
/// | minutes      | 0-59                  | , - * /            |
/// | hours        | 0-23                  | , - * /            |
/// | day-of-month | 1-31                  | , - * ? / L W      |
/// | month        | 1-12 or JAN-DEC       | , - * /            |
/// | day-of-week  | 1-7 or SUN-SAT        | , - * ? L #        |
/// | year         | 1970-2199             | , - * /            |
///
/// One of day-of-month and day-of-week must be `?`, and not both.
enum CronFields {
    struct Field {
        let name: String
        let range: ClosedRange<Int>
        let names: [String]  // index 0 is the value range.lowerBound
        let allowsQuestion: Bool
        let allowsIncrement: Bool
        let example: String

        /// The special characters the field allows (each only on its own, not in lists).
        var specials: Set<String> {
            switch name {
            case "day-of-month": return ["?", "L", "W"]
            case "day-of-week": return ["?", "L", "#"]
            default: return []
            }
        }

        func number(_ text: Substring) -> Int? {
            if let n = Int(text), text.allSatisfy(\.isASCII) { return n }
            if let i = names.firstIndex(of: text.uppercased()) { return range.lowerBound + i }
            return nil
        }

        var allowed: String {
            var text = "\(range.lowerBound)-\(range.upperBound)"
            if let first = names.first, let last = names.last { text += " or \(first)-\(last)" }
            return text
        }
    }

    static let minutes = Field(name: "minutes", range: 0...59, names: [], allowsQuestion: false, allowsIncrement: true, example: "0/15")
    static let hours = Field(name: "hours", range: 0...23, names: [], allowsQuestion: false, allowsIncrement: true, example: "8-17")
    static let dayOfMonth = Field(name: "day-of-month", range: 1...31, names: [], allowsQuestion: true, allowsIncrement: true, example: "1,15")
    static let month = Field(name: "month", range: 1...12,
                             names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
                             allowsQuestion: false, allowsIncrement: true, example: "JAN-MAR")
    static let dayOfWeek = Field(name: "day-of-week", range: 1...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
                                 allowsQuestion: true, allowsIncrement: false, example: "MON-FRI")
    static let year = Field(name: "year", range: 1970...2199, names: [], allowsQuestion: false, allowsIncrement: true, example: "*")

    static let fields = [minutes, hours, dayOfMonth, month, dayOfWeek, year]

    static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    static func problems(_ text: String, expression: String) -> [ScheduleProblem] {
        let parts = split(text)
        if text.trimmingSpaces.hasPrefix("cron(") || text.trimmingSpaces.hasPrefix("rate(") {
            return [ScheduleProblem("\(expression): the fields are wrapped in a second '\(text.trimmingSpaces.prefix(4))(...)'",
                                    hint: "pass only the fields, .cron(\"0 12 * * ? *\"), or use Schedule.parse for the text form")]
        }
        guard parts.count == 6 else {
            return [ScheduleProblem(
                "\(expression): a cron expression needs 6 fields (minutes hours day-of-month month day-of-week year), found \(parts.count)",
                hint: "e.g. cron(0 12 * * ? *) runs daily at 12:00 UTC; note the year field and the '?'")]
        }
        var problems: [ScheduleProblem] = []
        for (field, part) in zip(fields, parts) {
            if let problem = check(part, field, expression: expression) { problems.append(problem) }
        }
        let dom = parts[2], dow = parts[4]
        if dom == "?" && dow == "?" {
            problems.append(ScheduleProblem(
                "\(expression): day-of-month and day-of-week cannot both be '?'",
                hint: "put '*' (or a day) in one of them: cron(\(parts[0]) \(parts[1]) * \(parts[3]) ? \(parts[5]))"))
        } else if dom != "?" && dow != "?" {
            problems.append(ScheduleProblem(
                "\(expression): one of day-of-month ('\(dom)') and day-of-week ('\(dow)') must be '?'",
                hint: dow == "*"
                    ? "write cron(\(parts[0]) \(parts[1]) \(dom) \(parts[3]) ? \(parts[5]))"
                    : "write cron(\(parts[0]) \(parts[1]) ? \(parts[3]) \(dow) \(parts[5])) to run on those weekdays"))
        }
        return problems
    }

    /// The first problem with one field, or nil.
    static func check(_ text: String, _ field: Field, expression: String) -> ScheduleProblem? {
        func problem(_ detail: String, hint: String? = nil) -> ScheduleProblem {
            ScheduleProblem("\(expression): \(field.name) field '\(text)' \(detail)",
                            hint: hint ?? "use \(field.allowed) with , - * \(field.allowsIncrement ? "/ " : "")(e.g. \(field.example))")
        }
        if text == "*" { return nil }
        if text == "?" {
            return field.allowsQuestion ? nil
                : problem("uses '?', which only day-of-month and day-of-week allow", hint: "use '*' for every \(field.name.hasSuffix("s") ? String(field.name.dropLast()) : field.name)")
        }
        // Special forms that must stand alone in their field.
        if field.name == dayOfMonth.name {
            if text == "L" || text == "LW" { return nil }
            if text.hasSuffix("W") {
                let day = text.dropLast()
                guard let n = Int(day), day.allSatisfy(\.isASCII) else {
                    return problem("is not a valid weekday ('W') form", hint: "write e.g. 15W for the weekday nearest the 15th, or LW")
                }
                return field.range.contains(n) ? nil
                    : problem("names day \(n), out of range \(field.range.lowerBound)-\(field.range.upperBound)",
                              hint: "write e.g. 15W for the weekday nearest the 15th")
            }
        }
        if field.name == dayOfWeek.name {
            if text == "L" { return nil }
            if let hash = text.firstIndex(of: "#") {
                let day = text[..<hash], nth = text[text.index(after: hash)...]
                guard let d = field.number(day), field.range.contains(d) else {
                    return problem("has '\(day)' before '#', which is not a day of week (\(field.allowed))",
                                   hint: "write e.g. 6#3 or FRI#3 for the third Friday of the month")
                }
                guard let k = Int(nth), nth.allSatisfy(\.isASCII), (1...5).contains(k) else {
                    return problem("has '\(nth)' after '#'; the week of the month must be 1-5",
                                   hint: "write e.g. 6#3 or FRI#3 for the third Friday of the month")
                }
                return nil
            }
            if text.count > 1, text.hasSuffix("L") {
                let day = text.dropLast()
                guard let d = field.number(day), field.range.contains(d) else {
                    return problem("has '\(day)' before 'L', which is not a day of week (\(field.allowed))",
                                   hint: "write e.g. 6L or FRIL for the last Friday of the month")
                }
                return nil
            }
        }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            if let detail = checkItem(item, field, fieldText: text) {
                return problem(detail.message, hint: detail.hint)
            }
        }
        return nil
    }

    /// One element of a list: `*`, `5`, `MON`, `1-5`, `0/15`, `*/10`, `8-17/2`. Messages read on from
    /// "<field> field '<text>' ": they name the offending part when it is not the whole field.
    static func checkItem(_ item: Substring, _ field: Field, fieldText: String) -> (message: String, hint: String?)? {
        func about(_ part: Substring, _ detail: String) -> String {
            part == fieldText ? detail : "has '\(part)', which \(detail)"
        }
        let rangeHint = "write a range as START-END, e.g. \(field.example)"
        if item.isEmpty { return ("has an empty list element", "separate values with single commas, e.g. 1,15") }
        for special in ["?", "L", "W", "#"] where item.contains(special) {
            guard field.specials.contains(special) else {
                return ("uses '\(special)', which \(field.name) does not allow", nil)
            }
            return ("uses '\(special)' inside a list, range or increment; it must stand alone in the field", nil)
        }
        var base = item
        if let slash = item.firstIndex(of: "/") {
            guard field.allowsIncrement else {
                return ("uses the increment '/', which \(field.name) does not allow", "list the days instead, e.g. MON,WED,FRI")
            }
            base = item[..<slash]
            let step = item[item.index(after: slash)...]
            let span = field.range.upperBound - field.range.lowerBound + 1
            guard let n = Int(step), step.allSatisfy(\.isASCII), n >= 1, n <= span else {
                return ("has increment '\(step)'; it must be a whole number from 1 to \(span)", "e.g. \(field.example)")
            }
            if base.isEmpty { return ("has the increment '/\(step)' with no start", "write e.g. 0/\(step) or */\(step)") }
        }
        if base == "*" { return nil }
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count <= 2, !bounds.contains(where: \.isEmpty) else {
            return (about(base, "is not a valid range"), rangeHint)
        }
        for bound in bounds {
            guard let n = field.number(bound) else {
                return (about(bound, "is not a valid value; \(field.name) allows \(field.allowed)"), nil)
            }
            guard field.range.contains(n) else {
                return (about(bound, "is out of range \(field.range.lowerBound)-\(field.range.upperBound)"), nil)
            }
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
