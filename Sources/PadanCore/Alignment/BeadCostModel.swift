import Foundation

/// What a bead costs in one search: the evidence the cost model reads of each sentence (its length,
/// content tokens, whether it runs on, whether it opens a paragraph) and its calibration (the
/// length model, the typical similarity of a true pair, the weights). A value: a pass of the
/// aligner that calibrates anew makes a new model (`calibrated(typicalSimilarity:)`,
/// `with(lengthRatio:variance:)`, `reordered(targets:)`), so what a search prices stays fixed
/// while it runs. The pair masks a bead's similarity reads come from the search's scratch
/// (`PairMaskLookup`).
struct BeadCostModel: Sendable {
    let configuration: AlignerConfiguration
    /// Whether a lexicon connects the two languages (the unmatched-sentence cost needs one).
    let hasLexicon: Bool
    /// The lengths of the first k sentences of each side, k = 0…count: a bead's lengths are a
    /// difference of two (the search asks for them for every bead of every cell).
    private(set) var sourceLengths: [Int]
    private(set) var targetLengths: [Int]
    /// Each sentence's content tokens (at most 64, as the match masks count).
    private(set) var sourceTokens: [Int]
    private(set) var targetTokens: [Int]
    /// Whether each sentence ends in a semicolon (see `SentenceFeatures.runsOn`).
    private(set) var sourceRunsOn: [Bool]
    private(set) var targetRunsOn: [Bool]
    /// Per sentence: whether it opens a paragraph other than the first. Empty on both sides
    /// unless both texts have more than one paragraph.
    private(set) var sourceOpensParagraph: [Bool] = []
    private(set) var targetOpensParagraph: [Bool] = []
    /// With the translation reordered (moved passages put back), for each target position the
    /// first position of the run of consecutive sentences it belongs to: no bead spans two runs.
    /// Empty in the translation's own order.
    private(set) var targetRunStarts: [Int] = []
    /// The expected target length per source character.
    private(set) var lengthRatio: Double
    /// Variance of the target length per character of expected length (Gale–Church's s²).
    private(set) var lengthVariance = 6.8
    /// The share of its tokens a true pair's sentence typically matches in this document pair.
    private(set) var typicalSimilarity = 0.3
    /// The weight of lexical dissimilarity, lowered when the evidence is weak.
    private(set) var lexicalWeight = 1.0
    /// The fewest content tokens a sentence needs for matching none of them in a bead to count
    /// against the bead (`AlignerConfiguration.unmatchedSentenceCost`); set with the typical
    /// similarity.
    private(set) var unmatchedMinimumTokens = Int.max

    var lengthWeight: Double { configuration.lengthWeight }

    init(
        source: [SentenceFeatures], target: [SentenceFeatures], lengthRatio: Double, hasLexicon: Bool,
        configuration: AlignerConfiguration
    ) {
        self.configuration = configuration
        self.hasLexicon = hasLexicon
        self.lengthRatio = lengthRatio
        (sourceLengths, sourceTokens, sourceRunsOn) = Self.summaries(source)
        (targetLengths, targetTokens, targetRunsOn) = Self.summaries(target)
    }

    /// 0 and the running sums of the sentences' lengths, each one's capped tokens and run-on.
    static func summaries(_ features: [SentenceFeatures]) -> (lengths: [Int], tokens: [Int], runsOn: [Bool]) {
        var sums = [0]
        sums.reserveCapacity(features.count + 1)
        for feature in features { sums.append(sums[sums.count - 1] + feature.length) }
        return (sums, features.map(\.cappedTokens), features.map(\.runsOn))
    }

    /// The model with the typical similarity of a true pair set, and what depends on it: weak
    /// evidence (no lexicon, unrelated scripts) is mostly noise, so it is trusted in proportion
    /// to how well true pairs match, and lengths decide more.
    func calibrated(typicalSimilarity typical: Double) -> BeadCostModel {
        var model = self
        model.typicalSimilarity = typical
        model.lexicalWeight = configuration.lexicalWeight * min(1, typical / configuration.reliableSimilarity)
        return model.with(unmatchedTestShare: typical)
    }

    /// The model whose unmatched-sentence test (`unmatchedMinimumTokens`) assumes that a true
    /// pair's sentence matches `share` of its tokens.
    func with(unmatchedTestShare share: Double) -> BeadCostModel {
        var model = self
        // A true pair's sentence matches each of its tokens with about that share's chance, so
        // the odds of it matching none of k tokens are about (1 − share)^k. (Allowing a token or
        // two matched by chance, by the binomial tail, measured far worse on the ordinary sets:
        // misses of a lexicon come together, in sentences of a domain it lacks. Only a finished 1-1
        // link of long sentences is judged so: `AlignmentProblem.isPlainMismatch(_:)`.)
        let perToken = -log(1 - min(0.9, share))
        model.unmatchedMinimumTokens =
            hasLexicon && configuration.unmatchedSentenceCost > 0 && perToken > 0
            ? Int((configuration.unmatchedEvidence / perToken).rounded(.up)) : Int.max
        return model
    }

