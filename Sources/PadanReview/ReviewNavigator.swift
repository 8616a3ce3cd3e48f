import PadanCore
import PadanStore

/// What the review screen needs to know of a link to move between links: no texts, so a pair
/// with 100,000 links costs little to hold.
public struct ReviewItem: Sendable, Hashable {
    public var id: Int64
    public var source: Range<Int>
    public var target: Range<Int>
    public var score: Double
    public var status: LinkStatus
    public var version: Int
    /// `padan check` found something in this link.
    public var hasFinding: Bool
    /// Someone set a bookmark on this link (`B`).
    public var isBookmarked = false

    public init(
        id: Int64, source: Range<Int> = 0..<1, target: Range<Int> = 0..<1, score: Double, status: LinkStatus,
        version: Int = 1, hasFinding: Bool = false
    ) {
        self.id = id
        self.source = source
        self.target = target
        self.score = score
        self.status = status
        self.version = version
        self.hasFinding = hasFinding
    }

    public init(_ outline: LinkOutline, hasFinding: Bool = false) {
        self.init(
            id: outline.id, source: outline.source, target: outline.target, score: outline.score, status: outline.status,
            version: outline.version, hasFinding: hasFinding)
    }

    /// The link's place, score and status, as the store gives them.
    public var outline: LinkOutline {
        LinkOutline(id: id, source: source, target: target, score: score, status: status, version: version)
    }

    public var isOneToOne: Bool { source.count == 1 && target.count == 1 }
    public var kind: String { "\(source.count)-\(target.count)" }

    /// Not yet confirmed or rejected by a reviewer.
    public var isUnconfirmed: Bool { status == .auto || status == .edited }

    /// A link a reviewer should look at: the aligner's and not yet reviewed, or edited and
    /// flagged by the checks.
    public var needsReview: Bool { status == .auto || (status == .edited && hasFinding) }
}

/// Which links the review screen shows: all of them, or one review queue.
public enum ReviewQueue: String, CaseIterable, Sendable {
    case all, unconfirmed, lowConfidence, findings, nonOneToOne, edited, rejected, bookmarked

    /// The key after `v` that chooses it.
    public var key: Character {
        switch self {
        case .all: "a"
        case .unconfirmed: "u"
        case .lowConfidence: "l"
        case .findings: "f"
        case .nonOneToOne: "n"
        case .edited: "e"
        case .rejected: "r"
        case .bookmarked: "b"
        }
    }

    public var name: String {
        switch self {
        case .all: "all links"
        case .unconfirmed: "unconfirmed"
        case .lowConfidence: "confidence below \(ReviewQueue.lowConfidenceMark)"
        case .findings: "with findings"
        case .nonOneToOne: "not 1-1"
        case .edited: "edited"
        case .rejected: "rejected"
        case .bookmarked: "bookmarked"
        }
    }

    /// Links below this confidence are the low-confidence queue (the screen marks them red too).
    public static let lowConfidenceMark = 0.5

    public func contains(_ item: ReviewItem) -> Bool {
        switch self {
        case .all: true
        case .unconfirmed: item.isUnconfirmed
        case .lowConfidence: item.score < Self.lowConfidenceMark
        case .findings: item.hasFinding
        case .nonOneToOne: !item.isOneToOne
        case .edited: item.status == .edited
        case .rejected: item.status == .rejected
        case .bookmarked: item.isBookmarked
        }
    }
}

