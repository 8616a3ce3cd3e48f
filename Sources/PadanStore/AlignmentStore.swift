import Foundation
import GRDB
import PadanCore

/// The alignment store: documents, sentences, pairs, links, the edit history, the glossary and
/// the lexicon, in one SQLite file (WAL mode, foreign keys on; the embedded default) or in a
/// PostgreSQL database (the team store). Every write is one transaction, so an interrupted run
/// leaves either the whole change or none of it. Callers never see which backend it is: every
/// query runs on the `SQLConnection` seam.
public final class AlignmentStore: Sendable {
    /// The store's file, or its PostgreSQL URI without the password: what messages name.
    public let path: String
    /// Whether this store was opened for reading only: such a store never writes.
    public let access: StoreAccess
    /// Who this process edits as: the author of its edits, checked against the store's users.
    public let user: String
    let backend: Backend

    /// Where the store's rows live.
    enum Backend: Sendable {
        case sqlite(any DatabaseWriter)
        case postgres(PostgresDatabase)
    }

    private init(path: String, access: StoreAccess, backend: Backend, user: String) {
        self.path = path
        self.access = access
        self.backend = backend
        self.user = user
    }

    /// A store opened for writing that has no users yet takes its user as its first admin.
    private func adoptingFirstAdmin() throws -> AlignmentStore {
        // Read first: a store with users (all but the newest) is not written by opening it.
        if access == .write, try read({ try $0.value("SELECT 1 FROM store_user LIMIT 1") }) == nil {
            try write { db in try Self.adoptFirstAdmin(user, db) }
        }
        return self
    }

    /// The user a PostgreSQL connection edits as by default: `PADAN_USER`, else its role.
    private static func defaultUser(_ database: PostgresDatabase) throws -> String {
        if let name = ProcessInfo.processInfo.environment["PADAN_USER"], !name.isEmpty { return name }
        return try database.read { try $0.value("SELECT current_user")?.string } ?? EditAuthor.current
    }

    /// Creates a new store at `location` (see `create(at:)` for a file; a PostgreSQL database
    /// must be empty: no tables in its schema).
    /// - Throws: `StoreError.alreadyExists`, `.foreignDatabase`, `.newerSchema`, `.cannotConnect`.
    public static func create(_ location: StoreLocation, user: String? = nil) throws -> AlignmentStore {
        switch location {
        case .file(let path): return try create(at: path, user: user)
        case .postgres(let uri):
            let database = try PostgresDatabase(uri: uri)
            let name = database.location
            do {
                try database.readCommitted { connection in
                    switch try PostgresSchema.identity(connection) {
                    case .empty: try PostgresSchema.migrate(connection, location: name)
                    case .padan(let version) where version > Schema.version:
                        throw StoreError.newerSchema(path: name, version: version)
                    case .padan: throw StoreError.alreadyExists(path: name)
                    case .foreign(let tables): throw StoreError.foreignDatabase(path: name, tables: tables)
                    }
                }
            } catch {
                throw mapError(error, path: name)
            }
            return try AlignmentStore(
                path: name, access: .write, backend: .postgres(database), user: user ?? defaultUser(database)
            ).adoptingFirstAdmin()
        }
    }

    /// Opens the Padan store at `location` (see `open(at:access:)` for a file).
    /// - Throws: `StoreError` naming the problem: cannot connect, an empty or another
    ///   application's database, made by a newer Padan.
    public static func open(_ location: StoreLocation, access: StoreAccess = .write, user: String? = nil) throws
        -> AlignmentStore
    {
        switch location {
        case .file(let path): return try open(at: path, access: access, user: user)
        case .postgres(let uri):
            let database = try PostgresDatabase(uri: uri)
            let name = database.location
            do {
                switch try database.read({ try PostgresSchema.identity($0) }) {
                case .empty: throw StoreError.emptyStore(path: name)
                case .foreign(let tables): throw StoreError.foreignDatabase(path: name, tables: tables)
                case .padan(let version) where version > Schema.version:
                    throw StoreError.newerSchema(path: name, version: version)
                case .padan(let version) where version < Schema.version:
                    try database.readCommitted { try PostgresSchema.migrate($0, location: name) }
                case .padan: break
                }
            } catch {
                throw mapError(error, path: name)
            }
            return try AlignmentStore(
                path: name, access: access, backend: .postgres(database), user: user ?? defaultUser(database)
            ).adoptingFirstAdmin()
        }
    }

