import ArgumentParser
import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

extension LanguagePair: ExpressibleByArgument {
    public init?(argument: String) { self.init(code: argument) }
}

extension TermStatus: ExpressibleByArgument {}
extension GlossaryFormat: ExpressibleByArgument {}

struct Glossary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Glossary terms: add, review (approve, reject, deprecate), propose from the corpus, see in use, exchange.",
        discussion: """
            A term pairs a phrase of the originals' language with its equivalent in the translations' language \
            (--languages, default en-id), with a status: proposed, approved (the aligner and the checks follow it), \
            rejected or deprecated (reported where still used). Every change is one edit of the glossary's history: \
            `padan undo --glossary` takes it back. A term is named by its id (12 or #12, as `glossary list` prints \
            it) or by its text.
            """,
        subcommands: [
            Add.self, List.self, Edit.self, Approve.self, Reject.self, Deprecate.self, Remove.self, Propose.self,
            Usage.self, GlossaryHistory.self, Import.self, ExportTerms.self,
        ])

    /// The options every glossary command shares.
    struct Languages: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "The pair of languages, original-translation (en-id, de-fr).", valueName: "source-target"))
        var languages: LanguagePair = .englishIndonesian
    }

    /// One term as `list --json` prints it. `id` and `en` are the translation's and the
    /// original's text, as they were when every term was Indonesian → English.
    struct TermItem: Encodable {
        var term_id: Int64
        var id: String
        var en: String
        var source: String
        var target: String
        var source_language: String
        var target_language: String
        var note: String
        var domain: String
        var status: String
        var author: String
        var updated_at: String
        var version: Int
        var frequency: Int
        var score: Double?
        var example_links: [Int64]

        init(_ term: GlossaryTermRecord) {
            term_id = term.id ?? 0
            id = term.targetTerm
            en = term.sourceTerm
            source = term.sourceTerm
            target = term.targetTerm
            source_language = term.sourceLanguage
            target_language = term.targetLanguage
            note = term.note
            domain = term.domain
            status = term.status.rawValue
            author = term.author
            updated_at = term.updatedAt
            version = term.version
            frequency = term.frequency
            score = term.score
            example_links = term.exampleLinks
        }
    }

    static func report(_ edit: GlossaryEditSummary, json: Bool) throws {
        if json { return try Output.json(edit) }
        print(edit.summary)
    }

    /// Term ids from arguments (`12`, `#12`, or `-` for ids on standard input).
    static func termIDs(_ arguments: [String], store: AlignmentStore, languages: LanguagePair) throws -> [Int64] {
        var ids: [Int64] = []
        for argument in arguments {
            if argument == "-" {
                ids += try standardInputIDs("term", marker: "#")
                continue
            }
            let resolved = try Workbench.resolveTerm(argument, store: store, languages: languages)
            if let id = resolved.id { ids.append(id) }
        }
        return ids
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a term (or change the note, domain and status of the same term).",
            discussion:
                "The status defaults to approved for a supervisor or an admin and to proposed for an editor, whose terms wait for approval."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The term in the translations' language (Indonesian for en-id).") var term: String
        @Argument(help: "Its equivalent in the originals' language (English for en-id).") var equivalent: String
        @Option(help: "A note for translators.") var note = ""
        @Option(help: "A subject domain.") var domain = ""
        @Option(help: "proposed, approved, rejected or deprecated.") var status: TermStatus?
        @OptionGroup var languages: Languages
        @Flag(help: "Print JSON: {glossary_edit_id, kind, summary, terms}.") var json = false

        func run() throws {
            let entry = GlossaryEntry(
                source: equivalent, target: term, languages: languages.languages, note: note, domain: domain)
            try Glossary.report(try store.open().addTerm(entry, status: status), json: json)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the terms.",
            discussion: """
                Plain output, tab-separated: the translation's term, the original's, note, domain, status, languages, \
                term id. --json prints an array of {term_id, id, en, source, target, source_language, target_language, \
                note, domain, status, author, updated_at, version, frequency, score, example_links} (`id` and `en` \
                are the translation's and the original's text).
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "Only terms of this pair of languages (source-target).") var languages: LanguagePair?
        @Option(help: "Only terms of this status (repeatable).") var status: [TermStatus] = []
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let terms = try store.openForReading().glossary(
                languages: languages, statuses: status.isEmpty ? nil : Set(status))
            if json { return try Output.json(terms.map(TermItem.init)) }
            for term in terms {
                let fields = [
                    term.targetTerm, term.sourceTerm, term.note, term.domain, term.status.rawValue, term.languages.description,
                    "#\(term.id ?? 0)",
                ]
                print(fields.map(TSVWriter.field).joined(separator: "\t"))
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a term's texts, note or domain.",
            discussion: "Changing the words of an approved term is a supervisor's decision, as approving is.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The term (id or text).") var term: String
        @Option(name: .customLong("target"), help: "The new text in the translations' language.") var target: String?
        @Option(name: .customLong("source"), help: "The new text in the originals' language.") var source: String?
        @Option(help: "The new note.") var note: String?
        @Option(help: "The new domain.") var domain: String?
        @Option(help: "Refuse unless the term is still at this version (as `glossary list --json` printed it).")
        var expect: Int?
        @OptionGroup var languages: Languages
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            guard let id = try Workbench.resolveTerm(term, store: opened, languages: languages.languages).id else {
                throw StoreError.unknownTerm(term)
            }
            try Glossary.report(
                try opened.updateTerm(id: id, source: source, target: target, note: note, domain: domain, expecting: expect),
                json: json)
        }
    }

    /// approve, reject and deprecate: one status for many terms, one edit.
    struct StatusOptions: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Argument(help: "Terms (ids or texts); - reads ids from standard input.") var terms: [String]
        @Option(help: "Why: kept in the glossary's history (glossary history).") var comment = ""
        @OptionGroup var languages: Languages
        @Flag(help: "Print JSON.") var json = false

        func validate() throws { if terms.isEmpty { throw ValidationError("give at least one term") } }

        func set(_ status: TermStatus) throws {
            let opened = try store.open()
            let ids = try Glossary.termIDs(terms, store: opened, languages: languages.languages)
            try Glossary.report(try opened.setTermStatus(status, terms: ids, comment: comment), json: json)
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve terms: the aligner and the checks follow them.")
        @OptionGroup var options: StatusOptions
        func run() throws { try options.set(.approved) }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject proposed terms (never proposed again).")
        @OptionGroup var options: StatusOptions
        func run() throws { try options.set(.rejected) }
    }

    struct Deprecate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deprecate terms: `check` reports the links that still use them.")
        @OptionGroup var options: StatusOptions
        func run() throws { try options.set(.deprecated) }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a term (every equivalent of TERM, or only EQUIVALENT); undo brings it back.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The term in the translations' language, or a term id (#12).") var term: String
        @Argument(help: "Only this equivalent in the originals' language.") var equivalent: String?
        @OptionGroup var languages: Languages

        func run() throws {
            let opened = try store.open()
            let digits = term.hasPrefix("#") ? String(term.dropFirst()) : term
            if term.hasPrefix("#"), equivalent == nil, let id = Int64(digits) {
                print(try opened.removeTerms(ids: [id]).summary)
                return
            }
            let (_, removed) = try opened.removeTerms(target: term, source: equivalent, languages: languages.languages)
            print("removed \(removed) term\(removed == 1 ? "" : "s")")
        }
    }

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose terms mined from the reviewed (confirmed or edited) links.",
            discussion: """
                Phrases of one to three words that occur together in reviewed links more than chance allows (Dice's \
                coefficient, Dunning's log-likelihood above 10.83), paired one to one by competitive linking; numbers, \
                names and words copied across unchanged are left out. Each is stored as proposed with its frequency, \
                score and example links, in one glossary edit (`padan undo --glossary` takes it back); a term already \
                in the glossary keeps its status: a rejected term is never proposed again. Plain output, tab-separated: \
                original's term, translation's term, frequency, score, example links. --json prints \
                {candidates: [{source, target, frequency, source_count, target_count, dice, log_likelihood, examples}], \
                added, refreshed, known, glossary_edit_id}.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "Mine this pair only (repeatable).") var pair: [Int64] = []
        @Flag(help: "Mine every pair of the languages (the default when no --pair is given).") var all = false
        @Option(help: "Links a term must occur in.") var minCount = 3
        @Option(help: "Propose at most this many (the strongest).") var limit: Int?
        @Flag(help: "Print the candidates without storing them.") var dryRun = false
        @OptionGroup var languages: Languages
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if all && !pair.isEmpty { throw ValidationError("give --pair or --all, not both") }
            if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        }

        func run() throws {
            let opened = dryRun ? try store.openForReading() : try store.open()
            let (candidates, stored) = try Workbench.proposeTerms(
                store: opened, languages: languages.languages, pairs: pair.isEmpty ? nil : pair, minCount: minCount,
                limit: limit, dryRun: dryRun)
            if json {
                struct Candidate: Encodable {
                    var source: String
                    var target: String
                    var frequency: Int
                    var source_count: Int
                    var target_count: Int
                    var dice: Double
                    var log_likelihood: Double
                    var examples: [Int64]
                }
                struct Result: Encodable {
                    var candidates: [Candidate]
                    var added: Int
                    var refreshed: Int
                    var known: Int
                    var glossary_edit_id: Int64?
                }
                return try Output.json(
                    Result(
                        candidates: candidates.map {
                            Candidate(
                                source: $0.source, target: $0.target, frequency: $0.frequency, source_count: $0.sourceCount,
                                target_count: $0.targetCount, dice: ($0.dice * 1000).rounded() / 1000,
                                log_likelihood: ($0.logLikelihood * 10).rounded() / 10, examples: $0.examples)
                        }, added: stored?.added ?? 0, refreshed: stored?.updated ?? 0, known: stored?.skipped ?? 0,
                        glossary_edit_id: stored?.edit.editID))
            }
            for candidate in candidates {
                let examples = candidate.examples.map(String.init).joined(separator: ",")
                print(
                    [candidate.source, candidate.target, String(candidate.frequency), Output.score(candidate.dice), examples]
                        .map(TSVWriter.field).joined(separator: "\t"))
            }
            if let stored {
                Output.note(
                    "\(stored.added) proposed, \(stored.updated) refreshed, \(stored.skipped) already in the glossary\n")
            }
        }
    }

    struct Usage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every link whose original holds a term, with the rendering its translation uses (KWIC).",
            discussion: """
                TERM is a term id, a stored term's text, or any phrase of the originals' language. Each line: pair:link, \
                the original around the term, and the rendering (with its glossary status, or `corpus` for a rendering \
                read off the translations, or `—` when none was found); a summary counts the approved rendering against \
                the others. --json prints {term: {source, target, status}, approved, other_renderings: {rendering: count}, \
                without_rendering, links: [{pair, link, source, target, rendering, rendering_status, source_match, \
                target_match}]} with matches as [start, end] character offsets.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The term: an id (#12), a stored term's text, or a phrase.") var term: String
        @Option(help: "Characters of context on each side of the term.") var context = 40
        @OptionGroup var languages: Languages
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if term.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("give a term or a phrase") }
            if context < 0 { throw ValidationError("--context must be 0 or more") }
        }

        func run() throws {
            let opened = try store.openForReading()
            let resolved = try Workbench.resolveTerm(term, store: opened, languages: languages.languages, allowUnstored: true)
            let usage = try Workbench.termUsage(store: opened, term: resolved.entry)
            if json { return try Output.json(UsageJSON(usage, stored: resolved.id != nil)) }
            for line in usage.lines {
                let kwic = Self.keywordInContext(line.link.source, line.sourceMatch, context: context)
                let rendering = line.rendering.map { "\($0) (\(line.renderingStatus?.rawValue ?? "corpus"))" } ?? "—"
                print("\(line.link.pairID):\(line.link.linkID)\t\(kwic)\t\(rendering)")
            }
            let others = usage.otherRenderings.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print(
                "\(usage.lines.count) link\(usage.lines.count == 1 ? "" : "s"): approved rendering \(usage.approved), other renderings \(usage.lines.count - usage.approved - usage.withoutRendering)\(others.isEmpty ? "" : " (\(others))"), none found \(usage.withoutRendering)"
            )
        }

        /// `…left context [term] right context…`, on one line.
        static func keywordInContext(_ text: String, _ match: Range<Int>, context: Int) -> String {
            let characters = Array(TSVWriter.field(text))
            let start = max(0, match.lowerBound - context)
            let end = min(characters.count, match.upperBound + context)
            let left = String(characters[start..<match.lowerBound])
            let keyword = String(characters[match.lowerBound..<min(match.upperBound, characters.count)])
            let right = String(characters[min(match.upperBound, characters.count)..<end])
            return (start > 0 ? "…" : "") + left + "[" + keyword + "]" + right + (end < characters.count ? "…" : "")
        }

        struct UsageJSON: Encodable {
            struct Term: Encodable {
                var source: String
                var target: String
                var status: String?
            }
            struct Line: Encodable {
                var pair: Int64
                var link: Int64
                var source: String
                var target: String
                var rendering: String?
                var rendering_status: String?
                var source_match: [Int]
                var target_match: [Int]?
            }
            var term: Term
            var approved: Int
            var other_renderings: [String: Int]
            var without_rendering: Int
            var links: [Line]

            init(_ usage: TermUsage, stored: Bool) {
                term = Term(
                    source: usage.term.source, target: usage.term.target, status: stored ? usage.term.status.rawValue : nil)
                approved = usage.approved
                other_renderings = usage.otherRenderings
                without_rendering = usage.withoutRendering
                links = usage.lines.map {
                    Line(
                        pair: $0.link.pairID, link: $0.link.linkID, source: $0.link.source, target: $0.link.target,
                        rendering: $0.rendering, rendering_status: $0.renderingStatus?.rawValue,
                        source_match: [$0.sourceMatch.lowerBound, $0.sourceMatch.upperBound],
                        target_match: $0.targetMatch.map { [$0.lowerBound, $0.upperBound] })
                }
            }
        }
    }

    struct GlossaryHistory: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List the glossary's edits, oldest first.",
            discussion: """
                Plain output, tab-separated: edit id, time, kind, summary, author; undone edits are marked. --json \
                prints an array of {id, kind, summary, author, comment, created_at, undone}.
                """)
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let edits = try store.openForReading().glossaryHistory()
            if json {
                struct Item: Encodable {
                    var id: Int64
                    var kind: String
                    var summary: String
                    var author: String
                    var comment: String
                    var created_at: String
                    var undone: Bool
                }
                return try Output.json(
                    edits.map {
                        Item(
                            id: $0.id ?? 0, kind: $0.kind, summary: $0.summary, author: $0.author, comment: $0.comment,
                            created_at: $0.createdAt, undone: $0.undoneAt != nil)
                    })
            }
            for edit in edits {
                let undone = edit.undoneAt == nil ? "" : "\t(undone)"
                print("\(edit.id ?? 0)\t\(edit.createdAt)\t\(edit.kind)\t\(edit.summary)\t\(edit.author)\(undone)")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import terms from TSV (`id<TAB>en[<TAB>note…]` header), OmegaT, CSV or TBX, in one glossary edit.",
            discussion: """
                The format comes from --format, else the file's name (.tbx, .csv, .tsv; .txt/.utf8 are OmegaT), else its \
                first bytes. A TSV or CSV header names its columns: language codes (id, en, de, …) or source/target, \
                then note, domain, status; a file without a header is OmegaT's: original's term, translation's term, \
                comment. TBX keeps each term's administrativeStatus. Terms without a status take --status. Reports how \
                many terms were added, updated (note, domain or status changed) and skipped (already identical); a \
                malformed line is reported by number and nothing is imported.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The file, or - for standard input.") var file: String
        @Option(help: "tsv, omegat, csv or tbx.") var format: GlossaryFormat?
        @Option(help: "The status of terms the file gives none (default approved).") var status: TermStatus?
        @OptionGroup var languages: Languages

        func run() throws {
            let text = try TextInput.read(file)
            let format = self.format ?? GlossaryFormat(fileName: file) ?? GlossaryFormat.sniff(text)
            var entries: [GlossaryEntry]
            switch GlossaryFile.read(text, format: format, languages: languages.languages) {
            case .success(let parsed): entries = parsed
            case .failure(let error): throw WorkbenchError.malformedLine(file, line: error.line, reason: error.reason)
            }
            if let status {
                // The file's own statuses stand; only those it left out take --status.
                let explicit = format == .tbx || text.lowercased().contains("status")
                if !explicit {
                    entries = entries.map {
                        var entry = $0; entry.status = status; return entry
                    }
                }
            }
            let result = try store.open().importTerms(entries)
            print("\(result.added) added, \(result.updated) updated, \(result.skipped) skipped")
        }
    }

    struct ExportTerms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export the glossary: tsv, omegat, csv, tbx (TBX-Basic) or hunalign (`target @ source` lines).",
            discussion: """
                tsv, csv and tbx carry each term's status (TBX administrativeStatus: approved preferred, proposed \
                admitted, deprecated and rejected deprecated) and by default hold every term but rejected ones; omegat \
                and hunalign have no status and by default hold approved terms only. --status chooses (repeatable). \
                tsv, omegat and hunalign hold one pair of languages (--languages, default en-id); csv and tbx hold \
                every pair unless --languages is given.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "tsv, omegat, csv, tbx or hunalign.") var format: GlossaryFormat = .tsv
        @Option(help: "Only terms of this status (repeatable).") var status: [TermStatus] = []
        @Option(help: "Only terms of this pair of languages (source-target).") var languages: LanguagePair?
        @Option(name: .shortAndLong, help: "Output file, or - for standard output.") var output = "-"

        func run() throws {
            let statuses: Set<TermStatus> =
                !status.isEmpty
                ? Set(status) : [.omegat, .hunalign].contains(format) ? [.approved] : [.proposed, .approved, .deprecated]
            let onePair = [.tsv, .omegat, .hunalign].contains(format)
            let chosen = languages ?? (onePair ? .englishIndonesian : nil)
            let entries = try store.openForReading().glossary(languages: chosen, statuses: statuses).map(\.entry)
            let file = try OutputFile(output)
            try file.write(GlossaryFile.write(entries, format: format))
            try file.commit()
        }
    }
}
