import Foundation

/// A bilingual word list used as alignment evidence: pairs of a word or phrase in one language
/// (`foreignLanguage`, e.g. `id`) and its equivalent in another (`pivotLanguage`, e.g. `en`).
/// Not edited by hand; glossary terms join it at alignment time.
public struct Lexicon: Sendable {
    public let foreignLanguage: String
    public let pivotLanguage: String
    public private(set) var pairs: [(foreign: String, pivot: String)] = []

    public init(foreignLanguage: String, pivotLanguage: String) {
        self.foreignLanguage = foreignLanguage.lowercased()
        self.pivotLanguage = pivotLanguage.lowercased()
    }

    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }

    public mutating func add(foreign: String, pivot: String) {
        let f = foreign.trimmingSpaces()
        let p = pivot.trimmingSpaces()
        guard !f.isEmpty, !p.isEmpty else { return }
        pairs.append((f, p))
    }

    /// Parses `foreign<TAB>pivot` lines (extra columns ignored, `#` comments skipped).
    /// Returns the line numbers (1-based) that were not of that form.
    @discardableResult
    public mutating func addTSV(_ text: String) -> [Int] {
        var malformed: [Int] = []
        for (number, line) in text.lines().enumerated() {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map {
                Substring($0)
            }
            guard fields.count >= 2 else {
                malformed.append(number + 1)
                continue
            }
            add(foreign: String(fields[0]), pivot: String(fields[1]))
        }
        return malformed
    }

    /// Whether this lexicon can serve the language pair, in either direction.
    public func serves(_ a: String, _ b: String) -> Bool {
        let x = a.lowercased().prefix(2)
        let y = b.lowercased().prefix(2)
        let f = foreignLanguage.prefix(2)
        let p = pivotLanguage.prefix(2)
        return (x == f && y == p) || (x == p && y == f)
    }
}
