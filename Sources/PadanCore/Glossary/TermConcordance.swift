/// A link as the concordance reads it.
public struct ConcordanceLink: Sendable, Hashable {
    public var linkID: Int64
    public var pairID: Int64
    public var source: String
    public var target: String

    public init(linkID: Int64, pairID: Int64, source: String, target: String) {
        self.linkID = linkID
        self.pairID = pairID
        self.source = source
        self.target = target
    }
}

/// Where and how a term is used: every link whose original holds the term, with the rendering
/// its translation uses, and how many links use which.
public struct TermUsage: Sendable, Hashable {
    /// One link of the concordance.
    public struct Line: Sendable, Hashable {
        public var link: ConcordanceLink
        /// Where the term stands in the source text, in characters.
        public var sourceMatch: Range<Int>
        /// The rendering found in the target, and where (in characters), if one was found.
        public var rendering: String?
        public var targetMatch: Range<Int>?
        /// The glossary status of that rendering: nil when the glossary does not hold it (a
        /// rendering read off the corpus, or none found).
        public var renderingStatus: TermStatus?
    }

    public var term: GlossaryEntry
    public var lines: [Line]

    /// Links rendering the term as the glossary approves.
    public var approved: Int { lines.filter { $0.renderingStatus == .approved }.count }
    /// Links using each other rendering (proposed, deprecated, rejected or read off the corpus).
    public var otherRenderings: [String: Int] {
        lines.reduce(into: [:]) { counts, line in
            if let rendering = line.rendering, line.renderingStatus != .approved { counts[rendering, default: 0] += 1 }
        }
    }
    /// Links where no rendering was found.
    public var withoutRendering: Int { lines.filter { $0.rendering == nil }.count }
}

/// Links read once for many concordances (the glossary view shows one per term): each text
/// tokenised as the term checks match it.
public struct TermCorpus: Sendable {
    public let links: [ConcordanceLink]
    let sources: [TermConcordance.TokenizedText]
    let targets: [TermConcordance.TokenizedText]

    public init(_ links: [ConcordanceLink], languages: LanguagePair) {
        self.links = links
        sources = links.map { TermConcordance.TokenizedText($0.source, language: languages.source) }
        targets = links.map { TermConcordance.TokenizedText($0.target, language: languages.target) }
    }
}

/// Builds a term's concordance (KWIC) over links. Pure: the caller supplies the links and the
/// glossary entries of the term's languages.
public enum TermConcordance {
    /// The concordance of `term` over `links`.
    /// - Parameters:
    ///   - glossary: the terms of the same languages: every equivalent stored for the term's
    ///     source text (any status) counts as a known rendering.
    /// - Returns: the links whose source holds the term, in the order given, each with the
    ///   rendering its target uses: a stored equivalent (the approved one first), else the
    ///   phrase most often found in the targets of these links that this target holds.
    public static func usage(of term: GlossaryEntry, glossary: [GlossaryEntry], in links: [ConcordanceLink]) -> TermUsage {
        usage(of: term, glossary: glossary, in: TermCorpus(links, languages: term.languages))
    }