/// The cursor of the review screen and the part of the pair it shows, with the moves of the key
/// map (`j`/`k`, pages, `g`/`G`, `:N`, `n`/`N`, `]u`/`[u`). Pure: the screen draws what it says.
/// Every move is O(links) at worst, with no sorting, so 100,000 links move instantly.
public struct ReviewNavigator: Sendable {
    /// The links shown: every link of the pair, or those of `queue`, in document order.
    public private(set) var items: [ReviewItem]
    /// Every link of the pair, in document order.
    public private(set) var allItems: [ReviewItem]
    /// Which links `items` holds.
    public private(set) var queue: ReviewQueue = .all
    /// How many links each queue holds, kept up to date with every change.
    public private(set) var queueCounts: [ReviewQueue: Int] = [:]
    public private(set) var cursor: Int = 0
    /// First link shown at the top of the screen.
    public private(set) var top: Int = 0
    /// Counts by status and of links with findings, kept up to date by every change.
    public private(set) var statusCounts: [LinkStatus: Int] = [:]
    public private(set) var findingCount = 0
    /// The largest link id, for the width of the gutter's id column.
    public private(set) var largestID: Int64 = 0
    /// The links whose passage the translation moved (see `MovedLinks`), found again whenever
    /// links are written or removed (a status change moves nothing).
    public private(set) var moved: Set<Int64> = []
    /// Score and id of the link `n` went to last.
    private var reviewBookmark: (Double, Int64)?

    /// - Parameter bookmarks: the links with a bookmark.
    public init(items: [ReviewItem], bookmarks: Set<Int64> = []) {
        self.bookmarks = bookmarks
        let marked =
            bookmarks.isEmpty
            ? items
            : items.map { item in
                var item = item
                item.isBookmarked = bookmarks.contains(item.id)
                return item
            }
        self.items = marked
        allItems = marked
        recount()
        findMoved()
    }

    private mutating func findMoved() { moved = MovedLinks.moved(allItems.map(\.outline)) }

    /// Shows only the links of `queue` (`.all`: every link). The cursor stays on its link when
    /// the queue holds it, else goes to the queue's first link after it.
    public mutating func show(_ queue: ReviewQueue) {
        self.queue = queue
        refilter(keeping: current)
    }

    /// Recomputes `items` from `allItems`, the cursor on `keep` or the first shown link after it.
    private mutating func refilter(keeping keep: ReviewItem?, fallback: Int64? = nil) {
        items = queue == .all ? allItems : allItems.filter(queue.contains)
        func place(_ id: Int64?) -> Bool {
            guard let id, let index = items.firstIndex(where: { $0.id == id }) else { return false }
            cursor = index
            return true
        }
        if !place(keep?.id) && !place(fallback) {
            if let keep {
                cursor = clamp(
                    items.firstIndex {
                        ($0.source.lowerBound, $0.target.lowerBound) > (keep.source.lowerBound, keep.target.lowerBound)
                    } ?? count - 1)
            } else {
                cursor = clamp(cursor)
            }
        }
        top = min(top, max(0, count - 1))
        recount()
    }

    public var count: Int { items.count }
    public var current: ReviewItem? { items.indices.contains(cursor) ? items[cursor] : nil }

    public mutating func move(by delta: Int) { cursor = clamp(cursor + delta) }
    public mutating func first() { cursor = 0 }
    public mutating func last() { cursor = max(0, count - 1) }

    /// `:N` — link numbers count from 1 on the screen.
    public mutating func jump(toNumber number: Int) { cursor = clamp(number - 1) }

    /// Puts the cursor on an item index (from a search), if there is such an item.
    public mutating func jump(toIndex index: Int) { cursor = clamp(index) }

    /// `n`/`N` without a search: the next (or previous) link of the review queue, which takes the
    /// least confident links first (ties by id), wrapping around. The queue is walked from the
    /// last link `n` went to, so confirming links as they come, or skipping one, both move on.
    /// Returns false when nothing needs review.
    @discardableResult
    public mutating func nextNeedingReview(forward: Bool = true) -> Bool {
        func key(_ index: Int) -> (Double, Int64) { (items[index].score, items[index].id) }
        let pivot = reviewBookmark ?? (forward ? (-Double.infinity, Int64.min) : (Double.infinity, Int64.max))
        var best: Int?
        var wrap: Int?
        for index in items.indices where items[index].needsReview {
            let candidate = key(index)
            let beyond = forward ? candidate > pivot : candidate < pivot
            if beyond {
                if best.map({ forward ? candidate < key($0) : candidate > key($0) }) ?? true { best = index }
            } else if wrap.map({ forward ? candidate < key($0) : candidate > key($0) }) ?? true {
                wrap = index
            }
        }
        guard let target = best ?? wrap else { return false }
        cursor = target
        reviewBookmark = key(target)
        return true
    }

