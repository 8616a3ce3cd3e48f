import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq, the project's own C client: statements
/// with bound parameters only (no SQL is built from user text), written with `?` placeholders
/// as for SQLite and numbered for the server here. Not for use from two threads at once: the
/// store holds it behind a lock.
final class PostgresConnection {
    private let handle: OpaquePointer
    /// The URI without its password, for messages.
    let displayName: String

    /// Connects to `uri` (`postgresql://[user@][host][:port]/dbname[?host=/socket/dir&…]`).
    /// - Throws: `StoreError.cannotConnect` with the server's or libpq's reason.
    init(uri: String) throws {
        displayName = PostgresLocation.redacted(uri)
        guard let handle = PQconnectdb(uri) else { throw StoreError.cannotConnect(displayName, reason: "out of memory") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let reason = Self.oneLine(String(cString: PQerrorMessage(handle)))
            PQfinish(handle)
            throw StoreError.cannotConnect(displayName, reason: reason)
        }
        self.handle = handle
        // Notices (such as "relation already exists, skipping") are not for the user's terminal.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Rows a streaming read fetches at a time.
    static let fetchSize = 2_000
    private var cursors = 0

    /// A cursor name not used by an open cursor of this connection (reads may nest).
    func nextCursorName() -> String {
        cursors += 1
        return "padan_cursor_\(cursors)"
    }

    /// The server process serving this connection: notifications name the one that sent them.
    func backendPID() -> Int32 { PQbackendPID(handle) }

    /// The notifications (`LISTEN`) that have arrived, without waiting for any.
    func notifications() throws -> [(channel: String, sender: Int32, payload: String)] {
        guard PQconsumeInput(handle) == 1 else {
            throw PostgresError(state: "08006", message: Self.oneLine(String(cString: PQerrorMessage(handle))))
        }
        var arrived: [(channel: String, sender: Int32, payload: String)] = []
        while let notification = PQnotifies(handle) {
            arrived.append(
                (
                    String(cString: notification.pointee.relname), notification.pointee.be_pid,
                    String(cString: notification.pointee.extra)
                ))
            PQfreemem(notification)
        }
        return arrived
    }

    /// The rows a statement returns (none for most writes) and how many rows it changed.
    struct Result {
        var columns: [String]
        var rows: [[SQLValue]]
        var changes: Int
    }

    /// Runs one statement with `arguments` bound to its `?` in order: its rows, columns and
    /// count of changed rows.
    /// - Throws: `PostgresError` with the server's SQLSTATE and message.
    @discardableResult
    func query(_ sql: String, _ arguments: [SQLValue] = []) throws -> Result {
        let numbered = Self.numberingPlaceholders(sql)
        var texts: [String?] = []
        var formats: [Int32] = []
        var types: [Oid] = []
        for argument in arguments {
            switch argument {
            case .null: texts.append(nil)
            case .integer(let value): texts.append(String(value))
            case .real(let value):
                texts.append(value.isFinite ? "\(value)" : (value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity"))
            case .text(let value): texts.append(value)
            case .blob(let bytes): texts.append("\\x" + bytes.map { String(format: "%02x", $0) }.joined())
            }
            formats.append(0)
            // Unknown (0): the server infers each parameter's type from the statement.
            types.append(0)
        }
        let result = try withCStrings(texts) { values in
            PQexecParams(handle, numbered, Int32(arguments.count), types, values, nil, formats, 0)
        }
        guard let result else {
            throw PostgresError(state: "08006", message: Self.oneLine(String(cString: PQerrorMessage(handle))))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: break
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? "XX000"
            let message =
                PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? Self.oneLine(String(cString: PQerrorMessage(handle)))
            throw PostgresError(state: state, message: message)
        }
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        let kinds = (0..<columnCount).map { PQftype(result, Int32($0)) }
        var rows: [[SQLValue]] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [SQLValue] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(.null)
                    continue
                }
                let text = String(cString: PQgetvalue(result, Int32(row), Int32(column)))
                values.append(Self.value(text, type: kinds[column]))
            }
            rows.append(values)
        }
        let changes = Int(String(cString: PQcmdTuples(result))) ?? 0
        return Result(columns: columns, rows: rows, changes: changes)
    }

