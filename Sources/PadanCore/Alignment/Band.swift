/// The cells (i, j) of the alignment matrix the search visits: for each row i (source prefix
/// length), the columns around the diagonal i·m/n, at least `halfWidth` either side.
struct Band {
    let n: Int
    let m: Int
    let lo: [Int]
    let hi: [Int]
    let rowStart: [Int]
    let cellCount: Int

    init(n: Int, m: Int, halfWidth: Int) {
        self.n = n
        self.m = m
        var lo = [Int](repeating: 0, count: n + 1)
        var hi = [Int](repeating: 0, count: n + 1)
        var rowStart = [Int](repeating: 0, count: n + 2)
        let slope = Double(m) / Double(max(n, 1))
        for i in 0...n {
            let low = Int((Double(i) - 1) * slope) - halfWidth
            let high = Int((Double(i) + 1) * slope) + 1 + halfWidth
            lo[i] = max(0, min(m, low))
            hi[i] = max(0, min(m, high))
            rowStart[i + 1] = rowStart[i] + (hi[i] - lo[i] + 1)
        }
        self.lo = lo
        self.hi = hi
        self.rowStart = rowStart
        self.cellCount = rowStart[n + 1]
    }

    /// A band that follows a path (the first pass's) `halfWidth` cells either side, instead of
    /// the diagonal.
    init(n: Int, m: Int, following path: [(Int, Int)], halfWidth: Int) {
        self.init(n: n, m: m, following: path, halfWidths: [Int](repeating: halfWidth, count: n + 1))
    }

    /// A band that follows a path, `halfWidths[i]` cells either side in row i.
    init(n: Int, m: Int, following path: [(Int, Int)], halfWidths: [Int]) {
        var low = [Int](repeating: Int.max, count: n + 1)
        var high = [Int](repeating: Int.min, count: n + 1)
        low[0] = 0
        high[0] = 0
        for (i, j) in path {
            low[i] = min(low[i], j)
            high[i] = max(high[i], j)
        }
        // Rows the path jumps over (a 2-1 or 3-1 bead) take their neighbours' columns.
        for i in 1...max(1, n) where i <= n {
            if low[i] == Int.max {
                low[i] = low[i - 1]
                high[i] = high[i - 1]
            }
        }
        var lo = [Int](repeating: 0, count: n + 1)
        var hi = [Int](repeating: 0, count: n + 1)
        var rowStart = [Int](repeating: 0, count: n + 2)
        for i in 0...n {
            let neighbourhood = max(0, i - 3)...min(n, i + 3)
            let l = neighbourhood.map { low[$0] }.min() ?? 0
            let h = neighbourhood.map { high[$0] }.max() ?? m
            lo[i] = max(0, l - halfWidths[i])
            hi[i] = min(m, h + halfWidths[i])
            rowStart[i + 1] = rowStart[i] + (hi[i] - lo[i] + 1)
        }
        self.n = n
        self.m = m
        self.lo = lo
        self.hi = hi
        self.rowStart = rowStart
        self.cellCount = rowStart[n + 1]
    }

    /// Whether a path through cell (i, j) runs along the band's edge (where the band, not the
    /// documents, stopped it), so a wider band might hold a better path.
    func isAtEdge(_ i: Int, _ j: Int) -> Bool {
        (j - lo[i] < 2 && lo[i] > 0) || (hi[i] - j < 2 && hi[i] < m)
    }

    /// The path `search` finds in a band that follows `guide`, `halfWidth` cells either side at
    /// first. Where the path runs along the band's edge the band widens there only (`widened`),
    /// and only while it holds fewer cells than `budget`: enough for local strays, and linear in
    /// the documents whatever they hold (repeated text offers equally good paths everywhere).
    static func searchFollowing<Path>(
        n: Int, m: Int, guide: [(Int, Int)], halfWidth: Int, cells: (Path) -> [(Int, Int)],
        search: (Band) -> (path: Path, touchesEdge: Bool)
    ) -> Path {
        var widths = [Int](repeating: halfWidth, count: n + 1)
        while true {
            let band = Band(n: n, m: m, following: guide, halfWidths: widths)
            let (path, touchesEdge) = search(band)
            guard touchesEdge, band.cellCount < budget(n, m), let next = band.widened(widths, where: cells(path))
            else { return path }
            widths = next
        }
    }

    private static func budget(_ n: Int, _ m: Int) -> Int { 32 * (n + m) + 1_000_000 }

    /// Per-row half widths for the next try of a search whose `path` (cells) ran along this
    /// band's edge: doubled around each row where it did (64 rows either side), kept elsewhere,
    /// so a local stray widens the band locally; nil when no row can widen any more.
    private func widened(_ widths: [Int], where path: [(Int, Int)]) -> [Int]? {
        var next = widths
        var widened = false
        for (i, j) in path where isAtEdge(i, j) && widths[i] <= max(n, m) {
            for row in max(0, i - 64)...min(n, i + 64) { next[row] = max(next[row], 2 * widths[i]) }
            widened = true
        }
        return widened ? next : nil
    }

    /// One row of a band: the columns it holds and where its cells begin in the band's storage.
    struct Row {
        let lo: Int
        let hi: Int
        let start: Int

        /// A row outside the band (before the first or after the last), which holds no cell.
        static let none = Row(lo: 1, hi: 0, start: 0)

        /// The index of the cell in column `j` of this row; nil when the band does not hold it.
        @inline(__always)
        func index(of j: Int) -> Int? {
            j >= lo && j <= hi ? start + j - lo : nil
        }
    }

    /// Row `i`; `Row.none` outside 0...n.
    @inline(__always)
    func row(_ i: Int) -> Row {
        i >= 0 && i <= n ? Row(lo: lo[i], hi: hi[i], start: rowStart[i]) : .none
    }

    /// The index of cell (i, j) in the band's storage; nil when the band does not hold it.
    @inline(__always)
    func index(_ i: Int, _ j: Int) -> Int? {
        row(i).index(of: j)
    }
}
