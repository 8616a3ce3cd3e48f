import Foundation
import PadanStore
import Testing

@Suite("The padan command, end to end")
struct CLITests {
    typealias T = TestSupport

    @Test(
        "pairs confirm - and pairs reject - read link ids from standard input (for many thousands); a word that is no id is refused"
    )
    func idsFromStandardInput() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let run = try TestSupport.padan(["pairs", "confirm", "-", "--db", db], stdin: Data("2\n3 4\n".utf8))
        #expect(run.status == 0 && run.stdout.contains("confirmed links 2, 3, 4"), "\(run.stderr)")
        let bad = try TestSupport.padan(["pairs", "reject", "-", "--db", db], stdin: Data("5 six\n".utf8))
        #expect(bad.status == 1 && bad.stderr.contains("not a link id on standard input: six"))
        #expect(try TestSupport.open(db, access: .read).link(5).status == .auto)
        #expect(try TestSupport.padan(["pairs", "confirm", "x7", "--db", db]).stderr.contains("not a link id: x7"))
    }

    @Test("init, add, pairs list --json on the seed pair; the store holds what was printed")
    func seedPairEndToEnd() throws {
        let directory = try T.temporaryDirectory()
        let db = directory + "/padan.db"
        let initRun = try T.padan(["init"], directory: directory)
        #expect(initRun.status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        let add = try T.padan(["add", T.seedSource, T.seedTarget], directory: directory)
        #expect(add.status == 0, "\(add.stderr)")
        let pairID = add.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(pairID == "1")
        let again = try T.padan(["add", "--db", db, T.seedSource, T.seedTarget])
        #expect(again.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        let list = try T.padan(["pairs", "list", "1", "--json"], environment: ["PADAN_DB": db])
        #expect(list.status == 0)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 14)
        for key in ["id", "status", "score", "source_sentences", "target_sentences", "source", "target"] {
            #expect(items[0][key] != nil, "missing \(key)")
        }
        #expect(items[0]["source_sentences"] as? [Int] == [0])
        #expect((items[0]["target"] as? String) == "Vladimir Putin Siap Berdialog Dengan Joe Biden")

        let store = try AlignmentStore.open(at: db)
        let counts = try store.rowCounts()
        #expect(counts["document_pair"] == 1 && counts["link"] == 14 && counts["sentence"] == 29)
    }

    @Test("segment prints one sentence per line with blank lines between paragraphs, from a file or stdin")
    func segment() throws {
        let run = try T.padan(["segment", "--lang", "id", "-"], stdin: Data("Satu. Dua.\n\nTiga.".utf8))
        #expect(run.status == 0)
        #expect(run.stdout == "Satu.\nDua.\n\nTiga.\n")
        let seed = try T.padan(["segment", "--lang", "id", T.seedTarget])
        let expected = try T.read(T.goldPath("segment/seed/tempo-putin-biden.id.content.txt"))
        #expect(seed.stdout.split(separator: "\n").map(String.init) == expected.split(separator: "\n").map(String.init))
    }

    @Test("align prints the ladder format, optionally with scores, and JSON")
    func align() throws {
        let directory = try T.temporaryDirectory()
        try "One.\nTwo 2.\n".write(toFile: directory + "/a.txt", atomically: true, encoding: .utf8)
        try "Satu.\nDua 2.\n".write(toFile: directory + "/b.txt", atomically: true, encoding: .utf8)
        let ladder = try T.padan(["align", "--presegmented", directory + "/a.txt", directory + "/b.txt"])
        #expect(ladder.stdout == "[0]:[0]\n[1]:[1]\n")
        let scored = try T.padan(["align", "--presegmented", "--scores", directory + "/a.txt", directory + "/b.txt"])
        #expect(scored.stdout.split(separator: "\n").allSatisfy { $0.split(separator: ":").count == 3 })
        let json = try T.padan(["align", "--format", "json", T.seedSource, T.seedTarget])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 14)
    }

    @Test("demo works from any directory and prints the seed pair side by side")
    func demo() throws {
        let run = try T.padan(["demo", "--width", "120"], directory: "/")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("pair 1: 16 English and 13 Indonesian sentences, 14 links"))
        #expect(run.stdout.contains("Gedung Putih mengatakan pekan lalu"))
        #expect(run.stdout.contains(" │ "))
    }

    @Test(
        "Bad input: one-line error naming the problem, exit 1, store unchanged",
        arguments: ["missing", "empty", "invalid-utf8", "directory", "binary", "unknown-pair"])
    func badInput(kind: String) throws {
        let directory = try T.temporaryDirectory()
        let db = directory + "/padan.db"
        _ = try T.padan(["init", "--db", db])
        _ = try T.padan(["add", "--db", db, T.seedSource, T.seedTarget])
        let before = try AlignmentStore.open(at: db).rowCounts()
        let bad = directory + "/bad.txt"
        var arguments = ["add", "--db", db, T.seedSource, bad]
        var expected = ""
        switch kind {
        case "missing": expected = "no such file"
        case "empty":
            try Data().write(to: URL(fileURLWithPath: bad))
            expected = "empty"
        case "invalid-utf8":
            try Data([0x41, 0x62, 0xC3, 0x28, 0x2E]).write(to: URL(fileURLWithPath: bad))
            expected = "not valid UTF-8"
        case "directory":
            try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: true)
            expected = "is a directory"
        case "binary":
            try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: URL(fileURLWithPath: bad))
            expected = "binary"
        default:
            arguments = ["pairs", "list", "--db", db, "42"]
            expected = "no pair with id 42"
        }
        let run = try T.padan(arguments)
        #expect(run.status == 1)
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(run.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1)
        #expect(run.stdout.isEmpty)
        #expect(try AlignmentStore.open(at: db).rowCounts() == before)
    }

    @Test("lexicon coverage counts words found as written and after affix stripping, and lists what is missing")
    func lexiconCoverage() throws {
        let text = "Mereka membeli rumah itu pada 2021. Rumahnya di Kecamatan Zzyzx."
        let run = try T.padan(["lexicon", "coverage", "--missing", "2", "--json", "-"], stdin: Data(text.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        struct Report: Decodable {
            struct Row: Decodable {
                var words: Int
                var as_written: Double
                var after_stripping: Double
            }
            struct Missed: Decodable {
                var word: String
                var count: Int
            }
            var files: [Row]
            var missing: [Missed]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(run.stdout.utf8))
        // Nine words (the year is a number): `membeli` and `rumahnya` are found only once stripped
        // (`beli`, `rumah`), the invented place name never.
        #expect(report.files.first?.words == 9)
        #expect((report.files.first?.after_stripping ?? 0) > (report.files.first?.as_written ?? 1))
        #expect(report.missing.map(\.word).contains("zzyzx"))
        let missingFile = try T.padan(["lexicon", "coverage", "/nonexistent/file.txt"])
        #expect(missingFile.status == 1)
    }

    @Test("lexicon coverage counts the article's words, not its teasers, captions and other boilerplate")
    func lexiconCoverageSkipsBoilerplate() throws {
        let run = try T.padan(["lexicon", "coverage", "--missing", "50", "--json", T.seedTarget])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let missing = Set(((report["missing"] as? [[String: Any]]) ?? []).compactMap { $0["word"] as? String })
        // "Baca juga" teasers and the "Advertising" blocks are set aside, as they are before alignment.
        #expect(!missing.contains("advertising") && !missing.contains("baca"))
        let article = try T.padan(["segment", "--lang", "id", T.seedTarget]).stdout
        let words = ((report["files"] as? [[String: Any]])?.first?["words"] as? Int) ?? 0
        #expect(words > 0 && words < article.split(whereSeparator: \.isWhitespace).count + 1)
    }

    @Test("pairs shift moves one side down and back up by one link; every sentence stays in one link")
    func shiftSide() throws {
        let (db, _) = try T.cliStoreWithSeedPair()
        let before = try AlignmentStore.open(at: db, access: .read).links(pair: 1)
        let down = try T.padan(["pairs", "shift", "1", "--from", "4", "--side", "source", "--direction", "down", "--db", db])
        #expect(down.status == 0, "\(down.stderr)")
        var links = try AlignmentStore.open(at: db, access: .read).links(pair: 1)
        #expect(links.first { $0.id == 4 }?.source.isEmpty == true)
        #expect(links.last?.target.isEmpty == true && links.last?.source == 15..<16)
        #expect(links.flatMap { Array($0.source) } == Array(0..<16))
        let up = try T.padan(["pairs", "shift", "1", "--from", "5", "--side", "source", "--direction", "up", "--db", db])
        #expect(up.status == 0, "\(up.stderr)")
        links = try AlignmentStore.open(at: db, access: .read).links(pair: 1)
        #expect(links.map(\.source) == before.map(\.source) && links.map(\.target) == before.map(\.target))
        let first = try T.padan(["pairs", "shift", "1", "--from", "1", "--side", "target", "--direction", "up", "--db", db])
        #expect(first.status == 1)
    }

    @Test("Every command answers --help with exit 0")
    func help() throws {
        for command in [
            [], ["init"], ["add"], ["segment"], ["align"], ["pairs"], ["pairs", "list"], ["pairs", "show"],
            ["pairs", "confirm"], ["undo"], ["history"], ["glossary", "import"], ["eval", "segment"],
            ["eval", "align"], ["eval", "gold"], ["demo"], ["lexicon", "coverage"],
        ] {
            let run = try T.padan(command + ["--help"])
            #expect(run.status == 0, "\(command)")
            #expect(run.stdout.contains("USAGE"), "\(command)")
        }
    }

    @Test("A database that is not SQLite is refused with a clear error and left untouched")
    func notADatabase() throws {
        let directory = try T.temporaryDirectory()
        let junk = directory + "/junk.db"
        let content = Data(String(repeating: "hello ", count: 500).utf8)
        try content.write(to: URL(fileURLWithPath: junk))
        let run = try T.padan(["pairs", "list", "--db", junk])
        #expect(run.status == 1)
        #expect(run.stderr.contains("not a Padan store"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: junk)) == content)
    }
}

@Suite("Several processes on one store")
struct ConcurrencyTests {
    @Test("Eight processes confirming different links at once: every edit lands, each as one history entry")
    func concurrentEdits() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let ids = try AlignmentStore.open(at: db).links(pair: 1).prefix(8).map(\.id)
        let processes = try ids.map { id -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestSupport.binary)
            process.arguments = ["pairs", "confirm", "--db", db, String(id)]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let store = try AlignmentStore.open(at: db)
        let links = try store.links(pair: 1)
        #expect(links.filter { ids.contains($0.id) }.allSatisfy { $0.status == .confirmed && $0.version == 2 })
        #expect(try store.history(pair: 1).count == ids.count)
        #expect(try store.integrityCheck() == "ok")
    }
}

@Suite("Two reviewers")
struct ConflictTests {
    @Test("An edit based on a stale read is refused with a clear message; the newer edit stays")
    func staleEdit() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let listed = try TestSupport.padan(["pairs", "list", "--db", db, "1", "--json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let id = try #require(items[3]["id"] as? Int)
        let version = try #require(items[3]["version"] as? Int)
        let first = try TestSupport.padan(["pairs", "confirm", "--db", db, String(id), "--expect", "\(id):\(version)"])
        #expect(first.status == 0)
        let second = try TestSupport.padan(["pairs", "reject", "--db", db, String(id), "--expect", "\(id):\(version)"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("changed since you read it"))
        let next = try #require(items[4]["id"] as? Int)
        let merge = try TestSupport.padan([
            "pairs", "merge", "--db", db, String(id), String(next), "--expect", "\(id):\(version)",
        ])
        #expect(merge.status == 1)
        let store = try AlignmentStore.open(at: db)
        #expect(try store.link(Int64(id)).status == .confirmed)
        #expect(try store.links(pair: 1).count == items.count)
        #expect(try store.history(pair: 1).count == 1)
    }
}
