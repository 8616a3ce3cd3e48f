import Foundation
import PadanWorkbench
import Testing

@testable import PadanCore

@Suite("Sentence pairs pinned together by a rare shared token")
struct PinnedPairsTests {
    func features(_ sentences: [String], _ language: String, _ extractor: inout FeatureExtractor) -> [SentenceFeatures] {
        sentences.map { extractor.features(of: $0, language: language, role: .plain) }
    }

    /// One 1-1 step per sentence: the first alignment the pairs are found near.
    func diagonal(_ count: Int) -> [AlignmentProblem.Step] {
        (1...count).map { AlignmentProblem.Step(i: $0, j: $0, a: 1, b: 1) }
    }

    @Test("A number or a long word found once in each text pins its two sentences; one seen twice nearby does not")
    func rareTokensPin() {
        var extractor = FeatureExtractor(lexicon: nil)
        let source = features(
            [
                "Die Expedition erreichte 7950 m.", "Dann kam der Sturm.", "Huerta führte sie.",
                "Der Sturm dauerte an.",
            ], "de", &extractor)
        let target = features(
            [
                "L'expédition atteignit 7950 m.", "Puis vint la tempête.", "Huerta la dirigeait.",
                "La tempête dura.",
            ], "fr", &extractor)
        let pinned = PinnedPairs(source: source, target: target, steps: diagonal(4))
        let pairs = pinned.pairs.map { [$0.source, $0.target] }
        #expect(pairs.contains([0, 0]))  // 7950, and Expedition = expédition once accents are folded
        #expect(pairs.contains([2, 2]))  // Huerta
        // `Sturm` occurs twice in German and never in French: it pins nothing.
        #expect(!pairs.contains { $0[0] == 1 || $0[0] == 3 })
    }

    @Test("A shared token pins only sentences whose links are neighbours in the first alignment")
    func onlyNearThePath() {
        var extractor = FeatureExtractor(lexicon: nil)
        let filler = (0..<6).map { "Satz \($0 + 100) ohne Belang." }
        let source = features(["Am 15. Mai fiel Schnee."] + filler, "de", &extractor)
        let target = features(
            filler.map { $0.replacingOccurrences(of: "Satz", with: "Phrase") } + ["Le 15 mai, il neigea."], "fr", &extractor)
        let pinned = PinnedPairs(source: source, target: target, steps: diagonal(7))
        #expect(!pinned.pairs.contains { $0.source == 0 && $0.target == 6 })
    }

    @Test("The cut pairs per cell, counted row by row or in one batch, equal a direct count")
    func crossingsMatchADirectCount() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let n = Int.random(in: 1...30, using: &generator)
            let m = Int.random(in: 1...30, using: &generator)
            var extractor = FeatureExtractor(lexicon: nil)
            // Tokens 1000…1019 sprinkled over both sides; the pinning rules pick which pair.
            func sentences(_ count: Int) -> [String] {
                (0..<count).map { _ in
                    (0..<2).map { _ in String(Int.random(in: 1000..<1020, using: &generator)) }.joined(separator: " ")
                }
            }
            let source = features(sentences(n), "de", &extractor)
            let target = features(sentences(m), "fr", &extractor)
            let steps =
                (1...min(n, m)).map { AlignmentProblem.Step(i: $0, j: $0, a: 1, b: 1) }
                + (n > m ? (m + 1...n).map { AlignmentProblem.Step(i: $0, j: m, a: 1, b: 0) } : [])
                + (m > n ? (n + 1...m).map { AlignmentProblem.Step(i: n, j: $0, a: 0, b: 1) } : [])
            let pinned = PinnedPairs(source: source, target: target, steps: steps)
            var crossings = PinnedPairs.Crossings(pinned, targetCount: m)
            var boundaries: [(i: Int, j: Int)] = []
            for i in 0...n {
                crossings.move(to: i)
                let low = Int.random(in: 0...m, using: &generator)
                let counts = crossings.counts(low...m)
                for j in low...m {
                    let direct = pinned.pairs.filter { ($0.source < i) != ($0.target < j) }.count
                    #expect(Int(counts[j - low]) == direct, "row \(i), column \(j)")
                    boundaries.append((i, j))
                }
            }
            // The batch count the confidence uses, asked in any order, agrees too.
            boundaries.shuffle(using: &generator)
            for (boundary, cut) in zip(boundaries, pinned.cuts(at: boundaries, targetCount: m)) {
                #expect(cut == pinned.pairs.filter { ($0.source < boundary.i) != ($0.target < boundary.j) }.count)
            }
        }
    }

    @Test("A passage split differently in each language stays in one link when rare tokens cross the boundaries")
    func differentSplitsStayTogether() {
        // German ends its first sentence after 8900 m, French after 8839,8 m: the two German
        // sentences share their numbers with three French ones, a 2-3 link no bead shape holds.
        let german = [
            "Die Expedition brach im April auf.",
            "Sechs Messungen ergaben 8839,8 m, und spätere Schätzungen gingen bis über 8900 m hinaus.",
            "Die neue Kote von 1955 ist 8848 m, und das ist die Zahl, an die man sich nunmehr zu halten hat.",
            "Danach kehrte die Mannschaft nach Kathmandu zurück.",
        ]
        let french = [
            "L'expédition partit en avril.",
            "Six mesures donnaient 8839,8 m.",
            "Des estimations allaient jusqu'à 8900 m; la nouvelle cote de 1955 est de 8848 m.",
            "Il conviendra désormais de s'en tenir à ce chiffre.",
            "Puis l'équipe rentra à Kathmandu.",
        ]
        let aligner = SentenceAligner(sourceLanguage: "de", targetLanguage: "fr")
        let links = aligner.align(source: german, target: french).map { [Array($0.source), Array($0.target)] }
        #expect(links.contains([[1, 2], [1, 2, 3]]), "\(links)")
        var unpinned = AlignerConfiguration()
        unpinned.pinnedPairCost = 0
        let apart = SentenceAligner(sourceLanguage: "de", targetLanguage: "fr", configuration: unpinned)
            .align(source: german, target: french).map { [Array($0.source), Array($0.target)] }
        #expect(!apart.contains([[1, 2], [1, 2, 3]]), "\(apart)")
    }

    @Test("Text+Berg (German → French, no lexicon): pinning lifts strict F1 by 0.04 or more, to 0.90 or more")
    func textBerg() throws {
        let folder = TestSupport.goldPath("align/textberg-dev")
        let (score, apart) = try TestSupport.scores(of: folder) { $0.pinnedPairCost = 0 }
        #expect(score.strictF1 >= apart.strictF1 + 0.04, "pinned \(score.strictF1), unpinned \(apart.strictF1)")
        #expect(score.strictF1 >= 0.90, "strict F1 \(score.strictF1)")
        // Semicolon clauses kept from closing a merge help too (they gain 0.008 here).
        var closingOnClauses = AlignerConfiguration()
        closingOnClauses.runOnEnding = 0
        let (runOn, _, _) = try GoldEvaluation.run(folder: folder, endToEnd: false, configuration: closingOnClauses)
        #expect(score.strictF1 > runOn.strictF1, "with \(score.strictF1), without \(runOn.strictF1)")
    }
}
