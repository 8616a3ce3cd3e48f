import Foundation
import PadanCore

/// A link with the text of its sentences, as review and export see it.
public struct LinkView: Sendable, Hashable, Codable {
    public var id: Int64
    public var pairID: Int64
    public var source: Range<Int>
    public var target: Range<Int>
    public var score: Double
    public var status: LinkStatus
    public var updatedAt: String
    public var version: Int
    public var sourceText: String
    public var targetText: String
    /// The comment of the last edit that changed the link (exported as a note).
    public var note: String = ""

    public var kind: String { "\(source.count)-\(target.count)" }
}

/// A stored pair with its documents' metadata and link counts.
public struct PairSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var sourceLanguage: String
    public var targetLanguage: String
    public var sourceTitle: String?
    public var targetTitle: String?
    public var sourcePath: String?
    public var targetPath: String?
    public var sourceSentences: Int
    public var targetSentences: Int
    public var links: Int
    public var confirmed: Int
    public var rejected: Int
    /// Unreviewed links below the low-confidence mark (0.5): where a reviewer starts.
    public var doubtful: Int
    /// Where the pair is in its review, and who it is assigned to (nil: nobody).
    public var state: PairState = .open
    public var assignee: String? = nil
}

extension AlignmentStore {
    public func pairRecord(_ pairID: Int64) throws -> PairRecord {
        try read { db in
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            return pair
        }
    }

    public func document(_ documentID: Int64) throws -> DocumentRecord? {
        try read { db in try db.fetch(DocumentRecord.self, id: documentID) }
    }

    public func pairs() throws -> [PairSummary] {
        try read { db in
            let rows = try db.rows(
                """
                SELECT p.id, s.language AS sl, t.language AS tl, s.title AS st, t.title AS tt,
                  s.path AS sp, t.path AS tp,
                  (SELECT count(*) FROM sentence WHERE document_id = s.id) AS ss,
                  (SELECT count(*) FROM sentence WHERE document_id = t.id) AS ts,
                  (SELECT count(*) FROM link WHERE pair_id = p.id) AS lc,
                  (SELECT count(*) FROM link WHERE pair_id = p.id AND status = 'confirmed') AS cc,
                  (SELECT count(*) FROM link WHERE pair_id = p.id AND status = 'rejected') AS rc,
                  (SELECT count(*) FROM link WHERE pair_id = p.id AND status = 'auto' AND score < 0.5) AS dc,
                  p.state, p.assignee
                FROM document_pair p
                JOIN document s ON s.id = p.source_document_id
                JOIN document t ON t.id = p.target_document_id
                ORDER BY p.id
                """)
            return try rows.map { row in
                PairSummary(
                    id: try row.int64(0), sourceLanguage: try row.string(1), targetLanguage: try row.string(2),
                    sourceTitle: try row.optionalString(3), targetTitle: try row.optionalString(4),
                    sourcePath: try row.optionalString(5), targetPath: try row.optionalString(6),
                    sourceSentences: try row.int(7), targetSentences: try row.int(8), links: try row.int(9),
                    confirmed: try row.int(10), rejected: try row.int(11), doubtful: try row.int(12),
                    state: PairState(rawValue: try row.string(13)) ?? .open, assignee: try row.optionalString(14))
            }
        }
    }

    /// The links of a pair in order, with their texts.
    public func links(pair pairID: Int64) throws -> [LinkView] {
        try read { db in
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            var views: [LinkView] = []
            try Self.eachLinkView(of: pair, db) { views.append($0) }
            return views
        }
    }

