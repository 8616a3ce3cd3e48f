import CTextScan
import Foundation

/// A paragraph of web boilerplate the cleaner set aside, with what it is.
public struct BoilerplateParagraph: Hashable, Sendable, Codable {
    public var label: String
    public var text: String

    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}

/// An article after cleaning: its content as paragraphs, and what was set aside.
public struct CleanedArticle: Hashable, Sendable {
    /// The profile that recognised the page (`tempo`, `wire`, `generic`, or `none` when cleaning
    /// was turned off).
    public var profile: String
    public var title: String?
    /// ISO 8601 (`2021-01-24T22:02:00+07:00`, or `2021-01-24` without a time).
    public var date: String?
    /// URLs the article cites on lines of their own: how a translation names its original.
    public var sourceURLs: [String]
    /// The content, paragraphs separated by a blank line; sentence offsets refer to this text.
    public var text: String
    /// Boilerplate paragraphs in document order.
    public var setAside: [BoilerplateParagraph]

    public init(
        profile: String, title: String?, date: String?, sourceURLs: [String], text: String, setAside: [BoilerplateParagraph]
    ) {
        self.profile = profile
        self.title = title
        self.date = date
        self.sourceURLs = sourceURLs
        self.text = text
        self.setAside = setAside
    }
}

/// Turns a raw article (as copied from a web page, or wire copy) into clean content: normalises
/// the text (BOM, line ends, NFC, spaces), then sets boilerplate aside following a
/// `CleaningProfile`.
public struct ArticleCleaner: Sendable {
    public let language: String
    public let keepBoilerplate: Bool

    public init(language: String, keepBoilerplate: Bool = false) {
        self.language = language
        self.keepBoilerplate = keepBoilerplate
    }

    /// The article in `raw`: its title, date, cited sources and text, with the boilerplate set aside.
    /// - Parameter dateLine: the date line as the page's markup marks it (a saved page's `<time>`):
    ///   set aside even when this site's date format is not one the profile reads.
    public func clean(_ raw: String, dateLine: String? = nil) -> CleanedArticle {
        let text = Self.normalize(raw)
        if keepBoilerplate {
            return CleanedArticle(
                profile: "none", title: nil, date: nil, sourceURLs: [],
                text: Self.paragraphs(of: text).joined(separator: "\n\n"), setAside: [])
        }
        let profile = CleaningProfile.detect(in: raw, language: language)
        // Web copy puts every block on a line of its own: each line is a paragraph to classify.
        return clean(
            paragraphs: Self.paragraphs(of: text, eachLine: profile.linesAreParagraphs), profile: profile, dateLine: dateLine)
    }

    /// Text normalisation that keeps the wording: no BOM, `\n` line ends, NFC, no trailing or
    /// repeated spaces, no control characters.
    public static func normalize(_ raw: String) -> String {
        let (alreadyClean, hasNonASCII) = needsNoWhitespaceWork(raw)
        if alreadyClean { return inNFC(raw, hasNonASCII: hasNonASCII) }
        return normalizeByteByByte(raw)
    }

