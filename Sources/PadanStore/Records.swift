import PadanCore

/// A document as stored: one article in one language.
public struct DocumentRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var language: String
    public var title: String?
    public var date: String?
    public var sourceURL: String?
    public var path: String?
    public var profile: String
    public var rawText: String
    public var cleanedText: String
    public var boilerplate: String
    public var contentHash: String
    public var createdAt: String
    /// Where the page was fetched from (nil for a document read from a file).
    public var fetch: FetchProvenance? = nil

    enum CodingKeys: String, CodingKey {
        case id, language, title, date, path, profile, boilerplate, fetch
        case sourceURL = "source_url"
        case rawText = "raw_text"
        case cleanedText = "cleaned_text"
        case contentHash = "content_hash"
        case createdAt = "created_at"
    }

}

/// A sentence as stored: ordinal and offsets into its document's cleaned text.
public struct SentenceRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var documentID: Int64
    public var ordinal: Int
    public var paragraph: Int
    public var startOffset: Int
    public var endOffset: Int
    public var text: String

    enum CodingKeys: String, CodingKey {
        case id, ordinal, paragraph, text
        case documentID = "document_id"
        case startOffset = "start_offset"
        case endOffset = "end_offset"
    }

}

/// A translation and its original.
public struct PairRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var sourceDocumentID: Int64
    public var targetDocumentID: Int64
    public var createdAt: String
    /// Who the pair is assigned to (nil: anyone may edit it).
    public var assignee: String? = nil
    /// Where the pair is in its review.
    public var state: PairState = .open

    enum CodingKeys: String, CodingKey {
        case id, assignee, state
        case sourceDocumentID = "source_document_id"
        case targetDocumentID = "target_document_id"
        case createdAt = "created_at"
    }

}

/// A link (bead) as stored: half-open sentence-ordinal ranges on both sides.
public struct LinkRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var pairID: Int64
    public var sourceStart: Int
    public var sourceEnd: Int
    public var targetStart: Int
    public var targetEnd: Int
    public var score: Double
    public var status: LinkStatus
    public var updatedAt: String
    public var version: Int
    /// The reviewer's comment of the last edit that changed the link (why it was rejected, say);
    /// exports carry it as a note.
    public var note: String = ""

    enum CodingKeys: String, CodingKey {
        case id, score, status, version, note
        case pairID = "pair_id"
        case sourceStart = "source_start"
        case sourceEnd = "source_end"
        case targetStart = "target_start"
        case targetEnd = "target_end"
        case updatedAt = "updated_at"
    }

    public init(
        id: Int64?, pairID: Int64, sourceStart: Int, sourceEnd: Int, targetStart: Int, targetEnd: Int, score: Double,
        status: LinkStatus, updatedAt: String, version: Int, note: String = ""
    ) {
        self.id = id
        self.pairID = pairID
        self.sourceStart = sourceStart
        self.sourceEnd = sourceEnd
        self.targetStart = targetStart
        self.targetEnd = targetEnd
        self.score = score
        self.status = status
        self.updatedAt = updatedAt
        self.version = version
        self.note = note
    }

    /// A new link as the aligner made it: status `auto`, version 1, the confidence as its score.
    public init(aligned link: AlignmentLink, pair pairID: Int64, at time: String) {
        self.init(
            id: nil, pairID: pairID, sourceStart: link.source.lowerBound, sourceEnd: link.source.upperBound,
            targetStart: link.target.lowerBound, targetEnd: link.target.upperBound, score: min(1, max(0, link.confidence)),
            status: .auto, updatedAt: time, version: 1)
    }

    /// Rows and edit records of the first release have no note.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(Int64.self, forKey: .id)
        pairID = try container.decode(Int64.self, forKey: .pairID)
        sourceStart = try container.decode(Int.self, forKey: .sourceStart)
        sourceEnd = try container.decode(Int.self, forKey: .sourceEnd)
        targetStart = try container.decode(Int.self, forKey: .targetStart)
        targetEnd = try container.decode(Int.self, forKey: .targetEnd)
        score = try container.decode(Double.self, forKey: .score)
        status = try container.decode(LinkStatus.self, forKey: .status)
        updatedAt = try container.decode(String.self, forKey: .updatedAt)
        version = try container.decode(Int.self, forKey: .version)
        note = try container.decodeIfPresent(String.self, forKey: .note) ?? ""
    }

    public var source: Range<Int> { sourceStart..<sourceEnd }
    public var target: Range<Int> { targetStart..<targetEnd }

    /// The link's place, score and status, without its texts.
    public var outline: LinkOutline {
        LinkOutline(id: id ?? 0, source: source, target: target, score: score, status: status, version: version)
    }

}

