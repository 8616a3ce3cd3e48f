import Foundation

/// The characters a pattern can start with, read off its source: a literal, a class of literals,
/// `\p{Lu}`, `\d`, or a group of alternatives made of those.
struct FirstCharacter: Sendable {
    var scalars: Set<Unicode.Scalar> = []
    var uppercase = false
    var digit = false

    func admits(_ scalar: Unicode.Scalar) -> Bool {
        scalars.contains(scalar) || (uppercase && scalar.properties.isUppercase)
            || (digit && scalar.properties.numericType == .decimal)
    }

    mutating func formUnion(_ other: FirstCharacter) {
        scalars.formUnion(other.scalars)
        uppercase = uppercase || other.uppercase
        digit = digit || other.digit
    }

    /// The first characters of `pattern` (after its anchor), or nil when they cannot be told simply.
    static func of(_ pattern: Substring) -> FirstCharacter? {
        guard let (first, rest) = leading(pattern) else { return nil }
        // A quantifier that allows zero repetitions makes what follows a possible start too.
        if let next = rest.first, next == "?" || next == "*" || next == "{" { return nil }
        return first
    }

    /// The first element of a pattern and what follows it.
    private static func leading(_ pattern: Substring) -> (FirstCharacter, Substring)? {
        guard let head = pattern.first else { return nil }
        switch head {
        case "(":
            var body = pattern.dropFirst()
            if body.hasPrefix("?:") {
                body = body.dropFirst(2)
            } else if body.hasPrefix("?<"), !body.hasPrefix("?<="), !body.hasPrefix("?<!"), let close = body.firstIndex(of: ">") {
                body = body[body.index(after: close)...]
            } else if body.hasPrefix("?") {
                return nil
            }
            var depth = 0
            var alternatives: [Substring] = []
            var start = body.startIndex
            var index = body.startIndex
            var escaped = false
            while index < body.endIndex {
                let character = body[index]
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "(" {
                    depth += 1
                } else if character == ")" {
                    if depth == 0 {
                        alternatives.append(body[start..<index])
                        var union = FirstCharacter()
                        for alternative in alternatives {
                            guard let first = of(alternative) else { return nil }
                            union.formUnion(first)
                        }
                        return (union, body[body.index(after: index)...])
                    }
                    depth -= 1
                } else if character == "|", depth == 0 {
                    alternatives.append(body[start..<index])
                    start = body.index(after: index)
                }
                index = body.index(after: index)
            }
            return nil
        case "[":
            guard let close = pattern.dropFirst().firstIndex(of: "]") else { return nil }
            let members = pattern[pattern.index(after: pattern.startIndex)..<close]
            var result = FirstCharacter()
            if members == "\\p{Lu}" {
                result.uppercase = true
            } else {
                guard !members.isEmpty, !members.contains(where: { "\\^-[".contains($0) }) else { return nil }
                result.scalars = Set(members.unicodeScalars)
            }
            return (result, pattern[pattern.index(after: close)...])
        case "\\":
            if pattern.hasPrefix("\\p{Lu}") { return (FirstCharacter(uppercase: true), pattern.dropFirst(6)) }
            if pattern.hasPrefix("\\d") { return (FirstCharacter(digit: true), pattern.dropFirst(2)) }
            if let escaped = pattern.dropFirst().first, "().[]\\/-".contains(escaped), let scalar = escaped.unicodeScalars.first {
                return (FirstCharacter(scalars: [scalar]), pattern.dropFirst(2))
            }
            return nil
        case ".", "^", "$", "|", ")", "*", "+", "?", "{":
            return nil
        default:
            guard let scalar = head.unicodeScalars.first, head.unicodeScalars.count == 1 else { return nil }
            return (FirstCharacter(scalars: [scalar]), pattern.dropFirst())
        }
    }
}

/// One kind of web boilerplate: a label for what the paragraph is, and the pattern that
/// recognises the whole paragraph.
public final class BoilerplateRule: Sendable {
    public let label: String
    public let pattern: Pattern
    /// Everything after a paragraph that matches belongs to this block (a related-articles list).
    public let startsTrailingBlock: Bool

