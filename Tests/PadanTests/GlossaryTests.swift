import Foundation
import GRDB
import PadanCore
import PadanWorkbench
import Testing

@testable import PadanStore

/// The glossary's life cycle through the CLI, on both backends: statuses and who may set them,
/// history and undo, language pairs, proposals mined from confirmed links, usage and corpus checks.
@Suite("Glossary: life cycle, history, language pairs, proposals, usage, corpus checks")
struct GlossaryTests {
    typealias T = TestSupport

    @discardableResult
    func padan(_ arguments: [String], _ db: String, status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> T.Run
    {
        let run = try T.padan(arguments + ["--db", db])
        #expect(run.status == status, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        return run
    }

    func terms(_ db: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let run = try T.padan(["glossary", "list", "--json", "--db", db] + extra)
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    }

    func json(_ run: T.Run) throws -> Any { try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) }

    @Test(
        "An editor's term is proposed and a supervisor's approved; only a supervisor approves, rejects or deprecates; each change records who and when",
        arguments: Backend.allCases)
    func lifeCycle(backend: Backend) throws {
        let db = try TestSupport.teamStore(backend)
        #expect(try padan(["glossary", "add", "juru bicara", "spokesman", "--user", "budi"], db).stdout.contains("(proposed)"))
        #expect(
            try padan(["glossary", "add", "Gedung Putih", "White House", "--user", "sari"], db).stdout.contains("(approved)"))
        let refused = try padan(["glossary", "approve", "juru bicara", "--user", "budi"], db, status: 1)
        #expect(refused.stderr.contains("only a supervisor or above may make a glossary term approved"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        try padan(["glossary", "approve", "juru bicara", "--user", "sari"], db)
        try padan(["glossary", "deprecate", "Gedung Putih", "--comment", "use Istana Putih", "--user", "sari"], db)
        let listed = try terms(db)
        let spokesman = try #require(listed.first { $0["en"] as? String == "spokesman" })
        #expect(spokesman["status"] as? String == "approved")
        #expect(spokesman["author"] as? String == "sari")
        #expect(spokesman["version"] as? Int == 2)
        #expect(spokesman["source_language"] as? String == "en" && spokesman["target_language"] as? String == "id")
        let house = try #require(listed.first { $0["en"] as? String == "White House" })
        #expect(house["status"] as? String == "deprecated" && house["note"] as? String == "")
        // A stale version is a conflict, and changes nothing.
        let id = try #require(spokesman["term_id"] as? Int)
        let stale = try padan(
            ["glossary", "edit", "\(id)", "--note", "x", "--expect", "1", "--user", "sari"], db, status: 1)
        #expect(stale.stderr.contains("is at version 2, you read version 1"))
        let history = try #require(try json(try padan(["glossary", "history", "--json"], db)) as? [[String: Any]])
        #expect(history.map { $0["kind"] as? String ?? "" } == ["add-term", "add-term", "approved", "deprecated"])
        #expect(history.map { $0["author"] as? String ?? "" } == ["budi", "sari", "sari", "sari"])
        #expect(history.last?["comment"] as? String == "use Istana Putih")
    }

    @Test(
        "undo --glossary takes back exactly one glossary edit (an import of many terms too) and redo re-applies it; each user undoes their own, and a later edit of the same term blocks the undo",
        arguments: Backend.allCases)
    func undoAndRedo(backend: Backend) throws {
        let db = try TestSupport.teamStore(backend)
        let empty = try padan(["store", "digest"], db).stdout
        try padan(["glossary", "import", T.rootPath("glossary/seed-glossary.tsv"), "--user", "sari"], db)
        let imported = try padan(["store", "digest"], db).stdout
        #expect(try terms(db).count == 43)
        try padan(["glossary", "reject", "Kremlin", "--user", "ana"], db)
        // sari's import is not ana's to undo; ana undoes her own rejection.
        #expect(try padan(["undo", "--glossary", "--user", "ana"], db).stdout.contains("undid: rejected #"))
        #expect(try padan(["store", "digest"], db).stdout == imported)
        try padan(["redo", "--glossary", "--user", "ana"], db)
        #expect(try terms(db, ["--status", "rejected"]).count == 1)
        // sari's import is under ana's later rejection of one of its terms.
        let blocked = try padan(["undo", "--glossary", "--user", "sari"], db, status: 1)
        #expect(blocked.stderr.contains("the later glossary edit") && blocked.stderr.contains("by ana"))
        try padan(["undo", "--glossary", "--user", "ana"], db)
        try padan(["undo", "--glossary", "--user", "sari"], db)
        #expect(try terms(db).isEmpty)
        #expect(try padan(["store", "digest"], db).stdout == empty)
        try padan(["redo", "--glossary", "--user", "sari"], db)
        #expect(try padan(["store", "digest"], db).stdout == imported)
        // Pair edits and glossary edits are undone apart.
        try padan(["pairs", "confirm", "3", "--user", "sari"], db)
        try padan(["undo", "--glossary", "--user", "sari"], db)
        #expect(try terms(db).isEmpty)
        let links = try #require(try json(try padan(["pairs", "list", "1", "--json"], db)) as? [[String: Any]])
        let three = links.first { $0["id"] as? Int == 3 }
        #expect(three?["status"] as? String == "confirmed")
        #expect(
            try padan(["undo", "--glossary", "--user", "ana"], db, status: 1).stderr.contains("nothing to undo in the glossary"))
    }

    @Test(
        "Terms carry their languages: a de-fr term is no en-id rule, and check of each pair follows its own terms",
        arguments: Backend.allCases)
    func languagePairs(backend: Backend) throws {
        let (db, directory) = try T.cliStoreWithSeedPair(backend)
        try "Der Bundesrat tagt heute.\n\nDie Sitzung dauert lange.\n".write(
            toFile: directory + "/a.de.txt", atomically: true, encoding: .utf8)
        try "Le conseil se réunit aujourd'hui.\n\nLa séance dure longtemps.\n".write(
            toFile: directory + "/a.fr.txt", atomically: true, encoding: .utf8)
        try padan(
            ["add", directory + "/a.de.txt", directory + "/a.fr.txt", "--source-lang", "de", "--target-lang", "fr"], db)
        try padan(["glossary", "add", "Conseil fédéral", "Bundesrat", "--languages", "de-fr"], db)
        try padan(["glossary", "add", "Rusia", "Russia"], db)
        #expect(try terms(db, ["--languages", "de-fr"]).map { $0["source"] as? String } == ["Bundesrat"])
        #expect(try terms(db, ["--languages", "en-id"]).count == 1)
        let german = try padan(["check", "2", "--json"], db, status: 1)
        let findings = try #require(try json(german) as? [[String: Any]])
        #expect(findings.contains { ($0["evidence"] as? String)?.contains("bundesrat") == true })
        #expect(!findings.contains { ($0["evidence"] as? String)?.contains("russia") == true })
        let english = try #require(try json(try T.padan(["check", "1", "--json", "--db", db])) as? [[String: Any]])
        #expect(!english.contains { ($0["evidence"] as? String)?.contains("bundesrat") == true })
        // TBX keeps both pairs, each term with its languages and status.
        let tbx = directory + "/all.tbx"
        try padan(["glossary", "export", "--format", "tbx", "-o", tbx], db)
        let text = try T.read(tbx)
        #expect(text.contains("<langSet xml:lang=\"de\"><tig><term>Bundesrat</term>"))
        #expect(text.contains("preferredTerm-admn-sts"))
    }

    @Test(
        "propose mines multi-word terms from confirmed links only, stores them as proposed in one undoable edit, and never proposes a rejected term again",
        arguments: Backend.allCases)
    func propose(backend: Backend) throws {
        let db = try T.emptyDatabase(backend)
        try padan(["init"], db)
        // The shipped pud-dev articles (Tests/Fixtures/gold), aligned by Padan, every link confirmed.
        let folder = T.goldPath("align/pud-dev")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".en.raw.txt") }.sorted()
        for name in names {
            let stem = folder + "/" + name.dropLast(".en.raw.txt".count)
            try padan(["add", stem + ".en.raw.txt", stem + ".id.raw.txt"], db)
        }
        // Nothing is confirmed yet: nothing to mine.
        let none = try #require(try json(try padan(["glossary", "propose", "--json"], db)) as? [String: Any])
        #expect((none["candidates"] as? [Any])?.isEmpty == true)
        for pair in 1...names.count {
            let links = try #require(try json(try padan(["pairs", "list", "\(pair)", "--json"], db)) as? [[String: Any]])
            let all = links.compactMap { $0["id"] as? Int }.map(String.init)
            try T.padan(["pairs", "confirm", "-", "--db", db], stdin: Data(all.joined(separator: "\n").utf8))
        }
        let run = try padan(["glossary", "propose", "--all", "--json"], db)
        let result = try #require(try json(run) as? [String: Any])
        let candidates = try #require(result["candidates"] as? [[String: Any]])
        let pairs = candidates.map { "\($0["source"] ?? "") = \($0["target"] ?? "")" }
        // Multi-word terms on either side.
        #expect(pairs.contains("summer = musim panas"), "\(pairs)")
        #expect(pairs.contains("World War = Perang Dunia"), "\(pairs)")
        // Names and numbers stand unchanged on both sides: never a term.
        for candidate in candidates {
            let source = candidate["source"] as? String ?? ""
            let target = candidate["target"] as? String ?? ""
            #expect(source.lowercased() != target.lowercased() && !source.contains(where: \.isNumber), "\(candidate)")
            #expect((candidate["frequency"] as? Int ?? 0) >= 3)
            #expect((candidate["examples"] as? [Int])?.isEmpty == false)
        }
        #expect(result["added"] as? Int == candidates.count)
        let stored = try terms(db, ["--status", "proposed"])
        #expect(stored.count == candidates.count)
        #expect(stored.allSatisfy { ($0["frequency"] as? Int ?? 0) >= 3 && ($0["example_links"] as? [Int])?.isEmpty == false })
        try padan(["glossary", "reject", "musim panas"], db)
        let again = try #require(try json(try padan(["glossary", "propose", "--json"], db)) as? [String: Any])
        #expect(again["added"] as? Int == 0)
        #expect(try terms(db, ["--status", "rejected"]).map { $0["id"] as? String } == ["musim panas"])
        // The proposal was one edit: undoing the rejection, then it, leaves no term.
        try padan(["undo", "--glossary"], db)
        try padan(["undo", "--glossary"], db)
        #expect(try terms(db).isEmpty)
    }

    @Test(
        "usage lists every link whose original holds the term, with the rendering used and how many follow the approved one",
        arguments: Backend.allCases)
    func usage(backend: Backend) throws {
        let db = try TestSupport.teamStore(backend)
        try padan(["glossary", "add", "Kremlin", "Kremlin", "--user", "ana"], db)
        let run = try padan(["glossary", "usage", "Kremlin", "--json"], db)
        let usage = try #require(try json(run) as? [String: Any])
        let links = try #require(usage["links"] as? [[String: Any]])
        // Five links of the pair name the Kremlin in English; two translations keep the word.
        #expect(links.count == 5)
        #expect(usage["approved"] as? Int == 2)
        for link in links {
            let source = try #require(link["source"] as? String)
            let match = try #require(link["source_match"] as? [Int])
            #expect(Array(source)[match[0]..<match[1]].map(String.init).joined() == "Kremlin")
        }
        let plain = try padan(["glossary", "usage", "Kremlin"], db).stdout
        #expect(plain.contains("[Kremlin] spokesman Dmitry Peskov"))
        #expect(plain.contains("5 links: approved rendering 2"))
        // A phrase not in the glossary still has a concordance, its rendering read off the corpus.
        let dialogue = try #require(try json(try padan(["glossary", "usage", "dialogue", "--json"], db)) as? [String: Any])
        #expect((dialogue["other_renderings"] as? [String: Int])?["berdialog"] == 3)
    }

    @Test(
        "check --corpus finds a source translated two ways across pairs, a translation used for two sources, approved terms not followed and deprecated terms used",
        arguments: Backend.allCases)
    func corpusChecks(backend: Backend) throws {
        let db = try TestSupport.teamStore(backend)
        let directory = try T.temporaryDirectory()
        let source = try T.read(T.seedSource).replacingOccurrences(
            of: "Kremlin says Putin is ready for dialogue with Biden", with: "Kremlin says Putin is open to talks with Biden")
        let target = try T.read(T.seedTarget).replacingOccurrences(
            of: "titik terendah sejak akhir Perang Dingin", with: "titik paling rendah sejak akhir Perang Beku")
        try source.write(toFile: directory + "/b.en.txt", atomically: true, encoding: .utf8)
        try target.write(toFile: directory + "/b.id.txt", atomically: true, encoding: .utf8)
        try padan(["add", directory + "/b.en.txt", directory + "/b.id.txt", "--user", "ana"], db)
        try padan(["glossary", "add", "Perang Dingin", "Cold War", "--user", "ana"], db)
        try padan(["glossary", "add", "juru bicara", "spokesman", "--status", "deprecated", "--user", "ana"], db)
        let run = try padan(["check", "--corpus", "--json"], db, status: 1)
        let findings = try #require(try json(run) as? [[String: Any]])
        func places(_ kind: String) -> [[String]] {
            findings.filter { $0["kind"] as? String == kind }.map { finding in
                (finding["links"] as? [[String: Any]] ?? []).map { "\($0["pair"] ?? ""):\($0["link"] ?? "")" }
            }
        }
        let twoWays = places("source-rendered-two-ways")
        #expect(twoWays.count == 1 && twoWays[0].count == 2 && twoWays[0][0].hasPrefix("1:") && twoWays[0][1].hasPrefix("2:"))
        let twoSources = places("target-for-two-sources")
        #expect(twoSources.count == 1 && twoSources[0].count == 2)
        #expect(places("term-not-followed").map { $0.map { $0.prefix(2) } } == [["2:"]])
        #expect(places("deprecated-term").flatMap { $0 }.count == 2)
        let plain = try padan(["check", "--corpus"], db, status: 1).stdout
        #expect(plain.contains("term-not-followed\t“cold war” without “perang dingin” in the target\t2:"))
    }

    @Test("A store of schema 7 keeps its glossary: its terms become approved English–Indonesian terms")
    func olderStoreUpgrades() throws {
        let path = try T.temporaryDirectory() + "/v7.db"
        do {
            let pool = try DatabasePool(path: path)
            try Schema.migrator.migrate(pool, upTo: "v7-fetching-jobs")
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO glossary_term (id, indonesian, english, note, domain, status, created_at)
                          VALUES (4, 'juru bicara', 'spokesman', 'also spokeswoman', 'politics', 'approved', 'then')
                        """)
            }
        }
        let store = try AlignmentStore.open(at: path, access: .read)
        let terms = try store.glossary()
        #expect(terms.count == 1)
        #expect(terms.first?.id == 4)
        #expect(
            terms.first?.entry
                == GlossaryEntry(source: "spokesman", target: "juru bicara", note: "also spokeswoman", domain: "politics"))
        #expect(terms.first?.updatedAt == "then")
    }
}