    /// Creates a new store at `path`: a new file, or an empty one (zero bytes, or an SQLite
    /// database without tables). Refuses an existing store, another application's database and a
    /// folder that does not exist, changing nothing.
    /// - Throws: `StoreError.alreadyExists`, `.foreignDatabase`, `.notAStore`, `.missingFolder`.
    public static func create(at path: String, user: String? = nil) throws -> AlignmentStore {
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw StoreError.missingFolder(path: path, folder: folder)
        }
        if FileManager.default.fileExists(atPath: path) {
            switch try StoreIdentity.read(at: path).identity {
            case .empty: break
            case .padan, .olderPadan, .newerPadan: throw StoreError.alreadyExists(path: path)
            case .foreign(let tables): throw StoreError.foreignDatabase(path: path, tables: tables)
            }
        }
        return try connect(at: path, access: .write, migrating: true, user: user).adoptingFirstAdmin()
    }

    /// Opens the Padan store at `path`. A store made by an older Padan is brought up to date
    /// first (one transaction, once); nothing else is ever created or changed by opening.
    /// - Parameters:
    ///   - path: the store's file.
    ///   - access: `.read` opens the file read-only: such a store never writes the file nor waits
    ///     for a writer; `.write` opens it for edits.
    /// - Throws: `StoreError` naming the problem: no such file, not a Padan store, made by a newer
    ///   Padan, locked, read-only.
    public static func open(at path: String, access: StoreAccess = .write, user: String? = nil) throws -> AlignmentStore {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError.missingStore(path: path)
        }
        if isDirectory.boolValue { throw StoreError.isDirectory(path: path) }
        let (identity, queue) = try StoreIdentity.read(at: path)
        switch identity {
        case .empty: throw StoreError.emptyStore(path: path)
        case .foreign(let tables): throw StoreError.foreignDatabase(path: path, tables: tables)
        case .newerPadan(let version): throw StoreError.newerSchema(path: path, version: version)
        case .olderPadan:
            // The one case where opening writes: the schema is upgraded, then used as asked.
            _ = try connect(at: path, access: .write, migrating: true, user: user)
            return try connect(at: path, access: access, migrating: false, user: user).adoptingFirstAdmin()
        case .padan:
            // Reading: the read-only connection that identified the file serves as it is.
            if access == .read, let queue {
                return AlignmentStore(path: path, access: .read, backend: .sqlite(queue), user: user ?? EditAuthor.current)
            }
            return try connect(at: path, access: access, migrating: false, user: user).adoptingFirstAdmin()
        }
    }

    private static func connect(at path: String, access: StoreAccess, migrating: Bool, user: String?) throws
        -> AlignmentStore
    {
        let manager = FileManager.default
        let readOnly = access == .read || (manager.fileExists(atPath: path) && !manager.isWritableFile(atPath: path))
        let configuration = StoreSettings.configuration(readOnly: readOnly)
        do {
            let writer: any DatabaseWriter =
                readOnly
                ? try DatabaseQueue(path: path, configuration: configuration)
                : try DatabasePool(path: path, configuration: configuration)
            if migrating {
                if readOnly { throw StoreError.readOnly(path: path) }
                try Schema.migrator.migrate(writer)
            } else {
                try writer.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            }
            return AlignmentStore(
                path: path, access: readOnly ? .read : .write, backend: .sqlite(writer), user: user ?? EditAuthor.current)
        } catch {
            throw mapError(error, path: path)
        }
    }

    static func mapError(_ error: any Error, path: String) -> any Error {
        if error is StoreError { return error }
        if let failure = error as? PostgresError {
            if failure.isDiskFull { return StoreError.diskFull(path: path) }
            if failure.isSerializationFailure {
                return StoreError.conflict("another process kept changing the same rows (\(failure.message))")
            }
            if failure.isReadOnly { return StoreError.readOnly(path: path) }
            if failure.isConnectionLost { return StoreError.cannotConnect(path, reason: failure.message) }
            return StoreError.database(failure.description)
        }
        guard let databaseError = error as? DatabaseError else { return error }
        switch databaseError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.locked(path: path)
        case .SQLITE_NOTADB: return StoreError.notAStore(path: path)
        case .SQLITE_CORRUPT: return StoreError.damaged(path: path, detail: databaseError.message ?? "corrupt")
        case .SQLITE_FULL: return StoreError.diskFull(path: path)
        case .SQLITE_IOERR:
            return StoreError.ioError(path: path, detail: databaseError.message ?? "disk I/O error")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return StoreError.readOnly(path: path)
        default:
            return StoreError.database(databaseError.message ?? "\(databaseError)")
        }
    }

    /// Runs `body` in one write transaction.
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        if access == .read { throw StoreError.readOnly(path: path) }
        do {
            switch backend {
            case .sqlite(let writer): return try writer.write { db in try body(SQLiteConnection(database: db)) }
            case .postgres(let database): return try database.write(body)
            }
        } catch {
            throw Self.mapError(error, path: path)
        }
    }

    /// Runs `body` in one read transaction: it sees one state of the store.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        do {
            switch backend {
            case .sqlite(let writer): return try writer.read { db in try body(SQLiteConnection(database: db)) }
            case .postgres(let database): return try database.read(body)
            }
        } catch {
            throw Self.mapError(error, path: path)
        }
    }

    /// JSON with its keys sorted: the same value always gives the same text (the store digest
    /// and copies compare it byte for byte).
    static func canonicalJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The time now as the store writes times (ISO 8601 with milliseconds, UTC).
    public static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file (a PostgreSQL server keeps its own
    /// pages sound: "ok").
    public func integrityCheck() throws -> String {
        guard case .sqlite = backend else { return "ok" }
        return try read { db in try db.value("PRAGMA integrity_check")?.string ?? "" }
    }

    /// Refuses a damaged store before a command reads all of it (an export, say): SQLite's
    /// quick check reads every page once.
    /// - Throws: `StoreError.damaged` with SQLite's first complaint.
    public func requireIntact() throws {
        guard case .sqlite = backend else { return }
        let verdict = try read { db in try db.rows("PRAGMA quick_check(1)").map { try $0.string(0) } }
        if verdict != ["ok"] { throw StoreError.damaged(path: path, detail: verdict.first ?? "quick_check failed") }
    }
}