    /// `normalize` without the shortcut for text that needs no whitespace work.
    static func normalizeByteByByte(_ raw: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        var previous: UInt8 = 0x0A
        var nonASCII = false
        var source = raw
        source.withUTF8 { input in
            var index = 0
            let count = input.count
            while index < count {
                let byte = input[index]
                var width = 1
                var isSpace = false
                var drop = false
                switch byte {
                case 0x20, 0x09: isSpace = true
                case 0x0A, 0x0D:
                    // `\r\n` and a lone `\r` both end a line.
                    if byte == 0x0D && index + 1 < count && input[index + 1] == 0x0A { index += 1 }
                    pendingSpace = false
                    bytes.append(0x0A)
                    previous = 0x0A
                    index += 1
                    continue
                case 0x00...0x1F, 0x7F: drop = true
                case 0xC2 where index + 1 < count && input[index + 1] == 0xA0:  // no-break space
                    isSpace = true
                    width = 2
                case 0xE2 where index + 2 < count && input[index + 1] == 0x80:
                    let third = input[index + 2]
                    width = 3
                    if (0x80...0x8A).contains(third) || third == 0xAF {
                        isSpace = true
                    } else if third == 0x8B {
                        drop = true
                    }  // zero-width space
                    else {
                        width = 1
                    }
                case 0xE3 where index + 2 < count && input[index + 1] == 0x80 && input[index + 2] == 0x80:  // ideographic space
                    isSpace = true
                    width = 3
                case 0xEF where index + 2 < count && input[index + 1] == 0xBB && input[index + 2] == 0xBF:  // BOM
                    drop = true
                    width = 3
                default: break
                }
                if isSpace {
                    pendingSpace = true
                } else if !drop {
                    if pendingSpace && previous != 0x0A { bytes.append(0x20) }
                    pendingSpace = false
                    for offset in 0..<width {
                        bytes.append(input[index + offset])
                    }
                    if byte >= 0x80 { nonASCII = true }
                    previous = byte
                }
                index += width
            }
        }
        return inNFC(String(decoding: bytes, as: UTF8.self), hasNonASCII: nonASCII)
    }

    /// `text` in NFC, asking ICU only when the text may not be: ASCII cannot be in another normal
    /// form, nor can text that `isSurelyNFC` passes.
    static func inNFC(_ text: String, hasNonASCII: Bool) -> String {
        hasNonASCII && !isSurelyNFC(text) ? ICU.nfc(text) : text
    }

