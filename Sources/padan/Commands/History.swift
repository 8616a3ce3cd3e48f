import ArgumentParser
import PadanStore

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Undo your last edit (of PAIR, or of any pair); repeat to go further back.",
        discussion: """
            Each user undoes their own edits (--user, $PADAN_USER, else the PostgreSQL role or login name); \
            --anyone undoes the last edit by anyone. An edit that changed several pairs (a sentence edit of a \
            document two pairs share) is undone in all of them at once. When a later edit depends on it (it \
            changed the same links or sentences, or either renumbered sentences), the undo is refused and names \
            that edit and its author. --glossary undoes your last edit of the glossary instead (a term added, \
            edited, approved, rejected, deprecated, removed, imported or proposed), refused in the same way when a \
            later glossary edit changed the same terms.
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The pair id.") var pair: Int64?
    @OptionGroup var expect: ExpectOptions
    @Flag(help: "Undo the last edit by anyone, not only your own.") var anyone = false
    @Flag(help: "Undo the last edit of the glossary, not of a pair.") var glossary = false

    func validate() throws {
        if glossary && pair != nil { throw ValidationError("--glossary undoes a glossary edit; give no pair") }
    }

    func run() throws {
        let opened = try store.open()
        if glossary { return print(try opened.undoGlossary(anyone: anyone).summary) }
        print(try opened.undo(pair: pair, expecting: try expect.versions(), anyone: anyone).summary)
    }
}

struct Redo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Redo your last undone edit (of PAIR, or of any pair); --anyone: anybody's.",
        discussion:
            "Refused when an edit made since changed the same links or sentences. --glossary redoes your last undone glossary edit."
    )
    @OptionGroup var store: StoreOptions
    @Argument(help: "The pair id.") var pair: Int64?
    @OptionGroup var expect: ExpectOptions
    @Flag(help: "Redo the last undone edit by anyone, not only your own.") var anyone = false
    @Flag(help: "Redo the last undone edit of the glossary, not of a pair.") var glossary = false

    func validate() throws {
        if glossary && pair != nil { throw ValidationError("--glossary redoes a glossary edit; give no pair") }
    }

    func run() throws {
        let opened = try store.open()
        if glossary { return print(try opened.redoGlossary(anyone: anyone).summary) }
        print(try opened.redo(pair: pair, expecting: try expect.versions(), anyone: anyone).summary)
    }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the edits of a pair with their time, oldest first.",
        discussion: """
            Plain output: edit id, time, kind, summary, author (tab-separated); undone edits are marked. --json \
            prints an array of {id, kind, summary, author, at, created_at, undone, pairs, comment}; `pairs` lists every \
            pair the edit changed (`created_at` is the old name of `at`).
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The pair id.") var pair: Int64
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let opened = try store.openForReading()
        let edits = try opened.history(pair: pair)
        if json {
            struct Item: Encodable {
                var id: Int64
                var kind: String
                var summary: String
                var author: String
                var at: String
                var created_at: String
                var undone: Bool
                var pairs: [Int64]
                var comment: String
            }
            return try Output.json(
                try edits.map {
                    Item(
                        id: $0.id ?? 0, kind: $0.kind, summary: $0.summary, author: $0.author, at: $0.createdAt,
                        created_at: $0.createdAt, undone: $0.undoneAt != nil, pairs: try opened.pairs(ofEdit: $0.id ?? 0),
                        comment: $0.comment)
                })
        }
        for edit in edits {
            let undone = edit.undoneAt == nil ? "" : "\t(undone)"
            let comment = edit.comment.isEmpty ? "" : "\t“\(edit.comment)”"
            print("\(edit.id ?? 0)\t\(edit.createdAt)\t\(edit.kind)\t\(edit.summary)\t\(edit.author)\(comment)\(undone)")
        }
    }
}
