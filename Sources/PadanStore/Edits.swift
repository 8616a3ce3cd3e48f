import Foundation
import PadanCore

/// Ordinals of one document after `after` moved by `delta`: what a sentence split (+1) or merge
/// (−1) does to every later sentence and to the link boundaries of every pair using the document.
/// Kept in an edit's record as this one fact rather than as the rows it moved, so that an edit
/// costs what it changes, not the length of the document.
struct OrdinalShift: Codable, Sendable, Hashable {
    var documentID: Int64
    var after: Int
    var delta: Int

    /// The shift that takes the ordinals back: those now after `after + delta` move by `-delta`.
    var inverse: OrdinalShift { OrdinalShift(documentID: documentID, after: after + delta, delta: -delta) }
}

/// A sentence inserted into a document at `ordinal`: later sentences move down one, and so do
/// the link boundaries after it in every pair using the document, except a link with no sentence
/// on that side standing exactly there (it stays before the new sentence). Kept as this one fact.
struct SentenceInsertion: Codable, Sendable, Hashable {
    var documentID: Int64
    var ordinal: Int
}

/// Paragraph numbers of one document from sentence `from` on moved by `delta`: a paragraph
/// break added (+1) or removed (−1) before that sentence. Kept as this one fact, like an ordinal
/// shift.
struct ParagraphShift: Codable, Sendable, Hashable {
    var documentID: Int64
    var from: Int
    var delta: Int
}

/// A status change of many links (confirm, reject), kept as the few fields it changes rather
/// than as whole rows: bulk confirms of 100,000 links stay small to record and quick to undo.
struct StatusChange: Codable, Sendable {
    var links: [Int64]
    var statusesBefore: [LinkStatus]
    var versionsBefore: [Int]
    var updatedBefore: [String]
    var statusAfter: LinkStatus
    var updatedAfter: String
    /// The links' notes before, when the edit set a new one (`noteAfter`).
    var notesBefore: [String]? = nil
    var noteAfter: String? = nil
}

/// The rows an edit touched, before and after, and the ordinal shifts it made, so that it can be
/// undone and redone exactly.
struct EditDelta: Codable, Sendable {
    var linksBefore: [LinkRecord] = []
    var linksAfter: [LinkRecord] = []
    var sentencesBefore: [SentenceRecord] = []
    var sentencesAfter: [SentenceRecord] = []
    /// Applied, in order, between removing the "before" rows and writing the "after" rows.
    var shifts: [OrdinalShift] = []
    /// A status edit's changes, field by field.
    var statusChange: StatusChange?
    /// A paragraph break added or removed.
    var paragraphShift: ParagraphShift?
    /// A sentence typed in (a translation for a 1-0 link).
    var insertion: SentenceInsertion?

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        linksBefore = try container.decode([LinkRecord].self, forKey: .linksBefore)
        linksAfter = try container.decode([LinkRecord].self, forKey: .linksAfter)
        sentencesBefore = try container.decode([SentenceRecord].self, forKey: .sentencesBefore)
        sentencesAfter = try container.decode([SentenceRecord].self, forKey: .sentencesAfter)
        // Records written before shifts existed snapshot every moved row instead.
        shifts = try container.decodeIfPresent([OrdinalShift].self, forKey: .shifts) ?? []
        statusChange = try container.decodeIfPresent(StatusChange.self, forKey: .statusChange)
        paragraphShift = try container.decodeIfPresent(ParagraphShift.self, forKey: .paragraphShift)
        insertion = try container.decodeIfPresent(SentenceInsertion.self, forKey: .insertion)
    }
}

/// The rows an edit touched: a later edit depends on it when their footprints overlap.
struct EditFootprint {
    var links: Set<Int64>
    var sentences: Set<Int64>
    /// Renumbered sentences or moved paragraphs: every later edit of its pairs may depend on it.
    var renumbers: Bool

    init(_ delta: EditDelta) {
        links = Set((delta.linksBefore + delta.linksAfter).compactMap(\.id)).union(delta.statusChange?.links ?? [])
        sentences = Set((delta.sentencesBefore + delta.sentencesAfter).compactMap(\.id))
        renumbers = !delta.shifts.isEmpty || delta.insertion != nil || delta.paragraphShift != nil
    }

    func overlaps(_ other: EditFootprint) -> Bool {
        renumbers || other.renumbers || !links.isDisjoint(with: other.links) || !sentences.isDisjoint(with: other.sentences)
    }
}

