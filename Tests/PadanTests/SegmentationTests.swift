import Foundation
import PadanCore
import Testing

@Suite("Cleaning and segmentation")
struct SegmentationTests {
    func content(_ path: String, language: String) throws -> [String] {
        let raw = try TestSupport.read(path)
        let article = ArticleCleaner(language: language).clean(raw)
        return SentenceSegmenter(language: language).segment(article.text).map(\.text)
    }

    @Test("The seed article yields exactly its headline and 12 body sentences")
    func seedContent() throws {
        let expected = try TestSupport.read(TestSupport.goldPath("segment/seed/tempo-putin-biden.id.content.txt"))
            .split(separator: "\n").map(String.init)
        #expect(try content(TestSupport.seedTarget, language: "id") == expected)
    }

    @Test("Every boilerplate segment of the seed article is set aside, in order")
    func seedBoilerplate() throws {
        let raw = try TestSupport.read(TestSupport.seedTarget)
        let article = ArticleCleaner(language: "id").clean(raw)
        let segmenter = SentenceSegmenter(language: "id")
        let setAside = article.setAside.flatMap { segmenter.segment($0.text).map(\.text) }
        let expected = try TestSupport.read(TestSupport.goldPath("segment/seed/tempo-putin-biden.id.boilerplate.txt"))
            .split(separator: "\n").map(String.init)
        #expect(setAside == expected)
        #expect(article.title == "Vladimir Putin Siap Berdialog Dengan Joe Biden")
        #expect(article.date == "2021-01-24T22:02:00+07:00")
        #expect(article.sourceURLs == ["https://www.reuters.com/article/idUSKBN29T0CA?il=0"])
    }

    @Test("The English original yields its 16 sentences; dateline and credit are set aside")
    func englishContent() throws {
        let sentences = try content(TestSupport.seedSource, language: "en")
        #expect(sentences.count == 16)
        #expect(sentences.first == "Kremlin says Putin is ready for dialogue with Biden")
        #expect(sentences[1].hasPrefix("Russian President Vladimir Putin is willing"))
        #expect(sentences[11].hasSuffix("which expires on Feb. 5."))
        #expect(sentences[14].contains("after the Nov. 3 vote."))
        let article = ArticleCleaner(language: "en").clean(try TestSupport.read(TestSupport.seedSource))
        #expect(article.setAside.map(\.label) == ["dateline", "credit"])
    }

    @Test(
        "Indonesian abbreviations, initials, numbers and quotes do not end sentences",
        arguments: [
            ("Dr. Ir. H. Bambang Susanto, M.Sc. menjabat sebagai rektor.", 1),
            ("Kantornya di Jl. Sudirman No. 5, Jakarta.", 1),
            ("Harga tiket Rp. 25.000 untuk dewasa.", 1),
            ("Novel itu diterjemahkan oleh H.B. Jassin.", 1),
            ("Rapat dimulai pk. 09.30 WIB di ruang utama.", 1),
            ("Bantuan berupa beras, gula, dll. disalurkan kemarin.", 1),
            ("Mereka menjual pakaian, tas, dsb. Semua barang impor.", 2),
            ("“Apakah kamu yakin?” tanya ibunya.", 1),
            ("Situs www.kemenkeu.go.id/berita?id=5 sempat tidak bisa diakses.", 1),
            ("Dia terdiam... lalu melanjutkan. Para hadirin ikut terdiam.", 2),
            ("Jenderal TNI (Purn.) Wiranto hadir.", 1),
            ("Ia mengonsumsi vitamin C. Harga vitamin itu naik.", 2),
        ])
    func indonesianRules(text: String, count: Int) {
        #expect(SentenceSegmenter(language: "id").segment(text).count == count)
    }

