import PadanCore

/// A value bound to a statement or read from a row: what both backends' columns hold.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    var int64: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        case .text(let text): Int64(text)
        default: nil
        }
    }

    var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .text(let text): Double(text)
        default: nil
        }
    }

    var string: String? {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .real(let value): String(value)
        default: nil
        }
    }
}

/// Values that bind to a statement's `?`.
protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension Int64: SQLBindable { var sqlValue: SQLValue { .integer(self) } }
extension Int: SQLBindable { var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Double: SQLBindable { var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { var sqlValue: SQLValue { .text(self) } }
extension Bool: SQLBindable { var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension SQLValue: SQLBindable { var sqlValue: SQLValue { self } }
extension LinkStatus: SQLBindable { var sqlValue: SQLValue { .text(rawValue) } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A row as a query returns it: its values by column position, with typed reads that fail
/// loudly (a typed error, never a wrong value) when the store holds something else.
extension Array where Element == SQLValue {
    func int64(_ column: Int) throws -> Int64 {
        guard indices.contains(column), let value = self[column].int64 else { throw mismatch(column, "an integer") }
        return value
    }

    func int(_ column: Int) throws -> Int { Int(try int64(column)) }

    func double(_ column: Int) throws -> Double {
        guard indices.contains(column), let value = self[column].double else { throw mismatch(column, "a number") }
        return value
    }

    func string(_ column: Int) throws -> String {
        guard indices.contains(column), let value = self[column].string else { throw mismatch(column, "text") }
        return value
    }

    /// Text, or nil for NULL.
    func optionalString(_ column: Int) throws -> String? {
        guard indices.contains(column) else { throw mismatch(column, "text") }
        return self[column] == .null ? nil : try string(column)
    }

    func optionalInt64(_ column: Int) throws -> Int64? {
        guard indices.contains(column) else { throw mismatch(column, "an integer") }
        return self[column] == .null ? nil : try int64(column)
    }

    func status(_ column: Int) throws -> LinkStatus {
        guard let status = LinkStatus(rawValue: try string(column)) else { throw mismatch(column, "a link status") }
        return status
    }

    private func mismatch(_ column: Int, _ expected: String) -> StoreError {
        StoreError.database(
            "column \(column) of a row holds \(indices.contains(column) ? "\(self[column])" : "nothing"), not \(expected)")
    }
}
