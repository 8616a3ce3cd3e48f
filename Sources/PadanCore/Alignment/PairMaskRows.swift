/// The pair masks each source row was matched with by the searches so far, kept for the next
/// searches over the same features: the search after recalibrating runs near the first one's
/// path and reads mostly the pairs the first one matched, and the links' confidence and the
/// moved-passage stages read pairs along the path again (matching is the bulk of a search: see
/// docs/BENCHMARKS.md).
///
/// One cached stretch of targets per source row (the band's row is one stretch); a request next
/// to or overlapping it extends it, one elsewhere replaces it. A row holds a few dozen masks;
/// past `budget` masks in all (a book-length pair, a band widened along a guide) rows are matched
/// and not kept, so the cache costs at most that much memory. The owner clears it whenever the
/// features change (`AlignmentProblem.sourceFeatures`, `targetFeatures`).
struct PairMaskRows {
    private var starts: [Int] = []
    private var rows: [[PairMasks]] = []
    /// How many masks the rows hold.
    private var held = 0

    /// The most masks kept.
    let budget: Int

    /// The default budget (16 bytes a mask): every pair of a band ±12 wide over 80,000 sentences.
    static let defaultBudget = 2_000_000

    /// An empty cache that keeps at most `budget` masks.
    init(budget: Int = Self.defaultBudget) {
        self.budget = budget
    }

    /// The masks of source `s` with the targets `range`, matched by `matcher` where no cached
    /// row holds them; the row is kept (extended) for later requests.
    mutating func row(
        source s: Int, _ source: SentenceFeatures, targets: [SentenceFeatures], range: Range<Int>,
        matcher: inout PairMatcher
    ) -> MaskWindow.RowValue {
        if let cached = cached(source: s, covering: range) { return cached }
        matcher.load(source: source, id: s)
        if held + range.count > budget {
            return MaskWindow.RowValue(source: s, lo: range.lowerBound, masks: range.map { matcher.match(targets[$0]) })
        }
        if rows.isEmpty {
            starts = [Int](repeating: 0, count: s + 1)
            rows = [[PairMasks]](repeating: [], count: s + 1)
        } else if s >= rows.count {
            starts += [Int](repeating: 0, count: s + 1 - rows.count)
            rows += [[PairMasks]](repeating: [], count: s + 1 - rows.count)
        }
        let kept = starts[s]..<starts[s] + rows[s].count
        held -= rows[s].count
        defer { held += rows[s].count }
        if !rows[s].isEmpty, range.lowerBound <= kept.upperBound, range.upperBound >= kept.lowerBound {
            // Next to or overlapping the held stretch: match only the targets it lacks.
            var masks: [PairMasks] = []
            masks.reserveCapacity(max(range.upperBound, kept.upperBound) - min(range.lowerBound, kept.lowerBound))
            for t in stride(from: range.lowerBound, to: kept.lowerBound, by: 1) { masks.append(matcher.match(targets[t])) }
            masks.append(contentsOf: rows[s])
            for t in stride(from: kept.upperBound, to: range.upperBound, by: 1) { masks.append(matcher.match(targets[t])) }
            starts[s] = min(range.lowerBound, kept.lowerBound)
            rows[s] = masks
        } else {
            starts[s] = range.lowerBound
            rows[s] = range.map { matcher.match(targets[$0]) }
        }
        return MaskWindow.RowValue(source: s, lo: starts[s], masks: rows[s])
    }

    /// The cached masks of source `s`, when they hold every target of `range`.
    func cached(source s: Int, covering range: Range<Int>) -> MaskWindow.RowValue? {
        guard s < rows.count, !rows[s].isEmpty, starts[s] <= range.lowerBound,
            range.upperBound <= starts[s] + rows[s].count
        else { return nil }
        return MaskWindow.RowValue(source: s, lo: starts[s], masks: rows[s])
    }
}
