import Foundation
import PadanCore
import PadanStore
import PadanWorkbench
import Testing

@Suite("Editing links")
struct EditTests {
    func seededStore(_ backend: Backend = .sqlite) throws -> (AlignmentStore, Int64) {
        let store = try TestSupport.freshStore(backend)
        let added = try Workbench.addPair(
            store: store, sourcePath: TestSupport.seedSource, targetPath: TestSupport.seedTarget, sourceLanguage: "en",
            targetLanguage: "id")
        return (store, added.pairID)
    }

    /// Every sentence of the pair in exactly one link, links in order.
    /// The store's invariant: every sentence of both documents in exactly one link, each link
    /// a run of consecutive sentences (in any order: a moved link crosses others).
    func expectInvariant(_ store: AlignmentStore, _ pair: Int64, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let links = try store.links(pair: pair)
        let (source, target) = try store.sentences(pair: pair)
        var sourceHolders = [Int](repeating: 0, count: source.count)
        var targetHolders = [Int](repeating: 0, count: target.count)
        for link in links {
            #expect(!(link.source.isEmpty && link.target.isEmpty), sourceLocation: sourceLocation)
            for s in link.source { sourceHolders[s] += 1 }
            for t in link.target { targetHolders[t] += 1 }
        }
        #expect(sourceHolders.allSatisfy { $0 == 1 } && targetHolders.allSatisfy { $0 == 1 }, sourceLocation: sourceLocation)
    }

    @Test("Merge joins neighbours; a non-adjacent merge is refused and changes nothing", arguments: Backend.allCases)
    func merge(backend: Backend) throws {
        let (store, pair) = try seededStore(backend)
        let links = try store.links(pair: pair)
        _ = try store.merge(links[0].id, links[1].id)
        let merged = try store.links(pair: pair)
        #expect(merged.count == links.count - 1)
        #expect(merged[0].source == 0..<2 && merged[0].target == 0..<2 && merged[0].status == .edited)
        try expectInvariant(store, pair)
        #expect(throws: StoreError.self) { try store.merge(merged[0].id, merged[2].id) }
        #expect(try store.links(pair: pair) == merged)
        _ = try store.undo(pair: pair)
        #expect(try store.links(pair: pair) == links)
    }

    @Test("Split makes two links; out-of-range points are refused", arguments: Backend.allCases)
    func split(backend: Backend) throws {
        let (store, pair) = try seededStore(backend)
        let links = try store.links(pair: pair)
        let twoOne = try #require(links.first { $0.source.count == 2 })
        _ = try store.split(twoOne.id, sourceAt: twoOne.source.lowerBound + 1, targetAt: twoOne.target.upperBound)
        try expectInvariant(store, pair)
        #expect(try store.links(pair: pair).count == links.count + 1)
        #expect(throws: StoreError.self) { try store.split(twoOne.id, sourceAt: 99, targetAt: 0) }
        _ = try store.undo(pair: pair)
        #expect(try store.links(pair: pair) == links)
    }

    @Test(
        "Relink moves a boundary and the neighbours adjust; a relink across other links links a moved passage, and undo takes it back",
        arguments: Backend.allCases)
    func relink(backend: Backend) throws {
        let (store, pair) = try seededStore(backend)
        let before = try store.links(pair: pair)
        _ = try store.relink(pair: pair, source: 4..<5, target: 4..<5)
        try expectInvariant(store, pair)
        let after = try store.links(pair: pair)
        #expect(after.contains { $0.source == 4..<5 && $0.target == 4..<5 })
        #expect(after.contains { $0.source == 5..<6 && $0.target.isEmpty })
        _ = try store.relink(pair: pair, source: 0..<1, target: 12..<13)
        try expectInvariant(store, pair)
        let moved = try #require(try store.links(pair: pair).first { $0.source == 0..<1 })
        #expect(moved.target == 12..<13)
        #expect(MovedLinks.moved(try store.outline(pair: pair)) == [moved.id])
        _ = try store.undo(pair: pair)
        #expect(try store.links(pair: pair) == after)
        _ = try store.undo(pair: pair)
        #expect(try store.links(pair: pair) == before)
    }

    @Test("Editing text changes the sentence; undo brings the original back", arguments: Backend.allCases)
    func editText(backend: Backend) throws {
        let (store, pair) = try seededStore(backend)
        let link = try store.links(pair: pair)[3]
        let original = link.targetText
        _ = try store.editText(link: link.id, side: .target, text: "Hubungan Moskow dan Washington memburuk.")
        #expect(try store.link(link.id).targetText == "Hubungan Moskow dan Washington memburuk.")
        #expect(try store.link(link.id).status == .edited)
        _ = try store.undo(pair: pair)
        #expect(try store.link(link.id).targetText == original)
    }