    /// The model with another length model.
    func with(lengthRatio ratio: Double, variance: Double) -> BeadCostModel {
        var model = self
        model.lengthRatio = ratio
        model.lengthVariance = variance
        return model
    }

    /// The model with paragraph openings (both empty, or one flag per sentence of each side).
    func with(sourceOpensParagraph source: [Bool], targetOpensParagraph target: [Bool]) -> BeadCostModel {
        var model = self
        model.sourceOpensParagraph = source
        model.targetOpensParagraph = target
        return model
    }

    /// The model of the translation read in `order` (position k holds target sentence
    /// `order[k]`): no bead may then hold sentences that were not next to each other.
    func reordered(targets order: [Int]) -> BeadCostModel {
        var model = self
        var lengths = [0]
        lengths.reserveCapacity(order.count + 1)
        for t in order { lengths.append(lengths[lengths.count - 1] + targetLengths[t + 1] - targetLengths[t]) }
        model.targetLengths = lengths
        model.targetTokens = order.map { targetTokens[$0] }
        model.targetRunsOn = order.map { targetRunsOn[$0] }
        if !targetOpensParagraph.isEmpty { model.targetOpensParagraph = order.map { targetOpensParagraph[$0] } }
        var starts = [Int](repeating: 0, count: order.count)
        for index in order.indices.dropFirst() {
            starts[index] = order[index] == order[index - 1] + 1 ? starts[index - 1] : index
        }
        model.targetRunStarts = starts
        return model
    }

    /// Whether a bead of `b` target sentences ending at target position `j` holds sentences of
    /// two runs of a reordered translation.
    @inline(__always)
    func spansSeam(j: Int, b: Int) -> Bool {
        b > 1 && !targetRunStarts.isEmpty && j - b < targetRunStarts[j - 1]
    }

    /// The share of a sentence pair's tokens, both sides pooled, that match; 0 when neither
    /// sentence has a content token.
    func pairShare(_ s: Int, _ t: Int, _ masks: PairMasks) -> Double {
        let tokens = sourceTokens[s] + targetTokens[t]
        guard tokens > 0 else { return 0 }
        return Double(masks.sourceBits.nonzeroBitCount + masks.targetBits.nonzeroBitCount) / Double(tokens)
    }

    /// The matched share of a sentence pair over the typical share of a true pair, at most 1.
    func normalizedPairSimilarity(_ s: Int, _ t: Int, _ masks: PairMasks) -> Double {
        normalized(share: pairShare(s, t, masks))
    }

    /// A pair's matched share over the typical share of a true pair, at most 1.
    func normalized(share: Double) -> Double {
        min(1, share / typicalSimilarity)
    }

    /// One sentence's share of matched tokens (`matched`, of its `tokens`) over the typical share
    /// of a true pair, at most 1.
    @inline(__always)
    func sentenceShare(matched: UInt64, of tokens: Int) -> Double {
        normalized(share: Double(matched.nonzeroBitCount) / Double(tokens))
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
        @inline(__always)
        func count(_ bits: UInt64, of tokens: Int) {
            if isUnmatched(matches: bits.nonzeroBitCount, of: tokens) { unmatched += 1 }
            total += sentenceShare(matched: bits, of: tokens)
            counted += 1
        }
        let sources = (i - a)..<i
        let targets = (j - b)..<j
        for s in sources where sourceTokens[s] > 0 {
            count(window.sourceBits(of: s, matchedIn: targets), of: sourceTokens[s])
        }
        for t in targets where targetTokens[t] > 0 {
            count(window.targetBits(of: t, matchedIn: sources), of: targetTokens[t])
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

    /// The cost of ending a side of several sentences with one that runs on into the next,
    /// unless the other side's last sentence runs on too: then the translation kept the
    /// semicolon, and the bead ends where both texts' clauses go on (`… die schlechteren ;` with
    /// `… sur les mauvais ;`), not inside a clause split off one side.
    func runOnEndings(i: Int, j: Int, a: Int, b: Int) -> Double {
        if sourceRunsOn[i - 1] && targetRunsOn[j - 1] { return 0 }
        var endings = 0
        if a > 1 && sourceRunsOn[i - 1] { endings += 1 }
        if b > 1 && targetRunsOn[j - 1] { endings += 1 }
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