    @Test(
        "A company's legal forms and a dotted code number are parts of a name or a number, in both languages; a sentence may still end after them",
        arguments: [
            ("id", "Kapal itu milik Hyundai Merchant Marine Co. Ltd. yang berbasis di Seoul.", 1),
            ("id", "Sahamnya dibeli Sampoerna Packaging Asia Pte. Ltd. pekan lalu.", 1),
            ("id", "PT Bank Negara Indonesia Persero Tbk. (BBNI) mencatat laba naik.", 1),
            ("id", "Kontrak diteken Red Willow Offshore LLC. dan mitranya.", 1),
            ("id", "Aturannya ada di Peraturan Bapepam No. XI. B.02.00 tentang pembelian kembali saham.", 1),
            ("id", "Saham ini diterbitkan PT Astra International Tbk. Perseroan mencatat laba naik.", 2),
            ("en", "Shares of Samsung C&T Co. Ltd. rose 3% on Monday.", 1),
            ("en", "The deal with Acme Holdings PLC. (ACME) closed on Friday.", 1),
            ("en", "Its rules follow Regulation No. IX. E.1 on conflicts of interest.", 1),
            ("en", "The shares were sold to Siemens AG and Bosch GmbH. The deal closed in May.", 2),
        ])
    func companyFormsAndCodes(language: String, text: String, count: Int) {
        let sentences = SentenceSegmenter(language: language).segment(text)
        #expect(sentences.count == count, "\(sentences.map(\.text))")
    }

    @Test("English wire abbreviations: U.S., Feb. 5, Mr.")
    func englishRules() {
        let segmenter = SentenceSegmenter(language: "en")
        #expect(segmenter.segment("The U.S. Senate voted on Feb. 5 to confirm Mr. Smith.").count == 1)
        #expect(segmenter.segment("They met in the U.S. The talks failed.").count == 2)
    }

    @Test("A quotation mark followed by a space closes the sentence before it, it does not open the next")
    func strayClosingQuote() {
        for language in ["id", "en"] {
            let sentences = SentenceSegmenter(language: language).segment(
                "\"Simpan salinan di \"awan\"). \" Jika bepergian, bawa laptop. Dia berkata, \"Ya.\" \"Tidak,\" jawabnya."
            )
            .map(\.text)
            #expect(
                sentences == [
                    "\"Simpan salinan di \"awan\"). \"", "Jika bepergian, bawa laptop.", "Dia berkata, \"Ya.\"",
                    "\"Tidak,\" jawabnya.",
                ], "\(language)")
        }
    }

    @Test("Offsets point back into the cleaned text")
    func offsets() {
        let text = "Satu dua tiga. Empat lima.\n\nParagraf kedua."
        let sentences = SentenceSegmenter(language: "id").segment(text)
        let units = Array(text.utf16)
        for sentence in sentences {
            #expect(String(decoding: units[sentence.start..<sentence.end], as: UTF16.self) == sentence.text)
        }
        #expect(sentences.map(\.paragraph) == [0, 0, 1])
    }

    @Test("Odd input: no punctuation, CRLF with BOM, whitespace only, one very long line")
    func oddInput() {
        let segmenter = SentenceSegmenter(language: "id")
        #expect(segmenter.segment("tanpa tanda baca sama sekali").count == 1)
        let cleaned = ArticleCleaner(language: "id").clean("\u{FEFF}Satu.\r\nDua.\r\n")
        #expect(segmenter.segment(cleaned.text).map(\.text) == ["Satu.", "Dua."])
        #expect(segmenter.segment("   \n\n  ").isEmpty)
        let long = String(repeating: "kata ", count: 200_000)
        #expect(segmenter.segment(long).count == 1)
    }

    @Test("Boundary F1 on the shared gold sets stays at or above the targets")
    func goldSets() throws {
        for (name, target) in [("id-gsd-dev.fixed", 0.99), ("id-hard.shared", 0.98)] {
            let base = TestSupport.goldPath("segment/\(name)")
            let gold = SegmentationScore.parseParagraphs(try TestSupport.read(base + ".gold"))
            let paragraphs = ArticleCleaner.paragraphs(of: try TestSupport.read(base + ".txt"))
            let segmenter = SentenceSegmenter(language: "id")
            let predicted = paragraphs.map { segmenter.segment($0).map(\.text) }
            let score = try SegmentationScore.score(gold: gold, predicted: predicted)
            #expect(score.f1 >= target, "\(name): F1 \(score.f1)")
        }
    }
}
