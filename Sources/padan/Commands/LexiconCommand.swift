import ArgumentParser
import PadanCore
import PadanStore
import PadanWorkbench

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Manage the bilingual word lists the aligner uses as evidence.",
        subcommands: [Import.self, Stats.self])

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

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count the word pairs available for a language pair.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Foreign language.") var foreign = "id"
        @Option(help: "Pivot language.") var pivot = "en"
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let stored = try store.open().lexicon(foreign: foreign, pivot: pivot)
            let bundled = Workbench.bundledLexicon.map { $0.serves(foreign, pivot) ? $0.count : 0 } ?? 0
            if json { return try Output.json(["bundled": bundled, "stored": stored.count]) }
            print("bundled\t\(bundled)\nstored\t\(stored.count)")
        }
    }
}
