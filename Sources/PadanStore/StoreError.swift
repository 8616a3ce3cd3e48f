/// What can go wrong with the alignment store, each with a message that says what to do next.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case missingStore(path: String)
    case missingFolder(path: String, folder: String)
    case alreadyExists(path: String)
    case notAStore(path: String)
    case isDirectory(path: String)
    case emptyStore(path: String)
    case foreignDatabase(path: String, tables: [String])
    case newerSchema(path: String, version: Int)
    case damaged(path: String, detail: String)
    case diskFull(path: String)
    case ioError(path: String, detail: String)
    case unreadable(path: String)
    case locked(path: String)
    case readOnly(path: String)
    case unknownPair(Int64)
    case unknownLink(Int64)
    case unknownSentence(Int64)
    case unknownTerm(String)
    case invalidEdit(String)
    case conflict(String)
    case nothingToUndo(pair: Int64?)
    case nothingToRedo(pair: Int64?)
    case dependentEdit(
        edit: Int64, summary: String, pair: Int64, later: Int64, laterSummary: String, laterAuthor: String? = nil,
        redo: Bool = false)
    case redoOvertaken(edit: Int64, summary: String, later: Int64, laterSummary: String, laterAuthor: String?)
    case nothingToUndoInGlossary
    case nothingToRedoInGlossary
    case dependentGlossaryEdit(edit: Int64, summary: String, later: Int64, laterSummary: String, laterAuthor: String?, redo: Bool)
    case database(String)
    case cannotConnect(String, reason: String)
    case notAUser(String)
    case notPermitted(String)
    case leaseLost(job: Int64)

    public var description: String {
        switch self {
        case .missingStore(let path):
            return "no store at \(path); create one with `padan init` (or pass --db PATH)"
        case .missingFolder(let path, let folder):
            return "cannot create \(path): the folder \(folder) does not exist; create it first (mkdir -p \(folder))"
        case .alreadyExists(let path):
            return "a store already exists at \(path); use it, or pass another --db PATH|URI"
        case .notAStore(let path):
            return "\(path) is not a Padan store (not an SQLite database); pass the right --db PATH"
        case .isDirectory(let path):
            return "\(path) is a folder, not a Padan store; pass the store's file with --db PATH"
        case .emptyStore(let path):
            return "\(path) is empty, not a Padan store; make it one with `padan init --db \(path)`"
        case .foreignDatabase(let path, let tables):
            let held = tables.isEmpty ? "" : " (it holds tables \(tables.joined(separator: ", ")))"
            let kind = PostgresLocation.isURI(path) ? "PostgreSQL" : "SQLite"
            return "\(path) is another application's \(kind) database\(held), not a Padan store; pass the right --db PATH|URI"
        case .newerSchema(let path, let version):
            return "\(path) was made by a newer padan (store schema \(version)); update padan to use it"
        case .damaged(let path, let detail):
            return
                "the store \(path) is damaged (\(detail)); restore it from a backup or recover it with `sqlite3 \(path) .recover`"
        case .diskFull(let path):
            return "no space left on the device of \(path); nothing was written: free some space and retry"
        case .ioError(let path, let detail):
            return "cannot write \(path) (\(detail)); nothing was written"
        case .unreadable(let path):
            return "\(path) cannot be read; check its permissions"
        case .locked(let path):
            return "the store \(path) is locked by another process; try again when it has finished"
        case .readOnly(let path):
            return "the store \(path) is read-only; check its permissions"
        case .unknownPair(let id):
            return "no pair with id \(id); `padan pairs list` lists pair ids"
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
        case .nothingToRedo(let pair):
            return pair.map { "nothing to redo for pair \($0)" } ?? "nothing to redo"
        case .dependentEdit(let edit, let summary, let pair, let other, let otherSummary, let author, let redo):
            let by = author.map { " by \($0)" } ?? ""
            if redo {
                let how = author.map { "\($0) redoes it, or `padan redo \(pair) --anyone`" } ?? "`padan redo \(pair)`"
                return
                    "edit \(edit) (\(summary)) also changed pair \(pair), where the older edit \(other)\(by) (\(otherSummary)) it was made on is undone; redo that first (\(how))"
            }
            let how = author.map { "\($0) undoes it, or `padan undo \(pair) --anyone`" } ?? "`padan undo \(pair)`"
            return
                "edit \(edit) (\(summary)) also changed pair \(pair), whose later edit \(other)\(by) (\(otherSummary)) depends on it; undo that first (\(how))"
        case .redoOvertaken(let edit, let summary, let other, let otherSummary, let author):
            let by = author.map { " by \($0)" } ?? ""
            return
                "edit \(edit) (\(summary)) cannot be redone: the later edit \(other)\(by) (\(otherSummary)) changed the same links or sentences since"
        case .nothingToUndoInGlossary:
            return "nothing to undo in the glossary"
        case .nothingToRedoInGlossary:
            return "nothing to redo in the glossary"
        case .dependentGlossaryEdit(let edit, let summary, let other, let otherSummary, let author, let redo):
            let by = author.map { " by \($0)" } ?? ""
            if redo {
                return
                    "glossary edit \(edit) (\(summary)) cannot be redone: the later glossary edit \(other)\(by) (\(otherSummary)) changed the same terms since"
            }
            let how = author.map { "\($0) undoes it, or `padan undo --glossary --anyone`" } ?? "`padan undo --glossary`"
            return
                "glossary edit \(edit) (\(summary)) changed terms that the later glossary edit \(other)\(by) (\(otherSummary)) changed again; undo that first (\(how))"
        case .database(let message):
            return "database error: \(message)"
        case .cannotConnect(let location, let reason):
            return "cannot connect to \(location): \(reason)"
        case .notAUser(let name):
            return "\(name) is not a user of this store; an admin adds them with `padan users add \(name) --role editor`"
        case .notPermitted(let reason):
            return "not permitted: \(reason)"
        case .leaseLost(let job):
            return "import job \(job) was taken over by another worker (this worker's lease ran out); nothing was stored twice"
        }
    }

    /// Whether the user can fix it (exit status 1) rather than an internal failure (2).
    public var isUserError: Bool {
        if case .database = self { return false }
        return true
    }
}
