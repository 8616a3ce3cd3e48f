import Foundation

/// The article in an HTML page saved from a news site: headline, publication date, canonical
/// URL, the body's paragraphs, and the links the body cites. Reads the markup the way readers
/// do: the body is the element holding the most paragraph text (`<article>` or a container of
/// `<p>`s), and navigation, asides, footers, figures, scripts and forms are skipped.
public struct HTMLArticle: Sendable, Hashable {
    public var title: String?
    /// The date as the page shows it (`Minggu, 24 Januari 2021 22:02 WIB`), from `<time>` or an
    /// element whose class says date.
    public var date: String?
    /// The machine-readable publication time (`article:published_time`, `<time datetime>`).
    public var publishedTime: String?
    public var canonicalURL: String?
    public var paragraphs: [String]
    /// Absolute links in the body that name another article (a Reuters story id, for one).
    public var citedURLs: [String]

    /// Whether a file's text is HTML rather than plain text.
    public static func looksLikeHTML(_ text: String) -> Bool {
        var head = Substring(text.prefix(4_096)).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        // Comments before the document (a browser's `<!-- saved from url=(0054)… -->`) say nothing.
        while head.hasPrefix("<!--"), let end = head.range(of: "-->") {
            head = head[end.upperBound...].drop(while: \.isWhitespace)
        }
        let start = head.prefix(200).lowercased()
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html") || start.hasPrefix("<head")
            || (start.hasPrefix("<?xml") && start.contains("<html"))
    }

    /// The plain text the cleaner expects: headline, date line, paragraphs separated by blank
    /// lines, then the cited URLs each on a line of its own (which the cleaner keeps as the
    /// source metadata).
    public var plainText: String {
        var blocks: [String] = []
        if let title { blocks.append(title) }
        if let date { blocks.append(date) }
        blocks += paragraphs
        blocks += citedURLs
        return blocks.joined(separator: "\n\n") + "\n"
    }

    public init(
        title: String?, date: String?, publishedTime: String?, canonicalURL: String?, paragraphs: [String], citedURLs: [String]
    ) {
        self.title = title
        self.date = date
        self.publishedTime = publishedTime
        self.canonicalURL = canonicalURL
        self.paragraphs = paragraphs
        self.citedURLs = citedURLs
    }

    public init(html: String) {
        var scanner = HTMLScanner(html)
        let nodes = scanner.blocks()
        let metadata = nodes.metadata
        // The body: the container whose own paragraphs hold the most text.
        var textByContainer: [Int: Int] = [:]
        for block in nodes.blocks where block.kind == .paragraph && !block.isBoilerplateContainer {
            textByContainer[block.container, default: 0] += block.text.count
        }
        let body = textByContainer.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        var paragraphs: [String] = []
        var cited: [String] = []
        for block in nodes.blocks where block.container == body && !block.isBoilerplateContainer {
            guard block.kind == .paragraph || block.kind == .heading else { continue }
            paragraphs.append(block.text)
            for link in block.links where !cited.contains(link) && Self.namesAnArticle(link) { cited.append(link) }
        }
        // The headline: the page's own statement of it (JSON-LD, Open Graph), else the first
        // `<h1>` outside the header and navigation (a logo is often an `<h1>` there).
        let headline =
            metadata["ld:headline"] ?? metadata["og:title"]
            ?? nodes.blocks.first { $0.kind == .headline && !$0.isBoilerplateContainer }?.text
            ?? nodes.blocks.first { $0.kind == .headline }?.text ?? metadata["title"]
        let date = metadata["date-text"]
        self.init(
            title: headline, date: date,
            publishedTime: metadata["article:published_time"] ?? metadata["ld:datepublished"] ?? metadata["datepublished"]
                ?? metadata["time"],
            canonicalURL: metadata["canonical"] ?? metadata["og:url"] ?? metadata["ld:url"],
            paragraphs: paragraphs.filter { $0 != headline && !Self.isDateLine($0, date: date) }, citedURLs: cited)
    }

    /// A block that is the page's date line: the visible date itself, or the date with a short
    /// tail ("January 24, 2021 9:41 AM UTC Updated 3 years ago").
    static func isDateLine(_ text: String, date: String?) -> Bool {
        guard let date, !date.isEmpty, text.hasPrefix(date) else { return false }
        let tail = text.dropFirst(date.count)
        return tail.count <= longestDateTail && !tail.contains(where: { ".!?".contains($0) })
    }