    /// Replaces the automatic links between `from` and `to` (link positions) by one wrong link
    /// holding all their sentences, as a poor first alignment would.
    func spoil(_ store: AlignmentStore, _ pair: Int64, from: Int, to: Int) throws {
        let links = try store.links(pair: pair)
        let span = links[from...to]
        let lump = AlignmentLink(
            source: links[from].source.lowerBound..<links[to].source.upperBound,
            target: links[from].target.lowerBound..<links[to].target.upperBound, confidence: 0.2)
        _ = try store.replaceLinks(pair: pair, replacing: span.map(\.id), with: [lump])
    }

    @Test(
        "Realign re-aligns the automatic links between reviewed ones and keeps the ids of the links it does not change",
        arguments: Backend.allCases)
    func realign(backend: Backend) throws {
        let (store, pair) = try seededStore(backend)
        let links = try store.links(pair: pair)
        _ = try store.setStatus(.confirmed, links: [links[2].id, links[8].id])
        try spoil(store, pair, from: 3, to: 5)
        let spoiled = try store.links(pair: pair)
        _ = try Workbench.realign(store: store, pairID: pair)
        try expectInvariant(store, pair)
        let after = try store.links(pair: pair)
        #expect(after.contains { $0.id == links[2].id && $0.status == .confirmed })
        #expect(after.contains { $0.id == links[8].id && $0.status == .confirmed })
        #expect(after.map(\.source) == links.map(\.source) && after.map(\.target) == links.map(\.target))
        // Outside the spoiled stretch nothing changed, ids included.
        #expect(Array(after.map(\.id)[9...]) == Array(links.map(\.id)[9...]))
        #expect(Array(after.map(\.id)[..<3]) == Array(links.map(\.id)[..<3]))
        // Undo restores the spoiled state with its ids exactly.
        _ = try store.undo(pair: pair)
        #expect(try store.links(pair: pair) == spoiled)
    }

    @Test("Realign holds hand-edited and rejected links as fixed, like confirmed ones", arguments: Backend.allCases)
    func realignKeepsReviewedLinks(backend: Backend) throws {
        let (store, pair) = try seededStore(backend)
        let links = try store.links(pair: pair)
        _ = try store.relink(pair: pair, source: 3..<5, target: 3..<5)
        _ = try store.setStatus(.rejected, links: [links[9].id])
        let edited = try store.links(pair: pair)
        _ = try Workbench.realign(store: store, pairID: pair)
        let after = try store.links(pair: pair)
        #expect(after.contains { $0.source == 3..<5 && $0.target == 3..<5 && $0.status == .edited })
        #expect(after.contains { $0.id == links[9].id && $0.status == .rejected })
        #expect(after.map(\.id) == edited.map(\.id))
    }

    @Test("Realign without a lexicon (German–French) keeps the confirmed links and finds the 2-3 link of the gap again")
    func realignWithoutLexicon() throws {
        let store = try AlignmentStore.create(at: try TestSupport.temporaryDirectory() + "/edit.db")
        // The German passage ends its first sentence after 8900 m, the French after 8839,8 m.
        let german = """
            Die Expedition brach im April auf.

            Sechs Messungen ergaben 8839,8 m, und spätere Schätzungen gingen bis über 8900 m hinaus. \
            Die neue Kote von 1955 ist 8848 m, und das ist die Zahl, an die man sich nunmehr zu halten hat.

            Danach kehrte die Mannschaft nach Kathmandu zurück.
            """
        let french = """
            L'expédition partit en avril.

            Six mesures donnaient 8839,8 m. Des estimations allaient jusqu'à 8900 m; la nouvelle cote de 1955 \
            est de 8848 m. Il conviendra désormais de s'en tenir à ce chiffre.

            Puis l'équipe rentra à Kathmandu.
            """
        let added = try Workbench.addPair(
            store: store, sourceText: german, sourcePath: nil, targetText: french, targetPath: nil, sourceLanguage: "de",
            targetLanguage: "fr")
        let pair = added.pairID
        let aligned = try store.links(pair: pair)
        #expect(aligned.contains { $0.source == 1..<3 && $0.target == 1..<4 }, "\(aligned.map { ($0.source, $0.target) })")
        // A reviewer confirms the first and last links; the middle is a poor automatic alignment; re-align.
        _ = try store.setStatus(.confirmed, links: [aligned[0].id, aligned[aligned.count - 1].id])
        let middle = aligned[1..<(aligned.count - 1)]
        let lastSource = try #require(middle.last?.source.upperBound)
        let lastTarget = try #require(middle.last?.target.upperBound)
        _ = try store.replaceLinks(
            pair: pair, replacing: middle.map(\.id),
            with: [
                AlignmentLink(source: 1..<2, target: 1..<2, confidence: 0.2),
                AlignmentLink(source: 2..<lastSource, target: 2..<lastTarget, confidence: 0.2),
            ])
        _ = try Workbench.realign(store: store, pairID: pair)
        try expectInvariant(store, pair)
        let after = try store.links(pair: pair)
        #expect(after.contains { $0.source == 1..<3 && $0.target == 1..<4 }, "\(after.map { ($0.source, $0.target) })")
        #expect(after.first?.status == .confirmed && after.last?.status == .confirmed)
    }

