import ArgumentParser
import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

struct Pairs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and review the aligned links of stored pairs.",
        subcommands: [
            List.self, Show.self, Confirm.self, Reject.self, Merge.self, Split.self, Relink.self, Unlink.self, Shift.self,
            Edit.self,
            Realign.self, Assign.self, State.self,
        ])

    /// The JSON shape of a link, shared by `list` and `show`.
    struct LinkJSON: Encodable {
        var id: Int64
        var pair: Int64
        var status: String
        var score: Double
        var version: Int
        var source_sentences: [Int]
        var target_sentences: [Int]
        var source: String
        var target: String
        /// Store ids of the sentences (`pairs show` only): what `sentences split/merge` take.
        var source_sentence_ids: [Int64]? = nil
        var target_sentence_ids: [Int64]? = nil
        /// Whether the translation moved the link's passage: the link crosses others.
        var moved: Bool

        init(_ link: LinkView, moved: Bool) {
            self.moved = moved
            id = link.id
            pair = link.pairID
            status = link.status.rawValue
            score = (link.score * 1000).rounded() / 1000
            version = link.version
            source_sentences = Array(link.source)
            target_sentences = Array(link.target)
            source = link.sourceText
            target = link.targetText
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the links of a pair (or, without PAIR, the stored pairs).",
            discussion: """
                Plain output: one link per line, tab-separated: id, status, score, source ordinals, target \
                ordinals, source text, target text, and `moved` for a link whose passage the translation moved (it \
                crosses the links between its two places). --json prints an array of {id, pair, status, score, \
                version, source_sentences, target_sentences, source, target, moved}; ordinals are 0-based. Without PAIR, --json \
                prints the pairs as {id, source_language, target_language, source_title, target_title, \
                source_path, target_path, source_sentences, target_sentences, links, confirmed, rejected, doubtful, \
                state, assignee} (doubtful: unreviewed links below 0.5 confidence; state: open, finished or closed; \
                assignee: null when nobody; the camelCase \
                names of earlier releases are there too, for one release).
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair id (see `padan pairs list`).") var pair: Int64?
        @Option(help: "Only links with this status (auto, confirmed, rejected, edited).") var status: LinkStatus?
        @Option(help: "Only links whose score is below this value.") var below: Double?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.openForReading()
            guard let pair else {
                let pairs = try opened.pairs()
                if json { return try Output.json(pairs.map(PairJSON.init)) }
                for summary in pairs {
                    let title = summary.targetTitle ?? summary.targetPath ?? ""
                    print(
                        "\(summary.id)\t\(summary.sourceLanguage)-\(summary.targetLanguage)\t\(summary.links) links\t\(summary.confirmed) confirmed\t\(title)"
                    )
                }
                return
            }
            // Streamed link by link: memory stays flat whatever the size of the pair.
            let encoder = Output.jsonEncoder
            var first = true
            // Read first, so an unknown pair fails (`StoreError.unknownPair`) before anything is printed.
            let moved = try opened.movedLinks(pair: pair)
            if json { print("[", terminator: "") }
            try opened.forEachLink(pair: pair) { link in
                if let status, link.status != status { return }
                if let below, link.score >= below { return }
                if json {
                    print(first ? "" : ",", terminator: "")
                    print(
                        String(decoding: try encoder.encode(LinkJSON(link, moved: moved.contains(link.id))), as: UTF8.self),
                        terminator: "")
                    first = false
                    return
                }
                var columns = [
                    String(link.id), link.status.rawValue, Output.score(link.score),
                    link.source.map(String.init).joined(separator: ","), link.target.map(String.init).joined(separator: ","),
                    TSVWriter.field(link.sourceText), TSVWriter.field(link.targetText),
                ]
                if moved.contains(link.id) { columns.append("moved") }
                print(columns.joined(separator: "\t"))
            }
            if json { print("]") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one link with both texts.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The link id.") var link: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.openForReading()
            let view = try opened.link(link)
            let (source, target) = try opened.sentences(pair: view.pairID)
            if json {
                var shown = LinkJSON(view, moved: try opened.movedLinks(pair: view.pairID).contains(view.id))
                shown.source_sentence_ids = view.source.map { source[$0].id ?? 0 }
                shown.target_sentence_ids = view.target.map { target[$0].id ?? 0 }
                return try Output.json(shown)
            }
            print(
                "link \(view.id)  pair \(view.pairID)  \(view.kind)  \(view.status.rawValue)  score \(Output.score(view.score))  version \(view.version)"
            )
            for ordinal in view.source {
                print("source \(ordinal)  sentence \(source[ordinal].id ?? 0)  \(source[ordinal].text)")
            }
            for ordinal in view.target {
                print("target \(ordinal)  sentence \(target[ordinal].id ?? 0)  \(target[ordinal].text)")
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark links as confirmed (one undoable edit).")
        @OptionGroup var store: StoreOptions
        @Argument(help: Pairs.linkIDsHelp) var links: [String]
        @OptionGroup var expect: ExpectOptions
        @Option(help: "Why: kept in the history and exported as the links' note (TMX/XLIFF <note>).") var comment: String?

        func validate() throws { try Pairs.requireLinks(links) }
        func run() throws { try Pairs.setStatus(.confirmed, try Pairs.linkIDs(links), store, expect, comment: comment) }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark links as rejected (one undoable edit).")
        @OptionGroup var store: StoreOptions
        @Argument(help: Pairs.linkIDsHelp) var links: [String]
        @OptionGroup var expect: ExpectOptions
        @Option(help: "Why: kept in the history and exported as the links' note (TMX/XLIFF <note>).") var comment: String?

        func validate() throws { try Pairs.requireLinks(links) }
        func run() throws { try Pairs.setStatus(.rejected, try Pairs.linkIDs(links), store, expect, comment: comment) }
    }

    static func requireLinks(_ links: [String]) throws {
        if links.isEmpty { throw ValidationError("give at least one link id") }
        for link in links where link != "-" && Int64(link) == nil { throw ValidationError("not a link id: \(link)") }
    }

    static let linkIDsHelp = ArgumentHelp(
        "Link ids; - reads them from standard input (one per line or space-separated), for many thousands at once.")

    /// The ids given, `-` read from standard input (`standardInputIDs`).
    static func linkIDs(_ arguments: [String]) throws -> [Int64] {
        var ids: [Int64] = []
        for argument in arguments {
            guard argument == "-" else {
                ids.append(Int64(argument) ?? 0)
                continue
            }
            ids += try standardInputIDs("link")
        }
        return ids
    }

    static func setStatus(
        _ status: LinkStatus, _ links: [Int64], _ store: StoreOptions, _ expect: ExpectOptions, comment: String?
    ) throws {
        for summary in try store.open().setStatus(
            status, links: links, expectedVersions: try expect.versions(), comment: comment)
        {
            print(summary.summary)
        }
    }
}

extension LinkStatus: ExpressibleByArgument {}

/// The JSON shape of a stored pair in `pairs list --json`: snake_case like the link JSON. The
/// camelCase names of the first release are kept beside them for one release, for scripts that
/// read them.
struct PairJSON: Encodable {
    var summary: PairSummary

    init(_ summary: PairSummary) { self.summary = summary }

    enum Key: String, CodingKey {
        case id, links, confirmed, rejected, doubtful, state, assignee
        case source_language, target_language, source_title, target_title, source_path, target_path
        case source_sentences, target_sentences
        case sourceLanguage, targetLanguage, sourceTitle, targetTitle, sourcePath, targetPath
        case sourceSentences, targetSentences
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(summary.id, forKey: .id)
        try container.encode(summary.links, forKey: .links)
        try container.encode(summary.confirmed, forKey: .confirmed)
        try container.encode(summary.rejected, forKey: .rejected)
        try container.encode(summary.doubtful, forKey: .doubtful)
        try container.encode(summary.state.rawValue, forKey: .state)
        try container.encode(summary.assignee, forKey: .assignee)
        for (key, alias, value) in [
            (Key.source_language, Key.sourceLanguage, summary.sourceLanguage),
            (.target_language, .targetLanguage, summary.targetLanguage),
        ] {
            try container.encode(value, forKey: key)
            try container.encode(value, forKey: alias)
        }
        for (key, alias, value) in [
            (Key.source_title, Key.sourceTitle, summary.sourceTitle), (.target_title, .targetTitle, summary.targetTitle),
            (.source_path, .sourcePath, summary.sourcePath), (.target_path, .targetPath, summary.targetPath),
        ] {
            try container.encodeIfPresent(value, forKey: key)
            try container.encodeIfPresent(value, forKey: alias)
        }
        for (key, alias, value) in [
            (Key.source_sentences, Key.sourceSentences, summary.sourceSentences),
            (.target_sentences, .targetSentences, summary.targetSentences),
        ] {
            try container.encode(value, forKey: key)
            try container.encode(value, forKey: alias)
        }
    }
}

extension Pairs {
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign a pair to a user (a supervisor's or admin's action).",
            discussion: "An editor may edit only the open pairs assigned to them, or to nobody (--nobody).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair id.") var pair: Int64
        @Option(help: "The user it is assigned to (see `padan users list`).") var to: String?
        @Flag(help: "Assign it to nobody: any editor may edit it.") var nobody = false

        func validate() throws {
            if (to == nil) == !nobody { throw ValidationError("give --to NAME or --nobody") }
        }

        func run() throws {
            try store.open().assign(pair: pair, to: nobody ? nil : to)
            print(nobody ? "pair \(pair) is assigned to nobody" : "pair \(pair) is assigned to \(to ?? "")")
        }
    }

    struct State: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a pair's state: open, finished or closed.",
            discussion: """
                A supervisor finishes a pair or reopens a finished one; only an admin closes a pair or reopens a \
                closed one. A closed pair takes no edit; a finished one takes only a supervisor's or admin's.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair id.") var pair: Int64
        @Argument(help: "open, finished or closed.") var state: PairState

        func run() throws {
            try store.open().setState(pair: pair, state)
            print("pair \(pair) is \(state.rawValue)")
        }
    }
}

extension PairState: ExpressibleByArgument {}
extension StoreRole: ExpressibleByArgument {}
