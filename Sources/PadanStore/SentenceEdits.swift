import GRDB
import PadanCore

extension AlignmentStore {
    /// Splits a sentence in two at `characterOffset` (characters from its start). Later sentences
    /// of the document move down one ordinal, and the links of every pair using the document
    /// follow: the link holding the sentence now holds both halves. One undoable edit.
    public func splitSentence(_ sentenceID: Int64, atCharacter characterOffset: Int) throws -> EditSummary {
        let pairID = try pairUsing(sentence: sentenceID)
        return try performEdit(pair: pairID, kind: "split-sentence") { db, recorder in
            guard var sentence = try SentenceRecord.fetchOne(db, key: sentenceID) else {
                throw StoreError.unknownSentence(sentenceID)
            }
            let text = sentence.text
            guard characterOffset > 0, characterOffset < text.count else {
                throw StoreError.invalidEdit(
                    "split offset \(characterOffset) out of range: sentence \(sentenceID) has \(text.count) characters")
            }
            let cut = text.index(text.startIndex, offsetBy: characterOffset)
            let first = text[..<cut].trimmingCharacters(in: .whitespaces)
            let second = text[cut...].trimmingCharacters(in: .whitespaces)
            guard !first.isEmpty, !second.isEmpty else {
                throw StoreError.invalidEdit("both parts of a split sentence need text")
            }
            try Self.recordDocumentTail(sentence.documentID, from: sentence.ordinal, recorder, db)
            try Self.shiftOrdinals(document: sentence.documentID, after: sentence.ordinal, by: 1, db)
            let firstLength = first.utf16.count
            var newSentence = SentenceRecord(
                id: nil, documentID: sentence.documentID, ordinal: sentence.ordinal + 1, paragraph: sentence.paragraph,
                startOffset: min(sentence.endOffset, sentence.startOffset + firstLength + 1), endOffset: sentence.endOffset,
                text: second)
            sentence.text = first
            sentence.endOffset = min(sentence.endOffset, sentence.startOffset + firstLength)
            try sentence.update(db)
            try newSentence.insert(db)
            if let id = newSentence.id { recorder.didCreate(sentence: id) }
            try Self.shiftLinks(document: sentence.documentID, ordinal: sentence.ordinal, delta: 1, db)
            return "split sentence \(sentenceID) at character \(characterOffset) (new sentence \(newSentence.id ?? 0))"
        }
    }

    /// Merges two adjacent sentences of one document. When they sit in different links, those
    /// links (and any between them) become one. One undoable edit.
    public func mergeSentences(_ firstID: Int64, _ secondID: Int64) throws -> EditSummary {
        let pairID = try pairUsing(sentence: firstID)
        return try performEdit(pair: pairID, kind: "merge-sentences") { db, recorder in
            guard var first = try SentenceRecord.fetchOne(db, key: firstID) else { throw StoreError.unknownSentence(firstID) }
            guard var second = try SentenceRecord.fetchOne(db, key: secondID) else { throw StoreError.unknownSentence(secondID) }
            if second.ordinal < first.ordinal { swap(&first, &second) }
            guard first.documentID == second.documentID, second.ordinal == first.ordinal + 1 else {
                throw StoreError.invalidEdit("sentences \(firstID) and \(secondID) are not adjacent in one document")
            }
            try Self.recordDocumentTail(first.documentID, from: first.ordinal, recorder, db)
            // The links holding the two sentences, and any between them, become one.
            for (pairID, side) in try Self.pairSides(document: first.documentID, db) {
                let links = try LinkRecord.filter(Column("pair_id") == pairID).order(
                    Column("source_start"), Column("target_start")
                ).fetchAll(db)
                let range = { (link: LinkRecord) in side == .source ? link.source : link.target }
                guard let from = links.firstIndex(where: { range($0).contains(first.ordinal) }),
                    let to = links.firstIndex(where: { range($0).contains(second.ordinal) }), from != to
                else { continue }
                var merged = links[from]
                merged.sourceEnd = links[to].sourceEnd
                merged.targetEnd = links[to].targetEnd
                merged.score = links[from...to].map(\.score).min() ?? merged.score
                _ = try LinkRecord.deleteAll(db, keys: links[(from + 1)...to].compactMap(\.id))
                try Self.touch(&merged, db)
            }
            first.text = first.text + " " + second.text
            first.endOffset = second.endOffset
            try first.update(db)
            try SentenceRecord.deleteOne(db, key: second.id)
            try Self.shiftOrdinals(document: first.documentID, after: second.ordinal, by: -1, db)
            try Self.shiftLinks(document: first.documentID, ordinal: first.ordinal, delta: -1, db)
            return "merged sentences \(first.id ?? firstID) and \(second.id ?? secondID)"
        }
    }

