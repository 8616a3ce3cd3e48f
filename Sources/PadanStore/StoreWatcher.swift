import GRDB

/// What other processes changed in the store since a watcher last looked.
public enum OutsideChange: Sendable, Equatable {
    case none
    /// These pairs were edited (PostgreSQL says which).
    case pairs(Set<Int64>)
    /// Something was written: SQLite does not say what; on PostgreSQL, the glossary (which
    /// changes how every pair's terms are marked).
    case unknown
}

/// Notices edits that other processes (other reviewers) commit to the store, cheaply enough to
/// ask a few times a second: on PostgreSQL through `LISTEN` (every edit notifies the pairs it
/// changed), on SQLite through `PRAGMA data_version` of the store's own writing connection,
/// which moves only for other connections' commits. This process's own edits are not news.
public final class StoreWatcher {
    /// The channel every edit notifies with the ids of the pairs it changed.
    static let channel = "padan_pairs"
    /// What a glossary edit notifies on the channel.
    static let glossaryPayload = "glossary"

    private let store: AlignmentStore
    private var listener: PostgresConnection?
    private var dataVersion: Int?

    /// Starts watching; reads the current state so only later changes count.
    /// - Throws: `StoreError` when the store cannot be read or a listener cannot connect.
    public init(store: AlignmentStore) throws {
        self.store = store
        switch store.backend {
        case .postgres(let database):
            let listener = try PostgresConnection(uri: database.uri)
            try listener.query("LISTEN \(Self.channel)")
            self.listener = listener
        case .sqlite:
            dataVersion = try currentDataVersion()
        }
    }

    /// What others changed since the last call (or since the watcher started).
    public func poll() throws -> OutsideChange {
        switch store.backend {
        case .postgres(let database):
            guard let listener else { return .none }
            var pairs: Set<Int64> = []
            var glossary = false
            for notification in try listener.notifications()
            where notification.channel == Self.channel && notification.sender != database.backendPID {
                if notification.payload == Self.glossaryPayload { glossary = true }
                pairs.formUnion(notification.payload.split(separator: ",").compactMap { Int64($0) })
            }
            if glossary { return .unknown }
            return pairs.isEmpty ? .none : .pairs(pairs)
        case .sqlite:
            let now = try currentDataVersion()
            defer { dataVersion = now }
            return now == dataVersion ? .none : .unknown
        }
    }

    private func currentDataVersion() throws -> Int? {
        guard case .sqlite(let writer) = store.backend else { return nil }
        do {
            // The writing connection, outside any transaction: its own commits leave the value as it is.
            return try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
        } catch {
            throw AlignmentStore.mapError(error, path: store.path)
        }
    }
}

extension AlignmentStore {
    /// Tells the watchers of a PostgreSQL store (other reviewers' screens) which pairs an edit
    /// changed; delivered when the transaction commits, dropped if it rolls back.
    /// Tells the watchers a glossary edit was made (see `announce(pairs:)`).
    static func announceGlossary(_ db: any SQLConnection) throws {
        guard db.dialect == .postgres else { return }
        _ = try db.rows("SELECT pg_notify(?, ?)", StoreWatcher.channel, StoreWatcher.glossaryPayload)
    }

    static func announce(pairs: [Int64], _ db: any SQLConnection) throws {
        guard db.dialect == .postgres, !pairs.isEmpty else { return }
        _ = try db.rows("SELECT pg_notify(?, ?)", StoreWatcher.channel, pairs.map(String.init).joined(separator: ","))
    }
}
