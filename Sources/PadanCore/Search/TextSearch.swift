import Foundation

/// What the reviewer looks for: text on either side of a link (or one side), folded for case and
/// accents (ICU), or an ICU regular expression; matched against each side's sentences joined, so a
/// phrase that runs across a sentence boundary inside a link is found.
///
/// Typed form (the `/` prompt): `TEXT`, `s:TEXT` (source only), `t:TEXT` (target only), and
/// `re:PATTERN` (a regular expression, case-insensitive) after an optional side prefix.
public struct TextSearch: Sendable, Hashable {
    /// Which side of a link to look at.
    public enum Scope: String, Sendable, Hashable { case both, source, target }

    public var text: String
    public var scope: Scope
    public var isRegularExpression: Bool
    private let folded: String

    /// Parses the typed form.
    /// - Throws: `TextSearch.InvalidPattern` for a regular expression ICU refuses.
    public init(parsing typed: String) throws {
        var rest = Substring(typed)
        var scope = Scope.both
        if rest.hasPrefix("s:") {
            scope = .source
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("t:") {
            scope = .target
            rest = rest.dropFirst(2)
        }
        var regex = false
        if rest.hasPrefix("re:") {
            regex = true
            rest = rest.dropFirst(3)
        }
        try self.init(text: String(rest), scope: scope, regularExpression: regex)
    }

    public init(text: String, scope: Scope = .both, regularExpression: Bool = false) throws {
        self.text = text
        self.scope = scope
        self.isRegularExpression = regularExpression
        folded = Self.fold(text)
        if regularExpression {
            do {
                _ = try NSRegularExpression(pattern: text, options: [.caseInsensitive])
            } catch {
                throw InvalidPattern(pattern: text)
            }
        }
    }

    /// A regular expression ICU cannot compile.
    public struct InvalidPattern: Error, CustomStringConvertible, Equatable {
        public var pattern: String
        public var description: String { "“\(pattern)” is not a valid regular expression (ICU syntax)" }
    }

    /// Whether a link with these side texts matches.
    public func matches(source: String, target: String) -> Bool {
        switch scope {
        case .both: return matches(source) || matches(target)
        case .source: return matches(source)
        case .target: return matches(target)
        }
    }

    /// Whether one text matches.
    public func matches(_ haystack: String) -> Bool {
        guard !text.isEmpty, !haystack.isEmpty else { return false }
        if isRegularExpression {
            guard let expression = try? NSRegularExpression(pattern: text, options: [.caseInsensitive]) else { return false }
            return expression.firstMatch(in: haystack, range: NSRange(haystack.startIndex..., in: haystack)) != nil
        }
        return Self.fold(haystack).contains(folded)
    }

    /// Lower case without accents: ASCII text by bytes, anything else through ICU's transliteration
    /// to ASCII (`Éxpédition` → `expedition`, `TÜRKİYE` → `turkiye`). Runs of spaces and line
    /// breaks fold to one space, so a phrase across two joined sentences still matches.
    static func fold(_ text: String) -> String {
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        let lowered = ascii ? text.lowercased() : ICU.foldToASCII(text)
        // Stored sentences have single spaces already: rebuild only when there is more to fold.
        var previousSpace = false
        let clean = lowered.utf8.allSatisfy { byte in
            let space = byte == 0x20
            defer { previousSpace = space }
            return byte != 0x0A && byte != 0x09 && byte != 0x0D && !(space && previousSpace)
        }
        return clean ? lowered : lowered.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The typed form back (for the status line).
    public var typed: String {
        (scope == .both ? "" : scope == .source ? "s:" : "t:") + (isRegularExpression ? "re:" : "") + text
    }
}
