/// A key the review screen reacts to.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    case control(Character)
    /// Alt (Meta) with a key: the terminal sends Escape then the key (`ESC b`).
    case alt(Character)
    case delete
    /// Text the terminal pasted (bracketed paste): never keys, only text for a prompt or field.
    case paste(String)
}

/// Turns the bytes a terminal sends into keys: UTF-8 characters, control keys and the escape
/// sequences of arrows and paging keys (both the `ESC [` and the `ESC O` forms). A sequence cut
/// between two reads waits for the rest; a lone escape is the Escape key. Text between the
/// bracketed-paste marks (`ESC [ 200 ~` … `ESC [ 201 ~`) is one `.paste`, however long and
/// whatever it holds, so pasted text can never run commands.
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []
    /// Bytes of a paste whose end mark has not come yet.
    private var pasted: [UInt8]?

    static let pasteStart = Array("\u{1B}[200~".utf8)
    static let pasteEnd = Array("\u{1B}[201~".utf8)

    public init() {}

    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var index = 0
        while index < pending.count {
            if pasted != nil {
                // Inside a paste: everything up to the end mark is text.
                if let end = Self.find(Self.pasteEnd, in: pending, from: index) {
                    pasted?.append(contentsOf: pending[index..<end])
                    keys.append(.paste(String(decoding: pasted ?? [], as: UTF8.self)))
                    pasted = nil
                    index = end + Self.pasteEnd.count
                    continue
                }
                // Keep a tail that may be the start of the end mark.
                let keep = max(index, pending.count - Self.pasteEnd.count + 1)
                pasted?.append(contentsOf: pending[index..<keep])
                index = keep
                break
            }
            if pending[index...].starts(with: Self.pasteStart) {
                pasted = []
                index += Self.pasteStart.count
                continue
            }
            guard let (key, length) = decode(at: index) else { break }
            if let key { keys.append(key) }
            index += length
        }
        pending.removeFirst(index)
        return keys
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count - start >= needle.count else { return nil }
        for index in start...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index }
        }
        return nil
    }

    /// The key at `index` and the bytes it takes; nil when more bytes are needed.
    private func decode(at index: Int) -> (Key?, Int)? {
        let byte = pending[index]
        switch byte {
        case 0x1B: return decodeEscape(at: index)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x09: return (.tab, 1)
        case 0x00..<0x20: return (.control(Character(Unicode.Scalar(byte + 0x60))), 1)
        default: break
        }
        let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        guard index + length <= pending.count else { return nil }
        let text = String(decoding: pending[index..<index + length], as: UTF8.self)
        return (text.first.map(Key.character), length)
    }

    private func decodeEscape(at index: Int) -> (Key?, Int)? {
        guard index + 1 < pending.count else { return (.escape, 1) }
        let introducer = pending[index + 1]
        guard introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else {
            // ESC and a letter or digit: Alt with that key (word moves in a text field).
            if (0x30...0x39).contains(introducer) || (0x41...0x5A).contains(introducer) || (0x61...0x7A).contains(introducer) {
                return (.alt(Character(Unicode.Scalar(introducer))), 2)
            }
            return (.escape, 1)
        }
        // Parameters, then one final byte in 0x40...0x7E.
        var end = index + 2
        while end < pending.count, !(0x40...0x7E).contains(pending[end]) || pending[end] == UInt8(ascii: "[") {
            end += 1
        }
        guard end < pending.count else { return end - index > 16 ? (nil, end - index) : nil }
        let parameters = String(decoding: pending[index + 2..<end], as: UTF8.self)
        let length = end - index + 1
        switch (pending[end], parameters) {
        case (UInt8(ascii: "A"), _): return (.up, length)
        case (UInt8(ascii: "B"), _): return (.down, length)
        case (UInt8(ascii: "C"), _): return (.right, length)
        case (UInt8(ascii: "D"), _): return (.left, length)
        case (UInt8(ascii: "H"), _): return (.home, length)
        case (UInt8(ascii: "F"), _): return (.end, length)
        case (UInt8(ascii: "~"), "5"): return (.pageUp, length)
        case (UInt8(ascii: "~"), "6"): return (.pageDown, length)
        case (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): return (.home, length)
        case (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): return (.end, length)
        case (UInt8(ascii: "~"), "3"): return (.delete, length)
        default: return (nil, length)
        }
    }
}
