import PadanCore

extension AlignmentStore {
    /// The glossary's terms, of one pair of languages and of some statuses when given, ordered by
    /// languages, then the translation's term and the original's (as `glossary list` prints them).
    public func glossary(languages: LanguagePair? = nil, statuses: Set<TermStatus>? = nil) throws -> [GlossaryTermRecord] {
        try read { db in try Self.glossary(languages: languages, statuses: statuses, db) }
    }

    static func glossary(languages: LanguagePair?, statuses: Set<TermStatus>?, _ db: any SQLConnection) throws
        -> [GlossaryTermRecord]
    {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let languages {
            conditions.append("source_language = ? AND target_language = ?")
            arguments += [.text(languages.source), .text(languages.target)]
        }
        if let statuses {
            conditions.append("status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))")
            arguments += statuses.sorted().map { .text($0.rawValue) }
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = ["source_language", "target_language", "target_term", "source_term"].map { db.dialect.binary($0) }
        return try db.rows(
            "SELECT \(GlossaryTermRecord.columnList) FROM glossary_term \(filter) ORDER BY \(order.joined(separator: ", "))",
            arguments
        ).map(GlossaryTermRecord.init)
    }

    /// One term by its id.
    /// - Throws: `StoreError.unknownTerm` when there is none.
    public func term(id: Int64) throws -> GlossaryTermRecord {
        try read { db in
            guard let term = try db.fetch(GlossaryTermRecord.self, id: id) else { throw StoreError.unknownTerm("#\(id)") }
            return term
        }
    }

    /// The terms of a pair of languages whose original or translated text is `text` (letter case
    /// aside): what a user means by naming a term.
    public func terms(named text: String, languages: LanguagePair) throws -> [GlossaryTermRecord] {
        let wanted = text.lowercased()
        return try glossary(languages: languages).filter {
            $0.sourceTerm.lowercased() == wanted || $0.targetTerm.lowercased() == wanted
        }
    }

    /// The lexicon entries stored for a language pair.
    public func lexicon(foreign: String, pivot: String) throws -> Lexicon {
        try read { db in
            var lexicon = Lexicon(foreignLanguage: foreign, pivotLanguage: pivot)
            try db.forEachRow(
                "SELECT foreign_term, pivot_term FROM lexicon_entry WHERE foreign_language = ? AND pivot_language = ?", foreign,
                pivot
            ) { row in lexicon.add(foreign: try row.string(0), pivot: try row.string(1)) }
            return lexicon
        }
    }

    /// Stores lexicon pairs (duplicates ignored) in one transaction; returns how many were new.
    public func importLexicon(_ lexicon: Lexicon, origin: String) throws -> Int {
        try write { db in
            _ = try Self.role(of: user, db)
            var added = 0
            for pair in lexicon.pairs {
                added += try db.execute(
                    """
                    INSERT INTO lexicon_entry (foreign_language, pivot_language, foreign_term, pivot_term, origin)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, lexicon.foreignLanguage, lexicon.pivotLanguage, pair.foreign, pair.pivot, origin)
            }
            return added
        }
    }
}
