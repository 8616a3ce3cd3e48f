import Foundation

/// Character tests on UTF-16 code units, for the segmenter's hot loop. ASCII is decided by
/// table; anything else by Unicode properties of the scalar.
enum UTF16Scalars {
    /// The UTF-16 code units of `text`, decoded straight from its UTF-8 (faster than
    /// `Array(text.utf16)`, which first counts through index breadcrumbs).
    static func units(of text: String) -> [UInt16] {
        var copy = text
        return copy.withUTF8 { bytes in
            // UTF-16 never needs more units than UTF-8 has bytes: write into that much, directly.
            [UInt16](unsafeUninitializedCapacity: bytes.count) { buffer, written in
                guard let units = buffer.baseAddress, let input = bytes.baseAddress else {
                    written = 0
                    return
                }
                var out = 0
                var index = 0
                let count = bytes.count
                while index < count {
                    let run = asciiLength(bytes, from: index, to: count)
                    for offset in 0..<run { (units + out + offset).initialize(to: UInt16((input + index + offset).pointee)) }
                    out += run
                    index += run
                    guard index < count else { break }
                    let byte = bytes[index]
                    if byte < 0xE0, index + 1 < count {
                        units[out] = UInt16(byte & 0x1F) << 6 | UInt16(bytes[index + 1] & 0x3F)
                        out += 1
                        index += 2
                    } else if byte < 0xF0, index + 2 < count {
                        units[out] =
                            UInt16(byte & 0x0F) << 12 | UInt16(bytes[index + 1] & 0x3F) << 6 | UInt16(bytes[index + 2] & 0x3F)
                        out += 1
                        index += 3
                    } else if index + 3 < count {
                        let scalar =
                            UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                        let value = scalar - 0x10000
                        units[out] = UInt16(0xD800 + (value >> 10))
                        units[out + 1] = UInt16(0xDC00 + (value & 0x3FF))
                        out += 2
                        index += 4
                    } else {
                        index += 1  // a truncated sequence cannot occur in a valid String
                    }
                }
                written = out
            }
        }
    }

    /// How many bytes from `start` (up to `end`) are ASCII, checked eight at a time: news text is
    /// mostly ASCII, and the conversions between UTF-8 and UTF-16 offsets skip such runs whole.
    @inline(__always)
    static func asciiLength(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var index = start
        while index + 8 <= end {
            if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < end && bytes[index] < 0x80 { index += 1 }
        return index - start
    }

    /// Where an ASCII character stands in `units`, found with memchr over the bytes (periods
    /// and parentheses are rare; a loop over every unit is not).
    static func positions(of character: UInt16, in units: [UInt16]) -> [Int] {
        var found: [Int] = []
        units.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let hit = memchr(base + offset, Int32(character), bytes.count - offset) {
                let byte = UnsafeRawPointer(hit) - base
                offset = byte + 1
                // The character's byte must be a whole unit (native order), not half of another.
                if byte % 2 == 0, units[byte / 2] == character { found.append(byte / 2) }
            }
        }
        return found
    }

    static let newline: UInt16 = 0x0A
    static let period: UInt16 = 0x2E
    static let questionMark: UInt16 = 0x3F
    static let exclamationMark: UInt16 = 0x21
    static let leftParenthesis: UInt16 = 0x28
    static let rightParenthesis: UInt16 = 0x29
    static let rightBracket: UInt16 = 0x5D

