import Foundation
import GRDB
import PadanStore
import Testing

@testable import PadanStore

@Suite("Only Padan stores are opened, and reading never writes")
struct StoreIdentityTests {
    typealias T = TestSupport

    /// Another application's SQLite database, as `sqlite3 app.db "CREATE TABLE users(…)"` makes it.
    func foreignDatabase() throws -> String {
        let path = try T.temporaryDirectory() + "/app.db"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE users(id INTEGER PRIMARY KEY)") }
        return path
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test(
        "Another application's SQLite file is refused by every command, byte for byte unchanged",
        arguments: [
            ["pairs", "list"], ["add", T.seedSource, T.seedTarget], ["glossary", "add", "dialog", "dialogue"],
            ["glossary", "list"], ["init"], ["history", "1"], ["export", "--all", "--format", "tsv", "-o", "-"],
        ])
    func foreignFileRefused(arguments: [String]) throws {
        let path = try foreignDatabase()
        let before = try bytes(path)
        let run = try T.padan(arguments + ["--db", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("another application's SQLite database"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("A new store carries Padan's application id and schema version")
    func marked() throws {
        let store = try AlignmentStore.create(at: try T.temporaryDirectory() + "/new.db")
        let pragmas = try store.pragmas()
        #expect(pragmas.applicationID == StoreIdentity.applicationID)
        #expect(pragmas.schemaVersion == Schema.version)
    }

    @Test("A store of a newer schema is refused with 'made by a newer padan', unchanged")
    func newerSchema() throws {
        let (db, _) = try T.cliStoreWithSeedPair()
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in try db.execute(sql: "PRAGMA user_version = \(Schema.version + 1)") }
        try queue.close()
        let before = try bytes(db)
        let run = try T.padan(["pairs", "list", "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("made by a newer padan"))
        #expect(try bytes(db) == before)
    }

    @Test("init: a missing folder is named, an empty file becomes a store, a store is never overwritten")
    func initCases() throws {
        let directory = try T.temporaryDirectory()
        let missing = try T.padan(["init", "--db", directory + "/no/such/folder/padan.db"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"))
        #expect(!missing.stderr.contains("read-only"))
        let empty = directory + "/empty.db"
        FileManager.default.createFile(atPath: empty, contents: Data())
        let list = try T.padan(["pairs", "list", "--db", empty])
        #expect(list.status == 1)
        #expect(list.stderr.contains("padan init"))
        #expect(try bytes(empty).isEmpty)
        #expect(try T.padan(["init", "--db", empty]).status == 0)
        #expect(try T.padan(["pairs", "list", "--db", empty]).status == 0)
        let again = try T.padan(["init", "--db", empty])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
    }

    @Test("A store made before stores were marked (schema 1) is upgraded once and keeps its content and history")
    func legacyStoreUpgrades() throws {
        let path = try T.temporaryDirectory() + "/v1.db"
        do {
            let pool = try DatabasePool(path: path)
            try Schema.migrator.migrate(pool, upTo: Schema.firstMigration)
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO document (id, language, profile, raw_text, cleaned_text, content_hash, created_at)
                          VALUES (1, 'en', 'none', 'A.', 'A.', 'h1', 'now'), (2, 'id', 'none', 'B.', 'B.', 'h2', 'now');
                        INSERT INTO sentence VALUES (1, 1, 0, 0, 0, 2, 'A.'), (2, 2, 0, 0, 0, 2, 'B.');
                        INSERT INTO document_pair VALUES (1, 1, 2, 'now');
                        INSERT INTO link VALUES (1, 1, 0, 1, 0, 1, 0.5, 'auto', 'now', 1);
                        INSERT INTO edit VALUES (1, 1, 'confirmed', 'confirmed link 1', 'now', '{"linksBefore":[],"linksAfter":[],"sentencesBefore":[],"sentencesAfter":[]}', NULL);
                        """)
            }
        }
        #expect(try StoreIdentity.read(at: path).identity == .olderPadan)
        let store = try AlignmentStore.open(at: path, access: .read)
        #expect(try store.pragmas().schemaVersion == Schema.version)
        #expect(try store.history(pair: 1).map(\.summary) == ["confirmed link 1"])
        #expect(try store.links(pair: 1).map(\.sourceText) == ["A."])
    }

    @Test("Reading while another process holds a write transaction neither waits nor fails, and writes nothing")
    func readDuringWrite() throws {
        let (db, _) = try T.cliStoreWithSeedPair()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            """
            import sqlite3,sys,time
            c=sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN IMMEDIATE'); c.execute("UPDATE link SET status='confirmed' WHERE id=1")
            print('holding', flush=True); sys.stdin.read(); c.execute('ROLLBACK')
            """,
            db,
        ]
        let ready = Pipe()
        let release = Pipe()
        holder.standardOutput = ready
        holder.standardInput = release
        try holder.run()
        _ = ready.fileHandleForReading.availableData
        let before = try bytes(db)
        // With no wait allowed at all, a read that needed the writer's lock would fail at once.
        let list = try T.padan(["pairs", "list", "1", "--db", db], environment: ["PADAN_BUSY_TIMEOUT": "0"])
        let history = try T.padan(["history", "1", "--json", "--db", db], environment: ["PADAN_BUSY_TIMEOUT": "0"])
        try release.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(list.status == 0, "\(list.stderr)")
        #expect(history.status == 0, "\(history.stderr)")
        #expect(list.stdout.split(separator: "\n").count == 14)
        #expect(try bytes(db) == before)
    }

    @Test("PADAN_BUSY_TIMEOUT out of range or not a number is bounded, never a crash", arguments: ["1e300", "-5", "nan", "soon"])
    func busyTimeout(value: String) throws {
        let (db, _) = try T.cliStoreWithSeedPair()
        let run = try T.padan(["pairs", "list", "--db", db], environment: ["PADAN_BUSY_TIMEOUT": value])
        #expect(run.status == 0, "\(run.stderr)")
    }
}
