import ArgumentParser
import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export aligned pairs as a parallel corpus: TMX, XLIFF, TSV, Moses or JSONL.",
        discussion: """
            tmx: TMX 1.4b, one <tu> per link, properties x-padan-pair, x-padan-status, x-padan-score.
            xliff: XLIFF 2.0, state on <segment> (confirmed/edited → reviewed, auto → translated).
            tsv: columns source, target, score, status, link id, with a header row.
            moses: two line-parallel files, PATH.<source-lang> and PATH.<target-lang>.
            jsonl: one object per link {id, pair, status, score, source_sentences, target_sentences, source, target}.

            Rejected links are left out unless --status names them; 1-0 and 0-1 links are left out of the \
            parallel formats (all but jsonl) unless --include-null. The file is written whole or not at all.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "Pair ids (or --all).") var pairs: [Int64] = []
    @Flag(help: "Export every pair of the store.") var all = false
    @Option(help: "Format: tmx, xliff, tsv, moses, jsonl.") var format: ExportFormat
    @Option(help: "Only links with this status (repeatable).") var status: [LinkStatus] = []
    @Flag(help: "Keep 1-0 and 0-1 links (tsv, jsonl).") var includeNull = false
    @Option(name: .shortAndLong, help: "Output file, or - for standard output (not for moses).") var output: String

    func validate() throws {
        if all == !pairs.isEmpty { throw ValidationError("give pair ids or --all (not both)") }
        if format == .moses && output == "-" { throw ValidationError("moses writes two files: give -o PATH") }
    }

    func run() throws {
        let opened = try store.openForReading()
        let summaries = try opened.pairs()
        let ids = all ? summaries.map(\.id) : pairs
        for id in ids where !summaries.contains(where: { $0.id == id }) { throw StoreError.unknownPair(id) }
        let first = summaries.first { $0.id == ids.first }
        let sourceLanguage = first?.sourceLanguage ?? "en"
        let targetLanguage = first?.targetLanguage ?? "id"
        let main = try OutputFile(format == .moses ? "\(output).\(sourceLanguage)" : output)
        let second = format == .moses ? try OutputFile("\(output).\(targetLanguage)") : nil
        let exporter = CorpusExport(
            format: format, statuses: Set(status.isEmpty ? [.auto, .confirmed, .edited] : status), includeNull: includeNull,
            toolVersion: Padan.configuration.version)
        let count = try exporter.run(store: opened, pairIDs: ids, write: main.write, writeTarget: { second?.write($0) })
        try main.commit()
        try second?.commit()
        if output != "-" {
            let destination = format == .moses ? "\(output).{\(sourceLanguage),\(targetLanguage)}" : output
            FileHandle.standardError.write(Data("exported \(count) links to \(destination)\n".utf8))
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}

/// A buffered output that becomes visible only when complete: written to a temporary file
/// beside the target and renamed over it (standard output is written as it goes).
final class OutputFile {
    private let path: String
    private let temporary: String?
    private let handle: FileHandle
    private var buffer = Data()

    init(_ path: String) throws {
        self.path = path
        if path == "-" {
            temporary = nil
            handle = FileHandle.standardOutput
        } else {
            let temporary = path + ".padan-tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary)
            else {
                throw CLIError("cannot write \(path)")
            }
            self.temporary = temporary
            self.handle = handle
        }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        flush()
        guard let temporary else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }

    deinit {
        if let temporary, FileManager.default.fileExists(atPath: temporary) {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
