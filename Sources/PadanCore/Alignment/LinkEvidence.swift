/// How well the two sides of one link match on the aligner's own evidence: the share of each
/// side's content tokens (words, names, numbers) that find a counterpart on the other side
/// through the lexicon, cognates and identical numbers. What the review screen's detail view
/// shows to say why a link's confidence is low.
public struct LinkEvidence: Sendable, Hashable {
    /// Content tokens of each side, and how many of them match a token of the other side.
    public var sourceTokens = 0
    public var sourceMatched = 0
    public var targetTokens = 0
    public var targetMatched = 0

    /// The share of each side's tokens that match (0 when a side has none).
    public var sourceShare: Double { sourceTokens == 0 ? 0 : Double(sourceMatched) / Double(sourceTokens) }
    public var targetShare: Double { targetTokens == 0 ? 0 : Double(targetMatched) / Double(targetTokens) }

    /// Measures the evidence between `source` and `target`, as the aligner would see it.
    public static func measure(
        source: String, target: String, sourceLanguage: String, targetLanguage: String, lexicon: PreparedLexicon?
    ) -> LinkEvidence {
        var extractor = FeatureExtractor(lexicon: lexicon)
        // As the pairer: with a lexicon the translation's words map to the original's keys.
        let sourceRole: FeatureExtractor.Role = lexicon == nil ? .plain : .direct
        let targetRole: FeatureExtractor.Role = lexicon == nil ? .plain : .translated
        func tokens(_ text: String, _ language: String, _ role: FeatureExtractor.Role) -> [[Int32]] {
            let features = extractor.features(of: text, language: language, role: role)
            return (0..<features.tokenCount).map {
                Array(features.keys[Int(features.keyStarts[$0])..<Int(features.keyStarts[$0 + 1])])
            }
        }
        let sourceKeys = tokens(source, sourceLanguage, sourceRole)
        let targetKeys = tokens(target, targetLanguage, targetRole)
        let sourceSet = Set(sourceKeys.joined())
        let targetSet = Set(targetKeys.joined())
        var evidence = LinkEvidence()
        evidence.sourceTokens = sourceKeys.count
        evidence.targetTokens = targetKeys.count
        evidence.sourceMatched = sourceKeys.filter { $0.contains(where: targetSet.contains) }.count
        evidence.targetMatched = targetKeys.filter { $0.contains(where: sourceSet.contains) }.count
        return evidence
    }
}
