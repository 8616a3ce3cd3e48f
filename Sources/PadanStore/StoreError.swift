/// What can go wrong with the alignment store, each with a message that says what to do next.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case missingStore(path: String)
    case alreadyExists(path: String)
    case notAStore(path: String)
    case locked(path: String)
    case readOnly(path: String)
    case unknownPair(Int64)
    case unknownLink(Int64)
    case unknownSentence(Int64)
    case unknownTerm(String)
    case invalidEdit(String)
    case conflict(String)
    case nothingToUndo(pair: Int64?)
    case database(String)

    public var description: String {
        switch self {
        case .missingStore(let path):
            return "no store at \(path); create one with `padan init` (or pass --db PATH)"
        case .alreadyExists(let path):
            return "a store already exists at \(path); use it, or pass another --db PATH"
        case .notAStore(let path):
            return "\(path) is not a Padan store (not an SQLite database, or damaged); pass the right --db PATH"
        case .locked(let path):
            return "the store \(path) is locked by another process; try again when it has finished"
        case .readOnly(let path):
            return "the store \(path) is read-only; check its permissions"
        case .unknownPair(let id):
            return "no pair with id \(id); `padan pairs` lists pair ids"
        case .unknownLink(let id):
            return "no link with id \(id); `padan pairs list PAIR` lists link ids"
        case .unknownSentence(let id):
            return "no sentence with id \(id); `padan pairs show LINK` lists sentence ids"
        case .unknownTerm(let term):
            return "no glossary term \(term); `padan glossary list` lists terms"
        case .invalidEdit(let reason):
            return reason
        case .conflict(let reason):
            return "\(reason); it changed since you read it: list it again and retry"
        case .nothingToUndo(let pair):
            return pair.map { "nothing to undo for pair \($0)" } ?? "nothing to undo"
        case .database(let message):
            return "database error: \(message)"
        }
    }

    /// Whether the user can fix it (exit status 1) rather than an internal failure (2).
    public var isUserError: Bool {
        if case .database = self { return false }
        return true
    }
}