    /// Type oids of PostgreSQL's built-in types (`pg_type.dat`).
    private enum TypeOid {
        static let bool: Oid = 16
        static let bytea: Oid = 17
        static let int8: Oid = 20
        static let int2: Oid = 21
        static let int4: Oid = 23
        static let oid: Oid = 26
        static let float4: Oid = 700
        static let float8: Oid = 701
        static let numeric: Oid = 1700
    }

    /// A value in PostgreSQL's text output format, read as the type the column has.
    private static func value(_ text: String, type: Oid) -> SQLValue {
        switch type {
        case TypeOid.int2, TypeOid.int4, TypeOid.int8, TypeOid.oid: return Int64(text).map(SQLValue.integer) ?? .text(text)
        case TypeOid.float4, TypeOid.float8, TypeOid.numeric: return Double(text).map(SQLValue.real) ?? .text(text)
        case TypeOid.bool: return .integer(text == "t" ? 1 : 0)
        case TypeOid.bytea:
            guard text.hasPrefix("\\x") else { return .text(text) }
            var bytes: [UInt8] = []
            var digits = text.utf8.dropFirst(2).makeIterator()
            while let high = digits.next(), let low = digits.next() {
                guard let byte = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return .text(text) }
                bytes.append(byte)
            }
            return .blob(bytes)
        default: return .text(text)
        }
    }

    /// `?` placeholders numbered `$1`, `$2`, … as the server wants them; a `?` inside a string
    /// literal, a quoted name or a comment stays as it is.
    static func numberingPlaceholders(_ sql: String) -> String {
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        var inComment = false
        var previous: Character?
        for character in sql {
            if inComment {
                if character == "\n" { inComment = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "-" && previous == "-" {
                inComment = true
            } else if character == "?" {
                number += 1
                output += "$\(number)"
                previous = character
                continue
            }
            output.append(character)
            previous = character
        }
        return output
    }

    /// libpq's messages end in a newline and may run over several lines: one line for the user.
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    private func withCStrings<Result>(
        _ strings: [String?], _ body: ([UnsafePointer<CChar>?]) throws -> Result
    ) rethrows -> Result {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
        defer { for pointer in pointers { free(pointer) } }
        return try body(pointers.map { $0.map { UnsafePointer($0) } })
    }
}

/// What the server refused, with its SQLSTATE code (`23505` a unique violation, `40001` a
/// serialization failure, …).
struct PostgresError: Error, CustomStringConvertible {
    var state: String
    var message: String

    var description: String { "\(message) (SQLSTATE \(state))" }

    var isUniqueViolation: Bool { state == "23505" }
    var isSerializationFailure: Bool { state == "40001" || state == "40P01" }
    var isDiskFull: Bool { state == "53100" }
    var isReadOnly: Bool { state == "25006" }
    var isConnectionLost: Bool { state.hasPrefix("08") || state == "57P01" }
}

/// The two forms `--db` and `PADAN_DB` take.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file.
    case file(String)
    /// A libpq connection URI of a PostgreSQL database.
    case postgres(String)

    /// A `postgresql://` or `postgres://` URI names a PostgreSQL database; anything else is a
    /// file path.
    public init(_ text: String) {
        self = PostgresLocation.isURI(text) ? .postgres(text) : .file(text)
    }

    /// The path, or the URI without its password.
    public var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let uri): PostgresLocation.redacted(uri)
        }
    }
}

/// Reading libpq connection URIs.
enum PostgresLocation {
    static func isURI(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The URI with any password replaced by `***` (messages and history never show it).
    static func redacted(_ uri: String) -> String {
        guard let scheme = uri.range(of: "://") else { return uri }
        let rest = uri[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            authority.replaceSubrange(authority.index(after: colon)..<at, with: "***")
        }
        var redacted = String(uri[..<scheme.upperBound]) + authority + rest[authorityEnd...]
        if let password = redacted.range(of: "password=") {
            let end = redacted[password.upperBound...].firstIndex(of: "&") ?? redacted.endIndex
            redacted.replaceSubrange(password.upperBound..<end, with: "***")
        }
        return redacted
    }
}
