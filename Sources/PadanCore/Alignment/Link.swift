import Foundation

/// A bead of an alignment: consecutive source sentences and consecutive target sentences that
/// translate each other (either side may be empty), with a confidence in [0, 1].
public struct AlignmentLink: Hashable, Sendable, Codable {
    public var source: Range<Int>
    public var target: Range<Int>
    public var confidence: Double

    public init(source: Range<Int>, target: Range<Int>, confidence: Double) {
        self.source = source
        self.target = target
        self.confidence = confidence
    }

    /// `1-1`, `2-1`, `1-0`, …
    public var kind: String { "\(source.count)-\(target.count)" }
}

/// The ladder notation of the gold sets: `[0]:[0]`, `[3,4]:[3]`, `[5]:[]`, optionally `:0.87`.
public enum LadderFormat {
    public static func line(source: Range<Int>, target: Range<Int>, score: Double? = nil) -> String {
        let left = source.map(String.init).joined(separator: ",")
        let right = target.map(String.init).joined(separator: ",")
        var text = "[\(left)]:[\(right)]"
        if let score { text += ":" + formatScore(score) }
        return text
    }

    public static func formatScore(_ score: Double) -> String {
        let rounded = (score * 1000).rounded() / 1000
        return String(rounded)
    }

    /// Parses one ladder line into its source and target index lists (a trailing score is
    /// ignored). Returns nil for a malformed line.
    public static func parse(_ line: Substring) -> (source: [Int], target: [Int])? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.first == "[", let middle = text.range(of: "]:[") else { return nil }
        let left = text[text.index(after: text.startIndex)..<middle.lowerBound]
        let afterMiddle = text[middle.upperBound...]
        guard let close = afterMiddle.firstIndex(of: "]") else { return nil }
        let right = afterMiddle[..<close]
        func numbers(_ part: Substring) -> [Int]? {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return [] }
            var values: [Int] = []
            for piece in trimmed.split(separator: ",") {
                guard let value = Int(piece.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                    return nil
                }
                values.append(value)
            }
            return values
        }
        guard let source = numbers(left), let target = numbers(right) else { return nil }
        return (source, target)
    }
}
