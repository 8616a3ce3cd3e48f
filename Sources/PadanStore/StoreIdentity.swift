import Foundation
import GRDB

/// What a file is, as far as Padan is concerned, found without writing it: the SQLite header's
/// magic, Padan's `application_id` and schema version (`user_version`), and for files made before
/// Padan marked its stores, the tables and migrations it holds.
enum StoreIdentity: Equatable {
    /// A zero-byte file, or an SQLite database without tables: `init` may make it a store.
    case empty
    /// A store of the schema this build writes.
    case padan
    /// A store of an older schema: usable once migrated.
    case olderPadan
    /// A store made by a newer Padan (schema `version`).
    case newerPadan(version: Int)
    /// Another application's SQLite database; `tables` names a few of its tables.
    case foreign(tables: [String])

    /// Padan's mark in the SQLite header (`PRAGMA application_id`): "PADA".
    static let applicationID: Int32 = 0x5041_4441
    static let sqliteMagic = Array("SQLite format 3\0".utf8)

    /// Reads what the file at `path` is, through a read-only connection (nil for a zero-byte
    /// file) that a read-only store may go on using.
    /// - Throws: `StoreError.notAStore` when it is not an SQLite database at all, or a read error.
    static func read(at path: String) throws -> (identity: StoreIdentity, queue: DatabaseQueue?) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError.unreadable(path: path) }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        if header.isEmpty { return (.empty, nil) }
        guard header.count >= 100, Array(header.prefix(16)) == sqliteMagic else { throw StoreError.notAStore(path: path) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: StoreSettings.configuration(readOnly: true))
            return (try queue.read { db in try identify(db) }, queue)
        } catch {
            throw AlignmentStore.mapError(error, path: path)
        }
    }

    static func identify(_ db: Database) throws -> StoreIdentity {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if applicationID == Self.applicationID {
            if version > Schema.version { return .newerPadan(version: version) }
            return version == Schema.version ? .padan : .olderPadan
        }
        if tables.isEmpty && applicationID == 0 { return .empty }
        // Stores made before Padan set its application id hold exactly its first migration.
        if applicationID == 0, tables.contains("grdb_migrations"), Set(Schema.firstTables).isSubset(of: Set(tables)) {
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            if applied == [Schema.firstMigration] { return .olderPadan }
        }
        return .foreign(tables: Array(tables.prefix(5)))
    }
}