    public init(_ label: String, _ pattern: String, startsTrailingBlock: Bool = false) {
        self.label = label
        self.pattern = Pattern(pattern)
        self.startsTrailingBlock = startsTrailingBlock
    }
}

/// How one publisher lays out an article page: the data the cleaner runs on. Add a publisher by
/// adding a profile, not by adding code.
public struct CleaningProfile: Sendable {
    public let name: String
    /// Recognises the publisher anywhere in the text.
    public let signature: Pattern?
    /// Literals of which every text carrying the signature contains one.
    public let signatureClues: [String]
    /// Every line is a paragraph of its own (text copied from a web page).
    public let linesAreParagraphs: Bool
    /// The first paragraph is the headline.
    public let headlineFirst: Bool
    /// A date line (`Minggu, 24 Januari 2021 22:02 WIB`), with named groups day, month, year and
    /// optionally hour, minute, zone.
    public let dateLine: Pattern?
    /// The dateline that opens the first body paragraph (`TEMPO.CO, Jakarta -`); removed from
    /// the sentence and set aside.
    public let datelinePrefix: Pattern?
    /// Paragraphs between the date line and the dateline are a photo caption.
    public let captionBeforeDateline: Bool
    public let rules: [BoilerplateRule]
    /// Labels for the paragraphs of a trailing block, tried in order; the fallback is `related`.
    public let trailingBlockRules: [BoilerplateRule]
    /// Month names to numbers, for parsing the date line.
    public let months: [String: Int]
    /// UTC offsets of time-zone abbreviations in date lines.
    public let zones: [String: String]

    /// Byte-level substring test (the generic `firstRange(of:)` is far slower).
    static func contains(_ text: String, _ needle: String) -> Bool {
        var haystack = text
        var pattern = needle
        return haystack.withUTF8 { h in
            pattern.withUTF8 { n in
                guard let first = n.first, n.count <= h.count, let hBase = h.baseAddress, let nBase = n.baseAddress else {
                    return n.isEmpty
                }
                // memchr jumps to each candidate first byte; memcmp checks the rest.
                var index = 0
                let last = h.count - n.count
                while index <= last {
                    guard let found = memchr(hBase + index, Int32(first), last - index + 1) else { return false }
                    index = UnsafeRawPointer(found) - UnsafeRawPointer(hBase)
                    if memcmp(hBase + index, nBase, n.count) == 0 { return true }
                    index += 1
                }
                return false
            }
        }
    }

    /// Boilerplate lines are short; longer paragraphs are content and skip the rule patterns.
    public static let longestBoilerplateLine = 300

    /// The profile that fits `text`: the first whose signature it carries, else the generic one.
    public static func detect(in text: String, language: String) -> CleaningProfile {
        // A publisher's dateline stands near the top of the page: look at the first 8 KB only.
        let head = text.utf8.count > 8192 ? String(decoding: text.utf8.prefix(8192), as: UTF8.self) : text
        for profile in [tempo, reutersWire] {
            // A plain substring test first: running the pattern over every text is costly.
            guard let signature = profile.signature, profile.signatureClues.contains(where: { Self.contains(head, $0) })
            else { continue }
            if signature.matches(head) { return profile }
        }
        return generic
    }
}

