import Foundation
import PadanCore

/// One article pair to import, as `import --queue` stores it: the texts travel with the job, so
/// a worker on another machine needs no access to the importer's files.
public struct QueuedImport: Sendable, Hashable {
    public var sourcePath: String
    public var targetPath: String
    public var sourceText: String
    public var targetText: String
    public var sourceLanguage: String
    public var targetLanguage: String
    /// The original is to be fetched from the URL the translation cites (by the worker): the
    /// source path and text are empty.
    public var fetchOriginal = false

    public init(
        sourcePath: String, targetPath: String, sourceText: String, targetText: String, sourceLanguage: String,
        targetLanguage: String, fetchOriginal: Bool = false
    ) {
        self.sourcePath = sourcePath
        self.targetPath = targetPath
        self.sourceText = sourceText
        self.targetText = targetText
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.fetchOriginal = fetchOriginal
    }
}

/// A job a worker holds until its lease runs out.
public struct ClaimedImport: Sendable {
    public var id: Int64
    public var job: QueuedImport
    /// How many times it has been claimed, this time included.
    public var attempts: Int
    /// The worker holding it.
    public var worker: String
}

/// Where the import queue stands.
public struct QueueStatus: Sendable, Hashable, Codable {
    public var queued = 0
    public var running = 0
    public var done = 0
    public var failed = 0
    /// Each failed job: its id, its translation's path and the reason.
    public var failures: [Failure] = []

    public struct Failure: Sendable, Hashable, Codable {
        public var id: Int64
        public var path: String
        public var error: String
    }
}

/// The states of an import job.
enum JobState: String {
    case queued, running, done, failed
}

extension SQLDialect {
    /// The database's clock in seconds since 1970: workers on several machines compare leases
    /// with one clock, the server's.
    var epochNow: String {
        self == .postgres ? "extract(epoch from clock_timestamp())" : "((julianday('now') - 2440587.5) * 86400.0)"
    }

    /// How a claim locks the job it takes: other workers skip it instead of waiting (SQLite has a
    /// single writer, so it needs nothing).
    var skipLocked: String { self == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }
}

extension AlignmentStore {
    /// Stores import jobs, all in one transaction; returns how many.
    @discardableResult
    public func enqueue(_ jobs: [QueuedImport]) throws -> Int {
        try write { db in
            _ = try Self.role(of: user, db)
            let now = Self.now()
            for job in jobs {
                try db.execute(
                    """
                    INSERT INTO import_job (source_path, target_path, source_text, target_text, source_language,
                      target_language, state, attempts, created_at, updated_at, fetch_original)
                    VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)
                    """, job.sourcePath, job.targetPath, job.sourceText, job.targetText, job.sourceLanguage,
                    job.targetLanguage, now, now, job.fetchOriginal)
            }
            return jobs.count
        }
    }

    /// Claims the oldest job that is queued, or whose worker's lease ran out (a worker that died),
    /// for `lease` seconds. Other workers skip a job being claimed rather than wait for it.
    /// - Returns: the job, or nil when none is free.
    public func claimJob(worker: String, lease: Double) throws -> ClaimedImport? {
        try queueTransaction { db in
            let now = db.dialect.epochNow
            let rows = try db.rows(
                """
                UPDATE import_job SET state = 'running', worker = ?, lease_until = \(now) + ?, attempts = attempts + 1,
                  updated_at = ?
                WHERE id = (SELECT id FROM import_job
                  WHERE state = 'queued' OR (state = 'running' AND lease_until < \(now))
                  ORDER BY id LIMIT 1\(db.dialect.skipLocked))
                RETURNING id, source_path, target_path, source_text, target_text, source_language, target_language, attempts,
                  fetch_original
                """, worker, lease, Self.now())
            return try rows.first.map { row in
                ClaimedImport(
                    id: try row.int64(0),
                    job: QueuedImport(
                        sourcePath: try row.string(1), targetPath: try row.string(2), sourceText: try row.string(3),
                        targetText: try row.string(4), sourceLanguage: try row.string(5), targetLanguage: try row.string(6),
                        fetchOriginal: try row.int(8) != 0),
                    attempts: try row.int(7), worker: worker)
            }
        }
    }

    /// Records a job that failed (its texts hold no sentences, say), unless its lease went to
    /// another worker meanwhile.
    public func failJob(_ claim: ClaimedImport, error: String) throws {
        _ = try queueTransaction { db in
            try db.execute(
                "UPDATE import_job SET state = 'failed', error = ?, updated_at = ? WHERE id = ? AND worker = ? AND state = 'running'",
                error, Self.now(), claim.id, claim.worker)
        }
    }

    /// Whether any job is queued or running (a running one may still come back when its lease runs out).
    public func hasUnfinishedJobs() throws -> Bool {
        try read { db in try db.value("SELECT 1 FROM import_job WHERE state IN ('queued', 'running') LIMIT 1") != nil }
    }

    /// Counts by state, with every failure's reason.
    public func queueStatus() throws -> QueueStatus {
        try read { db in
            var status = QueueStatus()
            for row in try db.rows("SELECT state, count(*) FROM import_job GROUP BY state") {
                let count = try row.int(1)
                switch JobState(rawValue: try row.string(0)) {
                case .queued: status.queued = count
                case .running: status.running = count
                case .done: status.done = count
                case .failed: status.failed = count
                case nil: break
                }
            }
            status.failures = try db.rows(
                "SELECT id, target_path, error FROM import_job WHERE state = 'failed' ORDER BY id"
            ).map { QueueStatus.Failure(id: try $0.int64(0), path: try $0.string(1), error: try $0.optionalString(2) ?? "") }
            return status
        }
    }

    /// Puts every failed job back in the queue; returns how many.
    @discardableResult
    public func retryFailedJobs() throws -> Int {
        try queueTransaction { db in
            try db.execute(
                "UPDATE import_job SET state = 'queued', error = NULL, worker = NULL, lease_until = NULL, updated_at = ? WHERE state = 'failed'",
                Self.now())
        }
    }

    /// Queue bookkeeping runs READ COMMITTED on PostgreSQL: claims lock the one row they take and
    /// skip the ones others hold, which a serializable transaction would turn into aborts.
    func queueTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        if access == .read { throw StoreError.readOnly(path: path) }
        do {
            switch backend {
            case .sqlite: return try write(body)
            case .postgres(let database): return try database.readCommitted(body)
            }
        } catch {
            throw Self.mapError(error, path: path)
        }
    }

    /// Inside the transaction that stores a claimed job's pair: refuses (rolling the pair back)
    /// unless the claim still holds, and marks the job done.
    static func complete(_ claim: ClaimedImport, pair pairID: Int64, _ db: any SQLConnection) throws {
        let updated = try db.execute(
            "UPDATE import_job SET state = 'done', pair_id = ?, updated_at = ? WHERE id = ? AND worker = ? AND state = 'running'",
            pairID, now(), claim.id, claim.worker)
        if updated == 0 { throw StoreError.leaseLost(job: claim.id) }
    }
}
