import ArgumentParser
import Foundation
import PadanCore
import PadanWorkbench

struct PairDocs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair-docs",
        abstract: "Propose which original each translation comes from, with a score and the evidence.",
        discussion: """
            Reads every .txt file of both folders. Evidence: a story id or URL of the original cited by the \
            translation; the share of the translation's words, names and numbers found in the original; the \
            publication dates. Each original is used once; a translation with no convincing original is \
            reported unpaired with its best candidate. --json prints [{translation, original (or null), score, \
            evidence, best_candidate (unpaired only)}].
            """)
    @Argument(help: "Folder of translations.") var translations: String
    @Argument(help: "Folder of originals.") var originals: String
    @Option(help: "Language of the originals.") var sourceLang = "en"
    @Option(help: "Language of the translations.") var targetLang = "id"
    @Option(help: "The score a pair needs (default 0.35).") var minScore: Double?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let source = try languageCode(sourceLang)
        let target = try languageCode(targetLang)
        let lexicon = try Workbench.lexicon(sourceLanguage: source, targetLanguage: target, store: nil)
        var pairer = DocumentPairer(lexicon: lexicon)
        if let minScore { pairer.threshold = minScore }
        let pairs = pairer.pair(
            translations: try pairingCandidates(translations, language: target),
            originals: try pairingCandidates(originals, language: source))
        if json { return try Output.json(pairs) }
        for pair in pairs {
            print(
                "\(pair.translation)\t\(pair.original ?? "-")\t\(Output.score(pair.score))\t\(pair.evidence.joined(separator: "; "))"
            )
        }
    }
}

/// The .txt files of a folder, cleaned and segmented, ready for pairing.
func pairingCandidates(_ folder: String, language: String) throws -> [PairingCandidate] {
    let paths = try TextInput.folderEntries(folder).filter(BatchImport.isArticleFile).sorted().map {
        (folder as NSString).appendingPathComponent($0)
    }
    // Reading and segmenting each document is independent work: spread it over the cores.
    let results = ConcurrentResults<Result<PairingCandidate, Error>>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
        let path = paths[index]
        results.set(
            index,
            Result {
                let document = Workbench.prepare(text: try TextInput.read(path), language: language, path: path)
                return PairingCandidate(
                    name: path, language: language, article: document.article, sentences: document.sentences.map(\.text))
            })
    }
    return try results.values.map { try $0.get() }
}
