/// The languages of a pair's two sides, as stored (`en`, `id`, `de`, `fr`, …): source = the
/// original, target = the translation.
public struct LanguagePair: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var source: String
    public var target: String

    public init(source: String, target: String) {
        self.source = source
        self.target = target
    }

    /// `en-id`.
    public var description: String { "\(source)-\(target)" }

    public static func < (a: LanguagePair, b: LanguagePair) -> Bool { (a.source, a.target) < (b.source, b.target) }
}
