import ArgumentParser
import PadanStore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new, empty alignment store.",
        discussion: "Creates ./padan.db (or --db PATH / $PADAN_DB). An existing store is never overwritten.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let created = try AlignmentStore.create(at: store.path)
        print("created store \(created.path)")
    }
}
