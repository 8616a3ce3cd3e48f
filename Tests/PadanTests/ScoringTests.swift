import Testing

@testable import PadanCore

@Suite("Scorers follow the shared definitions")
struct ScoringTests {
    @Test("Segmentation: paragraph ends are given; a missed and an extra boundary are counted")
    func segmentationScore() throws {
        let gold = [["A b.", "C d."], ["E f."]]
        let predicted = [["A b. C d."], ["E f."]]
        let score = try SegmentationScore.score(gold: gold, predicted: predicted)
        #expect(score.truePositives == 0 && score.falseNegatives == 1 && score.falsePositives == 0)
        #expect(score.exactSentences == 1)
        let extra = try SegmentationScore.score(gold: [["A b. C d."]], predicted: [["A b.", "C d."]])
        #expect(extra.falsePositives == 1 && extra.precision == 0)
        #expect(throws: SegmentationScore.Mismatch.self) {
            try SegmentationScore.score(gold: [["A."]], predicted: [["B."]])
        }
    }

    @Test("Alignment: strict and lax hits, null links only strict, recall ignores null links")
    func alignmentScore() {
        let gold = [
            ScoredLink(source: [0], target: [0]), ScoredLink(source: [1, 2], target: [1]), ScoredLink(source: [3], target: []),
        ]
        let test = [
            ScoredLink(source: [0], target: [0]), ScoredLink(source: [1], target: [1]), ScoredLink(source: [2], target: []),
            ScoredLink(source: [3], target: []),
        ]
        let score = AlignmentScore.score(gold: gold, test: test)
        #expect(score.precisionChecked == 4)
        #expect(score.strictPrecisionHits == 2)  // [0]:[0] and [3]:[]
        #expect(score.laxPrecisionHits == 3)  // [1]:[1] overlaps [1,2]:[1]
        #expect(score.recallChecked == 2)
        #expect(score.strictRecallHits == 1 && score.laxRecallHits == 2)
    }

    @Test("Ladder lines round-trip, with or without a score")
    func ladder() {
        #expect(LadderFormat.line(source: 3..<5, target: 3..<4) == "[3,4]:[3]")
        #expect(LadderFormat.line(source: 5..<6, target: 0..<0, score: 0.5) == "[5]:[]:0.5")
        #expect(LadderFormat.parse("[3,4]:[3]:0.91")?.source == [3, 4])
        #expect(LadderFormat.parse("[]:[7]")?.target == [7])
        #expect(LadderFormat.parse("3:4") == nil)
    }
}

@Suite("Lexicon sources")
struct LexiconSourceTests {
    @Test("A FreeDict dictd entry yields its translations, sense numbers and wiki brackets removed")
    func dictdEntry() {
        let entry =
            "authority /ɔːˈθɒɹɪti/ <n>\n1. otoritas 2.\n 2.\npower to enforce rules\n3. [[pihak berwenang]], kekuasaan (resmi)\nsomeone in charge\n"
        let pairs = PadanCore.DictdFormat.parseEntry(entry)
        #expect(pairs.map(\.1) == ["otoritas", "pihak berwenang", "kekuasaan"])
        #expect(pairs.allSatisfy { $0.0 == "authority" })
        let affix = PadanCore.DictdFormat.parseEntry("-ness <suffix>\n-an\nstate\n")
        #expect(affix.isEmpty)
    }

    @Test("The dictd index's base64 offsets decode as dictd defines them")
    func base64() {
        #expect(PadanCore.DictdFormat.base64Number("A") == 0)
        #expect(PadanCore.DictdFormat.base64Number("BA") == 64)
        #expect(PadanCore.DictdFormat.base64Number("/") == 63)
    }
}
