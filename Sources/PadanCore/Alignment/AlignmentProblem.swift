import Foundation

/// One alignment run: the features of both documents, the cost model the passes calibrate, and
/// the passes themselves (`solve()`).
struct AlignmentProblem {
    let n: Int
    let m: Int
    var sourceFeatures: [SentenceFeatures] { didSet { maskRows = PairMaskRows() } }
    var targetFeatures: [SentenceFeatures] { didSet { maskRows = PairMaskRows() } }
    /// The pair masks the searches matched, for the next searches and stages over the same
    /// features (cleared when they change).
    var maskRows = PairMaskRows()
    /// What a bead costs in the next search; each calibrating pass replaces it.
    var costs: BeadCostModel
    /// Whether a lexicon connects the two languages (else word pairs may be learned).
    let hasLexicon: Bool
    var vocabularySize: Int
    let configuration: AlignerConfiguration
    var matcher: PairMatcher
    /// The length model the second pass used, when it could fit one.
    var fitted: LengthModel?
    /// Sentence pairs a link boundary should not separate, found near the first pass's path.
    var pinned = PinnedPairs()
    /// A rough path for long documents whose path strays from the diagonal (see `CoarseGuide`);
    /// empty until a band around the diagonal proves too narrow.
    var guide: [(Int, Int)] = []

    init(
        source: [String], target: [String], sourceLanguage: String, targetLanguage: String,
        lexicon: PreparedLexicon?, configuration: AlignerConfiguration
    ) {
        var roles = FeatureExtractor.roles(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, lexicon: lexicon)
        func extract() -> FeatureExtractor.BothSides {
            FeatureExtractor.readingBothSides(
                source: [source], language: sourceLanguage, role: roles.source, target: [target],
                language: targetLanguage, role: roles.target, lexicon: lexicon)
        }
        var extracted = extract()
        // A lexicon that knows too few of the translation's words cannot decide (Debian's
        // German–French FreeDict lists base forms only and misses most inflected French words):
        // its pairs join the language-independent evidence instead of replacing it.
        if !roles.source.isLanguageIndependent,
            extracted.extractor.showsLexiconTooWeak(decisiveCoverage: configuration.decisiveLexiconCoverage)
        {
            roles = (roles.source.withLanguageIndependentEvidence, roles.target.withLanguageIndependentEvidence)
            extracted = extract()
        }
        self.init(
            sourceFeatures: extracted.source[0], targetFeatures: extracted.target[0],
            vocabularySize: extracted.extractor.vocabularySize,
            hasLexicon: !roles.source.isLanguageIndependent, configuration: configuration)
    }

    /// A problem over features already extracted (by one extractor for a whole batch, so that
    /// word identities mean the same in every document of it); `vocabularySize` is that
    /// extractor's.
    init(
        sourceFeatures: [SentenceFeatures], targetFeatures: [SentenceFeatures], vocabularySize: Int, hasLexicon: Bool,
        configuration: AlignerConfiguration
    ) {
        self.sourceFeatures = sourceFeatures
        self.targetFeatures = targetFeatures
        n = sourceFeatures.count
        m = targetFeatures.count
        self.configuration = configuration
        let sourceLength = sourceFeatures.reduce(0) { $0 + $1.length }
        let targetLength = targetFeatures.reduce(0) { $0 + $1.length }
        var lengthRatio = sourceLength > 0 && targetLength > 0 ? Double(targetLength) / Double(sourceLength) : 1
        // The texts' total lengths give the ratio of a translation; when one side holds many times
        // the other's sentences (an article against a whole book), they would make every sentence
        // of the longer side look many times too long for any counterpart, and nothing would
        // align. The ratio of typical sentence lengths is not swayed by how many there are (but
        // is too noisy to replace the totals for texts of comparable size).
        let typicalRatio = Self.medianLength(targetFeatures) / max(1, Self.medianLength(sourceFeatures))
        if max(n, m) >= 3 * min(n, m), typicalRatio > 0,
            lengthRatio > 2 * typicalRatio || lengthRatio < typicalRatio / 2
        {
            lengthRatio = typicalRatio
        }
        matcher = PairMatcher(vocabularySize: vocabularySize)
        self.vocabularySize = vocabularySize
        self.hasLexicon = hasLexicon
        costs = BeadCostModel(
            source: sourceFeatures, target: targetFeatures, lengthRatio: lengthRatio, hasLexicon: hasLexicon,
            configuration: configuration)
        // A translation that covers only part of the original (Tempo at half the length of
        // Reuters) makes the totals' ratio half a sentence's: a true pair would look twice too
        // long and merges of dropped sentences would fit. The pairs whose words match clearly
        // say what a translated sentence's length is: through the lexicon, or without one through
        // the names, numbers and cognates the texts share (an anchor must share clearly more
        // with its partner than with any other sentence, which a chance match rarely does).
        let disagreement = configuration.anchoredRatioDisagreement
        if disagreement > 0, let anchored = anchoredLengthRatio(),
            lengthRatio > disagreement * anchored || lengthRatio < anchored / disagreement
        {
            costs = costs.with(lengthRatio: anchored, variance: costs.lengthVariance)
        }
    }

