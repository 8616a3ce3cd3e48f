import CICU

/// A regular expression (ICU syntax) compiled once and matched by libicu directly, on the
/// text's UTF-16: going through `NSRegularExpression` bridged every paragraph to an `NSString`,
/// which cost more than the match. The compiled form is immutable, so patterns are shared
/// between threads; each thread keeps its own matcher.
public struct Pattern: Sendable {
    public let source: String
    private let compiled: CompiledPattern

    /// What the first character of a match can be, when the pattern is anchored and says so
    /// plainly; nil when anything could start it.
    let firstCharacter: FirstCharacter?

    public init(_ source: String) {
        self.source = source
        guard let compiled = CompiledPattern(source) else {
            // The patterns are literals of this module: a typo is a programming error.
            preconditionFailure("invalid pattern \(source)")
        }
        self.compiled = compiled
        firstCharacter = source.hasPrefix("^") ? FirstCharacter.of(Substring(source.dropFirst())) : nil
    }

    /// The first match in `text`, if any. Text whose first character the pattern cannot start
    /// with is turned away before the regular expression engine is reached: most paragraphs are
    /// not boilerplate.
    func firstMatch(in text: String) -> PatternMatch? {
        if let firstCharacter, let first = text.unicodeScalars.first, !firstCharacter.admits(first) { return nil }
        let units = UTF16Scalars.units(of: text)
        var ranges = [Int32](repeating: -1, count: 2 * (compiled.groupCount + 1))
        let found = units.withUnsafeBufferPointer { units in
            ranges.withUnsafeMutableBufferPointer { ranges in
                cicu_pattern_first_match(
                    compiled.pointer, units.baseAddress, Int32(units.count), ranges.baseAddress, Int32(ranges.count))
            }
        }
        guard found == 1 else { return nil }
        return PatternMatch(text: text, ranges: ranges, pattern: compiled)
    }

    func matches(_ text: String) -> Bool { firstMatch(in: text) != nil }
}

/// Where a pattern matched: the whole match and its groups, as ranges of the text.
struct PatternMatch {
    let text: String
    /// UTF-16 start and end of each group (group 0: the whole match); -1 when it took no part.
    let ranges: [Int32]
    fileprivate let pattern: CompiledPattern

    /// The whole match.
    var range: Range<String.Index> { group(0) ?? text.startIndex..<text.startIndex }

    /// The text matched by the group named `name`, nil when it took no part or does not exist.
    func range(named name: String) -> Range<String.Index>? {
        let number = name.withCString { cicu_pattern_group_number(pattern.pointer, $0) }
        return number < 0 ? nil : group(Int(number))
    }

    private func group(_ number: Int) -> Range<String.Index>? {
        guard 2 * number + 1 < ranges.count, ranges[2 * number] >= 0 else { return nil }
        let utf16 = text.utf16
        let start = utf16.index(utf16.startIndex, offsetBy: Int(ranges[2 * number]))
        let end = utf16.index(utf16.startIndex, offsetBy: Int(ranges[2 * number + 1]))
        return start..<end
    }
}

/// Owns the ICU pattern; immutable after creation.
private final class CompiledPattern: @unchecked Sendable {
    let pointer: OpaquePointer
    let groupCount: Int

    init?(_ source: String) {
        let units = Array(source.utf16)
        guard let pointer = units.withUnsafeBufferPointer({ cicu_pattern_compile($0.baseAddress, Int32($0.count)) })
        else { return nil }
        self.pointer = pointer
        groupCount = max(0, Int(cicu_pattern_group_count(pointer)))
    }

    deinit { cicu_pattern_free(pointer) }
}