/// Collects what an edit changes while it runs inside its transaction.
final class EditRecorder {
    private var touchedLinks: [Int64] = []
    private var touchedLinkSet: Set<Int64> = []
    private var touchedSentences: [Int64] = []
    private var touchedSentenceSet: Set<Int64> = []
    private(set) var pairs: Set<Int64> = []
    private var delta = EditDelta()

    /// Call before changing or deleting these links.
    func willChange(links ids: [Int64], _ db: any SQLConnection) throws {
        let fresh = ids.filter { touchedLinkSet.insert($0).inserted }
        touchedLinks += fresh
        let records = try db.fetchAll(LinkRecord.self, ids: fresh)
        delta.linksBefore += records
        for record in records { pairs.insert(record.pairID) }
    }

    /// Call after inserting a link.
    func didCreate(link id: Int64, pair pairID: Int64) {
        if touchedLinkSet.insert(id).inserted { touchedLinks.append(id) }
        pairs.insert(pairID)
    }

    func willChange(sentences ids: [Int64], _ db: any SQLConnection) throws {
        let fresh = ids.filter { touchedSentenceSet.insert($0).inserted }
        touchedSentences += fresh
        delta.sentencesBefore += try db.fetchAll(SentenceRecord.self, ids: fresh)
    }

    func didCreate(sentence id: Int64) {
        if touchedSentenceSet.insert(id).inserted { touchedSentences.append(id) }
    }

    /// Records a status change (about to be applied) of links of `pairID`.
    func willChangeStatus(_ change: StatusChange, pair pairID: Int64) {
        delta.statusChange = change
        pairs.insert(pairID)
    }

    /// Records a sentence insertion (already applied) of a document the pairs use.
    func didInsert(_ insertion: SentenceInsertion, pairs shifted: [Int64]) {
        delta.insertion = insertion
        pairs.formUnion(shifted)
    }

    /// Records a paragraph shift (already applied) of a document the pairs use.
    func didShiftParagraphs(_ shift: ParagraphShift, pairs shifted: [Int64]) {
        delta.paragraphShift = shift
        pairs.formUnion(shifted)
    }

    /// Records a shift of a document's ordinals (already applied) and the pairs it moves.
    func didShift(_ shift: OrdinalShift, pairs shifted: [Int64]) {
        delta.shifts.append(shift)
        pairs.formUnion(shifted)
    }

    func finish(_ db: any SQLConnection) throws -> EditDelta {
        delta.linksAfter = try db.fetchAll(LinkRecord.self, ids: touchedLinks)
        delta.sentencesAfter = try db.fetchAll(SentenceRecord.self, ids: touchedSentences)
        return delta
    }
}

/// What an edit did, for the CLI to report.
public struct EditSummary: Sendable, Hashable, Codable {
    public var editID: Int64
    public var pairID: Int64
    /// Every pair the edit changed (a sentence edit changes each pair using the document).
    public var pairs: [Int64]
    public var kind: String
    public var summary: String
    /// The links the edit removed or rewrote, and the links it left in their place: enough for a
    /// screen to update its list without reading every link again. Not part of the JSON form.
    public var linkChanges = LinkChanges()

    enum CodingKeys: String, CodingKey {
        case editID = "edit_id"
        case pairID = "pair_id"
        case pairs, kind, summary
    }

    public init(
        editID: Int64, pairID: Int64, pairs: [Int64]? = nil, kind: String, summary: String,
        linkChanges: LinkChanges = LinkChanges()
    ) {
        self.editID = editID
        self.pairID = pairID
        self.pairs = pairs ?? [pairID]
        self.kind = kind
        self.summary = summary
        self.linkChanges = linkChanges
    }
}

/// Links an edit took away (by id) and the links it wrote, as they are now.
public struct LinkChanges: Sendable, Hashable {
    public var removed: Set<Int64> = []
    public var written: [LinkOutline] = []
    /// Whether the edit also moved the ordinals of links it did not rewrite (a sentence edit):
    /// a list of links then needs reading again.
    public var shiftsOrdinals = false
    /// Links whose status and version changed in place (a confirm, a reject, their undo).
    public var statuses: [Int64: StatusUpdate] = [:]

    /// A link's new status and version.
    public struct StatusUpdate: Sendable, Hashable {
        public var status: LinkStatus
        public var version: Int
    }

