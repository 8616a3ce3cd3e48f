/// Word pairs learned from the 1-1 links of a first alignment, as hunalign's realign does: two
/// words that keep occurring in linked sentences, each the other's best partner by the Dice
/// coefficient, become evidence for a second pass. It needs no lexicon, so it serves any
/// language pair (German–French `Gipfel` ↔ `sommet` in a mountaineering journal).
struct LearnedWordPairs {
    /// For a source word identity, the key it now shares with its learned partner.
    var sourceKeys: [Int32: Int32] = [:]
    /// For a target word identity, the key it now shares with its learned partner.
    var targetKeys: [Int32: Int32] = [:]

    var isEmpty: Bool { sourceKeys.isEmpty }
    var count: Int { sourceKeys.count }

    /// Learns from the sentence pairs `links` (source index, target index). A pair must occur in
    /// at least `minimumCount` links with a Dice coefficient of at least `minimumDice`; new keys
    /// are numbered from `firstKey`.
    init(
        source: [SentenceFeatures], target: [SentenceFeatures], links: [(Int, Int)], minimumCount: Int,
        minimumDice: Double, firstKey: Int32
    ) {
        func distinctWords(_ features: SentenceFeatures) -> Set<Int32> {
            Set(features.wordIdentities.lazy.filter { $0 >= 0 })
        }
        var sourceCounts: [Int32: Int] = [:]
        var targetCounts: [Int32: Int] = [:]
        for (s, t) in links {
            for word in distinctWords(source[s]) { sourceCounts[word, default: 0] += 1 }
            for word in distinctWords(target[t]) { targetCounts[word, default: 0] += 1 }
        }
        // Only words seen often enough can form a pair that often: counting the rest is waste.
        var together: [UInt64: Int] = [:]
        for (s, t) in links {
            let sourceWords = distinctWords(source[s]).filter { sourceCounts[$0, default: 0] >= minimumCount }
            let targetWords = distinctWords(target[t]).filter { targetCounts[$0, default: 0] >= minimumCount }
            for x in sourceWords {
                for y in targetWords where x != y {
                    together[UInt64(UInt32(bitPattern: x)) << 32 | UInt64(UInt32(bitPattern: y)), default: 0] += 1
                }
            }
        }
        var bestForSource: [Int32: (partner: Int32, dice: Double)] = [:]
        var bestForTarget: [Int32: (partner: Int32, dice: Double)] = [:]
        for (packed, count) in together where count >= minimumCount {
            let x = Int32(bitPattern: UInt32(packed >> 32))
            let y = Int32(bitPattern: UInt32(packed & 0xFFFF_FFFF))
            let dice = 2 * Double(count) / Double(sourceCounts[x, default: 0] + targetCounts[y, default: 0])
            guard dice >= minimumDice else { continue }
            if Self.prefer((y, dice), over: bestForSource[x]) { bestForSource[x] = (y, dice) }
            if Self.prefer((x, dice), over: bestForTarget[y]) { bestForTarget[y] = (x, dice) }
        }
        var next = firstKey
        // Sorted so that key numbers, and so the run, do not depend on hash order.
        for (x, best) in bestForSource.sorted(by: { $0.key < $1.key }) where bestForTarget[best.partner]?.partner == x {
            sourceKeys[x] = next
            targetKeys[best.partner] = next
            next += 1
        }
    }

    /// Learns from the 1-1 links of several documents at once (a batch), as from one document
    /// holding them all: a pair met once in each of two documents is met twice. Their features
    /// must come from one extractor, so that word identities agree.
    init(
        documents: [(source: [SentenceFeatures], target: [SentenceFeatures], links: [(Int, Int)])], minimumCount: Int,
        minimumDice: Double, firstKey: Int32
    ) {
        var source: [SentenceFeatures] = []
        var target: [SentenceFeatures] = []
        var links: [(Int, Int)] = []
        for document in documents {
            links += document.links.map { ($0 + source.count, $1 + target.count) }
            source += document.source
            target += document.target
        }
        self.init(
            source: source, target: target, links: links, minimumCount: minimumCount, minimumDice: minimumDice,
            firstKey: firstKey)
    }

    /// Higher Dice wins; a tie goes to the lower key, so the outcome does not depend on hash order.
    private static func prefer(_ candidate: (partner: Int32, dice: Double), over current: (partner: Int32, dice: Double)?)
        -> Bool
    {
        guard let current else { return true }
        return candidate.dice > current.dice || (candidate.dice == current.dice && candidate.partner < current.partner)
    }
}
