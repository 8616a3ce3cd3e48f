import Foundation
import GRDB
import PadanCore

/// The rows an edit touched, before and after, so that it can be undone and redone exactly.
struct EditDelta: Codable, Sendable {
    var linksBefore: [LinkRecord] = []
    var linksAfter: [LinkRecord] = []
    var sentencesBefore: [SentenceRecord] = []
    var sentencesAfter: [SentenceRecord] = []
}

/// Collects what an edit changes while it runs inside its transaction.
final class EditRecorder {
    private var touchedLinks: [Int64] = []
    private var touchedSentences: [Int64] = []
    private var delta = EditDelta()

    /// Call before changing or deleting these links.
    func willChange(links ids: [Int64], _ db: Database) throws {
        for id in ids where !touchedLinks.contains(id) {
            touchedLinks.append(id)
            if let record = try LinkRecord.fetchOne(db, key: id) { delta.linksBefore.append(record) }
        }
    }

    /// Call after inserting a link.
    func didCreate(link id: Int64) {
        if !touchedLinks.contains(id) { touchedLinks.append(id) }
    }

    func willChange(sentences ids: [Int64], _ db: Database) throws {
        for id in ids where !touchedSentences.contains(id) {
            touchedSentences.append(id)
            if let record = try SentenceRecord.fetchOne(db, key: id) { delta.sentencesBefore.append(record) }
        }
    }

    func didCreate(sentence id: Int64) {
        if !touchedSentences.contains(id) { touchedSentences.append(id) }
    }

    func finish(_ db: Database) throws -> EditDelta {
        delta.linksAfter = try LinkRecord.fetchAll(db, keys: touchedLinks)
        delta.sentencesAfter = try SentenceRecord.fetchAll(db, keys: touchedSentences)
        return delta
    }
}

/// What an edit did, for the CLI to report.
public struct EditSummary: Sendable, Hashable, Codable {
    public var editID: Int64
    public var pairID: Int64
    public var kind: String
    public var summary: String
    /// The links the edit removed or rewrote, and the links it left in their place: enough for a
    /// screen to update its list without reading every link again. Not part of the JSON form.
    public var linkChanges = LinkChanges()

    enum CodingKeys: String, CodingKey { case editID, pairID, kind, summary }

    public init(editID: Int64, pairID: Int64, kind: String, summary: String, linkChanges: LinkChanges = LinkChanges()) {
        self.editID = editID
        self.pairID = pairID
        self.kind = kind
        self.summary = summary
        self.linkChanges = linkChanges
    }
}

/// Links an edit took away (by id) and the links it wrote, as they are now.
public struct LinkChanges: Sendable, Hashable {
    public var removed: Set<Int64> = []
    public var written: [LinkOutline] = []

    public init(removed: Set<Int64> = [], written: [LinkOutline] = []) {
        self.removed = removed
        self.written = written
    }

    init(replacing before: [LinkRecord], with after: [LinkRecord]) {
        removed = Set(before.compactMap(\.id)).union(after.compactMap(\.id))
        written = after.compactMap { record in
            record.id.map {
                LinkOutline(
                    id: $0, source: record.source, target: record.target, score: record.score, status: record.status,
                    version: record.version)
            }
        }
    }
}

extension AlignmentStore {
    /// Runs `body` as one recorded edit of `pairID`: one transaction, with the before and after
    /// rows kept in the history. A newer edit discards the undone ones (no redo past it).
    ///
    /// `expecting` maps link ids to the versions the caller read: when any link has changed (or
    /// gone) since, the edit is refused as a conflict and nothing is written.
    func performEdit(
        pair pairID: Int64, kind: String, expecting versions: [Int64: Int] = [:],
        _ body: @Sendable (Database, EditRecorder) throws -> String
    ) throws -> EditSummary {
        try write { db in
            guard try PairRecord.exists(db, key: pairID) else { throw StoreError.unknownPair(pairID) }
            for (linkID, expected) in versions.sorted(by: { $0.key < $1.key }) {
                guard let current = try Int.fetchOne(db, sql: "SELECT version FROM link WHERE id = ?", arguments: [linkID]) else {
                    throw StoreError.conflict("link \(linkID) no longer exists (merged, split or relinked by someone else)")
                }
                if current != expected {
                    throw StoreError.conflict("link \(linkID) is at version \(current), you read version \(expected)")
                }
            }
            let recorder = EditRecorder()
            let summary = try body(db, recorder)
            let delta = try recorder.finish(db)
            try db.execute(sql: "DELETE FROM edit WHERE pair_id = ? AND undone_at IS NOT NULL", arguments: [pairID])
            var edit = EditRecord(
                id: nil, pairID: pairID, kind: kind, summary: summary, createdAt: Self.now(),
                undo: String(decoding: try JSONEncoder().encode(delta), as: UTF8.self), undoneAt: nil)
            try edit.insert(db)
            return EditSummary(
                editID: edit.id ?? 0, pairID: pairID, kind: kind, summary: summary,
                linkChanges: LinkChanges(replacing: delta.linksBefore, with: delta.linksAfter))
        }
    }

