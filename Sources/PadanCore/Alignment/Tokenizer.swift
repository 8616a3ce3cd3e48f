/// A token of a sentence as the aligner sees it.
public struct WordToken: Hashable, Sendable {
    public enum Kind: Sendable { case word, number, mark }
    public var text: String
    public var kind: Kind
}

/// Splits a sentence into words, numbers and the punctuation marks that carry alignment evidence
/// (question and exclamation marks, quotation marks). Language-independent.
public enum Tokenizer {
    public static func tokens(_ sentence: String) -> [WordToken] {
        var result: [WordToken] = []
        var current = String.UnicodeScalarView()
        var isNumber = true
        func flush() {
            // Trailing separators (`5.000.` at a sentence end) are punctuation, not the number.
            while let last = current.last, last == "." || last == "," || last == "-" || last == "'" {
                current.removeLast()
            }
            if !current.isEmpty {
                result.append(WordToken(text: String(current), kind: isNumber ? .number : .word))
            }
            current = String.UnicodeScalarView()
            isNumber = true
        }
        let scalars = Array(sentence.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark {
                if properties.numericType == nil { isNumber = false }
                current.append(scalar)
                continue
            }
            // Keep `5.000`, `2,29`, `09.30`, `anak-anak`, `Asy'ari` in one token.
            if !current.isEmpty, index + 1 < scalars.count,
                scalar == "." || scalar == "," || scalar == "-" || scalar == "'" || scalar == "’" || scalar == ":",
                scalars[index + 1].properties.isAlphabetic || scalars[index + 1].properties.numericType != nil
            {
                let joinsNumber = isNumber && scalars[index + 1].properties.numericType != nil
                let joinsWord = !isNumber && (scalar == "-" || scalar == "'" || scalar == "’")
                if joinsNumber || joinsWord {
                    current.append(scalar)
                    continue
                }
            }
            flush()
            switch scalar {
            case "?", "¿": result.append(WordToken(text: "?", kind: .mark))
            case "!", "¡": result.append(WordToken(text: "!", kind: .mark))
            case "(": result.append(WordToken(text: "(", kind: .mark))
            case "\"", "“", "”", "„", "«", "»", "‚", "‹", "›":
                result.append(WordToken(text: "\"", kind: .mark))
            default: break
            }
        }
        flush()
        return result
    }

    /// The digits of a number, so `5.000`, `5,000` and `5000` (or `2,29` and `2.29`) agree.
    public static func numberKey(_ token: String) -> String {
        String(token.unicodeScalars.filter { $0.properties.numericType != nil }.map(Character.init))
    }
}
