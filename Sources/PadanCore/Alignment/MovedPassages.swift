/// The moved-passage stage of the aligner: a translation that moves a passage (a quote brought
/// up to the second paragraph, background sent to the end) leaves the monotone search two runs of
/// unaligned sentences, the passage where the original has it and where the translation put it.
/// This stage matches the sentences left unaligned on both sides against each other across the
/// whole document, with the evidence the search uses (`normalizedPairSimilarity`: lexicon,
/// glossary, numbers, names, cognates, learned word pairs) and the length model, and links a pair
/// when the evidence is strong on its own, or weaker but far better than either sentence's
/// match with anything else in reach, or, next to a pair so linked, strong enough for a passage
/// moved as a block. Precision first: a pair must be each other's best, so a sentence the
/// translation dropped stays a 1-0 rather than being forced onto an added one.
extension AlignmentProblem {
    /// The longest Gale–Church length cost a pair linked outside the search may have (|z| ≈ 2.6):
    /// a moved sentence, a left-out one taking its neighbour's partner (`swappingSkipPartners`) or
    /// joining its neighbour's link (`joiningComplementarySkips`), is still a translation, and its
    /// length says so.
    static let pairLengthCostLimit = 4.5
    /// Sentences with fewer content tokens say too little to be linked far from where the
    /// search put them, unless next to a moved pair.
    static let movedPairMinimumTokens = 3
    /// How far from the diagonal, in sentences, a moved sentence may have gone: a passage moves
    /// within its story (a news story is seldom longer), and in a long text of many stories a
    /// sentence far away that matches is a repeat, not the same sentence moved. (150 found no
    /// more on the rewritten sets and cost 2.5 times as much.)
    static let movedPassageReach = 40
    /// The most sentences a moved link holds (a 2-1, 1-2 or 2-2 at most, as a moved passage
    /// seldom merges more).
    static let movedBeadLargest = 4

    /// `links` (monotone, covering every sentence) with the moved pairs found among their 1-0
    /// and 0-1 links linked: each such link replaces a 1-0 and a 0-1, stands at its source
    /// sentence's place and crosses the links between its two sentences' places.
    mutating func linkingMovedPassages(_ links: [AlignmentLink]) -> [AlignmentLink] {
        guard configuration.movedPassages > 0 else { return links }
        let (released, restorable) = releasingUnmatched(links)
        let linked = linkingMoved(released)
        guard !restorable.isEmpty else { return linked }
        // A link taken apart whose sentences found no partner outside it comes back as it was:
        // it was taken apart to free them for a moved passage, and a pair found inside it (one
        // sentence of a 2-1 linked again to its target) is no moved passage but the link cut
        // down.
        var holders: [Int: Int] = [:]
        var targetHolders: [Int: Int] = [:]
        for (index, link) in linked.enumerated() {
            for s in link.source { holders[s] = index }
            for t in link.target { targetHolders[t] = index }
        }
        var dropped: Set<Int> = []
        var restored: [AlignmentLink] = []
        for link in restorable {
            let pieces = link.source.compactMap { holders[$0] } + link.target.compactMap { targetHolders[$0] }
            let insideLink = { (piece: AlignmentLink) in
                piece.source.allSatisfy(link.source.contains) && piece.target.allSatisfy(link.target.contains)
            }
            guard pieces.allSatisfy({ insideLink(linked[$0]) }) else { continue }
            dropped.formUnion(pieces)
            restored.append(link)
        }
        let result = (linked.indices.filter { !dropped.contains($0) }.map { linked[$0] } + restored)
        // Nothing moved: the search's own links, in its order.
        if Set(result.map { [$0.source, $0.target] }) == Set(links.map { [$0.source, $0.target] }) { return links }
        return result.sorted(by: Self.readingOrder)
    }

