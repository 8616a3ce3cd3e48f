/// Reads the terms of a TBX file (TBX-Basic 2008 `martif`/`termEntry`/`langSet`/`tig`, and TBX
/// v3 `tbx`/`conceptEntry`/`langSec`/`termSec`): for each entry, every term of the source
/// language paired with every term of the target language, the entry's subject field as domain,
/// its notes as note, and the target term's `administrativeStatus` as status.
enum TBXReader {
    static func entries(_ text: String, languages: LanguagePair) -> Result<[GlossaryEntry], MalformedGlossary> {
        let root: MarkupElement
        switch MarkupElement.parse(text) {
        case .success(let element): root = element
        case .failure(let error): return .failure(error)
        }
        guard ["martif", "tbx"].contains(root.name) else {
            return .failure(MalformedGlossary(line: 1, reason: "not TBX: the root element is <\(root.name)>"))
        }
        var entries: [GlossaryEntry] = []
        for entry in root.descendants(named: ["termEntry", "conceptEntry"]) {
            var domain = ""
            var notes: [String] = []
            var terms: [String: [(term: String, status: TermStatus?)]] = [:]
            for child in entry.children {
                switch child.name {
                case "descrip" where child.attributes["type"] == "subjectField": domain = child.text
                case "note": notes.append(child.text)
                case "descripGrp":
                    for descrip in child.descendants(named: ["descrip"]) where descrip.attributes["type"] == "subjectField" {
                        domain = descrip.text
                    }
                case "langSet", "langSec":
                    let language = (child.attributes["xml:lang"] ?? child.attributes["lang"] ?? "").lowercased()
                    for group in child.descendants(named: ["tig", "ntig", "termSec"]) {
                        guard let term = group.descendants(named: ["term"]).first?.text, !term.isEmpty else { continue }
                        let status = group.descendants(named: ["termNote"]).first {
                            $0.attributes["type"] == "administrativeStatus"
                        }.flatMap { TermStatus(tbxAdministrativeStatus: $0.text) }
                        terms[String(language.prefix(while: { $0 != "-" && $0 != "_" })), default: []].append((term, status))
                    }
                default: break
                }
            }
            for source in terms[languages.source] ?? [] {
                for target in terms[languages.target] ?? [] {
                    entries.append(
                        GlossaryEntry(
                            source: source.term, target: target.term, languages: languages,
                            note: notes.joined(separator: " "), domain: domain,
                            status: target.status ?? source.status ?? .approved
                        ).tidied)
                }
            }
        }
        return .success(entries)
    }
}

/// Just enough XML for a glossary file: elements with attributes and text, comments, CDATA,
/// processing instructions and the doctype skipped, the five entities and character references
/// decoded. Not a validating parser.
struct MarkupElement {
    var name: String
    var attributes: [String: String] = [:]
    var children: [MarkupElement] = []
    /// The element's own text and its children's, spaces tidied.
    var text: String { GlossaryEntry.tidy(rawText) }
    private var rawText = ""

    init(name: String, attributes: [String: String] = [:]) {
        self.name = name
        self.attributes = attributes
    }

    /// Elements under this one (at any depth) with one of `names`, in document order; an element
    /// found is not searched further.
    func descendants(named names: Set<String>) -> [MarkupElement] {
        var found: [MarkupElement] = []
        for child in children {
            if names.contains(child.name) { found.append(child) } else { found += child.descendants(named: names) }
        }
        return found
    }

    static func parse(_ text: String) -> Result<MarkupElement, MalformedGlossary> {
        var stack: [MarkupElement] = [MarkupElement(name: "")]
        var rest = Substring(text)
        var line = 1
        func fail(_ reason: String) -> Result<MarkupElement, MalformedGlossary> {
            .failure(MalformedGlossary(line: line, reason: reason))
        }
        func consume(upTo end: String) -> Substring? {
            guard let range = rest.range(of: end) else { return nil }
            let taken = rest[..<range.lowerBound]
            line += taken.reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
            rest = rest[range.upperBound...]
            return taken
        }
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else {
                stack[stack.count - 1].rawText += decode(rest)
                break
            }
            let textBefore = rest[..<open]
            line += textBefore.reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
            if stack.count > 1 { stack[stack.count - 1].rawText += decode(textBefore) }
            rest = rest[open...]
            if rest.hasPrefix("<!--") {
                guard consume(upTo: "-->") != nil else { return fail("a comment is not closed") }
            } else if rest.hasPrefix("<![CDATA[") {
                rest = rest.dropFirst(9)
                guard let data = consume(upTo: "]]>") else { return fail("a CDATA section is not closed") }
                stack[stack.count - 1].rawText += data
            } else if rest.hasPrefix("<?") || rest.hasPrefix("<!") {
                guard consume(upTo: ">") != nil else { return fail("a declaration is not closed") }
            } else if rest.hasPrefix("</") {
                rest = rest.dropFirst(2)
                guard let name = consume(upTo: ">")?.trimmingSpaces(), stack.count > 1 else {
                    return fail("a closing tag has no element to close")
                }
                guard stack[stack.count - 1].name == name else {
                    return fail("</\(name)> closes <\(stack[stack.count - 1].name)>")
                }
                let element = stack.removeLast()
                stack[stack.count - 1].children.append(element)
                stack[stack.count - 1].rawText += " " + element.rawText + " "
            } else {
                rest = rest.dropFirst()
                guard var tag = consume(upTo: ">") else { return fail("a tag is not closed") }
                let selfClosing = tag.hasSuffix("/")
                if selfClosing { tag = tag.dropLast() }
                let name = String(tag.prefix(while: { !$0.isWhitespace }))
                guard !name.isEmpty else { return fail("a tag has no name") }
                let element = MarkupElement(name: name, attributes: attributes(tag.dropFirst(name.count)))
                if selfClosing {
                    stack[stack.count - 1].children.append(element)
                } else {
                    stack.append(element)
                }
            }
        }
        guard stack.count == 1 else { return fail("<\(stack[stack.count - 1].name)> is not closed") }
        guard let root = stack[0].children.first else { return fail("no element") }
        return .success(root)
    }

    private static func attributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = text
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingSpaces()
            rest = rest[rest.index(after: equals)...].drop(while: { $0.isWhitespace })
            guard let quote = rest.first, quote == "\"" || quote == "'" else { break }
            rest = rest.dropFirst()
            guard let close = rest.firstIndex(of: quote) else { break }
            result[name] = decode(rest[..<close])
            rest = rest[rest.index(after: close)...]
        }
        return result
    }

    /// The text with `&amp;` and its kin and `&#…;` references decoded.
    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let value = named[String(name)] {
                result += value
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                result.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else {
                result += rest[...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}
