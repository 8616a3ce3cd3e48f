import Foundation
import Testing

@testable import PadanStore

/// A PostgreSQL database of its own for one test, on the throwaway cluster `make test` starts
/// (`scripts/with-postgres.sh` sets `PADAN_TEST_POSTGRES`); dropped when the test ends.
final class ScratchPostgres {
    let uri: String
    private let name: String
    private let server: String

    init() throws {
        guard let server = ProcessInfo.processInfo.environment["PADAN_TEST_POSTGRES"] else {
            throw ScratchPostgresMissing()
        }
        self.server = server
        name = "padan_test_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try PostgresConnection(uri: server)
        try admin.execute("CREATE DATABASE \(name)")
        uri = server.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
    }

    deinit {
        guard let admin = try? PostgresConnection(uri: server) else { return }
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}

struct ScratchPostgresMissing: Error, CustomStringConvertible {
    var description: String {
        "PADAN_TEST_POSTGRES is not set: run the tests with `make test` (it starts a throwaway PostgreSQL cluster)"
    }
}

@Suite("PostgreSQL connection (libpq, a real server)")
struct PostgresConnectionTests {
    @Test("Bound values round-trip: integers, reals, Unicode text, NULL, bytes; a quote in a value is only a value")
    func roundTrip() throws {
        let database = try ScratchPostgres()
        let connection = try PostgresConnection(uri: database.uri)
        try connection.execute("CREATE TABLE t (i BIGINT, r DOUBLE PRECISION, s TEXT, b BYTEA)")
        let text = "Presiden Rusia “Putin” — 東京 'x'; DROP TABLE t; -- ?"
        let inserted = try connection.execute(
            "INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
            [.integer(Int64.max), .real(0.25), .text(text), .blob([0, 1, 254, 255]), .null, .null, .null, .null])
        #expect(inserted.changes == 2)
        let rows = try connection.execute("SELECT i, r, s, b FROM t ORDER BY i NULLS LAST").rows
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
        try connection.execute("CREATE TABLE u (k TEXT PRIMARY KEY)")
        try connection.execute("INSERT INTO u VALUES (?)", [.text("a")])
        #expect {
            try connection.execute("INSERT INTO u VALUES (?)", [.text("a")])
        } throws: { error in
            (error as? PostgresError)?.isUniqueViolation == true
                && "\(error)".contains("duplicate key") && !"\(error)".contains("\n")
        }
        #expect(throws: PostgresError.self) { try connection.execute("SELEKT 1") }
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
