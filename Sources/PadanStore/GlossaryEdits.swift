import Foundation
import PadanCore

/// The term rows a glossary edit touched, before and after: enough to undo and redo it exactly.
struct GlossaryDelta: Codable, Sendable {
    var termsBefore: [GlossaryTermRecord] = []
    var termsAfter: [GlossaryTermRecord] = []

    /// The terms it touched: a later edit depends on it when they share one.
    var footprint: Set<Int64> { Set((termsBefore + termsAfter).compactMap(\.id)) }
}

/// Collects what a glossary edit changes while it runs inside its transaction.
final class GlossaryRecorder {
    private var touched: [Int64] = []
    private var touchedSet: Set<Int64> = []
    private var before: [GlossaryTermRecord] = []

    /// Call before changing or deleting these terms.
    func willChange(terms ids: [Int64], _ db: any SQLConnection) throws {
        let fresh = ids.filter { touchedSet.insert($0).inserted }
        touched += fresh
        before += try db.fetchAll(GlossaryTermRecord.self, ids: fresh)
    }

    /// Call after inserting a term.
    func didCreate(term id: Int64) {
        if touchedSet.insert(id).inserted { touched.append(id) }
    }

    var isEmpty: Bool { touched.isEmpty }
    var terms: [Int64] { touched }

    func finish(_ db: any SQLConnection) throws -> GlossaryDelta {
        GlossaryDelta(termsBefore: before, termsAfter: try db.fetchAll(GlossaryTermRecord.self, ids: touched))
    }
}

/// What a glossary edit did, for the CLI and the screen to report.
public struct GlossaryEditSummary: Sendable, Hashable, Codable {
    /// The edit in the glossary's history; nil when nothing changed (an import of known terms).
    public var editID: Int64?
    public var kind: String
    public var summary: String
    /// The terms it added, changed or removed.
    public var terms: [Int64]

    enum CodingKeys: String, CodingKey {
        case editID = "glossary_edit_id"
        case kind, summary, terms
    }
}

/// What an import or a proposal did to the glossary.
public struct GlossaryImportResult: Sendable, Hashable {
    public var added = 0
    /// Terms already stored whose note, domain or status (or, for a proposal, evidence) changed.
    public var updated = 0
    /// Terms already stored as they are (or, for a proposal, already reviewed).
    public var skipped = 0
    public var edit: GlossaryEditSummary
}

/// A term mined from the corpus, with the evidence it was proposed on.
public struct ProposedTerm: Sendable, Hashable {
    public var entry: GlossaryEntry
    public var frequency: Int
    public var score: Double
    public var exampleLinks: [Int64]

    public init(entry: GlossaryEntry, frequency: Int, score: Double, exampleLinks: [Int64]) {
        self.entry = entry
        self.frequency = frequency
        self.score = score
        self.exampleLinks = exampleLinks
    }
}

extension AlignmentStore {
    /// The status a term a user adds gets when they name none: approved from a supervisor or an
    /// admin, proposed from an editor (whose terms wait for a supervisor's approval).
    public func defaultTermStatus() throws -> TermStatus {
        try read { db in try Self.role(of: user, db) >= .supervisor ? .approved : .proposed }
    }

