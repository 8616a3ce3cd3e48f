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
    /// The lines of the text split at `\n` (kept empty lines included), cut on the UTF-8 bytes:
    /// splitting on Characters checks grapheme boundaries, which large files do not need.
    public func lines() -> [Substring] {
        utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }
}
