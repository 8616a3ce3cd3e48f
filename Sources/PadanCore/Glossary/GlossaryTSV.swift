import Foundation

/// A glossary term as exchanged in files: Indonesian term, English equivalent, note.
public struct GlossaryEntry: Hashable, Sendable, Codable {
    public var indonesian: String
    public var english: String
    public var note: String

    public init(indonesian: String, english: String, note: String = "") {
        self.indonesian = indonesian
        self.english = english
        self.note = note
    }
}

/// The glossary TSV format (as OmegaT reads it): a header row `id<TAB>en[<TAB>note]`, then one
/// term per line.
public enum GlossaryTSV {
    public struct MalformedLine: Error, Equatable {
        public var line: Int
        public var reason: String
    }

    public static func parse(_ text: String) -> Result<[GlossaryEntry], MalformedLine> {
        var entries: [GlossaryEntry] = []
        var sawHeader = false
        for (index, rawLine) in text.lines().enumerated() {
            var line = rawLine
            if index == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if !sawHeader {
                sawHeader = true
                if fields.first?.lowercased() == "id" && fields.count >= 2 && fields[1].lowercased() == "en" { continue }
            }
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                return .failure(MalformedLine(line: index + 1, reason: "expected `indonesian<TAB>english[<TAB>note]`"))
            }
            entries.append(GlossaryEntry(indonesian: fields[0], english: fields[1], note: fields.count > 2 ? fields[2] : ""))
        }
        return .success(entries)
    }
}
