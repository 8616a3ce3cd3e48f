import Foundation
import GRDB
import Synchronization
import Testing

@testable import PadanStore

@Suite("PostgreSQL connection (libpq, a real server)")
struct PostgresConnectionTests {
    @Test("Bound values round-trip: integers, reals, Unicode text, NULL, bytes; a quote in a value is only a value")
    func roundTrip() throws {
        let database = try ScratchPostgres()
        let connection = try PostgresConnection(uri: database.uri)
        try connection.query("CREATE TABLE t (i BIGINT, r DOUBLE PRECISION, s TEXT, b BYTEA)")
        let text = "Presiden Rusia “Putin” — 東京 'x'; DROP TABLE t; -- ?"
        let inserted = try connection.query(
            "INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
            [.integer(Int64.max), .real(0.25), .text(text), .blob([0, 1, 254, 255]), .null, .null, .null, .null])
        #expect(inserted.changes == 2)
        let rows = try connection.query("SELECT i, r, s, b FROM t ORDER BY i NULLS LAST").rows
        #expect(
            rows == [[.integer(Int64.max), .real(0.25), .text(text), .blob([0, 1, 254, 255])], [.null, .null, .null, .null]])
    }

    @Test(
        "? becomes $N outside literals, quoted names and comments",
        arguments: [
            ("SELECT ?, ?", "SELECT $1, $2"),
            ("SELECT '?', ? -- why?\nFROM \"a?\" WHERE x = ?", "SELECT '?', $1 -- why?\nFROM \"a?\" WHERE x = $2"),
            ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"),
        ])
    func placeholders(sql: String, numbered: String) {
        #expect(PostgresConnection.numberingPlaceholders(sql) == numbered)
    }

    @Test("A refused statement throws the server's SQLSTATE and message; a unique violation is known as one")
    func errors() throws {
        let database = try ScratchPostgres()
        let connection = try PostgresConnection(uri: database.uri)
        try connection.query("CREATE TABLE u (k TEXT PRIMARY KEY)")
        try connection.query("INSERT INTO u VALUES (?)", [.text("a")])
        #expect {
            try connection.query("INSERT INTO u VALUES (?)", [.text("a")])
        } throws: { error in
            (error as? PostgresError)?.isUniqueViolation == true
                && "\(error)".contains("duplicate key") && !"\(error)".contains("\n")
        }
        #expect(throws: PostgresError.self) { try connection.query("SELEKT 1") }
    }

    @Test("A server that is not there, or a database that does not exist, is one line naming it (no password shown)")
    func cannotConnect() throws {
        let server = try #require(ProcessInfo.processInfo.environment["PADAN_TEST_POSTGRES"], "\(ScratchPostgresMissing())")
        let missing = server.replacingOccurrences(of: "/postgres?", with: "/no_such_database?")
        #expect {
            _ = try PostgresConnection(uri: missing)
        } throws: { error in
            "\(error)".contains("no_such_database") && "\(error)".hasPrefix("cannot connect to postgresql://")
                && !"\(error)".contains("\n")
        }
        let withPassword = "postgresql://ana:secret@/padan?host=/nonexistent-socket-folder"
        #expect {
            _ = try PostgresConnection(uri: withPassword)
        } throws: { error in
            "\(error)".contains("ana:***@") && !"\(error)".contains("secret")
        }
    }

    @Test(
        "--db forms: a libpq URI is PostgreSQL, anything else a file; passwords never show",
        arguments: [
            (
                "postgresql://ana@/padan?host=/tmp/s", StoreLocation.postgres("postgresql://ana@/padan?host=/tmp/s"),
                "postgresql://ana@/padan?host=/tmp/s"
            ),
            (
                "postgres://ana:pw@db.example:5433/padan", .postgres("postgres://ana:pw@db.example:5433/padan"),
                "postgres://ana:***@db.example:5433/padan"
            ),
            (
                "postgresql:///padan?host=/s&password=pw&user=ana", .postgres("postgresql:///padan?host=/s&password=pw&user=ana"),
                "postgresql:///padan?host=/s&password=***&user=ana"
            ),
            ("padan.db", .file("padan.db"), "padan.db"),
            ("./postgresql://x", .file("./postgresql://x"), "./postgresql://x"),
        ])
    func locations(text: String, location: StoreLocation, shown: String) {
        #expect(StoreLocation(text) == location)
        #expect(location.description == shown)
    }
}

@Suite("Store backends: the same SQL on SQLite and PostgreSQL; the PostgreSQL schema")
struct StoreBackendTests {
    /// Runs `body` in a write transaction of a fresh database of `backend`.
    func withDatabase<T: Sendable>(_ backend: Backend, _ body: (any SQLConnection) throws -> T) throws -> T {
        switch backend {
        case .sqlite:
            let queue = try DatabaseQueue()
            return try queue.write { db in try body(SQLiteConnection(database: db)) }
        case .postgres:
            let scratch = try ScratchPostgres()
            return try PostgresDatabase(uri: scratch.uri).write(body)
        }
    }

