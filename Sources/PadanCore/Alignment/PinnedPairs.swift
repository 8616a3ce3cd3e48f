/// Sentence pairs pinned together by a rare token they share: a number or a word of four letters
/// or more, as written, that occurs in one sentence of a stretch of the original and in one
/// sentence of the matching stretch of the translation (`8839,8`, `Huerta`, `Kangchenjunga`).
/// Such a token is translated where its sentence is, so no link boundary may fall between the
/// two: where German and French split a passage into sentences differently, it says which
/// sentences must share one link. Found near a first alignment, which tells where the matching
/// stretch is.
struct PinnedPairs {
    /// (source sentence, target sentence), sorted by source, then target.
    private(set) var pairs: [(source: Int, target: Int)] = []

    var isEmpty: Bool { pairs.isEmpty }

    /// How far (in sentences) a token must not occur again on its side to be rare.
    static let stretch = 10
    /// How far apart (in links of the first alignment) the two sentences may be.
    static let reach = 1

    /// No pairs: nothing pinned.
    init() {}

    /// Finds the pairs near `steps`, a first alignment covering both texts in reading order.
    init(source: [SentenceFeatures], target: [SentenceFeatures], steps: [AlignmentProblem.Step]) {
        guard !steps.isEmpty else { return }
        let sourceOccurrences = Self.occurrences(source)
        let targetOccurrences = Self.occurrences(target)
        let sourceStep = steps.holders(sources: source.count, targets: target.count).source
        var found: Set<UInt64> = []
        for s in source.indices {
            // The target sentences of the links around s: a range, as steps are in reading order.
            let first = steps[max(0, sourceStep[s] - Self.reach)]
            let last = steps[min(steps.count - 1, sourceStep[s] + Self.reach)]
            let nearby = first.j - first.b..<last.j
            for key in source[s].anchorKeys {
                guard let inSource = sourceOccurrences[key], let inTarget = targetOccurrences[key],
                    Self.occursOnce(inSource, around: s)
                else { continue }
                // The token must sit in exactly one target sentence of the links around s.
                let firstNearby = inTarget.countBelow(nearby.lowerBound)
                guard inTarget.countBelow(nearby.upperBound) - firstNearby == 1 else { continue }
                let t = inTarget[firstNearby]
                guard Self.occursOnce(inTarget, around: t) else { continue }
                found.insert(UInt64(s) << 32 | UInt64(t))
            }
        }
        pairs = found.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }

    /// Per anchor key, the sentences holding it, in order, each once.
    private static func occurrences(_ sentences: [SentenceFeatures]) -> [Int32: [Int]] {
        var result: [Int32: [Int]] = [:]
        for (index, sentence) in sentences.enumerated() {
            for key in sentence.anchorKeys where result[key]?.last != index { result[key, default: []].append(index) }
        }
        return result
    }

    /// Whether `sentence` is the only one of `sentences` (sorted) within `stretch` of it.
    private static func occursOnce(_ sentences: [Int], around sentence: Int) -> Bool {
        sentences.countBelow(sentence + stretch + 1) - sentences.countBelow(sentence - stretch) == 1
    }

    /// The number of pairs a link boundary after `i` sources and `j` targets would cut, row by
    /// row of a search. A pair (s, t) is cut when s falls before the boundary and t after it, or
    /// the other way round.
    struct Crossings {
        private let pairs: [(source: Int, target: Int)]
        /// Per target sentence, the pairs whose source is before the current row, minus those
        /// whose source is at or after it: a column further moves these targets across.
        private var balance: [Int32]
        /// Targets of the pairs whose source is before the current row / at or after it, counted
        /// so that the cuts at a row's first column take a logarithmic time.
        private var before: FenwickTree
        private var after: FenwickTree
        private var next = 0
        private var row = 0

        init(_ pinned: PinnedPairs, targetCount: Int) {
            pairs = pinned.pairs
            balance = [Int32](repeating: 0, count: targetCount + 1)
            before = FenwickTree(count: targetCount + 1)
            after = FenwickTree(count: targetCount + 1)
            for pair in pairs {
                balance[pair.target] -= 1
                after.add(1, at: pair.target)
            }
        }

        /// Moves to row `i`; rows are visited in increasing order.
        mutating func move(to i: Int) {
            row = max(row, i)
            while next < pairs.count && pairs[next].source < row {
                let target = pairs[next].target
                balance[target] += 2
                after.add(-1, at: target)
                before.add(1, at: target)
                next += 1
            }
        }

        /// The cut pairs at `column` of the current row, in logarithmic time.
        func count(at column: Int) -> Int32 {
            // Before the row with the target at or after the column, or the other way round.
            (before.total - before.prefix(column)) + after.prefix(column)
        }

        /// The cut pairs at each of `columns` in the current row.
        func counts(_ columns: ClosedRange<Int>) -> [Int32] {
            var cut = count(at: columns.lowerBound)
            var result: [Int32] = []
            result.reserveCapacity(columns.count)
            for j in columns {
                result.append(cut)
                cut -= balance[j]
            }
            return result
        }
    }

    /// The pairs a link boundary after `i` sources and `j` targets separates, for each of
    /// `boundaries` (in any order; `j` at most `targetCount`).
    func cuts(at boundaries: [(i: Int, j: Int)], targetCount: Int) -> [Int] {
        guard !pairs.isEmpty else { return [Int](repeating: 0, count: boundaries.count) }
        var crossings = Crossings(self, targetCount: targetCount)
        var result = [Int](repeating: 0, count: boundaries.count)
        for index in boundaries.indices.sorted(by: { boundaries[$0].i < boundaries[$1].i }) {
            crossings.move(to: boundaries[index].i)
            result[index] = Int(crossings.count(at: boundaries[index].j))
        }
        return result
    }
}

/// Counts per position with prefix sums in logarithmic time (a binary indexed tree).
struct FenwickTree {
    private var tree: [Int32]
    private(set) var total: Int32 = 0

    init(count: Int) { tree = [Int32](repeating: 0, count: count + 1) }

    mutating func add(_ value: Int32, at position: Int) {
        total += value
        var index = position + 1
        while index < tree.count {
            tree[index] += value
            index += index & -index
        }
    }

    /// The sum over positions below `position`.
    func prefix(_ position: Int) -> Int32 {
        var sum: Int32 = 0
        var index = min(position, tree.count - 1)
        while index > 0 {
            sum += tree[index]
            index -= index & -index
        }
        return sum
    }
}
