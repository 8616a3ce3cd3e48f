import Foundation
import PadanCore
import PadanStore

/// A worker of the import queue: claims a job, cleans, segments and aligns it outside any
/// transaction, and stores the pair and the job's completion in one. Any number of workers, on
/// any machines, may work on one store.
public enum ImportWork {
    /// What one job came to.
    public struct Outcome: Sendable {
        public var jobID: Int64
        public var targetPath: String
        public var pairID: Int64?
        public var created = false
        public var error: String?
    }

    /// How long a worker sleeps when no job is free but some are still running elsewhere (one of
    /// them may come back when its worker's lease runs out).
    public static let idleWait: TimeInterval = 0.5

    /// Works until the queue is empty (with `untilEmpty`: nothing queued and nothing running),
    /// or forever, calling `progress` after each job.
    /// - Parameters:
    ///   - worker: the name its claims go under (host and process id by default).
    ///   - lease: seconds a claimed job stays this worker's; after that another worker takes it.
    /// - Parameter fetcher: fetches the originals of jobs queued with `--fetch-originals`.
    public static func run(
        store: AlignmentStore, worker: String, lease: Double, untilEmpty: Bool, fetcher: PageFetcher? = nil,
        progress: (Outcome) -> Void
    ) throws {
        var lexicons: [LanguagePair: PreparedLexicon?] = [:]
        // One fetcher for every job: its robots.txt and per-host clock hold across jobs.
        let fetcher = fetcher ?? PageFetcher(policy: FetchPolicy())
        while true {
            guard let claim = try store.claimJob(worker: worker, lease: lease) else {
                if untilEmpty, try !store.hasUnfinishedJobs() { return }
                Thread.sleep(forTimeInterval: idleWait)
                continue
            }
            let job = claim.job
            var outcome = Outcome(jobID: claim.id, targetPath: job.targetPath)
            do {
                let languages = LanguagePair(source: job.sourceLanguage, target: job.targetLanguage)
                if lexicons[languages] == nil {
                    lexicons[languages] = .some(
                        try Workbench.lexicon(sourceLanguage: languages.source, targetLanguage: languages.target, store: store))
                }
                let added: AddedPair
                if job.fetchOriginal {
                    added = try Workbench.addPairFetchingOriginal(
                        store: store, translationText: job.targetText, translationPath: job.targetPath,
                        translationLanguage: job.targetLanguage, originalLanguage: job.sourceLanguage,
                        fetcher: fetcher, lexicon: lexicons[languages] ?? nil,
                        completing: claim
                    ).pair
                } else {
                    added = try Workbench.addPair(
                        store: store, sourceText: job.sourceText, sourcePath: job.sourcePath, targetText: job.targetText,
                        targetPath: job.targetPath, sourceLanguage: job.sourceLanguage, targetLanguage: job.targetLanguage,
                        lexicon: lexicons[languages] ?? nil, completing: claim)
                }
                outcome.pairID = added.pairID
                outcome.created = added.created
            } catch StoreError.leaseLost(let id) {
                outcome.error = "\(StoreError.leaseLost(job: id))"
            } catch {
                outcome.error = "\(error)"
                try store.failJob(claim, error: "\(error)")
            }
            progress(outcome)
        }
    }

    /// The name a worker's claims go under by default: host and process id.
    public static var defaultWorkerName: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }
}
