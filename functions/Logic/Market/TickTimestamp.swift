#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TextBasics

/// Tick timestamps, normalized to one sortable UTC form: `2025-01-02T14:30:05.123456Z`.
///
/// The timestamp is the quotes table's sort key (a string), and market-analysis reads "the latest
/// N" by key order, so every record must use the same fixed-width form. Accepted input is ISO-8601
/// extended format `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM|±HHMM]`. Without an offset the time is
/// taken as UTC: the seed's producer writes `datetime.utcnow().isoformat()`, which has none.
/// Fractions keep 6 digits (padded; digits past the microsecond are truncated).
public enum TickTimestamp {
    public static func normalize(_ text: String) -> String? {
        let b = Array(text.utf8)
        guard b.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              hour < 24, minute < 60, second < 60
        else { return nil }

        var i = 19
        var fraction = ""
        if i < b.count, b[i] == UInt8(ascii: ".") {
            let start = i + 1
            i = start
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > start, i - start <= 9 else { return nil }
            fraction = String(decoding: b[start..<i], as: UTF8.self)
        }
        fraction = String((fraction + "000000").prefix(6))

        var offsetSeconds = 0
        let rest = Array(b[i...])
        switch rest.count {
        case 0: break
        case 1 where rest[0] == UInt8(ascii: "Z"): break
        case 5, 6:
            guard rest[0] == UInt8(ascii: "+") || rest[0] == UInt8(ascii: "-") else { return nil }
            let hasColon = rest.count == 6
            if hasColon, rest[3] != UInt8(ascii: ":") { return nil }
            let digits = hasColon ? [rest[1], rest[2], rest[4], rest[5]] : Array(rest[1...4])
            guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            let value = digits.map { Int($0 - 0x30) }
            let hours = value[0] * 10 + value[1], minutes = value[2] * 10 + value[3]
            guard hours < 24, minutes < 60 else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (rest[0] == UInt8(ascii: "-") ? -1 : 1)
        default: return nil
        }

        // Refuses dates such as February 30, and year 0 (there is none in Foundation's Gregorian calendar either).
        guard year >= 1, let local = UTCDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).epochSeconds
        else { return nil }
        let utc = UTCDateTime(epochSeconds: local - offsetSeconds)
        guard (0...9999).contains(utc.year) else { return nil }
        return "\(padded(utc.year, 4))-\(padded(utc.month))-\(padded(utc.day))T\(padded(utc.hour)):\(padded(utc.minute)):"
            + "\(padded(utc.second)).\(fraction)Z"
    }

    static func padded(_ value: Int, _ width: Int = 2) -> String { TextBasics.zeroPadded(value, width: width) }
}