    /// Runs `body` as one recorded glossary edit: one transaction, the term rows before and after
    /// kept in the glossary's history. A newer edit ends its author's redo of the glossary.
    /// - Parameter versions: terms the caller read with their versions: a conflict if any changed.
    func performGlossaryEdit(
        kind: String, comment: String = "", expecting versions: [Int64: Int] = [:],
        _ body: @Sendable (any SQLConnection, GlossaryRecorder) throws -> String
    ) throws -> GlossaryEditSummary {
        try write { db in
            _ = try Self.role(of: user, db)
            for (termID, expected) in versions.sorted(by: { $0.key < $1.key }) {
                guard let current = try db.value("SELECT version FROM glossary_term WHERE id = ?", termID)?.int64 else {
                    throw StoreError.conflict("glossary term #\(termID) does not exist (removed since, or never was)")
                }
                if current != Int64(expected) {
                    throw StoreError.conflict("glossary term #\(termID) is at version \(current), you read version \(expected)")
                }
            }
            let recorder = GlossaryRecorder()
            let summary = try body(db, recorder)
            guard !recorder.isEmpty else { return GlossaryEditSummary(editID: nil, kind: kind, summary: summary, terms: []) }
            let delta = try recorder.finish(db)
            try db.execute("DELETE FROM glossary_edit WHERE undone_at IS NOT NULL AND author = ?", user)
            var edit = GlossaryEditRecord(
                id: nil, kind: kind, summary: summary, author: user, comment: comment, createdAt: Self.now(),
                undo: try Self.canonicalJSON(delta), undoneAt: nil)
            try db.insert(&edit)
            try Self.announceGlossary(db)
            return GlossaryEditSummary(editID: edit.id, kind: kind, summary: summary, terms: recorder.terms)
        }
    }

    /// Refuses to give a term a status other than proposed unless the user is a supervisor or
    /// above: approving, rejecting and deprecating terms is a terminologist's decision.
    static func requireMaySet(_ status: TermStatus, user: String, _ db: any SQLConnection) throws {
        guard status != .proposed else { return }
        try requireRole(.supervisor, user: user, to: "make a glossary term \(status.rawValue)", db)
    }

    /// Adds a term, or changes the note, domain and status of the stored term with the same two
    /// texts and languages.
    /// - Parameter status: the term's status; nil keeps a stored term's and gives a new one
    ///   `defaultTermStatus()`.
    public func addTerm(_ entry: GlossaryEntry, status: TermStatus? = nil) throws -> GlossaryEditSummary {
        let entry = entry.tidied
        guard !entry.source.isEmpty, !entry.target.isEmpty else {
            throw StoreError.invalidEdit("a term needs both its texts (the original's and the translation's)")
        }
        let user = self.user
        return try performGlossaryEdit(kind: "add-term") { db, recorder in
            let chosen = try status ?? (Self.role(of: user, db) >= .supervisor ? .approved : .proposed)
            if var existing = try Self.storedTerm(entry, db), let id = existing.id {
                let newStatus = status ?? existing.status
                if newStatus != existing.status { try Self.requireMaySet(newStatus, user: user, db) }
                guard existing.note != entry.note || existing.domain != entry.domain || existing.status != newStatus else {
                    return "\(Self.describe(existing)) unchanged"
                }
                try recorder.willChange(terms: [id], db)
                existing.note = entry.note
                existing.domain = entry.domain
                existing.status = newStatus
                try Self.touch(&existing, user: user, db)
                return "updated \(Self.describe(existing))"
            }
            try Self.requireMaySet(chosen, user: user, db)
            var entry = entry
            entry.status = chosen
            var record = GlossaryTermRecord(entry: entry, author: user, at: Self.now())
            try db.insert(&record)
            if let id = record.id { recorder.didCreate(term: id) }
            return "added \(Self.describe(record)) (\(chosen.rawValue))"
        }
    }

    /// Changes a term's texts, note or domain (nil leaves a field as it is).
    /// - Parameter version: the version the caller read: a conflict if it changed since.
    public func updateTerm(
        id: Int64, source: String? = nil, target: String? = nil, note: String? = nil, domain: String? = nil,
        expecting version: Int? = nil
    ) throws -> GlossaryEditSummary {
        let user = self.user
        return try performGlossaryEdit(kind: "edit-term", expecting: version.map { [id: $0] } ?? [:]) { db, recorder in
            guard var term = try db.fetch(GlossaryTermRecord.self, id: id) else { throw StoreError.unknownTerm("#\(id)") }
            var edited = term.entry
            if let source { edited.source = source }
            if let target { edited.target = target }
            if let note { edited.note = note }
            if let domain { edited.domain = domain }
            edited = edited.tidied
            guard !edited.source.isEmpty, !edited.target.isEmpty else {
                throw StoreError.invalidEdit("a term needs both its texts (the original's and the translation's)")
            }
            if edited.source != term.sourceTerm || edited.target != term.targetTerm,
                let other = try Self.storedTerm(edited, db), other.id != id
            {
                throw StoreError.invalidEdit(
                    "the glossary already holds \(Self.describe(other)) as term #\(other.id ?? 0); edit or remove that one")
            }
            // Changing the words of an approved term changes a rule: a supervisor's decision.
            if term.status != .proposed, edited.source != term.sourceTerm || edited.target != term.targetTerm {
                try Self.requireMaySet(term.status, user: user, db)
            }
            try recorder.willChange(terms: [id], db)
            term.sourceTerm = edited.source
            term.targetTerm = edited.target
            term.note = edited.note
            term.domain = edited.domain
            try Self.touch(&term, user: user, db)
            return "edited \(Self.describe(term))"
        }
    }

