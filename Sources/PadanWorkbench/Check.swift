import PadanCore
import PadanStore

extension Workbench {
    /// Runs the quality checks on the links of a pair (rejected links aside), with the store's
    /// glossary and every other pair's links as the reference for repeats.
    public static func check(store: AlignmentStore, pairID: Int64) throws -> [Finding] {
        var links: [LinkView] = []
        var read: [Int64: (source: CheckedText, target: CheckedText)] = [:]
        var targetsBySource: [String: Set<String>] = [:]
        var sourcesByTarget: [String: Set<String>] = [:]
        let summaries = try store.pairs()
        guard let checked = summaries.first(where: { $0.id == pairID }) else { throw StoreError.unknownPair(pairID) }
        for summary in summaries {
            try store.forEachLink(pair: summary.id) { link in
                guard link.status != .rejected else { return }
                if summary.id == pairID { links.append(link) }
                guard !link.sourceText.isEmpty, !link.targetText.isEmpty else { return }
                let texts = (CheckedText(link.sourceText), CheckedText(link.targetText))
                if summary.id == pairID { read[link.id] = texts }
                targetsBySource[texts.0.normalized, default: []].insert(texts.1.normalized)
                sourcesByTarget[texts.1.normalized, default: []].insert(texts.0.normalized)
            }
        }
        let languages = LanguagePair(source: checked.sourceLanguage, target: checked.targetLanguage)
        let glossary = try store.glossary(languages: languages).map(\.entry)
        let checks = QualityChecks(
            glossary: glossary, languages: languages, targetsBySource: targetsBySource, sourcesByTarget: sourcesByTarget)
        return checks.check(links.map { CheckedLink(id: $0.id, source: $0.sourceText, target: $0.targetText, read: read[$0.id]) })
    }
}
