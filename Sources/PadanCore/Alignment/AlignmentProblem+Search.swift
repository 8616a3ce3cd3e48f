import Foundation

/// The search: what a bead costs and the cheapest path through a band.
extension AlignmentProblem {
    // MARK: Similarity

    /// The similarity a true 1-1 pair typically has in this document pair: the median over
    /// sampled source sentences of their best match near the diagonal (near the coarse guide,
    /// once there is one). Dividing by it makes the costs comparable whatever the lexicon covers.
    mutating func estimateTypicalSimilarity() -> Double {
        estimateTypicalSimilarity(along: guide)
    }

    /// The typical similarity sampled near `cells` (a path or a guide; the diagonal when empty).
    mutating func estimateTypicalSimilarity(along cells: [(Int, Int)]) -> Double {
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
            let centre = guideColumn.isEmpty ? Int(Double(s) * Double(m) / Double(n)) : guideColumn[s]
            let range = max(0, centre - 4)..<min(m, centre + 5)
            matcher.load(source: sourceFeatures[s], id: s)
            var top = 0.0
            for t in range {
                let masks = matcher.match(targetFeatures[t])
                let tokens = sourceFeatures[s].cappedTokens + targetFeatures[t].cappedTokens
                if tokens > 0 {
                    top = max(top, Double(masks.sourceBits.nonzeroBitCount + masks.targetBits.nonzeroBitCount) / Double(tokens))
                }
            }
            if sourceFeatures[s].tokenCount > 0 { best.append(top) }
            s += step
        }
        guard !best.isEmpty else { return 0.3 }
        best.sort()
        return max(0.05, best[best.count / 2])
    }

    // MARK: Search

    struct Cell {
        var cost: Float
        /// The bead that reached the cell at that cost; nil for the start and cells not reached.
        var bead: Bead?
    }

    /// The cheapest path through the band, as (i, j, bead) steps from the end; and whether it
    /// ran along the band's edge (then a wider band may find a better one).
    mutating func search(band: Band) -> (path: [PathStep], touchesEdge: Bool) {
        var cells = [Cell](repeating: Cell(cost: .infinity, bead: nil), count: band.cellCount)
        cells[0] = Cell(cost: 0, bead: nil)  // row 0 starts at column 0: cell (0, 0) is the first
        var window = MaskWindow(band: band)
        var crossings = pinned.isEmpty ? nil : PinnedPairs.Crossings(pinned, targetCount: m)
        let pinnedPairCost = Float(configuration.pinnedPairCost)
        for i in 0...n {
            if i > 0 { window.advance(to: i, problem: &self) }
            crossings?.move(to: i)
            let cuts = crossings?.counts(band.lo[i]...band.hi[i])
            for j in band.lo[i]..<band.hi[i] + 1 {
                if i == 0 && j == 0 { continue }
                var best = Cell(cost: .infinity, bead: nil)
                for bead in Bead.allCases {
                    let (a, b) = (bead.source, bead.target)
                    guard i >= a, j >= b, let previous = band.index(i - a, j - b) else { continue }
                    if b > 1 && !targetRunStarts.isEmpty && j - b < targetRunStarts[j - 1] { continue }
                    let before = cells[previous].cost
                    if before == .infinity { continue }
                    // Exact pruning: the lexical cost is never negative, so a bead whose predecessor
                    // plus its other costs cannot beat the best so far needs no similarity.
                    if a == 0 || b == 0 {
                        let cost = before + Float(configuration.skipCost * Double(a + b))
                        if cost < best.cost { best = Cell(cost: cost, bead: bead) }
                        continue
                    }
                    if before + Float(prior(a, b)) >= best.cost { continue }
                    let shapeCost = before + Float(lengthAndShapeCost(i: i, j: j, a: a, b: b))
                    if shapeCost >= best.cost { continue }
                    let cost = shapeCost + Float(lexicalCost(i: i, j: j, a: a, b: b, window: window))
                    if cost < best.cost { best = Cell(cost: cost, bead: bead) }
                }
                // Every bead ending here puts a boundary here: the cut pairs cost the same for all.
                if let cuts, cuts[j - band.lo[i]] > 0 { best.cost += pinnedPairCost * Float(cuts[j - band.lo[i]]) }
                if let index = band.index(i, j) { cells[index] = best }
            }
        }
        var path: [PathStep] = []
        var touchesEdge = false
        var i = n
        var j = m
        while i > 0 || j > 0 {
            guard let index = band.index(i, j), let bead = cells[index].bead else { break }
            if band.isAtEdge(i, j) { touchesEdge = true }
            path.append(PathStep(i: i, j: j, bead: bead))
            i -= bead.source
            j -= bead.target
        }
        return (path, touchesEdge)
    }

    /// Similarity of sources `i-a..<i` with targets `j-b..<j`: the mean over the bead's sentences
    /// of the share of each one's tokens that match the other side, normalised by the typical
    /// similarity of a true pair (capped at 1); nil when no sentence has a content token.
    /// Averaging per sentence (not pooling the tokens) makes every sentence of a merge answer for
    /// itself: a sentence with no counterpart in the bead drags it down however well the others
    /// match, so a neighbour's omission is not folded into a 2-1.
    func similarity(i: Int, j: Int, a: Int, b: Int, window: some PairMaskLookup) -> Double? {
        lexicalEvidence(i: i, j: j, a: a, b: b, window: window).similarity
    }

    /// The bead's similarity (see `similarity(i:j:a:b:window:)`) and how many of its sentences
    /// match nothing of the other side although they have enough words for that to be telling
    /// (`unmatchedMinimumTokens`).
    @inline(__always)
    func lexicalEvidence(i: Int, j: Int, a: Int, b: Int, window: some PairMaskLookup) -> (
        similarity: Double?, unmatched: Int
    ) {
        var total = 0.0
        var counted = 0
        var unmatched = 0
        for s in (i - a)..<i {
            let tokens = sourceTokens[s]
            guard tokens > 0 else { continue }
            var sourceBits: UInt64 = 0
            for t in (j - b)..<j { sourceBits |= window.masks(s, t).sourceBits }
            if isUnmatched(matches: sourceBits.nonzeroBitCount, of: tokens) { unmatched += 1 }
            total += min(1, Double(sourceBits.nonzeroBitCount) / Double(tokens) / typicalSimilarity)
            counted += 1
        }
        for t in (j - b)..<j {
            let tokens = targetTokens[t]
            guard tokens > 0 else { continue }
            var targetBits: UInt64 = 0
            for s in (i - a)..<i { targetBits |= window.masks(s, t).targetBits }
            if isUnmatched(matches: targetBits.nonzeroBitCount, of: tokens) { unmatched += 1 }
            total += min(1, Double(targetBits.nonzeroBitCount) / Double(tokens) / typicalSimilarity)
            counted += 1
        }
        return (counted == 0 ? nil : total / Double(counted), unmatched)
    }

    /// Whether a sentence of `tokens` content tokens of which only `matches` find a counterpart
    /// in the bead is too poorly matched to be part of a true pair (see `unmatchedMinimumTokens`).
    @inline(__always)
    func isUnmatched(matches: Int, of tokens: Int) -> Bool {
        matches == 0 && tokens >= unmatchedMinimumTokens
    }

    /// The Gale–Church length cost of a bead.
    func lengthCost(i: Int, j: Int, a: Int, b: Int) -> Double {
        LengthCostTable.cost(abs(lengthDeviation(i: i, j: j, a: a, b: b)))
    }

    /// How far the bead's target length is from what its source length predicts, in standard
    /// deviations (negative when the target is shorter).
    @inline(__always)
    func lengthDeviation(i: Int, j: Int, a: Int, b: Int) -> Double {
        let sourceLength = sourceLengths[i] - sourceLengths[i - a]
        let targetLength = targetLengths[j] - targetLengths[j - b]
        let expected = Double(sourceLength) * lengthRatio
        let delta =
            (Double(targetLength) - expected) / (lengthVariance * max(1, (expected + Double(targetLength)) / 2)).squareRoot()
        return delta
    }

    /// A bead's cost is its lexical cost plus the cost of its lengths and shape; the search
    /// prices the second first, as it is cheaper and often already too high.
    @inline(__always)
    func lengthAndShapeCost(i: Int, j: Int, a: Int, b: Int) -> Double {
        Double(a + b) / 2 * lengthWeight * lengthCost(i: i, j: j, a: a, b: b) + prior(a, b)
            + paragraphCrossings(i: i, j: j, a: a, b: b) + runOnEndings(i: i, j: j, a: a, b: b)
    }

    /// The cost of ending a side of several sentences with one that runs on into the next.
    func runOnEndings(i: Int, j: Int, a: Int, b: Int) -> Double {
        var endings = 0
        if a > 1 && sourceFeatures[i - 1].runsOn { endings += 1 }
        if b > 1 && targetFeatures[j - 1].runsOn { endings += 1 }
        return configuration.runOnEnding * Double(endings)
    }

    @inline(__always)
    func lexicalCost(i: Int, j: Int, a: Int, b: Int, window: some PairMaskLookup) -> Double {
        let evidence = lexicalEvidence(i: i, j: j, a: a, b: b, window: window)
        return Double(a + b) / 2 * lexicalWeight * (1 - (evidence.similarity ?? 0.5))
            + configuration.unmatchedSentenceCost * Double(evidence.unmatched)
    }

    /// The cost of the paragraph breaks inside a bead (between its first and last sentence).
    func paragraphCrossings(i: Int, j: Int, a: Int, b: Int) -> Double {
        guard !sourceOpensParagraph.isEmpty, a + b > 2 else { return 0 }
        var breaks = 0
        for s in (i - a + 1)..<i where sourceOpensParagraph[s] { breaks += 1 }
        for t in (j - b + 1)..<j where targetOpensParagraph[t] { breaks += 1 }
        return configuration.paragraphCrossing * Double(breaks)
    }

    func prior(_ a: Int, _ b: Int) -> Double {
        switch (a, b) {
        case (1, 1): return 0
        case (2, 2): return configuration.twoTwoPrior
        case (1, 2), (2, 1): return configuration.mergePrior
        case (1, 4): return configuration.fourWaySplitPrior
        default: return configuration.tripleMergePrior
        }
    }
}
