/// The glossary file formats Padan reads and writes.
///
/// - `tsv`: a header row naming the columns by language code (`id<TAB>en<TAB>note`, Padan's
///   own and OmegaT-compatible with the header), then `domain` and `status`; a file without a
///   header is read as OmegaT writes it: source term, target term, comment.
/// - `omegat`: OmegaT's glossary file, no header: source term, target term, comment.
/// - `csv`: RFC 4180, a header of `source_language,target_language,source,target,status,domain,note`
///   (a column may also be named by a language code, as in TSV).
/// - `tbx`: TBX-Basic (ISO 30042), one `termEntry` per term with `administrativeStatus`.
/// - `hunalign`: hunalign's dictionary (`target @ source`), written only.
public enum GlossaryFormat: String, Sendable, CaseIterable {
    case tsv, omegat, csv, tbx, hunalign

    /// The format a file's name says (`.tbx`, `.csv`, `.utf8`/`.txt` for OmegaT), if any.
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".tbx") || lowered.hasSuffix(".xml") {
            self = .tbx
        } else if lowered.hasSuffix(".csv") {
            self = .csv
        } else if lowered.hasSuffix(".tsv") || lowered.hasSuffix(".tab") {
            self = .tsv
        } else if lowered.hasSuffix(".utf8") || lowered.hasSuffix(".txt") {
            self = .omegat
        } else {
            return nil
        }
    }

    /// The format of `text` by its first bytes: markup is TBX, else tab-separated.
    public static func sniff(_ text: String) -> GlossaryFormat {
        let start = text.prefix(2048).drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        if start.hasPrefix("<") { return .tbx }
        let firstLine = start.prefix(while: { $0 != "\n" && $0 != "\r" })
        return firstLine.contains("\t") || !firstLine.contains(",") ? .tsv : .csv
    }
}

/// A line of a glossary file that could not be read, and why.
public struct MalformedGlossary: Error, Equatable, Sendable {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// Reads and writes glossary files (see `GlossaryFormat`). Pure: text in, entries out.
public enum GlossaryFile {
    /// The entries of a glossary file.
    /// - Parameters:
    ///   - format: the file's format (TSV, OmegaT, CSV or TBX).
    ///   - languages: the pair a file without language columns is in, and the two languages
    ///     taken from a TBX entry.
    /// - Returns: the entries, tidied (spaces), or the first line that could not be read.
    public static func read(_ text: String, format: GlossaryFormat, languages: LanguagePair) -> Result<
        [GlossaryEntry], MalformedGlossary
    > {
        switch format {
        case .tsv: return readDelimited(text, separator: "\t", headerless: .omegat, languages: languages)
        case .omegat: return readDelimited(text, separator: "\t", headerless: .omegat, languages: languages, header: false)
        case .csv: return readDelimited(text, separator: ",", headerless: nil, languages: languages)
        case .tbx: return TBXReader.entries(text, languages: languages)
        case .hunalign: return .failure(MalformedGlossary(line: 1, reason: "hunalign dictionaries are written, not read"))
        }
    }

    /// The text of a glossary file of `entries`.
    public static func write(_ entries: [GlossaryEntry], format: GlossaryFormat) -> String {
        switch format {
        case .tsv: return tsv(entries)
        case .omegat:
            return entries.map { [$0.source, $0.target, $0.note].map(TSVWriter.field).joined(separator: "\t") + "\n" }.joined()
        case .csv: return csv(entries)
        case .tbx: return tbx(entries)
        case .hunalign: return entries.map { "\(TSVWriter.field($0.target)) @ \(TSVWriter.field($0.source))\n" }.joined()
        }
    }

    /// Padan's TSV: the translation's term first, as `id<TAB>en<TAB>note` always had it, then
    /// the domain and the status. One pair of languages per file: the first entry's.
    static func tsv(_ entries: [GlossaryEntry]) -> String {
        let languages = entries.first?.languages ?? .englishIndonesian
        var text = [languages.target, languages.source, "note", "domain", "status"].joined(separator: "\t") + "\n"
        for entry in entries {
            text +=
                [entry.target, entry.source, entry.note, entry.domain, entry.status.rawValue].map(TSVWriter.field).joined(
                    separator: "\t") + "\n"
        }
        return text
    }

    static let csvHeader = ["source_language", "target_language", "source", "target", "status", "domain", "note"]

