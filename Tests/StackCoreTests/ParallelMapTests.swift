import StackCore
import XCTest

final class ParallelMapTests: XCTestCase {
    struct Failure: Error, Equatable { let index: Int }

    func testKeepsOrderAndComputesEveryElement() {
        let input = Array(0..<1_000)
        XCTAssertEqual(input.parallelMap { $0 * $0 }, input.map { $0 * $0 })
        XCTAssertEqual([Int]().parallelMap { $0 }, [])
        XCTAssertEqual([7].parallelMap { $0 + 1 }, [8])
    }

    func testRethrowsAnErrorFromAnyWorker() {
        XCTAssertThrowsError(try Array(0..<100).parallelMap { i -> Int in
            if i == 57 { throw Failure(index: i) }
            return i
        }) { error in
            XCTAssertEqual(error as? Failure, Failure(index: 57))
        }
    }
}
