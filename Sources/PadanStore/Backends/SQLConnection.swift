import Foundation
import GRDB

/// The SQL a backend speaks where the two differ.
enum SQLDialect: Sendable {
    case sqlite, postgres

    /// An expression joining the texts of a document's sentences in `ordinal` order with
    /// spaces: `document`, `from` and `to` are SQL expressions (placeholders or columns).
    func joinedSentenceText(document: String, from: String, to: String) -> String {
        switch self {
        case .sqlite:
            "(SELECT group_concat(text, ' ') FROM (SELECT text FROM sentence WHERE document_id = \(document) AND ordinal >= \(from) AND ordinal < \(to) ORDER BY ordinal))"
        case .postgres:
            "(SELECT string_agg(text, ' ' ORDER BY ordinal) FROM sentence WHERE document_id = \(document) AND ordinal >= \(from) AND ordinal < \(to))"
        }
    }

    /// `LIKE` that ignores ASCII case (SQLite's `LIKE` does; PostgreSQL's needs `ILIKE`).
    var caseInsensitiveLike: String { self == .sqlite ? "LIKE" : "ILIKE" }
}

/// What the store's queries run on, whatever the backend: one connection inside one
/// transaction. Statements use `?` placeholders and SQL that SQLite and PostgreSQL both take
/// (`INSERT … RETURNING`, `ON CONFLICT …`); where they differ, `dialect` says how. What else
/// differs (the schema's DDL, how the store identifies itself) lives with each backend.
protocol SQLConnection {
    var dialect: SQLDialect { get }

    /// Runs one statement with `arguments` bound to its `?` in order.
    /// - Returns: how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int

    /// Every row of a query.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]]

    /// Runs a query and hands each row to `body` in order, reading as it goes: memory stays
    /// flat however many rows there are (exports of a million links).
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws
}

extension SQLConnection {
    @discardableResult
    func execute(_ sql: String, _ arguments: any SQLBindable...) throws -> Int {
        try execute(sql, arguments.map(\.sqlValue))
    }

    func rows(_ sql: String, _ arguments: any SQLBindable...) throws -> [[SQLValue]] {
        try rows(sql, arguments.map(\.sqlValue))
    }

    func forEachRow(_ sql: String, _ arguments: any SQLBindable..., body: ([SQLValue]) throws -> Void) throws {
        try forEachRow(sql, arguments.map(\.sqlValue), body)
    }

    /// The first column of the first row, or nil when there is no row.
    func value(_ sql: String, _ arguments: [SQLValue]) throws -> SQLValue? {
        try rows(sql, arguments).first?.first
    }

    func value(_ sql: String, _ arguments: any SQLBindable...) throws -> SQLValue? {
        try value(sql, arguments.map(\.sqlValue))
    }

    /// The first column of every row, as integers.
    func integers(_ sql: String, _ arguments: any SQLBindable...) throws -> [Int64] {
        try rows(sql, arguments.map(\.sqlValue)).map { try $0.int64(0) }
    }

    /// A count or other integer the query returns (0 when it returns no row, or NULL as `max`
    /// of no rows does).
    func count(_ sql: String, _ arguments: any SQLBindable...) throws -> Int {
        guard let value = try rows(sql, arguments.map(\.sqlValue)).first?.first, value != .null else { return 0 }
        guard let number = value.int64 else { throw StoreError.database("\(sql) returned \(value), not a number") }
        return Int(number)
    }
}

/// A row type of one table, read and written by column position: what replaces an ORM on two
/// backends. `columns` starts with `id`; `values` gives every other column in order.
protocol StoredRecord: Sendable {
    static var table: String { get }
    static var columns: [String] { get }
    var id: Int64? { get set }
    init(row: [SQLValue]) throws
    var values: [SQLValue] { get }
}

extension StoredRecord {
    static var columnList: String { columns.joined(separator: ", ") }
    /// The columns as `e.id, e.pair_id, …`, for a query that names the table `e`.
    static var qualifiedColumns: String { columns.map { "e.\($0)" }.joined(separator: ", ") }
}

