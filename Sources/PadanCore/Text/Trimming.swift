extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (Unicode `Zs` and U+0009, what
    /// Foundation's `.whitespaces` holds), computed on the scalars: Foundation's trimming bridges
    /// through NSString, which dominated loading a 13,000-line word list.
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first..<scalars.index(after: last)])
    }
}

extension String {
    /// The lines of the text, ended by LF, CR LF or a lone CR (Unix, Windows and old Mac files
    /// alike; empty lines kept), cut on the UTF-8 bytes: splitting on Characters checks grapheme
    /// boundaries, which large files do not need, and in Swift `"\r\n"` is one Character that a
    /// split at `"\n"` never finds.
    public func lines() -> [Substring] {
        var lines: [Substring] = []
        let bytes = utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(Substring(bytes[start..<index]))
                var next = bytes.index(after: index)
                if byte == UInt8(ascii: "\r"), next != bytes.endIndex, bytes[next] == UInt8(ascii: "\n") {
                    next = bytes.index(after: next)
                }
                start = next
                index = next
            } else {
                index = bytes.index(after: index)
            }
        }
        lines.append(Substring(bytes[start..<bytes.endIndex]))
        return lines
    }
}