    /// The concordance of `term` over a corpus read once (see `usage(of:glossary:in:)`).
    public static func usage(of term: GlossaryEntry, glossary: [GlossaryEntry], in corpus: TermCorpus) -> TermUsage {
        let languages = term.languages
        let sourcePhrase = QualityChecks.TermPhrase(QualityChecks.normalize(term.source), language: languages.source)
        let sourceKey = sourcePhrase.text
        // Known renderings, approved first.
        let known = glossary.filter { $0.languages == languages && QualityChecks.normalize($0.source) == sourceKey }
            .sorted { ($0.status != .approved ? 1 : 0, $0.status) < ($1.status != .approved ? 1 : 0, $1.status) }
            .map { (entry: $0, phrase: QualityChecks.TermPhrase(QualityChecks.normalize($0.target), language: languages.target)) }
        var matched: [(link: ConcordanceLink, sourceMatch: Range<Int>, target: TokenizedText, copied: Set<String>)] = []
        for (index, link) in corpus.links.enumerated() {
            let source = corpus.sources[index]
            guard let start = source.text.starts(sourcePhrase).first else { continue }
            matched.append(
                (link, source.characters(start, words: sourcePhrase.words.count), corpus.targets[index], Set(source.text.words)))
        }
        let common = corpusRenderings(of: matched.map(\.link), among: corpus, languages: languages)
        var lines: [TermUsage.Line] = []
        for entry in matched {
            var line = TermUsage.Line(link: entry.link, sourceMatch: entry.sourceMatch)
            if let hit = known.lazy.compactMap({ known in entry.target.text.starts(known.phrase).first.map { (known, $0) } })
                .first
            {
                line.rendering = hit.0.entry.target
                line.renderingStatus = hit.0.entry.status
                line.targetMatch = entry.target.characters(hit.1, words: hit.0.phrase.words.count)
            } else if let hit = common.lazy.compactMap({ phrase in
                entry.target.text.starts(phrase).first.map { (phrase, $0) }
            }).first, !hit.0.words.contains(where: { entry.copied.contains($0) }) {
                line.rendering = hit.0.text
                line.targetMatch = entry.target.characters(hit.1, words: hit.0.words.count)
            }
            lines.append(line)
        }
        return TermUsage(term: term, lines: lines)
    }

    /// Phrases the translations of `matched` use for the term, read off the corpus: term-shaped
    /// phrases in at least two of those targets, ranked by Dice's coefficient between holding
    /// the term (the matched links) and holding the phrase (any link), strongest first. A phrase
    /// common everywhere (a name in the news of the day) scores low.
    static func corpusRenderings(
        of matched: [ConcordanceLink], among corpus: TermCorpus, languages: LanguagePair
    ) -> [QualityChecks.TermPhrase] {
        var table = PhraseTable()
        var together: [String: Int] = [:]
        for link in matched {
            let words = PhraseTable.words(link.target)
            for id in table.phrases(of: words, side: 1, language: languages.target, excluding: [], maxWords: 3) {
                together[table.display(id).lowercased(), default: 0] += 1
            }
        }
        let frequent = together.filter { $0.value >= minimumRenderingLinks }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .prefix(renderingsWeighed).map {
                (phrase: QualityChecks.TermPhrase($0.key, language: languages.target), count: $0.value)
            }
        guard !frequent.isEmpty else { return [] }
        var anywhere = [Int](repeating: 0, count: frequent.count)
        for target in corpus.targets {
            for (index, candidate) in frequent.enumerated() where target.text.contains(candidate.phrase) { anywhere[index] += 1 }
        }
        return frequent.indices.map { index in
            (frequent[index].phrase, 2 * Double(frequent[index].count) / Double(matched.count + anywhere[index]))
        }
        .filter { $0.1 >= minimumRenderingDice }
        .sorted { $0.1 > $1.1 }
        .map(\.0)
    }

    /// A phrase read off the corpus as a rendering stands in at least this many of the links (two
    /// is chance in a small corpus: a verb of two sentences about the Kremlin is no rendering of it).
    static let minimumRenderingLinks = 3
    /// The phrases weighed as renderings read off the corpus (the most frequent ones).
    static let renderingsWeighed = 30
    /// Dice's coefficient a phrase read off the corpus needs to count as the term's rendering.
    static let minimumRenderingDice = 0.3

    /// A text's words as the term checks match them, with each word's place in characters.
    struct TokenizedText: Sendable {
        let text: QualityChecks.TermText
        let offsets: [Range<Int>]

        init(_ string: String, language: String) {
            let tokens = Tokenizer.tokens(string).filter { $0.kind != .mark }
            text = QualityChecks.TermText(words: tokens.map { $0.text.lowercased() }, language: language)
            offsets = tokens.map {
                string.distance(
                    from: string.startIndex, to: $0.range.lowerBound)..<string.distance(
                        from: string.startIndex, to: $0.range.upperBound)
            }
        }

        func characters(_ start: Int, words count: Int) -> Range<Int> {
            offsets[start].lowerBound..<offsets[start + count - 1].upperBound
        }
    }
}
