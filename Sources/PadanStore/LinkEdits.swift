import Foundation
import PadanCore

extension AlignmentStore {
    /// Merges two adjacent links of one pair into one (status `edited`).
    public func merge(_ firstID: Int64, _ secondID: Int64, expecting versions: [Int64: Int] = [:]) throws -> EditSummary {
        let pairID = try pairOf(link: firstID)
        return try performEdit(pair: pairID, kind: "merge", expecting: versions) { db, recorder in
            guard var first = try db.fetch(LinkRecord.self, id: firstID) else { throw StoreError.unknownLink(firstID) }
            guard var second = try db.fetch(LinkRecord.self, id: secondID) else { throw StoreError.unknownLink(secondID) }
            guard first.pairID == second.pairID else {
                throw StoreError.invalidEdit("links \(firstID) and \(secondID) belong to different pairs")
            }
            if second.sourceStart < first.sourceStart
                || (second.sourceStart == first.sourceStart && second.targetStart < first.targetStart)
            {
                swap(&first, &second)
            }
            guard first.sourceEnd == second.sourceStart, first.targetEnd == second.targetStart else {
                throw StoreError.invalidEdit(
                    "links \(firstID) and \(secondID) are not adjacent; only neighbouring links can be merged")
            }
            try recorder.willChange(links: [firstID, secondID], db)
            let keptID = first.id ?? firstID
            try db.delete(LinkRecord.self, ids: [second.id].compactMap { $0 })
            first.sourceEnd = second.sourceEnd
            first.targetEnd = second.targetEnd
            first.score = min(first.score, second.score)
            try Self.touch(&first, db)
            return "merged links \(keptID) and \(second.id ?? secondID) into \(keptID)"
        }
    }

    /// Unlinks a link: each of its sentences becomes a link of its own with nothing on the other
    /// side (1-0, 0-1), marked edited: what a reviewer does with a moved link, or any link,
    /// whose sentences do not translate each other.
    public func unlink(_ linkID: Int64, expecting versions: [Int64: Int] = [:]) throws -> EditSummary {
        let pairID = try pairOf(link: linkID)
        return try performEdit(pair: pairID, kind: "unlink", expecting: versions) { db, recorder in
            guard let link = try db.fetch(LinkRecord.self, id: linkID) else { throw StoreError.unknownLink(linkID) }
            guard link.source.count + link.target.count > 1, !link.source.isEmpty, !link.target.isEmpty else {
                throw StoreError.invalidEdit("link \(linkID) holds sentences of one side only; there is nothing to unlink")
            }
            try recorder.willChange(links: [linkID], db)
            _ = try db.delete(LinkRecord.self, ids: [linkID])
            let now = Self.now()
            let pieces =
                link.source.map { (source: $0..<$0 + 1, target: link.targetStart..<link.targetStart) }
                + link.target.map { (source: link.sourceStart..<link.sourceStart, target: $0..<$0 + 1) }
            var created: [Int64] = []
            for piece in pieces {
                var record = LinkRecord(
                    id: nil, pairID: pairID, sourceStart: piece.source.lowerBound, sourceEnd: piece.source.upperBound,
                    targetStart: piece.target.lowerBound, targetEnd: piece.target.upperBound, score: 0, status: .edited,
                    updatedAt: now, version: 1)
                try db.insert(&record)
                if let id = record.id {
                    recorder.didCreate(link: id, pair: pairID)
                    created.append(id)
                }
            }
            return "unlinked link \(linkID) into \(Self.describe(links: created))"
        }
    }

