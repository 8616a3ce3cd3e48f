import Foundation

/// A link's two texts as the term miner reads them.
public struct TermSample: Sendable, Hashable {
    public var linkID: Int64
    public var source: String
    public var target: String

    public init(linkID: Int64, source: String, target: String) {
        self.linkID = linkID
        self.source = source
        self.target = target
    }
}

/// A pair of phrases mined from aligned links, with its evidence.
public struct TermCandidate: Sendable, Hashable {
    /// The phrases as they are usually written (capitalised when they mostly are mid-sentence).
    public var source: String
    public var target: String
    /// Links holding both phrases, and each phrase's own count of links.
    public var frequency: Int
    public var sourceCount: Int
    public var targetCount: Int
    /// Dice's coefficient: 2 × both ÷ (source + target), 1 when the two always go together.
    public var dice: Double
    /// Dunning's log-likelihood ratio (G²) of the two co-occurring by chance: above 10.83 the
    /// association holds at p < 0.001.
    public var logLikelihood: Double
    /// A few links holding both.
    public var examples: [Int64]
}

/// Mines candidate glossary terms from aligned links: phrases of one to three words on each side
/// that occur together in links more than chance allows (Dice's coefficient, with Dunning's
/// log-likelihood as a significance floor), paired one to one by competitive linking (Melamed
/// 2000: the strongest pair first, then no phrase twice and no fragment of a phrase already
/// paired). A phrase is a term shape: no function word at either end, no number, and no word
/// that stands unchanged on the other side of the link (names, numbers and loanwords copy
/// across; a copied word is not a translation).
public struct TermProposer: Sendable {
    public var languages: LanguagePair
    /// Links a pair must share, and each phrase must occur in, to be proposed.
    public var minCount: Int
    /// The longest phrase looked at, in words.
    public var maxWords: Int
    /// Links kept as examples per term.
    public var examplesKept: Int

    /// The significance floor: G² of 10.83 is p < 0.001 for one degree of freedom.
    public static let significantLogLikelihood = 10.83
    /// A word in more than this share of the links is a function word of the corpus, whatever
    /// the language (the floor for languages without a stop-word list).
    static let commonWordShare = 0.1
    /// Corpora smaller than this have too few links to tell common words by their share.
    static let commonWordMinimumLinks = 100

    public init(languages: LanguagePair, minCount: Int = 3, maxWords: Int = 3, examplesKept: Int = 3) {
        self.languages = languages
        self.minCount = max(1, minCount)
        self.maxWords = max(1, maxWords)
        self.examplesKept = examplesKept
    }

    /// The candidates, strongest first.
    public func propose(_ samples: [TermSample]) -> [TermCandidate] {
        var table = PhraseTable()
        let phrases = samples.map { sample in
            let source = PhraseTable.words(sample.source)
            let target = PhraseTable.words(sample.target)
            // Words that stand unchanged on both sides: names, numbers, loanwords.
            let copied = Set(source.map(\.key)).intersection(target.map(\.key))
            return (
                source: table.phrases(of: source, side: 0, language: languages.source, excluding: copied, maxWords: maxWords),
                target: table.phrases(of: target, side: 1, language: languages.target, excluding: copied, maxWords: maxWords)
            )
        }
        // Words common to a large share of the links are function words of this corpus.
        if samples.count >= Self.commonWordMinimumLinks {
            table.excludeCommonWords(above: Int(Double(samples.count) * Self.commonWordShare))
        }
        let candidates = table.associations(
            of: phrases, links: samples.map(\.linkID), minCount: minCount, examplesKept: examplesKept)
        return Self.competitiveLinking(
            candidates.filter { $0.logLikelihood >= Self.significantLogLikelihood })
    }

    /// The plain Dice baseline the proposer is measured beside: single words, every word but
    /// numbers, ranked by Dice alone, each pair kept.
    public static func diceBaseline(_ samples: [TermSample], minCount: Int = 3) -> [TermCandidate] {
        var table = PhraseTable()
        let phrases = samples.map { sample in
            (
                source: table.plainWords(PhraseTable.words(sample.source), side: 0),
                target: table.plainWords(PhraseTable.words(sample.target), side: 1)
            )
        }
        return table.associations(of: phrases, links: samples.map(\.linkID), minCount: minCount, examplesKept: 3)
            .sorted(by: Self.stronger)
    }

    static func stronger(_ a: TermCandidate, _ b: TermCandidate) -> Bool {
        if a.dice != b.dice { return a.dice > b.dice }
        if a.frequency != b.frequency { return a.frequency > b.frequency }
        // As strong and as frequent: the longer phrases are the whole term ("Selandia Baru", not "Selandia").
        let (aWords, bWords) = (
            a.source.split(separator: " ").count + a.target.split(separator: " ").count,
            b.source.split(separator: " ").count + b.target.split(separator: " ").count
        )
        if aWords != bWords { return aWords > bWords }
        return (a.source, a.target) < (b.source, b.target)
    }

