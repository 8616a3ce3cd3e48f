import PadanStore

/// What the review screen needs to know of a link to move between links: no texts, so a pair
/// with 100,000 links costs little to hold.
public struct ReviewItem: Sendable, Hashable {
    public var id: Int64
    public var score: Double
    public var status: LinkStatus
    public var isOneToOne: Bool

    public init(id: Int64, score: Double, status: LinkStatus, isOneToOne: Bool) {
        self.id = id
        self.score = score
        self.status = status
        self.isOneToOne = isOneToOne
    }

    /// A link a reviewer should look at: not yet confirmed, rejected or edited.
    public var needsReview: Bool { status == .auto }
}

/// The cursor of the review screen and the window of links it shows, with the moves of the key
/// map (`j`/`k`, pages, `g`/`G`, `:N`, `n`/`N` for the next link needing review). Pure: the
/// screen draws what it says.
public struct ReviewNavigator: Sendable {
    public private(set) var items: [ReviewItem]
    public private(set) var cursor: Int = 0
    /// First link shown at the top of the screen.
    public private(set) var top: Int = 0

    public init(items: [ReviewItem]) {
        self.items = items
    }

    public var count: Int { items.count }
    public var current: ReviewItem? { items.indices.contains(cursor) ? items[cursor] : nil }

    public mutating func move(by delta: Int) { cursor = clamp(cursor + delta) }
    public mutating func first() { cursor = 0 }
    public mutating func last() { cursor = max(0, count - 1) }

    /// `:N` — link numbers count from 1 on the screen.
    public mutating func jump(toNumber number: Int) { cursor = clamp(number - 1) }

    /// The next (or previous) link needing review in reading order, wrapping around.
    public mutating func nextNeedingReview(forward: Bool = true) {
        guard count > 0 else { return }
        for step in 1...count {
            let index = (cursor + (forward ? step : -step) + count * 2) % count
            if items[index].needsReview {
                cursor = index
                return
            }
        }
    }

    /// Links needing review, lowest confidence first: the order a reviewer should take them in.
    public var reviewQueue: [Int] {
        items.indices.filter { items[$0].needsReview }.sorted { items[$0].score < items[$1].score }
    }

    /// Updates one link after an edit, keeping the cursor.
    public mutating func replace(_ item: ReviewItem) {
        if let index = items.firstIndex(where: { $0.id == item.id }) { items[index] = item }
    }

    /// Replaces every item (after a merge, split or undo changed the links); the cursor stays on
    /// the same link id when it still exists, else at the same position.
    public mutating func reload(_ newItems: [ReviewItem]) {
        let currentID = current?.id
        items = newItems
        if let currentID, let index = newItems.firstIndex(where: { $0.id == currentID }) {
            cursor = index
        } else {
            cursor = clamp(cursor)
        }
    }

    /// The links to draw for a screen that holds `rows` links: scrolls as little as possible to
    /// keep the cursor visible.
    public mutating func window(rows: Int) -> Range<Int> {
        let rows = max(1, rows)
        if cursor < top { top = cursor }
        if cursor >= top + rows { top = cursor - rows + 1 }
        top = max(0, min(top, max(0, count - rows)))
        return top..<min(count, top + rows)
    }

    /// Counts by status, for the status line.
    public var statusCounts: [LinkStatus: Int] {
        var counts: [LinkStatus: Int] = [:]
        for item in items { counts[item.status, default: 0] += 1 }
        return counts
    }

    private func clamp(_ index: Int) -> Int { max(0, min(index, count - 1)) }
}

extension ReviewItem {
    /// The navigation view of a stored link.
    public init(_ link: LinkView) {
        self.init(
            id: link.id, score: link.score, status: link.status, isOneToOne: link.source.count == 1 && link.target.count == 1)
    }
}
