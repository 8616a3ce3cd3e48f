import ArgumentParser
import Foundation
import PadanStore
import PadanWorkbench

struct Work: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Align the import jobs `padan import --queue` stored, one after another.",
        discussion: """
            Run any number of workers, on any machines, against one (PostgreSQL) store: each claims a job \
            (others skip it), cleans, segments and aligns it outside any transaction, and stores the pair and \
            the job's completion in one. A worker that dies loses its lease: after --lease seconds another \
            worker takes the job; no job is stored twice. One line per job on standard error.
            """)
    @OptionGroup var store: StoreOptions
    @Flag(help: "Stop when nothing is queued or running (else wait for new jobs).") var untilEmpty = false
    @Option(help: "Seconds a claimed job stays this worker's.") var lease: Double = 300
    @Option(help: "The name this worker's claims go under (default: host:pid).") var worker = ImportWork.defaultWorkerName
    @OptionGroup var fetch: FetchOptions

    func validate() throws {
        guard lease.isFinite, lease > 0, lease <= 86_400 else { throw ValidationError("--lease must be 1…86400 seconds") }
    }

    func run() throws {
        let opened = try store.open()
        var done = 0
        var failed = 0
        let fetcher = PageFetcher(policy: try fetch.policy())
        try ImportWork.run(store: opened, worker: worker, lease: lease, untilEmpty: untilEmpty, fetcher: fetcher) { outcome in
            let name = (outcome.targetPath as NSString).lastPathComponent
            if let error = outcome.error {
                failed += 1
                Output.note("job \(outcome.jobID) \(name): failed: \(error)\n")
            } else {
                done += 1
                Output.note(
                    "job \(outcome.jobID) \(name): \(outcome.created ? "pair \(outcome.pairID ?? 0)" : "already stored")\n")
            }
        }
        print("\(done) jobs done, \(failed) failed")
    }
}

struct Queue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The import queue: how many jobs are queued, running, done, failed; retry the failed ones.",
        subcommands: [Status.self, Retry.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts by state and each failure's reason.",
            discussion: "--json prints {queued, running, done, failed, failures: [{id, path, error}]}.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let status = try store.openForReading().queueStatus()
            if json { return try Output.json(status) }
            print("queued \(status.queued)\trunning \(status.running)\tdone \(status.done)\tfailed \(status.failed)")
            for failure in status.failures { print("failed job \(failure.id)\t\(failure.path)\t\(failure.error)") }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put every failed job back in the queue.")
        @OptionGroup var store: StoreOptions

        func run() throws { print("requeued \(try store.open().retryFailedJobs()) failed jobs") }
    }
}