    public init(
        removed: Set<Int64> = [], written: [LinkOutline] = [], shiftsOrdinals: Bool = false,
        statuses: [Int64: StatusUpdate] = [:]
    ) {
        self.removed = removed
        self.written = written
        self.shiftsOrdinals = shiftsOrdinals
        self.statuses = statuses
    }

    /// What `delta` changes, going forward (or back, for an undo).
    init(_ delta: EditDelta, forward: Bool) {
        self.init(
            replacing: forward ? delta.linksBefore : delta.linksAfter, with: forward ? delta.linksAfter : delta.linksBefore,
            shiftsOrdinals: !delta.shifts.isEmpty)
        if let change = delta.statusChange {
            var updates: [Int64: StatusUpdate] = [:]
            updates.reserveCapacity(change.links.count)
            for (index, id) in change.links.enumerated() {
                updates[id] =
                    forward
                    ? StatusUpdate(status: change.statusAfter, version: change.versionsBefore[index] + 1)
                    : StatusUpdate(status: change.statusesBefore[index], version: change.versionsBefore[index])
            }
            statuses = updates
        }
    }

    init(replacing before: [LinkRecord], with after: [LinkRecord], shiftsOrdinals: Bool = false) {
        removed = Set(before.compactMap(\.id)).union(after.compactMap(\.id))
        written = after.filter { $0.id != nil }.map(\.outline)
        self.shiftsOrdinals = shiftsOrdinals
    }
}

