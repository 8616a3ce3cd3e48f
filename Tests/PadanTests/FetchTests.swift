import Foundation
import Testing

/// The fetch test site (`Tests/Fixtures/fetch/server.py`) on a free loopback port, for one test.
final class FetchSite {
    let port: Int
    let log: String
    private let process: Process

    init() throws {
        let directory = try TestSupport.temporaryDirectory()
        log = directory + "/requests.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestSupport.rootPath("Tests/Fixtures/fetch/server.py"), directory + "/port", log]
        // Its own output goes nowhere: a server holding the test runner's pipe would keep it waiting.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: directory + "/port", encoding: .utf8), let port = Int(text) {
                self.port = port
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw FetchSiteFailure()
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The options that send reuters.com and the Web Archive to this site, and nowhere else.
    var options: [String] {
        [
            "--mirror", "https://www.reuters.com=http://127.0.0.1:\(port)", "--mirror",
            "https://web.archive.org=http://127.0.0.1:\(port)",
            "--allow-hosts", "127.0.0.1", "--rate", "0",
        ]
    }

    /// The paths requested so far, in order.
    func requests() throws -> [String] { try TestSupport.read(log).split(separator: "\n").map(String.init) }
}

struct FetchSiteFailure: Error {}

@Suite("Fetching the original a translation cites (a test site on loopback)")
struct FetchTests {
    /// The bundled Tempo article citing `url` instead of its Reuters link, with `extra` as a first
    /// paragraph of its own.
    func translation(citing url: String, extra: String = "", in directory: String? = nil, name: String = "tempo.id.txt")
        throws -> String
    {
        let folder = try directory ?? TestSupport.temporaryDirectory()
        let text = try TestSupport.read(TestSupport.seedTarget).replacingOccurrences(
            of: "https://www.reuters.com/article/idUSKBN29T0CA?il=0", with: url)
        let path = folder + "/" + name
        let body = extra.isEmpty ? text : text.replacingOccurrences(of: "TEMPO.CO, -", with: "TEMPO.CO, -\n\n" + extra)
        try body.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func store() throws -> String {
        let db = try TestSupport.emptyDatabase(.sqlite)
        #expect(try TestSupport.padan(["init", "--db", db]).status == 0)
        return db
    }

    @Test(
        "add --fetch-original follows the 301 from the old /article/id… URL, checks the page, stores both; again, fetches nothing"
    )
    func redirectAndResume() throws {
        let site = try FetchSite()
        let db = try store()
        let run = try TestSupport.padan(["add", "--fetch-original", TestSupport.seedTarget, "--json", "--db", db] + site.options)
        #expect(run.status == 0, "\(run.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(result?["links"] as? Int == 14 && result?["created"] as? Bool == true)
        #expect(result?["original"] as? String == "https://www.reuters.com/article/idUSKBN29T0CA?il=0")
        let tried = (result?["tried"] as? [[String: String]])?.map { $0["outcome"] ?? "" }
        #expect(tried == ["HTTP 301", "HTTP 200"])
        let document = try #require(try TestSupport.open(db, access: .read).document(1))
        #expect(document.fetch?.url == "https://www.reuters.com/article/idUSKBN29T0CA?il=0")
        #expect(
            document.fetch?.finalURL.hasSuffix("/world/europe/kremlin-says-putin-ready-dialogue-with-biden-2021-01-24/") == true)
        #expect(document.fetch?.status == 200 && document.rawText.contains("<article>"))
        let requests = try site.requests()
        #expect(requests.first == "/robots.txt")
        let again = try TestSupport.padan(["add", "--fetch-original", TestSupport.seedTarget, "--db", db] + site.options)
        #expect(again.status == 0 && again.stdout == "1\n")
        #expect(try site.requests() == requests)  // nothing fetched twice
    }

    @Test(
        "Each failure is one line, exit 1, nothing stored: gone (no fallback), slow, huge, paywall, robots.txt, a host not allowed, a redirect loop",
        arguments: [
            ("https://www.reuters.com/gone/idUSKBN29T0CA", [String](), "HTTP 404"),
            ("https://www.reuters.com/slow/idUSKBN29T0CA", ["--timeout", "1"], "no answer within 1 s"),
            ("https://www.reuters.com/huge/idUSKBN29T0CA", ["--max-size", "1"], "larger than 1 MB"),
            ("https://www.reuters.com/paywall/idUSKBN29T0CA", [], "not the original"),
            ("https://www.reuters.com/private/idUSKBN29T0CA", [], "robots.txt"),
            ("https://www.reuters.com/loop/idUSKBN29T0CA", [], "more than 10 redirects"),
        ])
    func failures(url: String, options: [String], reason: String) throws {
        let site = try FetchSite()
        let db = try store()
        let path = try translation(citing: url)
        let run = try TestSupport.padan(["add", "--fetch-original", path, "--db", db] + site.options + options)
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains(reason), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try TestSupport.open(db, access: .read).pairs().isEmpty)
    }

