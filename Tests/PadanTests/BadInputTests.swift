import Foundation
import GRDB
import PadanStore
import Testing

@Suite("Bad input is one line and exit 1, and changes nothing")
struct BadInputTests {
    typealias T = TestSupport

    func write(_ bytes: [UInt8], to path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    @Test("Glossaries and word lists with CRLF or CR line ends import every line, without a stray CR", arguments: ["\r\n", "\r"])
    func lineEnds(end: String) throws {
        let (db, directory) = try T.cliStoreWithSeedPair()
        let glossary = directory + "/g.tsv"
        try ["id\ten", "satu\tone", "juru bicara\tspokesman", ""].joined(separator: end).write(
            toFile: glossary, atomically: true, encoding: .utf8)
        let imported = try T.padan(["glossary", "import", "--db", db, glossary])
        #expect(imported.status == 0, "\(imported.stderr)")
        let list = try T.padan(["glossary", "list", "--json", "--db", db])
        let terms = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(Set(terms.compactMap { $0["id"] as? String }) == ["satu", "juru bicara"])
        #expect(Set(terms.compactMap { $0["en"] as? String }) == ["one", "spokesman"])
        let words = directory + "/words.tsv"
        try ["pemerintah\tgovernment", "rakyat\tpeople", ""].joined(separator: end).write(
            toFile: words, atomically: true, encoding: .utf8)
        #expect(try T.padan(["lexicon", "import", "--db", db, words]).status == 0)
        let stored = try DatabaseQueue(path: db).read { db in
            try String.fetchAll(db, sql: "SELECT pivot_term FROM lexicon_entry WHERE foreign_term IN ('pemerintah', 'rakyat')")
        }
        #expect(Set(stored) == ["government", "people"])
        let source = directory + "/s.txt"
        let target = directory + "/t.txt"
        try ["One.", "Two.", "Three.", ""].joined(separator: end).write(toFile: source, atomically: true, encoding: .utf8)
        try ["Satu.", "Dua.", "Tiga.", ""].joined(separator: end).write(toFile: target, atomically: true, encoding: .utf8)
        let ladder = try T.padan(["align", "--presegmented", source, target])
        #expect(ladder.stdout == "[0]:[0]\n[1]:[1]\n[2]:[2]\n")
    }

    @Test("UTF-16 with a byte order mark reads as the same text as UTF-8", arguments: [true, false])
    func utf16(bigEndian: Bool) throws {
        let directory = try T.temporaryDirectory()
        let text = try T.read(T.seedTarget)
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            bytes += bigEndian ? [high, low] : [low, high]
        }
        let path = directory + "/utf16.txt"
        try write(bytes, to: path)
        let fromUTF16 = try T.padan(["segment", "--lang", "id", path])
        let fromUTF8 = try T.padan(["segment", "--lang", "id", T.seedTarget])
        #expect(fromUTF16.status == 0, "\(fromUTF16.stderr)")
        #expect(fromUTF16.stdout == fromUTF8.stdout)
        // An unpaired surrogate is named as bad UTF-16, not called binary.
        try write((bigEndian ? [0xFE, 0xFF, 0xD8, 0x00, 0x00, 0x41] : [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]), to: path)
        let broken = try T.padan(["segment", "--lang", "id", path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("UTF-16"))
    }

    @Test("A huge file and an endless device are refused before they are read whole")
    func hugeInput() throws {
        let directory = try T.temporaryDirectory()
        let sparse = directory + "/sparse.txt"
        #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
        #expect(truncate(sparse, 1 << 30) == 0)
        let huge = try T.padan(["segment", "--lang", "id", sparse])
        #expect(huge.status == 1)
        #expect(huge.stderr.contains("more than Padan reads"))
        #expect(huge.stderr.split(separator: "\n").count == 1)
        let zero = try T.padan(["segment", "--lang", "id", "/dev/zero"])
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("binary"))
        // A stream longer than the limit is cut off at the limit, not read to the end.
        let limited = try T.padan(
            ["segment", "--lang", "id", "-"], stdin: Data(repeating: UInt8(ascii: "a"), count: 3 << 20),
            environment: ["PADAN_MAX_INPUT_MB": "1"])
        #expect(limited.status == 1)
        #expect(limited.stderr.contains("more than Padan reads (1 MiB"))
    }

