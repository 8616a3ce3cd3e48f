import Foundation
import PadanWorkbench
import Testing

@testable import PadanCore

private typealias T = TestSupport

@Suite("Both sides of an alignment are read at once, numbered as one reader would")
struct FeatureReadingTests {
    /// The lines of a shipped gold text (one sentence each).
    static func sentences(_ relative: String) throws -> [String] {
        try T.read(T.goldPath(relative)).split(separator: "\n").map(String.init)
    }

    /// Everything the aligner reads of a sentence's features, comparable.
    static func summary(_ features: SentenceFeatures) -> [[Int32]] {
        [
            features.keys, features.keyStarts, features.wordIdentities, features.anchorKeys,
            [Int32(features.length), features.runsOn ? 1 : 0],
        ]
    }

    @Test("With a lexicon, the sides read apart give exactly the keys one extractor reading both gives")
    func sidesReadApartKeepTheNumbering() throws {
        let source = try Self.sentences("align/pud-dev/pud00.en.txt")
        let target = try Self.sentences("align/pud-dev/pud00.id.txt")
        let lexicon = Workbench.bundledPreparedLexicon
        let roles = FeatureExtractor.roles(sourceLanguage: "en", targetLanguage: "id", lexicon: lexicon)
        #expect(roles.source == .direct && roles.target == .translated)

        var one = FeatureExtractor(lexicon: lexicon)
        let sourceFeatures = source.map { one.features(of: $0, language: "en", role: roles.source) }
        let targetFeatures = target.map { one.features(of: $0, language: "id", role: roles.target) }
        // Split in two documents, as a batch would be.
        let half = source.count / 2
        let both = FeatureExtractor.readingBothSides(
            source: [Array(source[..<half]), Array(source[half...])], language: "en", role: roles.source,
            target: [target], language: "id", role: roles.target, lexicon: lexicon)

        #expect(both.source.map(\.count) == [half, source.count - half])
        #expect(both.source.joined().map(Self.summary) == sourceFeatures.map(Self.summary))
        #expect(both.target.joined().map(Self.summary) == targetFeatures.map(Self.summary))
        #expect(both.extractor.vocabularySize == one.vocabularySize)
        #expect(both.extractor.wordsToTranslate == one.wordsToTranslate)
        #expect(both.extractor.wordsTranslated == one.wordsTranslated)
    }

    @Test("Without a lexicon, a form both texts write matches, and each side decides its own stop words")
    func eachSideIsReadInItsLanguage() {
        // `saat` is an Indonesian function word ("when"), but in an English text it is a word
        // like any other (a name here); and `Jakarta` is the same key on both sides.
        let both = FeatureExtractor.readingBothSides(
            source: [["Saat Jakarta voted, Saat won."]], language: "en", role: .plain,
            target: [["Saat itu Jakarta memilih."]], language: "id", role: .plain, lexicon: nil)
        let source = both.source[0][0]
        let target = both.target[0][0]
        let jakarta = source.wordIdentities[1]
        #expect(target.wordIdentities.contains(jakarta))
        // Source: saat, jakarta, voted, saat, won and two marks; target: jakarta, memilih and a mark.
        #expect(source.wordIdentities.filter { $0 >= 0 }.count == 5)
        #expect(target.wordIdentities.filter { $0 >= 0 }.count == 2)
        #expect(!target.wordIdentities.contains(source.wordIdentities[0]))
    }
}