    @Test("A host --allow-hosts does not name is never asked, not even for robots.txt")
    func allowedHostsOnly() throws {
        let site = try FetchSite()
        let db = try store()
        let options = site.options.map { $0 == "127.0.0.1" ? "example.org" : $0 }
        let run = try TestSupport.padan(["add", "--fetch-original", TestSupport.seedTarget, "--db", db] + options)
        #expect(run.status == 1 && run.stderr.contains("not fetched"), "\(run.stderr)")
        #expect(try site.requests().isEmpty)
    }

    @Test(
        "A page gone from the site comes from the archive's copy with --archive-fallback; a 429 is waited out as Retry-After says"
    )
    func archiveAndRateLimit() throws {
        let site = try FetchSite()
        let db = try store()
        let gone = try translation(citing: "https://www.reuters.com/gone/idUSKBN29T0CA")
        let run = try TestSupport.padan(
            ["add", "--fetch-original", gone, "--archive-fallback", "--json", "--db", db] + site.options)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try site.requests().contains("/web/20210124/https://www.reuters.com/gone/idUSKBN29T0CA"))
        let limited = try translation(citing: "https://www.reuters.com/limited/idUSKBN29T0CA", extra: "Laporan kedua.")
        let start = Date()
        let second = try TestSupport.padan(["add", "--fetch-original", limited, "--db", db] + site.options)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Date().timeIntervalSince(start) >= 1)  // it waited the second Retry-After asked for
        #expect(try site.requests().filter { $0.hasPrefix("/limited/") }.count == 2)
    }

    @Test(
        "A batch of 200 translations with 10 % of originals gone: 180 stored, 20 failures listed, exit 1; a rerun fetches only those 20"
    )
    func batch() throws {
        let site = try FetchSite()
        let db = try store()
        let folder = try TestSupport.temporaryDirectory()
        for number in 0..<200 {
            _ = try translation(
                citing: "https://www.reuters.com/batch/\(number)",
                extra: "Laporan nomor \(number) datang dari Moskow pada Minggu.",
                in: folder, name: String(format: "tempo-%03d.id.txt", number))
        }
        let run = try TestSupport.padan(["import", folder, "--fetch-originals", "--db", db] + site.options)
        #expect(run.status == 1)
        #expect(run.stdout.contains("180 pairs added, 0 already stored, 20 failed"), "\(run.stdout)")
        #expect(run.stderr.split(separator: "\n").filter { $0.contains("failed: ") }.count == 20)
        let fetched = try site.requests().filter { $0.hasPrefix("/batch/") }.count
        #expect(fetched == 200)
        let rerun = try TestSupport.padan(["import", folder, "--fetch-originals", "--db", db] + site.options)
        #expect(rerun.stdout.contains("0 pairs added, 180 already stored, 20 failed"), "\(rerun.stdout)")
        #expect(try site.requests().filter { $0.hasPrefix("/batch/") }.count == fetched + 20)
    }

    @Test("import --fetch-originals --queue: the workers fetch, on both backends", arguments: Backend.allCases)
    func queuedFetching(backend: Backend) throws {
        let site = try FetchSite()
        let db = try TestSupport.emptyDatabase(backend)
        #expect(try TestSupport.padan(["init", "--db", db, "--user", "ana"]).status == 0)
        let folder = try TestSupport.temporaryDirectory()
        for number in 0..<3 {
            _ = try translation(
                citing: "https://www.reuters.com/batch/\(number)",
                extra: "Laporan nomor \(number) datang dari Moskow pada Minggu.",
                in: folder, name: "t\(number).id.txt")
        }
        let queued = try TestSupport.padan(["import", folder, "--fetch-originals", "--queue", "--db", db, "--user", "ana"])
        #expect(queued.status == 0 && queued.stdout.contains("queued 3"), "\(queued.stderr)")
        #expect(try site.requests().isEmpty)  // queuing fetches nothing
        let work = try TestSupport.padan(["work", "--until-empty", "--db", db, "--user", "ana"] + site.options)
        #expect(work.stdout.contains("3 jobs done, 0 failed"), "\(work.stdout) \(work.stderr)")
        #expect(try TestSupport.open(db, access: .read).pairs().count == 3)
    }

    @Test("padan fetch URL -o FILE writes the article Padan reads from the page")
    func fetchCommand() throws {
        let site = try FetchSite()
        let out = try TestSupport.temporaryDirectory() + "/page.txt"
        let run = try TestSupport.padan(
            ["fetch", "https://www.reuters.com/article/idUSKBN29T0CA?il=0", "-o", out] + site.options)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try TestSupport.read(out)
        #expect(text.hasPrefix("title: Kremlin says Putin is ready for dialogue with Biden"))
        #expect(text.contains("the Kremlin said on Sunday.") && !text.contains("All quotes delayed"))
    }
}
