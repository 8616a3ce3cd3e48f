import Foundation

/// From a search path to links: shapes, stray skips, pinned pairs, confidences.
extension AlignmentProblem {
    // MARK: Links

    /// A search path (from the end, bead indices) as steps in reading order with their shapes.
    func steps(of path: [PathStep]) -> [Step] {
        path.reversed().map { Step(i: $0.i, j: $0.j, a: $0.bead.source, b: $0.bead.target) }
    }

    /// A link of the path: sources `i - a ..< i` with targets `j - b ..< j`.
    struct Step {
        var i: Int
        var j: Int
        var a: Int
        var b: Int
        var isSkip: Bool { a == 0 || b == 0 }
    }

    /// The longest run of unaligned sentences between two links that may be a stray part of one
    /// of them; longer runs are passages the translation dropped or added.
    static let longestStrayRun = 2

    /// A sentence or two left unaligned between two links are more often part of one of them than
    /// something the translation dropped or added (translators drop and add passages, seldom one
    /// sentence amid matched text), and the search, pricing each sentence's share of matched words,
    /// leaves one out whenever its words find no counterpart. So such a short run of skips joins
    /// the neighbouring link it fits best, in any shape, or becomes a link of its own when it
    /// holds sentences of both sides (a 1-0 beside a 0-1: often a pair whose words did not
    /// match), or, a single sentence beside a link that holds two of the other side, takes one of
    /// them as two 1-1 links (a 1-2 next to a 1-0 is as often two 1-1s whose lengths misled the
    /// search), unless staying apart costs `loneSkipPenalty` less.
    mutating func absorbingLoneSkips(_ steps: [Step]) -> [Step] {
        let penalty = configuration.loneSkipPenalty
        // With a lexicon, words that find no counterpart are good evidence of an omission.
        guard penalty > 0, !hasLexicon else { return steps }
        var pending = steps
        var result: [Step] = []
        result.reserveCapacity(steps.count)
        var k = 0
        while k < pending.count {
            // The run of skips starting here, if it is short enough to be a stray.
            var run = 0
            while k + run < pending.count && pending[k + run].isSkip && run <= Self.longestStrayRun { run += 1 }
            let previousIsLink = result.last.map { !$0.isSkip } ?? false
            let nextIsLink = k + run < pending.count && !pending[k + run].isSkip
            let bounded = (result.isEmpty || previousIsLink) && (k + run == pending.count || nextIsLink)
            guard run > 0, run <= Self.longestStrayRun, bounded, previousIsLink || nextIsLink else {
                result.append(contentsOf: pending[k..<k + max(run, 1)])
                k += max(run, 1)
                continue
            }
            let skipped = pending[k..<k + run]
            let last = pending[k + run - 1]
            let stray = Step(i: last.i, j: last.j, a: skipped.reduce(0) { $0 + $1.a }, b: skipped.reduce(0) { $0 + $1.b })
            let strayCost = configuration.skipCost * Double(stray.a + stray.b)
            var joinsPrevious: (extra: Double, merged: Step)?
            var joinsNext: (extra: Double, merged: Step)?
            if let link = result.last, previousIsLink {
                let merged = Step(i: stray.i, j: stray.j, a: link.a + stray.a, b: link.b + stray.b)
                joinsPrevious = (cost(of: merged) - cost(of: link) - strayCost, merged)
            }
            if nextIsLink {
                let link = pending[k + run]
                let merged = Step(i: link.i, j: link.j, a: link.a + stray.a, b: link.b + stray.b)
                joinsNext = (cost(of: merged) - cost(of: link) - strayCost, merged)
            }
            let previousExtra = joinsPrevious?.extra ?? .infinity
            let nextExtra = joinsNext?.extra ?? .infinity
            // Sentences left out on both sides may simply translate each other.
            let ownExtra = stray.a > 0 && stray.b > 0 ? cost(of: stray) - strayCost : .infinity
            // One sentence beside a link that holds two of the other side may be the partner of
            // one of them: two 1-1 links.
            let splitsPrevious =
                previousIsLink ? result.last.flatMap { splitting($0, with: stray, costing: strayCost, after: true) } : nil
            let splitsNext = nextIsLink ? splitting(pending[k + run], with: stray, costing: strayCost, after: false) : nil
            let splitExtra = min(splitsPrevious?.extra ?? .infinity, splitsNext?.extra ?? .infinity)
            if splitExtra < penalty && splitExtra < min(ownExtra, previousExtra, nextExtra) {
                if let splitsPrevious, splitsPrevious.extra == splitExtra {
                    result[result.count - 1] = splitsPrevious.pair[0]
                    result.append(splitsPrevious.pair[1])
                } else if let splitsNext {
                    result.append(splitsNext.pair[0])
                    pending[k + run] = splitsNext.pair[1]
                }
            } else if ownExtra < penalty && ownExtra <= min(previousExtra, nextExtra) {
                result.append(stray)
            } else if let joinsPrevious, previousExtra <= nextExtra, previousExtra < penalty {
                result[result.count - 1] = joinsPrevious.merged
            } else if let joinsNext, nextExtra < penalty {
                pending[k + run] = joinsNext.merged
            } else {
                result.append(contentsOf: skipped)
            }
            k += run
        }
        return result
    }