    /// Half width of the second pass's band around the first path on a long document: the new
    /// length model moves the path by a sentence or two (where it runs along the edge, the band
    /// widens). On pud-dev ×40 and ×400 with a missing chapter 6 gives the same links as 10.
    static let nearSearchHalfWidth = 6

    /// A pair of sentences matches clearly when the share of its tokens that match is at least
    /// this and at least `anchorLead` times the source sentence's next best match in reach.
    static let anchorShare = 0.3
    static let anchorLead = 2.0
    /// The fewest clearly matching pairs whose ratio says anything.
    static let fewestAnchors = 5
    /// The most source sentences sampled for them.
    static let anchorSamples = 200

    /// The median length ratio of the clearly matching pairs among sampled source sentences and
    /// the target sentences within `movedPassageReach` of the diagonal; nil when too few.
    mutating func anchoredLengthRatio() -> Double? {
        var ratios: [Double] = []
        for s in stride(from: 0, to: n, by: max(1, n / Self.anchorSamples))
        where sourceFeatures[s].cappedTokens >= Self.movedPairMinimumTokens {
            let best = rankedTargets(of: s)
            guard best.share >= Self.anchorShare, best.share >= Self.anchorLead * best.runnerUp else { continue }
            ratios.append(Double(targetFeatures[best.index].length) / Double(max(1, sourceFeatures[s].length)))
        }
        guard ratios.count >= Self.fewestAnchors else { return nil }
        ratios.sort()
        return ratios[ratios.count / 2]
    }

    /// The median sentence length of a text, in scalars.
    static func medianLength(_ features: [SentenceFeatures]) -> Double {
        guard !features.isEmpty else { return 0 }
        let lengths = features.map(\.length).sorted()
        return Double(lengths[lengths.count / 2])
    }

    /// Paragraph evidence, used only when both sides have paragraph breaks: a text given one
    /// sentence per line, or as a single paragraph, says nothing about where merges may fall.
    mutating func setParagraphs(source: [Int], target: [Int]) {
        func opens(_ paragraphs: [Int], count: Int) -> [Bool] {
            guard paragraphs.count == count else { return [] }
            return paragraphs.indices.map { $0 > 0 && paragraphs[$0] != paragraphs[$0 - 1] }
        }
        let sourceOpens = opens(source, count: n)
        let targetOpens = opens(target, count: m)
        guard sourceOpens.contains(true), targetOpens.contains(true) else { return }
        costs = costs.with(sourceOpensParagraph: sourceOpens, targetOpensParagraph: targetOpens)
    }