/// A glossary term as stored: a term of the originals' language and its equivalent in the
/// translations', with its status, who changed it last and when, its version (for conflicts, as
/// links have one), and for a term mined from the corpus the evidence it was proposed with.
public struct GlossaryTermRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var sourceLanguage: String
    public var targetLanguage: String
    public var sourceTerm: String
    public var targetTerm: String
    public var note: String
    public var domain: String
    public var status: TermStatus
    public var author: String
    public var createdAt: String
    public var updatedAt: String
    public var version: Int
    /// How many confirmed links hold both terms, when it was proposed from them.
    public var frequency: Int
    /// The association score it was proposed with (see `TermProposer`).
    public var score: Double?
    /// A few of the links it was proposed from.
    public var exampleLinks: [Int64]

    enum CodingKeys: String, CodingKey {
        case id, note, domain, status, author, version, frequency, score
        case sourceLanguage = "source_language"
        case targetLanguage = "target_language"
        case sourceTerm = "source_term"
        case targetTerm = "target_term"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case exampleLinks = "example_links"
    }

    public init(
        id: Int64? = nil, entry: GlossaryEntry, author: String, at time: String, frequency: Int = 0, score: Double? = nil,
        exampleLinks: [Int64] = []
    ) {
        self.id = id
        sourceLanguage = entry.languages.source
        targetLanguage = entry.languages.target
        sourceTerm = entry.source
        targetTerm = entry.target
        note = entry.note
        domain = entry.domain
        status = entry.status
        self.author = author
        createdAt = time
        updatedAt = time
        version = 1
        self.frequency = frequency
        self.score = score
        self.exampleLinks = exampleLinks
    }

    public var languages: LanguagePair { LanguagePair(source: sourceLanguage, target: targetLanguage) }

    /// The term as the core reads it.
    public var entry: GlossaryEntry {
        GlossaryEntry(
            source: sourceTerm, target: targetTerm, languages: languages, note: note, domain: domain, status: status)
    }
}

/// One entry of the edit history.
public struct EditRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var pairID: Int64
    public var kind: String
    public var summary: String
    public var createdAt: String
    public var undo: String
    public var undoneAt: String?
    /// Who made the edit (`PADAN_USER`, else the login name).
    public var author: String = ""
    /// Why, when the editor said (a reason for a rejection, say).
    public var comment: String = ""

    public init(
        id: Int64?, pairID: Int64, kind: String, summary: String, createdAt: String, undo: String, undoneAt: String?,
        author: String = "", comment: String = ""
    ) {
        self.id = id
        self.pairID = pairID
        self.kind = kind
        self.summary = summary
        self.createdAt = createdAt
        self.undo = undo
        self.undoneAt = undoneAt
        self.author = author
        self.comment = comment
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, summary, undo, author, comment
        case pairID = "pair_id"
        case createdAt = "created_at"
        case undoneAt = "undone_at"
    }

}

extension DocumentRecord: StoredRecord {
    static let table = "document"
    static let columns = [
        "id", "language", "title", "date", "source_url", "path", "profile", "raw_text", "cleaned_text", "boilerplate",
        "content_hash", "created_at", "fetched_url", "fetched_final_url", "fetched_status", "fetched_at",
    ]

