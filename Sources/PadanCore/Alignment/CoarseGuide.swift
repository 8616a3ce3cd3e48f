/// A rough path through a long document pair, found coarse to fine over blocks of sentences, for
/// the search band to follow when the true path strays far from the diagonal (a chapter the
/// translation dropped shifts every later sentence by thousands of rows). A band around the
/// diagonal would have to be that wide along the whole document; one around this guide stays
/// narrow, so time and memory stay linear in the document.
///
/// Each level halves the block size: the coarsest grid (at most `coarsestCells` cells) is searched
/// whole, every finer one in a band around the path of the level above. A block is represented
/// by a sample of its sentences' keys (a fixed hash-based subset of the key space, so both sides
/// keep the same keys), and a pair of blocks scores the share of sampled keys they share.
struct CoarseGuide {
    static let coarsestCells = 1_000_000
    /// Sampled keys aimed at per block: enough to tell related blocks from unrelated ones.
    static let sampledKeysPerBlock = 48
    static let skipCost: Float = 0.8
    /// The finest level's block size: the sentence search around the guide settles the rest.
    static let finestBlock = 4

    /// The guide as the cells (i, j) it passes, from the end back to the start as a search path
    /// lists its steps (the form `Band(following:)` reads); empty when a side is empty.
    static func path(source: [SentenceFeatures], target: [SentenceFeatures]) -> [(Int, Int)] {
        let n = source.count
        let m = target.count
        guard n > 0, m > 0 else { return [] }
        var blockSize = finestBlock
        while (n / blockSize + 1) * (m / blockSize + 1) > coarsestCells { blockSize *= 2 }
        var path: [(Int, Int)] = []  // cells (row, column) of the level above, in order
        while true {
            let grid = BlockGrid(source: source, target: target, blockSize: blockSize)
            path = grid.search(around: path)
            if blockSize == finestBlock { break }
            blockSize /= 2
            // The next level's cells under each of this level's, in order: a block boundary is
            // a boundary of the halved blocks, and the halves of a 1-1 block step pair up.
            let rows = (n + blockSize - 1) / blockSize
            let columns = (m + blockSize - 1) / blockSize
            path = path.flatMap { cell in
                [(max(0, 2 * cell.0 - 1), max(0, 2 * cell.1 - 1)), (min(rows, 2 * cell.0), min(columns, 2 * cell.1))]
            }
        }
        return path.reversed().map { (min(n, $0.0 * blockSize), min(m, $0.1 * blockSize)) }
    }
}

/// Blocks of `blockSize` sentences on each side with their sampled keys, and the search over them.
private struct BlockGrid {
    let rows: Int
    let columns: Int
    let sourceKeys: [[Int32]]
    let targetKeys: [[Int32]]

    init(source: [SentenceFeatures], target: [SentenceFeatures], blockSize: Int) {
        // Sample about `sampledKeysPerBlock` keys per block: one key in `modulus` by hash.
        let keysPerSentence = max(1, (source.prefix(200).reduce(0) { $0 + $1.keys.count }) / max(1, min(200, source.count)))
        let modulus = UInt32(max(1, keysPerSentence * blockSize / CoarseGuide.sampledKeysPerBlock))
        func blocks(_ sentences: [SentenceFeatures]) -> [[Int32]] {
            stride(from: 0, to: sentences.count, by: blockSize).map { start in
                var keys: [Int32] = []
                for sentence in sentences[start..<min(start + blockSize, sentences.count)] {
                    for key in sentence.keys where (UInt32(bitPattern: key) &* 0x9E37_79B1) % modulus == 0 { keys.append(key) }
                }
                keys.sort()
                var unique = 0
                for key in keys where unique == 0 || keys[unique - 1] != key {
                    keys[unique] = key
                    unique += 1
                }
                keys.removeLast(keys.count - unique)
                return keys
            }
        }
        sourceKeys = blocks(source)
        targetKeys = blocks(target)
        rows = sourceKeys.count
        columns = targetKeys.count
    }

    /// The share of the smaller block's sampled keys the other holds.
    func similarity(_ row: Int, _ column: Int) -> Float {
        let a = sourceKeys[row]
        let b = targetKeys[column]
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var x = 0
        var y = 0
        var shared = 0
        while x < a.count && y < b.count {
            if a[x] == b[y] {
                shared += 1
                x += 1
                y += 1
            } else if a[x] < b[y] {
                x += 1
            } else {
                y += 1
            }
        }
        return Float(shared) / Float(min(a.count, b.count))
    }

    /// The cheapest monotone path of 1-1, 1-0 and 0-1 block steps, as the cells (row, column) it
    /// enters, in order: over the whole grid when `guide` is empty, else in a band around it
    /// (`Band.searchFollowing`).
    func search(around guide: [(Int, Int)]) -> [(Int, Int)] {
        if guide.isEmpty { return search(band: Band(n: rows, m: columns, halfWidth: max(rows, columns) + 3)).path }
        return Band.searchFollowing(
            n: rows, m: columns, guide: guide, halfWidth: 4, cells: { $0 }, search: search(band:))
    }

    private func search(band: Band) -> (path: [(Int, Int)], touchesEdge: Bool) {
        var cost = [Float](repeating: .infinity, count: band.cellCount)
        var move = [UInt8](repeating: 0, count: band.cellCount)
        cost[0] = 0
        for i in 0...rows {
            for j in band.lo[i]...band.hi[i] where i > 0 || j > 0 {
                var best = Float.infinity
                var from: UInt8 = 0
                if i > 0, j > 0, let previous = band.index(i - 1, j - 1) {
                    let candidate = cost[previous] + 1 - similarity(i - 1, j - 1)
                    if candidate < best { (best, from) = (candidate, 1) }
                }
                if i > 0, let previous = band.index(i - 1, j) {
                    let candidate = cost[previous] + CoarseGuide.skipCost
                    if candidate < best { (best, from) = (candidate, 2) }
                }
                if j > 0, let previous = band.index(i, j - 1) {
                    let candidate = cost[previous] + CoarseGuide.skipCost
                    if candidate < best { (best, from) = (candidate, 3) }
                }
                if let index = band.index(i, j) { (cost[index], move[index]) = (best, from) }
            }
        }
        var path: [(Int, Int)] = []
        var touchesEdge = false
        var i = rows
        var j = columns
        while i > 0 || j > 0 {
            guard let index = band.index(i, j), move[index] != 0 else { break }
            if band.isAtEdge(i, j) { touchesEdge = true }
            path.append((i, j))
            switch move[index] {
            case 1: (i, j) = (i - 1, j - 1)
            case 2: i -= 1
            default: j -= 1
            }
        }
        return (path.reversed(), touchesEdge)
    }
}
