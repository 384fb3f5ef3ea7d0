#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The SNS text of a cross. Subjects stay ASCII and under SNS's 100-character limit.
public enum TrendAlert {
    public static func subject(_ cross: CrossSignal) -> String {
        "\(cross.signal.rawValue) signal: \(cross.symbol) SMA-5 crossed \(cross.signal == .buy ? "above" : "below") SMA-20"
    }

    public static func message(_ cross: CrossSignal) -> String {
        """
        \(cross.signal.rawValue) signal for \(cross.symbol)
        SMA-5 crossed \(cross.signal == .buy ? "above" : "below") SMA-20 at the tick of \(cross.timestamp).
        Price: \(cross.price)
        SMA-5: \(cross.sma5)
        SMA-20: \(cross.sma20)
        Before the cross: SMA-5 \(cross.previousSMA5), SMA-20 \(cross.previousSMA20)
        """
    }
}
