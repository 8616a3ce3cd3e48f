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
