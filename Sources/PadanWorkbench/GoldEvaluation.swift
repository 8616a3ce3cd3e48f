import Foundation
import PadanCore
import PadanStore

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

    /// Aligns every case and sums the scores; `disagreements` lists, per case, what differs from
    /// the gold. The cases of one language pair are aligned as a batch (`Workbench.align(batch:…)`),
    /// as `padan import` aligns a folder of articles.
    /// - Parameters:
    ///   - folder: the gold folder (`NAME.<src>.txt`, `NAME.<tgt>.txt`, `NAME.gold`).
    ///   - endToEnd: start from the raw text (segment, then align).
    ///   - useLexicon: use the bundled lexicon where it serves the languages (and the store's).
    ///   - store: whose lexicon entries and approved terms join the bundled lexicon, as they would
    ///     for `padan import` into it.
    ///   - configuration: the aligner's settings.
    public static func run(
        folder: String, endToEnd: Bool, useLexicon: Bool = true, store: AlignmentStore? = nil,
        configuration: AlignerConfiguration = AlignerConfiguration()
    ) throws -> (score: AlignmentScore, documents: Int, disagreements: [Disagreement]) {
        let cases = try cases(in: folder)
        let prepared = try cases.map { try PreparedCase(item: $0, folder: folder, endToEnd: endToEnd) }
        var outputs = [[AlignmentLink]](repeating: [], count: cases.count)
        let languagePairs = Dictionary(grouping: cases.indices) {
            LanguagePair(source: cases[$0].sourceLanguage, target: cases[$0].targetLanguage)
        }
        for (languages, members) in languagePairs {
            let lexicon =
                useLexicon
                ? try Workbench.lexicon(sourceLanguage: languages.source, targetLanguage: languages.target, store: store) : nil
            let links = Workbench.align(
                batch: members.map { prepared[$0].document }, sourceLanguage: languages.source,
                targetLanguage: languages.target, lexicon: lexicon, configuration: configuration)
            for (member, output) in zip(members, links) { outputs[member] = output }
        }
        var total = AlignmentScore()
        var disagreements: [Disagreement] = []
        for (item, (preparedCase, links)) in zip(cases, zip(prepared, outputs)) {
            var test = links.map { ScoredLink(source: Array($0.source), target: Array($0.target)) }
            if endToEnd {
                test = AlignmentScore.mapToReference(
                    test, systemSource: preparedCase.document.source, referenceSource: preparedCase.referenceSource,
                    systemTarget: preparedCase.document.target, referenceTarget: preparedCase.referenceTarget)
            }
            let gold = preparedCase.gold
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

    /// One case read: what Padan aligns (the reference sentences, or its own segmentation of the
    /// raw text), the reference sentences and the gold links.
    struct PreparedCase {
        var document: AlignmentDocument
        var referenceSource: [String]
        var referenceTarget: [String]
        var gold: [ScoredLink]

        init(item: Case, folder: String, endToEnd: Bool) throws {
            let base = (folder as NSString).appendingPathComponent(item.name)
            referenceSource = GoldEvaluation.lines(try TextInput.read("\(base).\(item.sourceLanguage).txt"))
            referenceTarget = GoldEvaluation.lines(try TextInput.read("\(base).\(item.targetLanguage).txt"))
            document = AlignmentDocument(source: referenceSource, target: referenceTarget)
            if endToEnd {
                let source = Workbench.prepare(
                    text: try TextInput.read("\(base).\(item.sourceLanguage).raw.txt"), language: item.sourceLanguage, path: nil
                ).sentences
                let target = Workbench.prepare(
                    text: try TextInput.read("\(base).\(item.targetLanguage).raw.txt"), language: item.targetLanguage, path: nil
                ).sentences
                document = AlignmentDocument(
                    source: source.map(\.text), target: target.map(\.text), sourceParagraphs: source.map(\.paragraph),
                    targetParagraphs: target.map(\.paragraph))
            }
            guard case .success(let gold) = AlignmentScore.parseLadder(try TextInput.read(base + ".gold")) else {
                throw WorkbenchError.malformedLine(base + ".gold", line: 0, reason: "not a ladder file")
            }
            self.gold = gold
        }
    }

    static func lines(_ text: String) -> [String] {
        text.lines().map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
