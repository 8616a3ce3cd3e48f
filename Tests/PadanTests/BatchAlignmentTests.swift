import Foundation
import Testing

@testable import PadanCore
@testable import PadanWorkbench

@Suite("Aligning a batch of documents")
struct BatchAlignmentTests {
    /// The cases of a gold folder of the fixtures as documents, with their gold links.
    func documents(_ set: String, first count: Int = .max) throws -> [(document: AlignmentDocument, gold: [ScoredLink])] {
        let folder = TestSupport.goldPath("align/" + set)
        return try GoldEvaluation.cases(in: folder).prefix(count).map { item in
            let prepared = try GoldEvaluation.PreparedCase(item: item, folder: folder, endToEnd: false)
            return (prepared.document, prepared.gold)
        }
    }

    func aligner(lexicon: Bool) throws -> SentenceAligner {
        SentenceAligner(
            sourceLanguage: "en", targetLanguage: "id",
            lexicon: lexicon ? try Workbench.lexicon(sourceLanguage: "en", targetLanguage: "id", store: nil) : nil)
    }

    func alone(_ aligner: SentenceAligner, _ documents: [AlignmentDocument]) -> [[AlignmentLink]] {
        documents.map { aligner.align(source: $0.source, target: $0.target) }
    }

    func score(_ output: [[AlignmentLink]], _ gold: [[ScoredLink]]) -> AlignmentScore {
        zip(output, gold).reduce(AlignmentScore()) { total, pair in
            total
                + AlignmentScore.score(
                    gold: pair.1, test: pair.0.map { ScoredLink(source: Array($0.source), target: Array($0.target)) })
        }
    }

    @Test("With a lexicon, a batch aligns every document as it would be aligned alone")
    func lexiconAlignsEachAlone() throws {
        let cases = try documents("flores-dev", first: 6).map(\.document)
        let aligner = try aligner(lexicon: true)
        #expect(aligner.align(batch: cases) == alone(aligner, cases))
    }

    @Test("A batch of one document, with or without a lexicon, aligns it as alone")
    func oneDocumentAlignsAsAlone() throws {
        let cases = try documents("flores-dev", first: 1).map(\.document)
        for aligner in [try aligner(lexicon: true), try aligner(lexicon: false)] {
            #expect(aligner.align(batch: cases) == alone(aligner, cases))
        }
    }

    @Test("A document with an empty side leaves the other side's sentences unaligned; the rest of the batch aligns")
    func emptySides() throws {
        var cases = try documents("flores-dev", first: 3).map(\.document)
        cases.insert(AlignmentDocument(source: ["Only the original."], target: []), at: 1)
        cases.append(AlignmentDocument(source: [], target: ["Hanya terjemahan.", "Dua kalimat."]))
        let output = try aligner(lexicon: false).align(batch: cases)
        #expect(output.count == cases.count)
        #expect(output[1] == [AlignmentLink(source: 0..<1, target: 0..<0, confidence: 1)])
        #expect(output[4].map(\.target) == [0..<1, 1..<2] && output[4].allSatisfy(\.source.isEmpty))
        for (links, document) in zip(output, cases) {
            #expect(links.reduce(0) { $0 + $1.source.count } == document.source.count)
            #expect(links.reduce(0) { $0 + $1.target.count } == document.target.count)
        }
    }

    @Test("A word pair met once in each of two documents is learned from the batch, not from either alone")
    func learnsAcrossDocuments() {
        var extractor = FeatureExtractor(lexicon: nil)
        func features(_ sentences: [String], _ language: String) -> [SentenceFeatures] {
            sentences.map { extractor.features(of: $0, language: language, role: .plain) }
        }
        let first = (
            source: features(["Der Gipfel blieb unerreicht.", "Regen kam."], "de"),
            target: features(["Le sommet resta vierge.", "Pluie venait."], "fr"), links: [(0, 0), (1, 1)]
        )
        let second = (
            source: features(["Am Gipfel wehte Wind.", "Das Lager stand tiefer."], "de"),
            target: features(["Au sommet soufflait le vent.", "Le camp était plus bas."], "fr"), links: [(0, 0), (1, 1)]
        )
        let firstKey = Int32(extractor.vocabularySize)
        let gipfel = extractor.key("=gipfel")
        let sommet = extractor.key("=sommet")
        for alone in [first, second] {
            let learned = LearnedWordPairs(
                source: alone.source, target: alone.target, links: alone.links, minimumCount: 2, minimumDice: 0.4,
                firstKey: firstKey)
            #expect(learned.isEmpty)
        }
        let learned = LearnedWordPairs(documents: [first, second], minimumCount: 2, minimumDice: 0.4, firstKey: firstKey)
        #expect(learned.sourceKeys[gipfel] != nil && learned.sourceKeys[gipfel] == learned.targetKeys[sommet])
        #expect(learned.count == 1)
    }