    @Test(
        "Numbers at the edge of Int are refused with one line, never a crash",
        arguments: [
            ["pairs", "relink", "1", "--source", "9223372036854775807", "--target", "1"],
            ["pairs", "relink", "1", "--source", "0..9223372036854775807", "--target", "1"],
            ["pairs", "split", "1", "--source-at", "9223372036854775807", "--target-at", "0"],
            ["sentences", "split", "1", "--at", "9223372036854775807"],
            ["pairs", "show", "99999999999999999999"],
        ])
    func extremeNumbers(arguments: [String]) throws {
        let (db, _) = try T.cliStoreWithSeedPair()
        let before = try AlignmentStore.open(at: db, access: .read).rowCounts()
        let run = try T.padan(arguments + ["--db", db])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try AlignmentStore.open(at: db, access: .read).rowCounts() == before)
    }

    @Test("A damaged store is reported, not exported")
    func damagedStore() throws {
        let (db, directory) = try T.cliStoreWithSeedPair()
        // Break the header of every other b-tree page after the schema.
        let handle = try #require(FileHandle(forUpdatingAtPath: db))
        let size = try handle.seekToEnd()
        for page in stride(from: UInt64(3), to: size / 4096, by: 2) {
            try handle.seek(toOffset: page * 4096)
            try handle.write(contentsOf: Data([0x0D, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0]))
        }
        try handle.close()
        let run = try T.padan(["export", "1", "--format", "tmx", "-o", directory + "/out.tmx", "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is damaged"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out.tmx"))
    }

    @Test(
        "Missing folders and files are named in one line, never as a raw Foundation error",
        arguments: [
            ["eval", "gold", "/nonexistent"], ["eval", "gold", "/dev/zero"], ["eval", "align", "/nonexistent", "/nope"],
            ["pair-docs", "/nonexistent", "/nope"], ["import", "/nonexistent"],
        ])
    func namedPaths(arguments: [String]) throws {
        let (db, _) = try T.cliStoreWithSeedPair()
        let run = try T.padan(arguments + (arguments[0] == "import" ? ["--db", db] : []))
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
        #expect(arguments.filter { $0.hasPrefix("/") }.contains { run.stderr.contains($0) }, "\(run.stderr)")
    }

    @Test("import with no convincing original lists the translation, its best candidate and what to do; exit 1")
    func unpairedImport() throws {
        let (db, directory) = try T.cliStoreWithSeedPair()
        let translations = directory + "/tempo"
        let originals = directory + "/reuters"
        for folder in [translations, originals] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: T.seedTarget, toPath: translations + "/putin.id.txt")
        try FileManager.default.copyItem(
            atPath: T.goldPath("align/pud-dev/pud00.en.raw.txt"), toPath: originals + "/unrelated.en.txt")
        let run = try T.padan(["import", translations, "--pair-with", originals, "--db", db])
        #expect(run.status == 1)
        #expect(run.stdout.contains("0 pairs added"))
        #expect(run.stderr.contains("putin.id.txt"))
        #expect(run.stderr.contains("best candidate \(originals)/unrelated.en.txt"))
        #expect(run.stderr.contains("--min-score") && run.stderr.contains("padan add"))
    }

    @Test("pairs list --json uses snake_case keys, with the earlier camelCase names beside them")
    func pairListKeys() throws {
        let (db, _) = try T.cliStoreWithSeedPair()
        let run = try T.padan(["pairs", "list", "--json", "--db", db])
        let pairs = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let pair = try #require(pairs.first)
        for key in ["id", "source_language", "target_language", "source_sentences", "target_sentences", "links", "confirmed"] {
            #expect(pair[key] != nil, "missing \(key)")
        }
        #expect(pair["sourceLanguage"] as? String == "en")
        #expect(pair["source_sentences"] as? Int == 16)
    }

    @Test("demo leaves no store behind")
    func demoCleansUp() throws {
        let directory = try T.temporaryDirectory()
        let run = try T.padan(["demo"], environment: ["TMPDIR": directory])
        #expect(run.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }
}
