import Foundation

/// The weights of the aligner's cost model. The defaults were set on the development gold sets
/// (`padan eval gold DIR --set NAME=VALUE` tries others); every field is a plain number so
/// experiments need no code.
public struct AlignerConfiguration: Sendable, Hashable {
    /// Cost of leaving one sentence unaligned (a 1-0 or 0-1 bead).
    public var skipCost = 0.6
    /// Weight of lexical dissimilarity, per sentence of the bead.
    public var lexicalWeight = 1.0
    /// Weight of the Gale–Church length cost.
    public var lengthWeight = 0.12
    /// Extra cost of a 2-1 or 1-2 bead.
    public var mergePrior = 0.2
    /// Extra cost of a 2-2 bead (rare in real translations: usually two 1-1 links).
    public var twoTwoPrior = 1.0
    /// Extra cost of a 3-1 or 1-3 bead.
    public var tripleMergePrior = 0.3
    /// Extra cost of a 1-4 bead (a long sentence the translation split in four).
    public var fourWaySplitPrior = 0.8
    /// Extra cost of a bead whose source or target side holds several sentences and ends with
    /// one that runs on (ends in a semicolon): such a clause belongs with the next sentence. (In
    /// the Text+Berg gold, 58 of 58 such clauses inside a merge come before its last sentence; a
    /// colon measured worse, as a colon-ended line is as often a heading closing a merge.)
    public var runOnEnding = 1.0
    /// Extra cost, per paragraph break inside a bead, of merging sentences from two paragraphs
    /// (translators keep paragraphs; applied only when both texts have paragraphs).
    public var paragraphCrossing = 0.4
    /// The typical similarity of true pairs at which lexical evidence gets its full weight.
    public var reliableSimilarity = 0.15
    /// Learn word pairs from the first pass's 1-1 links when no lexicon serves the languages
    /// (1 on, 0 off), and the Dice coefficient a learned pair needs. (A second round of learning,
    /// or learning from merged links too, measured no better on Text+Berg.)
    public var learnWordPairs = 1.0
    public var learnedPairDice = 0.4
    /// How much cheaper than joining a neighbouring link one or two unaligned sentences between
    /// links must be to stay apart, without a lexicon (0 turns the check off): see
    /// `AlignmentProblem.absorbingLoneSkips`.
    public var loneSkipPenalty = 0.8
    /// Cost, per pair, of a link boundary between two sentences pinned together by a rare token
    /// they share, without a lexicon (see `PinnedPairs`; 0 turns pinning off). The links a
    /// boundary would still cut are joined after the search.
    public var pinnedPairCost = 2.0
    /// Half width of the search band, in sentences, before it is widened (the band doubles
    /// whenever the best path runs along its edge, so this only sets where the search starts).
    public var bandHalfWidth = 8
    /// Documents with at most this many cells (n × m) are searched without a band.
    public var fullSearchCells = 4_000_000
    /// Link passages the translation moved (1 on, 0 off): after the monotone search, sentences
    /// left unaligned on both sides are matched across the whole document (see
    /// `AlignmentProblem.linkingMovedPassages`).
    public var movedPassages = 1.0
    /// The similarity (matched share over a true pair's typical share, at most 1) a pair of
    /// unaligned sentences needs to be linked on its own evidence, as a moved sentence.
    public var movedPairSimilarity = 0.7
    /// The similarity enough for a pair next to a moved pair (the next or previous sentence on
    /// both sides): a moved passage is linked as a block.
    public var movedBlockSimilarity = 0.45
    /// With a lexicon, a link whose sentences share less than this similarity is taken apart
    /// into 1-0 and 0-1 links before moved passages are looked for, and stays apart when one of
    /// its sentences is linked elsewhere: the monotone search forces a sentence the translation
    /// moved onto the dropped one standing where it went (0 keeps every link).
    /// (Keeping apart, too, the links below a lower similarity that found no other partner
    /// measured worse on pud-dev, whose true pairs are sometimes that far apart.)
    public var releaseSimilarity = 0.5

    /// A length model fitted elsewhere (on the whole document, when aligning a gap of it);
    /// nil to fit one from the texts being aligned.
    public var lengthModel: LengthModel?

    public init() {}

