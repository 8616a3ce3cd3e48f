import Foundation
import PadanCore
import PadanStore

/// Writes stored links as a parallel corpus, streaming pair by pair into `write` (and, for
/// Moses, the target lines into `writeTarget`).
public struct CorpusExport {
    public var format: ExportFormat
    public var statuses: Set<LinkStatus>
    public var includeNull: Bool
    public var toolVersion: String

    public init(format: ExportFormat, statuses: Set<LinkStatus>, includeNull: Bool, toolVersion: String) {
        self.format = format
        self.statuses = statuses
        self.includeNull = includeNull
        self.toolVersion = toolVersion
    }

    /// Exports `pairIDs` (languages from the first pair); returns how many links were written.
    public func run(
        store: AlignmentStore, pairIDs: [Int64], write: (String) -> Void, writeTarget: (String) -> Void
    ) throws -> Int {
        let summaries = try store.pairs()
        for id in pairIDs where !summaries.contains(where: { $0.id == id }) { throw StoreError.unknownPair(id) }
        let first = summaries.first { $0.id == pairIDs.first }
        let sourceLanguage = first?.sourceLanguage ?? "en"
        let targetLanguage = first?.targetLanguage ?? "id"
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let tmx = TMXWriter(
            sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, toolVersion: toolVersion,
            creationDate: formatter.string(from: Date()))
        let xliff = XLIFFWriter(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage)
        switch format {
        case .tmx: write(tmx.header())
        case .xliff: write(xliff.header())
        case .tsv: write(TSVWriter.header)
        case .moses, .jsonl: break
        }
        var count = 0
        for id in pairIDs {
            try store.forEachLink(pair: id) { link in
                guard statuses.contains(link.status) else { return }
                let unit = ExportUnit(
                    linkID: link.id, pairID: link.pairID, source: link.sourceText, target: link.targetText, score: link.score,
                    status: link.status.rawValue, sourceSentences: Array(link.source), targetSentences: Array(link.target))
                if unit.isNull && format.isParallel && !(includeNull && format == .tsv) { return }
                switch format {
                case .tmx: write(tmx.unit(unit))
                case .xliff: write(xliff.unit(unit))
                case .tsv: write(TSVWriter.unit(unit))
                case .jsonl: write(JSONLWriter.unit(unit))
                case .moses:
                    let lines = MosesWriter.lines(unit)
                    write(lines.source)
                    writeTarget(lines.target)
                }
                count += 1
            }
        }
        switch format {
        case .tmx: write(tmx.footer())
        case .xliff: write(xliff.footer())
        default: break
        }
        return count
    }
}