    @Test(
        "Random sequences of edits keep the invariants, and undoing them all restores the original exactly",
        arguments: Backend.allCases)
    func randomSequences(backend: Backend) throws {
        var generator = SeededGenerator(seed: 20261125)
        for _ in 0..<4 {
            let (store, pair) = try seededStore(backend)
            let original = try store.links(pair: pair)
            var applied = 0
            for _ in 0..<25 {
                let links = try store.links(pair: pair)
                let index = Int.random(in: 0..<links.count, using: &generator)
                let link = links[index]
                do {
                    switch Int.random(in: 0..<7, using: &generator) {
                    case 0 where index + 1 < links.count: _ = try store.merge(link.id, links[index + 1].id)
                    case 1: _ = try store.split(link.id, sourceAt: link.source.upperBound, targetAt: link.target.lowerBound)
                    case 2: _ = try store.setStatus(.confirmed, links: [link.id])
                    case 3:
                        let s = Int.random(in: 0..<16, using: &generator)
                        let t = Int.random(in: 0..<13, using: &generator)
                        _ = try store.relink(pair: pair, source: s..<s + 1, target: t..<t + 1)
                    case 5:
                        let (source, _) = try store.sentences(pair: pair)
                        let sentence = source[Int.random(in: 0..<source.count, using: &generator)]
                        guard let id = sentence.id, sentence.text.count > 4 else { continue }
                        _ = try store.splitSentence(id, atCharacter: sentence.text.count / 2)
                    case 6:
                        let (_, target) = try store.sentences(pair: pair)
                        let position = Int.random(in: 0..<(target.count - 1), using: &generator)
                        guard let a = target[position].id, let b = target[position + 1].id else { continue }
                        _ = try store.mergeSentences(a, b)
                    default:
                        _ = try store.editText(link: link.id, side: .source, text: "Edited \(index).", ordinal: link.source.first)
                    }
                    applied += 1
                } catch let error as StoreError {
                    if case .invalidEdit = error {} else { throw error }  // refused edits change nothing
                }
                try expectInvariant(store, pair)
            }
            for _ in 0..<applied { _ = try store.undo(pair: pair) }
            #expect(try store.links(pair: pair) == original)
            let (source, target) = try store.sentences(pair: pair)
            #expect(source.count == 16 && target.count == 13)
        }
    }
}

/// A small deterministic generator (SplitMix64) so random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Quality checks")
struct CheckTests {
    @Test("Numbers, glossary terms with any of their equivalents, untranslated text and repeats are reported")
    func findings() {
        let glossary = [
            GlossaryEntry(source: "White House", target: "Gedung Putih"),
            GlossaryEntry(source: "U.S.", target: "AS"), GlossaryEntry(source: "U.S.", target: "Amerika Serikat"),
        ]
        let checks = QualityChecks(
            glossary: glossary, targetsBySource: [QualityChecks.normalize("It rained."): ["hujan turun", "hujan"]])
        let links = [
            CheckedLink(
                id: 1, source: "The White House said 5,000 people came.", target: "Gedung Putih mengatakan 5.000 orang datang."),
            CheckedLink(id: 2, source: "The White House met on Nov. 3.", target: "Istana bertemu pada 4 November."),
            CheckedLink(id: 3, source: "New U.S. President Joe Biden.", target: "Presiden baru Amerika Serikat Joe Biden."),
            CheckedLink(id: 4, source: "Joe Biden", target: "Joe Biden"),
            CheckedLink(id: 5, source: "It rained.", target: "Hujan turun."),
        ]
        let found = Set(checks.check(links).map { "\($0.link) \($0.kind.rawValue)" })
        #expect(!found.contains { $0.hasPrefix("1 ") })
        #expect(found.contains("2 term-missing-in-target"))
        #expect(found.contains("2 number-mismatch"))
        #expect(!found.contains { $0.hasPrefix("3 ") })
        #expect(found.contains("4 untranslated"))
        #expect(found.contains("5 inconsistent-repeat"))
    }

    @Test("padan check exits 1 with findings and prints {link, kind, evidence} as JSON")
    func command() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let run = try TestSupport.padan(["check", "--db", db, "1", "--json"])
        #expect(run.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(
            items.contains {
                ($0["kind"] as? String) == "number-mismatch" && ($0["evidence"] as? String)?.contains("2021") == true
            })
        #expect(items.allSatisfy { $0["link"] != nil && $0["kind"] != nil && $0["evidence"] != nil })
    }
}

