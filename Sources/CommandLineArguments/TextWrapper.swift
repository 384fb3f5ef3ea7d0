/// Greedy word wrapping for help: words are never split (a word longer than the width gets a line of its
/// own), and explicit line breaks in the text are kept.
enum TextWrapper {
    /// `text` in lines of at most `width` characters, each line's words joined by one space.
    static func wrap(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let words = line.split(separator: " ").map(String.init)
            return words.isEmpty ? [""] : wrap(words: words, width: width)
        }
    }

    /// Words (which may contain spaces, such as `[--env <env>]`) in lines of at most `width` characters.
    static func wrap(words: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in words {
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
