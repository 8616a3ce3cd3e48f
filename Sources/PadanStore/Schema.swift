import GRDB

/// The store's schema, as GRDB migrations applied in order. Never edit a shipped migration; add
/// a new one.
enum Schema {
    /// The schema this build writes, kept in `PRAGMA user_version`; a store with a higher number
    /// was made by a newer Padan and is refused.
    static let version = 8
    /// The first migration, all that stores made before version 2 hold.
    static let firstMigration = "v1-documents-links-history-glossary"
    /// Tables of the first migration: with `firstMigration` applied, they identify an early store.
    static let firstTables = ["document", "sentence", "document_pair", "link", "edit", "glossary_term", "lexicon_entry"]
    /// The tables whose rows are the store's content.
    static let contentTables = firstTables + ["pair_edit", "bookmark", "store_user", "import_job", "glossary_edit"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(firstMigration) { db in
            try db.execute(
                sql: """
                    CREATE TABLE document (
                      id INTEGER PRIMARY KEY,
                      language TEXT NOT NULL,
                      title TEXT,
                      date TEXT,
                      source_url TEXT,
                      path TEXT,
                      profile TEXT NOT NULL,
                      raw_text TEXT NOT NULL,
                      cleaned_text TEXT NOT NULL,
                      boilerplate TEXT NOT NULL DEFAULT '[]',
                      content_hash TEXT NOT NULL,
                      created_at TEXT NOT NULL,
                      UNIQUE (language, content_hash)
                    );
                    CREATE TABLE sentence (
                      id INTEGER PRIMARY KEY,
                      document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                      ordinal INTEGER NOT NULL,
                      paragraph INTEGER NOT NULL,
                      start_offset INTEGER NOT NULL,
                      end_offset INTEGER NOT NULL,
                      text TEXT NOT NULL,
                      CHECK (start_offset <= end_offset)
                    );
                    CREATE UNIQUE INDEX sentence_order ON sentence(document_id, ordinal);
                    CREATE TABLE document_pair (
                      id INTEGER PRIMARY KEY,
                      source_document_id INTEGER NOT NULL REFERENCES document(id),
                      target_document_id INTEGER NOT NULL REFERENCES document(id),
                      created_at TEXT NOT NULL,
                      UNIQUE (source_document_id, target_document_id)
                    );
                    CREATE TABLE link (
                      id INTEGER PRIMARY KEY,
                      pair_id INTEGER NOT NULL REFERENCES document_pair(id) ON DELETE CASCADE,
                      source_start INTEGER NOT NULL,
                      source_end INTEGER NOT NULL,
                      target_start INTEGER NOT NULL,
                      target_end INTEGER NOT NULL,
                      score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
                      status TEXT NOT NULL CHECK (status IN ('auto', 'confirmed', 'rejected', 'edited')),
                      updated_at TEXT NOT NULL,
                      version INTEGER NOT NULL DEFAULT 1,
                      CHECK (source_start <= source_end AND target_start <= target_end),
                      CHECK (source_end > source_start OR target_end > target_start)
                    );
                    CREATE INDEX link_order ON link(pair_id, source_start, target_start);
                    CREATE TABLE edit (
                      id INTEGER PRIMARY KEY,
                      pair_id INTEGER NOT NULL REFERENCES document_pair(id) ON DELETE CASCADE,
                      kind TEXT NOT NULL,
                      summary TEXT NOT NULL,
                      created_at TEXT NOT NULL,
                      undo TEXT NOT NULL,
                      undone_at TEXT
                    );
                    CREATE INDEX edit_pair ON edit(pair_id, id);
                    CREATE TABLE glossary_term (
                      id INTEGER PRIMARY KEY,
                      indonesian TEXT NOT NULL,
                      english TEXT NOT NULL,
                      note TEXT NOT NULL DEFAULT '',
                      domain TEXT NOT NULL DEFAULT '',
                      status TEXT NOT NULL DEFAULT 'approved',
                      created_at TEXT NOT NULL,
                      UNIQUE (indonesian, english)
                    );
                    CREATE TABLE lexicon_entry (
                      foreign_language TEXT NOT NULL,
                      pivot_language TEXT NOT NULL,
                      foreign_term TEXT NOT NULL,
                      pivot_term TEXT NOT NULL,
                      origin TEXT NOT NULL,
                      PRIMARY KEY (foreign_language, pivot_language, foreign_term, pivot_term)
                    ) WITHOUT ROWID;
                    """)
        }
        // Version 2: the store marks itself (application id, schema version), an edit may touch
        // several pairs (a sentence edit changes every pair using the document), every edit
        // records who made it and why, and each reviewer's place in each pair is kept.
        migrator.registerMigration("v2-identity-edit-pairs-authors") { db in
            try db.execute(
                sql: """
                    ALTER TABLE edit ADD COLUMN author TEXT NOT NULL DEFAULT '';
                    ALTER TABLE edit ADD COLUMN comment TEXT NOT NULL DEFAULT '';
                    ALTER TABLE link ADD COLUMN note TEXT NOT NULL DEFAULT '';
                    CREATE TABLE pair_edit (
                      pair_id INTEGER NOT NULL REFERENCES document_pair(id) ON DELETE CASCADE,
                      edit_id INTEGER NOT NULL REFERENCES edit(id) ON DELETE CASCADE,
                      PRIMARY KEY (pair_id, edit_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX pair_edit_edit ON pair_edit(edit_id);
                    CREATE TABLE review_position (
                      pair_id INTEGER NOT NULL REFERENCES document_pair(id) ON DELETE CASCADE,
                      reviewer TEXT NOT NULL,
                      link_id INTEGER NOT NULL,
                      updated_at TEXT NOT NULL,
                      PRIMARY KEY (pair_id, reviewer)
                    ) WITHOUT ROWID;
                    CREATE INDEX link_source_end ON link(pair_id, source_end);
                    CREATE INDEX link_target_end ON link(pair_id, target_end);
                    INSERT INTO pair_edit (pair_id, edit_id) SELECT pair_id, id FROM edit;
                    """)
            try db.execute(sql: "PRAGMA application_id = \(StoreIdentity.applicationID)")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        // Version 3: bookmarks on links, shared by everyone reviewing the store, each with who set
        // it and an optional note.
        migrator.registerMigration("v3-bookmarks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE bookmark (
                      link_id INTEGER PRIMARY KEY REFERENCES link(id) ON DELETE CASCADE,
                      pair_id INTEGER NOT NULL REFERENCES document_pair(id) ON DELETE CASCADE,
                      author TEXT NOT NULL,
                      note TEXT NOT NULL DEFAULT '',
                      created_at TEXT NOT NULL
                    );
                    CREATE INDEX bookmark_pair ON bookmark(pair_id);
                    """)
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        // Version 4: the store's users and their roles, each pair's assignee and state (as
        // InterText has them), and import jobs that workers on any machine claim.
        migrator.registerMigration("v4-users-states-jobs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE store_user (
                      name TEXT PRIMARY KEY,
                      role TEXT NOT NULL CHECK (role IN ('editor', 'supervisor', 'admin')),
                      created_at TEXT NOT NULL
                    );
                    ALTER TABLE document_pair ADD COLUMN assignee TEXT;
                    ALTER TABLE document_pair ADD COLUMN state TEXT NOT NULL DEFAULT 'open'
                      CHECK (state IN ('open', 'finished', 'closed'));
                    CREATE TABLE import_job (
                      id INTEGER PRIMARY KEY,
                      source_path TEXT NOT NULL,
                      target_path TEXT NOT NULL,
                      source_text TEXT NOT NULL,
                      target_text TEXT NOT NULL,
                      source_language TEXT NOT NULL,
                      target_language TEXT NOT NULL,
                      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
                      worker TEXT,
                      lease_until REAL,
                      attempts INTEGER NOT NULL DEFAULT 0,
                      error TEXT,
                      pair_id INTEGER,
                      created_at TEXT NOT NULL,
                      updated_at TEXT NOT NULL
                    );
                    CREATE INDEX import_job_state ON import_job(state, id);
                    """)
            try db.execute(sql: "PRAGMA user_version = 4")
        }
        // Version 5: ids are never given twice. SQLite reuses the largest id once its row is
        // deleted (a merge removes a link), so `link 14` in the history could name two links; and
        // a PostgreSQL store, whose sequences never go back, would number differently. The last
        // id given per table is kept here, as PostgreSQL's sequences keep theirs.
        migrator.registerMigration("v5-id-sequences") { db in
            try db.execute(sql: "CREATE TABLE id_sequence (name TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID")
            // The tables with ids at version 5 (later versions add theirs in their own step).
            for table in ["document", "sentence", "document_pair", "link", "edit", "glossary_term", "import_job"] {
                try db.execute(
                    sql: "INSERT INTO id_sequence (name, last) SELECT ?, coalesce(max(id), 0) FROM \(table)", arguments: [table])
            }
            try db.execute(sql: "PRAGMA user_version = 5")
        }
        // Version 6: where an original was fetched from (the URL the translation cites, the URL
        // after redirects or the archive's, the HTTP status, when).
        migrator.registerMigration("v6-fetched-documents") { db in
            try db.execute(
                sql: """
                    ALTER TABLE document ADD COLUMN fetched_url TEXT;
                    ALTER TABLE document ADD COLUMN fetched_final_url TEXT;
                    ALTER TABLE document ADD COLUMN fetched_status INTEGER;
                    ALTER TABLE document ADD COLUMN fetched_at TEXT;
                    CREATE INDEX document_fetched_url ON document(fetched_url);
                    """)
            try db.execute(sql: "PRAGMA user_version = 6")
        }
        // Version 7: an import job may leave its original to be fetched by the worker.
        migrator.registerMigration("v7-fetching-jobs") { db in
            try db.execute(sql: "ALTER TABLE import_job ADD COLUMN fetch_original INTEGER NOT NULL DEFAULT 0")
            try db.execute(sql: "PRAGMA user_version = 7")
        }
        // Version 8: glossary terms of any pair of languages, each with a status, who changed it
        // last, when and its version, and for a proposed term the evidence it was mined with;
        // glossary edits in a history of their own, undoable like link edits. A term's key is now
        // its two languages and two texts, so the table is rebuilt (SQLite cannot drop a UNIQUE).
        migrator.registerMigration("v8-glossary-life-cycle") { db in
            try db.execute(
                sql: """
                    CREATE TABLE glossary_term_v8 (
                      id INTEGER PRIMARY KEY,
                      source_language TEXT NOT NULL,
                      target_language TEXT NOT NULL,
                      source_term TEXT NOT NULL,
                      target_term TEXT NOT NULL,
                      note TEXT NOT NULL DEFAULT '',
                      domain TEXT NOT NULL DEFAULT '',
                      status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'deprecated')),
                      author TEXT NOT NULL DEFAULT '',
                      created_at TEXT NOT NULL,
                      updated_at TEXT NOT NULL,
                      version INTEGER NOT NULL DEFAULT 1,
                      frequency INTEGER NOT NULL DEFAULT 0,
                      score REAL,
                      example_links TEXT NOT NULL DEFAULT '',
                      UNIQUE (source_language, target_language, source_term, target_term)
                    );
                    INSERT INTO glossary_term_v8 (id, source_language, target_language, source_term, target_term, note,
                      domain, status, created_at, updated_at)
                    SELECT id, 'en', 'id', english, indonesian, note, domain,
                      CASE WHEN status IN ('proposed', 'approved', 'rejected', 'deprecated') THEN status ELSE 'approved' END,
                      created_at, created_at
                    FROM glossary_term;
                    DROP TABLE glossary_term;
                    ALTER TABLE glossary_term_v8 RENAME TO glossary_term;
                    CREATE INDEX glossary_term_target ON glossary_term(source_language, target_language, target_term);
                    CREATE TABLE glossary_edit (
                      id INTEGER PRIMARY KEY,
                      kind TEXT NOT NULL,
                      summary TEXT NOT NULL,
                      author TEXT NOT NULL,
                      comment TEXT NOT NULL DEFAULT '',
                      created_at TEXT NOT NULL,
                      undo TEXT NOT NULL,
                      undone_at TEXT
                    );
                    INSERT INTO id_sequence (name, last) VALUES ('glossary_edit', 0);
                    """)
            try db.execute(sql: "PRAGMA user_version = \(version)")
        }
        return migrator
    }
}