@Suite("Correcting sentence boundaries")
struct SentenceEditTests {
    func seeded(_ backend: Backend = .sqlite) throws -> (AlignmentStore, Int64) {
        let store = try TestSupport.freshStore(backend)
        let added = try Workbench.addPair(
            store: store, sourcePath: TestSupport.seedSource, targetPath: TestSupport.seedTarget, sourceLanguage: "en",
            targetLanguage: "id")
        return (store, added.pairID)
    }

    func snapshot(_ store: AlignmentStore, _ pair: Int64) throws -> ([LinkView], [String], [String]) {
        let (source, target) = try store.sentences(pair: pair)
        return (try store.links(pair: pair), source.map(\.text), target.map(\.text))
    }

    @Test("Splitting a sentence renumbers the rest; its link holds both halves; undo restores everything")
    func split() throws {
        let (store, pair) = try seeded()
        let before = try snapshot(store, pair)
        let (_, target) = try store.sentences(pair: pair)
        let sentence = target[6]  // “Ini akan menjadi dialog di mana, tentu saja, …
        let cut = try #require(sentence.text.firstIndex(of: ","))
        _ = try store.splitSentence(
            try #require(sentence.id), atCharacter: sentence.text.distance(from: sentence.text.startIndex, to: cut) + 1)
        let (links, _, targetTexts) = try snapshot(store, pair)
        #expect(targetTexts.count == 14)
        #expect(links.contains { $0.target == 6..<9 })  // the 1-2 link [8]:[6,7] now spans three sentences
        #expect(links.last?.target.upperBound == 14 || links.last?.target.isEmpty == true)
        _ = try store.undo(pair: pair)
        let after = try snapshot(store, pair)
        #expect(after.0 == before.0 && after.1 == before.1 && after.2 == before.2)
    }

    @Test("Merging sentences in two links merges the links; non-adjacent sentences are refused")
    func merge() throws {
        let (store, pair) = try seeded()
        let before = try snapshot(store, pair)
        let (source, _) = try store.sentences(pair: pair)
        _ = try store.mergeSentences(try #require(source[2].id), try #require(source[3].id))
        let (links, sourceTexts, _) = try snapshot(store, pair)
        #expect(sourceTexts.count == 15)
        #expect(links.contains { $0.source == 2..<3 && $0.target == 2..<4 })
        #expect(throws: StoreError.self) { try store.mergeSentences(try #require(source[0].id), try #require(source[5].id)) }
        _ = try store.undo(pair: pair)
        let after = try snapshot(store, pair)
        #expect(after.0 == before.0 && after.1 == before.1 && after.2 == before.2)
    }
}

@Suite("A store in use elsewhere, and input in the wrong encoding")
struct StoreAccessTests {
    @Test("A store locked by another writer gives a one-line error, exit 1, and no change")
    func locked() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(4)",
            db,
        ]
        let ready = Pipe()
        holder.standardOutput = ready
        try holder.run()
        _ = ready.fileHandleForReading.availableData  // wait until the lock is held
        let run = try TestSupport.padan(["pairs", "confirm", "--db", db, "1"], environment: ["PADAN_BUSY_TIMEOUT": "1"])
        holder.waitUntilExit()
        #expect(run.status == 1)
        #expect(run.stderr.contains("locked by another process"))
        #expect(try AlignmentStore.open(at: db).link(1).status == .auto)
    }

    @Test("A read-only store can be read; a write is refused with a one-line error and exit 1")
    func readOnly() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        // Tests run as root, for whom permission bits do not bind: the immutable attribute does.
        func chattr(_ flag: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            process.arguments = [flag, db]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        if getuid() == 0 {
            guard FileManager.default.fileExists(atPath: "/usr/bin/chattr"), try chattr("+i") == 0 else { return }
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        }
        defer { if getuid() == 0 { _ = try? chattr("-i") } }
        let list = try TestSupport.padan(["pairs", "list", "--db", db, "1"])
        #expect(list.status == 0)
        let run = try TestSupport.padan(["pairs", "confirm", "--db", db, "1"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("read-only"))
        #expect(list.stdout.split(separator: "\n").count == 14)
    }

    @Test("A glossary file that is not UTF-8 is refused and nothing is imported")
    func wrongEncoding() throws {
        let directory = try TestSupport.temporaryDirectory()
        let db = directory + "/padan.db"
        _ = try TestSupport.padan(["init", "--db", db])
        try Data("id\ten\nkafe\tcaf\u{E9}\n".data(using: .isoLatin1) ?? Data()).write(
            to: URL(fileURLWithPath: directory + "/g.tsv"))
        let run = try TestSupport.padan(["glossary", "import", "--db", db, directory + "/g.tsv"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("not valid UTF-8"))
        #expect(try AlignmentStore.open(at: db).glossary().isEmpty)
    }
}