    @Test("INSERT … RETURNING, ON CONFLICT DO UPDATE, NULLs and ordering give the same rows", arguments: Backend.allCases)
    func sameSQL(backend: Backend) throws {
        let rows = try withDatabase(backend) { connection -> [[SQLValue]] in
            let key = backend == .sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
            try connection.execute(
                "CREATE TABLE term (id \(key), name TEXT NOT NULL UNIQUE, uses INTEGER NOT NULL, note TEXT)", [])
            var ids: [SQLValue] = []
            for name in ["juru bicara", "Gedung Putih", "juru bicara"] {
                ids += try connection.rows(
                    """
                    INSERT INTO term (name, uses, note) VALUES (?, 1, ?)
                    ON CONFLICT (name) DO UPDATE SET uses = term.uses + 1 RETURNING id
                    """, [.text(name), .null]
                ).compactMap(\.first)
            }
            #expect(ids == [.integer(1), .integer(2), .integer(1)])
            let changed = try connection.execute("UPDATE term SET note = ? WHERE uses > ?", [.text("often"), .integer(1)])
            #expect(changed == 1)
            return try connection.rows("SELECT id, name, uses, note FROM term ORDER BY name", [])
        }
        #expect(
            rows == [
                [.integer(2), .text("Gedung Putih"), .integer(1), .null],
                [.integer(1), .text("juru bicara"), .integer(2), .text("often")],
            ])
    }

    @Test("init's schema goes into an empty database once, under a lock, even when two processes migrate at once")
    func migrateOnce() throws {
        let scratch = try ScratchPostgres()
        let first = try PostgresDatabase(uri: scratch.uri)
        let second = try PostgresDatabase(uri: scratch.uri)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let database = index == 0 ? first : second
            do {
                try database.readCommitted { try PostgresSchema.migrate($0, location: database.location) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try first.read { try PostgresSchema.identity($0) } == .padan(version: Schema.version))
        let tables = try first.read { connection in
            try connection.rows(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1", []
            ).compactMap { $0.first?.string }
        }
        #expect(Set(Schema.contentTables).isSubset(of: Set(tables)))
    }

    @Test("The PostgreSQL schema has the tables and columns of SQLite's, so one set of queries serves both")
    func sameTablesAndColumns() throws {
        let file = try TestSupport.temporaryDirectory() + "/columns.db"
        _ = try AlignmentStore.create(at: file)
        let sqlite = try DatabaseQueue(path: file)
        let scratch = try ScratchPostgres()
        let postgres = try PostgresDatabase(uri: scratch.uri)
        try postgres.readCommitted { try PostgresSchema.migrate($0, location: postgres.location) }
        for table in Schema.contentTables + ["review_position"] {
            let sqliteColumns = try sqlite.read { db in
                try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
            }
            let postgresColumns = try postgres.read { connection in
                try connection.rows(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                    [.text(table)]
                ).compactMap { $0.first?.string }
            }
            #expect(!sqliteColumns.isEmpty)
            #expect(Set(postgresColumns) == Set(sqliteColumns), "\(table)")
        }
    }

    @Test("A database holding another application's tables, or a newer Padan's schema, is refused and left as it was")
    func refusals() throws {
        let scratch = try ScratchPostgres()
        let database = try PostgresDatabase(uri: scratch.uri)
        _ = try database.write { try $0.execute("CREATE TABLE invoices (id INTEGER)", []) }
        #expect(throws: StoreError.foreignDatabase(path: database.location, tables: ["invoices"])) {
            try database.readCommitted { try PostgresSchema.migrate($0, location: database.location) }
        }
        #expect(try database.read { try PostgresSchema.identity($0) } == .foreign(tables: ["invoices"]))

        let newer = try ScratchPostgres()
        let newerDatabase = try PostgresDatabase(uri: newer.uri)
        try newerDatabase.readCommitted { try PostgresSchema.migrate($0, location: newerDatabase.location) }
        _ = try newerDatabase.write {
            try $0.execute("UPDATE padan_store SET value = ? WHERE key = 'schema_version'", [.text("\(Schema.version + 1)")])
        }
        #expect(throws: StoreError.newerSchema(path: newerDatabase.location, version: Schema.version + 1)) {
            try newerDatabase.readCommitted { try PostgresSchema.migrate($0, location: newerDatabase.location) }
        }
    }

    @Test("Concurrent read-then-write transactions lose no update: the server's serialization failures are retried")
    func serializableRetries() throws {
        let scratch = try ScratchPostgres()
        let setup = try PostgresDatabase(uri: scratch.uri)
        try setup.write { connection in
            try connection.execute("CREATE TABLE counter (n INTEGER NOT NULL)", [])
            try connection.execute("INSERT INTO counter VALUES (0)", [])
        }
        let workers = try (0..<4).map { _ in try PostgresDatabase(uri: scratch.uri) }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: workers.count) { index in
            for _ in 0..<25 {
                do {
                    try workers[index].write { connection in
                        let n = try connection.value("SELECT n FROM counter", [])?.int64 ?? -1
                        try connection.execute("UPDATE counter SET n = ?", [.integer(n + 1)])
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try setup.read { try $0.value("SELECT n FROM counter", []) } == .integer(100))
    }
}
