import Foundation
import PadanCore

/// Measures term proposals on gold alignments: the gold links of the folders stand for confirmed
/// links, the proposer mines them, and each proposal is judged against reference word lists (the
/// bundled FreeDict list with Padan's closed-class equivalents, and any glossary given). English
/// words are compared by stem, so `sanctions` matches a reference `sanction`.
public enum GlossaryEvaluation {
    /// Precision at the given ranks of the proposer and of the plain Dice baseline, with how many
    /// links were mined and how long mining took.
    public struct Report: Sendable, Encodable {
        public struct Method: Sendable, Encodable {
            public var name: String
            public var proposals: Int
            /// Rank → share of the first `rank` proposals found in the references.
            public var precision: [String: Double]
            public var seconds: Double
            /// The first proposals, with whether the references hold each.
            public var top: [Judged]
        }

        public struct Judged: Sendable, Encodable {
            public var source: String
            public var target: String
            public var frequency: Int
            public var correct: Bool
        }

        public var links: Int
        public var referencePairs: Int
        public var methods: [Method]
    }

    /// The ranks precision is reported at.
    public static let ranks = [50, 200]

    /// The gold links of every case in `folders` with both sides non-empty, as term samples.
    public static func samples(folders: [String]) throws -> (samples: [TermSample], languages: LanguagePair) {
        var samples: [TermSample] = []
        var languages = LanguagePair.englishIndonesian
        for folder in folders {
            for item in try GoldEvaluation.cases(in: folder) {
                languages = LanguagePair(source: item.sourceLanguage, target: item.targetLanguage)
                let base = (folder as NSString).appendingPathComponent(item.name)
                let source = GoldEvaluation.lines(try TextInput.read("\(base).\(item.sourceLanguage).txt"))
                let target = GoldEvaluation.lines(try TextInput.read("\(base).\(item.targetLanguage).txt"))
                guard case .success(let gold) = AlignmentScore.parseLadder(try TextInput.read(base + ".gold")) else {
                    throw WorkbenchError.malformedLine(base + ".gold", line: 0, reason: "not a ladder file")
                }
                for link in gold where !link.source.isEmpty && !link.target.isEmpty {
                    guard link.source.allSatisfy(source.indices.contains), link.target.allSatisfy(target.indices.contains)
                    else { continue }
                    samples.append(
                        TermSample(
                            linkID: Int64(samples.count + 1), source: link.source.map { source[$0] }.joined(separator: " "),
                            target: link.target.map { target[$0] }.joined(separator: " ")))
                }
            }
        }
        return (samples, languages)
    }

    /// Judged pairs: a reference pair is kept as the translation's phrase lower-cased and the
    /// original's phrase by the stems of its words.
    struct Reference {
        private var pairs: Set<String> = []
        var count: Int { pairs.count }

        mutating func add(source: String, target: String) {
            pairs.insert(Self.key(source: source, target: target))
        }

        func contains(source: String, target: String) -> Bool { pairs.contains(Self.key(source: source, target: target)) }

        static func key(source: String, target: String) -> String {
            let stems = QualityChecks.normalize(source).split(separator: " ").map { EnglishStemmer.stem(String($0)) }
            return QualityChecks.normalize(target) + "\u{1}" + stems.joined(separator: " ")
        }
    }

    /// Runs the proposer and the baseline on the gold folders and judges both.
    /// - Parameter glossaries: glossary files (any format `GlossaryFile` reads) added to the references.
    public static func run(folders: [String], glossaries: [String], minCount: Int = 3, shown: Int = 20) throws -> Report {
        let (samples, languages) = try samples(folders: folders)
        var reference = Reference()
        if languages == .englishIndonesian {
            for pair in (Workbench.bundledLexicon?.pairs ?? []) { reference.add(source: pair.pivot, target: pair.foreign) }
        }
        for path in glossaries {
            let text = try TextInput.read(path)
            let format = GlossaryFormat(fileName: path) ?? GlossaryFormat.sniff(text)
            switch GlossaryFile.read(text, format: format, languages: languages) {
            case .success(let entries): for entry in entries { reference.add(source: entry.source, target: entry.target) }
            case .failure(let error): throw WorkbenchError.malformedLine(path, line: error.line, reason: error.reason)
            }
        }
        func judge(_ name: String, _ mine: () -> [TermCandidate]) -> Report.Method {
            let started = Date()
            let candidates = mine()
            let seconds = Date().timeIntervalSince(started)
            let correct = candidates.map { reference.contains(source: $0.source, target: $0.target) }
            var precision: [String: Double] = [:]
            for rank in ranks where !candidates.isEmpty {
                let first = correct.prefix(rank)
                precision["\(rank)"] = Double(first.filter { $0 }.count) / Double(first.count)
            }
            let top = zip(candidates, correct).prefix(shown).map {
                Report.Judged(source: $0.0.source, target: $0.0.target, frequency: $0.0.frequency, correct: $0.1)
            }
            return Report.Method(name: name, proposals: candidates.count, precision: precision, seconds: seconds, top: top)
        }
        let proposer = judge("padan") { TermProposer(languages: languages, minCount: minCount).propose(samples) }
        let baseline = judge("dice-baseline") { TermProposer.diceBaseline(samples, minCount: minCount) }
        return Report(links: samples.count, referencePairs: reference.count, methods: [proposer, baseline])
    }
}
