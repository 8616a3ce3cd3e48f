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
    /// The approved glossary terms in `source` and `target` with their places. A term is marked
    /// as rendered by the same rule as the term checks: any of its glossary equivalents stands on
    /// the other side.
    public func termMarks(source: String, target: String) -> LinkTermMarks {
        guard !glossary.isEmpty else { return LinkTermMarks() }
        // The words the checks read (`normalize`), with their places in the texts.
        let sourceTokens = Tokenizer.tokens(source).filter { $0.kind != .mark }
        let targetTokens = Tokenizer.tokens(target).filter { $0.kind != .mark }
        let sourceTerms = TermText(words: sourceTokens.map { $0.text.lowercased() }, language: languages.source)
        let targetTerms = TermText(words: targetTokens.map { $0.text.lowercased() }, language: languages.target)
        func span(_ tokens: [WordToken], from start: Int, words count: Int) -> Range<String.Index> {
            tokens[start].range.lowerBound..<tokens[start + count - 1].range.upperBound
        }
        var marks = LinkTermMarks()
        for sourceTerm in sourceIndex.present(in: sourceTerms) {
            guard let equivalents = terms.targetsBySourceTerm[sourceTerm] else { continue }
            let phrase = sourcePhrase(sourceTerm)
            let starts = sourceTerms.starts(phrase)
            guard !starts.isEmpty else { continue }
            let rendered = equivalents.contains { targetTerms.contains(targetPhrase($0)) }
            for start in starts {
                marks.source.append(
                    TermMark(
                        range: span(sourceTokens, from: start, words: phrase.words.count), term: sourceTerm,
                        hasEquivalent: rendered))
            }
        }
        for targetTerm in targetIndex.present(in: targetTerms) {
            guard let equivalents = terms.sourcesByTargetTerm[targetTerm] else { continue }
            let phrase = targetPhrase(targetTerm)
            let starts = targetTerms.starts(phrase)
            guard !starts.isEmpty else { continue }
            let rendered = equivalents.contains { sourceTerms.contains(sourcePhrase($0)) }
            for start in starts {
                marks.target.append(
                    TermMark(
                        range: span(targetTokens, from: start, words: phrase.words.count), term: targetTerm,
                        hasEquivalent: rendered))
            }
        }
        marks.source.sort { $0.range.lowerBound < $1.range.lowerBound }
        marks.target.sort { $0.range.lowerBound < $1.range.lowerBound }
        return marks
    }
}
