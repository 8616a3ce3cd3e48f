import ArgumentParser
import PadanCore
import PadanStore
import PadanWorkbench

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Manage the bilingual word lists the aligner uses as evidence.",
        subcommands: [Import.self, Stats.self, Coverage.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a word list into the store: TSV (`indonesian<TAB>english`) or a dictd dictionary.",
            discussion: """
                Without FILE, reads Debian's FreeDict English–Indonesian dictionary \
                (/usr/share/dictd/freedict-eng-ind.index, package dict-freedict-eng-ind, CC BY-SA 3.0). \
                A dictd file is given by its .index (the .dict.dz beside it is read too). Pairs already stored \
                are skipped. Imported entries join the bundled lexicon whenever `padan add` aligns.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The word list (default: the FreeDict dictionary installed by `make`).") var file: String?
        @Option(help: "Language of the foreign side (the translation's language).") var foreign = "id"
        @Option(help: "Language of the pivot side (the original's language).") var pivot = "en"
        @Flag(help: "The dictd headwords are foreign-language words (default: pivot, as in eng-ind).") var headwordsForeign =
            false

        func run() throws {
            let path = file ?? LexiconFiles.freedictEnglishIndonesian
            let lexicon = try LexiconFiles.read(
                path, foreign: try languageCode(foreign), pivot: try languageCode(pivot),
                dictdHeadwordsArePivot: !headwordsForeign)
            let added = try store.open().importLexicon(lexicon, origin: path)
            print("\(lexicon.count) pairs read, \(added) new, \(lexicon.count - added) already stored")
        }
    }

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure how many words of Indonesian texts the bundled lexicon covers.",
            discussion: """
                Counts the word tokens of each FILE's article (boilerplate set aside as for alignment; numbers \
                and punctuation left out) found in the lexicon as \
                written (lower-cased) and after Indonesian affix stripping (meN-, ber-, di-, ter-, -kan, -an, -i, \
                -nya, -lah, reduplication): the look-up the aligner makes.
                """)
        @Argument(help: "Indonesian text files (- for standard input).") var files: [String]
        @Option(help: "An extra word list, `indonesian<TAB>english` per line, counted with the bundled one.")
        var lexicon: String?
        @Option(help: "Also list the N most frequent words not covered (what to add to a glossary).")
        var missing = 0
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            var file: String
            var words: Int
            var as_written: Double
            var after_stripping: Double
        }

        struct Missed: Encodable {
            var word: String
            var count: Int
        }

        func run() throws {
            guard let prepared = try lexicon.map(Workbench.bundledLexicon(adding:)) ?? Workbench.bundledPreparedLexicon
            else { throw CLIError("the bundled lexicon is missing from this build") }
            var total = LexiconCoverage()
            var rows: [Row] = []
            func row(_ file: String, _ coverage: LexiconCoverage) -> Row {
                Row(
                    file: file, words: coverage.words, as_written: coverage.shareAsWritten,
                    after_stripping: coverage.shareAfterStripping)
            }
            for file in files {
                var coverage = LexiconCoverage()
                // Only the article counts: teasers, captions and other boilerplate are set aside first,
                // as they are before alignment.
                let article = Workbench.prepare(text: try TextInput.read(file), language: "id", path: file).article.text
                coverage.add(article, lexicon: prepared)
                rows.append(row(file, coverage))
                total.add(coverage)
            }
            if files.count > 1 { rows.append(row("total", total)) }
            let missed = total.mostMissed(max(0, missing)).map { Missed(word: $0.word, count: $0.count) }
            if json {
                struct Report: Encodable {
                    var files: [Row]
                    var missing: [Missed]
                }
                return try Output.json(Report(files: rows, missing: missed))
            }
            for row in rows {
                print(
                    "\(row.file)\twords=\(row.words)\tas_written=\(Output.score(row.as_written))"
                        + "\tafter_stripping=\(Output.score(row.after_stripping))")
            }
            for item in missed { print("missing\t\(item.word)\t\(item.count)") }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count the word pairs available for a language pair.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Foreign language.") var foreign = "id"
        @Option(help: "Pivot language.") var pivot = "en"
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let stored = try store.openForReading().lexicon(foreign: foreign, pivot: pivot)
            let bundled = Workbench.bundledLexicon.map { $0.serves(foreign, pivot) ? $0.count : 0 } ?? 0
            if json { return try Output.json(["bundled": bundled, "stored": stored.count]) }
            print("bundled\t\(bundled)\nstored\t\(stored.count)")
        }
    }
}
