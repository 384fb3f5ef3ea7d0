/// Left-aligned columns for listings (change sets, destroy plans): each column as wide as its widest
/// cell, capped so one long name does not push everything off screen.
enum TextColumns {
    static func widths(_ rows: [[String]], cap: Int = 40) -> [Int] {
        let count = rows.map(\.count).max() ?? 0
        return (0..<count).map { column in min(cap, rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0) }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
