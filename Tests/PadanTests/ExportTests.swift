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

    /// Runs a Python script on `file` (the XML parsers the checks use); what it printed.
    func python(_ script: String, _ file: String) throws -> Data {
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, file]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        return data
    }

    /// Runs xmllint with `arguments`; its exit status and messages.
    func xmllint(_ arguments: [String]) throws -> (status: Int32, messages: String) {
        let validate = Process()
        validate.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        validate.arguments = ["--noout", "--nonet"] + arguments
        let err = Pipe()
        validate.standardError = err
        try validate.run()
        let messages = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validate.waitUntilExit()
        return (validate.terminationStatus, messages)
    }

    @Test("TMX validates against the TMX 1.4b DTD and every unit round-trips through an XML parser")
    func tmxRoundTrip() throws {
        let (directory, db) = try storeWithSeed()
        let out = directory + "/out.tmx"
        let run = try T.padan(["export", "--db", db, "1", "--format", "tmx", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let validation = try xmllint(["--dtdvalid", T.rootPath("Tests/Fixtures/schemas/tmx14.dtd"), out])
        #expect(validation.status == 0, "\(validation.messages)")

        let script = """
            import json, sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            lang = '{http://www.w3.org/XML/1998/namespace}lang'
            units = [[tuv.find('seg').text or '' for tuv in tu.findall('tuv')] + [tu.get('tuid')] for tu in root.iter('tu')]
            print(json.dumps(units))
            """
        let data = try python(script, out)
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

    @Test("XLIFF validates against the OASIS XLIFF 2 core schema")
    func xliffSchema() throws {
        let (directory, db) = try storeWithSeed()
        let out = directory + "/out.xlf"
        #expect(try T.padan(["export", "--db", db, "1", "--format", "xliff", "-o", out]).status == 0)
        let validation = try xmllint(["--schema", T.rootPath("Tests/Fixtures/schemas/xliff_core_2.0.xsd"), out])
        #expect(validation.status == 0, "\(validation.messages)")
    }

    @Test("Pairs of two language pairs: each TMX unit carries its own languages, Moses files go per language pair, XLIFF refuses")
    func mixedLanguages() throws {
        let (directory, db) = try storeWithSeed()
        let german = directory + "/a.de.txt"
        let french = directory + "/a.fr.txt"
        try "Die Expedition brach im April auf.\n\nDanach kehrte die Mannschaft zurück.\n".write(
            toFile: german, atomically: true, encoding: .utf8)
        try "L'expédition partit en avril.\n\nPuis l'équipe rentra.\n".write(toFile: french, atomically: true, encoding: .utf8)
        let added = try T.padan(["add", "--db", db, "--source-lang", "de", "--target-lang", "fr", german, french])
        #expect(added.status == 0, "\(added.stderr)")
        let tmx = try T.padan(["export", "--db", db, "--all", "--format", "tmx", "-o", "-"])
        #expect(tmx.status == 0)
        #expect(tmx.stdout.contains("srclang=\"*all*\""))
        #expect(tmx.stdout.contains("<tuv xml:lang=\"de\"><seg>Die Expedition brach im April auf.</seg></tuv>"))
        #expect(tmx.stdout.contains("<tuv xml:lang=\"fr\"><seg>L'expédition partit en avril.</seg></tuv>"))
        #expect(!tmx.stdout.contains("<tuv xml:lang=\"en\"><seg>Die"))
        let moses = try T.padan(["export", "--db", db, "--all", "--format", "moses", "-o", directory + "/corpus"])
        #expect(moses.status == 0, "\(moses.stderr)")
        #expect(try T.read(directory + "/corpus.de-fr.de").hasPrefix("Die Expedition"))
        #expect(try T.read(directory + "/corpus.de-fr.fr").hasPrefix("L'expédition"))
        #expect(try T.read(directory + "/corpus.en-id.en").split(separator: "\n").count == 12)
        let xliff = try T.padan(["export", "--db", db, "--all", "--format", "xliff", "-o", directory + "/x.xlf"])
        #expect(xliff.status == 1)
        #expect(xliff.stderr.contains("one language pair"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.xlf"))
    }

    @Test("--include-null is refused for formats with no place for an empty side", arguments: ["tmx", "xliff", "moses"])
    func includeNullRefused(format: String) throws {
        let (directory, db) = try storeWithSeed()
        let run = try T.padan(["export", "--db", db, "1", "--format", format, "--include-null", "-o", directory + "/x"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--include-null works with tsv and jsonl"))
    }

    @Test("The glossary's TBX export is well-formed TBX-Basic: one termEntry per term with an en and an id langSet")
    func glossaryTBX() throws {
        let (directory, db) = try storeWithSeed()
        #expect(try T.padan(["glossary", "import", "--db", db, T.rootPath("glossary/seed-glossary.tsv")]).status == 0)
        let out = directory + "/terms.tbx"
        #expect(try T.padan(["glossary", "export", "--db", db, "--format", "tbx", "-o", out]).status == 0)
        #expect(try xmllint([out]).status == 0)
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            lang = '{http://www.w3.org/XML/1998/namespace}lang'
            entries = root.findall('./text/body/termEntry')
            ok = root.tag == 'martif' and root.get('type') == 'TBX-Basic' and all(
                sorted(s.get(lang) for s in e.findall('langSet')) == ['en', 'id'] and len(e.findall('langSet/tig/term')) == 2
                for e in entries)
            print(len(entries) if ok else -1)
            """
        let count = Int(String(decoding: try python(script, out), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        let terms = try AlignmentStore.open(at: db, access: .read).glossary().count
        #expect(count == terms && terms > 30)
    }

    @Test(
        "A comment on an edit is in the history and exported as the link's note (TMX, XLIFF, JSONL, all valid); undo takes it back"
    )
    func commentsBecomeNotes() throws {
        let (directory, db) = try storeWithSeed()
        let reason = "attribution to Interfax & \"Reuters\" missing"
        #expect(try T.padan(["pairs", "reject", "3", "--comment", reason, "--db", db]).status == 0)
        let history = try T.padan(["history", "1", "--json", "--db", db])
        #expect(history.stdout.contains("\"comment\":\"attribution to Interfax & \\\"Reuters\\\" missing\""))
        let tmx = directory + "/notes.tmx"
        #expect(try T.padan(["export", "1", "--format", "tmx", "--status", "rejected", "-o", tmx, "--db", db]).status == 0)
        #expect(try T.read(tmx).contains("<note>attribution to Interfax &amp; \"Reuters\" missing</note>"))
        #expect(try xmllint(["--dtdvalid", T.rootPath("Tests/Fixtures/schemas/tmx14.dtd"), tmx]).status == 0)
        let xliff = directory + "/notes.xlf"
        #expect(try T.padan(["export", "1", "--format", "xliff", "--status", "rejected", "-o", xliff, "--db", db]).status == 0)
        #expect(try T.read(xliff).contains("<notes><note category=\"review\">"))
        #expect(try xmllint(["--schema", T.rootPath("Tests/Fixtures/schemas/xliff_core_2.0.xsd"), xliff]).status == 0)
        let jsonl = try T.padan(["export", "1", "--format", "jsonl", "--status", "rejected", "-o", "-", "--db", db])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(jsonl.stdout.utf8)) as? [String: Any])
        #expect(object["note"] as? String == reason)
        #expect(try T.padan(["undo", "1", "--db", db]).status == 0)
        #expect(try AlignmentStore.open(at: db, access: .read).links(pair: 1)[2].note == "")
    }

    @Test("Exporting an unknown pair fails with exit 1 and writes no file")
    func unknownPair() throws {
        let (directory, db) = try storeWithSeed()
        let run = try T.padan(["export", "--db", db, "9", "--format", "tmx", "-o", directory + "/x.tmx"])
        #expect(run.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.tmx"))
    }
}