    /// Whether `text` is in NFC without asking ICU: every code point is below U+0300, where the
    /// characters that NFC can change begin, or in U+2002–U+203F (spaces, dashes, quotation marks).
    static func isSurelyNFC(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                index += UTF16Scalars.asciiLength(bytes, from: index, to: count)
                guard index < count else { break }
                let byte = bytes[index]
                // ASCII, the lead bytes of U+0080–U+02FF, and continuation bytes.
                if byte < 0xCC {
                    index += 1
                } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] >= 0x82 {
                    index += 3
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Whether `normalize` would leave the bytes as they are (no control characters, special or
    /// repeated spaces, BOM, or spaces at a line end), and whether the text has non-ASCII bytes.
    static func needsNoWhitespaceWork(_ raw: String) -> (Bool, Bool) {
        var copy = raw
        return copy.withUTF8 { input in
            var nonASCII: Int32 = 0
            let clean = ctext_whitespace_is_clean(input.baseAddress, input.count, &nonASCII)
            return (clean != 0, nonASCII != 0)
        }
    }

    /// Paragraphs separated by blank lines; single line breaks inside a paragraph are kept
    /// (list items), surrounding spaces trimmed. With `eachLine`, every non-blank line is a
    /// paragraph of its own.
    public static func paragraphs(of text: String, eachLine: Bool = false) -> [String] {
        var copy = text
        let utf8 = text.utf8
        return copy.withUTF8 { bytes in
            var paragraphs: [String] = []
            var paragraphStart = -1  // first byte of the current paragraph
            var paragraphEnd = 0  // end of its last non-blank line
            var lineStart = 0
            var index = 0
            let count = bytes.count
            func flush() {
                if paragraphStart >= 0 {
                    // Cut at ASCII bytes, so a slice of the (valid) text: copied, not decoded again.
                    let start = utf8.index(utf8.startIndex, offsetBy: paragraphStart)
                    let end = utf8.index(start, offsetBy: paragraphEnd - paragraphStart)
                    paragraphs.append(String(text[start..<end]))
                }
                paragraphStart = -1
            }
            guard let base = bytes.baseAddress else { return [] }
            while lineStart <= count {
                // memchr finds the line end: only a line's ends are looked at byte by byte.
                let lineEnd = memchr(base + lineStart, 0x0A, count - lineStart).map {
                    UnsafeRawPointer($0) - UnsafeRawPointer(base)
                }
                index = lineEnd ?? count
                var first = lineStart
                var last = index
                while first < last && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
                while last > first && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
                if first == last {
                    flush()
                } else {
                    if paragraphStart < 0 { paragraphStart = first }
                    paragraphEnd = last
                    if eachLine { flush() }
                }
                lineStart = index + 1
            }
            flush()
            return paragraphs
        }
    }

    func clean(paragraphs: [String], profile: CleaningProfile, dateLine markedDate: String? = nil) -> CleanedArticle {
        var article = CleanedArticle(
            profile: profile.name, title: nil, date: nil, sourceURLs: [], text: "", setAside: [])
        var content: [String] = []
        var index = 0
        if profile.headlineFirst, let first = paragraphs.first, Self.looksLikeHeadline(first) {
            article.title = first
            content.append(first)
            index = 1
        }
        let datelineIndex = profile.datelinePrefix.flatMap { prefix in
            paragraphs.indices.dropFirst(index).first { prefix.matches(paragraphs[$0]) }
        }
        var seenDateLine = false
        var inTrailingBlock = false
        while index < paragraphs.count {
            let paragraph = paragraphs[index]
            defer { index += 1 }
            if inTrailingBlock {
                let label =
                    paragraph.utf8.count > CleaningProfile.longestBoilerplateLine
                    ? nil : profile.trailingBlockRules.first { $0.pattern.matches(paragraph) }?.label
                article.setAside.append(.init(label: label ?? "related", text: paragraph))
                continue
            }
            if let dateLine = profile.dateLine, article.date == nil, paragraph.utf8.count <= 80,
                let date = parseDate(paragraph, pattern: dateLine, profile: profile)
            {
                article.date = date
                seenDateLine = true
                article.setAside.append(.init(label: "date", text: paragraph))
                continue
            }
            if paragraph == markedDate {
                article.setAside.append(.init(label: "date", text: paragraph))
                continue
            }
            if profile.captionBeforeDateline, seenDateLine, let datelineIndex, index < datelineIndex {
                article.setAside.append(.init(label: "caption", text: paragraph))
                continue
            }
            let isShort = paragraph.utf8.count <= CleaningProfile.longestBoilerplateLine
            if isShort, let rule = profile.rules.first(where: { $0.pattern.matches(paragraph) }) {
                if rule.label == "source-url" { article.sourceURLs.append(paragraph) }
                article.setAside.append(.init(label: rule.label, text: paragraph))
                inTrailingBlock = rule.startsTrailingBlock
                continue
            }
            if index == datelineIndex, let prefix = profile.datelinePrefix,
                let range = prefix.firstMatch(in: paragraph)?.range
            {
                let dateline = String(paragraph[range]).trimmingSpaces()
                article.setAside.append(.init(label: "dateline", text: dateline))
                let rest = String(paragraph[range.upperBound...])
                if !rest.isEmpty { content.append(rest) }
                continue
            }
            content.append(paragraph)
        }
        article.text = content.joined(separator: "\n\n")
        return article
    }

    /// A headline is one short line without a sentence-final period.
    static func looksLikeHeadline(_ paragraph: String) -> Bool {
        !paragraph.utf8.contains(UInt8(ascii: "\n")) && paragraph.count <= 200 && !paragraph.hasSuffix(".")
    }

    func parseDate(_ paragraph: String, pattern: Pattern, profile: CleaningProfile) -> String? {
        guard paragraph.count <= 80, let match = pattern.firstMatch(in: paragraph) else {
            return nil
        }
        func group(_ name: String) -> String? {
            match.range(named: name).map { String(paragraph[$0]) }
        }
        guard let day = group("day").flatMap(Int.init), let year = group("year").flatMap(Int.init),
            let monthName = group("month"),
            let month = profile.months[monthName.lowercased().trimmingCharacters(in: ["."])]
        else { return nil }
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var date = "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
        if let hour = group("hour").flatMap(Int.init), let minute = group("minute").flatMap(Int.init) {
            date += "T\(padded(hour, 2)):\(padded(minute, 2)):00"
            if let zone = group("zone"), let offset = profile.zones[zone] { date += offset }
        }
        return date
    }
}
