import ArgumentParser
import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import, pair, align and store folders of articles in one go.",
        discussion: """
            Without --pair-with, each DIR holds pairs by name: NAME.<source-lang>.txt with NAME.<target-lang>.txt. \
            With --pair-with ORIGINALS, the .txt files of DIR are translations and `pair-docs` finds their originals \
            (unconvincing ones are reported with their best candidate and skipped; --min-score lowers the bar). \
            Exit status 1 when a pair failed or a translation was left unpaired. Pairs are aligned on all cores and each is stored in its \
            own transaction; running the same import again adds nothing twice, so an interrupted import resumes. \
            Progress goes to standard error (a bar on a terminal, one line per pair otherwise). \
            For languages no lexicon serves (German–French, say), the whole import is aligned as one batch, so that \
            the word pairs the aligner learns come from all its articles: the pairs are then stored once all are aligned. \
            With --queue the pairs become import jobs in the store for `padan work` (see `padan queue status`).
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "Folders to import.") var folders: [String]
    @Option(help: "Folder of originals to pair the translations with.") var pairWith: String?
    @Option(help: "Language of the originals.") var sourceLang = "en"
    @Option(help: "Language of the translations.") var targetLang = "id"
    @Option(help: "Parallel workers (default: the number of cores).") var workers = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "With --pair-with: the score a pair needs (default 0.35; see `padan pair-docs`).") var minScore: Double?
    @Flag(
        help: """
            Store the jobs (with their texts) in the store and return at once: `padan work`, on any number of \
            machines, aligns them.
            """)
    var queue = false
    @Flag(
        help: """
            The files of DIR are translations: fetch the original each cites, check it and store the pair \
            (one line per failure; run again, only what failed is fetched). With --queue, the workers fetch.
            """)
    var fetchOriginals = false
    @OptionGroup var fetch: FetchOptions

    func validate() throws {
        if folders.isEmpty { throw ValidationError("give at least one folder") }
        if fetchOriginals && pairWith != nil { throw ValidationError("--fetch-originals and --pair-with exclude each other") }
    }

    func run() throws {
        let source = try languageCode(sourceLang)
        let target = try languageCode(targetLang)
        for folder in folders + (pairWith.map { [$0] } ?? []) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
                throw WorkbenchError.missingFile(folder)
            }
            guard isDirectory.boolValue else { throw CLIError("\(folder) is not a folder") }
        }
        let opened = try store.open()
        if fetchOriginals { return try importFetching(into: opened, source: source, target: target) }
        var jobs: [BatchImport.Job]
        var unpaired = 0
        if let pairWith {
            let translations = try folders.flatMap { try pairingCandidates($0, language: target) }
            let originals = try pairingCandidates(pairWith, language: source)
            let lexicon = try Workbench.lexicon(sourceLanguage: source, targetLanguage: target, store: opened)
            var pairer = DocumentPairer(lexicon: lexicon)
            if let minScore { pairer.threshold = minScore }
            let proposals = pairer.pair(translations: translations, originals: originals)
            jobs = proposals.compactMap { proposal in
                proposal.original.map { BatchImport.Job(sourcePath: $0, targetPath: proposal.translation) }
            }
            for proposal in proposals where proposal.original == nil {
                unpaired += 1
                Output.note(Self.unpairedLine(proposal, threshold: pairer.threshold) + "\n")
            }
        } else {
            jobs = try BatchImport.jobsByName(in: folders, sourceLanguage: source, targetLanguage: target)
        }
        if queue {
            // Pairing is done here, where every original of the batch is at hand; the texts go
            // with the jobs, so a worker elsewhere needs none of these files.
            let (readable, unreadable) = Self.readForQueue(jobs) { job in
                QueuedImport(
                    sourcePath: job.sourcePath, targetPath: job.targetPath, sourceText: try TextInput.read(job.sourcePath),
                    targetText: try TextInput.read(job.targetPath), sourceLanguage: source, targetLanguage: target)
            }
            let queued = try opened.enqueue(readable)
            let unpairedNote = pairWith == nil ? "" : ", \(unpaired) unpaired"
            let unreadableNote = unreadable == 0 ? "" : ", \(unreadable) unreadable"
            print("queued \(queued) import jobs\(unpairedNote)\(unreadableNote); run `padan work` to align them")
            if unpaired > 0 || unreadable > 0 { throw FindingsExit(status: 1) }
            return
        }
        let isTerminal = isatty(STDERR_FILENO) != 0
        let outcomes = try BatchImport.run(
            jobs, store: opened, sourceLanguage: source, targetLanguage: target, workers: workers,
            aligningAsOneBatch: { aligned, total, reason in
                if aligned == 0 {
                    let why =
                        switch reason {
                        case .noLexicon: "no lexicon serves \(source)-\(target)"
                        case .weakLexicon: "the \(source)-\(target) lexicon knows too few of their words to decide"
                        }
                    Output.note("aligning \(total) pairs as one batch (\(why)); they are stored once all are aligned\n")
                } else if isTerminal {
                    Output.note("\r\(Self.bar(done: aligned, of: total)) aligned \(aligned)/\(total)")
                    if aligned == total { Output.note("\n") }
                }
            }
        ) { done, total, outcome in
            let name = (outcome.job.targetPath as NSString).lastPathComponent
            let status =
                outcome.error.map { "failed: \($0)" } ?? (outcome.created ? "pair \(outcome.pairID ?? 0)" : "already stored")
            if isTerminal {
                Output.note("\r\(Self.bar(done: done, of: total)) \(done)/\(total) \(name.prefix(30))")
                if done == total { Output.note("\n") }
            } else {
                Output.note("[\(done)/\(total)] \(name): \(status)\n")
            }
        }
        let created = outcomes.filter(\.created).count
        let failed = outcomes.filter { $0.error != nil }
        let unpairedNote = pairWith == nil ? "" : ", \(unpaired) unpaired"
        print(
            "\(created) pairs added, \(outcomes.count - created - failed.count) already stored, \(failed.count) failed\(unpairedNote)"
        )
        if !failed.isEmpty || unpaired > 0 { throw FindingsExit(status: 1) }
    }

    /// A progress bar of 30 cells, `done` of `total` filled: `[#########---------------------]`.
    static func bar(done: Int, of total: Int) -> String {
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// `--fetch-originals`: every translation of the folders, its original fetched (here, or by
    /// the workers with `--queue`).
    private func importFetching(into store: AlignmentStore, source: String, target: String) throws {
        let translations = try folders.flatMap { folder in
            try TextInput.folderEntries(folder).filter(BatchImport.isArticleFile).sorted().map {
                (folder as NSString).appendingPathComponent($0)
            }
        }
        if queue {
            let (jobs, unreadable) = Self.readForQueue(translations) { path in
                QueuedImport(
                    sourcePath: "", targetPath: path, sourceText: "", targetText: try TextInput.read(path),
                    sourceLanguage: source, targetLanguage: target, fetchOriginal: true)
            }
            let queued = try store.enqueue(jobs)
            print("queued \(queued) import jobs whose originals the workers fetch; run `padan work` to fetch and align them")
            if unreadable > 0 { throw FindingsExit(status: 1) }
            return
        }
        let outcomes = try FetchImport.run(
            translations: translations, store: store, translationLanguage: target, originalLanguage: source,
            fetcher: PageFetcher(policy: try fetch.policy())
        ) { done, total, outcome in
            let name = (outcome.translation as NSString).lastPathComponent
            if let error = outcome.error {
                Output.note("[\(done)/\(total)] \(name): failed: \(error)\n")
            } else {
                let what = outcome.created ? "pair \(outcome.pairID ?? 0)" : "already stored (pair \(outcome.pairID ?? 0))"
                Output.note("[\(done)/\(total)] \(name): \(what) from \(outcome.original ?? "")\n")
            }
        }
        let created = outcomes.filter(\.created).count
        let failed = outcomes.filter { $0.error != nil }.count
        print("\(created) pairs added, \(outcomes.count - created - failed) already stored, \(failed) failed")
        if failed > 0 { throw FindingsExit(status: 1) }
    }

    /// The import jobs whose files can be read; each one that cannot is reported in a line and
    /// left out (the rest are queued), and counted.
    static func readForQueue<Item>(_ items: [Item], _ job: (Item) throws -> QueuedImport) -> (
        jobs: [QueuedImport], unreadable: Int
    ) {
        var unreadable = 0
        let jobs = items.compactMap { item -> QueuedImport? in
            do {
                return try job(item)
            } catch {
                unreadable += 1
                Output.note("padan: \(error); not queued\n")
                return nil
            }
        }
        return (jobs, unreadable)
    }

    /// What to tell about a translation no original convinced: the closest one, and what to do.
    static func unpairedLine(_ proposal: ProposedPair, threshold: Double) -> String {
        guard let best = proposal.bestCandidate else {
            return
                "padan: no original shares anything with \(proposal.translation); skipped (pair it by hand: `padan add ORIGINAL \(proposal.translation)`)"
        }
        return
            "padan: no convincing original for \(proposal.translation): best candidate \(best), score \(Output.score(proposal.score)) (a pair needs \(Output.score(threshold)) and a lead of 0.100); skipped. Pair it with `padan add \(best) \(proposal.translation)`, or lower --min-score"
    }
}
