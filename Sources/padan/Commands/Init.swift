import ArgumentParser
import PadanStore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new, empty alignment store.",
        discussion: """
            Creates ./padan.db (or --db PATH / $PADAN_DB), or the schema in an empty PostgreSQL database \
            (--db postgresql://…). An existing store is never overwritten; a database holding other tables \
            is refused, changing nothing.
            """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        let created = try AlignmentStore.create(store.location, user: store.user)
        print("created store \(created.path) (admin: \(created.user))")
    }
}
