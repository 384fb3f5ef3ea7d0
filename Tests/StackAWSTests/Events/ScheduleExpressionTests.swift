import StackAWS
import XCTest

final class ScheduleExpressionTests: XCTestCase {
    func testRateRendersSingularAndPlural() {
        XCTAssertEqual(Schedule.rate(1, .minute).expression, "rate(1 minute)")
        XCTAssertEqual(Schedule.rate(5, .minutes).expression, "rate(5 minutes)")
        XCTAssertEqual(Schedule.rate(1, .hour).expression, "rate(1 hour)")
        XCTAssertEqual(Schedule.rate(12, .hours).expression, "rate(12 hours)")
        XCTAssertEqual(Schedule.rate(1, .day).expression, "rate(1 day)")
        XCTAssertEqual(Schedule.rate(7, .days).expression, "rate(7 days)")
        for schedule in [Schedule.rate(1, .minute), .rate(5, .minutes), .rate(1, .hour), .rate(2, .hours), .rate(1, .day), .rate(30, .days)] {
            XCTAssertEqual(schedule.problems, [], schedule.expression)
        }
    }

    func testRateProblems() {
        XCTAssertEqual(Schedule.rate(0, .minutes).problems.map(\.message), ["rate(0 minutes): the rate value must be at least 1"])
        XCTAssertEqual(Schedule.rate(-3, .hours).problems.map(\.message), ["rate(-3 hours): the rate value must be at least 1"])
        XCTAssertEqual(Schedule.rate(1, .minutes).problems,
                       [ScheduleProblem("rate(1 minutes): a value of 1 needs the singular unit 'minute'", hint: "write rate(1 minute)")])
        XCTAssertEqual(Schedule.rate(1, .days).problems.map(\.hint), ["write rate(1 day)"])
        XCTAssertEqual(Schedule.rate(5, .minute).problems,
                       [ScheduleProblem("rate(5 minute): a value above 1 needs the plural unit 'minutes'", hint: "write rate(5 minutes)")])
        XCTAssertEqual(Schedule.rate(2, .hour).problems.map(\.hint), ["write rate(2 hours)"])
    }

    static let validCrons = [
        "0 22 ? * MON-FRI *",
        "0 12 * * ? *",
        "0/15 * * * ? *",
        "0 18 ? * MON-FRI *",
        "0 10 L * ? *",
        "0 8 ? * 6#3 *",
        "15 10 ? * 6L 2022-2023",
        "0/5 8-17 ? * MON-FRI *",
        "*/10 * * * ? *",
        "0 0 1 * ? *",
        "0 8 1,15 JAN-MAR ? 2030",
        "0 8 15W * ? *",
        "0 8 LW * ? *",
        "0 8 ? * L *",
        "0 8 ? * FRI#3 *",
        "0 8 ? * FRIL *",
        "0 0 ? * SUN,SAT *",
        "0 8-17/2 ? * * *",
        "0 12 * * ? 1970-2199",
        "59 23 31 12 ? 2199",
        "0 0 ? * 1-7 *",
        "5,35 14 * * ? *",
        "0 0 1/2 */3 ? *",
        "0 9 ? jan mon *",
    ]

    func testValidCronExpressions() {
        for fields in Self.validCrons {
            let schedule = Schedule.cron(fields)
            XCTAssertEqual(schedule.problems, [], schedule.expression)
            XCTAssertEqual(schedule.expression, "cron(\(fields))")
        }
    }

    func testCronOutOfRangeMessageNamesTheField() {
        XCTAssertEqual(Schedule.cron("0 25 * * ? *").problems.map(\.message), ["cron(0 25 * * ? *): hours field '25' is out of range 0-23"])
        XCTAssertEqual(Schedule.cron("0 25 * * ? *").problems.first?.hint, "use 0-23 with , - * / (e.g. 8-17)")
    }

