import Testing

@testable import PadanCore

@Suite("Whitespace normalisation shortcut")
struct WhitespaceShortcutTests {
    /// Pieces that exercise every case of the check, eight-byte words and their edges included.
    static let pieces = [
        "a", "b", "kata", "Jakarta", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\r", "\u{00A0}", "\u{2009}",
        "\u{200B}", "\u{3000}", "\u{FEFF}", "é", "“", "—", "\u{7F}", "\u{01}", "12345678", "abcdefg",
    ]

    @Test("When the shortcut says a text needs no whitespace work, the byte-by-byte pass leaves it as it is")
    func shortcutIsSafe() {
        var random = SplitMix64(seed: 20_261_125)
        var clean = 0
        for _ in 0..<50_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 24) {
                text += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
            }
            let (needsNoWork, nonASCII) = ArticleCleaner.needsNoWhitespaceWork(text)
            guard needsNoWork else { continue }
            clean += 1
            #expect(ArticleCleaner.normalizeByteByByte(text) == text, "“\(text.debugDescription)”")
            #expect(nonASCII == text.utf8.contains { $0 >= 0x80 }, "“\(text.debugDescription)”")
        }
        #expect(clean > 1_000)
    }

    @Test("Plain prose passes the shortcut; every kind of stray whitespace is caught")
    func examples() {
        #expect(ArticleCleaner.needsNoWhitespaceWork("Presiden Rusia Vladimir Putin siap.\nIa berkata “ya”.") == (true, true))
        #expect(ArticleCleaner.needsNoWhitespaceWork("A plain line of ASCII text, long enough for words.") == (true, false))
        for bad in [
            " lead", "trail ", "two  spaces here and more", "end \nnext", "line\n start", "tab\there", "cr\r\nlf",
            "nbsp\u{00A0}here", "thin\u{2009}space", "zero\u{200B}width", "\u{FEFF}bom", "bell\u{07}", "long text then two  ",
        ] {
            #expect(ArticleCleaner.needsNoWhitespaceWork(bad).0 == false, "\(bad.debugDescription)")
        }
    }

    @Test("Text the NFC shortcut passes is in NFC: every code point it accepts, alone and after a letter")
    func nfcShortcutIsSafe() {
        let accepted = (0x20..<0x300).compactMap(Unicode.Scalar.init) + (0x2002..<0x2040).compactMap(Unicode.Scalar.init)
        for scalar in accepted {
            for text in [
                String(Character(scalar)), "a" + String(Character(scalar)), "e\u{00E9}" + String(Character(scalar)) + "x",
            ] {
                #expect(ArticleCleaner.isSurelyNFC(text), "\(text.debugDescription)")
                #expect(ICU.nfc(text) == text, "\(text.debugDescription)")
            }
        }
        // What NFC changes, or may change, is left to ICU.
        for text in ["e\u{0301}", "\u{2000}", "\u{2126}", "\u{1100}\u{1161}", "A\u{030A}", "Jakarta \u{212B}"] {
            #expect(!ArticleCleaner.isSurelyNFC(text), "\(text.debugDescription)")
        }
    }
}
