/// Abbreviations that end with a period, and what each may do at a sentence end.
///
/// The segmenter consults it when ICU proposes a break right after a period.
public struct AbbreviationTable: Sendable {
    /// What an abbreviation allows after it.
    public enum Finality: String, Sendable {
        /// A name or number always follows (`Dr.`, `Jl.`, `Rp.`): never a sentence end.
        case never
        /// It can end a sentence (`dll.`, `Tbk.`, `S.H.`): decided by what follows.
        case may
        /// An acronym that mostly stands inside a sentence (`U.S.`): a sentence end only before a
        /// word that typically starts one.
        case acronym
    }

    private var entries: [String: Finality]
    /// Legal forms of companies (`Co.`, `Ltd.`, `Tbk.`, `LLC`, `GmbH`), with their periods
    /// dropped: the table's `company` class.
    private var companyForms: Set<String> = []
    /// The longest entry, in UTF-16 code units: longer words need no look-up.
    private var longestEntry = 0
    /// Length, first letter (ASCII lower-cased) and next-to-last unit of every entry: a word
    /// whose signature is not here is no abbreviation, and is turned away before a string is built.
    private var signatures: Set<UInt64> = []

    /// Parses `abbreviation<TAB>class<TAB>finality` lines.
    public init(tsv: String) {
        var entries: [String: Finality] = [:]
        for line in tsv.lines() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3, let finality = Finality(rawValue: String(fields[2])) else {
                continue
            }
            entries[String(fields[0])] = finality
            if fields[1] == "company" { companyForms.insert(Self.bare(String(fields[0]))) }
        }
        self.entries = entries
        longestEntry = entries.keys.map(\.utf16.count).max() ?? 0
        signatures = Set(entries.keys.compactMap { Self.signature(of: Array($0.utf16)[...]) })
    }

    /// Nil when the signature cannot be told (a non-ASCII first letter may change length when
    /// lower-cased): such words are always looked up.
    private static func signature(of word: ArraySlice<UInt16>) -> UInt64? {
        guard let first = word.first, first < 0x80, word.count >= 2 else { return nil }
        let lower = first >= 0x41 && first <= 0x5A ? first + 0x20 : first
        return UInt64(word.count) << 32 | UInt64(lower) << 16 | UInt64(word[word.endIndex - 2])
    }

    public func finality(of token: String) -> Finality? { entries[token] }

    /// The finality of a word as written or with its first letter lower-cased (`Dr.` → `dr.`:
    /// sentence-initial capitals must not hide an abbreviation). Most words that end a sentence
    /// are longer than any abbreviation and are turned away before a string is built.
    func finality(of word: ArraySlice<UInt16>) -> Finality? {
        // Lower-casing one letter changes the length by a unit or two at most.
        guard word.count <= longestEntry + 2 else { return nil }
        if let signature = Self.signature(of: word), !signatures.contains(signature) { return nil }
        let text = UTF16Scalars.string(word)
        return entries[text] ?? entries[text.lowercasedFirst]
    }

    public var count: Int { entries.count }

    /// Whether a word (with or without its period, in any case) is a company's legal form.
    public func isCompanyForm(_ word: String) -> Bool { companyForms.contains(Self.bare(word)) }

    private static func bare(_ word: String) -> String { word.replacingOccurrences(of: ".", with: "").lowercased() }

    /// The table for a language code; languages without one get an empty table.
    public static func forLanguage(_ code: String) -> AbbreviationTable {
        switch code.lowercased().prefix(2) {
        case "id", "ms": return indonesian
        case "en": return english
        default: return AbbreviationTable(tsv: "")
        }
    }

    public static let indonesian = AbbreviationTable(tsv: indonesianData + "\n" + indonesianExtraData)
    public static let english = AbbreviationTable(tsv: englishData)
}