    /// Sets the status of terms (approve, reject, deprecate, propose again) in one edit.
    /// - Parameter comment: why, kept in the glossary's history (a term's note is the
    ///   translators' and stays as it is).
    /// - Parameter versions: terms the caller read with their versions: a conflict if any changed.
    public func setTermStatus(
        _ status: TermStatus, terms ids: [Int64], comment: String = "", expecting versions: [Int64: Int] = [:]
    ) throws -> GlossaryEditSummary {
        let user = self.user
        var seen: Set<Int64> = []
        let unique = ids.filter { seen.insert($0).inserted }
        return try performGlossaryEdit(kind: status.rawValue, comment: comment, expecting: versions) { db, recorder in
            try Self.requireMaySet(status, user: user, db)
            let terms = try Self.terms(ids: unique, db)
            let changing = terms.filter { $0.status != status }
            try recorder.willChange(terms: changing.compactMap(\.id), db)
            for var term in changing {
                term.status = status
                try Self.touch(&term, user: user, db)
            }
            guard !changing.isEmpty else { return "\(Self.describe(terms: unique)) already \(status.rawValue)" }
            return "\(status.rawValue) " + (changing.count == 1 ? Self.describe(changing[0]) : Self.describe(terms: unique))
        }
    }

    /// Removes terms by id in one edit (undo brings them back with their ids).
    public func removeTerms(ids: [Int64]) throws -> GlossaryEditSummary {
        let user = self.user
        return try performGlossaryEdit(kind: "remove-term") { db, recorder in
            let terms = try Self.terms(ids: ids, db)
            for term in terms where term.status != .proposed { try Self.requireMaySet(term.status, user: user, db) }
            try recorder.willChange(terms: ids, db)
            try db.delete(GlossaryTermRecord.self, ids: ids)
            return "removed " + (terms.count == 1 ? Self.describe(terms[0]) : Self.describe(terms: ids))
        }
    }

    /// Removes the terms whose translation is `target` (all its equivalents, or only `source`).
    /// - Returns: the edit, and how many terms went.
    public func removeTerms(target: String, source: String? = nil, languages: LanguagePair = .englishIndonesian) throws
        -> (edit: GlossaryEditSummary, removed: Int)
    {
        let target = GlossaryEntry.tidy(target)
        let source = source.map(GlossaryEntry.tidy)
        let ids = try glossary(languages: languages).filter {
            $0.targetTerm == target && (source == nil || $0.sourceTerm == source)
        }
        .compactMap(\.id)
        guard !ids.isEmpty else { throw StoreError.unknownTerm(source.map { "\(target) → \($0)" } ?? target) }
        return (try removeTerms(ids: ids), ids.count)
    }

