import ArgumentParser
import PadanStore

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Undo the last edit (of PAIR, or of any pair); repeat to go further back.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The pair id.") var pair: Int64?

    func run() throws { print(try store.open().undo(pair: pair).summary) }
}

struct Redo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Redo the last undone edit (of PAIR, or of any pair).")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The pair id.") var pair: Int64?

    func run() throws { print(try store.open().redo(pair: pair).summary) }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the edits of a pair with their time, oldest first.",
        discussion: "Plain output: edit id, time, kind, summary (tab-separated); undone edits are marked.")
    @OptionGroup var store: StoreOptions
    @Argument(help: "The pair id.") var pair: Int64
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let edits = try store.open().history(pair: pair)
        if json {
            struct Item: Encodable {
                var id: Int64; var kind: String; var summary: String; var created_at: String; var undone: Bool
            }
            return try Output.json(
                edits.map {
                    Item(id: $0.id ?? 0, kind: $0.kind, summary: $0.summary, created_at: $0.createdAt, undone: $0.undoneAt != nil)
                })
        }
        for edit in edits {
            print("\(edit.id ?? 0)\t\(edit.createdAt)\t\(edit.kind)\t\(edit.summary)\(edit.undoneAt == nil ? "" : "\t(undone)")")
        }
    }
}
