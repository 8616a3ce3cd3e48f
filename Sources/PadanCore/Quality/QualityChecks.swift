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
        case deprecatedTerm = "deprecated-term"
    }

    public var link: Int64
    public var kind: Kind
    public var evidence: String
}

/// Xbench-style QA over aligned links: glossary term consistency, deprecated terms, numbers,
/// untranslated segments, inconsistent repeats and suspicious length ratios. Pure: the caller
/// supplies the links, the glossary and the other translations known for repeated sentences.
public struct QualityChecks: Sendable {
    /// The approved and deprecated terms of the pair's languages (the others are no rule).
    public let glossary: [GlossaryEntry]
    public let languages: LanguagePair
    /// For a normalised source sentence, the distinct targets it has elsewhere (and the reverse).
    public var targetsBySource: [String: Set<String>]
    public var sourcesByTarget: [String: Set<String>]
    /// The approved terms, normalised, with their equivalents, both ways.
    let terms: (targetsBySourceTerm: [String: Set<String>], sourcesByTargetTerm: [String: Set<String>])
    /// Each normalised term as it is matched in its side's language.
    let sourcePhrases: [String: TermPhrase]
    let targetPhrases: [String: TermPhrase]
    /// Deprecated renderings: the target phrase not to use, with the source term it rendered.
    let deprecated: [(source: TermPhrase, target: TermPhrase)]
    /// The terms by their first word, so a text is searched for the terms it may hold, not for
    /// every term of the glossary: the checks cost what the text holds, whatever the glossary's size.
    let sourceIndex: TermIndex
    let targetIndex: TermIndex
    let deprecatedIndex: TermIndex

    /// - Parameters:
    ///   - glossary: terms of any status and language pair: the approved ones of `languages`
    ///     are rules, the deprecated ones are reported where they are still used.
    ///   - languages: the pair the links are in.
    public init(
        glossary: [GlossaryEntry], languages: LanguagePair = .englishIndonesian,
        targetsBySource: [String: Set<String>] = [:], sourcesByTarget: [String: Set<String>] = [:]
    ) {
        self.languages = languages
        self.glossary = glossary.filter { $0.languages == languages && ($0.status == .approved || $0.status == .deprecated) }
        self.targetsBySource = targetsBySource
        self.sourcesByTarget = sourcesByTarget
        var targetsBySourceTerm: [String: Set<String>] = [:]
        var sourcesByTargetTerm: [String: Set<String>] = [:]
        var deprecatedPairs: [(String, String)] = []
        for term in self.glossary {
            let source = Self.normalize(term.source)
            let target = Self.normalize(term.target)
            guard !source.isEmpty, !target.isEmpty else { continue }
            if term.status == .deprecated {
                deprecatedPairs.append((source, target))
                continue
            }
            targetsBySourceTerm[source, default: []].insert(target)
            sourcesByTargetTerm[target, default: []].insert(source)
        }
        terms = (targetsBySourceTerm, sourcesByTargetTerm)
        sourcePhrases = Dictionary(
            uniqueKeysWithValues: targetsBySourceTerm.keys.map { ($0, TermPhrase($0, language: languages.source)) })
        targetPhrases = Dictionary(
            uniqueKeysWithValues: sourcesByTargetTerm.keys.map { ($0, TermPhrase($0, language: languages.target)) })
        deprecated = deprecatedPairs.map {
            (TermPhrase($0.0, language: languages.source), TermPhrase($0.1, language: languages.target))
        }
        sourceIndex = TermIndex(sourcePhrases.values)
        targetIndex = TermIndex(targetPhrases.values)
        deprecatedIndex = TermIndex(deprecated.map(\.target))
    }

    /// Lower-cased words joined by single spaces: the form repeats and terms are compared in.
    public static func normalize(_ text: String) -> String { CheckedText(text).normalized }

    func sourcePhrase(_ term: String) -> TermPhrase { sourcePhrases[term] ?? TermPhrase(term, language: languages.source) }
    func targetPhrase(_ term: String) -> TermPhrase { targetPhrases[term] ?? TermPhrase(term, language: languages.target) }

