import Foundation

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
        if source.isEmpty || target.isEmpty { return Self.unalignedLinks(source: source, target: target) }
        var problem = AlignmentProblem(
            source: source, target: target, sourceLanguage: sourceLanguage,
            targetLanguage: targetLanguage, lexicon: lexicon, configuration: configuration)
        problem.setParagraphs(source: sourceParagraphs, target: targetParagraphs)
        return problem.solve()
    }
}