    /// The links of a pair in order without their texts: what a screen needs to move through
    /// 100,000 links at once.
    public func outline(pair pairID: Int64) throws -> [LinkOutline] {
        try read { db in
            guard try db.exists(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            var outline: [LinkOutline] = []
            try db.forEachRow(
                """
                SELECT id, source_start, source_end, target_start, target_end, score, status, version FROM link
                WHERE pair_id = ? ORDER BY source_start, target_start, source_end, target_end
                """, pairID
            ) { row in
                outline.append(
                    LinkOutline(
                        id: try row.int64(0), source: try row.int(1)..<row.int(2), target: try row.int(3)..<row.int(4),
                        score: try row.double(5), status: try row.status(6), version: try row.int(7)))
            }
            return outline
        }
    }

    /// The ids of a pair's moved links (`MovedLinks`), read as each link's id and first target
    /// sentence only: listing a pair of a million links needs a few bytes a link for this, not
    /// its whole outline.
    /// - Throws: `StoreError.unknownPair` for an unknown pair.
    public func movedLinks(pair pairID: Int64) throws -> Set<Int64> {
        try read { db in
            guard try db.exists(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            var ids: [Int64] = []
            var targetStarts: [Int32] = []
            try db.forEachRow(
                """
                SELECT id, target_start FROM link
                WHERE pair_id = ? AND source_end > source_start AND target_end > target_start
                ORDER BY source_start, target_start, source_end, target_end
                """, pairID
            ) { row in
                ids.append(try row.int64(0))
                targetStarts.append(Int32(clamping: try row.int(1)))
            }
            return MovedLinks.moved(inSourceOrder: ids, targetStarts: targetStarts)
        }
    }

    /// Some links of a pair with their texts, in order; ids that are not links of the pair are
    /// left out.
    public func links(pair pairID: Int64, ids: [Int64]) throws -> [LinkView] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            var views: [LinkView] = []
            try Self.eachLinkView(of: pair, only: ids, db) { views.append($0) }
            return views
        }
    }

    /// The first sentence of one side at or after `ordinal` (going backward: the last one before
    /// it) whose text contains `needle`, ignoring ASCII case. SQLite walks the side in order and
    /// stops at the first match, so a near match is found at once whatever the size of the pair.
    public func findSentence(
        pair pairID: Int64, side: Side, containing needle: String, from ordinal: Int, forward: Bool = true
    ) throws -> Int? {
        guard !needle.isEmpty else { return nil }
        return try read { db in
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            // `!` escapes: a backslash in a literal is read differently by the two backends.
            let escaped = needle.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%")
                .replacingOccurrences(of: "_", with: "!_")
            let order = forward ? "ordinal >= ? ORDER BY ordinal" : "ordinal < ? ORDER BY ordinal DESC"
            return try db.value(
                "SELECT ordinal FROM sentence WHERE document_id = ? AND text \(db.dialect.caseInsensitiveLike) ? ESCAPE '!' AND \(order) LIMIT 1",
                side == .source ? pair.sourceDocumentID : pair.targetDocumentID, "%\(escaped)%", ordinal
            )?.int64.map(Int.init)
        }
    }

    /// The texts of some sentences of one side of a pair, in order.
    public func sentenceTexts(pair pairID: Int64, side: Side, ordinals: Range<Int>) throws -> [String] {
        try read { db in
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            return try db.rows(
                "SELECT text FROM sentence WHERE document_id = ? AND ordinal >= ? AND ordinal < ? ORDER BY ordinal",
                side == .source ? pair.sourceDocumentID : pair.targetDocumentID, ordinals.lowerBound, ordinals.upperBound
            ).map { try $0.string(0) }
        }
    }

    /// One link with its texts.
    public func link(_ linkID: Int64) throws -> LinkView {
        try read { db in
            guard let record = try db.fetch(LinkRecord.self, id: linkID),
                let pair = try db.fetch(PairRecord.self, id: record.pairID)
            else { throw StoreError.unknownLink(linkID) }
            var found: LinkView?
            try Self.eachLinkView(of: pair, only: [linkID], db) { found = $0 }
            guard let found else { throw StoreError.unknownLink(linkID) }
            return found
        }
    }

    /// The sentences of both sides of a pair, in order.
    public func sentences(pair pairID: Int64) throws -> (source: [SentenceRecord], target: [SentenceRecord]) {
        try read { db in
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            let source = try db.fetchAll(
                SentenceRecord.self, where: "WHERE document_id = ? ORDER BY ordinal", pair.sourceDocumentID)
            let target = try db.fetchAll(
                SentenceRecord.self, where: "WHERE document_id = ? ORDER BY ordinal", pair.targetDocumentID)
            return (source, target)
        }
    }
}

