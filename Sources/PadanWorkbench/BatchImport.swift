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

    /// Why a batch is aligned as a whole, learning from all its articles.
    public enum OneBatchReason: Sendable {
        /// No lexicon connects the two languages.
        case noLexicon
        /// A lexicon connects them but translates too few of the texts' words to decide
        /// (`SentenceAligner.lexiconIsTooWeak(for:)`).
        case weakLexicon
    }

    public struct Outcome: Sendable {
        public var job: Job
        public var pairID: Int64?
        public var created: Bool
        public var error: String?

        init(job: Job, pairID: Int64?, created: Bool, error: String?) {
            self.job = job
            self.pairID = pairID
            self.created = created
            self.error = error
        }

        /// The outcome of storing `job`'s pair by `add`: the pair it stored, or the error it threw.
        init(job: Job, adding add: () throws -> AddedPair) {
            self.init(job: job, pairID: nil, created: false, error: nil)
            do {
                let added = try add()
                pairID = added.pairID
                created = added.created
            } catch {
                self.error = "\(error)"
            }
        }
    }

    /// Runs the jobs on `workers` threads; `progress(done, total, outcome)` is called after each.
    /// Where no lexicon connects the languages, or the lexicon is too weak for the batch's first
    /// texts (as many pairs as it takes to judge), the batch is aligned as a whole instead
    /// (`alignLearningAcross`), and `aligningAsOneBatch(aligned, pairs, reason)` reports that
    /// work: once with 0 before it starts, then after each pair is aligned.
    public static func run(
        _ jobs: [Job], store: AlignmentStore, sourceLanguage: String, targetLanguage: String, workers: Int,
        aligningAsOneBatch: @escaping (Int, Int, OneBatchReason) -> Void = { _, _, _ in },
        progress: @escaping @Sendable (Int, Int, Outcome) -> Void
    ) throws -> [Outcome] {
        let lexicon = try Workbench.lexicon(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, store: store)
        let aligner = SentenceAligner(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, lexicon: lexicon)
        var reason: OneBatchReason?
        if jobs.count > 1 {
            if aligner.learnsAcrossBatch {
                reason = .noLexicon
            } else if lexiconIsTooWeak(aligner, forJobs: jobs, store: store) {
                reason = .weakLexicon
            }
        }
        if let reason {
            return alignLearningAcross(
                jobs, store: store, aligner: aligner, workers: workers, aligning: { aligningAsOneBatch($0, $1, reason) },
                progress: progress)
        }
        let outcomes = ConcurrentResults<Outcome>(count: jobs.count)
        inParallel(jobs.count, workers: workers) { index in
            let job = jobs[index]
            let outcome = Outcome(job: job) {
                try Workbench.addPair(
                    store: store, sourcePath: job.sourcePath, targetPath: job.targetPath, sourceLanguage: sourceLanguage,
                    targetLanguage: targetLanguage, lexicon: .some(lexicon))
            }
            progress(outcomes.set(index, outcome), jobs.count, outcome)
        }
        return outcomes.values
    }

    /// Without a lexicon (or with one too weak to decide): every pair is read and segmented first
    /// (on `workers` threads), the whole batch is aligned at once, so that the word pairs the
    /// aligner learns are learned from all its articles (`SentenceAligner.align(batch:)`), and
    /// then each pair is stored in its own transaction. A run interrupted before the storing has
    /// stored nothing; run again, it does all.
    private static func alignLearningAcross(
        _ jobs: [Job], store: AlignmentStore, aligner: SentenceAligner, workers: Int, aligning: (Int, Int) -> Void,
        progress: @escaping @Sendable (Int, Int, Outcome) -> Void
    ) -> [Outcome] {
        let outcomes = ConcurrentResults<Outcome>(count: jobs.count)
        let prepared = inParallel(jobs.count, workers: workers) { index -> PreparedPair? in
            let job = jobs[index]
            do {
                return try prepare(job, aligner: aligner, store: store)
            } catch {
                let outcome = Outcome(job: job, pairID: nil, created: false, error: "\(error)")
                progress(outcomes.set(index, outcome), jobs.count, outcome)
                return nil
            }
        }
        let ready = prepared.indices.filter { prepared[$0] != nil }
        aligning(0, ready.count)
        let links = aligner.align(batch: ready.compactMap { prepared[$0]?.document }, progress: aligning)
        for (index, links) in zip(ready, links) {
            guard let pair = prepared[index] else { continue }
            let outcome = Outcome(job: jobs[index]) { try store.addPair(source: pair.source, target: pair.target, links: links) }
            progress(outcomes.set(index, outcome), jobs.count, outcome)
        }
        return outcomes.values
    }

    /// Whether the lexicon is too weak to decide this batch's alignment, judged on its pairs that
    /// can be read, in order, until they hold enough words (`SentenceAligner.lexiconIsTooWeak(for:)`,
    /// which reads no further; `align(batch:)` judges the whole batch again): a short first
    /// article (a brief, a caption) has too few words to judge by and does not decide alone.
    /// False without a lexicon or when no pair can be read (then every job reports its own error).
    private static func lexiconIsTooWeak(_ aligner: SentenceAligner, forJobs jobs: [Job], store: AlignmentStore) -> Bool {
        guard aligner.lexicon != nil else { return false }
        return aligner.lexiconIsTooWeak(
            for: jobs.lazy.compactMap { try? prepare($0, aligner: aligner, store: store).document })
    }

    /// A job's pair read and segmented, and the sentences it is aligned on.
    private static func prepare(_ job: Job, aligner: SentenceAligner, store: AlignmentStore) throws -> PreparedPair {
        let (source, target) = try Workbench.preparePair(
            sourceText: try TextInput.read(job.sourcePath), sourcePath: job.sourcePath,
            targetText: try TextInput.read(job.targetPath), targetPath: job.targetPath,
            sourceLanguage: aligner.sourceLanguage, targetLanguage: aligner.targetLanguage)
        return PreparedPair(
            source: source, target: target,
            document: try Workbench.alignmentDocument(store: store, source: source, target: target))
    }

    /// A pair read and segmented, and the sentences it is aligned on.
    private struct PreparedPair: Sendable {
        var source: DocumentInput
        var target: DocumentInput
        var document: AlignmentDocument
    }

    /// Runs `body` for every index below `count` on at most `workers` threads at a time.
    /// - Returns: what it returned, in index order.
    @discardableResult
    static func inParallel<Value: Sendable>(
        _ count: Int, workers: Int, _ body: @escaping @Sendable (Int) -> Value
    ) -> [Value] {
        let results = ConcurrentResults<Value>(count: count)
        let queue = DispatchQueue(label: "padan.import", attributes: .concurrent)
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: max(1, workers))
        for index in 0..<count {
            slots.wait()
            group.enter()
            queue.async {
                defer {
                    slots.signal()
                    group.leave()
                }
                results.set(index, body(index))
            }
        }
        group.wait()
        return results.values
    }

    /// The file kinds batch work reads: plain text and saved web pages.
    public static let articleExtensions = ["txt", "html", "htm"]

    /// Whether a file name is an article to read (`.txt`, `.html`, `.htm`).
    public static func isArticleFile(_ name: String) -> Bool {
        articleExtensions.contains { name.lowercased().hasSuffix("." + $0) }
    }

    /// Jobs from one folder by name: `NAME.<source>.txt` with `NAME.<target>.txt` (either may be
    /// `.html` or `.htm` instead).
    public static func jobsByName(in folders: [String], sourceLanguage: String, targetLanguage: String) throws -> [Job] {
        var jobs: [Job] = []
        for folder in folders {
            let files = try TextInput.folderEntries(folder)
            let present = Set(files)
            for file in files.sorted() {
                guard let ext = articleExtensions.first(where: { file.hasSuffix(".\(sourceLanguage).\($0)") }) else { continue }
                let stem = String(file.dropLast(sourceLanguage.count + ext.count + 2))
                guard let partner = articleExtensions.map({ "\(stem).\(targetLanguage).\($0)" }).first(where: present.contains)
                else { continue }
                jobs.append(
                    Job(
                        sourcePath: (folder as NSString).appendingPathComponent(file),
                        targetPath: (folder as NSString).appendingPathComponent(partner)))
            }
        }
        return jobs
    }
}
