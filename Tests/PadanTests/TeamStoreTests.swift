import Foundation
import PadanCore
import Testing

@testable import PadanStore

/// Users, roles, assignment and states, through the CLI, on both backends.
@Suite("Team store: users, roles, assignment, states")
struct TeamStoreTests {
    /// What a refused command must leave as it was: the store's digest (pairs' states and
    /// assignees, users and roles included), and what the reading commands print.
    func state(_ db: String) throws -> String {
        try ["store digest", "pairs list --json", "pairs list 1 --json", "history 1 --json", "users list --json"].map {
            try TestSupport.padan($0.split(separator: " ").map(String.init) + ["--db", db]).stdout
        }.joined(separator: "\n")
    }

    func expectRefused(
        _ arguments: [String], _ db: String, saying text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try state(db)
        let run = try TestSupport.padan(arguments + ["--db", db])
        #expect(run.status == 1, "\(arguments)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(text), "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(try state(db) == before, "\(arguments) changed the store", sourceLocation: sourceLocation)
    }

    @Test(
        "init's user is the first admin; users list shows every role; a name that is not a user cannot edit",
        arguments: Backend.allCases)
    func users(backend: Backend) throws {
        let db = try TestSupport.teamStore(backend)
        let users =
            try JSONSerialization.jsonObject(
                with: Data(try TestSupport.padan(["users", "list", "--json", "--db", db]).stdout.utf8)) as? [[String: Any]]
        #expect(
            users?.map { "\($0["name"] ?? "") \($0["role"] ?? "")" } == [
                "ana admin", "budi editor", "cita editor", "sari supervisor",
            ])
        try expectRefused(["pairs", "confirm", "2", "--user", "dodi"], db, saying: "`padan users add dodi")
        try expectRefused(["users", "add", "eko", "--role", "admin", "--user", "budi"], db, saying: "only an admin")
        #expect(try TestSupport.padan(["pairs", "confirm", "2", "--user", "budi", "--db", db]).status == 0)
        let history =
            try JSONSerialization.jsonObject(
                with: Data(try TestSupport.padan(["history", "1", "--json", "--db", db]).stdout.utf8)) as? [[String: Any]]
        #expect(history?.last?["author"] as? String == "budi")
        #expect(history?.allSatisfy { $0["at"] is String } == true)
    }

    @Test(
        "An editor edits only pairs assigned to them or to nobody, never a finished one; closing takes an admin",
        arguments: Backend.allCases)
    func rolesAndStates(backend: Backend) throws {
        let db = try TestSupport.teamStore(backend)
        try expectRefused(["pairs", "assign", "1", "--to", "cita", "--user", "budi"], db, saying: "only a supervisor")
        #expect(try TestSupport.padan(["pairs", "assign", "1", "--to", "cita", "--user", "sari", "--db", db]).status == 0)
        try expectRefused(["pairs", "confirm", "2", "--user", "budi"], db, saying: "assigned to cita")
        try expectRefused(["pairs", "merge", "2", "3", "--user", "budi"], db, saying: "assigned to cita")
        #expect(try TestSupport.padan(["pairs", "confirm", "2", "--user", "cita", "--db", db]).status == 0)
        // budi cannot undo cita's edit either: it would be an edit of cita's pair.
        try expectRefused(["undo", "1", "--anyone", "--user", "budi"], db, saying: "assigned to cita")

        try expectRefused(["pairs", "state", "1", "finished", "--user", "cita"], db, saying: "only a supervisor")
        #expect(try TestSupport.padan(["pairs", "state", "1", "finished", "--user", "sari", "--db", db]).status == 0)
        try expectRefused(["pairs", "confirm", "3", "--user", "cita"], db, saying: "pair 1 is finished")
        #expect(try TestSupport.padan(["pairs", "confirm", "3", "--user", "sari", "--db", db]).status == 0)

        try expectRefused(["pairs", "state", "1", "closed", "--user", "budi"], db, saying: "only an admin")
        try expectRefused(["pairs", "state", "1", "closed", "--user", "sari"], db, saying: "only an admin")
        #expect(try TestSupport.padan(["pairs", "state", "1", "closed", "--user", "ana", "--db", db]).status == 0)
        try expectRefused(["pairs", "confirm", "4", "--user", "ana"], db, saying: "pair 1 is closed")
        try expectRefused(["pairs", "state", "1", "open", "--user", "sari"], db, saying: "only an admin")
        #expect(try TestSupport.padan(["pairs", "state", "1", "open", "--user", "ana", "--db", db]).status == 0)
        let pairs =
            try JSONSerialization.jsonObject(
                with: Data(try TestSupport.padan(["pairs", "list", "--json", "--db", db]).stdout.utf8)) as? [[String: Any]]
        #expect(pairs?.first?["state"] as? String == "open" && pairs?.first?["assignee"] as? String == "cita")
    }

    @Test("A sentence edit of a document two pairs share needs the right to edit both", arguments: Backend.allCases)
    func sharedDocumentNeedsBoth(backend: Backend) throws {
        let db = try TestSupport.teamStore(backend)
        let other = try TestSupport.temporaryDirectory() + "/tempo-2.id.txt"
        try TestSupport.read(TestSupport.seedTarget).replacingOccurrences(of: "Kremlin", with: "Istana Kremlin")
            .write(toFile: other, atomically: true, encoding: .utf8)
        #expect(try TestSupport.padan(["add", TestSupport.seedSource, other, "--user", "ana", "--db", db]).status == 0)
        #expect(try TestSupport.padan(["pairs", "assign", "2", "--to", "cita", "--user", "ana", "--db", db]).status == 0)
        // Sentence 2 is in the shared English original: the split would change pair 2, cita's.
        try expectRefused(["sentences", "split", "2", "--at", "20", "--user", "budi"], db, saying: "pair 2 is assigned to cita")
    }
}

