import Foundation

/// Why a link has the confidence it has: the parts the aligner combines, so a reviewer sees
/// whether the words, the lengths, the link's size or a doubtful boundary made it low.
public struct ConfidenceExplanation: Sendable, Hashable {
    /// How well the two sides' words match, relative to a typical true pair of these texts
    /// (0…1); nil for a link with one side empty.
    public var similarity: Double?
    /// How likely the two sides' lengths are for a translation of each other (the two-sided tail
    /// probability of Gale–Church's length model); nil for a link with one side empty.
    public var lengthFit: Double?
    /// The doubt on a link of three or more sentences (1 for smaller links).
    public var mergeDoubt: Double
    /// For a link with one side empty: how sure it is that no nearby sentence of the other side
    /// is its counterpart (one minus the best similarity there).
    public var unmatched: Double?
    /// The boundaries with the link before and the link after (nil at either end).
    public var before: BoundaryMargin?
    public var after: BoundaryMargin?
    /// The confidence all of this gives.
    public var confidence: Double
}

/// How clearly a boundary between two links is where it is: how much more the two links would
/// cost if the cheapest move of one sentence across the boundary were made.
public struct BoundaryMargin: Sendable, Hashable {
    /// The cost the move adds (negative when it would be cheaper, as after the joins of pinned
    /// pairs the search does not price).
    public var cost: Double
    /// The cheapest move: the side whose sentence crosses, and whether it moves from the
    /// earlier link to the later one.
    public var side: Side
    public var towardsLater: Bool

    /// The factor it gives the confidence of the links beside it: a logistic of the margin,
    /// 0.5 at no margin, near 1 for a clear one.
    public var factor: Double { 1 / (1 + exp(-cost / Self.scale)) }

    /// The margin at which the factor is 1 / (1 + e⁻¹) ≈ 0.73.
    static let scale = 0.5
}

extension SentenceAligner {
    /// Explains the confidence of one link among given links (stored ones, say, as a reviewer
    /// left them), with the evidence and calibration an alignment of these texts would use.
    /// - Parameters:
    ///   - links: links covering `source` and `target` in order (a window of a pair is enough).
    ///   - index: the link to explain.
    ///   - source, target: the sentences the links cover.
    /// - Returns: the parts of the confidence, or nil when the links do not cover both sides in
    ///   order or `index` is not one of them.
    public func explain(
        links: [AlignmentLink], at index: Int, source: [String], target: [String], sourceParagraphs: [Int] = [],
        targetParagraphs: [Int] = []
    ) -> ConfidenceExplanation? {
        guard links.indices.contains(index), !source.isEmpty, !target.isEmpty else { return nil }
        var next = (source: 0, target: 0)
        for link in links {
            guard link.source.lowerBound == next.source, link.target.lowerBound == next.target else { return nil }
            next = (link.source.upperBound, link.target.upperBound)
        }
        guard next == (source.count, target.count) else { return nil }
        var problem = AlignmentProblem(
            source: source, target: target, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
            lexicon: lexicon, configuration: configuration)
        problem.setParagraphs(source: sourceParagraphs, target: targetParagraphs)
        // Aligning them calibrates what the costs are measured against: the weight of lexical
        // evidence, the length model, the pinned pairs.
        _ = problem.solve()
        let steps = links.map {
            AlignmentProblem.Step(
                i: $0.source.upperBound, j: $0.target.upperBound, a: $0.source.count, b: $0.target.count)
        }
        return problem.explanation(at: index, of: steps, margins: problem.boundaryMargins(steps))
    }
}

/// How clearly the final links' boundaries are where they are: what confidence needs beyond how
/// well a link's sentences match.
extension AlignmentProblem {
    /// The four ways of moving one sentence across a boundary, as the change of the left link's
    /// source and target counts (the right link changes the other way), with what they move.
    private static let moves: [(da: Int, db: Int, side: Side, towardsLater: Bool)] = [
        (-1, 0, .source, true), (1, 0, .source, false), (0, -1, .target, true), (0, 1, .target, false),
    ]