    /// Splits a link in two: the second part starts at source ordinal `sourceAt` and target
    /// ordinal `targetAt` (each within the link's range or at its end).
    public func split(_ linkID: Int64, sourceAt: Int, targetAt: Int, expecting versions: [Int64: Int] = [:]) throws -> EditSummary
    {
        let pairID = try pairOf(link: linkID)
        return try performEdit(pair: pairID, kind: "split", expecting: versions) { db, recorder in
            guard var link = try db.fetch(LinkRecord.self, id: linkID) else { throw StoreError.unknownLink(linkID) }
            guard (link.sourceStart...link.sourceEnd).contains(sourceAt), (link.targetStart...link.targetEnd).contains(targetAt)
            else {
                throw StoreError.invalidEdit(
                    "split point out of range: link \(linkID) holds source \(link.sourceStart)..<\(link.sourceEnd) and target \(link.targetStart)..<\(link.targetEnd)"
                )
            }
            let firstEmpty = sourceAt == link.sourceStart && targetAt == link.targetStart
            let secondEmpty = sourceAt == link.sourceEnd && targetAt == link.targetEnd
            guard !firstEmpty, !secondEmpty else {
                throw StoreError.invalidEdit("both parts of a split need at least one sentence")
            }
            try recorder.willChange(links: [linkID], db)
            var second = link
            second.id = nil
            second.sourceStart = sourceAt
            second.targetStart = targetAt
            link.sourceEnd = sourceAt
            link.targetEnd = targetAt
            try Self.touch(&link, db)
            second.status = .edited
            second.version = 1
            second.updatedAt = Self.now()
            try db.insert(&second)
            if let id = second.id { recorder.didCreate(link: id, pair: pairID) }
            return "split link \(linkID) at source \(sourceAt), target \(targetAt) (new link \(second.id ?? 0))"
        }
    }

    /// Makes sources `source` and targets `target` (ordinal ranges, either may be empty) one
    /// link; the links that held any of those sentences shrink or go, so that every sentence
    /// stays in exactly one link. The new link may cross others: that is how a reviewer links a
    /// passage the translation moved.
    public func relink(
        pair pairID: Int64, source: Range<Int>, target: Range<Int>, expecting versions: [Int64: Int] = [:]
    ) throws -> EditSummary {
        try performEdit(pair: pairID, kind: "relink", expecting: versions) { db, recorder in
            guard !(source.isEmpty && target.isEmpty) else { throw StoreError.invalidEdit("a link needs at least one sentence") }
            let links = try db.fetchAll(LinkRecord.self, where: "WHERE pair_id = ? ORDER BY id", pairID)
            let (sourceCount, targetCount) = try Self.sentenceCounts(pairID: pairID, db)
            guard source.lowerBound >= 0, source.upperBound <= sourceCount, target.lowerBound >= 0,
                target.upperBound <= targetCount
            else {
                throw StoreError.invalidEdit(
                    "ranges out of bounds: the pair has \(sourceCount) source and \(targetCount) target sentences")
            }
            var parts: [(source: Range<Int>, target: Range<Int>, from: LinkRecord?)] = []
            var touched: [Int64] = []
            for link in links {
                let overlapsSource = link.source.overlaps(source)
                let overlapsTarget = link.target.overlaps(target)
                if !overlapsSource && !overlapsTarget {
                    parts.append((link.source, link.target, link))
                    continue
                }
                touched.append(link.id ?? 0)
                let before = (
                    link.sourceStart..<min(link.sourceEnd, max(link.sourceStart, source.lowerBound)),
                    link.targetStart..<min(link.targetEnd, max(link.targetStart, target.lowerBound))
                )
                let after = (
                    max(link.sourceStart, min(link.sourceEnd, source.upperBound))..<link.sourceEnd,
                    max(link.targetStart, min(link.targetEnd, target.upperBound))..<link.targetEnd
                )
                if !(before.0.isEmpty && before.1.isEmpty) { parts.append((before.0, before.1, nil)) }
                if !(after.0.isEmpty && after.1.isEmpty) { parts.append((after.0, after.1, nil)) }
            }
            parts.append((source, target, nil))
            // New links are numbered in reading order.
            parts.sort {
                ($0.source.lowerBound, $0.target.lowerBound, $0.source.upperBound)
                    < ($1.source.lowerBound, $1.target.lowerBound, $1.source.upperBound)
            }
            // Every sentence in exactly one link; the new link may cross others (a moved passage
            // linked by hand).
            try Self.validate(
                parts.map { AlignmentLink(source: $0.source, target: $0.target, confidence: 1) }, sourceCount: sourceCount,
                targetCount: targetCount)
            try recorder.willChange(links: touched, db)
            _ = try db.delete(LinkRecord.self, ids: touched)
            let now = Self.now()
            for part in parts where part.from == nil {
                var record = LinkRecord(
                    id: nil, pairID: pairID, sourceStart: part.source.lowerBound, sourceEnd: part.source.upperBound,
                    targetStart: part.target.lowerBound, targetEnd: part.target.upperBound, score: 1, status: .edited,
                    updatedAt: now, version: 1)
                try db.insert(&record)
                if let id = record.id { recorder.didCreate(link: id, pair: pairID) }
            }
            return "relinked source \(Self.describe(source)) with target \(Self.describe(target))"
        }
    }