    /// `]u`/`[u`: the next (or previous) unconfirmed link in reading order, wrapping around.
    @discardableResult
    public mutating func nextUnconfirmed(forward: Bool = true) -> Bool {
        next(forward: forward, where: \.isUnconfirmed)
    }

    /// `]b` / `[b`: the next or previous bookmarked link, wrapping around.
    public mutating func nextBookmark(forward: Bool = true) -> Bool {
        next(forward: forward, where: \.isBookmarked)
    }

    /// The cursor on the next (previous) shown link that `matches`, wrapping around; false
    /// when there is none.
    private mutating func next(forward: Bool, where matches: (ReviewItem) -> Bool) -> Bool {
        guard count > 0 else { return false }
        for step in 1...count {
            let index = ((cursor + (forward ? step : -step)) % count + count) % count
            if matches(items[index]) {
                cursor = index
                return true
            }
        }
        return false
    }

    /// Links needing review, least confident first: the order `n` takes them in.
    public var reviewQueue: [Int] {
        items.indices.filter { items[$0].needsReview }.sorted { (items[$0].score, $0) < (items[$1].score, $1) }
    }

    /// The item holding a source (or target) sentence ordinal, by binary search: links are in
    /// document order on both sides.
    public func index(holding ordinal: Int, side: AlignmentStore.Side) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let range = side == .source ? items[middle].source : items[middle].target
            if range.upperBound <= ordinal || (range.isEmpty && range.lowerBound <= ordinal) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low < count else { return nil }
        let range = side == .source ? items[low].source : items[low].target
        return range.contains(ordinal) ? low : nil
    }

    /// The links with a bookmark.
    public private(set) var bookmarks: Set<Int64> = []

    /// Marks which links have a bookmark.
    public mutating func setBookmarks(_ bookmarked: Set<Int64>) {
        bookmarks = bookmarked
        for index in allItems.indices { allItems[index].isBookmarked = bookmarked.contains(allItems[index].id) }
        refilter(keeping: current)
    }

    /// Marks which links have check findings.
    public mutating func setFindings(_ linksWithFindings: Set<Int64>) {
        for index in allItems.indices { allItems[index].hasFinding = linksWithFindings.contains(allItems[index].id) }
        refilter(keeping: current)
    }

    /// Applies an edit's link changes: drops the removed links and puts the written ones in
    /// document order. O(links), no reading from the store. The cursor stays on its link, or
    /// on the first link written in its place.
    public mutating func apply(_ changes: LinkChanges, hasFinding: (Int64) -> Bool) {
        if !changes.statuses.isEmpty {
            // Status changes (a bulk confirm and its undo) touch the items in place: no re-sorting.
            let kept = current
            for index in allItems.indices {
                if let update = changes.statuses[allItems[index].id] {
                    allItems[index].status = update.status
                    allItems[index].version = update.version
                }
            }
            refilter(keeping: kept)
        }
        guard !changes.removed.isEmpty || !changes.written.isEmpty else { return }
        let kept = current
        allItems.removeAll { changes.removed.contains($0.id) }
        func before(_ a: ReviewItem, _ b: ReviewItem) -> Bool {
            (a.source.lowerBound, a.target.lowerBound, a.source.upperBound, a.target.upperBound)
                < (b.source.lowerBound, b.target.lowerBound, b.source.upperBound, b.target.upperBound)
        }
        // One merge of two sorted lists: linear however many links the edit wrote (a bulk confirm
        // rewrites them all).
        let written = changes.written.map { outline in
            var item = ReviewItem(outline, hasFinding: hasFinding(outline.id))
            item.isBookmarked = bookmarks.contains(outline.id)
            return item
        }.sorted(by: before)
        var merged: [ReviewItem] = []
        merged.reserveCapacity(allItems.count + written.count)
        var next = 0
        for item in allItems {
            while next < written.count && before(written[next], item) {
                merged.append(written[next])
                next += 1
            }
            merged.append(item)
        }
        merged.append(contentsOf: written[next...])
        allItems = merged
        findMoved()
        // A link that left the queue (confirmed in the unconfirmed queue, say) leaves the cursor
        // on the next one the queue holds.
        refilter(keeping: kept, fallback: changes.written.first?.id)
    }

    /// Replaces every item (after a merge, split or undo changed the links); the cursor stays on
    /// the same link id when it still exists, else at the same position.
    /// - Parameter bookmarks: the links with a bookmark now (nil: as before).
    public mutating func reload(_ newItems: [ReviewItem], bookmarks: Set<Int64>? = nil) {
        let kept = current
        if let bookmarks { self.bookmarks = bookmarks }
        allItems =
            self.bookmarks.isEmpty
            ? newItems
            : newItems.map { item in
                var item = item
                item.isBookmarked = self.bookmarks.contains(item.id)
                return item
            }
        findMoved()
        refilter(keeping: kept)
    }

    /// The links to draw on `rows` screen rows when link `i` takes `height(i)` rows: scrolls as
    /// little as possible to show the whole current link (its top, when it is taller than the
    /// screen). Asks heights only of links near the cursor.
    public mutating func window(rows: Int, height: (Int) -> Int) -> Range<Int> {
        guard count > 0 else { return 0..<0 }
        let rows = max(1, rows)
        if cursor < top { top = cursor }
        // Bring `top` down until the current link ends on screen.
        var used = 0
        var first = cursor
        while first >= top {
            let next = used + height(first)
            if next > rows && first != cursor { break }
            used = next
            first -= 1
        }
        top = max(top, first + 1)
        var end = top
        var filled = 0
        while end < count, filled < rows {
            filled += height(end)
            end += 1
        }
        return top..<end
    }

    /// The window for links of one row each.
    public mutating func window(rows: Int) -> Range<Int> { window(rows: rows) { _ in 1 } }

    /// `J`/`K`: the cursor and the top of the screen move together by `linksPerScreen` links, so
    /// `K` after `J` comes back to the same screen.
    public mutating func page(forward: Bool, linksPerScreen: Int) {
        let step = max(1, linksPerScreen) * (forward ? 1 : -1)
        let offset = cursor - top
        cursor = clamp(cursor + step)
        top = max(0, min(cursor, cursor - offset))
    }

    /// The position of the link with store id `id`.
    public func index(ofID id: Int64) -> Int? { items.firstIndex { $0.id == id } }

    /// `:ID`: puts the cursor on the link with store id `id`; false when the pair has none.
    @discardableResult
    public mutating func jump(toID id: Int64) -> Bool {
        guard let index = index(ofID: id) else { return false }
        cursor = index
        return true
    }

    private mutating func recount() {
        // Plain counters, not a dictionary per link: this runs after every structural edit.
        var auto = 0
        var confirmed = 0
        var rejected = 0
        var edited = 0
        var findings = 0
        var largest: Int64 = 0
        let queueList = ReviewQueue.allCases
        var perQueue = [Int](repeating: 0, count: queueList.count)
        for item in allItems {
            largest = max(largest, item.id)
            for (index, queue) in queueList.enumerated() where queue.contains(item) { perQueue[index] += 1 }
            switch item.status {
            case .auto: auto += 1
            case .confirmed: confirmed += 1
            case .rejected: rejected += 1
            case .edited: edited += 1
            }
            if item.hasFinding { findings += 1 }
        }
        statusCounts = [.auto: auto, .confirmed: confirmed, .rejected: rejected, .edited: edited]
        findingCount = findings
        largestID = largest
        queueCounts = Dictionary(uniqueKeysWithValues: zip(queueList, perQueue))
    }

    private func clamp(_ index: Int) -> Int { max(0, min(index, count - 1)) }
}