    /// For each boundary between two consecutive steps, how much more the two links would cost
    /// if one sentence of either side moved across it (the cheapest such move, pinned pairs
    /// included).
    mutating func boundaryMargins(_ steps: [Step]) -> [BoundaryMargin] {
        guard steps.count > 1 else { return [] }
        // Every boundary the moves try, so the pinned pairs they cut are counted in one sweep.
        var boundaries: [(i: Int, j: Int)] = []
        boundaries.reserveCapacity(5 * (steps.count - 1))
        for left in steps.dropLast() {
            boundaries.append((left.i, left.j))
            for move in Self.moves { boundaries.append((left.i + move.da, left.j + move.db)) }
        }
        let cuts = pinned.cuts(at: boundaries, targetCount: m)
        let pinnedPairCost = configuration.pinnedPairCost
        var margins: [BoundaryMargin] = []
        margins.reserveCapacity(steps.count - 1)
        for k in 0..<steps.count - 1 {
            let left = steps[k]
            let right = steps[k + 1]
            // Both links and every move stay inside this block of sentences.
            let block = BlockMasks(sources: left.i - left.a..<right.i, targets: left.j - left.b..<right.j, problem: &self)
            let current = stepCost(left, block) + stepCost(right, block) + Double(cuts[5 * k]) * pinnedPairCost
            var best = BoundaryMargin(cost: .infinity, side: .source, towardsLater: true)
            for (index, move) in Self.moves.enumerated() {
                let newLeft = Step(i: left.i + move.da, j: left.j + move.db, a: left.a + move.da, b: left.b + move.db)
                let newRight = Step(i: right.i, j: right.j, a: right.a - move.da, b: right.b - move.db)
                guard newLeft.a >= 0, newLeft.b >= 0, newRight.a >= 0, newRight.b >= 0 else { continue }
                let cost =
                    stepCost(newLeft, block) + stepCost(newRight, block) + Double(cuts[5 * k + 1 + index])
                    * pinnedPairCost - current
                if cost < best.cost { best = BoundaryMargin(cost: cost, side: move.side, towardsLater: move.towardsLater) }
            }
            margins.append(best)
        }
        return margins
    }

    /// The confidence of a final link and its parts: how well the link's sentences match
    /// (content, lengths), doubted more the more sentences it merges (a merged link is wrong
    /// several times as often as a 1-1), times how clearly its less clear boundary beats moving
    /// one sentence across it (see `BoundaryMargin.factor`).
    mutating func explanation(at index: Int, of steps: [Step], margins: [BoundaryMargin]) -> ConfidenceExplanation {
        let step = steps[index]
        let (i, j, a, b) = (step.i, step.j, step.a, step.b)
        let before = index > 0 ? margins[index - 1] : nil
        let after = index < margins.count ? margins[index] : nil
        var explanation = ConfidenceExplanation(mergeDoubt: 1, before: before, after: after, confidence: 0)
        var confidence: Double
        if a == 0 || b == 0 {
            let unmatched = unmatchedConfidence(
                i: i, j: j, a: a, b: b, beside: a + b == 1 ? possibleCounterpart(at: index, of: steps) : nil)
            explanation.unmatched = unmatched
            confidence = unmatched
        } else {
            let window = BlockMasks(sources: i - a..<i, targets: j - b..<j, problem: &self)
            let similarity = costs.similarity(i: i, j: j, a: a, b: b, window: window) ?? 0.5
            let lengthFit = exp(-costs.lengthCost(i: i, j: j, a: a, b: b))  // two-sided tail probability
            let mergeDoubt = a + b > 3 ? 0.7 : a + b > 2 ? 0.85 : 1.0
            (explanation.similarity, explanation.lengthFit, explanation.mergeDoubt) = (similarity, lengthFit, mergeDoubt)
            confidence = (0.75 * similarity + 0.25 * lengthFit) * mergeDoubt
        }
        let margins = [before, after].compactMap { $0 }.filter { $0.cost < .infinity }
        if let weakest = margins.min(by: { $0.cost < $1.cost }) { confidence *= weakest.factor }
        explanation.confidence = min(1, max(0, confidence))
        return explanation
    }

    /// The sentence of the other side that may be the counterpart, with words the lexicon does
    /// not know, of the one sentence left out at `steps[index]`: a sentence of the other side
    /// left out right beside it, or the adjacent sentence of a neighbouring merge that its own
    /// link barely matches (the search merged it there for want of words).
    mutating func possibleCounterpart(at index: Int, of steps: [Step]) -> Int? {
        let isSource = steps[index].a == 1
        for (neighbour, isBefore) in [(index - 1, true), (index + 1, false)] where steps.indices.contains(neighbour) {
            let step = steps[neighbour]
            let (mine, theirs) = isSource ? (step.a, step.b) : (step.b, step.a)
            if mine == 0 && theirs == 1 { return isSource ? step.j - 1 : step.i - 1 }
            guard mine >= 1, theirs >= 2 else { continue }
            // The adjacent sentence of the other side: the neighbour's last when it comes before.
            let shares = shares(in: step)
            let (side, first, tokens) =
                isSource
                ? (shares.targets, step.j - step.b, costs.targetTokens) : (shares.sources, step.i - step.a, costs.sourceTokens)
            let offset = isBefore ? side.count - 1 : 0
            guard tokens[first + offset] > 0 else { continue }
            if side[offset] < Self.barelyMatchedShare { return first + offset }
        }
        return nil
    }

    /// Below this share of its tokens matched in its link, a sentence of a merge is barely there.
    static let barelyMatchedShare = 0.3

    /// A step's cost as the search prices it; nothing for a step that a move emptied.
    private func stepCost(_ step: Step, _ block: BlockMasks) -> Double {
        if step.a == 0 && step.b == 0 { return 0 }
        if step.isSkip { return configuration.skipCost * Double(step.a + step.b) }
        return cost(of: step, masks: block)
    }
}
