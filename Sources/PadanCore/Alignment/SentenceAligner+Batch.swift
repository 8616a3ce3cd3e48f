/// One document of a batch (`SentenceAligner.align(batch:)`): its two sides' sentences and, when
/// the texts have paragraphs, each sentence's paragraph number (empty when unknown).
public struct AlignmentDocument: Sendable {
    public var source: [String]
    public var target: [String]
    public var sourceParagraphs: [Int]
    public var targetParagraphs: [Int]

    public init(source: [String], target: [String], sourceParagraphs: [Int] = [], targetParagraphs: [Int] = []) {
        self.source = source
        self.target = target
        self.sourceParagraphs = sourceParagraphs
        self.targetParagraphs = targetParagraphs
    }
}

extension SentenceAligner {
    /// Aligns the documents of a batch (articles of this aligner's language pair), each as
    /// `align(source:target:sourceParagraphs:targetParagraphs:)` would, except that without a
    /// lexicon what the second pass learns is learned from the whole batch:
    /// - the word pairs, from the 1-1 links of every document's first search: a pair met once in
    ///   each of two articles (`Gipfel` / `sommet` in two accounts of climbs) is evidence that
    ///   neither article holds often enough alone;
    /// - the typical similarity of a true pair under them, from every document's samples: it
    ///   belongs to the language pair and the evidence, and one article's hundred samples
    ///   estimate it noisily (a factor of four apart between articles of one yearbook).
    ///
    /// A lexicon too weak to decide (`lexiconIsTooWeak(for:)`, judged over the batch) joins the
    /// language-independent evidence, and the batch learns as without one. With a deciding
    /// lexicon, with learning off, or for one document, each document is aligned alone.
    /// - Parameters:
    ///   - documents: the batch.
    ///   - progress: called with (documents aligned, documents) after each is aligned.
    /// - Returns: per document, links covering every sentence of both its sides once, in the
    ///   order of its source sentences.
    public func align(
        batch documents: [AlignmentDocument], progress: (_ aligned: Int, _ total: Int) -> Void = { _, _ in }
    ) -> [[AlignmentLink]] {
        guard documents.count > 1, let roles = roles(learningAcross: documents) else {
            return documents.enumerated().map { k, document in
                defer { progress(k + 1, documents.count) }
                return align(
                    source: document.source, target: document.target, sourceParagraphs: document.sourceParagraphs,
                    targetParagraphs: document.targetParagraphs)
            }
        }
        // One key space for the whole batch, so that a word's identity, which learned pairs are
        // keyed by, is the same in every document.
        let read = FeatureExtractor.readingBothSides(
            source: documents.map(\.source), language: sourceLanguage, role: roles.source,
            target: documents.map(\.target), language: targetLanguage, role: roles.target, lexicon: lexicon)
        let features = zip(read.source, read.target).map { (source: $0, target: $1) }
        let vocabularySize = read.extractor.vocabularySize
        // Pass 1 of every document with sentences on both sides.
        var started: [(document: Int, problem: AlignmentProblem, first: AlignmentProblem.FirstSearch)] = []
        for (k, document) in documents.enumerated() where !document.source.isEmpty && !document.target.isEmpty {
            var problem = AlignmentProblem(
                sourceFeatures: features[k].source, targetFeatures: features[k].target, vocabularySize: vocabularySize,
                hasLexicon: false, configuration: configuration)
            problem.setParagraphs(source: document.sourceParagraphs, target: document.targetParagraphs)
            let first = problem.searchFirst()
            problem.releaseScratch()
            started.append((k, problem, first))
        }
        let learned = LearnedWordPairs(
            documents: started.map {
                (features[$0.document].source, features[$0.document].target, AlignmentProblem.oneToOneLinks(of: $0.first.path))
            }, minimumCount: AlignmentProblem.learnedPairMinimumCount, minimumDice: configuration.learnedPairDice,
            firstKey: Int32(vocabularySize))
        if !learned.isEmpty {
            // Every document adopts the batch's pairs and is calibrated with the typical
            // similarity they give over the whole batch.
            let sourceCount = started.reduce(0) { $0 + $1.problem.n }
            let targetCount = started.reduce(0) { $0 + $1.problem.m }
            var samples: [Double] = []
            for index in started.indices {
                started[index].problem.adopt(learned)
                samples += started[index].problem.typicalSimilaritySamples()
                started[index].problem.releaseScratch()
            }
            let typical = AlignmentProblem.typicalSimilarity(
                ofSorted: samples.sorted(),
                partneredShare: targetCount < sourceCount ? Double(targetCount) / Double(sourceCount) : nil,
                condensedMedianLead: configuration.condensedMedianLead)
            for index in started.indices { started[index].problem.calibrate(typicalSimilarity: typical) }
        }
        var output = documents.map {
            $0.source.isEmpty || $0.target.isEmpty ? Self.unalignedLinks(source: $0.source, target: $0.target) : []
        }
        // Taken off the list one by one, so that a finished document's problem is freed.
        var aligned = documents.count - started.count
        while var entry = started.popLast() {
            output[entry.document] = entry.problem.solve(after: entry.first, searchingAgain: !learned.isEmpty)
            aligned += 1
            progress(aligned, documents.count)
        }
        return output
    }

