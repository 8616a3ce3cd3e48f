import PadanCore

extension SQLDialect {
    /// `expression` ordered byte by byte (PostgreSQL orders text by the database's collation).
    func binary(_ expression: String) -> String { self == .postgres ? "\(expression) COLLATE \"C\"" : expression }
}

extension AlignmentStore {
    /// One content hash (SHA-256, hex) of the store's documents, sentences, pairs, links,
    /// history, glossary, lexicon, users and bookmarks: equal for a store and its copy on either
    /// backend, and for two stores that hold the same content whatever ids their rows got (a
    /// batch imported by several workers in any order). Documents are named by language and
    /// content hash, everything else through them; the times rows were written are left out,
    /// but not the times of edits. The history counts the edits in effect: undone ones wait to
    /// be redone and are not part of the state, so undoing every edit gives the digest before
    /// them back.
    public func digest() throws -> String {
        try read { db in
            var digest = StreamingDigest()
            let d = db.dialect
            // A document's key, for the documents `alias` names.
            func key(_ alias: String) -> [String] { ["\(alias).language", "\(alias).content_hash"] }
            func order(_ texts: [String], _ numbers: [String] = []) -> String {
                (texts.map(d.binary) + numbers).joined(separator: ", ")
            }
            let pairJoin = """
                JOIN document sd ON sd.id = p.source_document_id JOIN document td ON td.id = p.target_document_id
                """
            let sections: [(name: String, sql: String)] = [
                (
                    "documents",
                    "SELECT language, content_hash, title, date, source_url, path, profile, raw_text, cleaned_text, boilerplate, fetched_url, fetched_final_url, fetched_status FROM document ORDER BY \(order(["language", "content_hash"]))"
                ),
                (
                    "sentences",
                    "SELECT d.language, d.content_hash, s.ordinal, s.paragraph, s.start_offset, s.end_offset, s.text FROM sentence s JOIN document d ON d.id = s.document_id ORDER BY \(order(key("d"), ["s.ordinal"]))"
                ),
                (
                    "pairs",
                    "SELECT sd.language, sd.content_hash, td.language, td.content_hash, p.state, p.assignee FROM document_pair p \(pairJoin) ORDER BY \(order(key("sd") + key("td")))"
                ),
                (
                    "links",
                    "SELECT sd.language, sd.content_hash, td.language, td.content_hash, l.source_start, l.source_end, l.target_start, l.target_end, l.score, l.status, l.version, l.note FROM link l JOIN document_pair p ON p.id = l.pair_id \(pairJoin) ORDER BY \(order(key("sd") + key("td"), ["l.source_start", "l.target_start", "l.source_end", "l.target_end"]))"
                ),
                (
                    "edits",
                    "SELECT sd.language, sd.content_hash, td.language, td.content_hash, e.kind, e.summary, e.created_at, e.undo, e.author, e.comment FROM edit e JOIN pair_edit pe ON pe.edit_id = e.id JOIN document_pair p ON p.id = pe.pair_id \(pairJoin) WHERE e.undone_at IS NULL ORDER BY \(order([], ["e.id"])), \(order(key("sd") + key("td")))"
                ),
                (
                    "glossary",
                    "SELECT source_language, target_language, source_term, target_term, note, domain, status, author, created_at, updated_at, version, frequency, score, example_links FROM glossary_term ORDER BY \(order(["source_language", "target_language", "source_term", "target_term"]))"
                ),
                (
                    "glossary edits",
                    "SELECT kind, summary, author, comment, created_at, undo FROM glossary_edit WHERE undone_at IS NULL ORDER BY id"
                ),
                (
                    "lexicon",
                    "SELECT foreign_language, pivot_language, foreign_term, pivot_term, origin FROM lexicon_entry ORDER BY \(order(["foreign_language", "pivot_language", "foreign_term", "pivot_term"]))"
                ),
                ("users", "SELECT name, role FROM store_user ORDER BY \(order(["name"]))"),
                (
                    "bookmarks",
                    "SELECT sd.language, sd.content_hash, td.language, td.content_hash, l.source_start, l.target_start, l.source_end, l.target_end, b.author, b.note FROM bookmark b JOIN link l ON l.id = b.link_id JOIN document_pair p ON p.id = l.pair_id \(pairJoin) ORDER BY \(order(key("sd") + key("td"), ["l.source_start", "l.target_start", "l.source_end", "l.target_end"]))"
                ),
            ]
            for section in sections {
                digest.add(text: section.name)
                try db.forEachRow(section.sql, []) { row in digest.add(row: row) }
            }
            return digest.finish()
        }
    }
}

/// SHA-256 over a stream of rows in a canonical form, a megabyte at a time: the hash of the
/// chunks' hashes, so a store of any size is digested in constant memory. The same rows give
/// the same digest (chunk boundaries follow the bytes).
struct StreamingDigest {
    static let chunkSize = 1 << 20
    private var buffer: [UInt8] = []
    private var chunkHashes: [UInt8] = []

    mutating func add(text: String) { append(tag: "T", Array(text.utf8)) }

    /// One row: each value tagged with its kind and length, so no two rows serialize alike.
    mutating func add(row: [SQLValue]) {
        for value in row {
            switch value {
            case .null: append(tag: "N", [])
            case .integer(let number): append(tag: "I", Array(String(number).utf8))
            case .real(let number): append(tag: "R", Array("\(number)".utf8))
            case .text(let text): append(tag: "T", Array(text.utf8))
            case .blob(let bytes): append(tag: "B", bytes)
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.chunkSize { flush() }
    }

    private mutating func append(tag: Character, _ bytes: [UInt8]) {
        buffer.append(contentsOf: Array("\(tag)\(bytes.count):".utf8))
        buffer.append(contentsOf: bytes)
    }

    private mutating func flush() {
        chunkHashes += SHA256.digest(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() -> String {
        flush()
        return SHA256.hex(digest: SHA256.digest(chunkHashes))
    }
}
