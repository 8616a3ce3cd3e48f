import GRDB
import PadanCore

extension AlignmentStore {
    /// Adds a term, or updates its note and domain when the pair of terms exists. Returns
    /// whether it was new.
    @discardableResult
    public func addTerm(indonesian: String, english: String, note: String = "", domain: String = "") throws -> Bool {
        try write { db in try Self.upsertTerm(indonesian: indonesian, english: english, note: note, domain: domain, db) }
    }

    static func upsertTerm(indonesian: String, english: String, note: String, domain: String, _ db: Database) throws -> Bool {
        if var existing = try GlossaryTermRecord.filter(Column("indonesian") == indonesian && Column("english") == english)
            .fetchOne(db)
        {
            existing.note = note
            existing.domain = domain
            try existing.update(db)
            return false
        }
        var term = GlossaryTermRecord(
            id: nil, indonesian: indonesian, english: english, note: note, domain: domain, status: "approved",
            createdAt: now())
        try term.insert(db)
        return true
    }

    public func glossary() throws -> [GlossaryTermRecord] {
        try read { db in try GlossaryTermRecord.order(Column("indonesian"), Column("english")).fetchAll(db) }
    }

    /// The lexicon entries stored for a language pair.
    public func lexicon(foreign: String, pivot: String) throws -> Lexicon {
        try read { db in
            var lexicon = Lexicon(foreignLanguage: foreign, pivotLanguage: pivot)
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT foreign_term, pivot_term FROM lexicon_entry WHERE foreign_language = ? AND pivot_language = ?",
                arguments: [foreign, pivot])
            for row in rows { lexicon.add(foreign: row[0], pivot: row[1]) }
            return lexicon
        }
    }

    /// Stores lexicon pairs (duplicates ignored) in one transaction; returns how many were new.
    public func importLexicon(_ lexicon: Lexicon, origin: String) throws -> Int {
        try write { db in
            let before = db.totalChangesCount
            let statement = try db.makeStatement(
                sql:
                    "INSERT OR IGNORE INTO lexicon_entry (foreign_language, pivot_language, foreign_term, pivot_term, origin) VALUES (?, ?, ?, ?, ?)"
            )
            for pair in lexicon.pairs {
                try statement.execute(arguments: [
                    lexicon.foreignLanguage, lexicon.pivotLanguage, pair.foreign, pair.pivot, origin,
                ])
            }
            return db.totalChangesCount - before
        }
    }
}

extension AlignmentStore {
    /// Imports terms in one transaction; returns how many were added, updated (note changed) and
    /// skipped (already stored as they are).
    public func importTerms(_ entries: [GlossaryEntry]) throws -> (added: Int, updated: Int, skipped: Int) {
        try write { db in
            var added = 0
            var updated = 0
            var skipped = 0
            for entry in entries {
                let existing = try GlossaryTermRecord.filter(
                    Column("indonesian") == entry.indonesian && Column("english") == entry.english
                ).fetchOne(db)
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
            var request = GlossaryTermRecord.filter(Column("indonesian") == indonesian)
            if let english { request = request.filter(Column("english") == english) }
            let removed = try request.deleteAll(db)
            if removed == 0 { throw StoreError.unknownTerm(english.map { "\(indonesian) → \($0)" } ?? indonesian) }
            return removed
        }
    }
}