    /// Strongest first; a pair is kept when neither phrase is paired yet and it agrees with
    /// every pair kept that it shares a word with: sharing words on one side only is a partial
    /// pairing ("Prime" with "Perdana Menteri" once "minister" has "menteri"), and a fragment of a
    /// kept pair adds nothing; a compound holding a kept pair on both sides is a term of its own
    /// ("Prime Minister" with "Perdana Menteri", "foreign minister" with "menteri luar negeri").
    static func competitiveLinking(_ candidates: [TermCandidate]) -> [TermCandidate] {
        var kept: [(candidate: TermCandidate, source: Set<String>, target: Set<String>)] = []
        var pairedSource: Set<String> = []
        var pairedTarget: Set<String> = []
        var keptBySourceWord: [String: Set<Int>] = [:]
        var keptByTargetWord: [String: Set<Int>] = [:]
        for candidate in candidates.sorted(by: stronger) {
            let sourceKey = candidate.source.lowercased()
            let targetKey = candidate.target.lowercased()
            guard !pairedSource.contains(sourceKey), !pairedTarget.contains(targetKey) else { continue }
            let sourceWords = Set(sourceKey.split(separator: " ").map(String.init))
            let targetWords = Set(targetKey.split(separator: " ").map(String.init))
            let near = sourceWords.reduce(into: Set<Int>()) { $0.formUnion(keptBySourceWord[$1] ?? []) }
                .union(targetWords.reduce(into: Set<Int>()) { $0.formUnion(keptByTargetWord[$1] ?? []) })
            let agrees = near.allSatisfy { index in
                let other = kept[index]
                let sharesSource = !sourceWords.isDisjoint(with: other.source)
                let sharesTarget = !targetWords.isDisjoint(with: other.target)
                return sharesSource && sharesTarget && other.source.isStrictSubset(of: sourceWords)
                    && other.target.isStrictSubset(of: targetWords)
            }
            guard agrees else { continue }
            let index = kept.count
            kept.append((candidate, sourceWords, targetWords))
            pairedSource.insert(sourceKey)
            pairedTarget.insert(targetKey)
            for word in sourceWords { keptBySourceWord[word, default: []].insert(index) }
            for word in targetWords { keptByTargetWord[word, default: []].insert(index) }
        }
        return kept.map(\.candidate)
    }
}

/// Interned phrases with their counts, and the co-occurrence counting the proposer and its
/// baseline share.
struct PhraseTable {
    /// A word of a text: its lower-cased key, as written, and whether a break (punctuation)
    /// stands before it, or it starts the text.
    struct Word {
        var key: String
        var written: String
        var isNumber: Bool
        var breakBefore: Bool
    }

    private var ids: [[String]: Int32] = [:]
    private(set) var keys: [[String]] = []
    private(set) var counts: [Int32] = []
    /// Mid-sentence occurrences, and those capitalised: the form a phrase is shown in.
    private var midSentence: [Int32] = []
    private var capitalised: [Int32] = []
    private var capitalisedForm: [String] = []
    private var excluded: Set<Int32> = []
    /// Single words' ids, to exclude the phrases holding a common one.
    private var wordCounts: [String: Int32] = [:]

