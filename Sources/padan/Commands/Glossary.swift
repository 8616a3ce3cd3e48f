import ArgumentParser
import PadanCore
import PadanStore
import PadanWorkbench

struct Glossary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage glossary terms (Indonesian → English); they feed the aligner as evidence.",
        subcommands: [Add.self, List.self, Import.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a term (or update its note and domain).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The Indonesian term.") var indonesian: String
        @Argument(help: "The English equivalent.") var english: String
        @Option(help: "A note for translators.") var note = ""
        @Option(help: "A subject domain.") var domain = ""

        func run() throws {
            let added = try store.open().addTerm(indonesian: indonesian, english: english, note: note, domain: domain)
            print(added ? "added \(indonesian) → \(english)" : "updated \(indonesian) → \(english)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the terms (TSV: id, en, note, domain).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let terms = try store.open().glossary()
            if json {
                struct Item: Encodable { var id: String; var en: String; var note: String; var domain: String }
                return try Output.json(terms.map { Item(id: $0.indonesian, en: $0.english, note: $0.note, domain: $0.domain) })
            }
            for term in terms { print([term.indonesian, term.english, term.note, term.domain].map(tsvField).joined(separator: "\t")) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import terms from a TSV file with a header row `id<TAB>en[<TAB>note]` (OmegaT style).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The TSV file, or - for standard input.") var file: String

        func run() throws {
            let text = try TextInput.read(file)
            let entries: [GlossaryEntry]
            switch GlossaryTSV.parse(text) {
            case .success(let parsed): entries = parsed
            case .failure(let error): throw WorkbenchError.malformedLine(file, line: error.line, reason: error.reason)
            }
            let (added, updated) = try store.open().importTerms(entries)
            print("\(added) added, \(updated) updated")
        }
    }
}
