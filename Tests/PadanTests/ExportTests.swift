import Foundation
import PadanStore
import Testing

@Suite("Exports")
struct ExportTests {
    typealias T = TestSupport

    func storeWithSeed() throws -> (String, String) {
        let directory = try T.temporaryDirectory()
        let db = directory + "/padan.db"
        _ = try T.padan(["init", "--db", db])
        _ = try T.padan(["add", "--db", db, T.seedSource, T.seedTarget])
        // Text that needs escaping must come back unchanged.
        let store = try AlignmentStore.open(at: db)
        let link = try store.links(pair: 1)[1]
        _ = try store.editText(link: link.id, side: .source, text: "Tom & Jerry said \"<hello>\" at 5 > 4.")
        return (directory, db)
    }

    @Test("TMX validates against the TMX 1.4 structure and every unit round-trips through an XML parser")
    func tmxRoundTrip() throws {
        let (directory, db) = try storeWithSeed()
        let out = directory + "/out.tmx"
        let run = try T.padan(["export", "--db", db, "1", "--format", "tmx", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let validate = Process()
        validate.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        validate.arguments = ["--noout", "--dtdvalid", T.rootPath("Tests/Fixtures/tmx14-padan.dtd"), out]
        try validate.run()
        validate.waitUntilExit()
        #expect(validate.terminationStatus == 0)

        let script = """
            import json, sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            lang = '{http://www.w3.org/XML/1998/namespace}lang'
            units = [[tuv.find('seg').text or '' for tuv in tu.findall('tuv')] + [tu.get('tuid')] for tu in root.iter('tu')]
            print(json.dumps(units))
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, out]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        let units = try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
        let links = try AlignmentStore.open(at: db).links(pair: 1).filter { !$0.sourceText.isEmpty && !$0.targetText.isEmpty }
        #expect(units.count == links.count)
        for (unit, link) in zip(units, links) {
            #expect(unit == [link.sourceText, link.targetText, String(link.id)])
        }
        #expect(units.contains { $0[0] == "Tom & Jerry said \"<hello>\" at 5 > 4." })
    }

    @Test("Moses writes two line-parallel files; TSV has the documented columns; null links are left out")
    func plainFormats() throws {
        let (directory, db) = try storeWithSeed()
        _ = try T.padan(["export", "--db", db, "--all", "--format", "moses", "-o", directory + "/corpus"])
        let english = try T.read(directory + "/corpus.en").split(separator: "\n", omittingEmptySubsequences: false)
        let indonesian = try T.read(directory + "/corpus.id").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(english.count == indonesian.count && english.count == 13)  // 12 units + final newline
        let tsv = try T.padan(["export", "--db", db, "1", "--format", "tsv", "-o", "-"])
        let rows = tsv.stdout.split(separator: "\n")
        #expect(rows.first == "source\ttarget\tscore\tstatus\tlink")
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })
        let jsonl = try T.padan(["export", "--db", db, "1", "--format", "jsonl", "-o", "-"])
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(lines.count == 14)  // JSONL keeps the two null links
        for line in lines { _ = try JSONSerialization.jsonObject(with: Data(line.utf8)) }
        let xliff = try T.padan(["export", "--db", db, "1", "--format", "xliff", "-o", "-"])
        #expect(xliff.stdout.contains("state=\"reviewed\"") && xliff.stdout.contains("state=\"translated\""))
    }

    @Test("Exporting an unknown pair fails with exit 1 and writes no file")
    func unknownPair() throws {
        let (directory, db) = try storeWithSeed()
        let run = try T.padan(["export", "--db", db, "9", "--format", "tmx", "-o", directory + "/x.tmx"])
        #expect(run.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.tmx"))
    }
}
