/// How much of a text in a lexicon's foreign language the lexicon covers: the word tokens found
/// as written (lower-cased), and those found once Indonesian affixes are stripped — the look-up
/// the aligner makes. Numbers and punctuation are not counted.
public struct LexiconCoverage: Sendable, Equatable {
    public var words = 0
    public var asWritten = 0
    public var afterStripping = 0
    /// How often each word (lower-cased) that is not covered even after stripping occurs.
    public var missing: [String: Int] = [:]

    public init() {}

    public var shareAsWritten: Double { words == 0 ? 0 : Double(asWritten) / Double(words) }
    public var shareAfterStripping: Double { words == 0 ? 0 : Double(afterStripping) / Double(words) }

    /// Adds the counts of another text.
    public mutating func add(_ other: LexiconCoverage) {
        words += other.words
        asWritten += other.asWritten
        afterStripping += other.afterStripping
        missing.merge(other.missing, uniquingKeysWith: +)
    }

    /// The `count` most frequent words not covered, most frequent first (ties alphabetical).
    public func mostMissed(_ count: Int) -> [(word: String, count: Int)] {
        missing.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(count)
            .map { ($0.key, $0.value) }
    }

    /// Counts the words of `text` against `lexicon`.
    public mutating func add(_ text: String, lexicon: PreparedLexicon) {
        var cache: [String: (written: Bool, stripped: Bool)] = [:]
        Tokenizer.forEachToken(in: text) { kind, word, _ in
            guard kind == .word else { return }
            let lower = word.lowercased()
            let found: (written: Bool, stripped: Bool)
            if let cached = cache[lower] {
                found = cached
            } else {
                let written = lexicon.entries[lower] != nil
                found = (written, written || !lexicon.translations(of: lower).isEmpty)
                cache[lower] = found
            }
            words += 1
            if found.written { asWritten += 1 }
            if found.stripped { afterStripping += 1 } else { missing[lower, default: 0] += 1 }
        }
    }
}