    /// A sentence left out beside a link of one sentence on the other side (its partner) takes
    /// the partner when it matches more of the partner's words than the link's own sentences
    /// together do (one, or two merged), and their lengths still fit a pair: the linked ones are
    /// then what the translation dropped (or added). The search weighs each sentence's share of
    /// matched words, in which a short sentence with a shared name or two can outscore its
    /// longer neighbour that the partner translates; which sentence the partner's own words
    /// answer to is the plainer evidence. With a lexicon only (without one, `absorbingLoneSkips`
    /// handles stray sentences; the swap was not measured there).
    mutating func swappingSkipPartners(_ input: [Step]) -> [Step] {
        guard hasLexicon, configuration.skipPartnerSwaps > 0 else { return input }
        // What each step becomes; a step swapped once is not looked at again.
        var pieces = input.map { [$0] }
        var swapped = [Bool](repeating: false, count: input.count)
        for k in input.indices where input[k].a + input[k].b == 1 && !swapped[k] {
            let skip = input[k]
            let leftOutSource = skip.a == 1
            for neighbour in [k - 1, k + 1] where input.indices.contains(neighbour) && !swapped[neighbour] {
                let link = input[neighbour]
                // The link's sentences on the left-out sentence's side, and its partner.
                let (own, partnerCount) = leftOutSource ? (link.a, link.b) : (link.b, link.a)
                guard partnerCount == 1, (1...Self.swappedLinkLargest).contains(own) else { continue }
                let sources = link.i - link.a..<link.i
                let targets = link.j - link.b..<link.j
                let candidate = leftOutSource ? (s: skip.i - 1, t: link.j - 1) : (s: link.i - 1, t: skip.j - 1)
                // The partner's tokens the left-out sentence, and the link's own sentences
                // together, match.
                guard let partner = partnerTokens(of: skip, beside: link).first,
                    partner.leftOut.nonzeroBitCount > partner.own.nonzeroBitCount,
                    costs.lengthCost(i: candidate.s + 1, j: candidate.t + 1, a: 1, b: 1) <= Self.pairLengthCostLimit
                else { continue }
                // The link's own sentences on that side are left out in its place, beside the new pair.
                let before = neighbour < k
                let leftOut =
                    leftOutSource
                    ? sources.map { Step(i: $0 + 1, j: before ? candidate.t : candidate.t + 1, a: 1, b: 0) }
                    : targets.map { Step(i: before ? candidate.s : candidate.s + 1, j: $0 + 1, a: 0, b: 1) }
                pieces[neighbour] = leftOut
                pieces[k] = [Step(i: candidate.s + 1, j: candidate.t + 1, a: 1, b: 1)]
                swapped[neighbour] = true
                swapped[k] = true
                break
            }
        }
        return pieces.flatMap { $0 }
    }

    /// The most sentences a link may hold on the left-out sentence's side for the left-out one to
    /// take its partner (a 1-1 or a merge of two).
    static let swappedLinkLargest = 2

