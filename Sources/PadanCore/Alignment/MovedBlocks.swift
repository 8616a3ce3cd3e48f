import Foundation

/// Passages the translation moved, put back before a second search: a translation that brings a
/// quote up or sends background to the end leaves the monotone search no good path through
/// the moved sentences, and it forces them onto the wrong partners around both places (a moved
/// sentence folded into its new neighbour's link, a dropped sentence linked to the moved one
/// standing where it went). This stage finds the translation's sentences that match an original
/// sentence far better than where the search put them, puts each such run back where its
/// original stands and searches again, every bead shape still open (a moved passage keeps its
/// merges and splits), with no bead spanning a seam the reordering made. The reordered path is
/// kept only when it costs less than the monotone one, by the model the search minimises, plus a
/// prior per passage moved.
extension AlignmentProblem {
    /// A sentence whose share of matched words in its link is below this is a candidate for a
    /// moved sentence (a well matched sentence is where it belongs).
    static let movedCandidateFit = 0.7
    /// What putting back one passage costs the reordered path, against the monotone one: a
    /// reordering must buy more than chance matches would.
    static let movedBlockPrior = 0.5
    /// How many original sentences either side of its link a translation sentence forced onto a
    /// moved passage's original is compared with, to find where it belongs.
    static let forcedNeighbourReach = 2

    /// A run of consecutive translation sentences to put back before `sourcePlace`, the first
    /// original sentence it matches.
    struct MovedBlock {
        var targets: Range<Int>
        var sourcePlace: Int
        /// The original sentences its translation sentences match.
        var sources: Set<Int>
    }

    /// The links of a search over the translation with its moved passages put back, in the
    /// original numbering (moved links cross the others); nil when no passage moved or the
    /// reordered path costs more than `path` (the monotone search's, from the end).
    mutating func puttingBackMovedPassages(_ path: [PathStep]) -> [AlignmentLink]? {
        guard configuration.movedPassages > 0, hasLexicon else { return nil }
        let steps = steps(of: path)
        let blocks = movedBlocks(steps)
        guard !blocks.isEmpty else { return nil }
        // Where each translation sentence stands in source terms: a linked one at its link's
        // first source, an added one between the sources around it, a moved one just before the
        // original it matches.
        var place = [Double](repeating: 0, count: m)
        for step in steps {
            for t in step.j - step.b..<step.j { place[t] = step.a > 0 ? Double(step.i - step.a) : Double(step.i) - 0.5 }
        }
        // A sentence the search linked to an original a moved passage matches was forced there
        // (the moved sentence's own place was taken): it goes with the original beside its link
        // that it matches best, before or after the passage put back.
        let claimed = blocks.reduce(into: Set<Int>()) { $0.formUnion($1.sources) }
        for step in steps where step.a > 0 && step.b > 0 {
            let sources = step.i - step.a..<step.i
            guard sources.contains(where: claimed.contains) else { continue }
            let around =
                max(0, sources.lowerBound - Self.forcedNeighbourReach)..<min(n, sources.upperBound + Self.forcedNeighbourReach)
            for t in step.j - step.b..<step.j {
                guard let best = bestSource(of: t, among: around), best.value > 0 else { continue }
                place[t] = Double(best.s)
            }
        }
        for block in blocks {
            for t in block.targets { place[t] = Double(block.sourcePlace) - 0.25 }
        }
        let order = (0..<m).sorted { (place[$0], $0) < (place[$1], $1) }
        guard order != Array(0..<m) else { return nil }
        var reordered = self
        reordered.targetFeatures = order.map { targetFeatures[$0] }
        reordered.costs = costs.reordered(targets: order)
        reordered.guide = []
        var position = [Int](repeating: 0, count: m)
        for (index, t) in order.enumerated() { position[t] = index }
        let reorderedPath = reordered.searchNear(
            steps.map { ($0.i, $0.j == 0 ? 0 : position[$0.j - 1] + 1) }
                + blocks.flatMap { block in block.targets.map { (block.sourcePlace + 1, position[$0] + 1) } })
        let monotoneCost = pathCost(path)
        let reorderedCost = reordered.pathCost(reorderedPath) + Self.movedBlockPrior * Double(blocks.count)
        guard reorderedCost < monotoneCost else { return nil }
        return reordered.links(from: reorderedPath).map { link in
            let target = link.target.isEmpty ? 0..<0 : order[link.target.lowerBound]..<order[link.target.upperBound - 1] + 1
            return AlignmentLink(source: link.source, target: target, confidence: link.confidence)
        }
        .sorted(by: Self.readingOrder)
    }

