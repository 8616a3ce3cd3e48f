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

    @Test("Without a lexicon, flores-dev aligned as one batch scores above its documents aligned one by one")
    func batchLearningGains() throws {
        let cases = try documents("flores-dev")
        let aligner = try aligner(lexicon: false)
        let batch = score(aligner.align(batch: cases.map(\.document)), cases.map(\.gold))
        let alone = score(alone(aligner, cases.map(\.document)), cases.map(\.gold))
        #expect(batch.strictF1 > alone.strictF1 + 0.01, "batch \(batch.strictF1), one by one \(alone.strictF1)")
    }
}
