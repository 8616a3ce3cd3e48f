import Foundation

/// A link as the quality checks see it.
public struct CheckedLink: Sendable, Hashable {
    public var id: Int64
    public var source: String
    public var target: String
    /// Both texts already read (a caller that needed them for the repeats passes them on, so no
    /// text is tokenised twice).
    public var read: (source: CheckedText, target: CheckedText)?

    public init(id: Int64, source: String, target: String, read: (source: CheckedText, target: CheckedText)? = nil) {
        self.id = id
        self.source = source
        self.target = target
        self.read = read
    }

    public static func == (lhs: CheckedLink, rhs: CheckedLink) -> Bool {
        lhs.id == rhs.id && lhs.source == rhs.source && lhs.target == rhs.target
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(source)
        hasher.combine(target)
    }
}

/// A text as the checks compare it, from one pass of the tokenizer: its lower-cased words joined
/// by single spaces, and its numbers by their digits.
public struct CheckedText: Sendable, Hashable {
    public let normalized: String
    public let numbers: Set<String>

    public init(_ text: String) {
        let tokens = Tokenizer.tokens(text)
        normalized = tokens.filter { $0.kind != .mark }.map { $0.text.lowercased() }.joined(separator: " ")
        numbers = Set(tokens.filter { $0.kind == .number }.map { Tokenizer.numberKey($0.text) })
    }
}

/// A problem found in a link, with the evidence.
public struct Finding: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case termMissingInTarget = "term-missing-in-target"
        case termMissingInSource = "term-missing-in-source"
        case numberMismatch = "number-mismatch"
        case untranslated
        case inconsistentRepeat = "inconsistent-repeat"
        case lengthRatio = "length-ratio"
    }

    public var link: Int64
    public var kind: Kind
    public var evidence: String
}

/// Xbench-style QA over aligned links: glossary term consistency, numbers, untranslated
/// segments, inconsistent repeats and suspicious length ratios. Pure: the caller supplies the
/// links, the glossary and the other translations known for repeated sentences.
public struct QualityChecks: Sendable {
    public let glossary: [GlossaryEntry]
    /// For a normalised source sentence, the distinct targets it has elsewhere (and the reverse).
    public var targetsBySource: [String: Set<String>]
    public var sourcesByTarget: [String: Set<String>]
    /// The glossary's normalised terms with their equivalents, both ways.
    let terms: (englishByIndonesian: [String: Set<String>], indonesianByEnglish: [String: Set<String>])
    /// The words of each Indonesian term, and each English term with its stems.
    let phrases: [String: [String]]
    let englishPhrases: [String: TermPhrase]

    public init(
        glossary: [GlossaryEntry], targetsBySource: [String: Set<String>] = [:], sourcesByTarget: [String: Set<String>] = [:]
    ) {
        self.glossary = glossary
        self.targetsBySource = targetsBySource
        self.sourcesByTarget = sourcesByTarget
        var englishByIndonesian: [String: Set<String>] = [:]
        var indonesianByEnglish: [String: Set<String>] = [:]
        for term in glossary {
            let indonesian = Self.normalize(term.indonesian)
            let english = Self.normalize(term.english)
            guard !indonesian.isEmpty, !english.isEmpty else { continue }
            englishByIndonesian[indonesian, default: []].insert(english)
            indonesianByEnglish[english, default: []].insert(indonesian)
        }
        terms = (englishByIndonesian, indonesianByEnglish)
        phrases = Dictionary(
            uniqueKeysWithValues: englishByIndonesian.keys.map { ($0, $0.split(separator: " ").map(String.init)) })
        englishPhrases = Dictionary(uniqueKeysWithValues: indonesianByEnglish.keys.map { ($0, TermPhrase($0)) })
    }

    /// Lower-cased words joined by single spaces: the form repeats and terms are compared in.
    public static func normalize(_ text: String) -> String { CheckedText(text).normalized }

