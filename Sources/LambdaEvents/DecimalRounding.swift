#if canImport(FoundationEssentials)
@_spi(SwiftCorelibsFoundation) import FoundationEssentials
#else
import Foundation
#endif

/// Decimal rounding and whole-number conversion for the functions' logic. `NSDecimalRound` and `NSDecimalNumber` are
/// full Foundation only (which would link ICU into every function); FoundationEssentials has the same rounding as
/// `_NSDecimalRound` (SPI for swift-corelibs-foundation, whose `NSDecimalRound` calls it), so results are unchanged.
extension Decimal {
    /// Rounded to `scale` decimal places (`.plain`: half away from zero; `.down`: towards zero for positives).
    public func rounded(scale: Int, _ mode: RoundingMode) -> Decimal {
        var value = self, result = Decimal()
        #if canImport(FoundationEssentials)
        _NSDecimalRound(&result, &value, scale, mode)
        #else
        NSDecimalRound(&result, &value, scale, mode)
        #endif
        return result
    }

    /// The value as an Int when it is a whole number that fits; nil otherwise.
    public var exactInt: Int? {
        guard self == rounded(scale: 0, .down) else { return nil }
        return Int(description)
    }
}
