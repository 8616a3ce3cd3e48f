/// Boundary precision / recall / F1 and exact-sentence accuracy of a segmentation against gold,
/// as `shared/data/README.md` defines them: boundaries are offsets in the text with all
/// whitespace removed; paragraph ends are given and not counted.
public struct SegmentationScore: Sendable, Hashable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var goldSentences = 0
    public var exactSentences = 0

    public init() {}

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double {
        let p = precision
        let r = recall
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }
    public var exactAccuracy: Double { ratio(exactSentences, goldSentences) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }

    public enum Mismatch: Error, Equatable {
        /// The two segmentations are not of the same text (whitespace aside).
        case differentText(atCharacter: Int)
    }

    /// Scores `predicted` against `gold`: each a list of paragraphs, each a list of sentences.
    public static func score(gold: [[String]], predicted: [[String]]) throws -> SegmentationScore {
        let goldStream = gold.flatMap { $0 }.map(nonWhitespace).joined()
        let predictedStream = predicted.flatMap { $0 }.map(nonWhitespace).joined()
        if goldStream != predictedStream {
            let offset = zip(goldStream, predictedStream).prefix { $0 == $1 }.count
            throw Mismatch.differentText(atCharacter: offset)
        }
        var paragraphEnds: Set<Int> = [0]
        var goldSpans: [(Int, Int)] = []
        var position = 0
        for paragraph in gold {
            for sentence in paragraph {
                let length = nonWhitespace(sentence).count
                if length == 0 { continue }
                goldSpans.append((position, position + length))
                position += length
            }
            paragraphEnds.insert(position)
        }
        let goldBoundaries = Set(goldSpans.map(\.1)).subtracting(paragraphEnds)
        var predictedBoundaries = Set<Int>()
        position = 0
        for sentence in predicted.flatMap({ $0 }) {
            position += nonWhitespace(sentence).count
            predictedBoundaries.insert(position)
        }
        predictedBoundaries.subtract(paragraphEnds)
        var result = SegmentationScore()
        result.truePositives = goldBoundaries.intersection(predictedBoundaries).count
        result.falsePositives = predictedBoundaries.subtracting(goldBoundaries).count
        result.falseNegatives = goldBoundaries.subtracting(predictedBoundaries).count
        result.goldSentences = goldSpans.count
        let allBoundaries = predictedBoundaries.union(paragraphEnds)
        let sortedPredicted = predictedBoundaries.sorted()
        for (start, end) in goldSpans where allBoundaries.contains(start) && allBoundaries.contains(end) {
            if !containsBoundary(sortedPredicted, after: start, before: end) { result.exactSentences += 1 }
        }
        return result
    }

    private static func containsBoundary(_ sorted: [Int], after start: Int, before end: Int) -> Bool {
        let firstAfter = sorted.countBelow(start + 1)
        return firstAfter < sorted.count && sorted[firstAfter] < end
    }

    public static func nonWhitespace(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    /// Reads the gold format: one sentence per line, paragraphs separated by blank lines.
    public static func parseParagraphs(_ text: String) -> [[String]] {
        var paragraphs: [[String]] = []
        var current: [String] = []
        for line in text.lines() {
            if line.allSatisfy({ $0.isWhitespace }) {
                if !current.isEmpty { paragraphs.append(current) }
                current = []
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    public static func + (lhs: SegmentationScore, rhs: SegmentationScore) -> SegmentationScore {
        var sum = lhs
        sum.truePositives += rhs.truePositives
        sum.falsePositives += rhs.falsePositives
        sum.falseNegatives += rhs.falseNegatives
        sum.goldSentences += rhs.goldSentences
        sum.exactSentences += rhs.exactSentences
        return sum
    }
}