    /// The longest text after the date that still makes a block a date line.
    static let longestDateTail = 40

    /// The fields of a JSON-LD `NewsArticle` (or `Article`, `ReportageNewsArticle`, any object
    /// with a headline), found at the top, in an array or in an `@graph`.
    static func linkedData(_ json: String) -> [String: String] {
        guard let data = json.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data) else { return [:] }
        func objects(_ value: Any) -> [[String: Any]] {
            if let array = value as? [Any] { return array.flatMap(objects) }
            guard let object = value as? [String: Any] else { return [] }
            return [object] + (object["@graph"].map(objects) ?? [])
        }
        guard let article = objects(value).first(where: { $0["headline"] is String }) else { return [:] }
        var fields: [String: String] = [:]
        if let headline = article["headline"] as? String { fields["ld:headline"] = HTMLScanner.collapse(headline) }
        if let published = article["datePublished"] as? String { fields["ld:datepublished"] = published }
        if let url = article["url"] as? String { fields["ld:url"] = url }
        return fields
    }

    /// An absolute web link holding a story id, as the pairer reads citations
    /// (`DocumentPairer.storyIDs`): other links in the body cannot name an original.
    static func namesAnArticle(_ link: String) -> Bool {
        (link.hasPrefix("http://") || link.hasPrefix("https://")) && !DocumentPairer.storyIDs(link).isEmpty
    }
}

/// A block of text in a page: a paragraph, heading or list item, with the element it sits in.
struct HTMLBlock {
    enum Kind { case headline, heading, paragraph }
    var kind: Kind
    var text: String
    /// Identifies the nearest enclosing container element (`div`, `article`, `section`, ...).
    var container: Int
    /// Inside `nav`, `aside`, `footer`, `header`, `figure`, `form` or an element whose class or id
    /// says it is related links, a caption, sharing buttons or an advertisement.
    var isBoilerplateContainer: Bool
    var links: [String]
}

