/// Which side of a pair, link or sentence: the source (the original) or the target (the
/// translation).
public enum Side: String, Codable, Sendable, CaseIterable {
    case source, target

    /// The other side.
    public var other: Side { self == .source ? .target : .source }
}

/// How far a link has been reviewed: `auto` as the aligner made it, `confirmed` or `rejected` by
/// a reviewer, `edited` when a reviewer changed its sentences or shape by hand.
public enum LinkStatus: String, Codable, Sendable, CaseIterable {
    case auto, confirmed, rejected, edited
}

/// Where a pair is in its review, as InterText has it: `open` for editing, `finished` by its
/// editor (a supervisor may still edit or reopen it), `closed` (no edits until an admin reopens it).
public enum PairState: String, Codable, Sendable, CaseIterable {
    case open, finished, closed
}

/// What a user of a store may do: an editor edits the open pairs assigned to them (or to nobody);
/// a supervisor also edits finished pairs, assigns pairs and finishes or reopens them; an admin
/// also closes and reopens closed pairs and adds users.
public enum StoreRole: String, Codable, Sendable, CaseIterable, Comparable {
    case editor, supervisor, admin

    public static func < (a: StoreRole, b: StoreRole) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// A link's place, score and status, without its texts.
public struct LinkOutline: Sendable, Hashable {
    public var id: Int64
    public var source: Range<Int>
    public var target: Range<Int>
    public var score: Double
    public var status: LinkStatus
    public var version: Int

    public init(id: Int64, source: Range<Int>, target: Range<Int>, score: Double, status: LinkStatus, version: Int) {
        self.id = id
        self.source = source
        self.target = target
        self.score = score
        self.status = status
        self.version = version
    }
}