/// Who makes the edits of this process: `PADAN_USER`, else the login name.
public enum EditAuthor {
    /// The name edits of this process are recorded under.
    public static var current: String {
        let environment = ProcessInfo.processInfo.environment
        for key in ["PADAN_USER", "USER", "LOGNAME"] {
            if let name = environment[key], !name.isEmpty { return name }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}

extension AlignmentStore {
    /// Runs `body` as one recorded edit of `pairID` (and of every other pair it changes): one
    /// transaction, with the before and after rows kept in the history. A newer edit discards the
    /// undone ones of the pairs it changes (no redo past it).
    ///
    /// `expecting` maps link ids to the versions the caller read: when any link has changed (or
    /// gone) since, the edit is refused as a conflict and nothing is written.
    func performEdit(
        pair pairID: Int64, kind: String, expecting versions: [Int64: Int] = [:], comment: String = "",
        _ body: @Sendable (any SQLConnection, EditRecorder) throws -> String
    ) throws -> EditSummary {
        try write { db in
            try Self.requireVersions(versions, db)
            return try Self.recordEdit(pair: pairID, kind: kind, comment: comment, author: user, db, body)
        }
    }

    /// One recorded edit inside a transaction the caller holds.
    static func recordEdit(
        pair pairID: Int64, kind: String, comment: String = "", author: String, _ db: any SQLConnection,
        _ body: (any SQLConnection, EditRecorder) throws -> String
    ) throws -> EditSummary {
        guard try db.exists(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
        try requireMayEdit(pairs: [pairID], user: author, db)
        let recorder = EditRecorder()
        let summary = try body(db, recorder)
        let delta = try recorder.finish(db)
        let pairs = recorder.pairs.union([pairID]).sorted()
        // A sentence edit changes every pair using the document: each must allow it.
        try requireMayEdit(pairs: pairs.filter { $0 != pairID }, user: author, db)
        try discardUndone(pairs: pairs, author: author, db)
        var edit = EditRecord(
            id: nil, pairID: pairID, kind: kind, summary: summary, createdAt: now(),
            undo: try Self.canonicalJSON(delta), undoneAt: nil,
            author: author, comment: comment)
        try db.insert(&edit)
        guard let editID = edit.id else { throw StoreError.database("edit insert returned no id") }
        for pair in pairs {
            try db.execute("INSERT INTO pair_edit (pair_id, edit_id) VALUES (?, ?)", pair, editID)
        }
        try announce(pairs: pairs, db)
        return EditSummary(
            editID: editID, pairID: pairID, pairs: pairs, kind: kind, summary: summary,
            linkChanges: LinkChanges(delta, forward: true))
    }

    /// Refuses, as a conflict, when any link given has gone or is at another version.
    static func requireVersions(_ versions: [Int64: Int], _ db: any SQLConnection) throws {
        for (linkID, expected) in versions.sorted(by: { $0.key < $1.key }) {
            guard let current = try db.value("SELECT version FROM link WHERE id = ?", linkID)?.int64.map(Int.init) else {
                throw StoreError.conflict("link \(linkID) does not exist (merged, split or relinked since, or never was)")
            }
            if current != expected {
                throw StoreError.conflict("link \(linkID) is at version \(current), you read version \(expected)")
            }
        }
    }

    /// A new edit of these pairs ends its author's redo there: their undone edits go. Others'
    /// undone edits stay (each author has their own undo); redoing one is refused when an edit
    /// made since changed the same rows.
    static func discardUndone(pairs: [Int64], author: String, _ db: any SQLConnection) throws {
        for pair in pairs {
            try db.execute(
                """
                DELETE FROM edit WHERE undone_at IS NOT NULL AND author = ?
                  AND id IN (SELECT edit_id FROM pair_edit WHERE pair_id = ?)
                """, author, pair)
        }
    }

    /// Sets the status of links (confirm, reject): one edit per pair, all in one transaction.
    /// `expectedVersions`, when given, refuses the whole change if any link named there changed
    /// since the caller read it (whether or not it is among the links set).
    /// - Parameter comment: why (a rejection's reason, say): kept in the history and, as the
    ///   links' note, carried by exports.
    public func setStatus(
        _ status: LinkStatus, links linkIDs: [Int64], expectedVersions: [Int64: Int]? = nil, comment: String? = nil
    ) throws -> [EditSummary] {
        try write { db in
            try Self.requireVersions(expectedVersions ?? [:], db)
            var seen: Set<Int64> = []
            let unique = linkIDs.filter { seen.insert($0).inserted }
            var pairOfLink: [Int64: Int64] = [:]
            pairOfLink.reserveCapacity(unique.count)
            for chunk in Chunked.chunks(unique, db.dialect) {
                for row in try db.rows("SELECT id, pair_id FROM link WHERE id \(chunk.membership)", chunk.ids) {
                    pairOfLink[try row.int64(0)] = try row.int64(1)
                }
            }
            var byPair: [Int64: [Int64]] = [:]
            for id in unique {
                guard let pairID = pairOfLink[id] else { throw StoreError.unknownLink(id) }
                byPair[pairID, default: []].append(id)
            }
            var summaries: [EditSummary] = []
            for (pairID, ids) in byPair.sorted(by: { $0.key < $1.key }) {
                summaries.append(
                    try Self.recordEdit(pair: pairID, kind: status.rawValue, comment: comment ?? "", author: user, db) {
                        db, recorder in
                        let now = Self.now()
                        var change = StatusChange(
                            links: [], statusesBefore: [], versionsBefore: [], updatedBefore: [], statusAfter: status,
                            updatedAfter: now, notesBefore: comment == nil ? nil : [], noteAfter: comment)
                        for chunk in Chunked.chunks(ids, db.dialect) {
                            for row in try db.rows(
                                "SELECT id, status, version, updated_at, note FROM link WHERE id \(chunk.membership) ORDER BY id",
                                chunk.ids)
                            {
                                change.links.append(try row.int64(0))
                                change.statusesBefore.append(try row.status(1))
                                change.versionsBefore.append(try row.int(2))
                                change.updatedBefore.append(try row.string(3))
                                if comment != nil { change.notesBefore?.append(try row.string(4)) }
                            }
                            try db.execute(
                                """
                                UPDATE link SET status = ?, updated_at = ?, version = version + 1, note = coalesce(?, note)
                                WHERE id \(chunk.membership)
                                """,
                                [status.sqlValue, now.sqlValue, comment.sqlValue] + chunk.ids)
                        }
                        recorder.willChangeStatus(change, pair: pairID)
                        return "\(status.rawValue) \(Self.describe(links: ids))"
                    })
            }
            return summaries
        }
    }

    /// "link 4", "links 1, 2, 3", or for many "1,200 links (1 … 1,200)": a summary line stays short.
    static func describe(links ids: [Int64]) -> String {
        if ids.count == 1 { return "link \(ids[0])" }
        if ids.count <= 12 { return "links " + ids.map(String.init).joined(separator: ", ") }
        return "\(ids.count) links (\(ids.prefix(5).map(String.init).joined(separator: ", ")), …, \(ids[ids.count - 1]))"
    }

    /// Undoes this user's newest edit not yet undone (of `pairID`, or of any pair; with
    /// `anyone`, the newest edit by anyone), restoring exactly the rows it changed. Refused, with
    /// the edit named, when a later edit depends on it: one that changed the same links or
    /// sentences, or any later edit of its pairs when either renumbered sentences.
    /// - Parameter versions: links the caller read, as for an edit: a conflict if any changed.
    public func undo(pair pairID: Int64? = nil, expecting versions: [Int64: Int] = [:], anyone: Bool = false) throws
        -> EditSummary
    {
        try step(pair: pairID, expecting: versions, undoing: true, anyone: anyone)
    }

    /// Re-applies this user's (with `anyone`, anybody's) most recently undone edit (of `pairID`,
    /// or of any pair); refused while an older undone edit of one of its pairs waits to be redone
    /// first, or when an edit made since changed the same rows.
    public func redo(pair pairID: Int64? = nil, expecting versions: [Int64: Int] = [:], anyone: Bool = false) throws
        -> EditSummary
    {
        try step(pair: pairID, expecting: versions, undoing: false, anyone: anyone)
    }

    /// Undo and redo: one step back or forward through the history of a pair (or of all).
    private func step(pair pairID: Int64?, expecting versions: [Int64: Int], undoing: Bool, anyone: Bool) throws
        -> EditSummary
    {
        try write { db in
            if let pairID, try !db.exists(PairRecord.self, id: pairID) { throw StoreError.unknownPair(pairID) }
            try Self.requireVersions(versions, db)
            let author = anyone ? nil : user
            guard var edit = try Self.newestEdit(pair: pairID, undone: !undoing, author: author, db) else {
                throw undoing ? StoreError.nothingToUndo(pair: pairID) : StoreError.nothingToRedo(pair: pairID)
            }
            let editID = edit.id ?? 0
            let pairs = try Self.pairs(ofEdit: editID, db)
            try Self.requireMayEdit(pairs: pairs, user: user, db)
            let delta = try JSONDecoder().decode(EditDelta.self, from: Data(edit.undo.utf8))
            let footprint = EditFootprint(delta)
            for pair in pairs where !undoing {
                // An older edit this one was made on top of, undone since: it comes back first.
                for older in try Self.edits(of: pair, where: "e.id < ? AND e.undone_at IS NOT NULL", editID, author: nil, db) {
                    let olderDelta = try JSONDecoder().decode(EditDelta.self, from: Data(older.undo.utf8))
                    guard footprint.overlaps(EditFootprint(olderDelta)) else { continue }
                    throw StoreError.dependentEdit(
                        edit: editID, summary: edit.summary, pair: pair, later: older.id ?? 0, laterSummary: older.summary,
                        laterAuthor: older.author == user ? nil : older.author, redo: true)
                }
            }
            for pair in pairs {
                // A later edit still applied that touched the same rows: it depends on this one
                // (for undo), or was made while this one was undone (for redo).
                for later in try Self.edits(of: pair, where: "e.id > ? AND e.undone_at IS NULL", editID, author: nil, db) {
                    let laterDelta = try JSONDecoder().decode(EditDelta.self, from: Data(later.undo.utf8))
                    guard footprint.overlaps(EditFootprint(laterDelta)) else { continue }
                    let by = later.author == user ? nil : later.author
                    if undoing {
                        throw StoreError.dependentEdit(
                            edit: editID, summary: edit.summary, pair: pair, later: later.id ?? 0,
                            laterSummary: later.summary, laterAuthor: by)
                    }
                    throw StoreError.redoOvertaken(
                        edit: editID, summary: edit.summary, later: later.id ?? 0, laterSummary: later.summary, laterAuthor: by)
                }
            }
            try Self.apply(delta, forward: !undoing, db)
            edit.undoneAt = undoing ? Self.now() : nil
            try db.update(edit)
            try Self.announce(pairs: pairs, db)
            return EditSummary(
                editID: editID, pairID: edit.pairID, pairs: pairs, kind: undoing ? "undo" : "redo",
                summary: "\(undoing ? "undid" : "redid"): \(edit.summary)", linkChanges: LinkChanges(delta, forward: !undoing))
        }
    }

    /// The edits of pair `pairID` a condition on `e` (with one `?`, bound to `value`) selects, by
    /// `author` when given, oldest first.
    private static func edits(
        of pairID: Int64, where condition: String, _ value: Int64, author: String?, _ db: any SQLConnection
    ) throws -> [EditRecord] {
        let byAuthor = author == nil ? "" : " AND e.author = ?"
        var arguments: [SQLValue] = [.integer(pairID), .integer(value)]
        if let author { arguments.append(.text(author)) }
        return try db.rows(
            """
            SELECT \(EditRecord.qualifiedColumns) FROM edit e JOIN pair_edit p ON p.edit_id = e.id
            WHERE p.pair_id = ? AND \(condition)\(byAuthor) ORDER BY e.id
            """, arguments
        ).map(EditRecord.init)
    }

    /// The newest edit not undone (for undo), or the oldest undone one (for redo), of a pair or of
    /// all, by `author` when given.
    private static func newestEdit(pair pairID: Int64?, undone: Bool, author: String?, _ db: any SQLConnection) throws
        -> EditRecord?
    {
        let state = undone ? "e.undone_at IS NOT NULL" : "e.undone_at IS NULL"
        let order = undone ? "e.id" : "e.id DESC"
        let byAuthor = author == nil ? "" : " AND e.author = ?"
        var arguments: [SQLValue] = []
        if let pairID { arguments.append(.integer(pairID)) }
        if let author { arguments.append(.text(author)) }
        let from = pairID == nil ? "edit e WHERE" : "edit e JOIN pair_edit p ON p.edit_id = e.id WHERE p.pair_id = ? AND"
        return try db.rows(
            "SELECT \(EditRecord.qualifiedColumns) FROM \(from) \(state)\(byAuthor) ORDER BY \(order) LIMIT 1", arguments
        ).first.map(EditRecord.init)
    }

    static func pairs(ofEdit editID: Int64, _ db: any SQLConnection) throws -> [Int64] {
        try db.integers("SELECT pair_id FROM pair_edit WHERE edit_id = ? ORDER BY pair_id", editID)
    }

    /// Takes the store from the state before an edit to the state after it (`forward`), or back.
    private static func apply(_ delta: EditDelta, forward: Bool, _ db: any SQLConnection) throws {
        let (oldLinks, newLinks) = forward ? (delta.linksBefore, delta.linksAfter) : (delta.linksAfter, delta.linksBefore)
        let (oldSentences, newSentences) =
            forward ? (delta.sentencesBefore, delta.sentencesAfter) : (delta.sentencesAfter, delta.sentencesBefore)
        let linkIDs = Set(oldLinks.compactMap(\.id)).union(newLinks.compactMap(\.id))
        let sentenceIDs = Set(oldSentences.compactMap(\.id)).union(newSentences.compactMap(\.id))
        try db.delete(LinkRecord.self, ids: Array(linkIDs))
        try db.delete(SentenceRecord.self, ids: Array(sentenceIDs))
        for shift in forward ? delta.shifts : delta.shifts.reversed().map(\.inverse) {
            try applyShift(shift, db)
        }
        if let insertion = delta.insertion { try applyInsertion(insertion, forward: forward, db) }
        try db.insertAll(newSentences)
        try db.insertAll(newLinks)
        if let change = delta.statusChange { try applyStatus(change, forward: forward, db) }
        if let shift = delta.paragraphShift {
            try applyParagraphShift(
                forward ? shift : ParagraphShift(documentID: shift.documentID, from: shift.from, delta: -shift.delta), db)
        }
    }

    /// Makes room for a sentence at `insertion.ordinal` (forward), or closes it again: sentences,
    /// and link boundaries in every pair using the document.
    static func applyInsertion(_ insertion: SentenceInsertion, forward: Bool, _ db: any SQLConnection) throws {
        let p = insertion.ordinal
        if forward {
            try applyShiftOfSentences(document: insertion.documentID, after: p - 1, by: 1, db)
        } else {
            try applyShiftOfSentences(document: insertion.documentID, after: p, by: -1, db)
        }
        for (pairID, side) in try pairSides(document: insertion.documentID, db) {
            let (start, end) = side == .source ? ("source_start", "source_end") : ("target_start", "target_end")
            if forward {
                // Starts at or after the new sentence move, but a link with no sentence here stays before it.
                try db.execute(
                    """
                    UPDATE link SET \(start) = \(start) + CASE WHEN \(start) >= ? AND NOT (\(start) = ? AND \(end) = ?) THEN 1 ELSE 0 END,
                      \(end) = \(end) + CASE WHEN \(end) > ? THEN 1 ELSE 0 END
                    WHERE pair_id = ? AND \(end) >= ?
                    """, p, p, p, p, pairID, p)
            } else {
                try db.execute(
                    """
                    UPDATE link SET \(start) = \(start) - CASE WHEN \(start) > ? THEN 1 ELSE 0 END,
                      \(end) = \(end) - CASE WHEN \(end) > ? THEN 1 ELSE 0 END
                    WHERE pair_id = ? AND \(end) > ?
                    """, p, p + 1, pairID, p)
            }
        }
    }

    /// Moves a document's sentences after `after` by `delta`, through negative ordinals.
    static func applyShiftOfSentences(document documentID: Int64, after: Int, by delta: Int, _ db: any SQLConnection) throws {
        try db.execute(
            "UPDATE sentence SET ordinal = -(ordinal + ?) - 1 WHERE document_id = ? AND ordinal > ?", delta, documentID, after)
        try db.execute("UPDATE sentence SET ordinal = -ordinal - 1 WHERE document_id = ? AND ordinal < 0", documentID)
    }

    static func applyParagraphShift(_ shift: ParagraphShift, _ db: any SQLConnection) throws {
        try db.execute(
            "UPDATE sentence SET paragraph = paragraph + ? WHERE document_id = ? AND ordinal >= ?", shift.delta, shift.documentID,
            shift.from)
    }

    /// Sets the links of a status change to their state after it (`forward`) or before it.
    private static func applyStatus(_ change: StatusChange, forward: Bool, _ db: any SQLConnection) throws {
        // Many rows per statement: `UPDATE … FROM (VALUES …)`, whose columns both backends call
        // column1…column5 (the casts give PostgreSQL the types of the parameters).
        let columns = 5
        let rowsPerStatement = Chunked.parameters / columns
        let row = "(CAST(? AS BIGINT), ?, CAST(? AS INTEGER), ?, ?)"
        for start in stride(from: 0, to: change.links.count, by: rowsPerStatement) {
            let indices = start..<min(change.links.count, start + rowsPerStatement)
            var values: [SQLValue] = []
            values.reserveCapacity(indices.count * columns)
            for index in indices {
                values.append(.integer(change.links[index]))
                values.append((forward ? change.statusAfter : change.statusesBefore[index]).sqlValue)
                values.append(.integer(Int64(change.versionsBefore[index] + (forward ? 1 : 0))))
                values.append((forward ? change.updatedAfter : change.updatedBefore[index]).sqlValue)
                values.append((forward ? change.noteAfter : change.notesBefore?[index]).sqlValue)
            }
            try db.execute(
                """
                UPDATE link SET status = v.column2, version = v.column3, updated_at = v.column4,
                  note = coalesce(v.column5, link.note)
                FROM (VALUES \(Array(repeating: row, count: indices.count).joined(separator: ", "))) AS v
                WHERE link.id = v.column1
                """, values)
        }
    }

    /// Moves the document's sentences after `shift.after` by `shift.delta`, and the link
    /// boundaries after it in every pair using the document. Sentences go through negative
    /// ordinals so the unique (document, ordinal) index never sees two rows on one ordinal.
    static func applyShift(_ shift: OrdinalShift, _ db: any SQLConnection) throws {
        try applyShiftOfSentences(document: shift.documentID, after: shift.after, by: shift.delta, db)
        for (pairID, side) in try pairSides(document: shift.documentID, db) {
            let (start, end) = side == .source ? ("source_start", "source_end") : ("target_start", "target_end")
            // Both bounds in one statement: the CHECK (start <= end) holds for every row at once.
            try db.execute(
                """
                UPDATE link SET \(start) = \(start) + CASE WHEN \(start) > ? THEN ? ELSE 0 END,
                  \(end) = \(end) + CASE WHEN \(end) > ? THEN ? ELSE 0 END
                WHERE pair_id = ? AND \(end) > ?
                """, shift.after, shift.delta, shift.after, shift.delta, pairID, shift.after)
        }
    }

    /// The edits that changed a pair, oldest first (a sentence edit is listed under every pair it changed).
    public func history(pair pairID: Int64) throws -> [EditRecord] {
        try read { db in
            guard try db.exists(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            return try db.rows(
                "SELECT \(EditRecord.qualifiedColumns) FROM edit e JOIN pair_edit p ON p.edit_id = e.id WHERE p.pair_id = ? ORDER BY e.id",
                pairID
            ).map(EditRecord.init)
        }
    }

    /// The pairs an edit changed.
    public func pairs(ofEdit editID: Int64) throws -> [Int64] {
        try read { db in try Self.pairs(ofEdit: editID, db) }
    }
}
