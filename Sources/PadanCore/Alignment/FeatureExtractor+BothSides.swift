import Foundation

extension FeatureExtractor {
    /// The features of both sides of an alignment (of one document or a batch) over one key
    /// space, and the extractor that numbered it.
    struct BothSides {
        /// The source side's extractor with the target side's keys taken in: its vocabulary size
        /// is the key space's, and its counts of words to translate cover both sides.
        var extractor: FeatureExtractor
        /// Per document, its source sentences' features.
        var source: [[SentenceFeatures]]
        /// Per document, its target sentences' features.
        var target: [[SentenceFeatures]]
    }

    /// Reads the source texts and the target texts at once, one extractor per side (reading is a
    /// quarter of aligning a long document, and the sides are independent work), and numbers the
    /// keys as one extractor reading every source text and then every target text would: the
    /// source's extractor takes in the target's keys. (Cutting a side into stretches read apart
    /// measured slower: each extractor works out its stretch's word forms again.) Each side's
    /// word forms are read in that side's language: a form the target shares with the source (a
    /// name, a stop word of one language only) is not taken from the source's cache.
    /// - Parameters:
    ///   - source: per document, its source sentences, in `sourceLanguage` and read in
    ///     `sourceRole`.
    ///   - target: per document, its target sentences, likewise.
    ///   - lexicon: the lexicon both extractors translate with.
    /// - Returns: both sides' features and the extractor of their key space.
    static func readingBothSides(
        source: [[String]], language sourceLanguage: String, role sourceRole: Role,
        target: [[String]], language targetLanguage: String, role targetRole: Role, lexicon: PreparedLexicon?
    ) -> BothSides {
        let sides = [(source, sourceLanguage, sourceRole), (target, targetLanguage, targetRole)]
        let readings = ConcurrentResults<(extractor: FeatureExtractor, features: [[SentenceFeatures]])>(count: 2)
        DispatchQueue.concurrentPerform(iterations: sides.count) { side in
            let (documents, language, role) = sides[side]
            var extractor = FeatureExtractor(lexicon: lexicon)
            let features = documents.map { sentences in
                sentences.map { extractor.features(of: $0, language: language, role: role) }
            }
            readings.set(side, (extractor, features))
        }
        var read = readings.takeValues()
        let numbers = read[0].extractor.absorbKeys(of: read[1].extractor)
        // Renumbered where they are, so the target's features are not copied.
        var target: [[SentenceFeatures]] = []
        swap(&target, &read[1].features)
        for document in target.indices {
            for sentence in target[document].indices { target[document][sentence].renumber(by: numbers) }
        }
        return BothSides(extractor: read[0].extractor, source: read[0].features, target: target)
    }
}
