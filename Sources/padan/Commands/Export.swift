import ArgumentParser
import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export aligned pairs as a parallel corpus: TMX, XLIFF, TSV, Moses or JSONL.",
        discussion: """
            tmx: TMX 1.4b, one <tu> per link, each <tuv xml:lang> from the link's own pair, properties \
            x-padan-pair, x-padan-status, x-padan-score.
            xliff: XLIFF 2.0, state on <segment> (confirmed/edited → reviewed, auto → translated); one language pair per file.
            tsv: columns source, target, score, status, link id, with a header row.
            moses: two line-parallel files, PATH.<source-lang> and PATH.<target-lang>; pairs of several \
            language pairs give PATH.<src>-<tgt>.<lang> per language pair.
            jsonl: one object per link {id, pair, status, score, source_sentences, target_sentences, source, \
            target, source_language, target_language}.

            Rejected links are left out unless --status names them; 1-0 and 0-1 links are left out of tsv \
            unless --include-null (tmx, xliff and moses have no place for them; jsonl always keeps them). \
            A file is written whole or not at all: to a temporary file beside it, renamed over it when \
            complete. A folder is never replaced; - writes to standard output, a pipe or device directly.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Pair ids (or --all).") var pairs: [Int64] = []
    @Flag(help: "Export every pair of the store.") var all = false
    @Option(help: "Format: tmx, xliff, tsv, moses, jsonl.") var format: ExportFormat
    @Option(help: "Only links with this status (repeatable).") var status: [LinkStatus] = []
    @Flag(help: "Keep 1-0 and 0-1 links (tsv; jsonl keeps them anyway).") var includeNull = false
    @Option(name: .shortAndLong, help: "Output file, or - for standard output (not for moses).") var output: String

    func validate() throws {
        if all == !pairs.isEmpty { throw ValidationError("give pair ids or --all (not both)") }
        if format == .moses && output == "-" { throw ValidationError("moses writes two files: give -o PATH") }
        if includeNull && !CorpusExport.formatsWithNullLinks.contains(format) {
            throw ValidationError("--include-null works with tsv and jsonl; \(format.rawValue) has no place for an empty side")
        }
    }

    func run() throws {
        let opened = try store.openForReading()
        let summaries = try opened.pairs()
        let ids = all ? summaries.map(\.id) : pairs
        let languages = try CorpusExport.languagePairs(summaries, pairIDs: ids)
        let paths: [ExportStream: String] =
            format == .moses ? CorpusExport.mosesPaths(prefix: output, languages: Set(languages.values)) : [.document: output]
        var files: [ExportStream: OutputFile] = [:]
        for (stream, path) in paths { files[stream] = try OutputFile(path) }
        let exporter = CorpusExport(
            format: format, statuses: Set(status.isEmpty ? [.auto, .confirmed, .edited] : status), includeNull: includeNull,
            toolVersion: Padan.configuration.version)
        let count = try exporter.run(store: opened, pairIDs: ids, languages: languages) { stream, text in
            try files[stream]?.write(text)
        }
        for file in files.values.sorted(by: { $0.path < $1.path }) { try file.commit() }
        if output != "-" {
            Output.note("exported \(count) links to \(paths.values.sorted().joined(separator: ", "))\n")
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
