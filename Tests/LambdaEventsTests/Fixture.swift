import Foundation
import XCTest

/// AWS's sample payloads (from the Lambda developer guide's event examples) under Fixtures/.
enum Fixture {
    static func data(_ name: String) throws -> Data {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
                                "missing fixture \(name).json")
        return try Data(contentsOf: url)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(name))
    }

    /// `1970-...` style checks without a formatter: seconds since the epoch.
    static func epoch(_ date: Date) -> Double { date.timeIntervalSince1970 }
}
