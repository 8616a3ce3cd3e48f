import Foundation
import GRDB

/// What the store's queries run on, whatever the backend: one connection inside one
/// transaction. Statements use `?` placeholders and SQL that SQLite and PostgreSQL both take
/// (`INSERT … RETURNING`, `ON CONFLICT … DO UPDATE`); what differs (the schema's DDL, how the
/// store identifies itself) lives with each backend.
protocol SQLConnection {
    /// Runs one statement with `arguments` bound to its `?` in order.
    /// - Returns: how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int

    /// Runs a query and hands each row's values to `body`, in order.
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws
}

extension SQLConnection {
    /// Every row of a query.
    func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    /// The first column of the first row, or nil when there is no row.
    func value(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLValue? {
        try rows(sql, arguments).first?.first
    }
}

/// SQLite through GRDB: a connection GRDB hands a transaction.
struct SQLiteConnection: SQLConnection {
    let database: Database

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try database.execute(sql: sql, arguments: Self.arguments(arguments))
        return database.changesCount
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws {
        let cursor = try Row.fetchCursor(database, sql: sql, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            try body(row.databaseValues.map(Self.value))
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
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try query(sql, arguments).changes
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: ([SQLValue]) throws -> Void) throws {
        for row in try query(sql, arguments).rows { try body(row) }
    }
}