    static func isSpace(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x2028, 0x2029, 0x202F, 0x3000: return true
        case 0x2000...0x200A: return true
        default: return false
        }
    }

    static func isDigit(_ unit: UInt16) -> Bool { unit >= 0x30 && unit <= 0x39 }

    /// Closing quotes and brackets that may follow a terminator.
    static func isClosing(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x201D, 0x2019, 0xBB, 0x203A: return true
        default: return false
        }
    }

    /// Opening quotes and brackets that may precede a word.
    static func isOpening(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0x201C, 0x2018, 0xAB, 0x2039: return true
        default: return false
        }
    }

    static func isUppercase(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return unit >= 0x41 && unit <= 0x5A }
        guard let scalar = Unicode.Scalar(unit) else { return false }
        return scalar.properties.isUppercase
    }

    static func isLowercase(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return unit >= 0x61 && unit <= 0x7A }
        guard let scalar = Unicode.Scalar(unit) else { return false }
        return scalar.properties.isLowercase
    }

    /// First letter-or-digit of `token`, skipping opening quotes and brackets.
    static func firstSignificant(_ token: ArraySlice<UInt16>) -> UInt16? {
        token.first { !isOpening($0) }
    }

    static func startsLowercase(_ token: ArraySlice<UInt16>) -> Bool {
        firstSignificant(token).map(isLowercase) ?? false
    }

    /// A short part of a code: one to six capitals or digits (`XI`, `B`, `13`).
    static func isCodePart(_ token: ArraySlice<UInt16>) -> Bool {
        (1...6).contains(token.count) && token.allSatisfy { isDigit($0) || isUppercase($0) }
    }

    /// A code with points inside and a digit (`B.02.00`, `IX.E.1`), a closing period allowed.
    static func isDottedCode(_ token: ArraySlice<UInt16>) -> Bool {
        var body = token
        while let last = body.last, last == period || isClosing(last) { body = body.dropLast() }
        guard body.count >= 3, body.contains(period), body.contains(where: isDigit), let first = body.first,
            first != period
        else { return false }
        return body.allSatisfy { isDigit($0) || isUppercase($0) || $0 == period }
    }

    static func startsUppercase(_ token: ArraySlice<UInt16>) -> Bool {
        firstSignificant(token).map(isUppercase) ?? false
    }

    /// Tokens longer than this are not words: scans stop there, so a huge line without spaces
    /// costs linear time.
    static let longestToken = 256

    static func tokenStart(before end: Int, in units: [UInt16]) -> Int {
        var start = end
        let limit = max(0, end - longestToken)
        while start > limit && !isSpace(units[start - 1]) { start -= 1 }
        return start
    }

    static func tokenEnd(from start: Int, in units: [UInt16]) -> Int {
        var end = start
        let limit = min(units.count, start + longestToken)
        while end < limit && !isSpace(units[end]) { end += 1 }
        return end
    }

    /// The whitespace-delimited token starting at `offset` (empty at the end of the text).
    static func token(at offset: Int, in units: [UInt16]) -> ArraySlice<UInt16> {
        units[offset..<tokenEnd(from: offset, in: units)]
    }

    /// The token before the one starting at `start`, skipping whitespace.
    static func previousToken(before start: Int, in units: [UInt16]) -> ArraySlice<UInt16> {
        var end = start
        while end > 0 && isSpace(units[end - 1]) { end -= 1 }
        return units[tokenStart(before: end, in: units)..<end]
    }

    /// The letters of the word at `offset`, without surrounding quotes or punctuation.
    /// A String of UTF-16 units: ASCII (nearly every word the rules look up) is copied byte for
    /// byte, skipping the general decoder with repair, which dominated segmentation time.
    @inline(__always)
    public static func string<Units: Collection<UInt16>>(_ units: Units) -> String {
        var ascii = true
        for unit in units where unit >= 0x80 {
            ascii = false
            break
        }
        guard ascii else { return String(decoding: units, as: UTF16.self) }
        return String(unsafeUninitializedCapacity: units.count) { buffer in
            var index = 0
            for unit in units {
                buffer[index] = UInt8(truncatingIfNeeded: unit)
                index += 1
            }
            return index
        }
    }

    static func word(at offset: Int, in units: [UInt16]) -> String {
        let token = self.token(at: offset, in: units)
        let letters = token.drop(while: isOpening).prefix { unit in
            isUppercase(unit) || isLowercase(unit) || unit >= 0x80
        }
        return string(letters)
    }

    /// `B.`, `B.J.`, `K.H.`, `Th.` is not: capitals each followed by a period.
    static func isInitials(_ core: ArraySlice<UInt16>) -> Bool {
        guard core.count >= 2, core.count % 2 == 0 else { return false }
        var index = core.startIndex
        while index < core.endIndex {
            guard isUppercase(core[index]), core[index + 1] == period else { return false }
            index += 2
        }
        return true
    }

    /// `1.`, `12.`, `a.`, `b.` (list item numbers).
    static func isListMarker(_ core: ArraySlice<UInt16>) -> Bool {
        guard core.count >= 2, core.count <= 4, core.last == period else { return false }
        let body = core.dropLast()
        if body.allSatisfy(isDigit) { return true }
        return body.count == 1 && isLowercase(body[body.startIndex])
    }

    static func isEllipsis(_ core: ArraySlice<UInt16>) -> Bool {
        core.count >= 2 && core.suffix(2).allSatisfy { $0 == period }
    }

    /// URLs and e-mail addresses, where ICU's breaks at `?` or `.` are wrong.
    static func looksLikeAddress(_ token: ArraySlice<UInt16>) -> Bool {
        let text = string(token).lowercased()
        return text.contains("://") || text.hasPrefix("www.") || text.contains("@")
            || text.contains("/")
    }

    /// Whether a `)` closes an open parenthesis within the next 200 code units of the same line.
    static func closesParenthesis(after offset: Int, in units: [UInt16]) -> Bool {
        var depth = 0
        var index = offset
        let limit = min(units.count, offset + 200)
        while index < limit {
            let unit = units[index]
            if unit == newline { return false }
            if unit == 0x28 {
                depth += 1
            } else if unit == rightParenthesis {
                if depth == 0 { return true }
                depth -= 1
            }
            index += 1
        }
        return false
    }

    /// How many paragraph separators (blank lines) lie in `units[from..<to]`.
    static func paragraphSeparators(in units: [UInt16], from: Int, to: Int) -> Int {
        var count = 0
        var newlines = 0
        var index = from
        while index < to {
            let unit = units[index]
            if unit == newline {
                newlines += 1
                if newlines == 2 { count += 1 }
            } else if !isSpace(unit) {
                newlines = 0
            }
            index += 1
        }
        return count
    }
}