    /// Imports terms in one edit: new ones added, stored ones given the file's note, domain and
    /// status, identical ones skipped.
    public func importTerms(_ entries: [GlossaryEntry]) throws -> GlossaryImportResult {
        let user = self.user
        let counts = Counts()
        let edit = try performGlossaryEdit(kind: "import-terms") { db, recorder in
            for status in Set(entries.map(\.status)) { try Self.requireMaySet(status, user: user, db) }
            for entry in entries.map(\.tidied) where !entry.source.isEmpty && !entry.target.isEmpty {
                try Self.upsert(
                    GlossaryTermRecord(entry: entry, author: user, at: Self.now()), user: user, counts: counts, recorder, db
                ) { existing in
                    guard existing.note != entry.note || existing.domain != entry.domain || existing.status != entry.status
                    else { return false }
                    existing.note = entry.note
                    existing.domain = entry.domain
                    existing.status = entry.status
                    return true
                }
            }
            return "imported \(counts.added) terms, updated \(counts.updated)"
        }
        return GlossaryImportResult(added: counts.added, updated: counts.updated, skipped: counts.skipped, edit: edit)
    }

    /// Stores mined terms as proposed, in one edit. A pair already in the glossary keeps its
    /// status: a rejected term is never proposed again, an approved one stays approved; a term
    /// still proposed gets the new evidence.
    public func proposeTerms(_ proposals: [ProposedTerm]) throws -> GlossaryImportResult {
        let user = self.user
        let counts = Counts()
        let edit = try performGlossaryEdit(kind: "propose-terms") { db, recorder in
            for proposal in proposals {
                var entry = proposal.entry.tidied
                entry.status = .proposed
                let record = GlossaryTermRecord(
                    entry: entry, author: user, at: Self.now(), frequency: proposal.frequency, score: proposal.score,
                    exampleLinks: proposal.exampleLinks)
                try Self.upsert(record, user: user, counts: counts, recorder, db) { existing in
                    guard existing.status == .proposed,
                        existing.frequency != proposal.frequency || existing.exampleLinks != proposal.exampleLinks
                    else { return false }
                    existing.frequency = proposal.frequency
                    existing.score = proposal.score
                    existing.exampleLinks = proposal.exampleLinks
                    return true
                }
            }
            return "proposed \(counts.added) terms, refreshed \(counts.updated)"
        }
        return GlossaryImportResult(added: counts.added, updated: counts.updated, skipped: counts.skipped, edit: edit)
    }

    /// Counters a transaction body fills in (bodies are `@Sendable`; each runs once, on the caller's thread).
    private final class Counts: @unchecked Sendable {
        var added = 0
        var updated = 0
        var skipped = 0
    }

    /// Stores `record` as a new term, or, when the glossary holds a term of the same languages and
    /// texts, lets `update` change that one (false: it stays as it is); counts which it was.
    private static func upsert(
        _ record: GlossaryTermRecord, user: String, counts: Counts, _ recorder: GlossaryRecorder, _ db: any SQLConnection,
        update: (inout GlossaryTermRecord) -> Bool
    ) throws {
        if var existing = try storedTerm(record.entry, db), let id = existing.id {
            var changed = existing
            guard update(&changed) else {
                counts.skipped += 1
                return
            }
            try recorder.willChange(terms: [id], db)
            existing = changed
            try touch(&existing, user: user, db)
            counts.updated += 1
        } else {
            var record = record
            try db.insert(&record)
            if let id = record.id { recorder.didCreate(term: id) }
            counts.added += 1
        }
    }

    /// The terms with these ids.
    /// - Throws: `StoreError.unknownTerm` naming the first id that is no term.
    static func terms(ids: [Int64], _ db: any SQLConnection) throws -> [GlossaryTermRecord] {
        let terms = try db.fetchAll(GlossaryTermRecord.self, ids: ids)
        let found = Set(terms.compactMap(\.id))
        if let missing = ids.first(where: { !found.contains($0) }) { throw StoreError.unknownTerm("#\(missing)") }
        return terms
    }

    /// The stored term with the same languages and texts as `entry`, if any.
    static func storedTerm(_ entry: GlossaryEntry, _ db: any SQLConnection) throws -> GlossaryTermRecord? {
        try db.fetchFirst(
            GlossaryTermRecord.self,
            where: "WHERE source_language = ? AND target_language = ? AND source_term = ? AND target_term = ?",
            entry.languages.source, entry.languages.target, entry.source, entry.target)
    }

