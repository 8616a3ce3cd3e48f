import Foundation
import PadanWorkbench
import Testing

@testable import PadanCore

@Suite("Word pairs learned from a first alignment")
struct LearnedWordPairsTests {
    func features(_ sentences: [String], _ language: String, _ extractor: inout FeatureExtractor) -> [SentenceFeatures] {
        sentences.map { extractor.features(of: $0, language: language, role: .plain) }
    }

    @Test("Words that keep meeting in linked sentences pair up, each the other's best partner; chance meetings do not")
    func learnsMutualBestPartners() {
        var extractor = FeatureExtractor(lexicon: nil)
        let source = features(
            [
                "Der Gipfel blieb unerreicht.", "Am Gipfel wehte Wind.", "Der Gipfel war vereist.",
                "Das Lager stand tiefer.", "Sie bauten das Lager auf.", "Regen kam.",
            ], "de", &extractor)
        let target = features(
            [
                "Le sommet resta vierge.", "Au sommet soufflait le vent.", "Le sommet était gelé.",
                "Le camp était plus bas.", "Ils montèrent le camp.", "Pluie venait.",
            ], "fr", &extractor)
        let learned = LearnedWordPairs(
            source: source, target: target, links: (0..<6).map { ($0, $0) }, minimumCount: 2, minimumDice: 0.4,
            firstKey: Int32(extractor.vocabularySize))
        let gipfel = extractor.key("=gipfel")
        let sommet = extractor.key("=sommet")
        let lager = extractor.key("=lager")
        let camp = extractor.key("=camp")
        #expect(learned.sourceKeys[gipfel] != nil && learned.sourceKeys[gipfel] == learned.targetKeys[sommet])
        #expect(learned.sourceKeys[lager] != nil && learned.sourceKeys[lager] == learned.targetKeys[camp])
        // Seen once together: not enough to learn from.
        #expect(learned.sourceKeys[extractor.key("=regen")] == nil)
        #expect(learned.count == 2)
    }

    @Test("Text+Berg (German → French, no lexicon): strict F1 stays at or above 0.80 with learned pairs")
    func textBerg() throws {
        let folder = TestSupport.goldPath("align/textberg-dev")
        let (score, plain) = try TestSupport.scores(of: folder) { $0.learnWordPairs = 0 }
        #expect(score.strictF1 >= 0.80, "strict F1 \(score.strictF1)")
        #expect(score.strictF1 > plain.strictF1 + 0.02, "learned \(score.strictF1), without \(plain.strictF1)")
    }

    @Test("Without a lexicon, one or two sentences left between two links join the one they fit: Text+Berg gains")
    func loneSkipsJoinANeighbour() throws {
        let folder = TestSupport.goldPath("align/textberg-dev")
        let (score, kept) = try TestSupport.scores(of: folder) { $0.loneSkipPenalty = 0 }
        #expect(score.strictF1 > kept.strictF1 + 0.015, "joined \(score.strictF1), kept \(kept.strictF1)")
        #expect(score.strictF1 >= 0.83, "strict F1 \(score.strictF1)")
    }
}
