/// A token of a sentence as the aligner sees it.
public struct WordToken: Hashable, Sendable {
    public enum Kind: Sendable { case word, number, mark }
    public var text: String
    public var kind: Kind
    /// Where the token stands in the sentence (a mark: the character it stands for).
    public var range: Range<String.Index>
}

/// Splits a sentence into words, numbers and the punctuation marks that carry alignment evidence
/// (question and exclamation marks, quotation marks). Language-independent.
public enum Tokenizer {
    public static func tokens(_ sentence: String) -> [WordToken] {
        var result: [WordToken] = []
        let view = sentence.unicodeScalars
        var scalars: [Unicode.Scalar] = []
        var positions: [String.Index] = []
        scalars.reserveCapacity(sentence.utf8.count)
        positions.reserveCapacity(sentence.utf8.count + 1)
        for position in view.indices {
            scalars.append(view[position])
            positions.append(position)
        }
        positions.append(view.endIndex)
        // A token is a run of scalars: its text is sliced out of the sentence once, at its end.
        var tokenStart = -1
        var isNumber = true
        func flush(upTo end: Int) {
            defer {
                tokenStart = -1
                isNumber = true
            }
            guard tokenStart >= 0 else { return }
            // Trailing separators (`5.000.` at a sentence end) are punctuation, not the number.
            var stop = end
            while stop > tokenStart,
                scalars[stop - 1] == "." || scalars[stop - 1] == "," || scalars[stop - 1] == "-"
                    || scalars[stop - 1] == "'"
            {
                stop -= 1
            }
            if stop > tokenStart {
                let range = positions[tokenStart]..<positions[stop]
                result.append(WordToken(text: String(view[range]), kind: isNumber ? .number : .word, range: range))
            }
        }
        for (index, scalar) in scalars.enumerated() {
            let kind = classify(scalar)
            if kind != .other {
                if kind != .digit { isNumber = false }
                if tokenStart < 0 { tokenStart = index }
                continue
            }
            // Keep `5.000`, `2,29`, `09.30`, `anak-anak`, `Asy'ari` in one token.
            if tokenStart >= 0, index + 1 < scalars.count,
                scalar == "." || scalar == "," || scalar == "-" || scalar == "'" || scalar == "’" || scalar == ":",
                classify(scalars[index + 1]) != .other
            {
                let joinsNumber = isNumber && classify(scalars[index + 1]) == .digit
                let joinsWord = !isNumber && (scalar == "-" || scalar == "'" || scalar == "’")
                if joinsNumber || joinsWord { continue }
            }
            flush(upTo: index)
            let here = positions[index]..<positions[index + 1]
            switch scalar {
            case "?", "¿": result.append(WordToken(text: "?", kind: .mark, range: here))
            case "!", "¡": result.append(WordToken(text: "!", kind: .mark, range: here))
            case "(": result.append(WordToken(text: "(", kind: .mark, range: here))
            case "\"", "“", "”", "„", "«", "»", "‚", "‹", "›":
                result.append(WordToken(text: "\"", kind: .mark, range: here))
            default: break
            }
        }
        flush(upTo: scalars.count)
        return result
    }

    enum ScalarClass { case letter, digit, other }

    /// Letters (and combining marks) and digits, with an ASCII fast path.
    @inline(__always)
    static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        let value = scalar.value
        if value < 0x80 {
            if (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) { return .letter }
            if value >= 0x30 && value <= 0x39 { return .digit }
            return .other
        }
        let properties = scalar.properties
        if properties.numericType != nil { return .digit }
        if properties.isAlphabetic || properties.generalCategory == .nonspacingMark { return .letter }
        return .other
    }

    /// The digits of a number, so `5.000`, `5,000` and `5000` (or `2,29` and `2.29`) agree.
    public static func numberKey(_ token: String) -> String {
        String(token.unicodeScalars.filter { $0.properties.numericType != nil }.map(Character.init))
    }
}
