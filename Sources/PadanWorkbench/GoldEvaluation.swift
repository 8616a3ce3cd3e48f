import Foundation
import PadanCore

/// Runs Padan on a folder of gold alignment cases and scores it, as `shared/data/align/README.md`
/// defines: `NAME.<src>.txt` / `NAME.<tgt>.txt` one sentence per line, `NAME.gold` the links; for
/// end-to-end runs `NAME.<src>.raw.txt` / `NAME.<tgt>.raw.txt` are segmented by Padan first and
/// its sentences mapped onto the reference ones by position.
public enum GoldEvaluation {
    public struct Case: Sendable {
        public var name: String
        public var sourceLanguage: String
        public var targetLanguage: String
    }

    /// The cases of a folder: every `NAME.gold` with `NAME.<src>.txt` and `NAME.<tgt>.txt` beside it.
    public static func cases(in folder: String) throws -> [Case] {
        let files = try TextInput.folderEntries(folder)
        return files.filter { $0.hasSuffix(".gold") }.sorted().compactMap { gold in
            let name = String(gold.dropLast(5))
            let texts = files.filter { $0.hasPrefix(name + ".") && $0.hasSuffix(".txt") && !$0.hasSuffix(".raw.txt") }
            let languages = texts.map { String($0.dropFirst(name.count + 1).dropLast(4)) }.sorted()
            guard languages.count == 2 else { return nil }
            // The source is the original: English in the en-id sets, German in Text+Berg.
            let source = languages.contains("en") ? "en" : languages.contains("de") ? "de" : languages[0]
            let target = languages.first { $0 != source } ?? languages[1]
            return Case(name: name, sourceLanguage: source, targetLanguage: target)
        }
    }

    /// Where one case's output and its gold disagree: output links that are not gold links, and
    /// gold links (both sides non-empty) the output does not contain.
    public struct Disagreement: Sendable {
        public var name: String
        public var wrong: [ScoredLink]
        public var missed: [ScoredLink]
    }

    /// Aligns every case (from raw text when `endToEnd`; with the bundled lexicon where it serves
    /// the languages, unless not `useLexicon`) and sums the scores; `disagreements` lists, per
    /// case, what differs from the gold.
    public static func run(
        folder: String, endToEnd: Bool, useLexicon: Bool = true, configuration: AlignerConfiguration = AlignerConfiguration()
    ) throws -> (score: AlignmentScore, documents: Int, disagreements: [Disagreement]) {
        var total = AlignmentScore()
        var disagreements: [Disagreement] = []
        let cases = try cases(in: folder)
        for item in cases {
            let base = (folder as NSString).appendingPathComponent(item.name)
            let referenceSource = lines(try TextInput.read("\(base).\(item.sourceLanguage).txt"))
            let referenceTarget = lines(try TextInput.read("\(base).\(item.targetLanguage).txt"))
            var source = referenceSource
            var target = referenceTarget
            var sourceParagraphs: [Int] = []
            var targetParagraphs: [Int] = []
            if endToEnd {
                let sourceSentences = Workbench.prepare(
                    text: try TextInput.read("\(base).\(item.sourceLanguage).raw.txt"), language: item.sourceLanguage, path: nil
                ).sentences
                let targetSentences = Workbench.prepare(
                    text: try TextInput.read("\(base).\(item.targetLanguage).raw.txt"), language: item.targetLanguage, path: nil
                ).sentences
                (source, sourceParagraphs) = (sourceSentences.map(\.text), sourceSentences.map(\.paragraph))
                (target, targetParagraphs) = (targetSentences.map(\.text), targetSentences.map(\.paragraph))
            }
            let lexicon =
                useLexicon
                ? try Workbench.lexicon(sourceLanguage: item.sourceLanguage, targetLanguage: item.targetLanguage, store: nil)
                : nil
            let links = Workbench.align(
                source: source, target: target, sourceLanguage: item.sourceLanguage, targetLanguage: item.targetLanguage,
                lexicon: lexicon, configuration: configuration, sourceParagraphs: sourceParagraphs,
                targetParagraphs: targetParagraphs)
            var test = links.map { ScoredLink(source: Array($0.source), target: Array($0.target)) }
            if endToEnd {
                test = AlignmentScore.mapToReference(
                    test, systemSource: source, referenceSource: referenceSource, systemTarget: target,
                    referenceTarget: referenceTarget)
            }
            guard case .success(let gold) = AlignmentScore.parseLadder(try TextInput.read(base + ".gold")) else {
                throw WorkbenchError.malformedLine(base + ".gold", line: 0, reason: "not a ladder file")
            }
            total = total + AlignmentScore.score(gold: gold, test: test)
            let goldSet = Set(gold)
            let testSet = Set(test)
            disagreements.append(
                Disagreement(
                    name: item.name, wrong: test.filter { !goldSet.contains($0) },
                    missed: gold.filter { !$0.source.isEmpty && !$0.target.isEmpty && !testSet.contains($0) }))
        }
        return (total, cases.count, disagreements)
    }

    static func lines(_ text: String) -> [String] {
        text.lines().map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
