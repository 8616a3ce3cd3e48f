import Foundation
import PadanCore
import Testing

@testable import PadanStore

@Suite("store copy and store digest, between both backends")
struct StoreCopyTests {
    func run(_ arguments: [String]) throws -> TestSupport.Run { try TestSupport.padan(arguments) }

    /// What every reading command prints of a store.
    func views(_ db: String) throws -> [String] {
        try [
            ["pairs", "list", "--json"], ["pairs", "list", "1", "--json"], ["history", "1", "--json"], ["glossary", "list"],
            ["users", "list", "--json"], ["store", "digest"],
        ].map { try run($0 + ["--db", db]).stdout }
    }

    @Test(
        "SQLite → PostgreSQL → SQLite: the same digest and the same output of every reading command; edits go on with the same ids"
    )
    func roundTrip() throws {
        let (db, directory) = try TestSupport.cliStoreWithSeedPair()
        for arguments in [
            ["pairs", "confirm", "2", "3"], ["pairs", "merge", "4", "5"], ["glossary", "add", "juru bicara", "spokesman"],
            ["undo", "1"],
        ] {
            #expect(try run(arguments + ["--db", db]).status == 0, "\(arguments)")
        }
        let postgres = try ScratchPostgres().uri
        let back = directory + "/back.db"
        #expect(try run(["store", "copy", db, postgres]).status == 0)
        #expect(try run(["store", "copy", postgres, back]).status == 0)
        let original = try views(db)
        #expect(try views(postgres) == original)
        #expect(try views(back) == original)
        // The copies take new rows after the copied ones, as the original would.
        let me = EditAuthor.current
        for copy in [db, postgres, back] {
            let split = try run(["pairs", "split", "8", "--source-at", "9", "--target-at", "7", "--user", me, "--db", copy])
            #expect(split.status == 0, "\(split.stderr)")
        }
        // (History and digest hold the new edit's time, which differs by a few milliseconds.)
        let links = { (copy: String) in try self.run(["pairs", "list", "1", "--json", "--db", copy]).stdout }
        #expect(try links(postgres) == links(db))
        #expect(try links(back) == links(db))
    }

    @Test("A copy onto an existing store or a foreign database is refused and changes neither; a failed copy leaves no file")
    func refusals() throws {
        let (db, directory) = try TestSupport.cliStoreWithSeedPair()
        let (other, _) = try TestSupport.cliStoreWithSeedPair()
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        let onto = try run(["store", "copy", db, other])
        #expect(onto.status == 1 && onto.stderr.contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
        let nowhere = directory + "/no/such/folder/copy.db"
        #expect(try run(["store", "copy", db, nowhere]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: nowhere))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).allSatisfy { !$0.contains("padan-copy") })

        let foreign = try ScratchPostgres().uri
        let connection = try PostgresConnection(uri: foreign)
        try connection.query("CREATE TABLE invoices (id INTEGER)")
        let refused = try run(["store", "copy", db, foreign])
        #expect(refused.status == 1 && refused.stderr.contains("another application's PostgreSQL database"))
        #expect(
            try connection.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").rows == [
                [.text("invoices")]
            ])
    }

    @Test(
        "The digest names rows by content: the same pairs imported in another order digest alike; one status apart, not; undone, alike again",
        arguments: Backend.allCases)
    func digestIsContent(backend: Backend) throws {
        let directory = try TestSupport.temporaryDirectory()
        let other = directory + "/tempo-2.id.txt"
        try TestSupport.read(TestSupport.seedTarget).replacingOccurrences(of: "Kremlin", with: "Istana Kremlin")
            .write(toFile: other, atomically: true, encoding: .utf8)
        var digests: [String] = []
        for targets in [[TestSupport.seedTarget, other], [other, TestSupport.seedTarget]] {
            let db = try TestSupport.emptyDatabase(backend)
            #expect(try run(["init", "--user", "ana", "--db", db]).status == 0)
            for target in targets {
                #expect(try run(["add", TestSupport.seedSource, target, "--user", "ana", "--db", db]).status == 0)
            }
            digests.append(try run(["store", "digest", "--db", db]).stdout)
            if digests.count == 2 {
                #expect(try run(["pairs", "confirm", "1", "--user", "ana", "--db", db]).status == 0)
                #expect(try run(["store", "digest", "--db", db]).stdout != digests[1])
                // Undone, the edit is no longer part of the state: the digest before it comes back.
                #expect(try run(["undo", "1", "--user", "ana", "--db", db]).status == 0)
                #expect(try run(["store", "digest", "--db", db]).stdout == digests[1])
            }
        }
        #expect(digests[0] == digests[1])
        #expect(digests[0].trimmingCharacters(in: .whitespacesAndNewlines).count == 64)
    }
}
