import ArgumentParser
import PadanCore
import PadanStore
import PadanWorkbench

struct Glossary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage glossary terms (Indonesian → English); they feed the aligner as evidence.",
        subcommands: [Add.self, List.self, Remove.self, Import.self, ExportTerms.self])

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a term (every English equivalent, or only EN_TERM).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The Indonesian term.") var indonesian: String
        @Argument(help: "Only this English equivalent.") var english: String?

        func run() throws {
            let removed = try store.open().removeTerm(indonesian: indonesian, english: english)
            print("removed \(removed) term\(removed == 1 ? "" : "s")")
        }
    }

    struct ExportTerms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export the glossary: tsv (id, en, note; OmegaT), tbx (TBX-Basic) or hunalign (`id @ en` lines).")
        enum Format: String, ExpressibleByArgument, CaseIterable { case tsv, tbx, hunalign }
        @OptionGroup var store: StoreOptions
        @Option(help: "tsv, tbx or hunalign.") var format: Format = .tsv
        @Option(name: .shortAndLong, help: "Output file, or - for standard output.") var output = "-"

        func run() throws {
            let entries = try store.openForReading().glossary().map {
                GlossaryEntry(indonesian: $0.indonesian, english: $0.english, note: $0.note)
            }
            let text: String
            switch format {
            case .tsv: text = GlossaryExport.tsv(entries)
            case .tbx: text = GlossaryExport.tbx(entries)
            case .hunalign: text = GlossaryExport.hunalign(entries)
            }
            let file = try OutputFile(output)
            try file.write(text)
            try file.commit()
        }
    }

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
            let terms = try store.openForReading().glossary()
            if json {
                struct Item: Encodable { var id: String; var en: String; var note: String; var domain: String }
                return try Output.json(terms.map { Item(id: $0.indonesian, en: $0.english, note: $0.note, domain: $0.domain) })
            }
            for term in terms {
                print([term.indonesian, term.english, term.note, term.domain].map(TSVWriter.field).joined(separator: "\t"))
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import terms from a TSV file with a header row `id<TAB>en[<TAB>note]` (OmegaT style).",
            discussion:
                "Reports how many terms were added, updated (note changed) and skipped (already identical). A malformed line is reported by number and nothing is imported."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The TSV file, or - for standard input.") var file: String

        func run() throws {
            let text = try TextInput.read(file)
            let entries: [GlossaryEntry]
            switch GlossaryTSV.parse(text) {
            case .success(let parsed): entries = parsed
            case .failure(let error): throw WorkbenchError.malformedLine(file, line: error.line, reason: error.reason)
            }
            let result = try store.open().importTerms(entries)
            print("\(result.added) added, \(result.updated) updated, \(result.skipped) skipped")
        }
    }
}