    /// textberg-dev (one article) cut into about `parts` articles where no gold link crosses the
    /// cut, each with its gold links renumbered.
    static func textBergArticles(_ parts: Int) throws -> [(document: AlignmentDocument, gold: [ScoredLink])] {
        let whole = try BatchAlignmentTests().documents("textberg-dev")[0]
        let (n, m) = (whole.document.source.count, whole.document.target.count)
        func separates(_ s: Int, _ t: Int) -> Bool {
            whole.gold.allSatisfy { link in
                (link.source.allSatisfy { $0 < s } && link.target.allSatisfy { $0 < t })
                    || (link.source.allSatisfy { $0 >= s } && link.target.allSatisfy { $0 >= t })
            }
        }
        let candidates = whole.gold.compactMap { link -> (Int, Int)? in
            guard let s = link.source.max(), let t = link.target.max(), separates(s + 1, t + 1) else { return nil }
            return (s + 1, t + 1)
        }
        var cuts = [(0, 0)]
        for part in 1..<parts {
            let wanted = n * part / parts
            if let cut = candidates.min(by: { abs($0.0 - wanted) < abs($1.0 - wanted) }), cut.0 > cuts[cuts.count - 1].0 {
                cuts.append(cut)
            }
        }
        cuts.append((n, m))
        return zip(cuts, cuts.dropFirst()).map { start, end in
            let document = AlignmentDocument(
                source: Array(whole.document.source[start.0..<end.0]), target: Array(whole.document.target[start.1..<end.1]))
            let gold = whole.gold.filter { link in
                link.source.allSatisfy { (start.0..<end.0).contains($0) }
                    && link.target.allSatisfy { (start.1..<end.1).contains($0) }
            }.map { ScoredLink(source: $0.source.map { $0 - start.0 }, target: $0.target.map { $0 - start.1 }) }
            return (document, gold)
        }
    }

    /// A German–French lexicon of ten mountain words: it serves the languages but translates
    /// few of a text's words.
    static let tenMountainWords: PreparedLexicon = {
        var lexicon = Lexicon(foreignLanguage: "fr", pivotLanguage: "de")
        for (pivot, foreign) in [
            ("Berg", "montagne"), ("Gipfel", "sommet"), ("Hütte", "cabane"), ("Schnee", "neige"), ("Weg", "chemin"),
            ("Seil", "corde"), ("Fels", "rocher"), ("Gletscher", "glacier"), ("Tag", "jour"), ("Nacht", "nuit"),
        ] {
            lexicon.add(foreign: foreign, pivot: pivot)
        }
        return PreparedLexicon(lexicon)
    }()

    @Test("With a lexicon too weak to decide, a batch is aligned as one, learning across its documents")
    func weakLexiconLearnsAcross() throws {
        let articles = try Self.textBergArticles(4)
        #expect(articles.count == 4)
        let goldLinks = try documents("textberg-dev")[0].gold.count
        #expect(articles.reduce(0) { $0 + $1.gold.count } == goldLinks)
        let weak = SentenceAligner(sourceLanguage: "de", targetLanguage: "fr", lexicon: Self.tenMountainWords)
        let documents = articles.map(\.document)
        #expect(weak.lexiconIsTooWeak(for: documents))
        #expect(!weak.learnsAcrossBatch)  // the texts decide, not the languages
        // What the batch learned changes links (aligned one by one, nothing is learned across).
        #expect(weak.align(batch: documents) != alone(weak, documents))
        // A lexicon set to decide whatever its coverage is never too weak: each document alone.
        var deciding = AlignerConfiguration()
        deciding.decisiveLexiconCoverage = 0
        let decidingAligner = SentenceAligner(
            sourceLanguage: "de", targetLanguage: "fr", lexicon: Self.tenMountainWords, configuration: deciding)
        #expect(!decidingAligner.lexiconIsTooWeak(for: documents))
        #expect(decidingAligner.align(batch: documents) == alone(decidingAligner, documents))
    }

    @Test("A lexicon that translates most of the words decides, and no lexicon is not a weak one")
    func decidingLexiconIsNotWeak() throws {
        let cases = try documents("flores-dev", first: 4).map(\.document)
        #expect(try !aligner(lexicon: true).lexiconIsTooWeak(for: cases))
        #expect(try !aligner(lexicon: false).lexiconIsTooWeak(for: cases))
    }

    @Test("Without a lexicon, flores-dev aligned as one batch scores above its documents aligned one by one")
    func batchLearningGains() throws {
        let cases = try documents("flores-dev")
        let aligner = try aligner(lexicon: false)
        let batch = score(aligner.align(batch: cases.map(\.document)), cases.map(\.gold))
        let alone = score(alone(aligner, cases.map(\.document)), cases.map(\.gold))
        #expect(batch.strictF1 > alone.strictF1 + 0.01, "batch \(batch.strictF1), one by one \(alone.strictF1)")
    }
}