    /// A pair that uses the sentence's document (the edit is recorded under it).
    func pairUsing(sentence sentenceID: Int64) throws -> Int64 {
        try read { db in
            guard let sentence = try SentenceRecord.fetchOne(db, key: sentenceID) else {
                throw StoreError.unknownSentence(sentenceID)
            }
            guard
                let pair = try Int64.fetchOne(
                    db, sql: "SELECT id FROM document_pair WHERE source_document_id = ? OR target_document_id = ? ORDER BY id",
                    arguments: [sentence.documentID, sentence.documentID])
            else { throw StoreError.invalidEdit("sentence \(sentenceID) belongs to no pair") }
            return pair
        }
    }

    /// Every pair using the document, and on which side.
    static func pairSides(document documentID: Int64, _ db: Database) throws -> [(Int64, Side)] {
        let pairs = try PairRecord.filter(
            Column("source_document_id") == documentID || Column("target_document_id") == documentID
        ).fetchAll(db)
        return pairs.flatMap { pair -> [(Int64, Side)] in
            var sides: [(Int64, Side)] = []
            if pair.sourceDocumentID == documentID, let id = pair.id { sides.append((id, .source)) }
            if pair.targetDocumentID == documentID, let id = pair.id { sides.append((id, .target)) }
            return sides
        }
    }

    /// Snapshots, before a sentence edit, every row it may renumber or resize.
    static func recordDocumentTail(_ documentID: Int64, from ordinal: Int, _ recorder: EditRecorder, _ db: Database) throws {
        let sentences = try Int64.fetchAll(
            db, sql: "SELECT id FROM sentence WHERE document_id = ? AND ordinal >= ?", arguments: [documentID, ordinal])
        try recorder.willChange(sentences: sentences, db)
        for (pairID, _) in try pairSides(document: documentID, db) {
            try recorder.willChange(
                links: try Int64.fetchAll(db, sql: "SELECT id FROM link WHERE pair_id = ?", arguments: [pairID]), db)
        }
    }

    /// Moves the ordinals after `ordinal` by `delta` through negative values, so the unique
    /// (document, ordinal) index never sees two rows at once on one ordinal.
    static func shiftOrdinals(document documentID: Int64, after ordinal: Int, by delta: Int, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE sentence SET ordinal = -(ordinal + ?) - 1 WHERE document_id = ? AND ordinal > ?",
            arguments: [delta, documentID, ordinal])
        try db.execute(
            sql: "UPDATE sentence SET ordinal = -ordinal - 1 WHERE document_id = ? AND ordinal < 0", arguments: [documentID])
    }

    /// Moves the link boundaries after `ordinal` on the document's side by `delta`: the link
    /// holding `ordinal` grows or shrinks, the later ones move.
    static func shiftLinks(document documentID: Int64, ordinal: Int, delta: Int, _ db: Database) throws {
        for (pairID, side) in try pairSides(document: documentID, db) {
            let (start, end) = side == .source ? ("source_start", "source_end") : ("target_start", "target_end")
            // Both bounds in one statement: the CHECK (start <= end) holds for every row at once.
            try db.execute(
                sql: """
                    UPDATE link SET \(start) = \(start) + CASE WHEN \(start) > ? THEN ? ELSE 0 END,
                      \(end) = \(end) + CASE WHEN \(end) > ? THEN ? ELSE 0 END
                    WHERE pair_id = ? AND \(end) > ?
                    """,
                arguments: [ordinal, delta, ordinal, delta, pairID, ordinal])
        }
    }
}
