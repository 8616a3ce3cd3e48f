/// A link as a pair of sentence-index sets, the unit of alignment scoring.
public struct ScoredLink: Hashable, Sendable {
    public var source: [Int]
    public var target: [Int]

    public init(source: [Int], target: [Int]) {
        self.source = source.sorted()
        self.target = target.sorted()
    }
}

/// Strict and lax precision / recall / F1 of an alignment against gold, as Bleualign, Vecalign
/// and Bertalign define them (`shared/data/README.md`): counts are summed over documents with
/// `+` before dividing.
public struct AlignmentScore: Sendable, Hashable, Codable {
    public var strictPrecisionHits = 0
    public var laxPrecisionHits = 0
    public var precisionChecked = 0
    public var strictRecallHits = 0
    public var laxRecallHits = 0
    public var recallChecked = 0

    public init() {}

    static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    static func f1(_ p: Double, _ r: Double) -> Double { p + r > 0 ? 2 * p * r / (p + r) : 0 }

    public var strictPrecision: Double { Self.ratio(strictPrecisionHits, precisionChecked) }
    public var strictRecall: Double { Self.ratio(strictRecallHits, recallChecked) }
    public var strictF1: Double { Self.f1(strictPrecision, strictRecall) }
    public var laxPrecision: Double { Self.ratio(laxPrecisionHits, precisionChecked) }
    public var laxRecall: Double { Self.ratio(laxRecallHits, recallChecked) }
    public var laxF1: Double { Self.f1(laxPrecision, laxRecall) }

    /// Scores one document.
    public static func score(gold: [ScoredLink], test: [ScoredLink]) -> AlignmentScore {
        var result = AlignmentScore()
        let goldSet = Set(gold)
        let testSet = Set(test)
        let precision = hits(reference: goldSet, candidates: testSet)
        result.strictPrecisionHits = precision.strict
        result.laxPrecisionHits = precision.lax
        result.precisionChecked = precision.checked
        let goldFull = Set(goldSet.filter { !$0.source.isEmpty && !$0.target.isEmpty })
        let testFull = Set(testSet.filter { !$0.source.isEmpty && !$0.target.isEmpty })
        let recall = hits(reference: testFull, candidates: goldFull)
        result.strictRecallHits = recall.strict
        result.laxRecallHits = recall.lax
        result.recallChecked = recall.checked
        return result
    }

    private static func hits(reference: Set<ScoredLink>, candidates: Set<ScoredLink>) -> (strict: Int, lax: Int, checked: Int) {
        var targetsOfSource: [Int: Set<Int>] = [:]
        for link in reference {
            for s in link.source { targetsOfSource[s, default: []].formUnion(link.target) }
        }
        var strict = 0
        var lax = 0
        var checked = 0
        for link in candidates {
            if link.source.isEmpty && link.target.isEmpty { continue }
            checked += 1
            if reference.contains(link) {
                strict += 1
                lax += 1
                continue
            }
            var reachable = Set<Int>()
            for s in link.source { reachable.formUnion(targetsOfSource[s] ?? []) }
            if !reachable.isDisjoint(with: link.target) { lax += 1 }
        }
        return (strict, lax, checked)
    }

    public static func + (lhs: AlignmentScore, rhs: AlignmentScore) -> AlignmentScore {
        var sum = lhs
        sum.strictPrecisionHits += rhs.strictPrecisionHits
        sum.laxPrecisionHits += rhs.laxPrecisionHits
        sum.precisionChecked += rhs.precisionChecked
        sum.strictRecallHits += rhs.strictRecallHits
        sum.laxRecallHits += rhs.laxRecallHits
        sum.recallChecked += rhs.recallChecked
        return sum
    }

    /// Parses a ladder file (`[0]:[0]` per line; blank lines skipped). Returns the links, or
    /// the 1-based number of the first malformed line.
    public static func parseLadder(_ text: String) -> Result<[ScoredLink], LadderError> {
        var links: [ScoredLink] = []
        for (index, line) in text.lines().enumerated() {
            if line.allSatisfy({ $0.isWhitespace }) { continue }
            guard let parsed = LadderFormat.parse(line) else { return .failure(LadderError(line: index + 1)) }
            links.append(ScoredLink(source: parsed.source, target: parsed.target))
        }
        return .success(links)
    }

    public struct LadderError: Error, Equatable { public var line: Int }

    /// End-to-end scoring: replaces each system sentence index by the reference sentences it
    /// overlaps (by position in the text with whitespace removed), per side.
    public static func mapToReference(
        _ links: [ScoredLink], systemSource: [String], referenceSource: [String],
        systemTarget: [String], referenceTarget: [String]
    ) -> [ScoredLink] {
        let sourceMap = overlapMap(system: systemSource, reference: referenceSource)
        let targetMap = overlapMap(system: systemTarget, reference: referenceTarget)
        var seen = Set<ScoredLink>()
        var mapped: [ScoredLink] = []
        for link in links {
            let source = Set(link.source.flatMap { sourceMap[$0] ?? [] })
            let target = Set(link.target.flatMap { targetMap[$0] ?? [] })
            let result = ScoredLink(source: Array(source), target: Array(target))
            if seen.insert(result).inserted { mapped.append(result) }
        }
        return mapped
    }

    static func overlapMap(system: [String], reference: [String]) -> [Int: [Int]] {
        var referenceSpans: [(Int, Int)] = []
        var position = 0
        for sentence in reference {
            let length = SegmentationScore.nonWhitespace(sentence).count
            referenceSpans.append((position, position + length))
            position += length
        }
        var map: [Int: [Int]] = [:]
        position = 0
        for (index, sentence) in system.enumerated() {
            let length = SegmentationScore.nonWhitespace(sentence).count
            let span = (position, position + length)
            position += length
            map[index] = referenceSpans.indices.filter { r in
                referenceSpans[r].0 < span.1 && span.0 < referenceSpans[r].1
            }
        }
        return map
    }
}