    /// Every weight `set(_:to:)` accepts, by name: the one list the command line's `--set`
    /// reads (a name here is a field above; an integer field takes the value rounded down).
    public static let settings: [AlignerSetting] = [
        AlignerSetting("skipCost") { $0.skipCost = $1 },
        AlignerSetting("lexicalWeight") { $0.lexicalWeight = $1 },
        AlignerSetting("lengthWeight") { $0.lengthWeight = $1 },
        AlignerSetting("mergePrior") { $0.mergePrior = $1 },
        AlignerSetting("twoTwoPrior") { $0.twoTwoPrior = $1 },
        AlignerSetting("tripleMergePrior") { $0.tripleMergePrior = $1 },
        AlignerSetting("fourWaySplitPrior") { $0.fourWaySplitPrior = $1 },
        AlignerSetting("runOnEnding") { $0.runOnEnding = $1 },
        AlignerSetting("paragraphCrossing") { $0.paragraphCrossing = $1 },
        AlignerSetting("reliableSimilarity") { $0.reliableSimilarity = $1 },
        AlignerSetting("learnWordPairs") { $0.learnWordPairs = $1 },
        AlignerSetting("learnedPairDice") { $0.learnedPairDice = $1 },
        AlignerSetting("loneSkipPenalty") { $0.loneSkipPenalty = $1 },
        AlignerSetting("pinnedPairCost") { $0.pinnedPairCost = $1 },
        AlignerSetting("bandHalfWidth") { $0.bandHalfWidth = max(3, Int($1)) },
        AlignerSetting("fullSearchCells") { $0.fullSearchCells = max(0, Int($1)) },
        AlignerSetting("movedPassages") { $0.movedPassages = $1 },
        AlignerSetting("movedPairSimilarity") { $0.movedPairSimilarity = $1 },
        AlignerSetting("movedBlockSimilarity") { $0.movedBlockSimilarity = $1 },
        AlignerSetting("releaseSimilarity") { $0.releaseSimilarity = $1 },
    ]

    /// The names `set(_:to:)` accepts.
    public static var settingNames: [String] { settings.map(\.name) }

    /// Sets a weight by name (for experiments from the command line); false for an unknown name.
    public mutating func set(_ name: String, to value: Double) -> Bool {
        guard let setting = Self.settings.first(where: { $0.name == name }) else { return false }
        setting.apply(&self, value)
        return true
    }
}

/// One weight of `AlignerConfiguration` a name sets.
public struct AlignerSetting: Sendable {
    public let name: String
    let apply: @Sendable (inout AlignerConfiguration, Double) -> Void

    init(_ name: String, _ apply: @escaping @Sendable (inout AlignerConfiguration, Double) -> Void) {
        self.name = name
        self.apply = apply
    }
}

/// Gale–Church's length model: target length ≈ `ratio` × source length, with `variance` per
/// character of expected length.
public struct LengthModel: Sendable, Hashable {
    public var ratio: Double
    public var variance: Double

    public init(ratio: Double, variance: Double) {
        self.ratio = ratio
        self.variance = variance
    }

    /// The fewest 1-1 pairs with text on both sides that a model is fitted on.
    public static let minimumPairs = 5

    /// Fits the ratio and the variance on the lengths of sentence pairs known or taken to be
    /// translations of each other (1-1 links).
    /// - Parameter pairs: each pair's source and target length in Unicode scalars.
    /// - Returns: the model, or nil when fewer than `minimumPairs` pairs have text on both sides.
    public static func fitted(on pairs: some Sequence<(source: Int, target: Int)>) -> LengthModel? {
        let usable = pairs.filter { $0.source > 0 && $0.target > 0 }
        guard usable.count >= minimumPairs else { return nil }
        let ratio = Double(usable.reduce(0) { $0 + $1.target }) / Double(usable.reduce(0) { $0 + $1.source })
        var sum = 0.0
        for pair in usable {
            let (source, target) = (Double(pair.source), Double(pair.target))
            let mean = (source * ratio + target) / 2
            sum += (target - source * ratio) * (target - source * ratio) / mean
        }
        return LengthModel(ratio: ratio, variance: min(40, max(2, sum / Double(usable.count))))
    }
}