    /// The moved pairs found among the 1-0 and 0-1 links of `links` (see `linkingMovedPassages`).
    mutating func linkingMoved(_ links: [AlignmentLink]) -> [AlignmentLink] {
        let sources = links.filter { $0.target.isEmpty && $0.source.count == 1 }.map(\.source.lowerBound)
        let targets = links.filter { $0.source.isEmpty && $0.target.count == 1 }.map(\.target.lowerBound)
        guard !sources.isEmpty, !targets.isEmpty else { return links }
        let lonelyTarget = Set(targets)
        let sortedTargets = targets.sorted()
        // The matched share of every unaligned source with every unaligned target within reach,
        // when the lengths fit (a window of the sorted targets: the cost grows with the
        // sentences, not with their pairs). Partners are ranked by it and judged by its
        // normalised value (`normalized(share:)`), which stops at 1 and so cannot rank.
        var similarity: [Int: [Int: Double]] = [:]
        // The targets each source matches at all, lengths aside, for moved merges: a pair whose
        // lengths do not fit a 1-1 may be half of a moved 2-1 or 1-2.
        var matching: [Int: [Int]] = [:]
        for s in sources {
            matcher.load(source: sourceFeatures[s], id: s)
            let diagonal = Double(s) * Double(m) / Double(max(1, n))
            // The targets t with diagonal − reach ≤ t ≤ diagonal + reach.
            let lowest = Int((diagonal - Double(Self.movedPassageReach)).rounded(.up))
            let highest = Int((diagonal + Double(Self.movedPassageReach)).rounded(.down))
            for t in sortedTargets[sortedTargets.countBelow(lowest)..<sortedTargets.countBelow(highest + 1)] {
                let share = costs.pairShare(s, t, matcher.match(targetFeatures[t]))
                guard share > 0 else { continue }
                matching[s, default: []].append(t)
                if costs.lengthCost(i: s + 1, j: t + 1, a: 1, b: 1) <= Self.pairLengthCostLimit {
                    similarity[s, default: [:]][t] = share
                }
            }
        }
        func best(of s: Int) -> (t: Int, value: Double)? {
            similarity[s]?.max { ($0.value, -$0.key) < ($1.value, -$1.key) }.map { ($0.key, $0.value) }
        }
        var bestSource: [Int: (s: Int, value: Double)] = [:]
        for (s, row) in similarity {
            for (t, value) in row
            where value > (bestSource[t]?.value ?? 0) || (value == bestSource[t]?.value && s < bestSource[t]?.s ?? 0) {
                bestSource[t] = (s, value)
            }
        }
        var linked: [Int: Int] = [:]
        var taken: Set<Int> = []
        // Each other's best, strong on their own, or weaker but each other's best by far among all
        // the sentences in reach, linked or not (a lexicon that knows a few of a moved sentence's
        // words still singles it out). A target has one best source, so no two claim it.
        for s in sources {
            guard let (t, share) = best(of: s), bestSource[t]?.s == s,
                sourceFeatures[s].cappedTokens >= Self.movedPairMinimumTokens,
                targetFeatures[t].cappedTokens >= Self.movedPairMinimumTokens
            else { continue }
            let value = costs.normalized(share: share)
            guard
                value >= configuration.movedPairSimilarity
                    || (value >= configuration.movedBlockSimilarity && isClearlyBest(source: s, target: t, share: share))
            else { continue }
            linked[s] = t
            taken.insert(t)
        }
        // A moved passage as a block: the next and previous sentences of a moved pair, on both
        // sides, are linked on weaker evidence, as long as the block grows. (Pairs are taken in
        // source order here and below: a dictionary's order changes from run to run, and two
        // pairs may reach for the same free sentence.)
        var frontier = linked.sorted { $0.key > $1.key }.map { (s: $0.key, t: $0.value) }
        while let (s, t) = frontier.popLast() {
            for (ns, nt) in [(s + 1, t + 1), (s - 1, t - 1)]
            where linked[ns] == nil && lonelyTarget.contains(nt) && !taken.contains(nt) {
                guard let share = similarity[ns]?[nt], costs.normalized(share: share) >= configuration.movedBlockSimilarity
                else { continue }
                linked[ns] = nt
                taken.insert(nt)
                frontier.append((ns, nt))
            }
        }
        var moved = linked.sorted { $0.key < $1.key }.map { (source: $0.key..<$0.key + 1, target: $0.value..<$0.value + 1) }
        var freeSources = Set(sources).subtracting(linked.keys)
        var freeTargets = lonelyTarget.subtracting(taken)
        growIntoMerges(&moved, freeSources: &freeSources, freeTargets: &freeTargets)
        moved += movedMerges(matching, freeSources: &freeSources, freeTargets: &freeTargets)
        guard !moved.isEmpty else { return links }
        let claimedSources = Set(sources).subtracting(freeSources)
        let claimedTargets = lonelyTarget.subtracting(freeTargets)
        var result = links.filter { link in
            !(link.target.isEmpty && link.source.count == 1 && claimedSources.contains(link.source.lowerBound))
                && !(link.source.isEmpty && link.target.count == 1 && claimedTargets.contains(link.target.lowerBound))
        }
        for link in moved {
            let value = beadSimilarity(link.source, link.target)
            result.append(AlignmentLink(source: link.source, target: link.target, confidence: min(0.99, value)))
        }
        return result.sorted(by: Self.readingOrder)
    }

