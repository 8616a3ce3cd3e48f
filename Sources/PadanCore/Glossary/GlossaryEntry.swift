/// Where a glossary term stands in its review, as terminology tools have it: `proposed` (mined
/// from the corpus or suggested, not yet a rule), `approved` (the rendering to use: the aligner
/// and the checks follow it), `rejected` (looked at and refused) and `deprecated` (once used,
/// now to be avoided: the checks report it where a translation still uses it).
public enum TermStatus: String, Codable, Sendable, CaseIterable, Comparable {
    case proposed, approved, rejected, deprecated

    public static func < (a: TermStatus, b: TermStatus) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }

    /// TBX-Basic's `administrativeStatus` for the term. TBX has no "rejected": a rejected term
    /// is written as deprecated, which is what it means to a translator reading the file.
    public var tbxAdministrativeStatus: String {
        switch self {
        case .approved: "preferredTerm-admn-sts"
        case .proposed: "admittedTerm-admn-sts"
        case .rejected, .deprecated: "deprecatedTerm-admn-sts"
        }
    }

    /// The status a TBX `administrativeStatus` value stands for (`supersededTerm` is deprecated).
    public init?(tbxAdministrativeStatus value: String) {
        switch value.lowercased() {
        case "preferredterm-admn-sts": self = .approved
        case "admittedterm-admn-sts": self = .proposed
        case "deprecatedterm-admn-sts", "supersededterm-admn-sts": self = .deprecated
        default: return nil
        }
    }
}

extension LanguagePair {
    /// English originals, Indonesian translations: Padan's home pair and the default of every
    /// command that takes a pair of languages.
    public static let englishIndonesian = LanguagePair(source: "en", target: "id")

    /// Reads `en-id` (two language codes joined by a hyphen or an underscore, lower-cased).
    public init?(code: String) {
        let parts = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == ">" })
        guard parts.count == 2, parts.allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy(\.isLetter) }) else {
            return nil
        }
        self.init(source: String(parts[0]), target: String(parts[1]))
    }

    /// The pair the other way round.
    public var reversed: LanguagePair { LanguagePair(source: target, target: source) }
}

/// A glossary term as the core reads and writes it: a term of the originals' language
/// (`source`, English by default) and its equivalent in the translations' language (`target`,
/// Indonesian by default), with the pair of languages, a note for translators, a subject domain
/// and the term's status.
public struct GlossaryEntry: Hashable, Sendable {
    public var source: String
    public var target: String
    public var languages: LanguagePair
    public var note: String
    public var domain: String
    public var status: TermStatus

    public init(
        source: String, target: String, languages: LanguagePair = .englishIndonesian, note: String = "", domain: String = "",
        status: TermStatus = .approved
    ) {
        self.source = source
        self.target = target
        self.languages = languages
        self.note = note
        self.domain = domain
        self.status = status
    }

    /// The same term with its text trimmed of surrounding spaces and inner runs of spaces made
    /// one: two entries that differ only in spacing are one term.
    public var tidied: GlossaryEntry {
        var entry = self
        entry.source = Self.tidy(source)
        entry.target = Self.tidy(target)
        entry.note = note.trimmingSpaces()
        entry.domain = domain.trimmingSpaces()
        return entry
    }

    /// `text` without surrounding spaces and with each inner run of spaces made one.
    public static func tidy(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