    /// Aligns the two texts. The passes, each handing the next what it found; only this function
    /// and the two it calls change the problem between them:
    /// 1. a search with the typical similarity sampled along the diagonal (`searchFirst()`);
    /// 2. without a lexicon, word pairs learned from its 1-1 links (`learnedWordPairs(from:)`)
    ///    and a search with them (from here on `solve(after:searchingAgain:)`);
    /// 3. without a lexicon, the pairs near the path a boundary should not cut
    ///    (`pinnedPairs(near:)`);
    /// 4. the cost model recalibrated on the path (`lengthModel(fittedOn:)`,
    ///    `typicalSimilarity(along:)`, `linkedPairShare(along:)`) and a search near it;
    /// 5. moved passages put back and searched again (`puttingBackMovedPassages`, `MovedBlocks`);
    /// 6. the path's links (stray sentences joined or swapped to their partner, left-out ones that
    ///    complete a link's line joined to it, `links(from:)`),
    ///    and what is still unaligned linked across (`linkingMovedPassages`).
    /// - Returns: links covering every sentence of both texts once, in source order.
    mutating func solve() -> [AlignmentLink] {
        let first = searchFirst()
        let learned = learnedWordPairs(from: first.path)
        if let learned { adopt(learned) }
        return solve(after: first, searchingAgain: learned != nil)
    }

    /// What the first search found, and the band it needed.
    struct FirstSearch {
        var path: [PathStep]
        var halfWidth: Int
    }

    /// Pass 1: the cost model calibrated along the diagonal and the first search.
    mutating func searchFirst() -> FirstSearch {
        calibrateLexicalWeight()
        var halfWidth = max(configuration.bandHalfWidth, 3)
        if n * m <= configuration.fullSearchCells { halfWidth = max(n, m) + 3 }
        // A length model fitted elsewhere (on the whole pair, when aligning a gap of it) is kept:
        // a gap is too short to fit one.
        if let model = configuration.lengthModel { costs = costs.with(lengthRatio: model.ratio, variance: model.variance) }
        let path = searchWidening(halfWidth: &halfWidth)
        return FirstSearch(path: path, halfWidth: halfWidth)
    }

    /// Passes 2 to 6 after `first`: a search with the word pairs adopted since (from this
    /// document's first path, or from a whole batch's: `SentenceAligner.align(batch:)`), when
    /// `searchingAgain`, and the rest.
    mutating func solve(after first: FirstSearch, searchingAgain: Bool) -> [AlignmentLink] {
        var path = first.path
        var halfWidth = first.halfWidth
        // 2.
        if searchingAgain { path = searchWidening(halfWidth: &halfWidth) }
        // 3.
        pinned = pinnedPairs(near: path)
        // 4. The length model re-estimated on the 1-1 links of the path, so sentences the
        // translation dropped do not skew the expected ratio.
        let lengthModel = configuration.lengthModel == nil ? lengthModel(fittedOn: path) : nil
        if let lengthModel {
            costs = costs.with(lengthRatio: lengthModel.ratio, variance: lengthModel.variance)
            fitted = lengthModel
        }
        let typical = typicalSimilarity(along: path)
        if let typical { calibrate(typicalSimilarity: typical) }
        let unmatchedTest = costs.unmatchedMinimumTokens
        if let linked = linkedPairShare(along: path) { costs = costs.with(unmatchedTestShare: linked) }
        if typical != nil || lengthModel != nil || costs.unmatchedMinimumTokens != unmatchedTest {
            path = searchAgain(near: path, halfWidth: &halfWidth)
        } else if !pinned.isEmpty {
            path = searchWidening(halfWidth: &halfWidth)
        }
        // 5. and 6.
        return linkingMovedPassages(puttingBackMovedPassages(path) ?? links(from: path))
    }

    /// The cheapest path by a recalibrated cost model: on a short document the whole band again;
    /// on a long one near `path` (the new model moves it locally), unless that path runs along
    /// the edge of the near band.
    mutating func searchAgain(near path: [PathStep], halfWidth: inout Int) -> [PathStep] {
        if n * m <= configuration.fullSearchCells { return searchWidening(halfWidth: &halfWidth) }
        let near = Band(n: n, m: m, following: path.map(\.cell), halfWidth: Self.nearSearchHalfWidth)
        let (second, touchesEdge) = search(band: near)
        return touchesEdge ? searchWidening(halfWidth: &halfWidth) : second
    }