    /// Whether sentences `s` and `t`, whose tokens match with `share`, match `anchorLead` times
    /// better than either matches any other sentence within reach (`movedPassageReach`).
    mutating func isClearlyBest(source s: Int, target t: Int, share: Double) -> Bool {
        let othersOfSource = rankedTargets(of: s).bestShare(excluding: t)
        let othersOfTarget = rankedSources(of: t)?.bestShare(excluding: s) ?? 0
        return max(othersOfSource, othersOfTarget) * Self.anchorLead <= share
    }

    /// `links` with each link whose sentences barely match (below `releaseSimilarity`, with a
    /// lexicon) taken apart into a 1-0 or 0-1 link per sentence, and the links so taken apart
    /// (each comes back unless one of its sentences is linked elsewhere; a plain mismatch,
    /// `isPlainMismatch(_:)`, never does).
    mutating func releasingUnmatched(_ links: [AlignmentLink]) -> (links: [AlignmentLink], restorable: [AlignmentLink]) {
        guard hasLexicon, configuration.releaseSimilarity > 0 else { return (links, []) }
        var result: [AlignmentLink] = []
        var restorable: [AlignmentLink] = []
        for link in links {
            guard !link.source.isEmpty, !link.target.isEmpty else {
                result.append(link)
                continue
            }
            let value = beadSimilarity(link.source, link.target)
            guard value < configuration.releaseSimilarity else {
                result.append(link)
                continue
            }
            if !isPlainMismatch(link) { restorable.append(link) }
            for s in link.source {
                result.append(
                    AlignmentLink(source: s..<s + 1, target: link.target.lowerBound..<link.target.lowerBound, confidence: 0.5))
            }
            for t in link.target {
                result.append(
                    AlignmentLink(source: link.source.upperBound..<link.source.upperBound, target: t..<t + 1, confidence: 0.5))
            }
        }
        return (result, restorable)
    }

    /// Whether `link` is a 1-1 of two sentences of `plainMismatchTokens` content tokens or more
    /// each that share at most one token: chance, not a translation.
    mutating func isPlainMismatch(_ link: AlignmentLink) -> Bool {
        let least = Int(configuration.plainMismatchTokens)
        guard least > 0, link.source.count == 1, link.target.count == 1 else { return false }
        let (s, t) = (link.source.lowerBound, link.target.lowerBound)
        guard costs.sourceTokens[s] >= least, costs.targetTokens[t] >= least else { return false }
        let masks = pairMasks(s, t)
        return masks.sourceBits.nonzeroBitCount <= 1 && masks.targetBits.nonzeroBitCount <= 1
    }

    /// The similarity of a bead of any shape, as the search prices it (each sentence's matched
    /// share, averaged): a sentence of the bead with no counterpart in it drags it down.
    mutating func beadSimilarity(_ sources: Range<Int>, _ targets: Range<Int>) -> Double {
        let window = BlockMasks(sources: sources, targets: targets, problem: &self)
        return costs.similarity(i: sources.upperBound, j: targets.upperBound, a: sources.count, b: targets.count, window: window)
            ?? 0
    }