    /// The cheapest path near `cells` (the whole matrix when it is small enough), the band widened
    /// where the path runs along its edge.
    mutating func searchNear(_ cells: [(Int, Int)]) -> [PathStep] {
        if n * m <= configuration.fullSearchCells {
            return search(band: Band(n: n, m: m, halfWidth: max(n, m) + 3)).path
        }
        return Band.searchFollowing(
            n: n, m: m, guide: cells, halfWidth: Self.nearSearchHalfWidth, cells: { $0.map(\.cell) }
        ) { search(band: $0) }
    }

    /// What the search charges for `path` (from the end).
    mutating func pathCost(_ path: [PathStep]) -> Double {
        steps(of: path).reduce(0) { total, step in
            total + (step.isSkip ? configuration.skipCost * Double(step.a + step.b) : cost(of: step))
        }
    }

    /// The runs of translation sentences that match an original sentence far better than where
    /// the search put them (see `puttingBackMovedPassages`).
    mutating func movedBlocks(_ steps: [Step]) -> [MovedBlock] {
        let (sourceFit, targetFit) = sentenceFits(steps)
        let sourceCandidates = (0..<n).filter {
            sourceFit[$0] < Self.movedCandidateFit && costs.sourceTokens[$0] >= Self.movedPairMinimumTokens
        }
        let targetCandidates = (0..<m).filter {
            targetFit[$0] < Self.movedCandidateFit && costs.targetTokens[$0] >= Self.movedPairMinimumTokens
        }
        // Each candidate is compared with the sentences within reach: the cost grows with the
        // document, not with its square.
        guard !sourceCandidates.isEmpty || !targetCandidates.isEmpty else { return [] }
        var (rows, columns) = bestPartners(ofSources: sourceCandidates, targets: targetCandidates)
        // Each other's best: the partner's own best is needed too (a source's only where the
        // pair could anchor otherwise: ranking its reach is what this stage spends its time on).
        for (_, best) in rows where columns[best.t] == nil { columns[best.t] = bestSource(of: best.t) }
        var anchors: [Int: Int] = [:]  // target -> source
        for (t, best) in columns {
            let s = best.s
            guard best.value >= configuration.movedAnchorSimilarity, best.value > sourceFit[s], best.value > targetFit[t],
                costs.sourceTokens[s] >= Self.movedPairMinimumTokens, costs.targetTokens[t] >= Self.movedPairMinimumTokens
            else { continue }
            let partner = rows[s] ?? bestTarget(of: s)
            rows[s] = partner
            guard partner.t == t else { continue }
            anchors[t] = s
        }
        guard !anchors.isEmpty else { return [] }
        // A moved passage as a block: a badly placed neighbour of a moved sentence that matches
        // the moved sentence's original or its neighbours goes with it.
        var member = anchors
        for (t, s) in anchors.sorted(by: { $0.key < $1.key }) {
            for direction in [1, -1] {
                var next = t + direction
                var near = s
                while next >= 0, next < m, member[next] == nil, targetFit[next] < Self.movedCandidateFit {
                    guard let (partner, value) = bestSource(of: next, among: max(0, near - 1)..<min(n, near + 2)),
                        value >= configuration.movedBlockSimilarity, value > targetFit[next]
                    else { break }
                    member[next] = partner
                    near = partner
                    next += direction
                }
            }
        }
        var blocks: [MovedBlock] = []
        // Consecutive moved sentences are one passage when their originals are together too
        // (next to each other, or one apart where the original has a sentence the block drops).
        for (t, source) in member.sorted(by: { $0.key < $1.key }) {
            if let last = blocks.last, last.targets.upperBound == t, let previous = member[t - 1],
                abs(source - previous) <= 2
            {
                blocks[blocks.count - 1].targets = last.targets.lowerBound..<t + 1
                blocks[blocks.count - 1].sourcePlace = min(last.sourcePlace, source)
                blocks[blocks.count - 1].sources.insert(source)
            } else {
                blocks.append(MovedBlock(targets: t..<t + 1, sourcePlace: source, sources: [source]))
            }
        }
        return blocks
    }