    /// Sets the typical similarity of a true pair and, from it, the weight of lexical evidence:
    /// weak evidence (no lexicon, unrelated scripts) is mostly noise, so it is trusted in
    /// proportion to how well true pairs match and lengths decide more.
    mutating func calibrateLexicalWeight() {
        calibrate(typicalSimilarity: estimateTypicalSimilarity())
    }

    /// Sets the typical similarity of a true pair and what depends on it.
    mutating func calibrate(typicalSimilarity typical: Double) {
        costs = costs.calibrated(typicalSimilarity: typical)
    }

    /// The cheapest path in a band around the coarse guide, `halfWidth` wide at first and
    /// widened locally where the path runs along its edge (`Band.searchFollowing`).
    mutating func searchAlongGuide(halfWidth: Int) -> [PathStep] {
        // The guide is drawn through blocks: the band must hold a path anywhere inside them.
        Band.searchFollowing(
            n: n, m: m, guide: guide, halfWidth: max(halfWidth, 2 * CoarseGuide.finestBlock),
            cells: { $0.map(\.cell) }
        ) { search(band: $0) }
    }

    /// The pairs near `path` a link boundary should not separate; none with a lexicon or with
    /// pinning off.
    func pinnedPairs(near path: [PathStep]) -> PinnedPairs {
        // With a lexicon the words themselves say which sentences belong together, and identical
        // forms mislead more often than they help there: names translators vary (`China`,
        // `Tiongkok`), words borrowed in another sentence (`assist`). Measured on the en–id sets,
        // pinning by numbers alone changed nothing and pinning by words too cost flores-dev 0.005.
        guard configuration.pinnedPairCost > 0, !hasLexicon else { return PinnedPairs() }
        return PinnedPairs(source: sourceFeatures, target: targetFeatures, steps: steps(of: path))
    }

    /// The cheapest path in a band around the diagonal, or around the coarse guide once a band
    /// around the diagonal proved too narrow; the band doubles while the path runs along its edge.
    mutating func searchWidening(halfWidth: inout Int) -> [PathStep] {
        while true {
            if !guide.isEmpty { return searchAlongGuide(halfWidth: halfWidth) }
            let (path, touchesEdge) = search(band: Band(n: n, m: m, halfWidth: halfWidth))
            if !touchesEdge || halfWidth > max(n, m) { return path }
            if guide.isEmpty && n * m > configuration.fullSearchCells {
                // The path strays from the diagonal (a passage dropped or added): widening the
                // band everywhere would cost the stray's width times the document's length.
                guide = CoarseGuide.path(source: sourceFeatures, target: targetFeatures)
                if !guide.isEmpty {
                    // True pairs were sampled along the diagonal: sample them along the guide.
                    calibrateLexicalWeight()
                    continue
                }
            }
            halfWidth *= 2
        }
    }

    /// Without a lexicon, the word pairs learned from the 1-1 links of `path`; nil when none
    /// were learned (or learning is off, or a lexicon connects the languages).
    func learnedWordPairs(from path: [PathStep]) -> LearnedWordPairs? {
        guard learnsWordPairs else { return nil }
        let learned = LearnedWordPairs(
            source: sourceFeatures, target: targetFeatures, links: Self.oneToOneLinks(of: path),
            minimumCount: Self.learnedPairMinimumCount, minimumDice: configuration.learnedPairDice,
            firstKey: Int32(vocabularySize))
        return learned.isEmpty ? nil : learned
    }

    /// Whether the second pass learns word pairs: only without a lexicon, and unless turned off.
    var learnsWordPairs: Bool { !hasLexicon && configuration.learnWordPairs > 0 }

    /// The fewest 1-1 links a learned word pair must occur in.
    static let learnedPairMinimumCount = 2

    /// The 1-1 links of `path` as (source, target) sentence indices, which word pairs are
    /// learned from.
    static func oneToOneLinks(of path: [PathStep]) -> [(Int, Int)] {
        path.filter { $0.bead == .oneOne }.map { ($0.i - 1, $0.j - 1) }
    }

    /// Frees what the searches keep between them (the matcher's table, the matched rows) while
    /// the problem waits for the rest of a batch; the next search rebuilds them.
    mutating func releaseScratch() {
        matcher.release()
        maskRows = PairMaskRows()
    }

