import Foundation

/// Reads FreeDict dictionaries in dictd format (an `.index` of `headword<TAB>offset<TAB>length`
/// in base64 digits, and the uncompressed `.dict` text) into lexicon pairs. FreeDict entries:
/// `headword /ipa/ <pos>`, then either one line of comma-separated translations and gloss lines,
/// or numbered senses `N. trans, trans` each followed by glosses.
public enum DictdFormat {
    /// (headword, translation) pairs, headword in the dictionary's source language. Affix entries
    /// (`<prefix>`, `<suffix>`) are left out; `[[wiki]]` brackets and optional `(parts)` removed.
    public static func pairs(index: String, dictionary: [UInt8]) -> [(headword: String, translation: String)] {
        var result: [(String, String)] = []
        var seen = Set<[Int]>()
        for line in index.lines() {
            let fields = line.split(separator: "\t")
            guard fields.count >= 3, !fields[0].hasPrefix("00database"),
                let offset = base64Number(fields[1]), let length = base64Number(fields[2]),
                offset >= 0, length > 0, offset + length <= dictionary.count,
                seen.insert([offset, length]).inserted
            else { continue }
            let entry = String(decoding: dictionary[offset..<offset + length], as: UTF8.self)
            result.append(contentsOf: parseEntry(entry))
        }
        return result
    }

    static func base64Number(_ text: Substring) -> Int? {
        var value = 0
        for scalar in text.unicodeScalars {
            let digit: Int
            switch scalar.value {
            case 65...90: digit = Int(scalar.value) - 65
            case 97...122: digit = Int(scalar.value) - 97 + 26
            case 48...57: digit = Int(scalar.value) - 48 + 52
            case 43: digit = 62
            case 47: digit = 63
            default: return nil
            }
            value = value * 64 + digit
            if value > Int(Int32.max) { return nil }
        }
        return value
    }

    static func parseEntry(_ entry: String) -> [(String, String)] {
        let lines = entry.lines().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        var result: [(String, String)] = []
        var index = 0
        while index < lines.count {
            guard let (headword, partOfSpeech) = headLine(lines[index]) else {
                index += 1
                continue
            }
            index += 1
            var block: [Substring] = []
            while index < lines.count && headLine(lines[index]) == nil {
                block.append(lines[index])
                index += 1
            }
            guard let first = block.first, partOfSpeech != "prefix", partOfSpeech != "suffix" else { continue }
            let translationLines = senseNumber(first) == nil ? [first] : block.filter { senseNumber($0) != nil }
            for line in translationLines {
                var text = Substring(line)
                if let number = senseNumber(line) { text = line.dropFirst(number) }
                for translation in splitTranslations(stripTrailingSense(String(text))) {
                    let cleaned = clean(translation)
                    if !cleaned.isEmpty { result.append((headword, cleaned)) }
                }
            }
        }
        return result
    }

    /// `headword /ipa/ <pos>` → (headword, pos).
    static func headLine(_ line: Substring) -> (String, String)? {
        guard let first = line.first, first != " ", first != "/", first != "<", line.hasSuffix(">"),
            let open = line.lastIndex(of: "<")
        else { return nil }
        let partOfSpeech = line[line.index(after: open)..<line.index(before: line.endIndex)]
        guard !partOfSpeech.isEmpty, partOfSpeech.allSatisfy({ $0.isLetter || $0 == " " }) else { return nil }
        var headword = line[..<open]
        if let slash = headword.firstIndex(of: "/") { headword = headword[..<slash] }
        let trimmed = headword.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : (trimmed, String(partOfSpeech))
    }

    /// Length of a leading `N. ` sense number, if any.
    static func senseNumber(_ line: Substring) -> Int? {
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return digits.count + 2
    }

    /// `otoritas 2.` → `otoritas` (a stray gloss number at the end of a translation line).
    static func stripTrailingSense(_ text: String) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("."), let space = trimmed.lastIndex(of: " "),
            trimmed[trimmed.index(after: space)...].dropLast().allSatisfy({ $0.isNumber })
        {
            trimmed = String(trimmed[..<space])
        }
        return trimmed
    }

    static func splitTranslations(_ text: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in text {
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" { depth -= 1 }
            if character == "," && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func clean(_ text: String) -> String {
        var result = text.replacingOccurrences(of: "[[", with: "").replacingOccurrences(of: "]]", with: "")
        while let open = result.firstIndex(of: "("), let close = result[open...].firstIndex(of: ")") {
            result.replaceSubrange(open...close, with: " ")
        }
        return result.split(separator: " ").joined(separator: " ")
    }
}