/// How a command uses the store.
public enum StoreAccess: Sendable {
    /// Reads only: the file is opened read-only and never written.
    case read
    /// Edits: the file is opened for writing.
    case write
}

/// Settings of the store read from the environment, checked and bounded in one place.
enum StoreSettings {
    /// The longest wait for another process's write, in seconds.
    static let maximumBusyTimeout: Double = 3600
    static let defaultBusyTimeout: Double = 10

    /// How every connection to a store is configured: foreign keys on, the busy timeout, read-only or not.
    static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "padan"
        configuration.readonly = readOnly
        return configuration
    }

    /// `PADAN_BUSY_TIMEOUT` seconds (default 10), bounded to 0...3600; not a number: the default.
    static var busyTimeout: Double {
        guard let text = ProcessInfo.processInfo.environment["PADAN_BUSY_TIMEOUT"], let value = Double(text),
            value.isFinite
        else { return defaultBusyTimeout }
        return min(max(0, value), maximumBusyTimeout)
    }
}

/// Facts about the open database, for diagnostics and tests.
public struct StorePragmas: Sendable {
    public var journalMode: String
    public var foreignKeys: Bool
    public var tables: [String]
    public var applicationID: Int32
    public var schemaVersion: Int
}

extension AlignmentStore {
    /// SQLite's settings of the file (an SQLite store only).
    public func pragmas() throws -> StorePragmas {
        guard case .sqlite(let writer) = backend else { throw StoreError.database("pragmas are SQLite's") }
        return try writer.read { db in
            StorePragmas(
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                tables: try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
                applicationID: try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                schemaVersion: try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
        }
    }

    /// Row counts of the content tables: what a failed command must leave unchanged.
    public func rowCounts() throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for table in Schema.contentTables {
                counts[table] = try db.count("SELECT count(*) FROM \(table)")
            }
            return counts
        }
    }
}
