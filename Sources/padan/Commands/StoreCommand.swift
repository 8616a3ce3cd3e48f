import ArgumentParser
import PadanStore

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Copy a whole store between SQLite files and PostgreSQL databases; digest its content.",
        subcommands: [Copy.self, Digest.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole store (FROM and TO: a file path or a postgresql:// URI, either way round).",
            discussion: """
                Copies documents, sentences, pairs, links, history, glossary, lexicon, users, bookmarks, reading \
                positions and import jobs with their ids, in one transaction. TO must not hold a store: a new file, \
                or an empty PostgreSQL database (`createdb`); a failed copy leaves nothing there. \
                `padan store digest` prints the same hash for both.
                """)
        @Argument(help: "The store to copy.") var from: String
        @Argument(help: "Where the copy goes.") var to: String

        func run() throws {
            let source = try AlignmentStore.open(StoreLocation(from), access: .read)
            let rows = try source.copy(to: StoreLocation(to))
            print("copied \(rows) rows from \(source.path) to \(StoreLocation(to))")
        }
    }

    struct Digest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one content hash of the store, equal for a store and its copies.",
            discussion: """
                SHA-256 over documents, sentences, pairs, links, history, glossary, lexicon, users and bookmarks, \
                named by content rather than by row ids (two imports of the same files in any order digest alike); \
                the times rows were written are left out, the times of edits are not; undone edits are not part of \
                it (undoing every edit gives the digest before them back).
                """)
        @OptionGroup var store: StoreOptions

        func run() throws { print(try store.openForReading().digest()) }
    }
}
