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

    public func clean(_ raw: String) -> CleanedArticle {
        let paragraphs = Self.paragraphs(of: Self.normalize(raw))
        if keepBoilerplate {
            return CleanedArticle(
                profile: "none", title: nil, date: nil, sourceURLs: [],
                text: paragraphs.joined(separator: "\n\n"), setAside: [])
        }
        let profile = CleaningProfile.detect(in: raw, language: language)
        // Web copy puts every block on a line of its own: each line is a paragraph to classify.
        let blocks = profile.linesAreParagraphs ? paragraphs.flatMap { $0.split(separator: "\n").map(String.init) } : paragraphs
        return clean(paragraphs: blocks, profile: profile)
    }

    /// Text normalisation that keeps the wording: no BOM, `\n` line ends, NFC, no trailing or
    /// repeated spaces, no control characters.
    public static func normalize(_ raw: String) -> String {
        var text = raw
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        text = ICU.nfc(text)
        var result = String.UnicodeScalarView()
        result.reserveCapacity(text.unicodeScalars.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09, 0xA0, 0x2000...0x200A, 0x202F, 0x3000:
                pendingSpace = true
            case 0x0A:
                pendingSpace = false
                result.append(scalar)
            case 0x00...0x1F, 0x7F, 0xFEFF, 0x200B:
                continue
            default:
                if pendingSpace, let last = result.last, last != "\n" { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Paragraphs separated by blank lines; single line breaks inside a paragraph are kept
    /// (list items), surrounding spaces trimmed.
    public static func paragraphs(of text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs
    }

    func clean(paragraphs: [String], profile: CleaningProfile) -> CleanedArticle {
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
                let label = profile.trailingBlockRules.first { $0.pattern.matches(paragraph) }?.label
                article.setAside.append(.init(label: label ?? "related", text: paragraph))
                continue
            }
            if let dateLine = profile.dateLine, article.date == nil,
                let date = parseDate(paragraph, pattern: dateLine, profile: profile)
            {
                article.date = date
                seenDateLine = true
                article.setAside.append(.init(label: "date", text: paragraph))
                continue
            }
            if profile.captionBeforeDateline, seenDateLine, let datelineIndex, index < datelineIndex {
                article.setAside.append(.init(label: "caption", text: paragraph))
                continue
            }
            if let rule = profile.rules.first(where: { $0.pattern.matches(paragraph) }) {
                if rule.label == "source-url" { article.sourceURLs.append(paragraph) }
                article.setAside.append(.init(label: rule.label, text: paragraph))
                inTrailingBlock = rule.startsTrailingBlock
                continue
            }
            if index == datelineIndex, let prefix = profile.datelinePrefix,
                let match = prefix.firstMatch(in: paragraph),
                let range = Range(match.range, in: paragraph)
            {
                let dateline = paragraph[range].trimmingCharacters(in: .whitespaces)
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
        !paragraph.contains("\n") && paragraph.count <= 200 && !paragraph.hasSuffix(".")
    }

    func parseDate(_ paragraph: String, pattern: Pattern, profile: CleaningProfile) -> String? {
        guard paragraph.count <= 80, let match = pattern.firstMatch(in: paragraph) else {
            return nil
        }
        func group(_ name: String) -> String? {
            let range = match.range(withName: name)
            guard range.location != NSNotFound, let swiftRange = Range(range, in: paragraph) else {
                return nil
            }
            return String(paragraph[swiftRange])
        }
        guard let day = group("day").flatMap(Int.init), let year = group("year").flatMap(Int.init),
            let monthName = group("month"),
            let month = profile.months[monthName.lowercased().trimmingCharacters(in: ["."])]
        else { return nil }
        var date = String(format: "%04d-%02d-%02d", year, month, day)
        if let hour = group("hour").flatMap(Int.init), let minute = group("minute").flatMap(Int.init) {
            date += String(format: "T%02d:%02d:00", hour, minute)
            if let zone = group("zone"), let offset = profile.zones[zone] { date += offset }
        }
        return date
    }
}