extension AlignmentStore {
    /// Calls `body` for each link of a pair in order, with its texts, reading them through a
    /// database cursor: memory stays constant whatever the pair's size (exports use it).
    public func forEachLink(pair pairID: Int64, _ body: (LinkView) throws -> Void) throws {
        try read { db in
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            try Self.eachLinkView(of: pair, db, body)
        }
    }

    /// The one query for links with their texts (each side's sentences joined by a space),
    /// in order, through a cursor; `only` restricts it to some links.
    static func eachLinkView(
        of pair: PairRecord, only linkIDs: [Int64]? = nil, _ db: any SQLConnection, _ body: (LinkView) throws -> Void
    )
        throws
    {
        // Ids are integers, so listing them in the SQL is safe and lets SQLite use the primary key.
        // The unary `+` keeps SQLite from walking the pair's whole link index when ids are given.
        let restriction = linkIDs.map { "l.id IN (\($0.map(String.init).joined(separator: ","))) AND +" } ?? ""
        let sourceText = db.dialect.joinedSentenceText(document: "?", from: "l.source_start", to: "l.source_end")
        let targetText = db.dialect.joinedSentenceText(document: "?", from: "l.target_start", to: "l.target_end")
        try db.forEachRow(
            """
            SELECT l.id, l.pair_id, l.source_start, l.source_end, l.target_start, l.target_end, l.score,
              l.status, l.updated_at, l.version, \(sourceText) AS source_text, \(targetText) AS target_text, l.note
            FROM link l WHERE \(restriction)l.pair_id = ?
            ORDER BY l.source_start, l.target_start, l.source_end, l.target_end
            """, pair.sourceDocumentID, pair.targetDocumentID, pair.id
        ) { row in
            let view = LinkView(
                id: try row.int64(0), pairID: try row.int64(1), source: try row.int(2)..<row.int(3),
                target: try row.int(4)..<row.int(5), score: try row.double(6), status: try row.status(7),
                updatedAt: try row.string(8), version: try row.int(9), sourceText: try row.optionalString(10) ?? "",
                targetText: try row.optionalString(11) ?? "", note: try row.optionalString(12) ?? "")
            try body(view)
        }
    }
}

extension AlignmentStore {
    /// The link where `reviewer` left pair `pairID` last, if any.
    public func reviewPosition(pair pairID: Int64, reviewer: String) throws -> Int64? {
        try read { connection in
            try connection.value(
                "SELECT link_id FROM review_position WHERE pair_id = ? AND reviewer = ?", [.integer(pairID), .text(reviewer)]
            )?.int64
        }
    }

    /// Keeps `link` as `reviewer`'s place in pair `pairID` (not an edit: no history, no undo).
    public func saveReviewPosition(pair pairID: Int64, reviewer: String, link: Int64) throws {
        try write { connection in
            _ = try connection.execute(
                """
                INSERT INTO review_position (pair_id, reviewer, link_id, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (pair_id, reviewer) DO UPDATE SET link_id = excluded.link_id, updated_at = excluded.updated_at
                """, [.integer(pairID), .text(reviewer), .integer(link), .text(Self.now())])
        }
    }
}

/// A link someone marked to come back to.
public struct Bookmark: Sendable, Hashable {
    public var linkID: Int64
    public var author: String
    public var note: String
    public var createdAt: String
}

extension AlignmentStore {
    /// Sets a bookmark on `linkID`, or removes the one it has (not an edit: no history, no
    /// undo; a link that an edit removes takes its bookmark with it).
    /// - Returns: whether the link is bookmarked now.
    /// - Throws: `StoreError.unknownLink`.
    @discardableResult
    public func toggleBookmark(link linkID: Int64, author: String = EditAuthor.current, note: String = "") throws -> Bool {
        try write { connection in
            guard let pairID = try connection.value("SELECT pair_id FROM link WHERE id = ?", [.integer(linkID)])?.int64
            else { throw StoreError.unknownLink(linkID) }
            if try connection.execute("DELETE FROM bookmark WHERE link_id = ?", [.integer(linkID)]) > 0 { return false }
            try connection.execute(
                "INSERT INTO bookmark (link_id, pair_id, author, note, created_at) VALUES (?, ?, ?, ?, ?)",
                [.integer(linkID), .integer(pairID), .text(author), .text(note), .text(Self.now())])
            return true
        }
    }

