import Foundation
import Testing

@testable import PadanCore

/// The segmenter runs ICU's sentence iterator only over windows around terminators; these tests
/// hold that to giving exactly the breaks of the iterator run over the whole text.
@Suite("ICU sentence breaks in windows")
struct SentenceWindowTests {
    /// Pieces that reach every sentence-break class and rule: terminators of several scripts,
    /// closing marks, the spaces and separators, combining marks and format characters, digits,
    /// letters of both cases and of scripts without case, and a character outside the BMP.
    static let pieces = [
        "a", "kata", "B", "Jakarta", "U", "S", "x", "é", "ß", "1", "2024", "5.000", " ", " ", "  ", "\u{00A0}",
        "\u{2009}", "\t", "\n", "\r", "\r\n", "\u{2028}", "\u{2029}", "\u{85}", ".", ".", ".", "?", "!", "…",
        "\u{2024}", "。", "？", "؟", "।", ",", ";", ":", "-", "—", "\"", "'", "(", ")", "[", "]", "“", "”",
        "‘", "’", "«", "»", "\u{0301}", "\u{00AD}", "\u{200D}", "\u{FEFF}", "漢", "ب", "😀", "#", "%", "/",
    ]

    static func expectSameBreaks(_ text: String, locale: String = "id", sourceLocation: SourceLocation = #_sourceLocation) {
        let units = Array(text.utf16)
        let windowed = ICU.sentenceBreaks(units, locale: locale)
        let full = ICU.sentenceBreaks(units, locale: locale, fullScan: true)
        #expect(windowed == full, "\(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test("Random text from every sentence-break class: the same breaks as the full scan")
    func randomText() {
        var random = SplitMix64(seed: 20_261_130)
        for _ in 0..<40_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 40) {
                text += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
            }
            Self.expectSameBreaks(text)
        }
    }

    @Test("Every ASCII character and every separator, after a terminator and before one: the same breaks")
    func everyASCIICharacter() {
        for scalar in (0..<128).compactMap(Unicode.Scalar.init) + ["\u{85}", "\u{2028}", "\u{2029}"] {
            let c = String(Character(scalar))
            for text in ["Ia pergi.\(c) Lalu", "Ia pergi\(c) Lalu pulang. Ya", "A\(c)b. c\(c)D. \(c)e", "\(c)", "x \(c)."] {
                Self.expectSameBreaks(text)
            }
        }
    }

    @Test("Random prose with the terminators and marks where news puts them: the same breaks")
    func randomProse() {
        var random = SplitMix64(seed: 7)
        let words = ["Presiden", "Putin", "dan", "Dr.", "Jl.", "No.", "5.000", "U.S.", "10.00", "WIB", "kata", "ia", "(AS)"]
        let joins = [" ", " ", " ", ". ", ".” ", "? ", "! ", ", ", " “", ".\n", "\n\n", "... ", ".) ", " - "]
        for _ in 0..<10_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 30) {
                text += words[Int(random.next() % UInt64(words.count))]
                text += joins[Int(random.next() % UInt64(joins.count))]
            }
            Self.expectSameBreaks(text)
        }
    }

    @Test("Every text of the shared gold sets and the bundled corpus: the same breaks")
    func corpora() throws {
        var paths = ["segment/id-gsd-dev.fixed.txt", "segment/id-hard.shared.txt"].map(TestSupport.goldPath)
        for directory in ["align/pud-dev", "align/flores-dev-e2e", "align/textberg-dev"] {
            let folder = TestSupport.goldPath(directory)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".txt") {
                paths.append(folder + "/" + name)
            }
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: TestSupport.rootPath("corpora"))
        where name.hasSuffix(".txt") {
            paths.append(TestSupport.rootPath("corpora/" + name))
        }
        #expect(paths.count > 40)
        for path in paths {
            let text = try TestSupport.read(path)
            for locale in ["id", "en", "de", "fr"] { Self.expectSameBreaks(text, locale: locale) }
        }
    }

    @Test("A locale whose rules differ from root's (English with abbreviation suppressions) is scanned whole")
    func tailoredLocale() {
        let units = Array("Mr. Smith went to Washington. He stayed.".utf16)
        let suppressed = ICU.sentenceBreaks(units, locale: "en@ss=standard")
        #expect(suppressed == [30, 40])
        #expect(ICU.sentenceBreaks(units, locale: "en") == [4, 30, 40])
    }
}
