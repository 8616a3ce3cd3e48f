import ArgumentParser
import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score segmentations and alignments against gold files.",
        subcommands: [SegmentScore.self, AlignScore.self, GoldRun.self, GlossaryScore.self])

    struct GoldRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gold",
            abstract: "Align every case of a gold folder with Padan and print strict and lax P/R/F1.",
            discussion: """
                FOLDER holds NAME.gold with NAME.<src>.txt and NAME.<tgt>.txt (one sentence per line), as in \
                ../shared/data/align/*. With --raw, Padan segments NAME.<src>.raw.txt and NAME.<tgt>.raw.txt \
                itself and its sentences are mapped onto the reference ones by position before scoring. \
                The cases are aligned as `padan import` aligns a folder: without a lexicon for their languages, \
                as one batch that learns word pairs from all of them. With --db, the store's lexicon entries and \
                approved glossary terms for the languages are used too, as `padan import` into that store would \
                (e.g. a dictionary imported with `padan lexicon import`).
                """)
        @Argument(help: "The gold folder.") var folder: String
        @Flag(help: "Start from the raw text (segment, then align).") var raw = false
        @Flag(help: "Print JSON.") var json = false
        @Flag(help: "Also list, per case, the output links that are not gold and the gold links missed.")
        var errors = false
        @Flag(help: "Use no lexicon, only language-independent evidence (as for a language pair without one).")
        var noLexicon = false
        @Option(
            help: ArgumentHelp(
                "Also use this store's lexicon and approved terms: an SQLite file or a PostgreSQL URI (read only).",
                valueName: "path|uri"))
        var db: String?
        @OptionGroup var tuning: AlignerSettings

        func run() throws {
            let (score, documents, disagreements) = try GoldEvaluation.run(
                folder: folder, endToEnd: raw, useLexicon: !noLexicon,
                store: try db.map { try AlignmentStore.open(StoreLocation($0), access: .read, user: nil) },
                configuration: try tuning.configuration())
            try AlignScore.report(score, documents: documents, json: json)
            guard errors, !json else { return }
            func ladder(_ link: ScoredLink) -> String {
                "[\(link.source.map(String.init).joined(separator: ","))]:[\(link.target.map(String.init).joined(separator: ","))]"
            }
            for item in disagreements where !item.wrong.isEmpty || !item.missed.isEmpty {
                print("\(item.name)\twrong\t\(item.wrong.map(ladder).joined(separator: " "))")
                print("\(item.name)\tmissed\t\(item.missed.map(ladder).joined(separator: " "))")
            }
        }
    }

    struct GlossaryScore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "glossary",
            abstract: "Precision of `glossary propose` on gold alignments, beside a plain Dice baseline.",
            discussion: """
                The gold links of every case in the FOLDERs (as ../shared/data/align/*) stand for confirmed links; \
                both methods mine them and each proposal is judged against the bundled FreeDict word list (for en-id) \
                and the --reference glossaries (e.g. glossary/seed-glossary.tsv), English compared by stem. Prints \
                precision at 50 and 200 proposals and the time each method took; --json adds the first proposals.
                """)
        @Argument(help: "Gold folders.") var folders: [String]
        @Option(help: "A glossary file (TSV, CSV, TBX) of correct pairs; repeatable.") var reference: [String] = []
        @Option(help: "Links a term must occur in.") var minCount = 3
        @Option(help: "Proposals listed per method in the JSON, each judged.") var top = 20
        @Flag(help: "Print JSON.") var json = false

        func validate() throws { if folders.isEmpty { throw ValidationError("give at least one gold folder") } }

        func run() throws {
            let report = try GlossaryEvaluation.run(
                folders: folders, glossaries: reference, minCount: minCount, shown: top)
            if json { return try Output.json(report) }
            print("\(report.links) gold links, \(report.referencePairs) reference pairs")
            print("method\tproposals\t" + GlossaryEvaluation.ranks.map { "P@\($0)" }.joined(separator: "\t") + "\tseconds")
            for method in report.methods {
                let precision = GlossaryEvaluation.ranks.map { rank in method.precision["\(rank)"].map(Output.score) ?? "-" }
                print(
                    "\(method.name)\t\(method.proposals)\t\(precision.joined(separator: "\t"))\t\(String(format: "%.3f", method.seconds))"
                )
            }
        }
    }

    struct SegmentScore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "segment",
            abstract: "Boundary precision / recall / F1 and exact-sentence accuracy of segmentations.",
            discussion: """
                GOLD and each TEST hold one sentence per line, paragraphs separated by blank lines (the format \
                `padan segment` prints). Boundaries are compared as offsets in the text with all whitespace \
                removed; paragraph ends are given and not counted. Exact = gold sentences found whole.
                Example: padan segment --keep-boilerplate x.txt > x.out && padan eval segment x.gold x.out
                """)

        @Argument(help: "The gold segmentation.") var gold: String
        @Argument(help: "One or more segmentations to score.") var tests: [String]
        @Flag(help: "Print JSON.") var json = false

        func validate() throws { if tests.isEmpty { throw ValidationError("give at least one TEST file") } }

        func run() throws {
            let goldParagraphs = PadanCore.SegmentationScore.parseParagraphs(try TextInput.read(gold))
            struct Item: Encodable {
                var file: String
                var precision: Double
                var recall: Double
                var f1: Double
                var exact: Double
                var tp: Int
                var fp: Int
                var fn: Int
                var gold_sentences: Int
            }
            var items: [Item] = []
            for test in tests {
                let predicted = PadanCore.SegmentationScore.parseParagraphs(try TextInput.read(test))
                let score: PadanCore.SegmentationScore
                do {
                    score = try PadanCore.SegmentationScore.score(gold: goldParagraphs, predicted: predicted)
                } catch PadanCore.SegmentationScore.Mismatch.differentText(let offset) {
                    throw CLIError("\(test): not the same text as \(gold) (they differ after \(offset) non-space characters)")
                }
                items.append(
                    Item(
                        file: test, precision: score.precision, recall: score.recall, f1: score.f1, exact: score.exactAccuracy,
                        tp: score.truePositives, fp: score.falsePositives, fn: score.falseNegatives,
                        gold_sentences: score.goldSentences))
            }
            if json { return try Output.json(items) }
            for item in items {
                print(
                    "\(item.file)\tP=\(Output.score(item.precision)) R=\(Output.score(item.recall)) F1=\(Output.score(item.f1)) exact=\(Output.score(item.exact))\ttp=\(item.tp) fp=\(item.fp) fn=\(item.fn) gold_sentences=\(item.gold_sentences)"
                )
            }
        }
    }

    struct AlignScore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "align",
            abstract: "Strict and lax precision / recall / F1 of alignments, summed over all files.",
            discussion: """
                Give GOLD TEST pairs of ladder files (`[0]:[0]`, `[3,4]:[3]`, `[5]:[]` per line; a trailing \
                `:score` is ignored), or two directories: every NAME.gold in the first is scored against the \
                file NAME.* in the second. Strict: a link counts only if identical to a gold link; lax: if it \
                shares a source and a target sentence with one (as Bleualign and Vecalign score). Counts are \
                summed over all documents before dividing.
                """)

        @Argument(help: "GOLD TEST [GOLD TEST …], or GOLD_DIR TEST_DIR.") var files: [String]
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let pairs = try filePairs()
            var total = AlignmentScore()
            for (gold, test) in pairs {
                total = total + AlignmentScore.score(gold: try ladder(gold), test: try ladder(test))
            }
            try Self.report(total, documents: pairs.count, json: json)
        }

        static func report(_ total: AlignmentScore, documents: Int, json: Bool) throws {
            if json {
                struct Result: Encodable {
                    var documents: Int
                    var strict: [String: Double]
                    var lax: [String: Double]
                }
                return try Output.json(
                    Result(
                        documents: documents,
                        strict: ["precision": total.strictPrecision, "recall": total.strictRecall, "f1": total.strictF1],
                        lax: ["precision": total.laxPrecision, "recall": total.laxRecall, "f1": total.laxF1]))
            }
            print("documents=\(documents)")
            print(
                "strict\tP=\(Output.score(total.strictPrecision)) R=\(Output.score(total.strictRecall)) F1=\(Output.score(total.strictF1))"
            )
            print("lax\tP=\(Output.score(total.laxPrecision)) R=\(Output.score(total.laxRecall)) F1=\(Output.score(total.laxF1))")
        }

        func filePairs() throws -> [(String, String)] {
            var isDirectory: ObjCBool = false
            if files.count == 2, FileManager.default.fileExists(atPath: files[0], isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                let golds = try TextInput.folderEntries(files[0]).filter { $0.hasSuffix(".gold") }
                    .sorted()
                let tests = try TextInput.folderEntries(files[1])
                return try golds.map { gold in
                    let stem = String(gold.dropLast(5))
                    guard let test = tests.first(where: { $0.hasPrefix(stem + ".") && !$0.hasSuffix(".txt") }) else {
                        throw CLIError("\(files[1]): no file \(stem).* to score against \(gold)")
                    }
                    return (
                        (files[0] as NSString).appendingPathComponent(gold), (files[1] as NSString).appendingPathComponent(test)
                    )
                }
            }
            guard !files.isEmpty, files.count % 2 == 0 else {
                throw CLIError("give GOLD TEST pairs (an even number of files) or two directories")
            }
            return stride(from: 0, to: files.count, by: 2).map { (files[$0], files[$0 + 1]) }
        }

        func ladder(_ path: String) throws -> [ScoredLink] {
            switch AlignmentScore.parseLadder(try TextInput.read(path)) {
            case .success(let links): return links
            case .failure(let error):
                throw WorkbenchError.malformedLine(
                    path, line: error.line, reason: "expected a ladder link such as [0]:[0] or [3,4]:[]")
            }
        }
    }
}
