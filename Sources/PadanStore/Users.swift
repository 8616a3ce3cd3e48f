import Foundation
import PadanCore

/// A user of a store and what they may do.
public struct StoreUser: Sendable, Hashable, Codable {
    public var name: String
    public var role: StoreRole
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case name, role
        case createdAt = "created_at"
    }
}

extension AlignmentStore {
    /// The users of the store, by name.
    public func users() throws -> [StoreUser] {
        try read { db in
            try db.rows("SELECT name, role, created_at FROM store_user ORDER BY name").map { row in
                guard let role = StoreRole(rawValue: try row.string(1)) else {
                    throw StoreError.database("user \(try row.string(0)) has an unknown role")
                }
                return StoreUser(name: try row.string(0), role: role, createdAt: try row.string(2))
            }
        }
    }

    /// Adds a user with `role`, or changes the role of one who exists (an admin's action).
    /// - Returns: whether the user is new.
    /// - Throws: `StoreError.notPermitted` unless this store's user is an admin.
    @discardableResult
    public func addUser(_ name: String, role: StoreRole) throws -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StoreError.invalidEdit("a user needs a name") }
        return try write { db in
            try Self.requireRole(.admin, user: user, to: "add users", db)
            let existed = try db.value("SELECT 1 FROM store_user WHERE name = ?", trimmed) != nil
            try db.execute(
                """
                INSERT INTO store_user (name, role, created_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET role = excluded.role
                """, trimmed, role.rawValue, Self.now())
            return !existed
        }
    }

    /// Assigns pair `pairID` to `assignee` (nil: to nobody; a supervisor's action).
    /// - Throws: `StoreError.notPermitted`, `.notAUser` for an assignee who is not a user.
    public func assign(pair pairID: Int64, to assignee: String?) throws {
        try write { db in
            try Self.requireRole(.supervisor, user: user, to: "assign pairs", db)
            guard try db.exists(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            if let assignee, try db.value("SELECT 1 FROM store_user WHERE name = ?", assignee) == nil {
                throw StoreError.notAUser(assignee)
            }
            try db.execute("UPDATE document_pair SET assignee = ? WHERE id = ?", assignee, pairID)
        }
    }

    /// Moves pair `pairID` to `state`: a supervisor finishes a pair or reopens a finished one;
    /// only an admin closes a pair or reopens a closed one.
    /// - Throws: `StoreError.notPermitted` with the reason.
    public func setState(pair pairID: Int64, _ state: PairState) throws {
        try write { db in
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            let needed: StoreRole = state == .closed || pair.state == .closed ? .admin : .supervisor
            try Self.requireRole(
                needed, user: user, to: "set a pair \(pair.state == .closed ? "that is closed " : "")to \(state.rawValue)", db)
            try db.execute("UPDATE document_pair SET state = ? WHERE id = ?", state.rawValue, pairID)
        }
    }

    /// The role of `user`; refused when they are not a user of the store.
    static func role(of user: String, _ db: any SQLConnection) throws -> StoreRole {
        guard let text = try db.value("SELECT role FROM store_user WHERE name = ?", user)?.string else {
            throw StoreError.notAUser(user)
        }
        guard let role = StoreRole(rawValue: text) else { throw StoreError.database("user \(user) has an unknown role") }
        return role
    }

    /// Refuses unless `user` has at least role `minimum`.
    static func requireRole(_ minimum: StoreRole, user: String, to action: String, _ db: any SQLConnection) throws {
        let role = try role(of: user, db)
        guard role >= minimum else {
            throw StoreError.notPermitted(
                "\(user) is \(article(role)) \(role.rawValue); only \(article(minimum)) \(minimum.rawValue) or above may \(action)"
            )
        }
    }

    private static func article(_ role: StoreRole) -> String { role == .editor || role == .admin ? "an" : "a" }

    /// Refuses an edit of these pairs by `user` unless their role, each pair's state and its
    /// assignee allow it: closed pairs take no edit; finished pairs only a supervisor's or
    /// admin's; an editor edits open pairs assigned to them or to nobody.
    static func requireMayEdit(pairs: [Int64], user: String, _ db: any SQLConnection) throws {
        let role = try role(of: user, db)
        for pairID in pairs {
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            switch pair.state {
            case .closed:
                throw StoreError.notPermitted(
                    "pair \(pairID) is closed; an admin reopens it with `padan pairs state \(pairID) open`")
            case .finished where role == .editor:
                throw StoreError.notPermitted(
                    "pair \(pairID) is finished; a supervisor reopens it with `padan pairs state \(pairID) open`")
            case .open where role == .editor:
                if let assignee = pair.assignee, assignee != user {
                    throw StoreError.notPermitted("pair \(pairID) is assigned to \(assignee), not to \(user)")
                }
            default: break
            }
        }
    }

    /// The store's first user: whoever opens a store without users for writing becomes its admin
    /// (the one who ran `init`, or who first opened an older store).
    static func adoptFirstAdmin(_ user: String, _ db: any SQLConnection) throws {
        try db.execute(
            "INSERT INTO store_user (name, role, created_at) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM store_user)", user,
            StoreRole.admin.rawValue, now())
    }
}