    init(row: [SQLValue]) throws {
        var fetch: FetchProvenance?
        if let url = try row.optionalString(12) {
            fetch = FetchProvenance(
                url: url, finalURL: try row.optionalString(13) ?? url, status: Int(try row.optionalInt64(14) ?? 0),
                fetchedAt: try row.optionalString(15) ?? "")
        }
        self.init(
            id: try row.int64(0), language: try row.string(1), title: try row.optionalString(2), date: try row.optionalString(3),
            sourceURL: try row.optionalString(4), path: try row.optionalString(5), profile: try row.string(6),
            rawText: try row.string(7), cleanedText: try row.string(8), boilerplate: try row.string(9),
            contentHash: try row.string(10), createdAt: try row.string(11), fetch: fetch)
    }

    var values: [SQLValue] {
        [
            language.sqlValue, title.sqlValue, date.sqlValue, sourceURL.sqlValue, path.sqlValue, profile.sqlValue,
            rawText.sqlValue, cleanedText.sqlValue, boilerplate.sqlValue, contentHash.sqlValue, createdAt.sqlValue,
            fetch?.url.sqlValue ?? .null, fetch?.finalURL.sqlValue ?? .null, fetch.map { .integer(Int64($0.status)) } ?? .null,
            fetch?.fetchedAt.sqlValue ?? .null,
        ]
    }
}

extension SentenceRecord: StoredRecord {
    static let table = "sentence"
    static let columns = ["id", "document_id", "ordinal", "paragraph", "start_offset", "end_offset", "text"]

    init(row: [SQLValue]) throws {
        self.init(
            id: try row.int64(0), documentID: try row.int64(1), ordinal: try row.int(2), paragraph: try row.int(3),
            startOffset: try row.int(4), endOffset: try row.int(5), text: try row.string(6))
    }

    var values: [SQLValue] {
        [documentID.sqlValue, ordinal.sqlValue, paragraph.sqlValue, startOffset.sqlValue, endOffset.sqlValue, text.sqlValue]
    }
}

extension PairRecord: StoredRecord {
    static let table = "document_pair"
    static let columns = ["id", "source_document_id", "target_document_id", "created_at", "assignee", "state"]

    init(row: [SQLValue]) throws {
        guard let state = PairState(rawValue: try row.string(5)) else {
            throw StoreError.database("pair \(try row.int64(0)) has an unknown state")
        }
        self.init(
            id: try row.int64(0), sourceDocumentID: try row.int64(1), targetDocumentID: try row.int64(2),
            createdAt: try row.string(3), assignee: try row.optionalString(4), state: state)
    }

    var values: [SQLValue] {
        [sourceDocumentID.sqlValue, targetDocumentID.sqlValue, createdAt.sqlValue, assignee.sqlValue, .text(state.rawValue)]
    }
}

extension LinkRecord: StoredRecord {
    static let table = "link"
    static let columns = [
        "id", "pair_id", "source_start", "source_end", "target_start", "target_end", "score", "status", "updated_at",
        "version", "note",
    ]

    init(row: [SQLValue]) throws {
        self.init(
            id: try row.int64(0), pairID: try row.int64(1), sourceStart: try row.int(2), sourceEnd: try row.int(3),
            targetStart: try row.int(4), targetEnd: try row.int(5), score: try row.double(6), status: try row.status(7),
            updatedAt: try row.string(8), version: try row.int(9), note: try row.string(10))
    }

    var values: [SQLValue] {
        [
            pairID.sqlValue, sourceStart.sqlValue, sourceEnd.sqlValue, targetStart.sqlValue, targetEnd.sqlValue,
            score.sqlValue, status.sqlValue, updatedAt.sqlValue, version.sqlValue, note.sqlValue,
        ]
    }
}