    /// Adds learned word pairs to both texts' features as shared keys, and calibrates the lexical
    /// weight on the richer evidence.
    mutating func adopt(_ learned: LearnedWordPairs) {
        sourceFeatures = sourceFeatures.map { $0.adding(learned.sourceKeys) }
        targetFeatures = targetFeatures.map { $0.adding(learned.targetKeys) }
        vocabularySize += learned.count
        matcher = PairMatcher(vocabularySize: vocabularySize)
        calibrateLexicalWeight()
    }

    /// With a lexicon, the typical similarity of a true pair measured again along `path` (from
    /// the end, as the search gives it) instead of the diagonal: a translation that dropped or
    /// moved much of the original strays far from the diagonal, where the first estimate then
    /// finds no partners. Nil when it stays (about) as it was.
    mutating func typicalSimilarity(along path: [PathStep]) -> Double? {
        // Without a lexicon the weak evidence's weight was set with the diagonal's estimate
        // (measured along the path, Text+Berg lost 0.03).
        guard hasLexicon else { return nil }
        let typical = estimateTypicalSimilarity(along: path.reversed().map(\.cell))
        guard abs(typical - costs.typicalSimilarity) > 0.1 * costs.typicalSimilarity else { return nil }
        return typical
    }

    /// With a lexicon, the share of its tokens a true pair's sentence matches, for the unmatched
    /// test: the typical similarity sampled along `path` over the source sentences it links only.
    /// A sentence the translation dropped has no partner, and its best match by chance pulls the
    /// median down, until a dropped sentence beside an added one no longer looks unmatched. (The
    /// share the costs are normalised by stays the median over all: taken from the linked ones
    /// too, it made the looser true pairs of rewritten translations cost more; see BENCHMARKS.)
    mutating func linkedPairShare(along path: [PathStep]) -> Double? {
        guard hasLexicon, configuration.unmatchedSentenceCost > 0 else { return nil }
        var linked = [Bool](repeating: false, count: n)
        for step in path where step.bead.source > 0 && step.bead.target > 0 {
            for s in step.i - step.bead.source..<step.i { linked[s] = true }
        }
        return estimateTypicalSimilarity(along: path.reversed().map(\.cell), sampling: linked)
    }

    /// The length model fitted on the 1-1 links of `path` (with a lexicon, those whose words
    /// match at `lengthFitSimilarity` or more); nil when they are too few.
    mutating func lengthModel(fittedOn path: [PathStep]) -> LengthModel? {
        var pairs: [(source: Int, target: Int)] = []
        for step in path where step.bead == .oneOne {
            let (s, t) = (step.i - 1, step.j - 1)
            // A 1-1 link of the first path whose words do not match is as often a sentence beside
            // its partner's merge (one original sentence against a translation line holding two),
            // and a few of those make every true pair's length look wrong.
            if hasLexicon && configuration.lengthFitSimilarity > 0 {
                let similarity = costs.normalizedPairSimilarity(s, t, pairMasks(s, t))
                guard similarity >= configuration.lengthFitSimilarity else { continue }
            }
            pairs.append((sourceFeatures[s].length, targetFeatures[t].length))
        }
        guard let model = LengthModel.fitted(on: pairs) else { return nil }
        // With a lexicon the words decide: a variance fitted on the literal pairs of a close
        // translation would make its freer ones (a sentence condensed or spelt out) look
        // impossible whatever their words say. Without one the lengths are the evidence, and
        // a tight fit sharpens it (the floor cost pud-dev --no-lexicon 0.01).
        return LengthModel(
            ratio: model.ratio,
            variance: hasLexicon ? max(Self.lexiconLengthVarianceFloor, model.variance) : model.variance)
    }

    /// The least length variance (per character, Gale–Church's s²) the second pass uses with a
    /// lexicon (Gale and Church measured 6.8 on their texts; a fit on one document's 1-1 links
    /// goes down to 2).
    static let lexiconLengthVarianceFloor = 3.0
}
