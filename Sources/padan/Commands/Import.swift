import ArgumentParser
import Foundation
import PadanCore
import PadanWorkbench

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import, pair, align and store folders of articles in one go.",
        discussion: """
            Without --pair-with, each DIR holds pairs by name: NAME.<source-lang>.txt with NAME.<target-lang>.txt. \
            With --pair-with ORIGINALS, the .txt files of DIR are translations and `pair-docs` finds their originals \
            (unconvincing ones are reported and skipped). Pairs are aligned on all cores and each is stored in its \
            own transaction; running the same import again adds nothing twice, so an interrupted import resumes. \
            Progress goes to standard error (a bar on a terminal, one line per pair otherwise).
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "Folders to import.") var folders: [String]
    @Option(help: "Folder of originals to pair the translations with.") var pairWith: String?
    @Option(help: "Language of the originals.") var sourceLang = "en"
    @Option(help: "Language of the translations.") var targetLang = "id"
    @Option(help: "Parallel workers (default: the number of cores).") var workers = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws { if folders.isEmpty { throw ValidationError("give at least one folder") } }

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
        var jobs: [BatchImport.Job]
        if let pairWith {
            let translations = try folders.flatMap { try pairingCandidates($0, language: target) }
            let originals = try pairingCandidates(pairWith, language: source)
            let lexicon = try Workbench.lexicon(sourceLanguage: source, targetLanguage: target, store: opened)
            let proposals = DocumentPairer(lexicon: lexicon).pair(translations: translations, originals: originals)
            jobs = proposals.compactMap { proposal in
                proposal.original.map { BatchImport.Job(sourcePath: $0, targetPath: proposal.translation) }
            }
            for proposal in proposals where proposal.original == nil {
                Output.note("padan: no convincing original for \(proposal.translation); skipped\n")
            }
        } else {
            jobs = try BatchImport.jobsByName(in: folders, sourceLanguage: source, targetLanguage: target)
        }
        let isTerminal = isatty(STDERR_FILENO) != 0
        let outcomes = try BatchImport.run(jobs, store: opened, sourceLanguage: source, targetLanguage: target, workers: workers)
        {
            done, total, outcome in
            let name = (outcome.job.targetPath as NSString).lastPathComponent
            let status =
                outcome.error.map { "failed: \($0)" } ?? (outcome.created ? "pair \(outcome.pairID ?? 0)" : "already stored")
            if isTerminal {
                let width = 30
                let filled = total == 0 ? width : done * width / total
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                Output.note("\r[\(bar)] \(done)/\(total) \(name.prefix(30))")
                if done == total { Output.note("\n") }
            } else {
                Output.note("[\(done)/\(total)] \(name): \(status)\n")
            }
        }
        let created = outcomes.filter(\.created).count
        let failed = outcomes.filter { $0.error != nil }
        print("\(created) pairs added, \(outcomes.count - created - failed.count) already stored, \(failed.count) failed")
        if !failed.isEmpty { throw FindingsExit(status: 1) }
    }
}