extension GlossaryTermRecord: StoredRecord {
    static let table = "glossary_term"
    static let columns = [
        "id", "source_language", "target_language", "source_term", "target_term", "note", "domain", "status", "author",
        "created_at", "updated_at", "version", "frequency", "score", "example_links",
    ]

    init(row: [SQLValue]) throws {
        guard let status = TermStatus(rawValue: try row.string(7)) else {
            throw StoreError.database("a glossary term has the unknown status \(try row.string(7))")
        }
        self.init(
            entry: GlossaryEntry(
                source: try row.string(3), target: try row.string(4),
                languages: LanguagePair(source: try row.string(1), target: try row.string(2)), note: try row.string(5),
                domain: try row.string(6), status: status),
            author: try row.string(8), at: try row.string(9), frequency: try row.int(12),
            score: row[13] == .null ? nil : try row.double(13),
            exampleLinks: try row.string(14).split(separator: " ").compactMap { Int64($0) })
        id = try row.int64(0)
        updatedAt = try row.string(10)
        version = try row.int(11)
    }

    var values: [SQLValue] {
        [
            sourceLanguage.sqlValue, targetLanguage.sqlValue, sourceTerm.sqlValue, targetTerm.sqlValue, note.sqlValue,
            domain.sqlValue, status.rawValue.sqlValue, author.sqlValue, createdAt.sqlValue, updatedAt.sqlValue,
            version.sqlValue, frequency.sqlValue, score.sqlValue, exampleLinks.map(String.init).joined(separator: " ").sqlValue,
        ]
    }
}

/// One entry of the glossary's history: an edit of terms, with the rows before and after.
public struct GlossaryEditRecord: Encodable, Sendable, Hashable {
    public var id: Int64?
    public var kind: String
    public var summary: String
    public var author: String
    public var comment: String
    public var createdAt: String
    public var undo: String
    public var undoneAt: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, summary, author, comment
        case createdAt = "created_at"
        case undoneAt = "undone_at"
    }

    init(
        id: Int64?, kind: String, summary: String, author: String, comment: String, createdAt: String, undo: String,
        undoneAt: String?
    ) {
        self.id = id
        self.kind = kind
        self.summary = summary
        self.author = author
        self.comment = comment
        self.createdAt = createdAt
        self.undo = undo
        self.undoneAt = undoneAt
    }
}

extension GlossaryEditRecord: StoredRecord {
    static let table = "glossary_edit"
    static let columns = ["id", "kind", "summary", "author", "comment", "created_at", "undo", "undone_at"]

    init(row: [SQLValue]) throws {
        self.init(
            id: try row.int64(0), kind: try row.string(1), summary: try row.string(2), author: try row.string(3),
            comment: try row.string(4), createdAt: try row.string(5), undo: try row.string(6),
            undoneAt: try row.optionalString(7))
    }

    var values: [SQLValue] {
        [
            kind.sqlValue, summary.sqlValue, author.sqlValue, comment.sqlValue, createdAt.sqlValue, undo.sqlValue,
            undoneAt.sqlValue,
        ]
    }
}

extension EditRecord: StoredRecord {
    static let table = "edit"
    static let columns = ["id", "pair_id", "kind", "summary", "created_at", "undo", "undone_at", "author", "comment"]

    init(row: [SQLValue]) throws {
        self.init(
            id: try row.int64(0), pairID: try row.int64(1), kind: try row.string(2), summary: try row.string(3),
            createdAt: try row.string(4), undo: try row.string(5), undoneAt: try row.optionalString(6),
            author: try row.string(7), comment: try row.string(8))
    }

    var values: [SQLValue] {
        [
            pairID.sqlValue, kind.sqlValue, summary.sqlValue, createdAt.sqlValue, undo.sqlValue, undoneAt.sqlValue,
            author.sqlValue, comment.sqlValue,
        ]
    }
}
