/// Which links of a pair are moved: a link whose translation stands elsewhere than the
/// original's order would put it (a passage the translator moved). Links cross each other in
/// pairs, so "moved" is the fewest links whose removal leaves the rest in order on both sides:
/// those outside a longest run of links whose targets rise with their sources. Links with an
/// empty side (1-0, 0-1) are never moved: they have no place on that side to be out of.
public enum MovedLinks {
    /// The ids of the moved links among `links` (any order).
    public static func moved(_ links: [LinkOutline]) -> Set<Int64> {
        let full = links.filter { !$0.source.isEmpty && !$0.target.isEmpty }
            .sorted { ($0.source.lowerBound, $0.target.lowerBound) < ($1.source.lowerBound, $1.target.lowerBound) }
        guard full.count > 1 else { return [] }
        // Longest increasing subsequence of target starts (patience sorting, O(k log k)); on ties
        // the earliest links are kept in order.
        var tails: [Int] = []
        var previous = [Int](repeating: -1, count: full.count)
        for (index, link) in full.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if full[tails[middle]].target.lowerBound < link.target.lowerBound { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var inOrder: Set<Int> = []
        var cursor = tails.last ?? -1
        while cursor >= 0 {
            inOrder.insert(cursor)
            cursor = previous[cursor]
        }
        return Set(full.indices.filter { !inOrder.contains($0) }.map { full[$0].id })
    }
}