    /// A sentence left out beside a link joins it when it matches at least
    /// `complementarySkipTokens` words of the link's other side that the link's own sentences
    /// leave unmatched, and the joined link's lengths still fit: a translation line that holds two
    /// sentences (a condensed story joins them) is half matched by either, and as a true pair's
    /// share stops at the typical one the search sees no gain in taking the second in, while the
    /// lengths of the shorter link fit better. The words the link leaves unmatched and the left-out
    /// sentence matches are the evidence that the line holds it. With a lexicon only.
    mutating func joiningComplementarySkips(_ input: [Step]) -> [Step] {
        let least = Int(configuration.complementarySkipTokens)
        guard hasLexicon, least > 0 else { return input }
        var steps = input
        var joined = [Bool](repeating: false, count: steps.count)
        for k in steps.indices where steps[k].a + steps[k].b == 1 && !joined[k] {
            let skip = steps[k]
            var best: (neighbour: Int, merged: Step, tokens: Int)?
            for neighbour in [k - 1, k + 1] where steps.indices.contains(neighbour) && !joined[neighbour] {
                let link = steps[neighbour]
                guard !link.isSkip else { continue }
                let merged =
                    neighbour < k
                    ? Step(i: skip.i, j: skip.j, a: link.a + skip.a, b: link.b + skip.b)
                    : Step(i: link.i, j: link.j, a: link.a + skip.a, b: link.b + skip.b)
                guard Bead.allCases.contains(where: { $0.source == merged.a && $0.target == merged.b }),
                    costs.lengthCost(i: merged.i, j: merged.j, a: merged.a, b: merged.b) <= Self.pairLengthCostLimit
                else { continue }
                let tokens = complementaryMatches(of: skip, beside: link)
                if tokens >= least && tokens > (best?.tokens ?? 0) { best = (neighbour, merged, tokens) }
            }
            guard let best else { continue }
            steps[best.neighbour] = best.merged
            joined[k] = true
        }
        return steps.indices.filter { !joined[$0] }.map { steps[$0] }
    }

    /// How many tokens of `link`'s other side the one sentence of `skip` matches that the link's
    /// own sentences do not.
    mutating func complementaryMatches(of skip: Step, beside link: Step) -> Int {
        partnerTokens(of: skip, beside: link).reduce(0) { $0 + ($1.leftOut & ~$1.own).nonzeroBitCount }
    }

    /// For the one sentence of `skip`, left out right beside `link` on its side: per sentence of
    /// the link's other side (its partners), in order, the tokens the left-out sentence matches
    /// and those the link's own sentences match.
    mutating func partnerTokens(of skip: Step, beside link: Step) -> [(leftOut: UInt64, own: UInt64)] {
        let sources = link.i - link.a..<link.i
        let targets = link.j - link.b..<link.j
        if skip.a == 1 {
            let s = skip.i - 1
            let window = BlockMasks(
                sources: min(s, sources.lowerBound)..<max(s + 1, sources.upperBound), targets: targets, problem: &self)
            return targets.map { (window.masks(s, $0).targetBits, window.targetBits(of: $0, matchedIn: sources)) }
        }
        let t = skip.j - 1
        let window = BlockMasks(
            sources: sources, targets: min(t, targets.lowerBound)..<max(t + 1, targets.upperBound), problem: &self)
        return sources.map { (window.masks($0, t).sourceBits, window.sourceBits(of: $0, matchedIn: targets)) }
    }

    /// A 1-2 or 2-1 `link` and one `stray` sentence of its narrow side just `after` it (or just
    /// before) as two 1-1 links, the stray taking the wider side's nearer sentence, and what that
    /// costs more than the link and the stray left out (`strayCost`); nil for other shapes.
    mutating func splitting(_ link: Step, with stray: Step, costing strayCost: Double, after: Bool) -> (
        extra: Double, pair: [Step]
    )? {
        guard stray.a + stray.b == 1, link.a + link.b == 3, link.a == stray.b + 1 else { return nil }
        let pair =
            after
            ? [Step(i: link.i - link.a + 1, j: link.j - link.b + 1, a: 1, b: 1), Step(i: stray.i, j: stray.j, a: 1, b: 1)]
            : [Step(i: link.i - 1, j: link.j - 1, a: 1, b: 1), Step(i: link.i, j: link.j, a: 1, b: 1)]
        return (pair.reduce(0) { $0 + cost(of: $1) } - cost(of: link) - strayCost, pair)
    }

    /// Joins the steps between two pinned sentences that the search had to leave apart (its bead
    /// shapes could not hold them together, say a 2-3), so that no link boundary cuts a pair.
    func joiningPinnedPairs(_ steps: [Step]) -> [Step] {
        guard !pinned.isEmpty else { return steps }
        let (sourceStep, targetStep) = steps.holders(sources: n, targets: m)
        // Per step, the last step it must be joined with.
        var joinsUpTo = Array(steps.indices)
        for pair in pinned.pairs {
            let (first, last) = (
                min(sourceStep[pair.source], targetStep[pair.target]), max(sourceStep[pair.source], targetStep[pair.target])
            )
            joinsUpTo[first] = max(joinsUpTo[first], last)
        }
        var result: [Step] = []
        var k = 0
        while k < steps.count {
            var end = joinsUpTo[k]
            var scan = k
            while scan <= end {
                end = max(end, joinsUpTo[scan])
                scan += 1
            }
            let group = steps[k...end]
            result.append(
                Step(i: steps[end].i, j: steps[end].j, a: group.reduce(0) { $0 + $1.a }, b: group.reduce(0) { $0 + $1.b }))
            k = end + 1
        }
        return result
    }

