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
        return moved(inSourceOrder: full.map(\.id), targetStarts: full.map { Int32(clamping: $0.target.lowerBound) })
    }

    /// The ids of the moved links among the links with both sides, given in the order of their
    /// sources as their ids and the first target sentence of each: all the order needs, so a
    /// pair of a million links is judged in a few bytes a link.
    /// - Parameters:
    ///   - ids: the links' ids, in source order.
    ///   - targetStarts: each link's first target sentence, in the same order.
    /// - Returns: the ids of the links outside a longest run whose targets rise with their sources.
    public static func moved(inSourceOrder ids: [Int64], targetStarts: [Int32]) -> Set<Int64> {
        guard ids.count > 1 else { return [] }
        // Longest increasing subsequence of target starts (patience sorting, O(k log k)); on ties
        // the earliest links are kept in order.
        var tails: [Int32] = []
        var previous = [Int32](repeating: -1, count: ids.count)
        for index in ids.indices {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if targetStarts[Int(tails[middle])] < targetStarts[index] { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = tails[low - 1] }
            if low == tails.count { tails.append(Int32(index)) } else { tails[low] = Int32(index) }
        }
        var inOrder = [Bool](repeating: false, count: ids.count)
        var cursor = Int(tails.last ?? -1)
        while cursor >= 0 {
            inOrder[cursor] = true
            cursor = Int(previous[cursor])
        }
        return Set(ids.indices.lazy.filter { !inOrder[$0] }.map { ids[$0] })
    }
}