/// Sentence alignment by dynamic programming over beads (0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4)
/// inside a band around the diagonal, so time and memory grow linearly with the documents.
///
/// A bead's cost combines lexical dissimilarity (per sentence, the share of its content tokens
/// that find a match on the other side, through the lexicon, glossary, identical names and
/// numbers, cognates, punctuation and, without a lexicon, word pairs learned from a first pass),
/// a Gale–Church length cost, a small prior against merges and a cost for merging across
/// paragraphs. `docs/ARCHITECTURE.md` describes the passes.
public struct SentenceAligner: Sendable {
    public let sourceLanguage: String
    public let targetLanguage: String
    public let lexicon: PreparedLexicon?
    public let configuration: AlignerConfiguration

    public init(
        sourceLanguage: String, targetLanguage: String, lexicon: PreparedLexicon? = nil,
        configuration: AlignerConfiguration = AlignerConfiguration()
    ) {
        self.sourceLanguage = sourceLanguage.lowercased()
        self.targetLanguage = targetLanguage.lowercased()
        self.lexicon = lexicon
        self.configuration = configuration
    }

    /// The length model fitted on the confident 1-1 links of aligning these texts (nil when the
    /// texts give too few of them).
    public func fitLengthModel(source: [String], target: [String]) -> LengthModel? {
        guard !source.isEmpty, !target.isEmpty else { return nil }
        var problem = AlignmentProblem(
            source: source, target: target, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
            lexicon: lexicon, configuration: configuration)
        _ = problem.solve()
        return problem.fitted
    }

    /// Aligns two lists of sentences; the links cover every sentence of both exactly once, in the
    /// order of the source sentences; a link of a passage the translation moved crosses others.
    /// `sourceParagraphs` / `targetParagraphs` give each sentence's paragraph number when the
    /// texts have paragraphs (empty when unknown, as for one-sentence-per-line input).
    public func align(
        source: [String], target: [String], sourceParagraphs: [Int] = [], targetParagraphs: [Int] = []
    ) -> [AlignmentLink] {
        if source.isEmpty && target.isEmpty { return [] }
        if source.isEmpty || target.isEmpty {
            return source.indices.map { AlignmentLink(source: $0..<$0 + 1, target: 0..<0, confidence: 1) }
                + target.indices.map { AlignmentLink(source: 0..<0, target: $0..<$0 + 1, confidence: 1) }
        }
        var problem = AlignmentProblem(
            source: source, target: target, sourceLanguage: sourceLanguage,
            targetLanguage: targetLanguage, lexicon: lexicon, configuration: configuration)
        problem.setParagraphs(source: sourceParagraphs, target: targetParagraphs)
        return problem.solve()
    }
}

/// One alignment run: features of both documents and the banded search over them.
struct AlignmentProblem {
    let n: Int
    let m: Int
    var sourceFeatures: [SentenceFeatures]
    var targetFeatures: [SentenceFeatures]
    /// Whether a lexicon connects the two languages (else word pairs may be learned).
    let hasLexicon: Bool
    var vocabularySize: Int
    let configuration: AlignerConfiguration
    var lengthRatio: Double
    /// Variance of the target length per character of expected length (Gale–Church's s²).
    var lengthVariance = 6.8
    var lexicalWeight = 1.0
    var lengthWeight = 0.12
    var matcher: PairMatcher
    var typicalSimilarity = 0.3
    /// The length model the second pass used, when it could fit one.
    var fitted: LengthModel?
    /// Per sentence: whether it opens a paragraph other than the first. Empty on both sides
    /// unless both texts have more than one paragraph.
    var sourceOpensParagraph: [Bool] = []
    var targetOpensParagraph: [Bool] = []
    /// Sentence pairs a link boundary should not separate, found near the first pass's path.
    var pinned = PinnedPairs()
    /// A rough path for long documents whose path strays from the diagonal (see `CoarseGuide`);
    /// empty until a band around the diagonal proves too narrow.
    var guide: [(Int, Int)] = []

