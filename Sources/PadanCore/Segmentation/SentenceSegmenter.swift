/// Splits cleaned text into sentences: ICU's sentence break iterator proposes the breaks, and
/// per-language rules withdraw the ones ICU gets wrong (abbreviations, initials, list numbers,
/// URLs, attributions after a quoted question).
///
/// Paragraphs are separated by blank lines; a single line break always ends a sentence (list
/// items, photo credits). The segmenter is a pure value: same input, same output.
public struct SentenceSegmenter: Sendable {
    public let language: String
    private let abbreviations: AbbreviationTable
    private let starters: Set<String>

    public init(language: String) {
        self.language = language
        self.abbreviations = AbbreviationTable.forLanguage(language)
        self.starters = SentenceStarters.words(for: language)
    }

    /// The sentences of `text`, in order, with offsets into `text`.
    public func segment(_ text: String) -> [Sentence] {
        let units = UTF16Scalars.units(of: text)
        return segment(units: units, text: text)
    }

    /// Same as `segment(_:)`, on UTF-16 code units (`text`, when given, is the same text: slicing
    /// it is cheaper than decoding the units again).
    public func segment(units: [UInt16], text: String? = nil) -> [Sentence] {
        if units.isEmpty { return [] }
        let parentheses = Parentheses(units)
        let proposed = mergeSorted(
            ICU.sentenceBreaks(units, locale: language), additionalBreaks(in: units, parentheses: parentheses))
        var spans: [(start: Int, end: Int, paragraph: Int)] = []
        var paragraph = 0
        var start = 0
        var cursor = 0  // where paragraph separators were last counted up to
        for proposedOffset in proposed {
            if proposedOffset < units.count && shouldWithdraw(breakAt: proposedOffset, in: units, parentheses: parentheses) {
                continue
            }
            let breakOffset = Self.afterStrayClosingQuote(proposedOffset, in: units)
            var sentenceStart = start
            while sentenceStart < breakOffset && UTF16Scalars.isSpace(units[sentenceStart]) {
                sentenceStart += 1
            }
            var sentenceEnd = breakOffset
            while sentenceEnd > sentenceStart && UTF16Scalars.isSpace(units[sentenceEnd - 1]) {
                sentenceEnd -= 1
            }
            if sentenceEnd > sentenceStart {
                paragraph += UTF16Scalars.paragraphSeparators(in: units, from: cursor, to: sentenceStart)
                cursor = sentenceEnd
                spans.append((sentenceStart, sentenceEnd, spans.isEmpty ? 0 : paragraph))
            }
            start = breakOffset
        }
        let texts = Self.texts(of: spans.map { ($0.start, $0.end) }, units: units, text: text)
        let sentences = spans.enumerated().map { ordinal, span in
            Sentence(ordinal: ordinal, paragraph: span.paragraph, start: span.start, end: span.end, text: texts[ordinal])
        }
        return normalizedParagraphs(sentences)
    }

    /// A quotation mark followed by a space cannot open a quotation (an opening mark touches the
    /// word it opens), so one that ICU put at the start of a sentence (`"awan"). " Jika`) closes
    /// the sentence before it: the break moves past it.
    static func afterStrayClosingQuote(_ offset: Int, in units: [UInt16]) -> Int {
        guard offset + 1 < units.count, units[offset] == 0x22 || units[offset] == 0x201D,
            UTF16Scalars.isSpace(units[offset + 1])
        else { return offset }
        return offset + 1
    }

