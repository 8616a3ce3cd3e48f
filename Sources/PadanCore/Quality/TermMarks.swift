/// Where a glossary term stands in a text, for highlighting, and whether the other side of the
/// link holds one of its equivalents (the decision `padan check` makes).
public struct TermMark: Sendable, Hashable {
    public var range: Range<String.Index>
    public var term: String
    public var hasEquivalent: Bool
}

/// The glossary terms found in a link's two texts.
public struct LinkTermMarks: Sendable, Hashable {
    public var source: [TermMark] = []
    public var target: [TermMark] = []

    public var missingEquivalents: Int { (source + target).filter { !$0.hasEquivalent }.count }
}

extension QualityChecks {
    /// The glossary terms in `source` (English) and `target` (Indonesian) with their places.
    /// A term is marked as rendered by the same rule as the term checks: any of its glossary
    /// equivalents stands on the other side.
    public func termMarks(source: String, target: String) -> LinkTermMarks {
        guard !glossary.isEmpty else { return LinkTermMarks() }
        let sourceTerms = TermText(normalized: Self.normalize(source), stemming: true)
        let targetTerms = TermText(normalized: Self.normalize(target), stemming: false)
        let sourceWords = Self.words(of: source)
        let targetWords = Self.words(of: target)
        var marks = LinkTermMarks()
        for (english, equivalents) in terms.indonesianByEnglish
        where sourceTerms.contains(english: englishPhrases[english] ?? TermPhrase(english)) {
            let rendered = equivalents.contains { targetTerms.contains(indonesian: phrases[$0] ?? []) }
            let phrase = (englishPhrases[english] ?? TermPhrase(english)).stems
            for range in Self.occurrences(of: phrase, in: sourceWords, stemmed: true) {
                marks.source.append(TermMark(range: range, term: english, hasEquivalent: rendered))
            }
        }
        for (indonesian, equivalents) in terms.englishByIndonesian
        where targetTerms.contains(indonesian: phrases[indonesian] ?? []) {
            let rendered = equivalents.contains { sourceTerms.contains(english: englishPhrases[$0] ?? TermPhrase($0)) }
            let phrase = phrases[indonesian] ?? []
            for range in Self.occurrences(of: phrase, in: targetWords, stemmed: false) {
                marks.target.append(TermMark(range: range, term: indonesian, hasEquivalent: rendered))
            }
        }
        marks.source.sort { $0.range.lowerBound < $1.range.lowerBound }
        marks.target.sort { $0.range.lowerBound < $1.range.lowerBound }
        return marks
    }

    /// A word of a text, lower-cased, with its place.
    struct PlacedWord {
        var text: String
        var stem: String
        var range: Range<String.Index>
    }

    /// Letters and digits, joined by an inner hyphen or apostrophe (`anak-anak`, `Asy'ari`), as
    /// the tokenizer reads words.
    static func words(of text: String) -> [PlacedWord] {
        var words: [PlacedWord] = []
        var start: String.Index?
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        func close(at end: String.Index) {
            if let begin = start {
                let word = String(text.unicodeScalars[begin..<end]).lowercased()
                words.append(PlacedWord(text: word, stem: EnglishStemmer.stem(word), range: begin..<end))
            }
            start = nil
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if Tokenizer.classify(scalar) != .other {
                if start == nil { start = index }
            } else if start != nil, scalar == "-" || scalar == "'" || scalar == "’", next < scalars.endIndex,
                Tokenizer.classify(scalars[next]) != .other
            {
                // joined word: keep going
            } else {
                close(at: index)
            }
            index = next
        }
        close(at: scalars.endIndex)
        return words
    }

    /// Places where the words of `phrase` follow each other in `words`; Indonesian terms also
    /// match with the clitic `-nya` on their last word, English ones by stems.
    static func occurrences(of phrase: [String], in words: [PlacedWord], stemmed: Bool) -> [Range<String.Index>] {
        guard !phrase.isEmpty, words.count >= phrase.count else { return [] }
        var found: [Range<String.Index>] = []
        for start in 0...(words.count - phrase.count) {
            var matches = true
            for (offset, wanted) in phrase.enumerated() {
                let word = words[start + offset]
                let isLast = offset == phrase.count - 1
                let same =
                    stemmed
                    ? (word.stem == wanted || word.text == wanted)
                    : (word.text == wanted || (isLast && word.text == wanted + "nya"))
                if !same {
                    matches = false
                    break
                }
            }
            if matches { found.append(words[start].range.lowerBound..<words[start + phrase.count - 1].range.upperBound) }
        }
        return found
    }
}
