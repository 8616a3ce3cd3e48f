import Foundation
import GRDB
import PadanCore

/// The alignment store: one SQLite file (WAL mode, foreign keys on) holding documents, sentences,
/// pairs, links, the edit history and the glossary. Every write is one transaction, so an
/// interrupted run leaves either the whole change or none of it.
public final class AlignmentStore: Sendable {
    public let path: String
    let writer: any DatabaseWriter

    private init(path: String, writer: any DatabaseWriter) {
        self.path = path
        self.writer = writer
    }

    /// Creates a new store at `path`; refuses to overwrite an existing file.
    public static func create(at path: String) throws -> AlignmentStore {
        if FileManager.default.fileExists(atPath: path) { throw StoreError.alreadyExists(path: path) }
        return try open(at: path, creating: true)
    }

    /// Opens the store at `path`, creating it when `creating` is set; applies pending migrations.
    public static func open(at path: String, creating: Bool = false) throws -> AlignmentStore {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw StoreError.notAStore(path: path) }
        if !exists && !creating { throw StoreError.missingStore(path: path) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process writing waits us at most this long (PADAN_BUSY_TIMEOUT seconds, default 10).
        let timeout = ProcessInfo.processInfo.environment["PADAN_BUSY_TIMEOUT"].flatMap(Double.init) ?? 10
        configuration.busyMode = .timeout(max(0, timeout))
        configuration.label = "padan"
        let readOnly = exists && !manager.isWritableFile(atPath: path)
        configuration.readonly = readOnly
        do {
            let writer: any DatabaseWriter =
                readOnly
                ? try DatabaseQueue(path: path, configuration: configuration)
                : try DatabasePool(path: path, configuration: configuration)
            if readOnly {
                try writer.read { db in
                    _ = try Row.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                }
            } else {
                try Schema.migrator.migrate(writer)
            }
            return AlignmentStore(path: path, writer: writer)
        } catch {
            throw mapError(error, path: path)
        }
    }

    static func mapError(_ error: any Error, path: String) -> any Error {
        if error is StoreError { return error }
        guard let databaseError = error as? DatabaseError else { return error }
        switch databaseError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.locked(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return StoreError.notAStore(path: path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return StoreError.readOnly(path: path)
        default:
            if databaseError.message?.contains("no such table") == true {
                return StoreError.notAStore(path: path)
            }
            return StoreError.database(databaseError.message ?? "\(databaseError)")
        }
    }

    /// Runs `body` in one write transaction.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch {
            throw Self.mapError(error, path: path)
        }
    }

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw Self.mapError(error, path: path)
        }
    }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}

/// Facts about the open database, for diagnostics and tests.
public struct StorePragmas: Sendable {
    public var journalMode: String
    public var foreignKeys: Bool
    public var tables: [String]
}

extension AlignmentStore {
    public func pragmas() throws -> StorePragmas {
        try read { db in
            StorePragmas(
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                tables: try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        }
    }

    /// Row counts of the content tables: what a failed command must leave unchanged.
    public func rowCounts() throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for table in ["document", "sentence", "document_pair", "link", "edit", "glossary_term", "lexicon_entry"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }
}