    init(
        source: [String], target: [String], sourceLanguage: String, targetLanguage: String,
        lexicon: PreparedLexicon?, configuration: AlignerConfiguration
    ) {
        var extractor = FeatureExtractor(lexicon: lexicon)
        var sourceRole = FeatureExtractor.Role.plain
        var targetRole = FeatureExtractor.Role.plain
        if let lexicon, lexicon.pairCount > 0 {
            if targetLanguage.hasPrefix(lexicon.foreignLanguage.prefix(2))
                && sourceLanguage.hasPrefix(lexicon.pivotLanguage.prefix(2))
            {
                (sourceRole, targetRole) = (.direct, .translated)
            } else if sourceLanguage.hasPrefix(lexicon.foreignLanguage.prefix(2))
                && targetLanguage.hasPrefix(lexicon.pivotLanguage.prefix(2))
            {
                (sourceRole, targetRole) = (.translated, .direct)
            }
        }
        sourceFeatures = source.map { extractor.features(of: $0, language: sourceLanguage, role: sourceRole) }
        targetFeatures = target.map { extractor.features(of: $0, language: targetLanguage, role: targetRole) }
        n = source.count
        m = target.count
        self.configuration = configuration
        let sourceLength = sourceFeatures.reduce(0) { $0 + $1.length }
        let targetLength = targetFeatures.reduce(0) { $0 + $1.length }
        lengthRatio = sourceLength > 0 && targetLength > 0 ? Double(targetLength) / Double(sourceLength) : 1
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
        matcher = PairMatcher(vocabularySize: extractor.vocabularySize)
        vocabularySize = extractor.vocabularySize
        hasLexicon = sourceRole != .plain
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
        sourceOpensParagraph = sourceOpens
        targetOpensParagraph = targetOpens
    }

    mutating func solve() -> [AlignmentLink] {
        calibrateLexicalWeight()
        lengthWeight = configuration.lengthWeight
        var halfWidth = max(configuration.bandHalfWidth, 3)
        if n * m <= configuration.fullSearchCells { halfWidth = max(n, m) + 3 }
        // A length model fitted elsewhere (on the whole pair, when aligning a gap of it) is kept:
        // a gap is too short to fit one.
        if let model = configuration.lengthModel {
            lengthRatio = model.ratio
            lengthVariance = model.variance
        }
        var path = searchWidening(halfWidth: &halfWidth)
        if !hasLexicon && configuration.learnWordPairs > 0 && learnWordPairs(from: path) {
            path = searchWidening(halfWidth: &halfWidth)
        }
        let pinning = pinPairs(near: path)
        // Second pass: the length model re-estimated on the confident 1-1 links of the first,
        // so sentences the translation dropped do not skew the expected ratio.
        if configuration.lengthModel == nil && reestimateLengthModel(from: path) {
            fitted = LengthModel(ratio: lengthRatio, variance: lengthVariance)
            if n * m <= configuration.fullSearchCells {
                path = searchWidening(halfWidth: &halfWidth)
            } else {
                // On a long document the new length model moves the path locally: search near
                // the first one instead of the whole diagonal band.
                let near = Band(n: n, m: m, following: path.map(\.cell), halfWidth: 10)
                let (second, touchesEdge) = search(band: near)
                path = touchesEdge ? searchWidening(halfWidth: &halfWidth) : second
            }
        } else if pinning {
            path = searchWidening(halfWidth: &halfWidth)
        }
        return linkingMovedPassages(links(from: path))
    }

