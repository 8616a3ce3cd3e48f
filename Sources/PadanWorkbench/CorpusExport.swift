import Foundation
import PadanCore
import PadanStore

/// Where an export writes: one document, or for Moses one file per language and language pair.
public enum ExportStream: Hashable, Sendable {
    case document
    case mosesSource(LanguagePair)
    case mosesTarget(LanguagePair)
}

/// Writes stored links as a parallel corpus, streaming pair by pair; each unit is labelled with
/// the languages of its own pair.
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

    /// The formats that can keep 1-0 and 0-1 links (`--include-null`); the others have no place for an empty side.
    public static let formatsWithNullLinks: Set<ExportFormat> = [.tsv, .jsonl]

    /// The language pairs of `pairIDs`, after checking that every pair is among `summaries` (the
    /// store's pairs, read once by the caller).
    /// - Throws: `StoreError.unknownPair`.
    public static func languagePairs(_ summaries: [PairSummary], pairIDs: [Int64]) throws -> [Int64: LanguagePair] {
        let summaries = Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0) })
        var languages: [Int64: LanguagePair] = [:]
        for id in pairIDs {
            guard let summary = summaries[id] else { throw StoreError.unknownPair(id) }
            languages[id] = LanguagePair(source: summary.sourceLanguage, target: summary.targetLanguage)
        }
        return languages
    }

    /// The Moses files for `prefix`: `PREFIX.en` and `PREFIX.id` for one language pair, or
    /// `PREFIX.en-id.en`, `PREFIX.de-fr.de`, … when the pairs have several.
    public static func mosesPaths(prefix: String, languages: Set<LanguagePair>) -> [ExportStream: String] {
        var paths: [ExportStream: String] = [:]
        for pair in languages {
            let stem = languages.count == 1 ? prefix : "\(prefix).\(pair)"
            paths[.mosesSource(pair)] = "\(stem).\(pair.source)"
            paths[.mosesTarget(pair)] = "\(stem).\(pair.target)"
        }
        return paths
    }

    /// Exports `pairIDs` (with their `languages`, from `languagePairs`) through `write`; returns
    /// how many links were written.
    /// - Throws: `StoreError` (unknown pair, damaged store), `WorkbenchError` (XLIFF over several
    ///   language pairs, `--include-null` where the format cannot keep it), and what `write` throws.
    public func run(
        store: AlignmentStore, pairIDs: [Int64], languages: [Int64: LanguagePair], write: (ExportStream, String) throws -> Void
    ) throws -> Int {
        if includeNull && !Self.formatsWithNullLinks.contains(format) {
            throw WorkbenchError.invalidArgument(
                "--include-null works with tsv and jsonl; \(format.rawValue) has no place for a link with an empty side")
        }
        for id in pairIDs where languages[id] == nil { throw StoreError.unknownPair(id) }
        let distinct = Set(languages.values)
        if format == .xliff && distinct.count > 1 {
            throw WorkbenchError.invalidArgument(
                "an XLIFF file holds one language pair, and these pairs have \(distinct.sorted().map(\.description).joined(separator: ", ")); export each separately, or use tmx"
            )
        }
        try store.requireIntact()
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let single = distinct.count == 1 ? distinct.first : nil
        let sourceLanguages = Set(distinct.map(\.source))
        let tmx = TMXWriter(
            sourceLanguage: sourceLanguages.count == 1 ? sourceLanguages.first ?? "*all*" : "*all*",
            targetLanguage: single?.target ?? "*all*", toolVersion: toolVersion,
            creationDate: formatter.string(from: Date()))
        let xliff = XLIFFWriter(sourceLanguage: single?.source ?? "en", targetLanguage: single?.target ?? "id")
        switch format {
        case .tmx: try write(.document, tmx.header())
        case .xliff: try write(.document, xliff.header())
        case .tsv: try write(.document, TSVWriter.header)
        case .moses, .jsonl: break
        }
        var count = 0
        for id in pairIDs {
            guard let pairLanguages = languages[id] else { continue }
            try store.forEachLink(pair: id) { link in
                guard statuses.contains(link.status) else { return }
                let unit = ExportUnit(
                    linkID: link.id, pairID: link.pairID, source: link.sourceText, target: link.targetText, score: link.score,
                    status: link.status.rawValue, sourceSentences: Array(link.source), targetSentences: Array(link.target),
                    languages: pairLanguages, note: link.note)
                if unit.isNull && format.isParallel && !includeNull { return }
                switch format {
                case .tmx: try write(.document, tmx.unit(unit))
                case .xliff: try write(.document, xliff.unit(unit))
                case .tsv: try write(.document, TSVWriter.unit(unit))
                case .jsonl: try write(.document, JSONLWriter.unit(unit))
                case .moses:
                    let lines = MosesWriter.lines(unit)
                    try write(.mosesSource(pairLanguages), lines.source)
                    try write(.mosesTarget(pairLanguages), lines.target)
                }
                count += 1
            }
        }
        switch format {
        case .tmx: try write(.document, tmx.footer())
        case .xliff: try write(.document, xliff.footer())
        default: break
        }
        return count
    }
}
