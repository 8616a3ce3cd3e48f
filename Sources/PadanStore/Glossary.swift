import PadanCore

extension AlignmentStore {
    /// Adds a term, or updates its note and domain when the pair of terms exists. Returns
    /// whether it was new.
    @discardableResult
    public func addTerm(indonesian: String, english: String, note: String = "", domain: String = "") throws -> Bool {
        try write { db in
            _ = try Self.role(of: user, db)
            return try Self.upsertTerm(indonesian: indonesian, english: english, note: note, domain: domain, db)
        }
    }

    static func upsertTerm(indonesian: String, english: String, note: String, domain: String, _ db: any SQLConnection) throws
        -> Bool
    {
        if var existing = try db.fetchFirst(
            GlossaryTermRecord.self, where: "WHERE indonesian = ? AND english = ?", indonesian, english)
        {
            existing.note = note
            existing.domain = domain
            try db.update(existing)
            return false
        }
        var term = GlossaryTermRecord(
            id: nil, indonesian: indonesian, english: english, note: note, domain: domain, status: "approved",
            createdAt: now())
        try db.insert(&term)
        return true
    }

    public func glossary() throws -> [GlossaryTermRecord] {
        try read { db in try db.fetchAll(GlossaryTermRecord.self, where: "ORDER BY indonesian, english") }
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

extension AlignmentStore {
    /// Imports terms in one transaction; returns how many were added, updated (note changed) and
    /// skipped (already stored as they are).
    public func importTerms(_ entries: [GlossaryEntry]) throws -> (added: Int, updated: Int, skipped: Int) {
        try write { db in
            _ = try Self.role(of: user, db)
            var added = 0
            var updated = 0
            var skipped = 0
            for entry in entries {
                let existing = try db.fetchFirst(
                    GlossaryTermRecord.self, where: "WHERE indonesian = ? AND english = ?", entry.indonesian, entry.english)
                if let existing, existing.note == entry.note {
                    skipped += 1
                } else if try Self.upsertTerm(
                    indonesian: entry.indonesian, english: entry.english, note: entry.note, domain: existing?.domain ?? "", db)
                {
                    added += 1
                } else {
                    updated += 1
                }
            }
            return (added, updated, skipped)
        }
    }
}

extension AlignmentStore {
    /// Removes a term (all its English equivalents, or just `english`); returns how many went.
    public func removeTerm(indonesian: String, english: String? = nil) throws -> Int {
        try write { db in
            _ = try Self.role(of: user, db)
            let removed =
                try english.map {
                    try db.execute("DELETE FROM glossary_term WHERE indonesian = ? AND english = ?", indonesian, $0)
                } ?? db.execute("DELETE FROM glossary_term WHERE indonesian = ?", indonesian)
            if removed == 0 { throw StoreError.unknownTerm(english.map { "\(indonesian) → \($0)" } ?? indonesian) }
            return removed
        }
    }
}