    /// The roles a batch's features are read in when it is aligned as a whole: the
    /// language-independent evidence alone without a lexicon, joined by a lexicon too weak to
    /// decide (`lexiconIsTooWeak(for:)`); nil when each document is aligned alone (a deciding
    /// lexicon, or learning off).
    private func roles(learningAcross documents: [AlignmentDocument]) -> (
        source: FeatureExtractor.Role, target: FeatureExtractor.Role
    )? {
        guard configuration.learnWordPairs > 0 else { return nil }
        let roles = FeatureExtractor.roles(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, lexicon: lexicon)
        if roles.source == .plain { return roles }
        guard lexiconIsTooWeak(for: documents) else { return nil }
        return (roles.source.withLanguageIndependentEvidence, roles.target.withLanguageIndependentEvidence)
    }

    /// The words to translate a batch's lexicon coverage is judged on at most (whole documents
    /// are read until there are this many): enough for a steady share, and a large batch with a
    /// deciding lexicon is not read twice.
    static let lexiconSampleWords = 5_000

    /// Whether the lexicon serves these languages but translates too few of the documents'
    /// words to decide their alignment (`AlignerConfiguration.decisiveLexiconCoverage`), judged
    /// over all of them at once: a batch's share is a steadier estimate than one article's, as
    /// its typical similarity is. False without a lexicon for the languages, or when they have
    /// too few words to judge by.
    /// - Parameter documents: the batch (or a sample of it); read only until there are enough
    ///   words, so a lazy sequence prepares no more documents than that.
    public func lexiconIsTooWeak(for documents: some Sequence<AlignmentDocument>) -> Bool {
        let roles = FeatureExtractor.roles(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, lexicon: lexicon)
        guard roles.source != .plain else { return false }
        var probe = FeatureExtractor(lexicon: lexicon)
        for document in documents {
            if probe.wordsToTranslate >= Self.lexiconSampleWords { break }
            for sentence in document.source { _ = probe.features(of: sentence, language: sourceLanguage, role: roles.source) }
            for sentence in document.target { _ = probe.features(of: sentence, language: targetLanguage, role: roles.target) }
        }
        return probe.showsLexiconTooWeak(decisiveCoverage: configuration.decisiveLexiconCoverage)
    }

    /// Whether `align(batch:)` learns across the documents of any batch of more than one:
    /// when no lexicon connects the languages and word pairs are learned. With a lexicon it
    /// does when the lexicon is too weak for the batch's texts (`lexiconIsTooWeak(for:)`).
    public var learnsAcrossBatch: Bool {
        FeatureExtractor.roles(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, lexicon: lexicon).source
            == .plain && configuration.learnWordPairs > 0
    }

    /// The links of a document one of whose sides is empty: every sentence of the other alone.
    static func unalignedLinks(source: [String], target: [String]) -> [AlignmentLink] {
        source.indices.map { AlignmentLink(source: $0..<$0 + 1, target: 0..<0, confidence: 1) }
            + target.indices.map { AlignmentLink(source: 0..<0, target: $0..<$0 + 1, confidence: 1) }
    }
}
