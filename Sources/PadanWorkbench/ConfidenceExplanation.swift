import PadanCore
import PadanStore

extension Workbench {
    /// How many links on either side of the explained one its explanation reads: enough for
    /// the calibration to see typical pairs of the text, few enough to answer at once.
    public static let explanationContext = 12

    /// Explains the confidence of one link of a pair from the links around it, as they are
    /// stored now (reviewed or not).
    /// - Parameters:
    ///   - links: the pair's links in order, as ranges of sentence ordinals (the review screen's
    ///     outline; only the ones around `index` are read).
    ///   - index: the link to explain.
    ///   - lexicon: the evidence for the pair's languages (`Workbench.lexicon`).
    /// - Returns: the explanation, and which of `links` it was computed over; nil when the
    ///   links around it do not cover the sentences in order.
    /// - Throws: `StoreError` when the pair cannot be read.
    public static func explainConfidence(
        store: AlignmentStore, pair: PairSummary, links: [(source: Range<Int>, target: Range<Int>)], index: Int,
        lexicon: PreparedLexicon?
    ) throws -> (explanation: ConfidenceExplanation, window: Range<Int>)? {
        guard links.indices.contains(index) else { return nil }
        let window = max(0, index - explanationContext)..<min(links.count, index + explanationContext + 1)
        // The explanation prices the links as the monotone search would: around a moved link
        // (crossing others) there is no such run of links to price.
        for position in window.dropFirst() {
            guard links[position].source.lowerBound == links[position - 1].source.upperBound,
                links[position].target.lowerBound == links[position - 1].target.upperBound
            else { return nil }
        }
        let sourceStart = links[window.lowerBound].source.lowerBound
        let targetStart = links[window.lowerBound].target.lowerBound
        let sourceEnd = links[window.upperBound - 1].source.upperBound
        let targetEnd = links[window.upperBound - 1].target.upperBound
        let sources = try store.sentenceRecords(pair: pair.id, side: .source, ordinals: sourceStart..<sourceEnd)
        let targets = try store.sentenceRecords(pair: pair.id, side: .target, ordinals: targetStart..<targetEnd)
        let local = links[window].map {
            AlignmentLink(
                source: $0.source.lowerBound - sourceStart..<$0.source.upperBound - sourceStart,
                target: $0.target.lowerBound - targetStart..<$0.target.upperBound - targetStart, confidence: 0)
        }
        let aligner = SentenceAligner(
            sourceLanguage: pair.sourceLanguage, targetLanguage: pair.targetLanguage, lexicon: lexicon)
        return aligner.explain(
            links: local, at: index - window.lowerBound, source: sources.map(\.text), target: targets.map(\.text),
            sourceParagraphs: sources.map(\.paragraph), targetParagraphs: targets.map(\.paragraph)
        ).map { ($0, window) }
    }
}
