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
        let utf8 = sentence.utf8
        forEachToken(in: sentence) { kind, text, bytes in
            let range =
                utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)
            result.append(WordToken(text: text, kind: kind, range: range))
        }
        return result
    }

    /// Calls `body` with each token's kind, text and UTF-8 offsets in the sentence, in order
    /// (what `tokens(_:)` returns, without building ranges or an array).
    static func forEachToken(in sentence: String, _ body: (WordToken.Kind, String, Range<Int>) -> Void) {
        forEachTokenText(in: sentence) { kind, text, offsets in body(kind, String(decoding: text, as: UTF8.self), offsets) }
    }

    /// Calls `body` with each token's kind, UTF-8 text and UTF-8 offsets in the sentence, in
    /// order: `forEachToken(in:_:)` without a string per token, for a caller that looks most
    /// tokens up by their bytes. A mark's text is the mark it stands for (`"` for `«`); the
    /// buffer is valid only during the call.
    /// - Returns: the number of Unicode scalars in the sentence (decoded on the way).
    @discardableResult
    static func forEachTokenText(
        in sentence: String, _ body: (WordToken.Kind, UnsafeBufferPointer<UInt8>, Range<Int>) -> Void
    ) -> Int {
        var text = sentence
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in scan(bytes, body) } ?? sentence.unicodeScalars.count
    }

    /// A sentence of ASCII only is read from its bytes as they are; any other has its scalars
    /// decoded once into stack buffers. Either way a token's text is cut from the bytes by
    /// offset. Returns the number of scalars.
    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (WordToken.Kind, UnsafeBufferPointer<UInt8>, Range<Int>) -> Void
    ) -> Int {
        if isASCII(bytes) {
            scan(bytes, scalars: ASCIIScalars(bytes: bytes), body)
            return bytes.count
        }
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: bytes.count + 1) { scalars in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: bytes.count + 1) { offsets in
                var count = 0
                var byte = 0
                while byte < bytes.count {
                    let lead = bytes[byte]
                    var value = UInt32(lead)
                    var length = 1
                    if lead >= 0xF0 {
                        value &= 0x07
                        length = 4
                    } else if lead >= 0xE0 {
                        value &= 0x0F
                        length = 3
                    } else if lead >= 0xC0 {
                        value &= 0x1F
                        length = 2
                    }
                    for next in stride(from: byte + 1, to: min(byte + length, bytes.count), by: 1) {
                        value = value << 6 | UInt32(bytes[next] & 0x3F)
                    }
                    scalars[count] = Unicode.Scalar(value) ?? "\u{FFFD}"
                    offsets[count] = byte
                    count += 1
                    byte += length
                }
                offsets[count] = bytes.count
                scan(
                    bytes,
                    scalars: DecodedScalars(
                        scalars: UnsafeBufferPointer(rebasing: scalars[0..<count]),
                        offsets: UnsafeBufferPointer(rebasing: offsets[0...count])), body)
                return count
            }
        }
    }

    /// Whether every byte is below 0x80, tested eight at a time.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        var highBits: UInt64 = 0
        while offset + 8 <= raw.count {
            highBits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < raw.count {
            highBits |= UInt64(raw[offset])
            offset += 1
        }
        return highBits & 0x8080_8080_8080_8080 == 0
    }

    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, scalars: some ScannedScalars,
        _ body: (WordToken.Kind, UnsafeBufferPointer<UInt8>, Range<Int>) -> Void
    ) {
        // A token is a run of scalars: its text is cut out of the bytes once, at its end.
        var tokenStart = -1
        var isNumber = true
        // Whether the token began right after a number's digits (`90kg`, `1970s`, `3rd`).
        var followsNumber = false
        func flush(upTo end: Int) {
            defer {
                tokenStart = -1
                isNumber = true
                followsNumber = false
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
                let text = UnsafeBufferPointer(rebasing: bytes[scalars.offset(tokenStart)..<scalars.offset(stop)])
                // An ordinal's or a decade's ending says nothing the number does not.
                if followsNumber && isNumberEnding(text) { return }
                body(isNumber ? .number : .word, text, scalars.offset(tokenStart)..<scalars.offset(stop))
            }
        }
        for index in 0..<scalars.count {
            let scalar = scalars[index]
            let kind = classify(scalar)
            if kind != .other {
                // A number written with its unit or ending (`90kg`, `1970s`, `3rd`) is the number,
                // then the rest, as a translation that writes `90 kg` or `1970-an` has them.
                if kind == .letter && isNumber && tokenStart >= 0 {
                    flush(upTo: index)
                    followsNumber = true
                }
                if kind != .digit { isNumber = false }
                if tokenStart < 0 { tokenStart = index }
                continue
            }
            // Keep `5.000`, `2,29`, `09.30`, `anak-anak`, `Asy'ari` in one token.
            if tokenStart >= 0, index + 1 < scalars.count,
                scalar == "." || scalar == "," || scalar == "-" || scalar == "'" || scalar == "’" || scalar == ":",
                classify(scalars[index + 1]) != .other
            {
                // A hyphen between digits marks a range or a score (`1881-1902`, `5-3`), which
                // translations often write with words or spaces (`de 1881 à 1902`, `5 - 3`).
                let joinsNumber = isNumber && scalar != "-" && classify(scalars[index + 1]) == .digit
                // A hyphen before digits joins no word: `ke-3`, `abad ke-21` are ordinals of a
                // number, as `3rd` and `21st` are.
                let joinsWord =
                    !isNumber && (scalar == "-" || scalar == "'" || scalar == "’")
                    && classify(scalars[index + 1]) == .letter
                if joinsNumber || joinsWord { continue }
            }
            flush(upTo: index)
            let mark: StaticString? =
                switch scalar {
                case "?", "¿": "?"
                case "!", "¡": "!"
                case "(": "("
                case "\"", "“", "”", "„", "«", "»", "‚", "‹", "›": "\""
                default: nil
                }
            if let mark { mark.withUTF8Buffer { body(.mark, $0, scalars.offset(index)..<scalars.offset(index + 1)) } }
        }
        flush(upTo: scalars.count)
    }

    /// English endings written onto a number: ordinals and decades (`21st`, `2nd`, `3rd`, `4th`,
    /// `1970s`).
    static let numberEndings: Set<String> = ["s", "st", "nd", "rd", "th"]

    /// Whether `text` is one of `numberEndings`, in any case (they are ASCII: a longer or
    /// non-ASCII token is none of them).
    private static func isNumberEnding(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count <= 2, text.allSatisfy({ $0 < 0x80 }) else { return false }
        return numberEndings.contains(String(decoding: text, as: UTF8.self).lowercased())
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

/// The scalars of a sentence and the UTF-8 offset each starts at (one more: the end), as the
/// tokenizer reads them.
private protocol ScannedScalars {
    var count: Int { get }
    subscript(_ index: Int) -> Unicode.Scalar { get }
    /// The UTF-8 offset of scalar `index`; `offset(count)` is the sentence's length in bytes.
    func offset(_ index: Int) -> Int
}

/// A sentence of ASCII only: each byte is a scalar at its own offset.
private struct ASCIIScalars: ScannedScalars {
    let bytes: UnsafeBufferPointer<UInt8>
    var count: Int { bytes.count }
    subscript(_ index: Int) -> Unicode.Scalar { Unicode.Scalar(bytes[index]) }
    func offset(_ index: Int) -> Int { index }
}

/// A sentence's scalars decoded from its UTF-8, with their offsets.
private struct DecodedScalars: ScannedScalars {
    let scalars: UnsafeBufferPointer<Unicode.Scalar>
    let offsets: UnsafeBufferPointer<Int>
    var count: Int { scalars.count }
    subscript(_ index: Int) -> Unicode.Scalar { scalars[index] }
    func offset(_ index: Int) -> Int { offsets[index] }
}
