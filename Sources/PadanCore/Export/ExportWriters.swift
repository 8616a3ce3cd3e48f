/// One aligned unit to export: the texts of a link and its review metadata.
public struct ExportUnit: Sendable, Hashable {
    public var linkID: Int64
    public var pairID: Int64
    public var source: String
    public var target: String
    public var score: Double
    public var status: String
    public var sourceSentences: [Int]
    public var targetSentences: [Int]
    /// The languages of the link's pair: each unit is labelled with its own.
    public var languages: LanguagePair
    /// A reviewer's comment on the link (TMX `<note>`, XLIFF `<note>`, JSONL `note`); empty for none.
    public var note: String

    public init(
        linkID: Int64, pairID: Int64, source: String, target: String, score: Double, status: String,
        sourceSentences: [Int], targetSentences: [Int], languages: LanguagePair, note: String = ""
    ) {
        self.languages = languages
        self.note = note
        self.linkID = linkID
        self.pairID = pairID
        self.source = source
        self.target = target
        self.score = score
        self.status = status
        self.sourceSentences = sourceSentences
        self.targetSentences = targetSentences
    }

    /// A 1-0 or 0-1 link: parallel formats leave it out by default.
    public var isNull: Bool { source.isEmpty || target.isEmpty }
}

/// The export formats. Writers are streaming: `header`, then `unit` per link, then `footer`,
/// each returning the text to append (Moses returns one line per side).
public enum ExportFormat: String, Sendable, CaseIterable {
    case tmx, xliff, tsv, moses, jsonl

    /// Whether the format is line- or unit-parallel (null links left out by default).
    public var isParallel: Bool { self != .jsonl }
}

