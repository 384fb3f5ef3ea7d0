/// Time settings are Swift `Duration`s, so the unit is in the code: `.seconds(30)`, `.minutes(5)`,
/// `.hours(24)`, `.days(14)`. Constructs convert them to the unit AWS takes with `Scope.check(_:in:_:property:)`,
/// which rejects values that do not convert exactly (90 seconds for a setting in days).
extension Duration {
    public static func minutes(_ minutes: Int) -> Duration { .of(minutes, .minutes) }
    public static func hours(_ hours: Int) -> Duration { .of(hours, .hours) }
    public static func days(_ days: Int) -> Duration { .of(days, .days) }

    /// `count` of `unit`. Saturates instead of trapping: `.days(Int.max)` is then only out of range, not a crash.
    public static func of(_ count: Int, _ unit: TimeUnit) -> Duration {
        let (product, overflow) = count.multipliedReportingOverflow(by: unit.seconds)
        return .seconds(overflow ? (count < 0 ? Int.min : Int.max) : product)
    }

    /// The duration as a whole number of `unit`, or nil when it is not one (90 seconds in hours).
    public func whole(_ unit: TimeUnit) -> Int? {
        let (seconds, attoseconds) = components
        guard attoseconds == 0, seconds % Int64(unit.seconds) == 0 else { return nil }
        return Int(seconds / Int64(unit.seconds))
    }

    /// The duration as Swift code, in the largest unit that holds it exactly: `.minutes(6)`, `.seconds(90)`,
    /// `.milliseconds(1500)`. Diagnostics and hints use it, so the user can paste it back.
    public var code: String {
        if self == .zero { return ".seconds(0)" }
        for unit in TimeUnit.allCases.reversed() {
            if let n = whole(unit) { return ".\(unit.name)(\(n))" }
        }
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        let (milliseconds, carry) = whole.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        if attoseconds % 1_000_000_000_000_000 == 0, !overflow, !carry { return ".milliseconds(\(milliseconds))" }
        return ".seconds(\(Double(seconds) + Double(attoseconds) / 1e18))"
    }

    /// "30 s", "12 hours", "1 day" when whole in `unit`, else `code`: how messages state a value in the
    /// unit AWS takes.
    public func formatted(in unit: TimeUnit) -> String {
        whole(unit).map(unit.quantity) ?? code
    }
}

/// The units AWS takes time settings in.
public enum TimeUnit: CaseIterable, Sendable {
    case seconds, minutes, hours, days

    public var seconds: Int {
        switch self {
        case .seconds: return 1
        case .minutes: return 60
        case .hours: return 3_600
        case .days: return 86_400
        }
    }

    /// As in `Duration.minutes(_:)`.
    public var name: String {
        switch self {
        case .seconds: return "seconds"
        case .minutes: return "minutes"
        case .hours: return "hours"
        case .days: return "days"
        }
    }

    /// "30 s", "5 min", "1 hour", "14 days".
    public func quantity(_ count: Int) -> String {
        switch self {
        case .seconds: return "\(count) s"
        case .minutes: return "\(count) min"
        case .hours: return count == 1 ? "1 hour" : "\(count) hours"
        case .days: return count == 1 ? "1 day" : "\(count) days"
        }
    }
}