    static func csv(_ entries: [GlossaryEntry]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var text = csvHeader.joined(separator: ",") + "\r\n"
        for entry in entries {
            let fields = [
                entry.languages.source, entry.languages.target, entry.source, entry.target, entry.status.rawValue, entry.domain,
                entry.note,
            ]
            text += fields.map(field).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// TBX-Basic: one `termEntry` per pair of terms, the subject field and note on the entry, the
    /// status on each term.
    static func tbx(_ entries: [GlossaryEntry]) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX-Basic" xml:lang="en">
              <martifHeader>
                <fileDesc><sourceDesc><p>Padan glossary</p></sourceDesc></fileDesc>
              </martifHeader>
              <text>
                <body>

            """
        for (index, entry) in entries.enumerated() {
            text += "      <termEntry id=\"t\(index + 1)\">\n"
            if !entry.domain.isEmpty {
                text += "        <descrip type=\"subjectField\">\(XMLText.escape(entry.domain))</descrip>\n"
            }
            if !entry.note.isEmpty { text += "        <note>\(XMLText.escape(entry.note))</note>\n" }
            for (language, term) in [(entry.languages.source, entry.source), (entry.languages.target, entry.target)] {
                text += "        <langSet xml:lang=\"\(XMLText.escape(language, attribute: true))\"><tig><term>"
                text += XMLText.escape(term)
                text += "</term><termNote type=\"administrativeStatus\">\(entry.status.tbxAdministrativeStatus)</termNote>"
                text += "</tig></langSet>\n"
            }
            text += "      </termEntry>\n"
        }
        return text + "    </body>\n  </text>\n</martif>\n"
    }

    /// What a column of a delimited file holds.
    enum Column: Equatable {
        case term(String)  // a term in this language
        case sourceTerm, targetTerm, sourceLanguage, targetLanguage, note, domain, status, ignored
    }

    static func column(named name: String, languages: LanguagePair) -> Column? {
        switch name.lowercased() {
        case "source", "source_term", "term": return .sourceTerm
        case "target", "target_term", "translation", "equivalent": return .targetTerm
        case "source_language": return .sourceLanguage
        case "target_language": return .targetLanguage
        case "note", "comment", "notes": return .note
        case "domain", "subject", "subject_field": return .domain
        case "status": return .status
        case let code where code.count >= 2 && code.count <= 8 && code.allSatisfy({ $0.isLetter }):
            return code == languages.source || code == languages.target ? .term(code) : .ignored
        default: return nil
        }
    }

    private static func readDelimited(
        _ text: String, separator: Character, headerless: GlossaryFormat?, languages: LanguagePair, header: Bool = true
    ) -> Result<[GlossaryEntry], MalformedGlossary> {
        let rows: [(line: Int, fields: [String])]
        switch separator == "," ? CSVRows.parse(text) : .success(tabRows(text)) {
        case .success(let parsed): rows = parsed
        case .failure(let error): return .failure(error)
        }
        guard let first = rows.first else { return .success([]) }
        let omegatColumns: [Column] = [.sourceTerm, .targetTerm, .note]
        var columns = omegatColumns
        var body = rows[...]
        if header {
            let named = first.fields.map { column(named: $0, languages: languages) }
            let terms = named.filter { if case .term = $0 { return true } else { return $0 == .sourceTerm || $0 == .targetTerm } }
            if named.allSatisfy({ $0 != nil }), terms.count >= 2 {
                columns = named.compactMap { $0 }
                body = rows.dropFirst()
            } else if headerless == nil {
                return .failure(
                    MalformedGlossary(
                        line: first.line,
                        reason: "expected a header naming the columns (\(csvHeader.joined(separator: ",")))"))
            }
        }
        var entries: [GlossaryEntry] = []
        for row in body {
            var entry = GlossaryEntry(source: "", target: "", languages: languages)
            var byLanguage: [String: String] = [:]
            for (index, value) in row.fields.enumerated() where index < columns.count {
                let value = value.trimmingSpaces()
                switch columns[index] {
                case .term(let code): byLanguage[code] = value
                case .sourceTerm: entry.source = value
                case .targetTerm: entry.target = value
                case .sourceLanguage: if !value.isEmpty { entry.languages.source = value.lowercased() }
                case .targetLanguage: if !value.isEmpty { entry.languages.target = value.lowercased() }
                case .note: entry.note = value
                case .domain: entry.domain = value
                case .status:
                    guard value.isEmpty || TermStatus(rawValue: value.lowercased()) != nil else {
                        let known = TermStatus.allCases.map(\.rawValue).joined(separator: ", ")
                        return .failure(MalformedGlossary(line: row.line, reason: "status “\(value)” is not one of \(known)"))
                    }
                    entry.status = TermStatus(rawValue: value.lowercased()) ?? .approved
                case .ignored: break
                }
            }
            if let term = byLanguage[languages.source] { entry.source = term }
            if let term = byLanguage[languages.target] { entry.target = term }
            guard !entry.source.isEmpty, !entry.target.isEmpty else {
                return .failure(MalformedGlossary(line: row.line, reason: "expected a term and its equivalent"))
            }
            entries.append(entry.tidied)
        }
        return .success(entries)
    }

    /// Tab-separated rows with their line numbers; blank lines and `#` comments skipped.
    private static func tabRows(_ text: String) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        for (index, rawLine) in text.lines().enumerated() {
            var line = rawLine
            if index == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.trimmingSpaces().isEmpty || line.hasPrefix("#") { continue }
            rows.append((index + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
        }
        return rows
    }
}

/// RFC 4180 rows: quoted fields may hold commas, quotes (doubled) and line breaks.
enum CSVRows {
    static func parse(_ text: String) -> Result<[(line: Int, fields: [String])], MalformedGlossary> {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var characters = text.hasPrefix("\u{FEFF}") ? text.dropFirst()[...] : text[...]
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].trimmingSpaces().isEmpty) { rows.append((rowLine, fields)) }
            fields = []
            field = ""
        }
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowLine = line
            default: field.append(character)
            }
        }
        if quoted { return .failure(MalformedGlossary(line: rowLine, reason: "a quoted field is not closed")) }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return .success(rows)
    }
}