    /// Corrects the text of one sentence of a link (`side` source or target); the old text stays
    /// in the history. A side of several sentences needs `ordinal` to say which one.
    public func editText(
        link linkID: Int64, side: Side, text: String, ordinal: Int? = nil, expecting versions: [Int64: Int] = [:],
        comment: String? = nil
    ) throws -> EditSummary {
        let range = try read { db -> Range<Int> in
            guard let link = try db.fetch(LinkRecord.self, id: linkID) else { throw StoreError.unknownLink(linkID) }
            return side == .source ? link.source : link.target
        }
        guard !range.isEmpty else { throw StoreError.invalidEdit("link \(linkID) has no \(side.rawValue) sentence to edit") }
        let chosen: Int
        if let ordinal {
            guard range.contains(ordinal) else {
                throw StoreError.invalidEdit(
                    "sentence \(ordinal) is not in link \(linkID) (\(side.rawValue) \(Self.describe(range)))")
            }
            chosen = ordinal
        } else {
            guard range.count == 1 else {
                throw StoreError.invalidEdit(
                    "link \(linkID) has \(range.count) \(side.rawValue) sentences; say which with --sentence N")
            }
            chosen = range.lowerBound
        }
        return try editTexts(link: linkID, side: side, texts: [chosen: text], expecting: versions, comment: comment)
    }

    /// Corrects several sentences of one side of a link in one edit: all of them or none. Each
    /// text is trimmed and put in Unicode NFC, as imported text is.
    /// - Parameter texts: new text by sentence ordinal; every ordinal must lie in the link.
    public func editTexts(
        link linkID: Int64, side: Side, texts: [Int: String], expecting versions: [Int64: Int] = [:],
        comment: String? = nil
    ) throws -> EditSummary {
        let pairID = try pairOf(link: linkID)
        return try performEdit(pair: pairID, kind: "edit", expecting: versions, comment: comment ?? "") { db, recorder in
            guard var link = try db.fetch(LinkRecord.self, id: linkID) else { throw StoreError.unknownLink(linkID) }
            guard let pair = try db.fetch(PairRecord.self, id: link.pairID) else { throw StoreError.unknownPair(link.pairID) }
            let range = side == .source ? link.source : link.target
            let documentID = side == .source ? pair.sourceDocumentID : pair.targetDocumentID
            guard !texts.isEmpty else { throw StoreError.invalidEdit("nothing to edit") }
            var sentences: [SentenceRecord] = []
            for (ordinal, text) in texts.sorted(by: { $0.key < $1.key }) {
                guard range.contains(ordinal) else {
                    throw StoreError.invalidEdit(
                        "sentence \(ordinal) is not in link \(linkID) (\(side.rawValue) \(Self.describe(range)))")
                }
                let normalized = ICU.nfc(text.trimmingCharacters(in: .whitespacesAndNewlines))
                guard !normalized.isEmpty else { throw StoreError.invalidEdit("the new text of sentence \(ordinal) is empty") }
                guard
                    var sentence = try db.fetchFirst(
                        SentenceRecord.self, where: "WHERE document_id = ? AND ordinal = ?", documentID, ordinal)
                else { throw StoreError.invalidEdit("sentence \(ordinal) not found") }
                sentence.text = normalized
                sentences.append(sentence)
            }
            try recorder.willChange(sentences: sentences.compactMap(\.id), db)
            try recorder.willChange(links: [linkID], db)
            for sentence in sentences { try db.update(sentence) }
            if let comment { link.note = comment }
            try Self.touch(&link, db)
            let ordinals = texts.keys.sorted().map(String.init).joined(separator: ", ")
            return "edited \(side.rawValue) sentence\(texts.count == 1 ? "" : "s") \(ordinals) of link \(linkID)"
        }
    }

