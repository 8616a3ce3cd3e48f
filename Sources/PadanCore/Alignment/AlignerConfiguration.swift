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
    /// With a lexicon, the extra cost of a bead per sentence in it that matches nothing of the
    /// other side although it has enough words for that to be telling: a dropped sentence
    /// beside an added one is not a pair, nor part of a neighbour's merge (0 turns it off).
    public var unmatchedSentenceCost = 1.0
    /// How unlikely (in nats, −log odds) a true pair's sentence matching none of its tokens must
    /// be for `unmatchedSentenceCost` to apply: it sets the fewest tokens, from the typical share.
    public var unmatchedEvidence = 4.5
    /// With a lexicon, a 1-1 link whose sentences both have at least this many content tokens
    /// and match at most one of them each is taken apart for good (0 keeps such links): a single
    /// shared token (a quotation mark, a year, a common word) is chance, not a translation (no
    /// such link was a true pair on the development sets: docs/BENCHMARKS.md).
    public var plainMismatchTokens = 10.0
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
    /// When the translation has fewer sentences (m) than the original (n), the typical similarity
    /// of a true pair is taken over the m/n best-matching sampled source sentences instead of all
    /// of them if that median is more than this many times the overall one: the overall median
    /// is then a sentence with no partner, matched by chance (a condensed translation, most of
    /// the original left out). 0 keeps the overall median.
    public var condensedMedianLead = 2.0
    /// How far (as a factor) the ratio of the texts' total lengths may be from the median ratio
    /// of the pairs that match clearly before the latter sets the length model (0 keeps the
    /// totals' ratio): a translation that covers part of the original is no shorter sentence
    /// by sentence. Pairs match clearly through the lexicon, or without one through the
    /// names, numbers and cognates they share.
    public var anchoredRatioDisagreement = 1.2
    /// With a lexicon, the similarity (over a true pair's typical share, at most 1) a 1-1 link
    /// of the first path needs for its lengths to count in the fitted length model (0 counts
    /// every 1-1 link).
    public var lengthFitSimilarity = 0.5
    /// The share of the translation's content words a lexicon must translate to decide the
    /// alignment on its own. Below it (a word list of base forms for inflected languages, a
    /// glossary of a few terms), its pairs become evidence beside the language-independent
    /// evidence, which then does what it does without a lexicon (pinning, learning word pairs).
    public var decisiveLexiconCoverage = 0.5
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
    /// Whether a sentence left out beside a 1-1 link may take the link's partner when it matches
    /// more of the partner's words, with a lexicon (0 turns it off): see
    /// `AlignmentProblem.swappingSkipPartners`.
    public var skipPartnerSwaps = 1.0
    /// With a lexicon, how many words of a link's other side, left unmatched by the link's own
    /// sentences, a sentence left out beside it must match to join the link (0 turns it off):
    /// see `AlignmentProblem.joiningComplementarySkips`.
    public var complementarySkipTokens = 4.0
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
    /// The similarity a translation sentence and an original sentence, each other's best, need
    /// for the translation sentence to be put back before that original and searched again
    /// (`AlignmentProblem.puttingBackMovedPassages`): lower than `movedPairSimilarity`, as the
    /// search then decides, and the reordering is kept only when its path costs less.
    public var movedAnchorSimilarity = 0.6
    /// The similarity enough for a pair next to a moved pair (the next or previous sentence on
    /// both sides): a moved passage is linked as a block; and for a pair of unaligned sentences
    /// that match each other far better than anything else in reach (`isClearlyBest`).
    public var movedBlockSimilarity = 0.45
    /// With a lexicon, a link whose sentences share less than this similarity is taken apart
    /// into 1-0 and 0-1 links before moved passages are looked for, and stays apart when one of
    /// its sentences is linked elsewhere: the monotone search forces a sentence the translation
    /// moved onto the dropped one standing where it went (0 keeps every link).
    /// (Keeping apart, too, the links below a lower similarity that found no other partner
    /// measured worse on pud-dev, whose true pairs are sometimes that far apart.)
    public var releaseSimilarity = 0.6

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
        AlignerSetting("unmatchedSentenceCost") { $0.unmatchedSentenceCost = $1 },
        AlignerSetting("unmatchedEvidence") { $0.unmatchedEvidence = $1 },
        AlignerSetting("plainMismatchTokens") { $0.plainMismatchTokens = $1 },
        AlignerSetting("condensedMedianLead") { $0.condensedMedianLead = $1 },
        AlignerSetting("anchoredRatioDisagreement") { $0.anchoredRatioDisagreement = $1 },
        AlignerSetting("lengthFitSimilarity") { $0.lengthFitSimilarity = $1 },
        AlignerSetting("mergePrior") { $0.mergePrior = $1 },
        AlignerSetting("twoTwoPrior") { $0.twoTwoPrior = $1 },
        AlignerSetting("tripleMergePrior") { $0.tripleMergePrior = $1 },
        AlignerSetting("fourWaySplitPrior") { $0.fourWaySplitPrior = $1 },
        AlignerSetting("runOnEnding") { $0.runOnEnding = $1 },
        AlignerSetting("paragraphCrossing") { $0.paragraphCrossing = $1 },
        AlignerSetting("decisiveLexiconCoverage") { $0.decisiveLexiconCoverage = $1 },
        AlignerSetting("reliableSimilarity") { $0.reliableSimilarity = $1 },
        AlignerSetting("learnWordPairs") { $0.learnWordPairs = $1 },
        AlignerSetting("learnedPairDice") { $0.learnedPairDice = $1 },
        AlignerSetting("loneSkipPenalty") { $0.loneSkipPenalty = $1 },
        AlignerSetting("skipPartnerSwaps") { $0.skipPartnerSwaps = $1 },
        AlignerSetting("complementarySkipTokens") { $0.complementarySkipTokens = $1 },
        AlignerSetting("pinnedPairCost") { $0.pinnedPairCost = $1 },
        AlignerSetting("bandHalfWidth") { $0.bandHalfWidth = max(3, Int($1)) },
        AlignerSetting("fullSearchCells") { $0.fullSearchCells = max(0, Int($1)) },
        AlignerSetting("movedPassages") { $0.movedPassages = $1 },
        AlignerSetting("movedPairSimilarity") { $0.movedPairSimilarity = $1 },
        AlignerSetting("movedAnchorSimilarity") { $0.movedAnchorSimilarity = $1 },
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