    public func check(_ links: [CheckedLink]) -> [Finding] {
        var findings: [Finding] = []
        let (englishByIndonesian, indonesianByEnglish) = terms
        let full = links.filter { !$0.source.isEmpty && !$0.target.isEmpty }
        let ratios = full.map { Double($0.target.count) / Double(max(1, $0.source.count)) }.sorted()
        let medianRatio = ratios.isEmpty ? 1 : ratios[ratios.count / 2]
        for link in full {
            let read = link.read ?? (CheckedText(link.source), CheckedText(link.target))
            let source = read.source.normalized
            let target = read.target.normalized
            let sourceTerms = TermText(normalized: source, stemming: !glossary.isEmpty)
            let targetTerms = TermText(normalized: target, stemming: false)
            // A term is rendered when any of its glossary equivalents stands on the other side.
            for (indonesian, equivalents) in englishByIndonesian where targetTerms.contains(indonesian: phrases[indonesian] ?? [])
            {
                if !equivalents.contains(where: { sourceTerms.contains(english: englishPhrases[$0] ?? TermPhrase($0)) }) {
                    findings.append(
                        Finding(
                            link: link.id, kind: .termMissingInSource,
                            evidence:
                                "“\(indonesian)” without “\(equivalents.sorted().joined(separator: "” or “"))” in the source"))
                }
            }
            for (english, equivalents) in indonesianByEnglish
            where sourceTerms.contains(english: englishPhrases[english] ?? TermPhrase(english)) {
                if !equivalents.contains(where: { targetTerms.contains(indonesian: phrases[$0] ?? []) }) {
                    findings.append(
                        Finding(
                            link: link.id, kind: .termMissingInTarget,
                            evidence: "“\(english)” without “\(equivalents.sorted().joined(separator: "” or “"))” in the target"))
                }
            }
            let sourceNumbers = read.source.numbers
            let targetNumbers = read.target.numbers
            if sourceNumbers != targetNumbers {
                let missing = sourceNumbers.subtracting(targetNumbers).sorted()
                let extra = targetNumbers.subtracting(sourceNumbers).sorted()
                var parts: [String] = []
                if !missing.isEmpty { parts.append("source only: \(missing.joined(separator: ", "))") }
                if !extra.isEmpty { parts.append("target only: \(extra.joined(separator: ", "))") }
                findings.append(Finding(link: link.id, kind: .numberMismatch, evidence: parts.joined(separator: "; ")))
            }
            if source == target {
                findings.append(Finding(link: link.id, kind: .untranslated, evidence: "the target repeats the source"))
            }
            if let others = targetsBySource[source]?.subtracting([target]), !others.isEmpty {
                findings.append(
                    Finding(
                        link: link.id, kind: .inconsistentRepeat,
                        evidence: "the same source is translated \(others.count + 1) ways in the store"))
            }
            if let others = sourcesByTarget[target]?.subtracting([source]), !others.isEmpty {
                findings.append(
                    Finding(
                        link: link.id, kind: .inconsistentRepeat,
                        evidence: "the same target translates \(others.count + 1) different sources in the store"))
            }
            let ratio = Double(link.target.count) / Double(max(1, link.source.count))
            if link.source.count + link.target.count >= 40, ratio > medianRatio * 2 || ratio < medianRatio / 2 {
                findings.append(
                    Finding(
                        link: link.id, kind: .lengthRatio,
                        evidence:
                            "target/source length \(LadderFormat.formatScore(ratio)) against \(LadderFormat.formatScore(medianRatio)) typical for this pair"
                    ))
            }
        }
        return findings
    }

    /// A text as the term checks read it: its normalised words, and their English stems when
    /// English terms are looked for. Phrases are matched word by word, never by substring search.
    struct TermText {
        let words: [String]
        let stems: [String]

        init(words: [String], stemming: Bool) {
            self.words = words
            stems = stemming ? words.map(EnglishStemmer.stem) : []
        }

        init(normalized: String, stemming: Bool) {
            self.init(words: normalized.split(separator: " ").map(String.init), stemming: stemming)
        }

        /// Where the Indonesian phrase starts (word positions); its last word may carry the
        /// clitic `-nya` (`kesepakatannya`).
        func starts(indonesian phrase: [String]) -> [Int] {
            Self.starts(of: phrase, in: words) { word, wanted, isLast in
                word == wanted || (isLast && word.count == wanted.count + 3 && word.hasPrefix(wanted) && word.hasSuffix("nya"))
            }
        }

        /// Where the English phrase starts, as written or by stems (`sanction` finds `sanctions`).
        func starts(english phrase: TermPhrase) -> [Int] {
            let written = Self.starts(of: phrase.words, in: words) { word, wanted, _ in word == wanted }
            guard !stems.isEmpty else { return written }
            let stemmed = Self.starts(of: phrase.stems, in: stems) { stem, wanted, _ in stem == wanted }
            return Array(Set(written + stemmed)).sorted()
        }

        func contains(indonesian phrase: [String]) -> Bool { !starts(indonesian: phrase).isEmpty }
        func contains(english phrase: TermPhrase) -> Bool { !starts(english: phrase).isEmpty }

        private static func starts(of phrase: [String], in words: [String], _ same: (String, String, Bool) -> Bool) -> [Int] {
            guard !phrase.isEmpty, words.count >= phrase.count else { return [] }
            var found: [Int] = []
            outer: for start in 0...(words.count - phrase.count) {
                for (offset, wanted) in phrase.enumerated() where !same(words[start + offset], wanted, offset == phrase.count - 1)
                {
                    continue outer
                }
                found.append(start)
            }
            return found
        }
    }

    /// A normalised glossary phrase with the stems of its words.
    struct TermPhrase {
        let text: String
        let words: [String]
        let stems: [String]

        init(_ normalized: String) {
            text = normalized
            words = normalized.split(separator: " ").map(String.init)
            stems = words.map(EnglishStemmer.stem)
        }
    }
}
