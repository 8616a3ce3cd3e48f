import ArgumentParser
import PadanCore
import PadanStore

struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The users of the store and their roles (editor, supervisor, admin).",
        discussion: """
            Every edit records its author (--user or $PADAN_USER, else the PostgreSQL role or the login name), who \
            must be a user of the store. The one who ran `padan init` is its first admin.
            """,
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user, or change a user's role (an admin's action).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The user's name (as they give it to --user or $PADAN_USER).") var name: String
        @Option(help: "editor, supervisor or admin.") var role: StoreRole = .editor

        func run() throws {
            let added = try store.open().addUser(name, role: role)
            print(added ? "added \(name) as \(role.rawValue)" : "\(name) is now \(role.rawValue)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the users: name, role, since (tab-separated); --json prints [{name, role, created_at}].")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let users = try store.openForReading().users()
            if json { return try Output.json(users) }
            for user in users { print("\(user.name)\t\(user.role.rawValue)\t\(user.createdAt)") }
        }
    }
}