    /// Sets the status of links (confirm, reject). `expectedVersions`, when given, refuses the
    /// edit if any link changed since the caller read it.
    public func setStatus(
        _ status: LinkStatus, links linkIDs: [Int64], expectedVersions: [Int64: Int]? = nil
    ) throws -> [EditSummary] {
        let groups = try read { db in
            var byPair: [Int64: [Int64]] = [:]
            for id in linkIDs {
                guard let record = try LinkRecord.fetchOne(db, key: id) else { throw StoreError.unknownLink(id) }
                byPair[record.pairID, default: []].append(id)
            }
            return byPair
        }
        var summaries: [EditSummary] = []
        for (pairID, ids) in groups.sorted(by: { $0.key < $1.key }) {
            let expected = (expectedVersions ?? [:]).filter { ids.contains($0.key) }
            let summary = try performEdit(pair: pairID, kind: status.rawValue, expecting: expected) { db, recorder in
                try recorder.willChange(links: ids, db)
                let now = Self.now()
                for id in ids {
                    guard var record = try LinkRecord.fetchOne(db, key: id) else { throw StoreError.unknownLink(id) }
                    record.status = status
                    record.updatedAt = now
                    record.version += 1
                    try record.update(db)
                }
                let list = ids.map(String.init).joined(separator: ", ")
                return "\(status.rawValue) link\(ids.count == 1 ? "" : "s") \(list)"
            }
            summaries.append(summary)
        }
        return summaries
    }

    /// Undoes the newest edit not yet undone (of `pairID`, or of any pair), restoring exactly
    /// the rows it changed.
    public func undo(pair pairID: Int64? = nil) throws -> EditSummary {
        try write { db in
            let request = EditRecord.filter(Column("undone_at") == nil)
            let filtered = pairID.map { request.filter(Column("pair_id") == $0) } ?? request
            if let pairID, try !PairRecord.exists(db, key: pairID) { throw StoreError.unknownPair(pairID) }
            guard var edit = try filtered.order(Column("id").desc).fetchOne(db) else {
                throw StoreError.nothingToUndo(pair: pairID)
            }
            let delta = try JSONDecoder().decode(EditDelta.self, from: Data(edit.undo.utf8))
            try Self.replace(
                removing: delta.linksAfter, delta.sentencesAfter, restoring: delta.linksBefore, delta.sentencesBefore, db)
            edit.undoneAt = Self.now()
            try edit.update(db)
            return EditSummary(
                editID: edit.id ?? 0, pairID: edit.pairID, kind: "undo", summary: "undid: \(edit.summary)",
                linkChanges: LinkChanges(replacing: delta.linksAfter, with: delta.linksBefore))
        }
    }

    /// Re-applies the oldest undone edit of the newest undo run.
    public func redo(pair pairID: Int64? = nil) throws -> EditSummary {
        try write { db in
            let request = EditRecord.filter(Column("undone_at") != nil)
            let filtered = pairID.map { request.filter(Column("pair_id") == $0) } ?? request
            guard var edit = try filtered.order(Column("id")).fetchOne(db) else {
                throw StoreError.invalidEdit("nothing to redo")
            }
            let delta = try JSONDecoder().decode(EditDelta.self, from: Data(edit.undo.utf8))
            try Self.replace(
                removing: delta.linksBefore, delta.sentencesBefore, restoring: delta.linksAfter, delta.sentencesAfter, db)
            edit.undoneAt = nil
            try edit.update(db)
            return EditSummary(
                editID: edit.id ?? 0, pairID: edit.pairID, kind: "redo", summary: "redid: \(edit.summary)",
                linkChanges: LinkChanges(replacing: delta.linksBefore, with: delta.linksAfter))
        }
    }

    private static func replace(
        removing links: [LinkRecord], _ sentences: [SentenceRecord],
        restoring oldLinks: [LinkRecord], _ oldSentences: [SentenceRecord], _ db: Database
    ) throws {
        let linkIDs = Set(links.compactMap(\.id)).union(oldLinks.compactMap(\.id))
        let sentenceIDs = Set(sentences.compactMap(\.id)).union(oldSentences.compactMap(\.id))
        _ = try LinkRecord.deleteAll(db, keys: Array(linkIDs))
        _ = try SentenceRecord.deleteAll(db, keys: Array(sentenceIDs))
        for var sentence in oldSentences { try sentence.insert(db) }
        for var link in oldLinks { try link.insert(db) }
    }

    /// The edits of a pair, oldest first.
    public func history(pair pairID: Int64) throws -> [EditRecord] {
        try read { db in
            guard try PairRecord.exists(db, key: pairID) else { throw StoreError.unknownPair(pairID) }
            return try EditRecord.filter(Column("pair_id") == pairID).order(Column("id")).fetchAll(db)
        }
    }
}
