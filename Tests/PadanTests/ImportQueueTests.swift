import Foundation
import PadanCore
import PadanWorkbench
import Testing

@testable import PadanStore

@Suite("Import queue: import --queue, padan work, leases, queue status and retry")
struct ImportQueueTests {
    /// A generated batch of `count` article pairs (Tempo-style translations citing Reuters-style originals).
    func corpus(_ count: Int) throws -> String {
        let directory = try TestSupport.temporaryDirectory()
        let run = try TestSupport.bash(
            "python3 \(TestSupport.rootPath("scripts/make-batch-corpus.py")) \(count) \(directory)/corpus > /dev/null")
        #expect(run.status == 0, "\(run.stderr)")
        return directory + "/corpus"
    }

    func padan(_ arguments: [String], _ db: String) throws -> TestSupport.Run {
        try TestSupport.padan(arguments + ["--db", db, "--user", "ana"])
    }

    func newStore(_ backend: Backend) throws -> String {
        let db = try TestSupport.emptyDatabase(backend)
        #expect(try padan(["init"], db).status == 0)
        return db
    }

    /// A new store of `backend` with a generated batch of `count` pairs queued (not aligned).
    func queued(_ count: Int, _ backend: Backend) throws -> (corpus: String, db: String) {
        let corpus = try corpus(count)
        let db = try newStore(backend)
        let queued = try padan(["import", corpus + "/tempo", "--pair-with", corpus + "/reuters", "--queue"], db)
        #expect(queued.status == 0 && queued.stdout.contains("queued \(count) import jobs"), "\(queued.stderr)")
        return (corpus, db)
    }

    @Test(
        "Two workers align a queued batch: every job done once, and the store digests as a one-process import",
        arguments: Backend.allCases)
    func twoWorkers(backend: Backend) throws {
        let (corpus, db) = try queued(12, backend)
        #expect(try padan(["pairs", "list"], db).stdout.isEmpty)  // returned at once: nothing aligned yet
        let both = try TestSupport.bash(
            """
            B=\(TestSupport.binary); for w in 1 2; do "$B" work --until-empty --worker w$w --db '\(db)' --user ana 2>/dev/null & done; wait
            """)
        #expect(both.status == 0, "\(both.stderr)")
        let status =
            try JSONSerialization.jsonObject(with: Data(try padan(["queue", "status", "--json"], db).stdout.utf8))
            as? [String: Any]
        #expect(status?["done"] as? Int == 12 && status?["queued"] as? Int == 0 && status?["running"] as? Int == 0)
        #expect(try padan(["pairs", "list"], db).stdout.split(separator: "\n").count == 12)
        let direct = try newStore(.sqlite)
        #expect(try padan(["import", corpus + "/tempo", "--pair-with", corpus + "/reuters"], direct).status == 0)
        #expect(try padan(["store", "digest"], db).stdout == padan(["store", "digest"], direct).stdout)
    }

    @Test(
        "A worker killed with SIGKILL loses its lease: another takes its job when it runs out; none is lost or done twice",
        arguments: Backend.allCases)
    func killedWorker(backend: Backend) throws {
        let (_, db) = try queued(8, backend)
        // A worker that claims a job and dies before storing it: the claim is taken in-process and
        // never completed (as a SIGKILL between claim and commit leaves it).
        let store = try TestSupport.open(db, user: "ana")
        let dead = try #require(try store.claimJob(worker: "dead", lease: 1))
        // And a real process killed while it works.
        let killed = try TestSupport.bash(
            """
            B=\(TestSupport.binary); "$B" work --worker doomed --lease 1 --db '\(db)' --user ana 2>/dev/null & pid=$!
            sleep 0.3; kill -9 $pid; wait $pid; echo "killed $?" >&2
            """)
        #expect(killed.stderr.contains("killed 137"), "\(killed.stderr)")
        let rest = try padan(["work", "--until-empty", "--lease", "1", "--worker", "survivor"], db)
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stderr.contains("job \(dead.id) "), "the dead worker's job was taken over: \(rest.stderr)")
        let status = try store.queueStatus()
        #expect(status.done == 8 && status.queued == 0 && status.running == 0 && status.failed == 0)
        #expect(try store.pairs().count == 8)
        // The dead worker coming back late cannot store its job a second time.
        #expect(throws: StoreError.leaseLost(job: dead.id)) {
            _ = try Workbench.addPair(
                store: store, sourceText: dead.job.sourceText, sourcePath: dead.job.sourcePath, targetText: dead.job.targetText,
                targetPath: dead.job.targetPath, sourceLanguage: "en", targetLanguage: "id", completing: dead)
        }
        #expect(try store.pairs().count == 8)
    }

    @Test(
        "A job that cannot be aligned fails with its reason; queue status lists it and queue retry puts it back",
        arguments: Backend.allCases)
    func failedJobs(backend: Backend) throws {
        let directory = try TestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/pairs", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestSupport.seedSource, toPath: directory + "/pairs/a.en.txt")
        try FileManager.default.copyItem(atPath: TestSupport.seedTarget, toPath: directory + "/pairs/a.id.txt")
        try FileManager.default.copyItem(atPath: TestSupport.seedSource, toPath: directory + "/pairs/b.en.txt")
        // A page of nothing but boilerplate: read, but no sentence is left to align.
        try "Baca juga: Sumber Kremlin Sebut Alexei Navalny Mulai Mengancam Putin\n".write(
            toFile: directory + "/pairs/b.id.txt", atomically: true, encoding: .utf8)
        let db = try newStore(backend)
        #expect(try padan(["import", directory + "/pairs", "--queue"], db).status == 0)
        let work = try padan(["work", "--until-empty"], db)
        #expect(work.stdout.contains("1 jobs done, 1 failed"), "\(work.stdout) \(work.stderr)")
        let status = try padan(["queue", "status"], db).stdout
        #expect(status.contains("done 1\tfailed 1") && status.contains("b.id.txt"), "\(status)")
        #expect(try padan(["queue", "retry"], db).stdout.contains("requeued 1"))
        #expect(try padan(["queue", "status"], db).stdout.contains("queued 1"))
    }
}
