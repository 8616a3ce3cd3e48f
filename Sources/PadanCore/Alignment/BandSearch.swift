/// The banded search: the cheapest path of beads through a band of the alignment matrix, priced
/// by one cost model. It owns its scratch — the matcher that computes each row's pair masks as the
/// search reaches it, the window of the last three rows, the band's cells — and reads nothing
/// else: the features of both texts, the cost model, the pinned pairs.
struct BandSearch {
    let source: [SentenceFeatures]
    let target: [SentenceFeatures]
    let costs: BeadCostModel
    let pinned: PinnedPairs
    /// Scratch for pair masks; a search is usually lent a warm one (`AlignmentProblem.search`).
    var matcher = PairMatcher(vocabularySize: 0)
    /// The rows earlier searches over the same features matched, lent the same way; this search
    /// adds its own.
    var maskRows = PairMaskRows()

    var n: Int { source.count }
    var m: Int { target.count }

    struct Cell {
        var cost: Float
        /// The bead that reached the cell at that cost; nil for the start and cells not reached.
        var bead: Bead?
    }

    /// The cheapest path through the band, as (i, j, bead) steps from the end; and whether it
    /// ran along the band's edge (then a wider band may find a better one).
    mutating func cheapestPath(through band: Band) -> (path: [PathStep], touchesEdge: Bool) {
        var cells = [Cell](repeating: Cell(cost: .infinity, bead: nil), count: band.cellCount)
        cells[0] = Cell(cost: 0, bead: nil)  // row 0 starts at column 0: cell (0, 0) is the first
        var window = MaskWindow(band: band)
        var crossings = pinned.isEmpty ? nil : PinnedPairs.Crossings(pinned, targetCount: m)
        let pinnedPairCost = Float(costs.configuration.pinnedPairCost)
        // What each bead costs whatever its cell, priced once for the whole search.
        let shapes = Bead.allCases.map { bead in
            BeadShape(
                bead: bead, prior: Float(costs.prior(bead.source, bead.target)),
                skipCost: Float(costs.configuration.skipCost * Double(bead.source + bead.target)))
        }
        let mostSources = shapes.map(\.source).max() ?? 0
        for i in 0...n {
            if i > 0 {
                window.store(
                    maskRows.row(
                        source: i - 1, source[i - 1], targets: target, range: window.targets(forRow: i),
                        matcher: &matcher))
            }
            crossings?.move(to: i)
            let cuts = crossings?.counts(band.lo[i]...band.hi[i])
            let rowLo = band.lo[i]
            let rowStart = band.rowStart[i]
            // The rows a bead ending in row i starts from (i − a for every a a bead holds), as
            // the columns they hold and where their cells begin.
            let earlierRows = (0...mostSources).map { band.row(i - $0) }
            for j in rowLo..<band.hi[i] + 1 {
                if i == 0 && j == 0 { continue }
                var best = Cell(cost: .infinity, bead: nil)
                for shape in shapes {
                    let (a, b) = (shape.source, shape.target)
                    guard j >= b, let previous = earlierRows[a].index(of: j - b) else { continue }
                    if costs.spansSeam(j: j, b: b) { continue }
                    let before = cells[previous].cost
                    if before == .infinity { continue }
                    // Exact pruning: the lexical cost is never negative, so a bead whose
                    // predecessor plus its other costs cannot beat the best so far needs no
                    // similarity.
                    if a == 0 || b == 0 {
                        let cost = before + shape.skipCost
                        if cost < best.cost { best = Cell(cost: cost, bead: shape.bead) }
                        continue
                    }
                    if before + shape.prior >= best.cost { continue }
                    let shapeCost = before + Float(costs.lengthAndShapeCost(i: i, j: j, a: a, b: b))
                    if shapeCost >= best.cost { continue }
                    let cost = shapeCost + Float(costs.lexicalCost(i: i, j: j, a: a, b: b, window: window))
                    if cost < best.cost { best = Cell(cost: cost, bead: shape.bead) }
                }
                // Every bead ending here puts a boundary here: the cut pairs cost the same
                // for all.
                if let cuts, cuts[j - rowLo] > 0 { best.cost += pinnedPairCost * Float(cuts[j - rowLo]) }
                cells[rowStart + j - rowLo] = best
            }
        }
        var path: [PathStep] = []
        var touchesEdge = false
        var i = n
        var j = m
        while i > 0 || j > 0 {
            guard let index = band.index(i, j), let bead = cells[index].bead else { break }
            if band.isAtEdge(i, j) { touchesEdge = true }
            path.append(PathStep(i: i, j: j, bead: bead))
            i -= bead.source
            j -= bead.target
        }
        return (path, touchesEdge)
    }
}

/// A bead's shape with the costs that do not depend on where it ends: its prior and, for a skip,
/// its whole cost.
private struct BeadShape {
    let bead: Bead
    let source: Int
    let target: Int
    let prior: Float
    let skipCost: Float

    init(bead: Bead, prior: Float, skipCost: Float) {
        self.bead = bead
        self.source = bead.source
        self.target = bead.target
        self.prior = prior
        self.skipCost = skipCost
    }
}