    /// The text of each span (UTF-16 offsets, increasing). With the original string at hand the
    /// UTF-8 bytes are cut directly, after one linear pass that maps UTF-16 offsets to UTF-8.
    static func texts(of spans: [(Int, Int)], units: [UInt16], text: String?) -> [String] {
        guard var text else {
            return spans.map { UTF16Scalars.string(units[$0.0..<$0.1]) }
        }
        return text.withUTF8 { bytes in
            var result: [String] = []
            result.reserveCapacity(spans.count)
            var utf8 = 0
            var utf16 = 0
            func advance(to target: Int) {
                while utf16 < target && utf8 < bytes.count {
                    // An ASCII run moves both offsets alike.
                    let run = UTF16Scalars.asciiLength(bytes, from: utf8, to: min(bytes.count, utf8 + target - utf16))
                    utf8 += run
                    utf16 += run
                    guard utf16 < target && utf8 < bytes.count else { break }
                    let byte = bytes[utf8]
                    let width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                    utf8 += width
                    utf16 += width == 4 ? 2 : 1
                }
            }
            for (start, end) in spans {
                advance(to: start)
                let from = utf8
                advance(to: end)
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<utf8]), as: UTF8.self))
            }
            return result
        }
    }

    /// Breaks ICU does not propose: a period, spaces, then a lower-case word (see `shouldAdd`).
    func additionalBreaks(in units: [UInt16], parentheses: Parentheses) -> [Int] {
        var breaks: [Int] = []
        let count = units.count
        for index in UTF16Scalars.positions(of: UTF16Scalars.period, in: units) where index >= 1 && index + 2 < count {
            if units[index + 1] == 0x20, units[index - 1] != UTF16Scalars.period {
                var next = index + 1
                while next < count && units[next] == 0x20 { next += 1 }
                if next < count, UTF16Scalars.isLowercase(units[next]),
                    shouldAdd(breakAfter: index, in: units, parentheses: parentheses)
                {
                    breaks.append(next)
                }
            }
        }
        return breaks
    }

    private func mergeSorted(_ a: [Int], _ b: [Int]) -> [Int] {
        if b.isEmpty { return a }
        return Array(Set(a).union(b)).sorted()
    }

    /// Paragraph numbers count from 0 with no gaps, whatever blank-line runs the text had.
    private func normalizedParagraphs(_ sentences: [Sentence]) -> [Sentence] {
        var result = sentences
        var last = -1
        var number = -1
        for index in result.indices {
            if result[index].paragraph != last {
                last = result[index].paragraph
                number += 1
            }
            result[index].paragraph = number
        }
        return result
    }

    // MARK: - Rules

    /// Whether the break ICU proposes at `offset` (after the terminator and its trailing space)
    /// is wrong for this language.
    func shouldWithdraw(breakAt offset: Int, in units: [UInt16], parentheses: Parentheses) -> Bool {
        var end = offset
        var sawNewline = false
        while end > 0 && UTF16Scalars.isSpace(units[end - 1]) {
            if units[end - 1] == UTF16Scalars.newline { sawNewline = true }
            end -= 1
        }
        // A line break always ends a sentence: lists, captions and credits stand on their own lines.
        if sawNewline || end == 0 { return false }
        let tokenStart = UTF16Scalars.tokenStart(before: end, in: units)
        let token = units[tokenStart..<end]
        let next = UTF16Scalars.token(at: offset, in: units)

        // ICU breaks inside URLs and e-mail addresses (at `?`, or after a `.` with no space).
        if end == offset && UTF16Scalars.looksLikeAddress(units[tokenStart..<UTF16Scalars.tokenEnd(from: offset, in: units)]) {
            return true
        }
        var core = token[...]
        var closedBracket = false
        while let last = core.last, UTF16Scalars.isClosing(last) {
            if last == UTF16Scalars.rightParenthesis || last == UTF16Scalars.rightBracket {
                closedBracket = true
            }
            core = core.dropLast()
        }
        while let first = core.first, UTF16Scalars.isOpening(first) { core = core.dropFirst() }
        guard let terminator = core.last else { return false }
        // The next word as a string, built only by the rules that need it.
        var nextWord: String { UTF16Scalars.word(at: offset, in: units) }
        let nextStartsLower = UTF16Scalars.startsLowercase(next)

        if terminator == UTF16Scalars.questionMark || terminator == UTF16Scalars.exclamationMark {
            // `“Apakah kamu yakin?” tanya ibunya.`: a quoted question and its attribution.
            return nextStartsLower && token.count > core.count
        }
        guard terminator == UTF16Scalars.period else { return false }
        if UTF16Scalars.isEllipsis(core) { return false }

        // A sentence does not end inside parentheses that close later in the paragraph:
        // `(SSK. II)`, `(E. hemisphaerica (Bl.) RM Smith)`.
        if parentheses.depth(before: end) > 0, UTF16Scalars.closesParenthesis(after: offset, in: units) {
            return true
        }
        // A company's legal form is one part of its name: `Hyundai Merchant Marine Co. Ltd.`,
        // `PT Bank Negara Indonesia Persero Tbk. (BBNI)`: another legal form or the ticker in
        // parentheses goes on with it.
        if abbreviations.isCompanyForm(UTF16Scalars.string(core)) {
            let nextCore = next.drop { UTF16Scalars.isOpening($0) }
            if abbreviations.isCompanyForm(UTF16Scalars.string(nextCore))
                || (next.first == UTF16Scalars.leftParenthesis && nextCore.first.map(UTF16Scalars.isUppercase) == true
                    && next.contains(UTF16Scalars.rightParenthesis))
            {
                return true
            }
        }
        // A dotted code number (`Peraturan Bapepam No. XI. B.02.00`, `Kep- 13/PM/1997. A.1`): a
        // short code part in capitals or digits, then more of the code with points inside.
        if UTF16Scalars.isCodePart(core.dropLast()), UTF16Scalars.isDottedCode(next) { return true }
        let finality = abbreviations.finality(of: core)
        // Single capitals in the table (`M.` Masehi, `H.` Haji) are initials inside a name.
        if let finality, finality != .never, UTF16Scalars.isInitials(core) {
            return initialContinues(core: core, tokenStart: tokenStart, next: next, nextWord: nextWord, units: units)
        }
        if let finality {
            switch finality {
            case .never: return !next.isEmpty
            case .may: return closedBracket || nextStartsLower
            case .acronym: return nextStartsLower || !isSentenceStarter(nextWord)
            }
        }
        // A list number at the start of a line (`1.`, `a.`) stays with its item.
        if UTF16Scalars.isListMarker(core),
            tokenStart == 0 || units[tokenStart - 1] == UTF16Scalars.newline
        {
            return true
        }
        if UTF16Scalars.isInitials(core) {
            return initialContinues(core: core, tokenStart: tokenStart, next: next, nextWord: nextWord, units: units)
        }
        // `2.904. 678`, `v9. 1`: a number written with spaces, not a sentence end.
        if core.count >= 2, UTF16Scalars.isDigit(core[core.endIndex - 2]),
            let first = next.first, UTF16Scalars.isDigit(first), !closedBracket
        {
            return true
        }
        return false
    }

    /// ICU never breaks before a lower-case word; but after a full word or a number that is no
    /// abbreviation, a period followed by a lower-case word does end a sentence in informal and
    /// compiled text (`… pada 5 Juni 1879. atau …`, `… asal Italia. apakah …`).
    func shouldAdd(breakAfter periodIndex: Int, in units: [UInt16], parentheses: Parentheses) -> Bool {
        let tokenStart = UTF16Scalars.tokenStart(before: periodIndex + 1, in: units)
        var core = units[tokenStart...periodIndex]
        while let first = core.first, UTF16Scalars.isOpening(first) { core = core.dropFirst() }
        let body = core.dropLast()
        guard body.count >= 4 || (body.count >= 1 && body.allSatisfy(UTF16Scalars.isDigit)) else { return false }
        // A period inside the word (`S.H`, `5.000`) means an abbreviation or a number format.
        if body.contains(UTF16Scalars.period) { return false }
        let isNumber = body.allSatisfy(UTF16Scalars.isDigit)
        if !isNumber && !body.allSatisfy({ UTF16Scalars.isLowercase($0) || UTF16Scalars.isUppercase($0) }) { return false }
        if abbreviations.finality(of: core) != nil { return false }
        if parentheses.depth(before: periodIndex) > 0 { return false }
        return true
    }

    /// Whether an initial (`B.`, `K.H.`) is followed by the rest of a name rather than a new sentence.
    private func initialContinues(
        core: ArraySlice<UInt16>, tokenStart: Int, next: ArraySlice<UInt16>, nextWord: String, units: [UInt16]
    ) -> Bool {
        // A name goes on after its initial; a quotation opening after it starts a new sentence.
        if let first = next.first, UTF16Scalars.isOpening(first) { return false }
        guard UTF16Scalars.startsUppercase(next) else { return UTF16Scalars.startsLowercase(next) }
        if isSentenceStarter(nextWord) { return false }
        if core.count > 2 { return true }
        // A single capital (`B. Yudhoyono`) is an initial only inside a name; after a lower-case
        // word or a number it is a letter or a numeral ending the sentence (`vitamin C.`, `500 M.`).
        let previous = UTF16Scalars.previousToken(before: tokenStart, in: units)
        return UTF16Scalars.startsUppercase(previous)
    }

    private func isSentenceStarter(_ word: String) -> Bool {
        starters.contains(word.lowercased())
    }
}

extension String {
    /// `Dr.` → `dr.`: sentence-initial capitals must not hide an abbreviation.
    var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
