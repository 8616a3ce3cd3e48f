import Testing

@testable import PadanCore

@Suite("Tokenizer")
struct TokenizerTests {
    @Test("Words, numbers with their separators, and evidence marks; trailing separators are not part of a number")
    func kinds() {
        let tokens = Tokenizer.tokens("Harga naik 5.000, kata anak-anak: “Mahal!” Benarkah 2,29?")
        #expect(
            tokens.map(\.text) == [
                "Harga", "naik", "5.000", "kata", "anak-anak", "\"", "Mahal", "!", "\"", "Benarkah", "2,29", "?",
            ])
        #expect(tokens.map(\.kind) == [.word, .word, .number, .word, .word, .mark, .word, .mark, .mark, .word, .number, .mark])
    }

    @Test("Every token's range points at its text in the sentence, with accents, other scripts and emoji around it")
    func ranges() {
        let sentence = "Ñandú 🇮🇩 café (Zürich) „Straße“ 東京 e\u{301}té 09.30 ¿qué?"
        let tokens = Tokenizer.tokens(sentence)
        #expect(
            tokens.map(\.text) == [
                "Ñandú", "café", "(", "Zürich", "\"", "Straße", "\"", "東京", "e\u{301}té", "09.30", "?", "qué", "?",
            ])
        for token in tokens where token.kind != .mark {
            #expect(String(sentence[token.range]) == token.text)
        }
        let marks = tokens.filter { $0.kind == .mark }.map { String(sentence[$0.range]) }
        #expect(marks == ["(", "„", "“", "¿", "?"])
    }

    @Test("A hyphen between digits separates two numbers (a range or a score), as translations write them apart")
    func rangesAreTwoNumbers() {
        #expect(Tokenizer.tokens("1881-1902, skor 5-3").map(\.text) == ["1881", "1902", "skor", "5", "3"])
        #expect(Tokenizer.tokens("pukul 10:30").map(\.text) == ["pukul", "10:30"])
        #expect(Tokenizer.numberKey("10:30") == Tokenizer.numberKey("10.30"))
    }

    @Test(
        "A number written with its unit or ending is the number and then the unit; ordinal and decade endings are dropped; an ordinal prefix (ke-21) is a word of its own",
        arguments: [
            ("90kg di Bumi", ["90", "kg", "di", "Bumi"]), ("the 1970s", ["the", "1970"]),
            ("the 3rd Duke", ["the", "3", "Duke"]), ("21st century", ["21", "century"]),
            ("tahun 1970-an", ["tahun", "1970", "an"]), ("MH17 and G20", ["MH17", "and", "G20"]),
            ("abad ke-21", ["abad", "ke", "21"]), ("anak-anak", ["anak-anak"]),
        ])
    func numberWithEnding(text: String, expected: [String]) {
        #expect(Tokenizer.tokens(text).map(\.text) == expected)
    }

    @Test(
        "A sentence of ASCII only is cut as one with other scalars is: the same tokens, ranges and length",
        arguments: [
            "Harga naik 5.000, kata anak-anak: \"Mahal!\" Benarkah 2,29?", "90kg in the 1970s, the 3rd (of 5-3)",
            "Asy'ari pukul 10:30 ke-21.", "a", ".", "x-", "(ends with a mark?)",
        ])
    func asciiReadsAsDecoded(sentence: String) {
        // One accented letter after a space sends the sentence down the decoding path; the
        // tokens before it must not change.
        let decoded = Tokenizer.tokens(sentence + " é")
        let ascii = Tokenizer.tokens(sentence)
        #expect(ascii.map(\.text) == decoded.dropLast().map(\.text))
        #expect(ascii.map(\.kind) == decoded.dropLast().map(\.kind))
        #expect(ascii.map(\.range) == decoded.dropLast().map(\.range))
        #expect(Tokenizer.forEachTokenText(in: sentence) { _, _, _ in } == sentence.unicodeScalars.count)
        #expect(Tokenizer.forEachTokenText(in: sentence + " é") { _, _, _ in } == sentence.unicodeScalars.count + 2)
    }

    @Test("Empty and separator-only sentences have no tokens")
    func empty() {
        #expect(Tokenizer.tokens("").isEmpty)
        #expect(Tokenizer.tokens(" ... -- ,, ").isEmpty)
    }
}

@Suite("English stemmer")
struct EnglishStemmerTests {
    @Test(
        "Inflected forms meet their lexicon entry's key, irregular plurals and past tenses included",
        arguments: [
            ("agreed", "agree"), ("agrees", "agree"), ("agreeing", "agree"), ("women", "woman"),
            ("women’s", "woman"), ("spokesmen", "spokesman"), ("children", "child"), ("feet", "foot"),
            ("teeth", "tooth"), ("mice", "mouse"), ("took", "take"), ("taken", "taking"), ("went", "go"),
            ("brought", "bring"), ("written", "writes"),
        ])
    func meetsEntry(word: String, entry: String) {
        #expect(EnglishStemmer.stem(word) == EnglishStemmer.stem(entry))
    }

    @Test("A word ending in -men that is no plural of -man keeps its own key", arguments: ["omen", "amen"])
    func notPlural(word: String) {
        #expect(EnglishStemmer.stem(word) != EnglishStemmer.stem(String(word.dropLast(3)) + "man"))
    }
}

@Suite("Cognate spelling")
struct CognateSpellingTests {
    @Test(
        "Cognates written by different conventions meet in their normalised spelling's first five letters",
        arguments: [
            ("kamera", "camera"), ("telefon", "telephone"), ("zentrum", "centre"), ("technology", "teknologi"),
            ("police", "polisi"), ("physik", "fisika"), ("qualite", "kalitas"), ("economy", "ekonomi"),
        ])
    func meet(one: String, other: String) {
        #expect(CognateSpelling.normalized(one).prefix(5) == CognateSpelling.normalized(other).prefix(5))
    }

    @Test("Words that merely share letters stay apart", arguments: [("kante", "canto"), ("sicher", "signal")])
    func stayApart(one: String, other: String) {
        #expect(CognateSpelling.normalized(one).prefix(5) != CognateSpelling.normalized(other).prefix(5))
    }
}

@Suite("Lexicon look-up of Indonesian words")
struct IndonesianLookupTests {
    /// A lexicon with a derived form and its root listed apart, as FreeDict lists them.
    static let lexicon: PreparedLexicon = {
        var lexicon = Lexicon(foreignLanguage: "id", pivotLanguage: "en")
        for (foreign, pivot) in [("menunjuk", "point"), ("tunjuk", "show"), ("selatan", "south"), ("selat", "strait")] {
            lexicon.add(foreign: foreign, pivot: pivot)
        }
        return PreparedLexicon(lexicon)
    }()

    @Test("A word found only with its affixes stripped means what the nearer form and its root mean")
    func strippedWordTakesRoot() {
        #expect(Self.lexicon.translations(of: "menunjukkan") == ["point", "show"])
        #expect(Self.lexicon.translations(of: "ditunjuk") == ["show"])
    }

    @Test("A word listed as written keeps its own entries, not those of what stripping would leave")
    func listedWordKeepsItsOwn() {
        #expect(Self.lexicon.translations(of: "selatan") == ["south"])
        #expect(Self.lexicon.translations(of: "menunjuk") == ["point"])
    }
}
