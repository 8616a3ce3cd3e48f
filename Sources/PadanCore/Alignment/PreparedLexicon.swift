/// A lexicon turned into look-up tables once, so that aligning many documents does not rebuild
/// them: single foreign words → pivot keys, foreign phrases, and multi-word pivot terms.
public struct PreparedLexicon: Sendable {
    public let foreignLanguage: String
    public let pivotLanguage: String
    let entries: [String: [String]]
    let foreignPhrases: [String: [([String], [String])]]
    let pivotPhrases: [String: [[String]]]
    public let pairCount: Int

    public init(_ lexicon: Lexicon) {
        var entries: [String: [String]] = [:]
        var foreignPhrases: [String: [([String], [String])]] = [:]
        var pivotPhrases: [String: Set<[String]>] = [:]
        let pivotLanguage = lexicon.pivotLanguage
        for (foreign, pivot) in lexicon.pairs {
            let pivotWords = Self.words(pivot)
            guard !pivotWords.isEmpty else { continue }
            let pivotStems = pivotWords.map { FeatureExtractor.stem($0, language: pivotLanguage) }
            let pivotKey = pivotStems.joined(separator: " ")
            if pivotStems.count > 1, let first = pivotStems.first {
                pivotPhrases[first, default: []].insert(pivotStems)
            }
            let foreignWords = Self.words(foreign).map { $0.lowercased() }
            if foreignWords.count == 1 {
                if !(entries[foreignWords[0]]?.contains(pivotKey) ?? false) {
                    entries[foreignWords[0], default: []].append(pivotKey)
                }
            } else if let first = foreignWords.first {
                foreignPhrases[first, default: []].append((foreignWords, [pivotKey]))
            }
        }
        self.foreignLanguage = lexicon.foreignLanguage
        self.pivotLanguage = pivotLanguage
        self.entries = entries
        self.foreignPhrases = foreignPhrases
        // Longest first; ties in word order, so that keys are numbered the same in every run.
        self.pivotPhrases = pivotPhrases.mapValues {
            Array($0).sorted { $0.count > $1.count || ($0.count == $1.count && $0.lexicographicallyPrecedes($1)) }
        }
        self.pairCount = lexicon.count
    }

    /// The pivot keys of a foreign word (lower-cased): the entries of the most specific form
    /// that has any — as written, then with Indonesian affixes stripped when the foreign side is
    /// Indonesian or Malay; empty when none has. A word found only with affixes stripped also
    /// means what its root (the most stripped form with entries) means: `menunjukkan` is not
    /// listed, `menunjuk` ("point") is, and so is the root `tunjuk` ("show"); the stripping that
    /// reached the first form is no surer than the one that reaches the root, so the word takes
    /// both. A word listed as written keeps its own entries only (`selatan` is "south", not the
    /// "strait" of `selat`).
    func translations(of word: String) -> [String] {
        let forms =
            foreignLanguage.hasPrefix("id") || foreignLanguage.hasPrefix("ms")
            ? IndonesianStemmer.candidates(word) : [word]
        guard let first = forms.firstIndex(where: { entries[$0] != nil }), let hits = entries[forms[first]] else {
            return []
        }
        guard first > 0, let root = forms.lastIndex(where: { entries[$0] != nil }), root != first,
            let rootHits = entries[forms[root]]
        else { return hits }
        return hits + rootHits.filter { !hits.contains($0) }
    }

    /// The words and numbers of an entry, as the aligner tokenizes sentences.
    static func words(_ entry: String) -> [String] {
        var words: [String] = []
        Tokenizer.forEachToken(in: entry) { kind, text, _ in
            if kind != .mark { words.append(text) }
        }
        return words
    }

    /// An empty table for language pairs without a lexicon.
    public static func empty(foreign: String, pivot: String) -> PreparedLexicon {
        PreparedLexicon(Lexicon(foreignLanguage: foreign, pivotLanguage: pivot))
    }
}