    /// Each invalid expression and the one message it must produce.
    static let invalidCrons: [(String, String)] = [
        ("60 * * * ? *", "minutes field '60' is out of range 0-59"),
        ("5-60 * * * ? *", "minutes field '5-60' has '60', which is out of range 0-59"),
        ("0 0,24 * * ? *", "hours field '0,24' has '24', which is out of range 0-23"),
        ("0 12 0 * ? *", "day-of-month field '0' is out of range 1-31"),
        ("0 12 32 * ? *", "day-of-month field '32' is out of range 1-31"),
        ("0 12 ? 13 * *", "month field '13' is out of range 1-12"),
        ("0 12 ? FOO MON *", "month field 'FOO' is not a valid value; month allows 1-12 or JAN-DEC"),
        ("0 12 ? JAN-13 MON *", "month field 'JAN-13' has '13', which is out of range 1-12"),
        ("0 12 ? * 8 *", "day-of-week field '8' is out of range 1-7"),
        ("0 12 ? * 0 *", "day-of-week field '0' is out of range 1-7"),
        ("0 12 ? * MON-FRX *", "day-of-week field 'MON-FRX' has 'FRX', which is not a valid value; day-of-week allows 1-7 or SUN-SAT"),
        ("0 12 * * ? 1969", "year field '1969' is out of range 1970-2199"),
        ("0 12 * * ? 2200", "year field '2200' is out of range 1970-2199"),
        ("0 8 ? * 6#6 *", "day-of-week field '6#6' has '6' after '#'; the week of the month must be 1-5"),
        ("0 8 ? * 9#2 *", "day-of-week field '9#2' has '9' before '#', which is not a day of week (1-7 or SUN-SAT)"),
        ("0 8 ? * #2 *", "day-of-week field '#2' has '' before '#', which is not a day of week (1-7 or SUN-SAT)"),
        ("0 8 ? * 9L *", "day-of-week field '9L' has '9' before 'L', which is not a day of week (1-7 or SUN-SAT)"),
        ("? 8 * * ? *", "minutes field '?' uses '?', which only day-of-month and day-of-week allow"),
        ("0 8 ? * MON/2 *", "day-of-week field 'MON/2' uses the increment '/', which day-of-week does not allow"),
        ("0 8 1W,15 * ? *", "day-of-month field '1W,15' uses 'W' inside a list, range or increment; it must stand alone in the field"),
        ("0 8 32W * ? *", "day-of-month field '32W' names day 32, out of range 1-31"),
        ("0 8 XW * ? *", "day-of-month field 'XW' is not a valid weekday ('W') form"),
        ("5W 8 * * ? *", "minutes field '5W' uses 'W', which minutes does not allow"),
        ("0 8 ? * 2W *", "day-of-week field '2W' uses 'W', which day-of-week does not allow"),
        ("0 8 1#2 * ? *", "day-of-month field '1#2' uses '#', which day-of-month does not allow"),
        ("0/0 * * * ? *", "minutes field '0/0' has increment '0'; it must be a whole number from 1 to 60"),
        ("0/61 * * * ? *", "minutes field '0/61' has increment '61'; it must be a whole number from 1 to 60"),
        ("/5 * * * ? *", "minutes field '/5' has the increment '/5' with no start"),
        ("0 1- * * ? *", "hours field '1-' is not a valid range"),
        ("0 1-2-3 * * ? *", "hours field '1-2-3' is not a valid range"),
        ("0 8 ,1 * ? *", "day-of-month field ',1' has an empty list element"),
        ("x 8 * * ? *", "minutes field 'x' is not a valid value; minutes allows 0-59"),
        ("0 12 * * * *", "one of day-of-month ('*') and day-of-week ('*') must be '?'"),
        ("0 12 1 * MON *", "one of day-of-month ('1') and day-of-week ('MON') must be '?'"),
        ("0 12 ? * ? *", "day-of-month and day-of-week cannot both be '?'"),
        ("0 12 * * ?", "a cron expression needs 6 fields (minutes hours day-of-month month day-of-week year), found 5"),
        ("0 12 * * ? * *", "a cron expression needs 6 fields (minutes hours day-of-month month day-of-week year), found 7"),
        ("", "a cron expression needs 6 fields (minutes hours day-of-month month day-of-week year), found 0"),
    ]

