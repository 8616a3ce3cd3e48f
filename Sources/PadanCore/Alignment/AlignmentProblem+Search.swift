import Foundation

/// What the search needs of the problem: the typical similarity of a true pair it calibrates the
/// cost model with, and the matcher it lends each `BandSearch`.
extension AlignmentProblem {
    // MARK: Similarity

    /// The similarity a true 1-1 pair typically has in this document pair: the median over
    /// sampled source sentences of their best match near the diagonal (near the coarse guide,
    /// once there is one), or over those that can have a partner when the translation is much
    /// shorter (`AlignerConfiguration.condensedMedianLead`). Dividing by it makes the costs
    /// comparable whatever the lexicon covers.
    mutating func estimateTypicalSimilarity() -> Double {
        estimateTypicalSimilarity(along: guide)
    }

    /// The samples `estimateTypicalSimilarity()` takes its median of, sorted.
    mutating func typicalSimilaritySamples() -> [Double] {
        similaritySamples(along: guide)
    }

    /// Which tokens of source sentence `s` and target sentence `t` match each other.
    mutating func pairMasks(_ s: Int, _ t: Int) -> PairMasks {
        matcher.load(source: sourceFeatures[s], id: s)
        return matcher.match(targetFeatures[t])
    }

    /// The typical similarity sampled near `cells` (a path or a guide; the diagonal when empty).
    mutating func estimateTypicalSimilarity(along cells: [(Int, Int)], sampling sampled: [Bool]? = nil) -> Double {
        let samples = similaritySamples(along: cells, sampling: sampled)
        return Self.typicalSimilarity(
            ofSorted: samples, partneredShare: sampled == nil && m < n ? Double(m) / Double(n) : nil,
            condensedMedianLead: configuration.condensedMedianLead)
    }

    /// Per sampled source sentence (about 200, evenly spread; only those `sampled` allows), its
    /// best match with the target sentences near `cells` (the diagonal when empty), sorted.
    mutating func similaritySamples(along cells: [(Int, Int)], sampling sampled: [Bool]? = nil) -> [Double] {
        var guideColumn: [Int] = []
        if !cells.isEmpty {
            guideColumn = [Int](repeating: -1, count: n + 1)
            for (i, j) in cells where guideColumn[i] < 0 { guideColumn[i] = j }
            guideColumn[0] = 0
            for i in 1...n where guideColumn[i] < 0 { guideColumn[i] = guideColumn[i - 1] }
        }
        let step = max(1, n / 200)
        var best: [Double] = []
        var s = 0
        while s < n {
            if let sampled, !sampled[s] {
                s += 1  // the next sentence allowed stands in for this one
                continue
            }
            let centre = guideColumn.isEmpty ? Int(Double(s) * Double(m) / Double(n)) : guideColumn[s]
            let range = max(0, centre - 4)..<min(m, centre + 5)
            matcher.load(source: sourceFeatures[s], id: s)
            var top = 0.0
            for t in range {
                top = max(top, costs.pairShare(s, t, matcher.match(targetFeatures[t])))
            }
            if sourceFeatures[s].tokenCount > 0 { best.append(top) }
            s += step
        }
        return best.sorted()
    }

    /// The typical similarity of a true pair from sorted samples: their median, or, when only
    /// `partneredShare` of the source sentences can have a partner, the median of that share of
    /// best-matching samples if it leads the overall median by `condensedMedianLead`.
    static func typicalSimilarity(ofSorted best: [Double], partneredShare: Double?, condensedMedianLead lead: Double)
        -> Double
    {
        guard !best.isEmpty else { return 0.3 }
        var index = best.count / 2
        if let partneredShare, lead > 0 {
            // At most m of the n source sentences can have a partner. When the translation
            // leaves much of the original out, the median sentence has none and its best match is
            // chance; the median of the best-matching m/n is then far above it, and is the one.
            let partnered = Double(best.count) * partneredShare
            let partneredMedian = min(best.count - 1, best.count - Int((partnered / 2).rounded(.up)))
            if best[partneredMedian] > lead * best[index] { index = partneredMedian }
        }
        return max(0.05, best[index])
    }

    // MARK: Search

    /// The cheapest path through the band by the current cost model (see `BandSearch`); the
    /// matcher and the rows matched so far are lent to the search and come back.
    mutating func search(band: Band) -> (path: [PathStep], touchesEdge: Bool) {
        var search = BandSearch(source: sourceFeatures, target: targetFeatures, costs: costs, pinned: pinned)
        swap(&search.matcher, &matcher)
        swap(&search.maskRows, &maskRows)
        defer {
            swap(&search.matcher, &matcher)
            swap(&search.maskRows, &maskRows)
        }
        return search.cheapestPath(through: band)
    }
}
