import Foundation
import GRDB
import PadanCore

/// The tables a store copy carries, in an order that satisfies their references, with the
/// columns both backends' schemas share.
enum StoreTables {
    static let copied: [(table: String, columns: [String], order: String)] = [
        ("store_user", ["name", "role", "created_at"], "name"),
        (DocumentRecord.table, DocumentRecord.columns, "id"),
        (SentenceRecord.table, SentenceRecord.columns, "id"),
        (PairRecord.table, PairRecord.columns, "id"),
        (LinkRecord.table, LinkRecord.columns, "id"),
        (EditRecord.table, EditRecord.columns, "id"),
        ("pair_edit", ["pair_id", "edit_id"], "pair_id, edit_id"),
        (GlossaryTermRecord.table, GlossaryTermRecord.columns, "id"),
        (GlossaryEditRecord.table, GlossaryEditRecord.columns, "id"),
        (
            "lexicon_entry", ["foreign_language", "pivot_language", "foreign_term", "pivot_term", "origin"],
            "foreign_language, pivot_language, foreign_term, pivot_term"
        ),
        ("bookmark", ["link_id", "pair_id", "author", "note", "created_at"], "link_id"),
        ("review_position", ["pair_id", "reviewer", "link_id", "updated_at"], "pair_id, reviewer"),
        (
            "import_job",
            [
                "id", "source_path", "target_path", "source_text", "target_text", "source_language", "target_language",
                "state", "worker", "lease_until", "attempts", "error", "pair_id", "created_at", "updated_at",
                "fetch_original",
            ], "id"
        ),
    ]

    /// Tables whose `id` a PostgreSQL identity column gives: after rows are copied in with their
    /// ids, its sequence must continue after the largest.
    static let identityTables = [
        "document", "sentence", "document_pair", "link", "edit", "glossary_term", "import_job", "glossary_edit",
    ]
}

extension AlignmentStore {
    /// Copies the whole store — documents, sentences, pairs, links, history, glossary, lexicon,
    /// users, bookmarks, reading positions, import jobs — with their ids into a new store at
    /// `location` (a new file, or an empty PostgreSQL database), in one transaction: either the
    /// whole copy is there or nothing is.
    /// - Returns: how many rows were copied.
    /// - Throws: `StoreError.alreadyExists` for a file or a database that holds a store, and
    ///   whatever the reading or writing meets.
    @discardableResult
    public func copy(to location: StoreLocation) throws -> Int {
        switch location {
        case .file(let path):
            let folder = (path as NSString).deletingLastPathComponent
            if FileManager.default.fileExists(atPath: path) { throw StoreError.alreadyExists(path: path) }
            // Written beside the target and renamed into place once complete: a failed copy leaves
            // no file, and no reader ever sees a half-copied store.
            let temporary =
                (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).padan-copy-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            let copied: Int
            do {
                let queue = try DatabaseQueue(path: temporary, configuration: StoreSettings.configuration(readOnly: false))
                try Schema.migrator.migrate(queue)
                copied = try queue.write { db in try copyRows(into: SQLiteConnection(database: db)) }
            } catch {
                throw Self.mapError(error, path: path)
            }
            // link(2) refuses an existing name, so a store made meanwhile at `path` is never replaced.
            guard Foundation.link(temporary, path) == 0 else {
                throw errno == EEXIST
                    ? StoreError.alreadyExists(path: path)
                    : StoreError.ioError(path: path, detail: String(cString: strerror(errno)))
            }
            return copied
        case .postgres(let uri):
            let database = try PostgresDatabase(uri: uri)
            let name = database.location
            do {
                return try database.readCommitted { connection in
                    switch try PostgresSchema.identity(connection) {
                    case .empty: break
                    case .padan: throw StoreError.alreadyExists(path: name)
                    case .foreign(let tables): throw StoreError.foreignDatabase(path: name, tables: tables)
                    }
                    try PostgresSchema.migrate(connection, location: name)
                    return try copyRows(into: connection)
                }
            } catch {
                throw Self.mapError(error, path: name)
            }
        }
    }

    /// Streams every copied table of this store into `destination`, many rows per statement.
    private func copyRows(into destination: any SQLConnection) throws -> Int {
        try read { source in
            var copied = 0
            for (table, columns, order) in StoreTables.copied {
                let rowsPerStatement = max(1, Chunked.parameters / columns.count)
                let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
                var pending: [SQLValue] = []
                var pendingRows = 0
                func flush() throws {
                    guard pendingRows > 0 else { return }
                    try destination.execute(
                        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                            + Array(repeating: row, count: pendingRows).joined(separator: ", "), pending)
                    copied += pendingRows
                    pending.removeAll(keepingCapacity: true)
                    pendingRows = 0
                }
                try source.forEachRow("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(order)", []) { values in
                    pending += values
                    pendingRows += 1
                    if pendingRows == rowsPerStatement { try flush() }
                }
                try flush()
            }
            // The ids each table gave last, so the copy numbers new rows as the original would.
            for table in StoreTables.identityTables {
                try Self.setLastID(try Self.lastID(of: table, source), of: table, destination)
            }
            return copied
        }
    }

    /// The largest id `table` has given (its rows' or, past deleted rows, its sequence's).
    static func lastID(of table: String, _ db: any SQLConnection) throws -> Int64 {
        let largest = Int64(try db.count("SELECT coalesce(max(id), 0) FROM \(table)"))
        let sequence =
            db.dialect == .postgres
            ? try db.count("SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence(?, 'id')::regclass), 0)", table)
            : try db.count("SELECT coalesce(max(last), 0) FROM id_sequence WHERE name = ?", table)
        return max(largest, Int64(sequence))
    }

    /// Makes `table` go on after id `last`.
    static func setLastID(_ last: Int64, of table: String, _ db: any SQLConnection) throws {
        if db.dialect == .postgres {
            _ = try db.rows("SELECT setval(pg_get_serial_sequence(?, 'id'), ?, ?)", table, max(last, 1), last > 0)
        } else {
            try db.execute(
                "INSERT INTO id_sequence (name, last) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET last = excluded.last", table,
                last)
        }
    }
}
