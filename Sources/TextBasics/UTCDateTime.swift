/// A UTC calendar date and time of day from epoch seconds and back, by arithmetic on the proleptic Gregorian
/// calendar (Howard Hinnant's days-from-civil; before 1582-10-15 Foundation's Gregorian calendar is Julian, this
/// one is not, as ISO 8601 wants). Not `Calendar`/`TimeZone`: with FoundationEssentials alone (the
/// functions link no ICU), `TimeZone(identifier: "UTC")` is nil, so a calendar cannot be set to UTC by name.
public struct UTCDateTime: Equatable, Sendable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// The date and time of whole epoch seconds (fractions are the caller's: floor them first).
    public init(epochSeconds: Int) {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : -((-epochSeconds + 86_399) / 86_400)
        let rest = epochSeconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: doy - (153 * mp + 2) / 5 + 1,
                  hour: rest / 3_600, minute: rest % 3_600 / 60, second: rest % 60)
    }

    /// Epoch seconds; nil when the fields are not a real date and time (February 30, month 13, hour 24).
    public var epochSeconds: Int? {
        guard (1...12).contains(month), (1...31).contains(day), (0..<24).contains(hour), (0..<60).contains(minute),
              (0..<60).contains(second)
        else { return nil }
        let y = year - (month <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        // A day past the month's end comes back as another date.
        let back = UTCDateTime(epochSeconds: seconds)
        return (back.year, back.month, back.day) == (year, month, day) ? seconds : nil
    }
}
