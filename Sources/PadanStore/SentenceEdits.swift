import PadanCore

extension AlignmentStore {
    /// Splits a sentence in two at `characterOffset` (characters from its start). Later sentences
    /// of the document move down one ordinal, and the links of every pair using the document
    /// follow: the link holding the sentence now holds both halves (its version rises). One
    /// undoable edit, listed in the history of every pair using the document; it records only the
    /// rows it rewrites and the shift, so it costs the same at any position of any document.
    /// - Parameter versions: links the caller read; a conflict if any changed since.
    public func splitSentence(
        _ sentenceID: Int64, atCharacter characterOffset: Int, expecting versions: [Int64: Int] = [:]
    ) throws -> EditSummary {
        let pairID = try pairUsing(sentence: sentenceID)
        return try performEdit(pair: pairID, kind: "split-sentence", expecting: versions) { db, recorder in
            guard var sentence = try db.fetch(SentenceRecord.self, id: sentenceID) else {
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
            let ordinal = sentence.ordinal
            let sides = try Self.pairSides(document: sentence.documentID, db)
            let holders = try sides.compactMap { try Self.linkHolding(ordinal, pair: $0.0, side: $0.1, db) }
            try recorder.willChange(sentences: [sentenceID], db)
            try recorder.willChange(links: holders.compactMap(\.id), db)
            for var holder in holders { try Self.touch(&holder, db) }
            let shift = OrdinalShift(documentID: sentence.documentID, after: ordinal, delta: 1)
            try Self.applyShift(shift, db)
            recorder.didShift(shift, pairs: sides.map(\.0))
            let firstLength = first.utf16.count
            var newSentence = SentenceRecord(
                id: nil, documentID: sentence.documentID, ordinal: ordinal + 1, paragraph: sentence.paragraph,
                startOffset: min(sentence.endOffset, sentence.startOffset + firstLength + 1), endOffset: sentence.endOffset,
                text: second)
            sentence.text = first
            sentence.endOffset = min(sentence.endOffset, sentence.startOffset + firstLength)
            try db.update(sentence)
            try db.insert(&newSentence)
            if let id = newSentence.id { recorder.didCreate(sentence: id) }
            return "split sentence \(sentenceID) at character \(characterOffset) (new sentence \(newSentence.id ?? 0))"
        }
    }

    /// Merges two adjacent sentences of one document. When they sit in different links, those
    /// links (and any 1-0/0-1 link between them) become one, in every pair using the document.
    /// One undoable edit, like `splitSentence`.
    public func mergeSentences(_ firstID: Int64, _ secondID: Int64, expecting versions: [Int64: Int] = [:]) throws
        -> EditSummary
    {
        let pairID = try pairUsing(sentence: firstID)
        return try performEdit(pair: pairID, kind: "merge-sentences", expecting: versions) { db, recorder in
            guard var first = try db.fetch(SentenceRecord.self, id: firstID) else { throw StoreError.unknownSentence(firstID) }
            guard var second = try db.fetch(SentenceRecord.self, id: secondID) else { throw StoreError.unknownSentence(secondID) }
            if second.ordinal < first.ordinal { swap(&first, &second) }
            guard first.documentID == second.documentID, second.ordinal == first.ordinal + 1 else {
                throw StoreError.invalidEdit(
                    "sentences \(firstID) and \(secondID) are not adjacent in one document; `padan pairs show LINK` lists each sentence's id"
                )
            }
            try recorder.willChange(sentences: [first.id ?? firstID, second.id ?? secondID], db)
            let sides = try Self.pairSides(document: first.documentID, db)
            for (pairID, side) in sides {
                guard var holder = try Self.linkHolding(first.ordinal, pair: pairID, side: side, db),
                    let next = try Self.linkHolding(second.ordinal, pair: pairID, side: side, db)
                else { throw StoreError.invalidEdit("pair \(pairID) has a sentence in no link") }
                guard holder.id != next.id else {
                    try recorder.willChange(links: [holder.id ?? 0], db)
                    try Self.touch(&holder, db)
                    continue
                }
                // The two links and the links with no sentence on this side between them become one.
                let (start, end) = side == .source ? ("source_start", "source_end") : ("target_start", "target_end")
                let between = try db.fetchAll(
                    LinkRecord.self, where: "WHERE pair_id = ? AND \(start) = ? AND \(end) = ?", pairID, second.ordinal,
                    second.ordinal)
                let absorbed = between + [next]
                // The links become one only when their other sides are one run of sentences: next
                // to a moved link (its translation elsewhere) they are not.
                let others = ([holder] + absorbed).map { side == .source ? $0.target : $0.source }.filter { !$0.isEmpty }
                    .sorted { $0.lowerBound < $1.lowerBound }
                for (earlier, later) in zip(others, others.dropFirst()) where earlier.upperBound != later.lowerBound {
                    throw StoreError.invalidEdit(
                        "sentences \(firstID) and \(secondID) are in links \(holder.id ?? 0) and \(next.id ?? 0), whose other sides are not neighbours (one is a moved link); unlink or relink them first"
                    )
                }
                try recorder.willChange(links: [holder.id ?? 0] + absorbed.compactMap(\.id), db)
                try db.delete(LinkRecord.self, ids: absorbed.compactMap(\.id))
                if let first = others.first, let last = others.last {
                    if side == .source {
                        (holder.targetStart, holder.targetEnd) = (first.lowerBound, last.upperBound)
                    } else {
                        (holder.sourceStart, holder.sourceEnd) = (first.lowerBound, last.upperBound)
                    }
                }
                holder.sourceEnd = max(holder.sourceEnd, next.sourceEnd)
                holder.targetEnd = max(holder.targetEnd, next.targetEnd)
                holder.score = absorbed.map(\.score).reduce(holder.score, min)
                try Self.touch(&holder, db)
            }
            first.text = first.text + " " + second.text
            first.endOffset = second.endOffset
            try db.update(first)
            try db.delete(SentenceRecord.self, ids: [second.id].compactMap { $0 })
            let shift = OrdinalShift(documentID: first.documentID, after: second.ordinal, delta: -1)
            try Self.applyShift(shift, db)
            recorder.didShift(shift, pairs: sides.map(\.0))
            return "merged sentences \(first.id ?? firstID) and \(second.id ?? secondID)"
        }
    }

    /// Types a sentence into the empty side of a link (a translation for a 1-0 link, say): a new
    /// sentence of that document, the link's only one on that side. Later sentences move down; in
    /// every other pair using the document the new sentence sits in the link that spans it, or in a
    /// link of its own. One edit, in NFC.
    public func insertSentence(
        into linkID: Int64, side: Side, text: String, expecting versions: [Int64: Int] = [:]
    ) throws -> EditSummary {
        let pairID = try pairOf(link: linkID)
        return try performEdit(pair: pairID, kind: "add-sentence", expecting: versions) { db, recorder in
            guard var link = try db.fetch(LinkRecord.self, id: linkID) else { throw StoreError.unknownLink(linkID) }
            guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
            let range = side == .source ? link.source : link.target
            guard range.isEmpty else {
                throw StoreError.invalidEdit("link \(linkID) has a \(side.rawValue) sentence already; edit it instead")
            }
            let normalized = ICU.nfc(text.trimmingCharacters(in: .whitespacesAndNewlines))
            guard !normalized.isEmpty else { throw StoreError.invalidEdit("the new sentence is empty") }
            let ordinal = range.lowerBound
            let documentID = side == .source ? pair.sourceDocumentID : pair.targetDocumentID
            let (start, end) = side == .source ? ("source_start", "source_end") : ("target_start", "target_end")
            let other = side == .source ? "target_start" : "source_start"
            // Links of this pair with no sentence on this side at the same place, after this one:
            // they must stay after the new sentence.
            let otherStart = side == .source ? link.targetStart : link.sourceStart
            let later = try db.fetchAll(
                LinkRecord.self, where: "WHERE pair_id = ? AND \(start) = ? AND \(end) = ? AND \(other) > ? AND id != ?", pairID,
                ordinal, ordinal, otherStart, linkID)
            try recorder.willChange(links: [linkID] + later.compactMap(\.id), db)
            let insertion = SentenceInsertion(documentID: documentID, ordinal: ordinal)
            try Self.applyInsertion(insertion, forward: true, db)
            let previous = try db.fetchFirst(
                SentenceRecord.self, where: "WHERE document_id = ? AND ordinal = ?", documentID, ordinal - 1)
            let next = try db.fetchFirst(
                SentenceRecord.self, where: "WHERE document_id = ? AND ordinal = ?", documentID, ordinal + 1)
            let offset = previous?.endOffset ?? next?.startOffset ?? 0
            var sentence = SentenceRecord(
                id: nil, documentID: documentID, ordinal: ordinal, paragraph: previous?.paragraph ?? next?.paragraph ?? 0,
                startOffset: offset, endOffset: offset, text: normalized)
            try db.insert(&sentence)
            if let id = sentence.id { recorder.didCreate(sentence: id) }
            if side == .source { link.sourceEnd = ordinal + 1 } else { link.targetEnd = ordinal + 1 }
            try Self.touch(&link, db)
            for var moved in later {
                if side == .source {
                    (moved.sourceStart, moved.sourceEnd) = (ordinal + 1, ordinal + 1)
                } else {
                    (moved.targetStart, moved.targetEnd) = (ordinal + 1, ordinal + 1)
                }
                try db.update(moved)
            }
            // Other pairs using the document: the new sentence needs a link there too.
            let sides = try Self.pairSides(document: documentID, db)
            for (otherPair, otherSide) in sides where !(otherPair == pairID && otherSide == side) {
                if try Self.linkHolding(ordinal, pair: otherPair, side: otherSide, db) != nil { continue }
                let (s, e) = otherSide == .source ? ("source_start", "source_end") : ("target_start", "target_end")
                let otherEnd = otherSide == .source ? "target_end" : "source_end"
                let before =
                    try db.count(
                        "SELECT max(\(otherEnd)) FROM link WHERE pair_id = ? AND \(e) <= ? AND \(s) <= ?", otherPair, ordinal,
                        ordinal)
                var added = LinkRecord(
                    id: nil, pairID: otherPair, sourceStart: otherSide == .source ? ordinal : before,
                    sourceEnd: otherSide == .source ? ordinal + 1 : before, targetStart: otherSide == .target ? ordinal : before,
                    targetEnd: otherSide == .target ? ordinal + 1 : before, score: 0, status: .edited, updatedAt: Self.now(),
                    version: 1)
                try db.insert(&added)
                if let id = added.id { recorder.didCreate(link: id, pair: otherPair) }
            }
            recorder.didInsert(insertion, pairs: sides.map(\.0))
            return "added \(side.rawValue) sentence \(sentence.id ?? 0) to link \(linkID)"
        }
    }

    /// Adds a paragraph break before sentence `sentenceID`, or removes the one there: the
    /// paragraph numbers of the document from that sentence on move by one. An edit of every pair
    /// using the document (the aligner reads paragraphs when it re-aligns).
    public func toggleParagraphBreak(before sentenceID: Int64, expecting versions: [Int64: Int] = [:]) throws
        -> EditSummary
    {
        let pairID = try pairUsing(sentence: sentenceID)
        return try performEdit(pair: pairID, kind: "paragraph", expecting: versions) { db, recorder in
            guard let sentence = try db.fetch(SentenceRecord.self, id: sentenceID) else {
                throw StoreError.unknownSentence(sentenceID)
            }
            guard sentence.ordinal > 0,
                let previous = try db.fetchFirst(
                    SentenceRecord.self, where: "WHERE document_id = ? AND ordinal = ?", sentence.documentID, sentence.ordinal - 1
                )
            else { throw StoreError.invalidEdit("sentence \(sentenceID) is the document's first: a paragraph starts there") }
            let adding = previous.paragraph == sentence.paragraph
            let shift = ParagraphShift(documentID: sentence.documentID, from: sentence.ordinal, delta: adding ? 1 : -1)
            try Self.applyParagraphShift(shift, db)
            recorder.didShiftParagraphs(shift, pairs: try Self.pairSides(document: sentence.documentID, db).map(\.0))
            return "\(adding ? "added" : "removed") a paragraph break before sentence \(sentenceID)"
        }
    }

    /// The link of a pair holding sentence `ordinal` on one side (found through the index on the
    /// side's end, so it costs the same anywhere in the pair).
    static func linkHolding(_ ordinal: Int, pair pairID: Int64, side: Side, _ db: any SQLConnection) throws -> LinkRecord? {
        let (start, end) = side == .source ? ("source_start", "source_end") : ("target_start", "target_end")
        return try db.fetchFirst(
            LinkRecord.self, where: "WHERE pair_id = ? AND \(end) > ? AND \(start) <= ? ORDER BY \(end)", pairID, ordinal, ordinal
        )
    }

    /// A pair that uses the sentence's document (the edit is recorded under it, and under every other).
    func pairUsing(sentence sentenceID: Int64) throws -> Int64 {
        try read { db in
            guard let sentence = try db.fetch(SentenceRecord.self, id: sentenceID) else {
                throw StoreError.unknownSentence(sentenceID)
            }
            guard
                let pair = try db.value(
                    "SELECT id FROM document_pair WHERE source_document_id = ? OR target_document_id = ? ORDER BY id LIMIT 1",
                    sentence.documentID, sentence.documentID)?.int64
            else { throw StoreError.invalidEdit("sentence \(sentenceID) belongs to no pair") }
            return pair
        }
    }

    /// Every pair using the document, and on which side.
    static func pairSides(document documentID: Int64, _ db: any SQLConnection) throws -> [(Int64, Side)] {
        let pairs = try db.fetchAll(
            PairRecord.self, where: "WHERE source_document_id = ? OR target_document_id = ? ORDER BY id", documentID, documentID)
        return pairs.flatMap { pair -> [(Int64, Side)] in
            var sides: [(Int64, Side)] = []
            if pair.sourceDocumentID == documentID, let id = pair.id { sides.append((id, .source)) }
            if pair.targetDocumentID == documentID, let id = pair.id { sides.append((id, .target)) }
            return sides
        }
    }
}