/// Reads and deletes by primary key in chunks: both backends limit the parameters of one
/// statement (SQLite to 32,766, PostgreSQL to 65,535).
enum Chunked {
    static let size = 10_000
    /// The most parameters one statement binds (below both backends' limits).
    static let parameters = 30_000

    /// `ids` as conditions on an id column with their values: `IN (?, ?, …)` lists of `size` on
    /// SQLite; on PostgreSQL one `= ANY(…)` over an array parameter, which the server plans once
    /// whatever the number of ids (long `IN` lists cost it more than the rows they select).
    static func chunks(_ ids: [Int64], _ dialect: SQLDialect) -> [(ids: [SQLValue], membership: String)] {
        guard !ids.isEmpty else { return [] }
        if dialect == .postgres {
            return [([.text("{" + ids.map(String.init).joined(separator: ",") + "}")], "= ANY(CAST(? AS BIGINT[]))")]
        }
        return stride(from: 0, to: ids.count, by: size).map { start in
            let chunk = ids[start..<min(ids.count, start + size)]
            return (chunk.map(SQLValue.integer), "IN (" + Array(repeating: "?", count: chunk.count).joined(separator: ", ") + ")")
        }
    }
}

extension SQLConnection {
    /// The record with primary key `id`, or nil.
    func fetch<Record: StoredRecord>(_ type: Record.Type, id: Int64?) throws -> Record? {
        guard let id else { return nil }
        return try rows("SELECT \(Record.columnList) FROM \(Record.table) WHERE id = ?", [.integer(id)]).first.map(Record.init)
    }

    /// The records a `WHERE` (and `ORDER BY`) clause selects; every record of the table with none.
    func fetchAll<Record: StoredRecord>(_ type: Record.Type, where clause: String = "", _ arguments: any SQLBindable...)
        throws -> [Record]
    {
        try rows("SELECT \(Record.columnList) FROM \(Record.table) \(clause)", arguments.map(\.sqlValue)).map(Record.init)
    }

    /// The first record a `WHERE` (and `ORDER BY`) clause selects.
    func fetchFirst<Record: StoredRecord>(_ type: Record.Type, where clause: String, _ arguments: any SQLBindable...)
        throws -> Record?
    {
        try rows("SELECT \(Record.columnList) FROM \(Record.table) \(clause) LIMIT 1", arguments.map(\.sqlValue)).first
            .map(Record.init)
    }

    /// The records with these primary keys, in key order.
    func fetchAll<Record: StoredRecord>(_ type: Record.Type, ids: [Int64]) throws -> [Record] {
        var records: [Record] = []
        records.reserveCapacity(ids.count)
        for chunk in Chunked.chunks(ids, dialect) {
            records += try rows(
                "SELECT \(Record.columnList) FROM \(Record.table) WHERE id \(chunk.membership) ORDER BY id", chunk.ids
            ).map(Record.init)
        }
        return records
    }

    func exists<Record: StoredRecord>(_ type: Record.Type, id: Int64) throws -> Bool {
        try !rows("SELECT 1 FROM \(Record.table) WHERE id = ?", [.integer(id)]).isEmpty
    }

    /// Reserves `count` new ids of `table` and returns the first: on SQLite, from the table's
    /// sequence (an id is never given twice, even after its row is deleted, as PostgreSQL's
    /// identity columns never give one twice).
    func reserveIDs(_ table: String, count: Int) throws -> Int64 {
        try execute("INSERT INTO id_sequence (name, last) VALUES (?, 0) ON CONFLICT (name) DO NOTHING", table)
        let rows = try rows(
            "UPDATE id_sequence SET last = max(last, (SELECT coalesce(max(id), 0) FROM \(table))) + ? WHERE name = ? RETURNING last",
            count, table)
        guard let last = try rows.first?.int64(0) else { throw StoreError.database("no id sequence for \(table)") }
        return last - Int64(count) + 1
    }

    /// Inserts `record`; a record without an id gets a new one.
    func insert<Record: StoredRecord>(_ record: inout Record) throws {
        let names = Record.columns.dropFirst()
        if record.id == nil, dialect == .sqlite { record.id = try reserveIDs(Record.table, count: 1) }
        if let id = record.id {
            try execute(
                "INSERT INTO \(Record.table) (\(Record.columnList)) VALUES (\(Array(repeating: "?", count: Record.columns.count).joined(separator: ", ")))",
                [.integer(id)] + record.values)
        } else {
            let returned = try rows(
                "INSERT INTO \(Record.table) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", "))) RETURNING id",
                record.values)
            guard let row = returned.first else { throw StoreError.database("an insert into \(Record.table) returned no id") }
            record.id = try row.int64(0)
        }
    }