    /// Which side of a link (the core's `Side`; the store's name for it stays for its callers).
    public typealias Side = PadanCore.Side

    /// Replaces links of `pairID` by `newLinks` (absolute ordinals): the re-alignment of the gaps
    /// between the links a reviewer decided on. Every link replaced must still be `auto` (one that
    /// someone confirmed, rejected or edited since is a conflict, and nothing changes). A new link
    /// with the same sentences as a replaced one is that link, kept as it is with its id and
    /// version; the rest are removed and written. The result must cover both documents exactly
    /// once, in order. Costs one read of the pair's links.
    public func replaceLinks(pair pairID: Int64, replacing oldIDs: [Int64], with newLinks: [AlignmentLink]) throws
        -> EditSummary
    {
        try performEdit(pair: pairID, kind: "realign") { db, recorder in
            let old = try db.fetchAll(LinkRecord.self, ids: oldIDs)
            guard old.count == Set(oldIDs).count, old.allSatisfy({ $0.pairID == pairID }) else {
                throw StoreError.conflict("a link to re-align is gone (merged, split or relinked by someone else)")
            }
            if let decided = old.first(where: { $0.status != .auto }) {
                throw StoreError.conflict("link \(decided.id ?? 0) was \(decided.status.rawValue) by someone else")
            }
            struct Place: Hashable {
                var source: Range<Int>
                var target: Range<Int>
            }
            var unchanged: [Place: Int64] = [:]
            for record in old { unchanged[Place(source: record.source, target: record.target)] = record.id }
            let fresh = newLinks.filter { unchanged[Place(source: $0.source, target: $0.target)] == nil }
            let kept = Set(newLinks.compactMap { unchanged[Place(source: $0.source, target: $0.target)] })
            let removed = old.compactMap(\.id).filter { !kept.contains($0) }
            try recorder.willChange(links: removed, db)
            try db.delete(LinkRecord.self, ids: removed)
            let now = Self.now()
            for link in fresh {
                var record = LinkRecord(aligned: link, pair: pairID, at: now)
                try db.insert(&record)
                if let id = record.id { recorder.didCreate(link: id, pair: pairID) }
            }
            try Self.requireCoverage(pair: pairID, db)
            return "realigned: \(removed.count) links replaced by \(fresh.count), \(kept.count) unchanged"
        }
    }