    /// The candidates' best partners (`bestTarget(of:)` of each source, `bestSource(of:)` of
    /// each target), ranked on all cores: ranking a candidate's reach is independent work, and
    /// what this stage spends its time on. Each worker ranks with its own matcher.
    func bestPartners(ofSources sources: [Int], targets: [Int]) -> (
        rows: [Int: (t: Int, value: Double)], columns: [Int: (s: Int, value: Double)]
    ) {
        let work = sources.map { (isSource: true, index: $0) } + targets.map { (isSource: false, index: $0) }
        let pieces = min(work.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        guard pieces > 0 else { return ([:], [:]) }
        let found = ConcurrentResults<[(partner: Int, value: Double)]>(count: pieces)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            var worker = self
            worker.matcher = PairMatcher(vocabularySize: vocabularySize)
            let share = work[piece * work.count / pieces..<(piece + 1) * work.count / pieces]
            found.set(
                piece,
                share.map { item in
                    if item.isSource {
                        let best = worker.bestTarget(of: item.index)
                        return (best.t, best.value)
                    }
                    let best = worker.bestSource(of: item.index)
                    return (best.s, best.value)
                })
        }
        var rows: [Int: (t: Int, value: Double)] = [:]
        var columns: [Int: (s: Int, value: Double)] = [:]
        for (item, best) in zip(work, found.values.joined()) {
            if item.isSource {
                rows[item.index] = (best.partner, best.value)
            } else {
                columns[item.index] = (best.partner, best.value)
            }
        }
        return (rows, columns)
    }

    /// Per sentence, the share of its tokens its own link matches (0 for a sentence left out),
    /// relative to a true pair's typical share and at most 1.
    mutating func sentenceFits(_ steps: [Step]) -> (source: [Double], target: [Double]) {
        var sourceFit = [Double](repeating: 0, count: n)
        var targetFit = [Double](repeating: 0, count: m)
        for step in steps where !step.isSkip {
            let (sources, targets) = shares(in: step)
            for (offset, share) in sources.enumerated() { sourceFit[step.i - step.a + offset] = share }
            for (offset, share) in targets.enumerated() { targetFit[step.j - step.b + offset] = share }
        }
        return (sourceFit, targetFit)
    }

    /// For each sentence of `step`, in order, the share of its tokens the other side of the step
    /// matches, relative to a true pair's typical share and at most 1 (0 for one with no content
    /// token).
    mutating func shares(in step: Step) -> (sources: [Double], targets: [Double]) {
        let sources = step.i - step.a..<step.i
        let targets = step.j - step.b..<step.j
        let window = BlockMasks(sources: sources, targets: targets, problem: &self)
        let sourceShares = sources.map { s in
            costs.sourceTokens[s] > 0
                ? costs.sentenceShare(matched: window.sourceBits(of: s, matchedIn: targets), of: costs.sourceTokens[s]) : 0
        }
        let targetShares = targets.map { t in
            costs.targetTokens[t] > 0
                ? costs.sentenceShare(matched: window.targetBits(of: t, matchedIn: sources), of: costs.targetTokens[t]) : 0
        }
        return (sourceShares, targetShares)
    }