    /// What the search would charge for a link of any shape.
    mutating func cost(of step: Step) -> Double {
        let window = BlockMasks(sources: step.i - step.a..<step.i, targets: step.j - step.b..<step.j, problem: &self)
        return cost(of: step, masks: window)
    }

    /// What the search would charge for a link of any shape, its pair masks given.
    func cost(of step: Step, masks window: BlockMasks) -> Double {
        costs.lengthAndShapeCost(i: step.i, j: step.j, a: step.a, b: step.b)
            + costs.lexicalCost(i: step.i, j: step.j, a: step.a, b: step.b, window: window)
    }

    /// The final links with their confidence (see `explanation(at:of:margins:)`).
    mutating func links(from path: [PathStep]) -> [AlignmentLink] {
        let steps = joiningPinnedPairs(joiningComplementarySkips(swappingSkipPartners(absorbingLoneSkips(steps(of: path)))))
        let margins = boundaryMargins(steps)
        return steps.indices.map { k in
            let step = steps[k]
            let confidence = explanation(at: k, of: steps, margins: margins).confidence
            return AlignmentLink(source: (step.i - step.a)..<step.i, target: (step.j - step.b)..<step.j, confidence: confidence)
        }
    }

    /// How sure we are that a sentence left out really has no counterpart: one minus its best
    /// similarity with the nearby sentences of the other side, where the sentence of the other
    /// side `beside` it that may be its counterpart (`possibleCounterpart(at:of:)`) counts for
    /// half of how well their lengths fit a pair (lengths alone are weak evidence, but a dropped
    /// sentence beside an added one of a fitting length is as often a pair whose words the
    /// lexicon does not know).
    mutating func unmatchedConfidence(i: Int, j: Int, a: Int, b: Int, beside: Int?) -> Double {
        var best = 0.0
        if let beside {
            let (s, t) = a == 1 ? (i - 1, beside) : (beside, j - 1)
            best = 0.5 * exp(-costs.lengthCost(i: s + 1, j: t + 1, a: 1, b: 1))
        }
        if a == 1 {
            let s = i - 1
            matcher.load(source: sourceFeatures[s], id: s)
            for t in max(0, j - 2)..<min(m, j + 2) {
                best = max(best, costs.normalizedPairSimilarity(s, t, matcher.match(targetFeatures[t])))
            }
        } else {
            let t = j - 1
            for s in max(0, i - 2)..<min(n, i + 2) {
                best = max(best, costs.normalizedPairSimilarity(s, t, pairMasks(s, t)))
            }
        }
        return 1 - best
    }
}

extension SentenceFeatures {
    /// Tokens beyond 64 share bits in the match masks; counting at most 64 keeps shares ≤ 1.
    var cappedTokens: Int { min(tokenCount, 64) }
}

/// −log of the two-sided normal tail probability, 2·(1 − Φ(z)), tabulated: the search evaluates
/// it for every bead of every cell, where `erfc` and `log` dominate the time.
enum LengthCostTable {
    static let step = 0.01
    static let limit = 15.0
    static let values: [Double] = stride(from: 0.0, through: 8.0, by: step).map { z in
        min(limit, -log(max(erfc(z / 2.0.squareRoot()), 1e-12)))
    }

    @inline(__always)
    static func cost(_ z: Double) -> Double {
        let position = z / step
        let index = Int(position)
        if index >= values.count - 1 { return limit }
        let fraction = position - Double(index)
        return values[index] + (values[index + 1] - values[index]) * fraction
    }
}

extension Array where Element == AlignmentProblem.Step {
    /// For each source and each target sentence, the index of the step holding it (a skipped
    /// sentence's own step included), for steps covering `sources` and `targets` sentences.
    func holders(sources: Int, targets: Int) -> (source: [Int], target: [Int]) {
        var source = [Int](repeating: 0, count: sources)
        var target = [Int](repeating: 0, count: targets)
        for (index, step) in enumerated() {
            for s in step.i - step.a..<step.i { source[s] = index }
            for t in step.j - step.b..<step.j { target[t] = index }
        }
        return (source, target)
    }
}
