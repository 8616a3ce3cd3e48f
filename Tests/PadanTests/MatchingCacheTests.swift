import PadanWorkbench
import Testing

@testable import PadanCore

@Suite("Word forms looked up by their bytes")
struct WordFormTableTests {
    func withBytes<R>(_ form: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var form = form
        return form.withUTF8 { body($0) }
    }

    @Test("Every form inserted is found with its own value, through the table's growth; others are not")
    func findsWhatWasInserted() {
        var table = WordFormTable()
        let forms = (0..<5_000).map { "kata\($0)" } + ["", "a", "Jakarta", "jakarta", "menunjukkan", "über", "東京"]
        for (value, form) in forms.enumerated() { withBytes(form) { table.insert($0, value: Int32(value)) } }
        #expect(table.count == forms.count)
        for (value, form) in forms.enumerated() { #expect(withBytes(form) { table.value(for: $0) } == Int32(value)) }
        for missing in ["kata5000", "Kata1", "jakart", "jakartaa", "tokyo"] {
            #expect(withBytes(missing) { table.value(for: $0) } == nil, "\(missing)")
        }
    }

    @Test("Forms are told apart by their bytes: a precomposed and a decomposed é are two entries")
    func bytesNotCanonicalEquivalence() {
        var table = WordFormTable()
        withBytes("caf\u{E9}") { table.insert($0, value: 1) }
        #expect(withBytes("caf\u{E9}") { table.value(for: $0) } == 1)
        #expect(withBytes("cafe\u{301}") { table.value(for: $0) } == nil)
    }

    @Test(
        "A sentence's length is its number of Unicode scalars",
        arguments: ["", "Jakarta", "Le caf\u{E9} ouvre.", "cafe\u{301}", "東京で 👩‍👩‍👧 会う", "\r\n"])
    func lengthInScalars(sentence: String) {
        var extractor = FeatureExtractor(lexicon: nil)
        #expect(extractor.features(of: sentence, language: "ja", role: .plain).length == sentence.unicodeScalars.count)
        #expect(Tokenizer.forEachTokenText(in: sentence) { _, _, _ in } == sentence.unicodeScalars.count)
    }

    @Test("Sentence features are the same whichever of two spellings of a form was seen first")
    func featuresOfCanonicallyEquivalentForms() {
        var extractor = FeatureExtractor(lexicon: nil)
        let composed = extractor.features(of: "Le caf\u{E9} ouvre.", language: "fr", role: .plain)
        let decomposed = extractor.features(of: "Le cafe\u{301} ouvre.", language: "fr", role: .plain)
        #expect(composed.keys == decomposed.keys)
    }
}

@Suite("Pair masks kept between searches")
struct PairMaskRowsTests {
    static let sources = ["The minister said the port would reopen on Monday.", "Prices rose by 5 percent."]
    static let targets = [
        "Harga naik.", "Menteri mengatakan pelabuhan akan dibuka kembali.", "Pelabuhan dibuka Senin.",
        "Harga naik 5 persen.", "Hujan turun.", "Menteri pergi.",
    ]

    func problem() -> AlignmentProblem {
        AlignmentProblem(
            source: Self.sources, target: Self.targets, sourceLanguage: "en", targetLanguage: "id",
            lexicon: Workbench.bundledPreparedLexicon, configuration: AlignerConfiguration())
    }

    func direct(_ problem: inout AlignmentProblem, _ s: Int, _ targets: Range<Int>) -> [PairMasks] {
        targets.map { problem.pairMasks(s, $0) }
    }

    @Test(
        "A row extended to either side, or replaced by a stretch elsewhere, holds what matching gives directly",
        arguments: [(1..<3, 2..<5), (2..<5, 0..<3), (1..<3, 0..<6), (0..<2, 4..<6)])
    func extendedRowsMatchDirectMatching(first: Range<Int>, second: Range<Int>) {
        var problem = problem()
        var rows = PairMaskRows()
        var matcher = problem.matcher
        for s in 0..<Self.sources.count {
            _ = rows.row(
                source: s, problem.sourceFeatures[s], targets: problem.targetFeatures, range: first, matcher: &matcher)
            let row = rows.row(
                source: s, problem.sourceFeatures[s], targets: problem.targetFeatures, range: second, matcher: &matcher)
            #expect(row.lo <= second.lowerBound && second.upperBound <= row.lo + row.masks.count)
            let held = row.lo..<row.lo + row.masks.count
            #expect(row.masks.map(\.sourceBits) == direct(&problem, s, held).map(\.sourceBits))
            #expect(row.masks.map(\.targetBits) == direct(&problem, s, held).map(\.targetBits))
            #expect(rows.cached(source: s, covering: second) != nil)
        }
        #expect(rows.cached(source: 5, covering: 0..<1) == nil)
        // The lexicon connects the texts: the rows compared hold matches, not only empty masks.
        #expect(direct(&problem, 0, 0..<6).contains { $0.sourceBits != 0 })
    }

    @Test("Past its budget the cache still answers with the right masks but keeps no more rows")
    func budgetBoundsMemory() {
        var problem = problem()
        var rows = PairMaskRows(budget: 4)
        var matcher = problem.matcher
        let first = rows.row(
            source: 0, problem.sourceFeatures[0], targets: problem.targetFeatures, range: 0..<3, matcher: &matcher)
        let second = rows.row(
            source: 1, problem.sourceFeatures[1], targets: problem.targetFeatures, range: 1..<4, matcher: &matcher)
        #expect(first.masks.map(\.sourceBits) == direct(&problem, 0, 0..<3).map(\.sourceBits))
        #expect(second.masks.map(\.targetBits) == direct(&problem, 1, 1..<4).map(\.targetBits))
        #expect(rows.cached(source: 0, covering: 0..<3) != nil)
        #expect(rows.cached(source: 1, covering: 1..<4) == nil)
    }

    @Test("Changing either text's features drops the rows matched for the old ones")
    func clearedWhenFeaturesChange() {
        var problem = problem()
        _ = problem.search(band: Band(n: problem.n, m: problem.m, halfWidth: 8))
        #expect(problem.maskRows.cached(source: 0, covering: 0..<1) != nil)
        problem.targetFeatures = problem.targetFeatures.reversed()
        #expect(problem.maskRows.cached(source: 0, covering: 0..<1) == nil)
    }
}