    func testInvalidCronExpressions() {
        for (fields, message) in Self.invalidCrons {
            let schedule = Schedule.cron(fields)
            XCTAssertEqual(schedule.problems.map(\.message), ["\(schedule.expression): \(message)"], fields)
            XCTAssertFalse(schedule.isValid)
            XCTAssertNotNil(schedule.problems.first?.hint, fields)
        }
    }

    func testEveryProblemIsReported() {
        let problems = Schedule.cron("61 25 * * * *").problems.map(\.message)
        XCTAssertEqual(problems, [
            "cron(61 25 * * * *): minutes field '61' is out of range 0-59",
            "cron(61 25 * * * *): hours field '25' is out of range 0-23",
            "cron(61 25 * * * *): one of day-of-month ('*') and day-of-week ('*') must be '?'",
        ])
    }

    func testDayOfMonthAndWeekHints() {
        XCTAssertEqual(Schedule.cron("0 12 * * * *").problems.first?.hint, "write cron(0 12 * * ? *)")
        XCTAssertEqual(Schedule.cron("0 12 * * MON *").problems.first?.hint,
                       "write cron(0 12 ? * MON *) to run on those weekdays")
        XCTAssertEqual(Schedule.cron("0 12 ? * ? *").problems.first?.hint, "put '*' (or a day) in one of them: cron(0 12 * * ? *)")
    }

    func testDoubleWrappedCron() {
        XCTAssertEqual(Schedule.cron("cron(0 12 * * ? *)").problems,
                       [ScheduleProblem("cron(cron(0 12 * * ? *)): the fields are wrapped in a second 'cron(...)'",
                                        hint: "pass only the fields, .cron(\"0 12 * * ? *\"), or use Schedule.parse for the text form")])
    }

    func testCronWhitespaceIsNormalized() {
        XCTAssertEqual(Schedule.cron("  0  12 * * ? * ").expression, "cron(0 12 * * ? *)")
        XCTAssertEqual(Schedule.cron("  0  12 * * ? * ").problems, [])
    }

    func testParse() throws {
        XCTAssertEqual(try Schedule.parse("cron(0 22 ? * MON-FRI *)"), .cron("0 22 ? * MON-FRI *"))
        XCTAssertEqual(try Schedule.parse("rate(30 minutes)"), .rate(30, .minutes))
        XCTAssertEqual(try Schedule.parse("  rate(1 hour) "), .rate(1, .hour))
        XCTAssertEqual(try Schedule.parse("rate( 2  days )"), .rate(2, .days))
        // Parsing checks the shape only; the content is reported by `problems`.
        XCTAssertEqual(try Schedule.parse("rate(1 minutes)").problems.count, 1)
        XCTAssertEqual(try Schedule.parse("cron(0 25 * * ? *)").problems.count, 1)
        for fields in Self.validCrons {
            let text = "cron(\(fields))"
            XCTAssertEqual(try Schedule.parse(text).expression, text)
        }
        for text in ["rate(1 minute)", "rate(5 minutes)", "rate(1 day)"] {
            XCTAssertEqual(try Schedule.parse(text).expression, text)
        }
    }

    func testParseFailures() {
        let cases: [(String, String)] = [
            ("rate(thirty minutes)", "rate(thirty minutes): rate value 'thirty' is not a whole number"),
            ("rate(5 weeks)", "rate(5 weeks): rate unit 'weeks' is not one of minute(s), hour(s), day(s)"),
            ("rate(5)", "rate(5): a rate needs a value and a unit"),
            ("every 5 minutes", "'every 5 minutes' is neither a rate(...) nor a cron(...) expression"),
            ("cron(0 12 * * ? *", "'cron(0 12 * * ? *' is neither a rate(...) nor a cron(...) expression"),
            ("", "'' is neither a rate(...) nor a cron(...) expression"),
        ]
        for (text, message) in cases {
            do {
                let schedule = try Schedule.parse(text)
                XCTFail("parsed '\(text)' as \(schedule)")
            } catch {
                XCTAssertEqual(error.message, message)
                XCTAssertNotNil(error.hint)
            }
        }
    }
}
