import StackTemplate
import XCTest
@testable import StackCore

/// Time settings carry their unit: conversions to the unit AWS takes, and what the checks report.
final class DurationTests: XCTestCase {
    func testUnitsConvert() {
        XCTAssertEqual(Duration.minutes(5), .seconds(300))
        XCTAssertEqual(Duration.hours(24), .days(1))
        XCTAssertEqual(Duration.days(14), .seconds(1_209_600))
        XCTAssertEqual(Duration.of(3, .hours), .minutes(180))
    }

    func testWholeUnitsOnlyWhenExact() {
        XCTAssertEqual(Duration.minutes(6).whole(.seconds), 360)
        XCTAssertEqual(Duration.hours(48).whole(.days), 2)
        XCTAssertNil(Duration.seconds(90).whole(.days))
        XCTAssertNil(Duration.seconds(90).whole(.minutes))
        XCTAssertNil(Duration.milliseconds(1_500).whole(.seconds))
        XCTAssertEqual(Duration.zero.whole(.days), 0)
        XCTAssertEqual(Duration.seconds(-120).whole(.minutes), -2)
    }

    func testHugeCountsSaturateInsteadOfTrapping() {
        XCTAssertEqual(Duration.days(Int.max), .seconds(Int.max))
        XCTAssertEqual(Duration.minutes(Int.min), .seconds(Int.min))
        XCTAssertEqual(Duration.days(Int.max).whole(.seconds), Int.max)
    }

    func testCodeUsesTheLargestExactUnit() {
        XCTAssertEqual(Duration.seconds(360).code, ".minutes(6)")
        XCTAssertEqual(Duration.seconds(90).code, ".seconds(90)")
        XCTAssertEqual(Duration.hours(24).code, ".days(1)")
        XCTAssertEqual(Duration.hours(36).code, ".hours(36)")
        XCTAssertEqual(Duration.zero.code, ".seconds(0)")
        XCTAssertEqual(Duration.milliseconds(1_500).code, ".milliseconds(1500)")
        XCTAssertEqual(Duration.nanoseconds(5).code, ".seconds(5e-09)")
    }

    func testFormattedInAUnit() {
        XCTAssertEqual(Duration.minutes(1).formatted(in: .seconds), "60 s")
        XCTAssertEqual(Duration.hours(1).formatted(in: .hours), "1 hour")
        XCTAssertEqual(Duration.days(14).formatted(in: .days), "14 days")
        XCTAssertEqual(Duration.seconds(90).formatted(in: .minutes), ".seconds(90)")
    }

    // MARK: Scope.check

    func testAnExactValueInRangeIsConvertedSilently() throws {
        let template = try synth([AdHocStack("S", [Timed(id: "T", duration: .minutes(6), range: 0...43_200, unit: .seconds)])])
            .stacks[0].template
        XCTAssertEqual(template.resources["T"]?.properties["Value"], 360)
    }

    func testOutOfRangeStatesTheValueInTheUnitAWSTakesAndTheRangeAsCode() throws {
        let found = diagnostics([AdHocStack("S", [Timed(id: "T", duration: .seconds(50_000), range: 0...43_200, unit: .seconds)])])
        XCTAssertEqual(found.map(\.code), ["out-of-range"])
        XCTAssertEqual(found.first?.path, "S/T")
        XCTAssertEqual(found.first?.property, "visibilityTimeout")
        XCTAssertEqual(found.first?.message, "visibilityTimeout 50000 s is out of range")
        XCTAssertEqual(found.first?.hint, "use a duration from .seconds(0) to .hours(12)")
    }

    func testOutOfRangeInDaysSaysDays() throws {
        let found = diagnostics([AdHocStack("S", [Timed(id: "T", duration: .days(40_000), range: 1...36_500, unit: .days)])])
        XCTAssertEqual(found.first?.message, "visibilityTimeout 40000 days is out of range")
        XCTAssertEqual(found.first?.hint, "use a duration from .days(1) to .days(36500)")
    }

    func testAValueThatIsNotAWholeNumberOfTheUnitIsRejected() throws {
        let found = diagnostics([AdHocStack("S", [Timed(id: "T", duration: .seconds(90), range: 1...36_500, unit: .days)])])
        XCTAssertEqual(found.map(\.code), ["inexact-duration"])
        XCTAssertEqual(found.first?.message, "visibilityTimeout .seconds(90) is not a whole number of days")
        XCTAssertEqual(found.first?.hint, "AWS takes visibilityTimeout in whole days; use .days(1)")
    }

    func testInexactHintOffersBothNeighboursInRange() throws {
        let found = diagnostics([AdHocStack("S", [Timed(id: "T", duration: .minutes(90), range: 24...8_760, unit: .hours)])])
        XCTAssertEqual(found.first?.message, "visibilityTimeout .minutes(90) is not a whole number of hours")
        XCTAssertEqual(found.first?.hint, "AWS takes visibilityTimeout in whole hours", "1 and 2 hours are both out of range")
        let seconds = diagnostics([AdHocStack("S", [Timed(id: "T", duration: .milliseconds(1_500), range: 1...900, unit: .seconds)])])
        XCTAssertEqual(seconds.first?.hint, "AWS takes visibilityTimeout in whole seconds; use .seconds(1) or .seconds(2)")
    }
}

/// Renders one duration setting, checked as a construct checks its own.
private struct Timed: Construct {
    let id: String
    let duration: Duration
    let range: ClosedRange<Int>
    let unit: TimeUnit

    func synthesize(in scope: Scope) {
        let value = scope.check(duration, in: range, unit, property: "visibilityTimeout")
        scope.resource(Resource(type: "AWS::SQS::Queue", properties: ["Value": .int(value)]))
    }
}
