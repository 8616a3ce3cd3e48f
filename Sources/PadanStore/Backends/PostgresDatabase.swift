import Foundation
import Synchronization

/// A PostgreSQL store's database: one connection, used by one transaction at a time. Writes run
/// SERIALIZABLE, so the store's checks (row versions, `--expect`, coverage) hold across
/// processes exactly as SQLite's single writer makes them hold; a transaction the server
/// aborts for a concurrent one is run again, a few times, before the conflict is reported.
final class PostgresDatabase: Sendable {
    /// How often a write the server aborted for a concurrent one is tried again.
    static let serializationAttempts = 12

    let location: String
    /// The URI connected to, for a second connection (a listener).
    let uri: String
    /// The server process of this database's connection: its own notifications are not news.
    let backendPID: Int32
    private let connection: Mutex<PostgresConnection>

    /// Connects to the database at `uri`.
    /// - Throws: `StoreError.cannotConnect`.
    init(uri: String) throws {
        let opened = try PostgresConnection(uri: uri)
        self.uri = uri
        location = opened.displayName
        backendPID = opened.backendPID()
        connection = Mutex(opened)
    }

    /// Runs `body` in one SERIALIZABLE write transaction, committed when it returns, rolled back
    /// when it throws.
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL SERIALIZABLE", body)
    }

    /// Runs `body` in one read-only transaction that sees one snapshot of the store.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Runs `body` in one READ COMMITTED transaction, where each statement sees what others
    /// committed before it: schema changes (they take an advisory lock first, then must see what
    /// the process that held it before did) and the import queue (a claim locks the row it takes
    /// and skips those others hold, which SERIALIZABLE would turn into aborts).
    func readCommitted<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL READ COMMITTED", body)
    }

    private func transaction<T>(_ begin: String, _ body: (any SQLConnection) throws -> T) throws -> T {
        try connection.withLock { connection -> T in
            var attempt = 1
            while true {
                try connection.query(begin)
                do {
                    let result = try body(connection)
                    try connection.query("COMMIT")
                    return result
                } catch {
                    _ = try? connection.query("ROLLBACK")
                    if let failure = error as? PostgresError, failure.isSerializationFailure,
                        attempt < Self.serializationAttempts
                    {
                        // Another transaction won: back off a little (more each time) and run again.
                        usleep(useconds_t(1000 * attempt * attempt + Int.random(in: 0...1000)))
                        attempt += 1
                        continue
                    }
                    throw error
                }
            }
        }
    }
}