    /// Writes a changed term with its new author, time and version.
    private static func touch(_ term: inout GlossaryTermRecord, user: String, _ db: any SQLConnection) throws {
        term.author = user
        term.updatedAt = now()
        term.version += 1
        try db.update(term)
    }

    /// `#12 White House → Gedung Putih`: how a summary names a term.
    static func describe(_ term: GlossaryTermRecord) -> String {
        "#\(term.id ?? 0) \(term.sourceTerm) → \(term.targetTerm)"
    }

    static func describe(terms ids: [Int64]) -> String {
        if ids.count == 1 { return "term #\(ids[0])" }
        if ids.count <= 12 { return "terms " + ids.map { "#\($0)" }.joined(separator: ", ") }
        return "\(ids.count) terms"
    }
}

extension AlignmentStore {
    /// The glossary's history, oldest first.
    public func glossaryHistory() throws -> [GlossaryEditRecord] {
        try read { db in try db.fetchAll(GlossaryEditRecord.self, where: "ORDER BY id") }
    }

    /// Undoes this user's (with `anyone`, anybody's) newest glossary edit not yet undone,
    /// restoring exactly the terms it changed. Refused, naming it, when a later edit still
    /// applied changed one of the same terms.
    public func undoGlossary(anyone: Bool = false) throws -> GlossaryEditSummary {
        try stepGlossary(undoing: true, anyone: anyone)
    }

    /// Re-applies this user's (with `anyone`, anybody's) oldest undone glossary edit; refused when
    /// an edit made since changed one of the same terms.
    public func redoGlossary(anyone: Bool = false) throws -> GlossaryEditSummary {
        try stepGlossary(undoing: false, anyone: anyone)
    }

    private func stepGlossary(undoing: Bool, anyone: Bool) throws -> GlossaryEditSummary {
        let user = self.user
        return try write { db in
            _ = try Self.role(of: user, db)
            let state = undoing ? "undone_at IS NULL" : "undone_at IS NOT NULL"
            let order = undoing ? "id DESC" : "id"
            let byAuthor = anyone ? "" : " AND author = ?"
            guard
                var edit = try db.rows(
                    "SELECT \(GlossaryEditRecord.columnList) FROM glossary_edit WHERE \(state)\(byAuthor) ORDER BY \(order) LIMIT 1",
                    anyone ? [] : [.text(user)]
                ).first.map(GlossaryEditRecord.init)
            else {
                throw undoing ? StoreError.nothingToUndoInGlossary : StoreError.nothingToRedoInGlossary
            }
            let editID = edit.id ?? 0
            let delta = try JSONDecoder().decode(GlossaryDelta.self, from: Data(edit.undo.utf8))
            let footprint = delta.footprint
            for later in try db.fetchAll(GlossaryEditRecord.self, where: "WHERE id > ? AND undone_at IS NULL ORDER BY id", editID)
            {
                let laterDelta = try JSONDecoder().decode(GlossaryDelta.self, from: Data(later.undo.utf8))
                guard !footprint.isDisjoint(with: laterDelta.footprint) else { continue }
                throw StoreError.dependentGlossaryEdit(
                    edit: editID, summary: edit.summary, later: later.id ?? 0, laterSummary: later.summary,
                    laterAuthor: later.author == user ? nil : later.author, redo: !undoing)
            }
            let (old, new) = undoing ? (delta.termsAfter, delta.termsBefore) : (delta.termsBefore, delta.termsAfter)
            // Statuses are a supervisor's: undoing an approval is as much a decision as making it.
            for term in old + new where term.status != .proposed { try Self.requireMaySet(term.status, user: user, db) }
            try db.delete(GlossaryTermRecord.self, ids: Array(footprint))
            try db.insertAll(new)
            edit.undoneAt = undoing ? Self.now() : nil
            try db.update(edit)
            try Self.announceGlossary(db)
            return GlossaryEditSummary(
                editID: editID, kind: undoing ? "undo" : "redo",
                summary: "\(undoing ? "undid" : "redid"): \(edit.summary)", terms: Array(footprint).sorted())
        }
    }
}
