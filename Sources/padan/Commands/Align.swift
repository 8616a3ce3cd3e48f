import ArgumentParser
import Foundation
import PadanCore
import PadanWorkbench

struct Align: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Align the sentences of two files, without touching the store.",
        discussion: """
            Formats: ladder (one link per line, `[0]:[0]`, `[3,4]:[3]`, `[5]:[]`; --scores appends `:score`), \
            tsv (source, target, score, source ordinals, target ordinals), json (an array of \
            {source_sentences, target_sentences, score, source, target}). Any language codes are accepted: \
            the bundled English–Indonesian lexicon is used for en/id, language-independent evidence \
            (lengths, numbers, names, cognates, punctuation) for every pair.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case ladder, tsv, json }

    @Argument(help: "The original (source-language) file, or - for standard input.") var source: String
    @Argument(help: "The translation (target-language) file.") var target: String
    @Option(help: "Language of the original.") var sourceLang = "en"
    @Option(help: "Language of the translation.") var targetLang = "id"
    @Flag(help: "Each input line is one sentence (no cleaning or segmentation).") var presegmented = false
    @Flag(help: "Keep web boilerplate (turn cleaning off).") var keepBoilerplate = false
    @Option(help: "Output format: ladder, tsv or json.") var format: Format = .ladder
    @Flag(help: "Append the confidence to each ladder line.") var scores = false
    @Option(help: "An extra word list, `foreign<TAB>english` per line (e.g. a glossary).") var lexicon: String?
    @Flag(help: "Use no lexicon, only language-independent evidence.") var noLexicon = false
    @OptionGroup var tuning: AlignerSettings

    func run() throws {
        let sourceLanguage = try languageCode(sourceLang)
        let targetLanguage = try languageCode(targetLang)
        let (sourceSentences, sourceParagraphs) = try sentences(source, language: sourceLanguage)
        let (targetSentences, targetParagraphs) = try sentences(target, language: targetLanguage)
        var evidence: PreparedLexicon? = nil
        if !noLexicon {
            if let lexicon {
                evidence = try Workbench.bundledLexicon(adding: lexicon)
            } else {
                evidence = try Workbench.lexicon(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, store: nil)
            }
        }
        let configuration = try tuning.configuration()
        let links = Workbench.align(
            source: sourceSentences, target: targetSentences, sourceLanguage: sourceLanguage,
            targetLanguage: targetLanguage, lexicon: evidence, configuration: configuration,
            sourceParagraphs: sourceParagraphs, targetParagraphs: targetParagraphs)
        switch format {
        case .ladder:
            for link in links {
                print(LadderFormat.line(source: link.source, target: link.target, score: scores ? link.confidence : nil))
            }
        case .tsv:
            for link in links {
                let sourceText = link.source.map { sourceSentences[$0] }.joined(separator: " ")
                let targetText = link.target.map { targetSentences[$0] }.joined(separator: " ")
                let columns = [
                    TSVWriter.field(sourceText), TSVWriter.field(targetText), Output.score(link.confidence),
                    link.source.map(String.init).joined(separator: ","), link.target.map(String.init).joined(separator: ","),
                ]
                print(columns.joined(separator: "\t"))
            }
        case .json:
            struct Item: Encodable {
                var source_sentences: [Int]
                var target_sentences: [Int]
                var score: Double
                var source: String
                var target: String
            }
            try Output.json(
                links.map { link in
                    Item(
                        source_sentences: Array(link.source), target_sentences: Array(link.target),
                        score: (link.confidence * 1000).rounded() / 1000,
                        source: link.source.map { sourceSentences[$0] }.joined(separator: " "),
                        target: link.target.map { targetSentences[$0] }.joined(separator: " "))
                })
        }
    }

    /// The sentences of a file and, when segmented here, the paragraph of each (presegmented
    /// input has none: one line is one sentence).
    func sentences(_ path: String, language: String) throws -> (texts: [String], paragraphs: [Int]) {
        let text = try TextInput.read(path)
        if presegmented {
            let lines = text.lines().map(String.init)
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            return (lines, [])
        }
        let sentences = Workbench.prepare(text: text, language: language, path: path, keepBoilerplate: keepBoilerplate)
            .sentences
        return (sentences.map(\.text), sentences.map(\.paragraph))
    }
}

/// `--set NAME=VALUE`: aligner weights, for `align` and `eval gold`.
struct AlignerSettings: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override an aligner weight, e.g. skipCost=0.4 (repeatable).", valueName: "name=value"))
    var settings: [String] = []

    func configuration() throws -> AlignerConfiguration {
        var configuration = AlignerConfiguration()
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1]), configuration.set(String(parts[0]), to: value) else {
                throw CLIError(
                    "invalid --set \(setting); use NAME=NUMBER with NAME one of \(AlignerConfiguration.settingNames.joined(separator: ", "))"
                )
            }
        }
        return configuration
    }
}