extension CleaningProfile {
    static let commonRules: [BoilerplateRule] = [
        BoilerplateRule(
            "ad",
            #"^(Advertising|ADVERTISEMENT|Advertisement|Iklan|Scroll to continue with content|SCROLL TO CONTINUE WITH CONTENT)$"#),
        BoilerplateRule(
            "read-also", #"^(Baca [Jj]uga|Baca [Pp]ula|Simak [Jj]uga|Lihat [Jj]uga|Read [Mm]ore|Read [Aa]lso|READ MORE)\s*:"#),
        BoilerplateRule("related-more", #"^(Baca Selengkapnya|Selengkapnya|Read more)$"#),
        BoilerplateRule("editor", #"^(Editor|Penulis|Reporter|Pewarta)\s*:"#),
        BoilerplateRule("source-url", #"^https?://\S+$"#),
        // Agencies' sign-offs under a story: Al Jazeera's source line, Kyodo's, copyright lines.
        BoilerplateRule(
            "agency-credit",
            #"^(Source\s*:\s*.{2,60}|==\s*Kyodo|©\s*\d{4}\s+(AFP|Agence France-Presse|The Associated Press|Reuters|Kyodo News)\b.*|Copyright \d{4} The Associated Press\..*)$"#
        ),
    ]

    static let indonesianMonths: [String: Int] = [
        "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
        "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
        "desember": 12,
    ]

    static let englishMonths: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
        "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    ]

    /// Tempo.co article pages as copied from a browser.
    public static let tempo = CleaningProfile(
        name: "tempo",
        signature: Pattern(#"(?m)^TEMPO\.CO\s*,"#),
        signatureClues: ["TEMPO.CO"],
        linesAreParagraphs: true,
        headlineFirst: true,
        dateLine: Pattern(
            #"^(Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad),\s+(?<day>\d{1,2})\s+(?<month>\p{L}+)\s+(?<year>\d{4})(\s+(?<hour>\d{1,2})[:.](?<minute>\d{2})(\s*(?<zone>WIB|WITA|WIT))?)?$"#
        ),
        datelinePrefix: Pattern(#"^TEMPO\.CO\s*,\s*(\p{Lu}[\p{L} ]{0,40}?\s*)?[-–—]\s*"#),
        captionBeforeDateline: true,
        rules: commonRules + [
            BoilerplateRule(
                "related-header", #"^(Berita [Tt]erkait|BERITA TERKAIT|Artikel [Tt]erkait)$"#, startsTrailingBlock: true),
            BoilerplateRule("source", #"^[\p{Lu}][\p{Lu} .&|/-]{1,48}$"#),
        ],
        trailingBlockRules: [
            BoilerplateRule("related-time", #"^\d+\s+(detik|menit|jam|hari|minggu|pekan|bulan|tahun)\s+(yang\s+)?lalu$"#),
            BoilerplateRule("related-more", #"^(Baca Selengkapnya|Selengkapnya)$"#),
        ],
        months: indonesianMonths,
        zones: ["WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"]
    )

    /// English wire copy (Reuters, AP, AFP): `MOSCOW, Jan 24 (Reuters) -` datelines and
    /// `(Reporting by …)` credits.
    public static let reutersWire = CleaningProfile(
        name: "wire",
        signature: Pattern(#"\((Reuters|AP|AFP)\)\s*[-–—]"#),
        signatureClues: ["(Reuters)", "(AP)", "(AFP)"],
        linesAreParagraphs: true,
        headlineFirst: true,
        dateLine: Pattern(
            #"^(?<month>[A-Z][a-z]{2,8})\.?\s+(?<day>\d{1,2}),\s+(?<year>\d{4})(\s+(?<hour>\d{1,2}):(?<minute>\d{2})\s*(AM|PM|am|pm)?)?(\s+(?<zone>UTC|GMT))?(\s+Updated.*)?$"#
        ),
        datelinePrefix: Pattern(
            #"^[\p{Lu}][\p{Lu} .,'/-]{1,60}?(,\s*\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?\s*\((Reuters|AP|AFP)\)\s*[-–—]\s*"#),
        captionBeforeDateline: false,
        rules: commonRules + [
            BoilerplateRule("credit", #"^\((Reporting|Writing|Editing|Additional reporting|Compiled|Research)\b.*\)$"#),
            BoilerplateRule("standards", #"^Our Standards:"#),
            BoilerplateRule("related-header", #"^(Related Coverage|Read Next|More from Reuters)$"#, startsTrailingBlock: true),
        ],
        trailingBlockRules: [],
        months: englishMonths,
        zones: ["UTC": "+00:00", "GMT": "+00:00"]
    )

    /// Any other text: only boilerplate that is never content anywhere.
    public static let generic = CleaningProfile(
        name: "generic", signature: nil, signatureClues: [], linesAreParagraphs: false, headlineFirst: false, dateLine: nil,
        datelinePrefix: nil, captionBeforeDateline: false, rules: commonRules,
        trailingBlockRules: [], months: [:], zones: [:]
    )
}
