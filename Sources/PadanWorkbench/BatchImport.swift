import Foundation
import PadanCore
import PadanStore

/// Imports many pairs: each pair is prepared and aligned on any free core and stored in its own
/// transaction. Adding a stored pair again changes nothing, so an interrupted batch simply runs
/// again to finish.
public enum BatchImport {
    public struct Job: Sendable {
        public var sourcePath: String
        public var targetPath: String

        public init(sourcePath: String, targetPath: String) {
            self.sourcePath = sourcePath
            self.targetPath = targetPath
        }
    }

    public struct Outcome: Sendable {
        public var job: Job
        public var pairID: Int64?
        public var created: Bool
        public var error: String?
    }

    /// Runs the jobs on `workers` threads; `progress(done, total, outcome)` is called after each.
    public static func run(
        _ jobs: [Job], store: AlignmentStore, sourceLanguage: String, targetLanguage: String, workers: Int,
        progress: @escaping @Sendable (Int, Int, Outcome) -> Void
    ) throws -> [Outcome] {
        let lexicon = try Workbench.lexicon(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, store: store)
        let results = OutcomeBox(count: jobs.count)
        let queue = DispatchQueue(label: "padan.import", attributes: .concurrent)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: max(1, workers))
        for (index, job) in jobs.enumerated() {
            slots.wait()
            group.enter()
            queue.async {
                defer {
                    slots.signal()
                    group.leave()
                }
                var outcome = Outcome(job: job, pairID: nil, created: false, error: nil)
                do {
                    let added = try Workbench.addPair(
                        store: store, sourcePath: job.sourcePath, targetPath: job.targetPath, sourceLanguage: sourceLanguage,
                        targetLanguage: targetLanguage, lexicon: .some(lexicon))
                    outcome.pairID = added.pairID
                    outcome.created = added.created
                } catch {
                    outcome.error = "\(error)"
                }
                let done = results.set(index, outcome)
                progress(done, jobs.count, outcome)
            }
        }
        group.wait()
        return results.all
    }

    /// Jobs from one folder by name: `NAME.<source>.txt` with `NAME.<target>.txt`.
    public static func jobsByName(in folders: [String], sourceLanguage: String, targetLanguage: String) throws -> [Job] {
        var jobs: [Job] = []
        for folder in folders {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            for file in files.sorted() where file.hasSuffix(".\(sourceLanguage).txt") {
                let stem = String(file.dropLast(sourceLanguage.count + 5))
                let partner = "\(stem).\(targetLanguage).txt"
                if files.contains(partner) {
                    jobs.append(
                        Job(
                            sourcePath: (folder as NSString).appendingPathComponent(file),
                            targetPath: (folder as NSString).appendingPathComponent(partner)))
                }
            }
        }
        return jobs
    }
}

/// Outcomes written from several threads.
private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [BatchImport.Outcome?]
    private var done = 0

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: BatchImport.Outcome) -> Int {
        lock.lock()
        defer { lock.unlock() }
        outcomes[index] = outcome
        done += 1
        return done
    }

    var all: [BatchImport.Outcome] {
        lock.lock()
        defer { lock.unlock() }
        return outcomes.compactMap { $0 }
    }
}
