/// How clearly the final links' boundaries are where they are: what confidence needs beyond how
/// well a link's sentences match.
extension AlignmentProblem {
    /// The four ways of moving one sentence across a boundary, as the change of the left link's
    /// source and target counts (the right link changes the other way).
    private static let moves = [(-1, 0), (1, 0), (0, -1), (0, 1)]

    /// For each boundary between two consecutive steps, how much more the two links would cost
    /// if one sentence of either side moved across it (the cheapest such move, pinned pairs
    /// included; negative when a move would be cheaper, as after the joins the search does not
    /// price).
    mutating func boundaryMargins(_ steps: [Step]) -> [Double] {
        guard steps.count > 1 else { return [] }
        // Every boundary the moves try, so the pinned pairs they cut are counted in one sweep.
        var boundaries: [(i: Int, j: Int)] = []
        boundaries.reserveCapacity(5 * (steps.count - 1))
        for left in steps.dropLast() {
            boundaries.append((left.i, left.j))
            for (da, db) in Self.moves { boundaries.append((left.i + da, left.j + db)) }
        }
        let cuts = pinned.cuts(at: boundaries, targetCount: m)
        let pinnedPairCost = configuration.pinnedPairCost
        var margins: [Double] = []
        margins.reserveCapacity(steps.count - 1)
        for k in 0..<steps.count - 1 {
            let left = steps[k]
            let right = steps[k + 1]
            // Both links and every move stay inside this block of sentences.
            let block = BlockMasks(sources: left.i - left.a..<right.i, targets: left.j - left.b..<right.j, problem: &self)
            let current = stepCost(left, block) + stepCost(right, block) + Double(cuts[5 * k]) * pinnedPairCost
            var best = Double.infinity
            for (move, (da, db)) in Self.moves.enumerated() {
                let newLeft = Step(i: left.i + da, j: left.j + db, a: left.a + da, b: left.b + db)
                let newRight = Step(i: right.i, j: right.j, a: right.a - da, b: right.b - db)
                guard newLeft.a >= 0, newLeft.b >= 0, newRight.a >= 0, newRight.b >= 0 else { continue }
                let cost =
                    stepCost(newLeft, block) + stepCost(newRight, block) + Double(cuts[5 * k + 1 + move])
                    * pinnedPairCost
                best = min(best, cost)
            }
            margins.append(best - current)
        }
        return margins
    }

    /// A step's cost as the search prices it; nothing for a step that a move emptied.
    private func stepCost(_ step: Step, _ block: BlockMasks) -> Double {
        if step.a == 0 && step.b == 0 { return 0 }
        if step.isSkip { return configuration.skipCost * Double(step.a + step.b) }
        return cost(of: step, masks: block)
    }
}
