import PadanCore
import PadanStore

extension Workbench {
    /// Runs the quality checks on the links of a pair (rejected links aside), with the store's
    /// glossary and every other pair's links as the reference for repeats.
    public static func check(store: AlignmentStore, pairID: Int64) throws -> [Finding] {
        let links = try store.links(pair: pairID).filter { $0.status != .rejected }
        var targetsBySource: [String: Set<String>] = [:]
        var sourcesByTarget: [String: Set<String>] = [:]
        for summary in try store.pairs() {
            for link in try store.links(pair: summary.id)
            where link.status != .rejected && !link.sourceText.isEmpty && !link.targetText.isEmpty {
                let source = QualityChecks.normalize(link.sourceText)
                let target = QualityChecks.normalize(link.targetText)
                targetsBySource[source, default: []].insert(target)
                sourcesByTarget[target, default: []].insert(source)
            }
        }
        let glossary = try store.glossary().map { GlossaryEntry(indonesian: $0.indonesian, english: $0.english, note: $0.note) }
        let checks = QualityChecks(glossary: glossary, targetsBySource: targetsBySource, sourcesByTarget: sourcesByTarget)
        return checks.check(links.map { CheckedLink(id: $0.id, source: $0.sourceText, target: $0.targetText) })
    }
}