    /// Sets the typical similarity of a true pair and, from it, the weight of lexical evidence:
    /// weak evidence (no lexicon, unrelated scripts) is mostly noise, so it is trusted in
    /// proportion to how well true pairs match and lengths decide more.
    mutating func calibrateLexicalWeight() {
        typicalSimilarity = estimateTypicalSimilarity()
        lexicalWeight = configuration.lexicalWeight * min(1, typicalSimilarity / configuration.reliableSimilarity)
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

    /// Finds the pinned pairs near `path`; false when there are none (or pinning is off).
    mutating func pinPairs(near path: [PathStep]) -> Bool {
        // With a lexicon the words themselves say which sentences belong together, and identical
        // forms mislead more often than they help there: names translators vary (`China`,
        // `Tiongkok`), words borrowed in another sentence (`assist`). Measured on the en–id sets,
        // pinning by numbers alone changed nothing and pinning by words too cost flores-dev 0.005.
        guard configuration.pinnedPairCost > 0, !hasLexicon else { return false }
        pinned = PinnedPairs(source: sourceFeatures, target: targetFeatures, steps: steps(of: path))
        return !pinned.isEmpty
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

    /// Adds the word pairs learned from the 1-1 links of `path` to the features; false when
    /// none were learned (the first path stands).
    mutating func learnWordPairs(from path: [PathStep]) -> Bool {
        let links = path.filter { $0.bead == .oneOne }.map { ($0.i - 1, $0.j - 1) }
        let learned = LearnedWordPairs(
            source: sourceFeatures, target: targetFeatures, links: links, minimumCount: 2,
            minimumDice: configuration.learnedPairDice, firstKey: Int32(vocabularySize))
        guard !learned.isEmpty else { return false }
        sourceFeatures = sourceFeatures.map { $0.adding(learned.sourceKeys) }
        targetFeatures = targetFeatures.map { $0.adding(learned.targetKeys) }
        vocabularySize += learned.count
        matcher = PairMatcher(vocabularySize: vocabularySize)
        calibrateLexicalWeight()
        return true
    }

    /// Fits the length ratio and variance on the 1-1 links of `path`; false when too few.
    mutating func reestimateLengthModel(from path: [PathStep]) -> Bool {
        let pairs = path.filter { $0.bead == .oneOne }
            .map { (source: sourceFeatures[$0.i - 1].length, target: targetFeatures[$0.j - 1].length) }
        guard let model = LengthModel.fitted(on: pairs) else { return false }
        lengthRatio = model.ratio
        lengthVariance = model.variance
        return true
    }

    // MARK: Similarity

    /// The similarity a true 1-1 pair typically has in this document pair: the median over
    /// sampled source sentences of their best match near the diagonal (near the coarse guide,
    /// once there is one). Dividing by it makes the costs comparable whatever the lexicon covers.
    mutating func estimateTypicalSimilarity() -> Double {
        var guideColumn: [Int] = []
        if !guide.isEmpty {
            guideColumn = [Int](repeating: -1, count: n + 1)
            for (i, j) in guide where guideColumn[i] < 0 { guideColumn[i] = j }
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
        var total = 0.0
        var counted = 0
        for s in (i - a)..<i {
            let tokens = sourceFeatures[s].cappedTokens
            guard tokens > 0 else { continue }
            var sourceBits: UInt64 = 0
            for t in (j - b)..<j { sourceBits |= window.masks(s, t).sourceBits }
            total += min(1, Double(sourceBits.nonzeroBitCount) / Double(tokens) / typicalSimilarity)
            counted += 1
        }
        for t in (j - b)..<j {
            let tokens = targetFeatures[t].cappedTokens
            guard tokens > 0 else { continue }
            var targetBits: UInt64 = 0
            for s in (i - a)..<i { targetBits |= window.masks(s, t).targetBits }
            total += min(1, Double(targetBits.nonzeroBitCount) / Double(tokens) / typicalSimilarity)
            counted += 1
        }
        return counted == 0 ? nil : total / Double(counted)
    }

    func lengthCost(i: Int, j: Int, a: Int, b: Int) -> Double {
        var sourceLength = 0
        var targetLength = 0
        for s in (i - a)..<i { sourceLength += sourceFeatures[s].length }
        for t in (j - b)..<j { targetLength += targetFeatures[t].length }
        let expected = Double(sourceLength) * lengthRatio
        let delta =
            (Double(targetLength) - expected) / (lengthVariance * max(1, (expected + Double(targetLength)) / 2)).squareRoot()
        return LengthCostTable.cost(abs(delta))
    }

    /// A bead's cost is its lexical cost plus the cost of its lengths and shape; the search
    /// prices the second first, as it is cheaper and often already too high.
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

    func lexicalCost(i: Int, j: Int, a: Int, b: Int, window: some PairMaskLookup) -> Double {
        let similarity = self.similarity(i: i, j: j, a: a, b: b, window: window) ?? 0.5
        return Double(a + b) / 2 * lexicalWeight * (1 - similarity)
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

    // MARK: Links

    /// A search path (from the end, bead indices) as steps in reading order with their shapes.
    func steps(of path: [PathStep]) -> [Step] {
        path.reversed().map { Step(i: $0.i, j: $0.j, a: $0.bead.source, b: $0.bead.target) }
    }

    /// A link of the path: sources `i - a ..< i` with targets `j - b ..< j`.
    struct Step {
        var i: Int
        var j: Int
        var a: Int
        var b: Int
        var isSkip: Bool { a == 0 || b == 0 }
    }

    /// The longest run of unaligned sentences between two links that may be a stray part of one
    /// of them; longer runs are passages the translation dropped or added.
    static let longestStrayRun = 2

    /// A sentence or two left unaligned between two links are more often part of one of them than
    /// something the translation dropped or added (translators drop and add passages, seldom one
    /// sentence amid matched text), and the search, pricing each sentence's share of matched words,
    /// leaves one out whenever its words find no counterpart. So such a short run of skips joins
    /// the neighbouring link it fits best, in any shape, or becomes a link of its own when it
    /// holds sentences of both sides (a 1-0 beside a 0-1: often a pair whose words did not
    /// match), unless staying apart costs `loneSkipPenalty` less.
    mutating func absorbingLoneSkips(_ steps: [Step]) -> [Step] {
        let penalty = configuration.loneSkipPenalty
        // With a lexicon, words that find no counterpart are good evidence of an omission.
        guard penalty > 0, !hasLexicon else { return steps }
        var pending = steps
        var result: [Step] = []
        result.reserveCapacity(steps.count)
        var k = 0
        while k < pending.count {
            // The run of skips starting here, if it is short enough to be a stray.
            var run = 0
            while k + run < pending.count && pending[k + run].isSkip && run <= Self.longestStrayRun { run += 1 }
            let previousIsLink = result.last.map { !$0.isSkip } ?? false
            let nextIsLink = k + run < pending.count && !pending[k + run].isSkip
            let bounded = (result.isEmpty || previousIsLink) && (k + run == pending.count || nextIsLink)
            guard run > 0, run <= Self.longestStrayRun, bounded, previousIsLink || nextIsLink else {
                result.append(contentsOf: pending[k..<k + max(run, 1)])
                k += max(run, 1)
                continue
            }
            let skipped = pending[k..<k + run]
            let last = pending[k + run - 1]
            let stray = Step(i: last.i, j: last.j, a: skipped.reduce(0) { $0 + $1.a }, b: skipped.reduce(0) { $0 + $1.b })
            let strayCost = configuration.skipCost * Double(stray.a + stray.b)
            var joinsPrevious: (extra: Double, merged: Step)?
            var joinsNext: (extra: Double, merged: Step)?
            if let link = result.last, previousIsLink {
                let merged = Step(i: stray.i, j: stray.j, a: link.a + stray.a, b: link.b + stray.b)
                joinsPrevious = (cost(of: merged) - cost(of: link) - strayCost, merged)
            }
            if nextIsLink {
                let link = pending[k + run]
                let merged = Step(i: link.i, j: link.j, a: link.a + stray.a, b: link.b + stray.b)
                joinsNext = (cost(of: merged) - cost(of: link) - strayCost, merged)
            }
            let previousExtra = joinsPrevious?.extra ?? .infinity
            let nextExtra = joinsNext?.extra ?? .infinity
            // Sentences left out on both sides may simply translate each other.
            let ownExtra = stray.a > 0 && stray.b > 0 ? cost(of: stray) - strayCost : .infinity
            if ownExtra < penalty && ownExtra <= min(previousExtra, nextExtra) {
                result.append(stray)
            } else if let joinsPrevious, previousExtra <= nextExtra, previousExtra < penalty {
                result[result.count - 1] = joinsPrevious.merged
            } else if let joinsNext, nextExtra < penalty {
                pending[k + run] = joinsNext.merged
            } else {
                result.append(contentsOf: skipped)
            }
            k += run
        }
        return result
    }

    /// Joins the steps between two pinned sentences that the search had to leave apart (its bead
    /// shapes could not hold them together, say a 2-3), so that no link boundary cuts a pair.
    func joiningPinnedPairs(_ steps: [Step]) -> [Step] {
        guard !pinned.isEmpty else { return steps }
        let (sourceStep, targetStep) = steps.holders(sources: n, targets: m)
        // Per step, the last step it must be joined with.
        var joinsUpTo = Array(steps.indices)
        for pair in pinned.pairs {
            let (first, last) = (
                min(sourceStep[pair.source], targetStep[pair.target]), max(sourceStep[pair.source], targetStep[pair.target])
            )
            joinsUpTo[first] = max(joinsUpTo[first], last)
        }
        var result: [Step] = []
        var k = 0
        while k < steps.count {
            var end = joinsUpTo[k]
            var scan = k
            while scan <= end {
                end = max(end, joinsUpTo[scan])
                scan += 1
            }
            let group = steps[k...end]
            result.append(
                Step(i: steps[end].i, j: steps[end].j, a: group.reduce(0) { $0 + $1.a }, b: group.reduce(0) { $0 + $1.b }))
            k = end + 1
        }
        return result
    }

    /// What the search would charge for a link of any shape.
    mutating func cost(of step: Step) -> Double {
        let window = BlockMasks(sources: step.i - step.a..<step.i, targets: step.j - step.b..<step.j, problem: &self)
        return cost(of: step, masks: window)
    }

    /// What the search would charge for a link of any shape, its pair masks given.
    func cost(of step: Step, masks window: BlockMasks) -> Double {
        lengthAndShapeCost(i: step.i, j: step.j, a: step.a, b: step.b)
            + lexicalCost(i: step.i, j: step.j, a: step.a, b: step.b, window: window)
    }

    /// The final links with their confidence (see `explanation(of:before:after:)`).
    mutating func links(from path: [PathStep]) -> [AlignmentLink] {
        let steps = joiningPinnedPairs(absorbingLoneSkips(steps(of: path)))
        let margins = boundaryMargins(steps)
        return steps.enumerated().map { k, step in
            let confidence = explanation(
                of: step, before: k > 0 ? margins[k - 1] : nil, after: k < margins.count ? margins[k] : nil
            ).confidence
            return AlignmentLink(source: (step.i - step.a)..<step.i, target: (step.j - step.b)..<step.j, confidence: confidence)
        }
    }

    /// How sure we are that a sentence left out really has no counterpart: one minus its best
    /// similarity with the nearby sentences of the other side.
    mutating func unmatchedConfidence(i: Int, j: Int, a: Int, b: Int) -> Double {
        var best = 0.0
        if a == 1 {
            let s = i - 1
            matcher.load(source: sourceFeatures[s], id: s)
            for t in max(0, j - 2)..<min(m, j + 2) {
                best = max(best, normalizedPairSimilarity(s, t, matcher.match(targetFeatures[t])))
            }
        } else {
            let t = j - 1
            for s in max(0, i - 2)..<min(n, i + 2) {
                matcher.load(source: sourceFeatures[s], id: s)
                best = max(best, normalizedPairSimilarity(s, t, matcher.match(targetFeatures[t])))
            }
        }
        return 1 - best
    }

    func normalizedPairSimilarity(_ s: Int, _ t: Int, _ masks: PairMasks) -> Double {
        let tokens = sourceFeatures[s].cappedTokens + targetFeatures[t].cappedTokens
        guard tokens > 0 else { return 0 }
        let raw = Double(masks.sourceBits.nonzeroBitCount + masks.targetBits.nonzeroBitCount) / Double(tokens)
        return min(1, raw / typicalSimilarity)
    }
}

extension SentenceFeatures {
    /// Tokens beyond 64 share bits in the match masks; counting at most 64 keeps shares ≤ 1.
    var cappedTokens: Int { min(tokenCount, 64) }
}

/// −log of the two-sided normal tail probability, 2·(1 − Φ(z)), tabulated: the search evaluates
/// it for every bead of every cell, where `erfc` and `log` dominate the time.
enum LengthCostTable {
    static let step = 0.01
    static let limit = 15.0
    static let values: [Double] = stride(from: 0.0, through: 8.0, by: step).map { z in
        min(limit, -log(max(erfc(z / 2.0.squareRoot()), 1e-12)))
    }

    @inline(__always)
    static func cost(_ z: Double) -> Double {
        let position = z / step
        let index = Int(position)
        if index >= values.count - 1 { return limit }
        let fraction = position - Double(index)
        return values[index] + (values[index + 1] - values[index]) * fraction
    }
}

extension Array where Element == AlignmentProblem.Step {
    /// For each source and each target sentence, the index of the step holding it (a skipped
    /// sentence's own step included), for steps covering `sources` and `targets` sentences.
    func holders(sources: Int, targets: Int) -> (source: [Int], target: [Int]) {
        var source = [Int](repeating: 0, count: sources)
        var target = [Int](repeating: 0, count: targets)
        for (index, step) in enumerated() {
            for s in step.i - step.a..<step.i { source[s] = index }
            for t in step.j - step.b..<step.j { target[t] = index }
        }
        return (source, target)
    }
}