    /// The words of a text with the breaks between them: any character other than a space or a
    /// hyphen between two words ends a phrase there.
    static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var previousEnd = text.startIndex
        var markBetween = false
        for token in Tokenizer.tokens(text) {
            if token.kind == .mark {
                markBetween = true
                previousEnd = token.range.upperBound
                continue
            }
            let between = text[previousEnd..<token.range.lowerBound]
            let broken = words.isEmpty || markBetween || between.contains { !$0.isWhitespace && $0 != "-" && $0 != "\u{2011}" }
            words.append(
                Word(key: token.text.lowercased(), written: token.text, isNumber: token.kind == .number, breakBefore: broken))
            previousEnd = token.range.upperBound
            markBetween = false
        }
        return words
    }

    /// The term-shaped phrases of a text, once each: up to `maxWords` words within one stretch
    /// between breaks, no number or copied word inside, no function word at either end.
    mutating func phrases(of words: [Word], side: UInt8, language: String, excluding copied: Set<String>, maxWords: Int)
        -> [Int32]
    {
        let stopWords = StopWords.list(for: language) ?? []
        func usable(_ word: Word) -> Bool {
            !word.isNumber && !copied.contains(word.key) && word.key.count >= 2 && !word.key.contains(where: \.isNumber)
        }
        func edge(_ word: Word) -> Bool { usable(word) && !stopWords.contains(word.key) }
        var found: Set<Int32> = []
        for start in words.indices where edge(words[start]) {
            for length in 1...maxWords {
                let end = start + length
                guard end <= words.count else { break }
                let last = words[end - 1]
                if length > 1 && (last.breakBefore || !usable(last)) { break }
                guard edge(last) else { continue }
                let slice = words[start..<end]
                found.insert(intern(slice, side: side, initial: start == 0 || words[start].breakBefore))
            }
        }
        for id in found {
            counts[Int(id)] += 1
            // A key is the side, then the words: a single word's key has two parts.
            let key = keys[Int(id)]
            if key.count == 2 { wordCounts[key[1], default: 0] += 1 }
        }
        return Array(found)
    }

    /// Every word but numbers, once each.
    mutating func plainWords(_ words: [Word], side: UInt8) -> [Int32] {
        var found: Set<Int32> = []
        for (index, word) in words.enumerated() where !word.isNumber && !word.key.contains(where: \.isNumber) {
            found.insert(intern(words[index..<index + 1], side: side, initial: index == 0 || word.breakBefore))
        }
        for id in found { counts[Int(id)] += 1 }
        return Array(found)
    }

    private mutating func intern(_ words: ArraySlice<Word>, side: UInt8, initial: Bool) -> Int32 {
        let key = [String(side)] + words.map(\.key)
        let id: Int32
        if let known = ids[key] {
            id = known
        } else {
            id = Int32(keys.count)
            ids[key] = id
            keys.append(key)
            counts.append(0)
            midSentence.append(0)
            capitalised.append(0)
            capitalisedForm.append(words.map(\.written).joined(separator: " "))
        }
        if !initial {
            midSentence[Int(id)] += 1
            if words.first?.written.first?.isUppercase == true {
                capitalised[Int(id)] += 1
                capitalisedForm[Int(id)] = words.map(\.written).joined(separator: " ")
            }
        }
        return id
    }

    /// Leaves out every phrase holding a word found in more than `limit` links.
    mutating func excludeCommonWords(above limit: Int) {
        let common = Set(wordCounts.filter { $0.value > Int32(limit) }.keys)
        guard !common.isEmpty else { return }
        for (index, key) in keys.enumerated() where key.dropFirst().contains(where: common.contains) {
            excluded.insert(Int32(index))
        }
    }

    /// How a phrase is shown: as written mid-sentence when it mostly starts with a capital there
    /// (a name-like term: "Gedung Putih"), else in lower case.
    func display(_ id: Int32) -> String {
        let index = Int(id)
        if midSentence[index] > 0, capitalised[index] * 2 >= midSentence[index] { return capitalisedForm[index] }
        return keys[index].dropFirst().joined(separator: " ")
    }

    /// Every pair of a source and a target phrase occurring together in at least `minCount`
    /// links (each phrase in at least as many), with Dice, G² and a few example links. Counts
    /// pairs of frequent phrases only, so the cost follows the corpus, not its vocabulary squared.
    func associations(
        of phrases: [(source: [Int32], target: [Int32])], links: [Int64], minCount: Int, examplesKept: Int
    ) -> [TermCandidate] {
        let floor = Int32(minCount)
        var together: [UInt64: Int32] = [:]
        for (source, target) in phrases {
            let frequentSource = source.filter { counts[Int($0)] >= floor && !excluded.contains($0) }
            let frequentTarget = target.filter { counts[Int($0)] >= floor && !excluded.contains($0) }
            for s in frequentSource {
                for t in frequentTarget { together[UInt64(UInt32(s)) << 32 | UInt64(UInt32(t)), default: 0] += 1 }
            }
        }
        let total = Double(phrases.count)
        var candidates: [UInt64: TermCandidate] = [:]
        for (key, count) in together where count >= floor {
            let s = Int32(truncatingIfNeeded: key >> 32)
            let t = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            let (a, b) = (Double(counts[Int(s)]), Double(counts[Int(t)]))
            let both = Double(count)
            candidates[key] = TermCandidate(
                source: display(s), target: display(t), frequency: Int(count), sourceCount: Int(a), targetCount: Int(b),
                dice: 2 * both / (a + b), logLikelihood: Self.logLikelihood(both: both, source: a, target: b, total: total),
                examples: [])
        }
        guard examplesKept > 0, !candidates.isEmpty else { return Array(candidates.values) }
        for (index, (source, target)) in phrases.enumerated() {
            let frequentTarget = target.filter { counts[Int($0)] >= floor }
            for s in source where counts[Int(s)] >= floor {
                for t in frequentTarget {
                    let key = UInt64(UInt32(s)) << 32 | UInt64(UInt32(t))
                    if let candidate = candidates[key], candidate.examples.count < examplesKept {
                        candidates[key]?.examples.append(links[index])
                    }
                }
            }
        }
        return Array(candidates.values)
    }

    /// Dunning's G² for a 2×2 table of links: both phrases, only one, only the other, neither.
    static func logLikelihood(both k11: Double, source: Double, target: Double, total n: Double) -> Double {
        let k12 = source - k11
        let k21 = target - k11
        let k22 = max(0, n - source - target + k11)
        func term(_ k: Double, _ expected: Double) -> Double { k > 0 && expected > 0 ? k * log(k / expected) : 0 }
        let rows = (k11 + k12, k21 + k22)
        let columns = (k11 + k21, k12 + k22)
        return 2
            * (term(k11, rows.0 * columns.0 / n) + term(k12, rows.0 * columns.1 / n) + term(k21, rows.1 * columns.0 / n)
                + term(k22, rows.1 * columns.1 / n))
    }
}