/// A small, forgiving HTML reader: tags, attributes, entities, comments, raw-text elements.
/// It does not build a tree; it tracks the open elements, which is all the extraction needs.
struct HTMLScanner {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ html: String) { scalars = Array(html.unicodeScalars) }

    private struct OpenElement {
        var name: String
        var id: Int
        var boilerplate: Bool
        /// A `<div>` that is one paragraph: the paragraph's container is the element around it.
        var isParagraph = false
    }

    private static let containers: Set<String> = ["div", "article", "section", "main", "body", "td", "blockquote"]
    private static let boilerplateElements: Set<String> = [
        "nav", "aside", "footer", "header", "figure", "form", "figcaption", "noscript",
    ]
    /// Words of a class or id that mark related links, captions, sharing, ads and the like.
    private static let boilerplateHints: Set<String> = [
        "related", "caption", "share", "sharing", "social", "advert", "advertisement", "ads", "ad", "promo", "newsletter",
        "comment", "comments", "breadcrumb", "breadcrumbs", "footer", "sidebar", "terkait", "baca", "tags", "recommended",
        "recommendation", "trending", "popular", "populer", "banner", "subscribe", "nav", "menu", "teaser", "teasers",
        "readnext", "byline", "bylines", "author", "authors", "recirculation", "carousel",
    ]
    private static let rawText: Set<String> = ["script", "style", "template", "svg", "textarea"]
    private static let voidElements: Set<String> = [
        "br", "img", "hr", "meta", "link", "input", "source", "area", "base", "col", "embed", "param", "track", "wbr",
    ]

    mutating func blocks() -> (blocks: [HTMLBlock], metadata: [String: String]) {
        var blocks: [HTMLBlock] = []
        var metadata: [String: String] = [:]
        var stack: [OpenElement] = []
        var nextID = 1
        var text = ""
        var links: [String] = []
        var blockKind: HTMLBlock.Kind?
        var inTitle = false
        var titleText = ""
        // The element holding the visible date, by its depth in `stack`, and its text so far.
        var dateDepth: Int?
        var dateText = ""

        func flush(_ stack: [OpenElement]) {
            let cleaned = Self.collapse(text)
            if let kind = blockKind, !cleaned.isEmpty {
                let container = stack.last { Self.containers.contains($0.name) && !$0.isParagraph }?.id ?? 0
                blocks.append(
                    HTMLBlock(
                        kind: kind, text: cleaned, container: container,
                        isBoilerplateContainer: stack.contains(where: \.boilerplate),
                        links: links))
            }
            text = ""
            links = []
        }

        while position < scalars.count {
            if scalars[position] == "<" {
                if startsWith("<!--") {
                    skip(past: "-->")
                    continue
                }
                if startsWith("<!") || startsWith("<?") {
                    skip(past: ">")
                    continue
                }
                guard let tag = readTag() else {
                    if blockKind != nil { text.unicodeScalars.append("<") }
                    position += 1
                    continue
                }
                let name = tag.name
                if tag.closing {
                    // A block ends with its own end tag, or with its container (`<p>` left open).
                    if ["p", "h1", "h2", "h3", "h4", "li"].contains(name) || Self.containers.contains(name), blockKind != nil {
                        flush(stack)
                        blockKind = nil
                    }
                    if name == "title" {
                        inTitle = false
                        metadata["title"] = metadata["title"] ?? Self.collapse(titleText)
                    }
                    if let index = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(index...) }
                    if let depth = dateDepth, stack.count < depth {
                        let collapsed = Self.collapse(dateText)
                        if !collapsed.isEmpty, metadata["date-text"] == nil { metadata["date-text"] = collapsed }
                        dateDepth = nil
                        dateText = ""
                    }
                    continue
                }
                switch name {
                case "meta":
                    let key = (tag.attributes["property"] ?? tag.attributes["name"] ?? tag.attributes["itemprop"] ?? "")
                        .lowercased()
                    if let content = tag.attributes["content"], !key.isEmpty {
                        metadata[key] = metadata[key] ?? Self.decodeEntities(content)
                    }
                case "link":
                    if tag.attributes["rel"]?.lowercased() == "canonical", let href = tag.attributes["href"] {
                        metadata["canonical"] = href
                    }
                case "title": inTitle = true
                case "time":
                    if let datetime = tag.attributes["datetime"] { metadata["time"] = metadata["time"] ?? datetime }
                case "br":
                    text += " "
                case "a":
                    if let href = tag.attributes["href"] { links.append(Self.decodeEntities(href)) }
                case "p", "h1", "h2", "h3", "h4", "li":
                    if blockKind != nil { flush(stack) }
                    blockKind = name == "h1" ? .headline : name.hasPrefix("h") ? .heading : .paragraph
                case "div" where Self.isParagraphDiv(tag):
                    // Sites that write paragraphs as `<div data-testid="paragraph-3">` (Reuters since
                    // 2021) or `<div class="article-body__paragraph">`, with no `<p>` at all.
                    if blockKind != nil { flush(stack) }
                    blockKind = .paragraph
                default: break
                }
                if Self.rawText.contains(name) && !tag.selfClosing {
                    let start = position
                    skip(past: "</\(name)")
                    if name == "script", tag.attributes["type"]?.lowercased().contains("ld+json") == true {
                        var json = String.UnicodeScalarView()
                        json.append(contentsOf: scalars[start..<max(start, position - name.count - 2)])
                        for (key, value) in HTMLArticle.linkedData(String(json)) where metadata[key] == nil {
                            metadata[key] = value
                        }
                    }
                    skip(past: ">")
                    continue
                }
                if !Self.voidElements.contains(name) && !tag.selfClosing {
                    let hint = [tag.attributes["class"], tag.attributes["id"], tag.attributes["data-testid"]].compactMap { $0 }
                        .joined(separator: " ").lowercased()
                    let parts = hint.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
                    let boilerplate =
                        Self.boilerplateElements.contains(name) || parts.contains { Self.boilerplateHints.contains(String($0)) }
                    stack.append(
                        OpenElement(
                            name: name, id: nextID, boilerplate: boilerplate,
                            isParagraph: name == "div" && Self.isParagraphDiv(tag)))
                    nextID += 1
                    // The innermost element that says it holds the date.
                    let isDate =
                        name == "time" || parts.contains { ["date", "tanggal", "timestamp", "published"].contains(String($0)) }
                    if isDate, metadata["date-text"] == nil {
                        dateDepth = stack.count
                        dateText = ""
                    }
                }
                continue
            }
            // Text (entities decoded at the end of each run).
            let start = position
            while position < scalars.count, scalars[position] != "<" { position += 1 }
            var run = String.UnicodeScalarView()
            run.append(contentsOf: scalars[start..<position])
            let decoded = Self.decodeEntities(String(run))
            if inTitle { titleText += decoded }
            if let depth = dateDepth, !stack.dropFirst(depth).contains(where: \.boilerplate) { dateText += decoded }
            if blockKind != nil { text += decoded }
        }
        if blockKind != nil { flush(stack) }
        return (blocks, metadata)
    }

    private func startsWith(_ prefix: String) -> Bool {
        var index = position
        for scalar in prefix.unicodeScalars {
            guard index < scalars.count, Self.lower(scalars[index]) == scalar else { return false }
            index += 1
        }
        return true
    }

    private mutating func skip(past marker: String) {
        let wanted = Array(marker.unicodeScalars)
        while position < scalars.count {
            var matches = true
            for (offset, scalar) in wanted.enumerated() {
                guard position + offset < scalars.count, Self.lower(scalars[position + offset]) == scalar else {
                    matches = false
                    break
                }
            }
            if matches {
                position += wanted.count
                return
            }
            position += 1
        }
    }

    private static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (scalar.value >= 0x41 && scalar.value <= 0x5A) ? Unicode.Scalar(scalar.value + 0x20) ?? scalar : scalar
    }

    private struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [String: String]
    }

    /// Reads `<name attr="v" ...>` at the position; nil (position unchanged) when it is not a tag.
    private mutating func readTag() -> Tag? {
        var index = position + 1
        var closing = false
        if index < scalars.count, scalars[index] == "/" {
            closing = true
            index += 1
        }
        var name = ""
        while index < scalars.count, scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index]) {
            name.unicodeScalars.append(Self.lower(scalars[index]))
            index += 1
        }
        guard !name.isEmpty else { return nil }
        var attributes: [String: String] = [:]
        var selfClosing = false
        while index < scalars.count, scalars[index] != ">" {
            let scalar = scalars[index]
            if scalar == "/" {
                selfClosing = true
                index += 1
                continue
            }
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            var key = ""
            while index < scalars.count, !scalars[index].properties.isWhitespace, !["=", ">", "/"].contains(scalars[index]) {
                key.unicodeScalars.append(Self.lower(scalars[index]))
                index += 1
            }
            var value = ""
            if index < scalars.count, scalars[index] == "=" {
                index += 1
                if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                    let quote = scalars[index]
                    index += 1
                    while index < scalars.count, scalars[index] != quote {
                        value.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    index += 1
                } else {
                    while index < scalars.count, !scalars[index].properties.isWhitespace, scalars[index] != ">" {
                        value.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                }
            }
            if key.isEmpty {
                index += 1
            } else {
                attributes[key] = attributes[key] ?? value
            }
        }
        position = min(index + 1, scalars.count)
        return Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attributes)
    }

    /// A `<div>` that marks itself as one paragraph of the text (by its test id or class).
    private static func isParagraphDiv(_ tag: Tag) -> Bool {
        let marks = [tag.attributes["data-testid"], tag.attributes["class"]].compactMap { $0?.lowercased() }
        return marks.contains { mark in
            mark.split(whereSeparator: { $0 == " " }).contains { word in
                word.hasPrefix("paragraph") || word.hasSuffix("__paragraph") || word.hasSuffix("-paragraph")
            }
        }
    }

    /// Whitespace runs (and no-break spaces) become one space; ends trimmed.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{00A0}" }).joined(separator: " ")
    }

    /// Every named character reference of HTML5 (`HTMLEntities.swift`, generated), by name.
    private static let namedEntities: [String: String] = {
        var table: [String: String] = [:]
        for line in namedEntityTable.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2 else { continue }
            let scalars = fields[1].split(separator: "+").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
            table[String(fields[0])] = String(String.UnicodeScalarView(scalars))
        }
        return table
    }()

    /// The longest entity name (`CounterClockwiseContourIntegral`) with its `;`.
    private static let longestEntity = 33

    /// Decodes `&amp;`, `&#8217;`, `&#x2019;` and every HTML5 named entity (`&oacute;`,
    /// `&percnt;`); unknown ones stay as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.prefix(Self.longestEntity).firstIndex(of: ";") {
                let name = after[..<semicolon]
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = namedEntities[String(name)]
                }
                if let replacement {
                    result += replacement
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}