    /// Inserts many records with few statements (many rows each): a round trip per row would
    /// dominate on a server. Records with an id keep it; ids given by the database are not read
    /// back (use `insert` for a record whose new id is needed).
    func insertAll<Record: StoredRecord>(_ records: [Record]) throws {
        var withIDs = records.filter { $0.id != nil }
        var withoutIDs = records.filter { $0.id == nil }
        if dialect == .sqlite, !withoutIDs.isEmpty {
            let first = try reserveIDs(Record.table, count: withoutIDs.count)
            for index in withoutIDs.indices { withoutIDs[index].id = first + Int64(index) }
            withIDs += withoutIDs
            withoutIDs = []
        }
        for (batch, names) in [(withIDs, Record.columns), (withoutIDs, Array(Record.columns.dropFirst()))] where !batch.isEmpty {
            let rowsPerStatement = max(1, Chunked.parameters / names.count)
            let row = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
            for start in stride(from: 0, to: batch.count, by: rowsPerStatement) {
                let chunk = batch[start..<min(batch.count, start + rowsPerStatement)]
                var values: [SQLValue] = []
                values.reserveCapacity(chunk.count * names.count)
                for record in chunk {
                    if names.count == Record.columns.count, let id = record.id { values.append(.integer(id)) }
                    values += record.values
                }
                try execute(
                    "INSERT INTO \(Record.table) (\(names.joined(separator: ", "))) VALUES "
                        + Array(repeating: row, count: chunk.count).joined(separator: ", "), values)
            }
        }
    }

    /// Writes every column of `record` to its row.
    func update<Record: StoredRecord>(_ record: Record) throws {
        guard let id = record.id else { throw StoreError.database("an update of \(Record.table) without an id") }
        let assignments = Record.columns.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")
        try execute("UPDATE \(Record.table) SET \(assignments) WHERE id = ?", record.values + [.integer(id)])
    }

    /// Deletes the rows with these primary keys; returns how many there were.
    @discardableResult
    func delete<Record: StoredRecord>(_ type: Record.Type, ids: [Int64]) throws -> Int {
        var deleted = 0
        for chunk in Chunked.chunks(ids, dialect) {
            deleted += try execute("DELETE FROM \(Record.table) WHERE id \(chunk.membership)", chunk.ids)
        }
        return deleted
    }
}

/// SQLite through GRDB: a connection GRDB hands a transaction.
struct SQLiteConnection: SQLConnection {
    let database: Database

    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try database.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return database.changesCount
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws {
        let cursor = try Row.fetchCursor(database.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
        // One buffer for every row: a body that keeps a row copies it (copy on write).
        var values: [SQLValue] = []
        while let row = try cursor.next() {
            values.removeAll(keepingCapacity: true)
            for index in 0..<row.count { values.append(Self.value(row[index] as DatabaseValue)) }
            try body(values)
        }
    }

    private static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> DatabaseValue in
                switch value {
                case .null: .null
                case .integer(let number): number.databaseValue
                case .real(let number): number.databaseValue
                case .text(let text): text.databaseValue
                case .blob(let bytes): Data(bytes).databaseValue
                }
            })
    }

    private static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob([UInt8](data))
        }
    }
}

extension PostgresConnection: SQLConnection {
    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try query(sql, arguments).changes
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
        try query(sql, arguments).rows
    }

    /// Through a server-side cursor, `PostgresConnection.fetchSize` rows at a time (it must run
    /// inside a transaction, as every store statement does).
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws {
        let name = nextCursorName()
        try query("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", arguments)
        defer { _ = try? query("CLOSE \(name)") }
        while true {
            let batch = try query("FETCH FORWARD \(Self.fetchSize) FROM \(name)").rows
            for row in batch { try body(row) }
            if batch.count < Self.fetchSize { break }
        }
    }
}