/// Text escaping for XML 1.0: markup characters escaped, characters XML cannot carry dropped.
public enum XMLText {
    public static func escape(_ text: String, attribute: Bool = false) -> String {
        // Most text has nothing to escape: check the bytes before rebuilding the string.
        let clean = text.utf8.allSatisfy { byte in
            byte >= 0x20
                ? byte != 0x26 && byte != 0x3C && byte != 0x3E && !(attribute && byte == 0x22) && byte != 0xEF
                : byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
        if clean { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        var utf8 = Array(text.utf8)
        utf8.append(0)  // a sentinel so look-ahead needs no bounds check
        var index = 0
        while index < utf8.count - 1 {
            let byte = utf8[index]
            switch byte {
            case 0x26: bytes.append(contentsOf: Array("&amp;".utf8))
            case 0x3C: bytes.append(contentsOf: Array("&lt;".utf8))
            case 0x3E: bytes.append(contentsOf: Array("&gt;".utf8))
            case 0x22 where attribute: bytes.append(contentsOf: Array("&quot;".utf8))
            case 0x09, 0x0A, 0x0D: bytes.append(byte)
            case 0x00..<0x20: break  // not allowed in XML 1.0
            case 0xEF
            where index + 2 < utf8.count - 1 && utf8[index + 1] == 0xBF && (utf8[index + 2] == 0xBE || utf8[index + 2] == 0xBF):
                index += 2  // U+FFFE and U+FFFF are not XML characters
            default: bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// TMX 1.4b: one `<tu>` per link with both `<tuv xml:lang>` (the languages of the link's pair), and
/// pair, status and score as properties. The header's `srclang` is the source language, or `*all*`
/// when the pairs exported have several.
public struct TMXWriter: Sendable {
    public var sourceLanguage: String
    public var targetLanguage: String
    public var toolVersion: String
    public var creationDate: String  // YYYYMMDDThhmmssZ

    public init(sourceLanguage: String, targetLanguage: String, toolVersion: String, creationDate: String) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.toolVersion = toolVersion
        self.creationDate = creationDate
    }

    public func header() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE tmx SYSTEM "tmx14.dtd">
        <tmx version="1.4">
          <header creationtool="Padan" creationtoolversion="\(XMLText.escape(toolVersion, attribute: true))" segtype="sentence" o-tmf="Padan" adminlang="en" srclang="\(XMLText.escape(sourceLanguage, attribute: true))" datatype="plaintext" creationdate="\(creationDate)"/>
          <body>

        """
    }

    public func unit(_ unit: ExportUnit) -> String {
        let score = LadderFormat.formatScore(unit.score)
        return """
                <tu tuid="\(unit.linkID)">
                  <prop type="x-padan-pair">\(unit.pairID)</prop>
                  <prop type="x-padan-status">\(XMLText.escape(unit.status))</prop>
                  <prop type="x-padan-score">\(score)</prop>
            \(unit.note.isEmpty ? "" : "      <note>\(XMLText.escape(unit.note))</note>\n")      <tuv xml:lang="\(XMLText.escape(unit.languages.source, attribute: true))"><seg>\(XMLText.escape(unit.source))</seg></tuv>
                  <tuv xml:lang="\(XMLText.escape(unit.languages.target, attribute: true))"><seg>\(XMLText.escape(unit.target))</seg></tuv>
                </tu>

            """
    }

    public func footer() -> String { "  </body>\n</tmx>\n" }
}

/// XLIFF 2.0: one `<unit>` per link; `state` on `<segment>` (confirmed and edited → `reviewed`,
/// automatic → `translated`, rejected → `initial`).
public struct XLIFFWriter: Sendable {
    public var sourceLanguage: String
    public var targetLanguage: String

    public init(sourceLanguage: String, targetLanguage: String) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }

    public func header() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="\(XMLText.escape(sourceLanguage, attribute: true))" trgLang="\(XMLText.escape(targetLanguage, attribute: true))">
          <file id="padan">

        """
    }

    public static func state(_ status: String) -> String {
        switch status {
        case "confirmed", "edited": return "reviewed"
        case "rejected": return "initial"
        default: return "translated"
        }
    }

    public func unit(_ unit: ExportUnit) -> String {
        """
            <unit id="link\(unit.linkID)">
        \(unit.note.isEmpty ? "" : "      <notes><note category=\"review\">\(XMLText.escape(unit.note))</note></notes>\n")      <segment id="s\(unit.linkID)" state="\(Self.state(unit.status))">
                <source>\(XMLText.escape(unit.source))</source>
                <target>\(XMLText.escape(unit.target))</target>
              </segment>
            </unit>

        """
    }

    public func footer() -> String { "  </file>\n</xliff>\n" }
}

/// TSV columns: source, target, score, status, link id. Tabs and line breaks inside a text
/// become spaces.
public enum TSVWriter {
    public static let header = "source\ttarget\tscore\tstatus\tlink\n"

    public static func unit(_ unit: ExportUnit) -> String {
        let score = LadderFormat.formatScore(unit.score)
        return [field(unit.source), field(unit.target), score, unit.status, String(unit.linkID)].joined(separator: "\t") + "\n"
    }

    /// `text` on one line: tabs and line breaks become spaces (TSV, Moses, glossary files).
    public static func field(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }
}

/// Moses plain text: two line-parallel files, one sentence group per line.
public enum MosesWriter {
    public static func lines(_ unit: ExportUnit) -> (source: String, target: String) {
        (TSVWriter.field(unit.source) + "\n", TSVWriter.field(unit.target) + "\n")
    }
}

/// JSON Lines: one object per link.
public enum JSONLWriter {
    public static func unit(_ unit: ExportUnit) -> String {
        func string(_ text: String) -> String {
            var result = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": result += "\\\""
                case "\\": result += "\\\\"
                case "\n": result += "\\n"
                case "\r": result += "\\r"
                case "\t": result += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        result.unicodeScalars.append(scalar)
                    }
                }
            }
            return result + "\""
        }
        let score = LadderFormat.formatScore(unit.score)
        return "{\"id\":\(unit.linkID),\"pair\":\(unit.pairID),\"status\":\(string(unit.status)),\"score\":\(score),"
            + "\"source_sentences\":[\(unit.sourceSentences.map(String.init).joined(separator: ","))],"
            + "\"target_sentences\":[\(unit.targetSentences.map(String.init).joined(separator: ","))],"
            + "\"source\":\(string(unit.source)),\"target\":\(string(unit.target)),"
            + "\"source_language\":\(string(unit.languages.source)),\"target_language\":\(string(unit.languages.target))"
            + (unit.note.isEmpty ? "" : ",\"note\":\(string(unit.note))") + "}\n"
    }
}