    /// Shifts one side of the pair by one link from link `linkID` on (InterText's double arrows):
    /// `down` leaves this link's side empty and gives every later link the side of the link
    /// before it (the last side becomes a link of its own at the end); up gives this link's side
    /// to the link before and every later link the side of the link after it. Links left with no
    /// sentence go. One edit; it records the links it changes (all from here on, as they all move).
    public func shiftSide(
        pair pairID: Int64, from linkID: Int64, side: Side, down: Bool, expecting versions: [Int64: Int] = [:]
    ) throws -> EditSummary {
        try performEdit(pair: pairID, kind: "shift", expecting: versions) { db, recorder in
            let links = try Self.orderedLinks(pair: pairID, db)
            guard let start = links.firstIndex(where: { $0.id == linkID }) else { throw StoreError.unknownLink(linkID) }
            if !down && start == 0 { throw StoreError.invalidEdit("the first link has no link before it to take its side") }
            func range(_ link: LinkRecord) -> Range<Int> { side == .source ? link.source : link.target }
            func setting(_ link: LinkRecord, _ value: Range<Int>) -> LinkRecord {
                var link = link
                if side == .source {
                    (link.sourceStart, link.sourceEnd) = (value.lowerBound, value.upperBound)
                } else {
                    (link.targetStart, link.targetEnd) = (value.lowerBound, value.upperBound)
                }
                return link
            }
            let first = down ? start : start - 1
            // A shift moves each later link's side one link along, in the original's order: a
            // moved link has no place in that order.
            let moved = MovedLinks.moved(links.map(\.outline))
            if let link = links[first...].first(where: { moved.contains($0.id ?? 0) }) {
                throw StoreError.invalidEdit(
                    "link \(link.id ?? 0) from here on is a moved link (its translation stands elsewhere); unlink it first (`padan pairs unlink \(link.id ?? 0)`), or shift after it"
                )
            }
            var changed = Array(links[first...])
            var ranges = changed.map(range)
            var extra: Range<Int>?
            if down {
                extra = ranges.last
                ranges = [ranges[0].lowerBound..<ranges[0].lowerBound] + ranges.dropLast()
            } else {
                let end = ranges.last?.upperBound ?? 0
                ranges = [ranges[0].lowerBound..<ranges[1].upperBound] + ranges.dropFirst(2) + [end..<end]
            }
            try recorder.willChange(links: changed.compactMap(\.id), db)
            changed = zip(changed, ranges).map(setting)
            let empty = changed.filter { $0.source.isEmpty && $0.target.isEmpty }
            try db.delete(LinkRecord.self, ids: empty.compactMap(\.id))
            for var link in changed where !(link.source.isEmpty && link.target.isEmpty) { try Self.touch(&link, db) }
            if let extra, !extra.isEmpty {
                let otherEnd = side == .source ? (links.last?.targetEnd ?? 0) : (links.last?.sourceEnd ?? 0)
                var link = LinkRecord(
                    id: nil, pairID: pairID, sourceStart: side == .source ? extra.lowerBound : otherEnd,
                    sourceEnd: side == .source ? extra.upperBound : otherEnd,
                    targetStart: side == .target ? extra.lowerBound : otherEnd,
                    targetEnd: side == .target ? extra.upperBound : otherEnd, score: 0, status: .edited, updatedAt: Self.now(),
                    version: 1)
                try db.insert(&link)
                if let id = link.id { recorder.didCreate(link: id, pair: pairID) }
            }
            try Self.requireCoverage(pair: pairID, db)
            return "shifted the \(side.rawValue) side \(down ? "down" : "up") from link \(linkID)"
        }
    }

    // MARK: Helpers

    /// The links of a pair in document order.
    static func orderedLinks(pair pairID: Int64, _ db: any SQLConnection) throws -> [LinkRecord] {
        try db.fetchAll(
            LinkRecord.self, where: "WHERE pair_id = ? ORDER BY source_start, target_start, source_end, target_end", pairID)
    }

    /// Refuses (rolling the edit back) unless the pair's links cover both documents exactly once, in order.
    static func requireCoverage(pair pairID: Int64, _ db: any SQLConnection) throws {
        let (sourceCount, targetCount) = try sentenceCounts(pairID: pairID, db)
        try validate(
            try orderedLinks(pair: pairID, db).map { AlignmentLink(source: $0.source, target: $0.target, confidence: $0.score) },
            sourceCount: sourceCount, targetCount: targetCount)
    }

    func pairOf(link linkID: Int64) throws -> Int64 {
        try read { db in
            guard let pairID = try db.value("SELECT pair_id FROM link WHERE id = ?", linkID)?.int64 else {
                throw StoreError.unknownLink(linkID)
            }
            return pairID
        }
    }

    static func sentenceCounts(pairID: Int64, _ db: any SQLConnection) throws -> (Int, Int) {
        guard let pair = try db.fetch(PairRecord.self, id: pairID) else { throw StoreError.unknownPair(pairID) }
        return (try sentenceCount(pair.sourceDocumentID, db), try sentenceCount(pair.targetDocumentID, db))
    }

    /// Marks a link changed: a new version, status `edited` (a rejected link stays rejected, so an
    /// edit never puts it back into exports unasked).
    static func touch(_ link: inout LinkRecord, _ db: any SQLConnection) throws {
        if link.status != .rejected { link.status = .edited }
        link.version += 1
        link.updatedAt = now()
        try db.update(link)
    }

    static func describe(_ range: Range<Int>) -> String {
        range.isEmpty ? "[]" : range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)..\(range.upperBound - 1)"
    }
}