    /// The findings of `links` (one pair's, as a rule: the length ratio is judged against the
    /// pair's own typical ratio), in the links' order.
    public func check(_ links: [CheckedLink]) -> [Finding] {
        var findings: [Finding] = []
        let (targetsBySourceTerm, sourcesByTargetTerm) = terms
        let full = links.filter { !$0.source.isEmpty && !$0.target.isEmpty }
        let ratios = full.map { Double($0.target.count) / Double(max(1, $0.source.count)) }.sorted()
        let medianRatio = ratios.isEmpty ? 1 : ratios[ratios.count / 2]
        for link in full {
            let read = link.read ?? (CheckedText(link.source), CheckedText(link.target))
            let source = read.source.normalized
            let target = read.target.normalized
            let sourceTerms = TermText(normalized: source, language: glossary.isEmpty ? "" : languages.source)
            let targetTerms = TermText(normalized: target, language: languages.target)
            // A term is rendered when any of its glossary equivalents stands on the other side.
            for targetTerm in targetIndex.present(in: targetTerms) {
                guard let equivalents = sourcesByTargetTerm[targetTerm] else { continue }
                if !equivalents.contains(where: { sourceTerms.contains(sourcePhrase($0)) }) {
                    findings.append(
                        Finding(
                            link: link.id, kind: .termMissingInSource,
                            evidence:
                                "“\(targetTerm)” without “\(equivalents.sorted().joined(separator: "” or “"))” in the source"))
                }
            }
            for sourceTerm in sourceIndex.present(in: sourceTerms) {
                guard let equivalents = targetsBySourceTerm[sourceTerm] else { continue }
                if !equivalents.contains(where: { targetTerms.contains(targetPhrase($0)) }) {
                    findings.append(
                        Finding(
                            link: link.id, kind: .termMissingInTarget,
                            evidence:
                                "“\(sourceTerm)” without “\(equivalents.sorted().joined(separator: "” or “"))” in the target"))
                }
            }
            let usedDeprecated = Set(deprecatedIndex.present(in: targetTerms))
            for (sourceTerm, targetTerm) in deprecated
            where usedDeprecated.contains(targetTerm.text) && sourceTerms.contains(sourceTerm) {
                let preferred = targetsBySourceTerm[sourceTerm.text].map {
                    " (approved: “\($0.sorted().joined(separator: "” or “"))”)"
                }
                findings.append(
                    Finding(
                        link: link.id, kind: .deprecatedTerm,
                        evidence: "“\(sourceTerm.text)” rendered “\(targetTerm.text)”, a deprecated term\(preferred ?? "")"))
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

    /// A text as the term checks read it: its normalised words, and their stems in a language
    /// whose terms are matched by stem (English). Phrases are matched word by word, never by
    /// substring search.
    struct TermText: Sendable {
        let words: [String]
        let stems: [String]

        init(words: [String], language: String) {
            self.words = words
            stems = TermPhrase.stemmed(language) ? words.map(EnglishStemmer.stem) : []
        }

        init(normalized: String, language: String) {
            self.init(words: normalized.split(separator: " ").map(String.init), language: language)
        }

        /// Where the phrase starts (word positions): as written (its last word may carry the
        /// Indonesian clitic `-nya`: `kesepakatannya`), or by stems (`sanction` finds `sanctions`).
        func starts(_ phrase: TermPhrase) -> [Int] {
            let written = Self.starts(of: phrase.words, in: words) { word, wanted, isLast in
                word == wanted
                    || (phrase.takesClitic && isLast && word.count == wanted.count + 3 && word.hasPrefix(wanted)
                        && word.hasSuffix("nya"))
            }
            guard !stems.isEmpty, !phrase.stems.isEmpty else { return written }
            let stemmed = Self.starts(of: phrase.stems, in: stems) { stem, wanted, _ in stem == wanted }
            return Array(Set(written + stemmed)).sorted()
        }

        func contains(_ phrase: TermPhrase) -> Bool { !starts(phrase).isEmpty }

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

    /// Phrases by the keys their first word is found under: the word as written and, for a
    /// stemmed language, its stem. A text's word is looked up as written, by its stem, and
    /// without a clitic `-nya`.
    struct TermIndex: Sendable {
        private var byKey: [String: [TermPhrase]] = [:]

        init<Phrases: Sequence>(_ phrases: Phrases) where Phrases.Element == TermPhrase {
            for phrase in phrases {
                guard let first = phrase.words.first else { continue }
                var keys: Set<String> = [first]
                if let stem = phrase.stems.first { keys.insert(stem) }
                for key in keys { byKey[key, default: []].append(phrase) }
            }
        }

        /// The normalised text of every phrase the text holds, each once, in no set order.
        func present(in text: TermText) -> [String] {
            guard !byKey.isEmpty else { return [] }
            var seen: Set<String> = []
            var found: [String] = []
            func look(_ key: String) {
                for phrase in byKey[key] ?? [] where !seen.contains(phrase.text) {
                    seen.insert(phrase.text)
                    if text.contains(phrase) { found.append(phrase.text) }
                }
            }
            for (index, word) in text.words.enumerated() {
                look(word)
                if !text.stems.isEmpty { look(text.stems[index]) }
                if word.count > 3, word.hasSuffix("nya") { look(String(word.dropLast(3))) }
            }
            return found
        }
    }

    /// A normalised glossary phrase as its language matches it: its words, their stems (English)
    /// and whether its last word may carry a clitic (Indonesian `-nya`).
    struct TermPhrase: Sendable {
        let text: String
        let words: [String]
        let stems: [String]
        let takesClitic: Bool

        init(_ normalized: String, language: String) {
            text = normalized
            words = normalized.split(separator: " ").map(String.init)
            stems = Self.stemmed(language) ? words.map(EnglishStemmer.stem) : []
            takesClitic = language.hasPrefix("id") || language.hasPrefix("ms")
        }

        /// Whether terms of the language are matched by their stems too.
        static func stemmed(_ language: String) -> Bool { language.hasPrefix("en") }
    }
}