@Suite("Undo is per user")
struct PerUserUndoTests {
    /// Runs padan with space-separated `arguments` on store `db`.
    static func padan(_ arguments: String, _ db: String) throws -> TestSupport.Run {
        try TestSupport.padan(arguments.split(separator: " ").map(String.init) + ["--db", db])
    }

    @Test(
        "undo takes back your own last edit, past another reviewer's edit of other links; --anyone takes the last of all",
        arguments: Backend.allCases)
    func ownEditsFirst(backend: Backend) throws {
        let db = try TestSupport.teamStore(backend)
        let run = { (arguments: String) in try Self.padan(arguments, db) }
        #expect(try run("pairs confirm 2 --user budi").status == 0)
        #expect(try run("pairs reject 9 --user cita").status == 0)
        let undo = try run("undo 1 --user budi")
        #expect(undo.status == 0 && undo.stdout.contains("confirmed link 2"), "\(undo.stderr)")
        let store = try TestSupport.open(db, access: .read)
        #expect(try store.link(2).status == .auto && store.link(9).status == .rejected)
        #expect(try run("undo 1 --user budi").stderr.contains("nothing to undo"))
        // redo brings budi's back; --anyone takes the newest edit of all (by id): cita's reject, even for budi.
        #expect(try run("redo 1 --user budi").status == 0)
        let anyone = try run("undo 1 --anyone --user budi")
        #expect(anyone.status == 0 && anyone.stdout.contains("rejected link 9"), "\(anyone.stderr)")
    }

    @Test(
        "Undoing an edit that another reviewer's later edit depends on is refused, naming that edit and its author",
        arguments: Backend.allCases)
    func dependentEditOfAnother(backend: Backend) throws {
        let db = try TestSupport.teamStore(backend)
        let run = { (arguments: String) in try Self.padan(arguments, db) }
        #expect(try run("pairs merge 4 5 --user budi").status == 0)
        #expect(try run("pairs confirm 4 --user cita").status == 0)
        let refused = try run("undo 1 --user budi")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("later edit 2 by cita"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try TestSupport.open(db, access: .read).link(4).status == .confirmed)
        #expect(try run("undo 1 --user cita").status == 0)
        #expect(try run("undo 1 --user budi").status == 0)
        // cita's confirm was made on budi's merged link: it cannot come back before the merge does.
        let redo = try run("redo 1 --user cita")
        #expect(redo.status == 1 && redo.stderr.contains("older edit 1 by budi"), "\(redo.stderr)")
        #expect(try run("redo 1 --user budi").status == 0)
        #expect(try run("redo 1 --user cita").status == 0)
        #expect(try TestSupport.open(db, access: .read).link(4).status == .confirmed)
    }
}

@Suite("Live review: other reviewers' edits appear on an open screen")
struct LiveReviewTests {
    @Test(
        "A confirmation made by another process appears on the open review screen within a second, without a key press",
        arguments: Backend.allCases)
    func otherReviewersEditAppears(backend: Backend) throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair(backend)
        let tmux = try TmuxScreen(["review", "1", "--db", db])
        try tmux.waitFor("link 1 (1/14)")
        // An unrelated write elsewhere in the store (SQLite cannot tell which pair) changes nothing on screen.
        #expect(try TestSupport.padan(["glossary", "add", "juru bicara", "spokesman", "--db", db]).status == 0)
        let confirm = try TestSupport.padan(["pairs", "confirm", "2", "3", "--db", db])
        #expect(confirm.status == 0, "\(confirm.stderr)")
        let screen = try tmux.waitFor("another reviewer's edit", within: 1) {
            $0.contains("updated: another reviewer changed this pair") && $0.contains("2 confirmed")
        }
        #expect(screen.contains("link 1 (1/14)"))  // the cursor stayed where it was
        // And the screen's own edits go on, on the links as they are now.
        try tmux.press("j")
        try tmux.waitFor("link 2 (2/14)")
        try tmux.press("x")
        try tmux.waitFor("rejected link 2")
        try tmux.press("q")
        try tmux.waitFor("ended:0")
        #expect(try TestSupport.open(db, access: .read).link(2).status == .rejected)
    }
}
