extension Scope {
    /// A time setting in the unit AWS takes (`unit`), checked against `range` in that unit. Reports
    /// `inexact-duration` when the value is not a whole number of `unit` and `out-of-range` outside
    /// `range`, stating the value in `unit` and the range as code (`.seconds(0)` to `.hours(12)`).
    /// Returns the value in `unit` (truncated when inexact: synthesis then fails, so it is never rendered).
    @discardableResult
    public func check(_ duration: Duration, in range: ClosedRange<Int>, _ unit: TimeUnit, property: String) -> Int {
        guard let value = duration.whole(unit) else {
            let below = Int(duration.components.seconds / Int64(unit.seconds))
            let nearest = [below, below &+ 1].filter(range.contains).map { Duration.of($0, unit).code }
            error(.inexactDuration, "\(property) \(duration.code) is not a whole number of \(unit.name)",
                  hint: "AWS takes \(property) in whole \(unit.name)" + (nearest.isEmpty ? "" : "; use \(nearest.joined(separator: " or "))"),
                  property: property)
            return below
        }
        if !range.contains(value) {
            error(.outOfRange, "\(property) \(unit.quantity(value)) is out of range",
                  hint: "use a duration from \(Duration.of(range.lowerBound, unit).code) to \(Duration.of(range.upperBound, unit).code)",
                  property: property)
        }
        return value
    }
}
