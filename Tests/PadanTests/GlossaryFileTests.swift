import Foundation
import PadanCore
import PadanWorkbench
import Testing

/// Glossary files keep what a term is: its two texts, languages, status, domain and note.
@Suite("Glossary files: TSV, OmegaT, CSV and TBX")
struct GlossaryFileTests {
    static let entries = [
        GlossaryEntry(
            source: "White House", target: "Gedung Putih", note: "the U.S. presidency, \"the West Wing\"", domain: "politics"),
        GlossaryEntry(source: "spokesman", target: "juru bicara", status: .proposed),
        GlossaryEntry(source: "Cold War", target: "Perang Dingin", domain: "history", status: .deprecated),
        GlossaryEntry(source: "news agency", target: "kantor berita", note: "line one,\nline two"),
    ]

    @Test("Each format reads back what it wrote", arguments: [GlossaryFormat.tsv, .csv, .tbx])
    func roundTrip(format: GlossaryFormat) throws {
        let text = GlossaryFile.write(Self.entries, format: format)
        let read = try GlossaryFile.read(text, format: format, languages: .englishIndonesian).get()
        var expected = Self.entries
        // TSV fields stay on one line: a line break in a note becomes a space.
        if format == .tsv { expected[3].note = "line one, line two" }
        if format == .tbx { expected[3].note = "line one, line two" }
        #expect(read == expected)
    }

    @Test("OmegaT's file has no header and no status: source, target, comment; it reads as approved terms")
    func omegat() throws {
        let text = GlossaryFile.write(Self.entries.filter { $0.status == .approved }, format: .omegat)
        #expect(text.hasPrefix("White House\tGedung Putih\t"))
        let read = try GlossaryFile.read(text, format: .omegat, languages: .englishIndonesian).get()
        #expect(read.map(\.source) == ["White House", "news agency"])
        #expect(read.allSatisfy { $0.status == .approved })
        // Padan's TSV without its header is read the same way.
        #expect(try GlossaryFile.read(text, format: .tsv, languages: .englishIndonesian).get() == read)
    }

    @Test("A TSV header names its columns by language, in any order, with any language pair")
    func headerLanguages() throws {
        let text = "de\tfr\tstatus\nBundesrat\tConseil fédéral\tproposed\n"
        let pair = LanguagePair(source: "de", target: "fr")
        let read = try GlossaryFile.read(text, format: .tsv, languages: pair).get()
        #expect(read == [GlossaryEntry(source: "Bundesrat", target: "Conseil fédéral", languages: pair, status: .proposed)])
        let reversed = try GlossaryFile.read("fr\tde\nConseil fédéral\tBundesrat\n", format: .tsv, languages: pair).get()
        #expect(reversed.map(\.source) == ["Bundesrat"])
    }

    @Test("TBX v3 (conceptEntry, langSec, termSec) and TBX-Basic's statuses are read", arguments: [true, false])
    func tbxVersions(version3: Bool) throws {
        let (entry, language, term) = version3 ? ("conceptEntry", "langSec", "termSec") : ("termEntry", "langSet", "tig")
        let text = """
            <?xml version="1.0"?>
            <\(version3 ? "tbx" : "martif") type="TBX-Basic"><text><body>
            <\(entry) id="c1"><descrip type="subjectField">politics</descrip>
              <\(language) xml:lang="en-GB"><\(term)><term>spokesman</term></\(term)></\(language)>
              <\(language) xml:lang="id"><\(term)><term>juru bicara</term>
                <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></\(term)>
                <\(term)><term>jubir</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></\(term)>
              </\(language)>
            </\(entry)>
            <!-- a comment --><\(entry) id="c2"><\(language) xml:lang="en"><\(term)><term>R&amp;D</term></\(term)></\(language)>
              <\(language) xml:lang="id"><\(term)><term><![CDATA[litbang]]></term></\(term)></\(language)></\(entry)>
            </body></text></\(version3 ? "tbx" : "martif")>
            """
        let read = try GlossaryFile.read(text, format: .tbx, languages: .englishIndonesian).get()
        #expect(
            read == [
                GlossaryEntry(source: "spokesman", target: "juru bicara", domain: "politics", status: .proposed),
                GlossaryEntry(source: "spokesman", target: "jubir", domain: "politics", status: .deprecated),
                GlossaryEntry(source: "R&D", target: "litbang"),
            ])
    }

    @Test(
        "A malformed file names its line and reason",
        arguments: [
            (GlossaryFormat.csv, "source,target\n\"White House,Gedung Putih\n", "not closed"),
            (.csv, "a,b\nx,y\n", "header"),
            (.tsv, "id\ten\tstatus\nx\ty\tmaybe\n", "status “maybe”"),
            (.tsv, "id\ten\nonly one\n", "expected a term and its equivalent"),
            (.tbx, "<martif><text><termEntry></text></martif>", "closes <termEntry>"),
            (.tbx, "<html></html>", "not TBX"),
        ])
    func malformed(format: GlossaryFormat, text: String, reason: String) {
        guard case .failure(let error) = GlossaryFile.read(text, format: format, languages: .englishIndonesian) else {
            Issue.record("read \(text) without complaint")
            return
        }
        #expect(error.reason.contains(reason), "\(error)")
    }

    @Test("CSV fields may hold commas, quotes and line breaks")
    func csvQuoting() throws {
        let text = "source,target,note\r\n\"House, White\",\"Gedung \"\"Putih\"\"\",\"two\nlines\"\r\n"
        let read = try GlossaryFile.read(text, format: .csv, languages: .englishIndonesian).get()
        #expect(read == [GlossaryEntry(source: "House, White", target: "Gedung \"Putih\"", note: "two\nlines")])
    }

    @Test(
        "On the shipped flores-dev gold links, more of the proposer's first 50 terms are in FreeDict and the seed glossary than of a plain Dice ranking's, with multi-word terms and no copied word"
    )
    func proposerBeatsDice() throws {
        let report = try GlossaryEvaluation.run(
            folders: [TestSupport.goldPath("align/flores-dev")], glossaries: [TestSupport.rootPath("glossary/seed-glossary.tsv")],
            shown: 50)
        let padan = try #require(report.methods.first { $0.name == "padan" })
        let baseline = try #require(report.methods.first { $0.name == "dice-baseline" })
        #expect(try #require(padan.precision["50"]) > (try #require(baseline.precision["50"])))
        #expect(padan.top.contains { $0.source.contains(" ") || $0.target.contains(" ") })
        #expect(padan.top.allSatisfy { $0.source.lowercased() != $0.target.lowercased() })
    }
}