    /// A moved pair takes in an unaligned sentence next to it, on either side, when the bead is
    /// no worse with it (the sentence matches as well as the pair does): a moved passage keeps
    /// the merges and splits the translation made in it.
    mutating func growIntoMerges(
        _ moved: inout [(source: Range<Int>, target: Range<Int>)], freeSources: inout Set<Int>, freeTargets: inout Set<Int>
    ) {
        for index in moved.indices {
            var grew = true
            while grew {
                grew = false
                let link = moved[index]
                guard link.source.count + link.target.count < Self.movedBeadLargest else { break }
                let options: [(Range<Int>, Range<Int>, Int?, Int?)] = [
                    (link.source.lowerBound - 1..<link.source.upperBound, link.target, link.source.lowerBound - 1, nil),
                    (link.source.lowerBound..<link.source.upperBound + 1, link.target, link.source.upperBound, nil),
                    (link.source, link.target.lowerBound - 1..<link.target.upperBound, nil, link.target.lowerBound - 1),
                    (link.source, link.target.lowerBound..<link.target.upperBound + 1, nil, link.target.upperBound),
                ]
                let current = beadSimilarity(link.source, link.target)
                for (sources, targets, source, target) in options {
                    if let source, !freeSources.contains(source) { continue }
                    if let target, !freeTargets.contains(target) { continue }
                    guard
                        costs.lengthCost(i: sources.upperBound, j: targets.upperBound, a: sources.count, b: targets.count)
                            <= Self.pairLengthCostLimit, beadSimilarity(sources, targets) >= current
                    else { continue }
                    moved[index] = (sources, targets)
                    if let source { freeSources.remove(source) }
                    if let target { freeTargets.remove(target) }
                    grew = true
                    break
                }
            }
        }
    }

    /// Moved merges with no pair to grow from: two consecutive unaligned sentences of one side
    /// with one of the other, strongest first, when the bead's similarity alone is strong. The
    /// merges tried hold a pair of `matching` (each source's matching targets), whether or not
    /// its lengths fit a 1-1.
    mutating func movedMerges(
        _ matching: [Int: [Int]], freeSources: inout Set<Int>, freeTargets: inout Set<Int>
    ) -> [(source: Range<Int>, target: Range<Int>)] {
        var candidates: [(source: Range<Int>, target: Range<Int>, value: Double)] = []
        for (s, partners) in matching where freeSources.contains(s) {
            for t in partners where freeTargets.contains(t) {
                for (sources, targets) in [
                    (s..<s + 2, t..<t + 1), (s - 1..<s + 1, t..<t + 1), (s..<s + 1, t..<t + 2), (s..<s + 1, t - 1..<t + 1),
                ] {
                    guard sources.allSatisfy(freeSources.contains), targets.allSatisfy(freeTargets.contains),
                        costs.lengthCost(i: sources.upperBound, j: targets.upperBound, a: sources.count, b: targets.count)
                            <= Self.pairLengthCostLimit
                    else { continue }
                    let value = beadSimilarity(sources, targets)
                    if value >= configuration.movedPairSimilarity { candidates.append((sources, targets, value)) }
                }
            }
        }
        var found: [(source: Range<Int>, target: Range<Int>)] = []
        // Strongest first; equals in reading order, whatever order the dictionary gave them in.
        let strongestFirst = candidates.sorted {
            ($0.value, -$0.source.lowerBound, -$0.target.lowerBound, -$0.source.count)
                > ($1.value, -$1.source.lowerBound, -$1.target.lowerBound, -$1.source.count)
        }
        for candidate in strongestFirst {
            guard candidate.source.allSatisfy(freeSources.contains), candidate.target.allSatisfy(freeTargets.contains)
            else { continue }
            found.append((candidate.source, candidate.target))
            freeSources.subtract(candidate.source)
            freeTargets.subtract(candidate.target)
        }
        return found
    }

    /// Links in the order of their source sentences, and of their targets where sources tie (a
    /// 0-1 link stands at its place, before the link whose source starts there, as the monotone
    /// search leaves it).
    static func readingOrder(_ a: AlignmentLink, _ b: AlignmentLink) -> Bool {
        (a.source.lowerBound, a.target.lowerBound, a.source.upperBound)
            < (b.source.lowerBound, b.target.lowerBound, b.source.upperBound)
    }
}