    /// The translation sentences within `movedPassageReach` of where source `s` stands on the
    /// diagonal.
    func targetsWithinReach(of s: Int) -> Range<Int> {
        let diagonal = Int(Double(s) * Double(m) / Double(max(1, n)))
        return max(0, diagonal - Self.movedPassageReach)..<min(m, diagonal + Self.movedPassageReach + 1)
    }

    /// The original sentences within `movedPassageReach` of where translation sentence `t`
    /// stands on the diagonal.
    func sourcesWithinReach(of t: Int) -> Range<Int> {
        let diagonal = Int(Double(t) * Double(n) / Double(max(1, m)))
        return max(0, diagonal - Self.movedPassageReach)..<min(n, diagonal + Self.movedPassageReach + 1)
    }

    /// The best of a set of candidate sentences by their share of matching tokens, and the best
    /// share of the others (the runner-up's).
    struct RankedMatch {
        var index: Int
        var share = 0.0
        var runnerUp = 0.0

        /// Takes in candidate `candidate`, whose tokens match with `share` (the first of equals
        /// stays the best).
        mutating func consider(_ candidate: Int, share: Double) {
            if share > self.share {
                runnerUp = self.share
                (index, self.share) = (candidate, share)
            } else if share > runnerUp {
                runnerUp = share
            }
        }

        /// The best share among the candidates other than `excluded`.
        func bestShare(excluding excluded: Int) -> Double {
            index == excluded ? runnerUp : share
        }
    }

    /// The translation sentences within reach of source `s`, ranked by how well they match it.
    mutating func rankedTargets(of s: Int) -> RankedMatch {
        matcher.load(source: sourceFeatures[s], id: s)
        var ranked = RankedMatch(index: 0)
        for t in targetsWithinReach(of: s) {
            ranked.consider(t, share: costs.pairShare(s, t, matcher.match(targetFeatures[t])))
        }
        return ranked
    }

    /// The original sentences within reach of translation sentence `t` (or `sources`), ranked by
    /// how well they match it; nil when `sources` is empty.
    mutating func rankedSources(of t: Int, among sources: Range<Int>? = nil) -> RankedMatch? {
        // The matcher loads one side and matches the other; the similarity is symmetric.
        matcher.load(source: targetFeatures[t], id: t)
        let reach = sources ?? sourcesWithinReach(of: t)
        guard !reach.isEmpty else { return nil }
        var ranked = RankedMatch(index: reach.lowerBound)
        for s in reach {
            let masks = matcher.match(sourceFeatures[s])
            ranked.consider(
                s, share: costs.pairShare(s, t, PairMasks(sourceBits: masks.targetBits, targetBits: masks.sourceBits)))
        }
        return ranked
    }

    /// The translation sentence within reach that matches source `s` best, and how well
    /// (`normalizedPairSimilarity`). The best is the one with the highest share of matching
    /// tokens: the normalised similarity stops at 1, where a document's typical share is low
    /// every loose match would tie with the true partner.
    mutating func bestTarget(of s: Int) -> (t: Int, value: Double) {
        let ranked = rankedTargets(of: s)
        return (ranked.index, costs.normalized(share: ranked.share))
    }

    /// The original sentence within reach (or among `sources`) that matches translation sentence
    /// `t` best (as `bestTarget(of:)` ranks), and how well; nil when `sources` is empty.
    mutating func bestSource(of t: Int, among sources: Range<Int>?) -> (s: Int, value: Double)? {
        rankedSources(of: t, among: sources).map { ($0.index, costs.normalized(share: $0.share)) }
    }

    /// `bestSource(of:)` over the whole reach.
    mutating func bestSource(of t: Int) -> (s: Int, value: Double) {
        bestSource(of: t, among: nil) ?? (0, 0)
    }
}