    /// The bookmarks of pair `pairID`, in link order.
    public func bookmarks(pair pairID: Int64) throws -> [Bookmark] {
        try read { connection in
            try connection.rows(
                """
                SELECT b.link_id, b.author, b.note, b.created_at FROM bookmark b JOIN link l ON l.id = b.link_id
                WHERE b.pair_id = ? ORDER BY l.source_start, l.target_start
                """, [.integer(pairID)]
            ).map { row in
                Bookmark(
                    linkID: row[0].int64 ?? 0, author: row[1].string ?? "", note: row[2].string ?? "",
                    createdAt: row[3].string ?? "")
            }
        }
    }
}

extension AlignmentStore {
    /// The stored sentences (ids, ordinals, texts) of one side of a pair in `ordinals`.
    public func sentenceRecords(pair pairID: Int64, side: Side, ordinals: Range<Int>) throws -> [SentenceRecord] {
        try read { db in
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            return try db.fetchAll(
                SentenceRecord.self, where: "WHERE document_id = ? AND ordinal >= ? AND ordinal < ? ORDER BY ordinal",
                side == .source ? pair.sourceDocumentID : pair.targetDocumentID, ordinals.lowerBound, ordinals.upperBound)
        }
    }

    /// The edits of the link's pair that changed link `linkID` (made it, resized it, changed its
    /// status or a sentence of it), oldest first.
    public func history(link linkID: Int64) throws -> [EditRecord] {
        let pairID = try pairOf(link: linkID)
        let decoder = JSONDecoder()
        return try history(pair: pairID).filter { edit in
            guard let delta = try? decoder.decode(EditDelta.self, from: Data(edit.undo.utf8)) else { return false }
            return (delta.linksBefore + delta.linksAfter).contains { $0.id == linkID }
                || delta.statusChange?.links.contains(linkID) == true
        }
    }
}

/// A text a sentence of a link had before an edit changed it: what the detail view offers to restore.
public struct OlderText: Sendable, Hashable {
    public var sentenceID: Int64
    public var side: AlignmentStore.Side
    /// The sentence's ordinal now.
    public var ordinal: Int
    public var text: String
    /// The edit that replaced it, when and by whom.
    public var editID: Int64
    public var at: String
    public var author: String
}

extension AlignmentStore {
    /// The earlier texts of the sentences of link `linkID`, newest first, each different from the
    /// sentence's text now.
    public func olderTexts(link linkID: Int64) throws -> [OlderText] {
        let view = try link(linkID)
        var current: [Int64: (side: Side, ordinal: Int, text: String)] = [:]
        for (side, range) in [(Side.source, view.source), (.target, view.target)] {
            for record in try sentenceRecords(pair: view.pairID, side: side, ordinals: range) {
                if let id = record.id { current[id] = (side, record.ordinal, record.text) }
            }
        }
        let decoder = JSONDecoder()
        var older: [OlderText] = []
        var seen: Set<String> = []
        for edit in try history(pair: view.pairID).reversed() {
            guard let delta = try? decoder.decode(EditDelta.self, from: Data(edit.undo.utf8)) else { continue }
            for sentence in delta.sentencesBefore {
                guard let id = sentence.id, let now = current[id], sentence.text != now.text,
                    seen.insert("\(id)\u{0}\(sentence.text)").inserted
                else { continue }
                older.append(
                    OlderText(
                        sentenceID: id, side: now.side, ordinal: now.ordinal, text: sentence.text, editID: edit.id ?? 0,
                        at: edit.createdAt, author: edit.author))
            }
        }
        return older
    }
}
