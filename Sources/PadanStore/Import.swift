import Foundation
import PadanCore

/// The outcome of adding a pair.
public struct AddedPair: Sendable, Hashable {
    public var pairID: Int64
    /// False when the same two documents were already paired: nothing was written.
    public var created: Bool
    public var linkCount: Int
}

extension AlignmentStore {
    /// The stored sentences of a document with this language and content, if it is stored:
    /// alignment must run on those, not on a fresh segmentation.
    public func storedSentences(language: String, contentHash: String) throws -> [(text: String, paragraph: Int)]? {
        try read { db in
            guard
                let documentID = try db.value(
                    "SELECT id FROM document WHERE language = ? AND content_hash = ?", language, contentHash)?.int64
            else { return nil }
            return try db.rows("SELECT text, paragraph FROM sentence WHERE document_id = ? ORDER BY ordinal", documentID)
                .map { (text: try $0.string(0), paragraph: try $0.int(1)) }
        }
    }

    /// Stores both documents (each only once, by content) and the pair with its links, in one
    /// transaction. Adding the same pair again changes nothing and returns the existing id.
    /// - Parameter claim: the import job this pair comes from: marked done in the same
    ///   transaction, which is refused when the job's lease went to another worker meanwhile.
    public func addPair(
        source: DocumentInput, target: DocumentInput, links: [AlignmentLink], completing claim: ClaimedImport? = nil
    ) throws -> AddedPair {
        try write { db in
            let added = try Self.addPair(source: source, target: target, links: links, user: user, db)
            if let claim { try Self.complete(claim, pair: added.pairID, db) }
            return added
        }
    }

    static func addPair(
        source: DocumentInput, target: DocumentInput, links: [AlignmentLink], user: String, _ db: any SQLConnection
    ) throws -> AddedPair {
        _ = try role(of: user, db)
        let sourceID = try Self.findOrInsert(source, db)
        let targetID = try Self.findOrInsert(target, db)
        if let existing = try db.value(
            "SELECT id FROM document_pair WHERE source_document_id = ? AND target_document_id = ?", sourceID, targetID)?.int64
        {
            let count = try db.count("SELECT count(*) FROM link WHERE pair_id = ?", existing)
            return AddedPair(pairID: existing, created: false, linkCount: count)
        }
        let sourceCount = try Self.sentenceCount(sourceID, db)
        let targetCount = try Self.sentenceCount(targetID, db)
        try Self.validate(links, sourceCount: sourceCount, targetCount: targetCount)
        var pair = PairRecord(id: nil, sourceDocumentID: sourceID, targetDocumentID: targetID, createdAt: Self.now())
        try db.insert(&pair)
        guard let pairID = pair.id else { throw StoreError.database("pair insert returned no id") }
        let now = Self.now()
        try db.insertAll(links.map { LinkRecord(aligned: $0, pair: pairID, at: now) })
        return AddedPair(pairID: pairID, created: true, linkCount: links.count)
    }

    /// The stored document fetched from `url` (as asked, or as it came after redirects), if any:
    /// a batch run again does not fetch it again.
    public func document(fetchedFrom url: String) throws -> DocumentRecord? {
        try read { db in
            try db.fetchFirst(DocumentRecord.self, where: "WHERE fetched_url = ? OR fetched_final_url = ? ORDER BY id", url, url)
        }
    }

    static func sentenceCount(_ documentID: Int64, _ db: any SQLConnection) throws -> Int {
        try db.count("SELECT count(*) FROM sentence WHERE document_id = ?", documentID)
    }

    /// Links must cover every sentence of both documents exactly once, each link a run of
    /// consecutive sentences on each side. Their order is free: a moved passage's link crosses
    /// the links between the places its two sides stand (see `MovedLinks`).
    static func validate(_ links: [AlignmentLink], sourceCount: Int, targetCount: Int) throws {
        var sourceHolders = [Int](repeating: 0, count: sourceCount)
        var targetHolders = [Int](repeating: 0, count: targetCount)
        for link in links {
            guard !(link.source.isEmpty && link.target.isEmpty), link.source.lowerBound >= 0, link.target.lowerBound >= 0,
                link.source.upperBound <= sourceCount, link.target.upperBound <= targetCount
            else {
                throw StoreError.invalidEdit(
                    "a link holds no sentence or sentences the documents do not have (source \(link.source), target \(link.target))"
                )
            }
            for s in link.source { sourceHolders[s] += 1 }
            for t in link.target { targetHolders[t] += 1 }
        }
        for (side, holders) in [("source", sourceHolders), ("target", targetHolders)] {
            if let sentence = holders.firstIndex(where: { $0 != 1 }) {
                throw StoreError.invalidEdit(
                    "the links do not cover every sentence exactly once (\(side) sentence \(sentence) is in \(holders[sentence]) links)"
                )
            }
        }
    }

    static func findOrInsert(_ input: DocumentInput, _ db: any SQLConnection) throws -> Int64 {
        let hash = input.contentHash
        if let id = try db.value("SELECT id FROM document WHERE language = ? AND content_hash = ?", input.language, hash)?.int64 {
            return id
        }
        let boilerplate = try Self.canonicalJSON(input.article.setAside)
        var document = DocumentRecord(
            id: nil, language: input.language, title: input.article.title, date: input.article.date,
            sourceURL: input.article.sourceURLs.first, path: input.path, profile: input.article.profile,
            rawText: input.rawText, cleanedText: input.article.text, boilerplate: boilerplate,
            contentHash: hash, createdAt: now(), fetch: input.fetch)
        try db.insert(&document)
        guard let documentID = document.id else { throw StoreError.database("document insert returned no id") }
        try db.insertAll(
            input.sentences.map { sentence in
                SentenceRecord(
                    id: nil, documentID: documentID, ordinal: sentence.ordinal, paragraph: sentence.paragraph,
                    startOffset: sentence.start, endOffset: sentence.end, text: sentence.text)
            })
        return documentID
    }
}
