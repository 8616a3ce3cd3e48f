import Foundation
import PadanCore
import PadanReview
import PadanStore
import PadanWorkbench
import Testing

/// Stores made from generated documents of any size, for the tests that need many links.
enum SyntheticPair {
    /// A document of `count` one-line sentences ("Sentence 17 of the en side.").
    static func document(language: String, count: Int, tag: String = "") -> DocumentInput {
        .presegmented(
            language: language, sentences: (0..<count).map { "Sentence \($0) of the \(language) side\(tag)." },
            paragraphEach: true)
    }

    /// Adds a pair of `count` 1-1 links to `store`; `tag` makes a different target document.
    static func add(to store: AlignmentStore, count: Int, tag: String = "") throws -> Int64 {
        let links = (0..<count).map { AlignmentLink(source: $0..<$0 + 1, target: $0..<$0 + 1, confidence: 0.9) }
        return try store.addPair(
            source: document(language: "en", count: count), target: document(language: "id", count: count, tag: tag),
            links: links
        ).pairID
    }
}

@Suite("Sentence edits of a document that two pairs share")
struct SharedDocumentTests {
    /// One original, two translations (one word apart): the pairs share the English document.
    func twoTranslations(_ backend: Backend = .sqlite) throws -> (
        store: AlignmentStore, first: Int64, second: Int64, otherTarget: String
    ) {
        let directory = try TestSupport.temporaryDirectory()
        let store = try TestSupport.freshStore(backend)
        let otherTarget = directory + "/tempo-2.id.txt"
        try TestSupport.read(TestSupport.seedTarget).replacingOccurrences(of: "Kremlin", with: "Istana Kremlin")
            .write(toFile: otherTarget, atomically: true, encoding: .utf8)
        let first = try Workbench.addPair(
            store: store, sourcePath: TestSupport.seedSource, targetPath: TestSupport.seedTarget, sourceLanguage: "en",
            targetLanguage: "id")
        let second = try Workbench.addPair(
            store: store, sourcePath: TestSupport.seedSource, targetPath: otherTarget, sourceLanguage: "en",
            targetLanguage: "id")
        return (store, first.pairID, second.pairID, otherTarget)
    }

    func state(_ store: AlignmentStore, _ pair: Int64) throws -> ([LinkView], [String], [String]) {
        let (source, target) = try store.sentences(pair: pair)
        return (try store.links(pair: pair), source.map(\.text), target.map(\.text))
    }

    @Test(
        "A sentence split of the shared original is one edit of both pairs: listed in both histories, undone in both",
        arguments: Backend.allCases)
    func splitChangesBothPairs(backend: Backend) throws {
        let (store, first, second, _) = try twoTranslations(backend)
        let before = (try state(store, first), try state(store, second))
        let (source, _) = try store.sentences(pair: first)
        let split = try store.splitSentence(try #require(source[2].id), atCharacter: 20)
        #expect(split.pairs == [first, second])
        #expect(try store.history(pair: first).map(\.id) == [split.editID])
        #expect(try store.history(pair: second).map(\.id) == [split.editID])
        #expect(try store.sentences(pair: second).source.count == source.count + 1)
        _ = try store.undo(pair: second)
        #expect(try state(store, first) == before.0)
        #expect(try state(store, second) == before.1)
    }

    @Test(
        "Undoing a shared edit under a later edit of the other pair is refused, naming that edit; in order, all returns",
        arguments: Backend.allCases)
    func dependentUndoIsRefused(backend: Backend) throws {
        let (store, first, second, _) = try twoTranslations(backend)
        let before = (try state(store, first), try state(store, second))
        let (source, _) = try store.sentences(pair: first)
        let split = try store.splitSentence(try #require(source[2].id), atCharacter: 20)
        let links = try store.links(pair: second)
        let merge = try store.merge(links[4].id, links[5].id)
        #expect(
            throws: StoreError.dependentEdit(
                edit: split.editID, summary: split.summary, pair: second, later: merge.editID, laterSummary: merge.summary)
        ) { try store.undo(pair: first) }
        // The refusal changed nothing: the merge is still there and still listed.
        #expect(try store.links(pair: second).count == links.count - 1)
        #expect(try store.history(pair: second).allSatisfy { $0.undoneAt == nil })
        _ = try store.undo(pair: second)
        _ = try store.undo(pair: first)
        #expect(try state(store, first) == before.0)
        #expect(try state(store, second) == before.1)
        #expect(throws: StoreError.nothingToUndo(pair: second)) { try store.undo(pair: second) }
        // Redo in the same order brings both edits back.
        _ = try store.redo(pair: first)
        _ = try store.redo(pair: second)
        #expect(try store.links(pair: second).count == links.count - 1)
    }

    @Test(
        "The issue's command sequence: no sentence is left in no link or in two, and history tells the truth",
        arguments: Backend.allCases)
    func issueSequenceThroughTheCLI(backend: Backend) throws {
        let directory = try TestSupport.temporaryDirectory()
        let db = try TestSupport.emptyDatabase(backend, in: directory)
        let otherTarget = directory + "/tempo-2.id.txt"
        try TestSupport.read(TestSupport.seedTarget).replacingOccurrences(of: "Kremlin", with: "Istana Kremlin")
            .write(toFile: otherTarget, atomically: true, encoding: .utf8)
        for arguments in [
            ["init"], ["add", TestSupport.seedSource, TestSupport.seedTarget], ["add", TestSupport.seedSource, otherTarget],
            ["sentences", "split", "2", "--at", "20"], ["pairs", "merge", "18", "19"],
        ] {
            let run = try TestSupport.padan(arguments + ["--db", db])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        let refused = try TestSupport.padan(["undo", "1", "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("undo that first"))
        #expect(try TestSupport.padan(["undo", "2", "--db", db]).status == 0)
        #expect(try TestSupport.padan(["undo", "1", "--db", db]).status == 0)
        let store = try TestSupport.open(db, access: .read)
        for pair in [Int64(1), 2] {
            let (source, target) = try store.sentences(pair: pair)
            let links = try store.links(pair: pair)
            #expect(links.map(\.source.count).reduce(0, +) == source.count)
            #expect(links.map(\.target.count).reduce(0, +) == target.count)
            #expect(try store.history(pair: pair).allSatisfy { $0.undoneAt != nil })
        }
    }

    @Test(
        "A sentence split raises the version of the link holding it, and a stale --expect is refused", arguments: Backend.allCases
    )
    func splitBumpsVersions(backend: Backend) throws {
        let (store, first, second, _) = try twoTranslations(backend)
        let (source, _) = try store.sentences(pair: first)
        let holder = try #require(try store.links(pair: first).first { $0.source.contains(2) })
        let otherHolder = try #require(try store.links(pair: second).first { $0.source.contains(2) })
        let id = try #require(source[2].id)
        #expect(throws: StoreError.self) {
            try store.splitSentence(id, atCharacter: 20, expecting: [holder.id: holder.version + 1])
        }
        _ = try store.splitSentence(id, atCharacter: 20, expecting: [holder.id: holder.version])
        #expect(try store.link(holder.id).version == holder.version + 1)
        #expect(try store.link(otherHolder.id).version == otherHolder.version + 1)
        #expect(throws: StoreError.self) {
            try store.setStatus(.confirmed, links: [holder.id], expectedVersions: [holder.id: holder.version])
        }
    }

    @Test("A rejected link stays rejected (and out of exports) when a sentence edit changes it", arguments: Backend.allCases)
    func rejectedStaysRejected(backend: Backend) throws {
        let (store, first, _, _) = try twoTranslations(backend)
        let holder = try #require(try store.links(pair: first).first { $0.source.contains(2) })
        _ = try store.setStatus(.rejected, links: [holder.id])
        let (source, _) = try store.sentences(pair: first)
        _ = try store.splitSentence(try #require(source[2].id), atCharacter: 20)
        #expect(try store.link(holder.id).status == .rejected)
        let (split, _) = try store.sentences(pair: first)
        _ = try store.mergeSentences(try #require(split[2].id), try #require(split[3].id))
        #expect(try store.links(pair: first).first { $0.source.contains(2) }?.status == .rejected)
    }
}

@Suite("Every expectation is checked")
struct ExpectationTests {
    @Test("An --expect for a link the edit does not touch is still checked", arguments: Backend.allCases, ["99999:1", "2:7"])
    func untouchedExpectation(backend: Backend, expectation: String) throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair(backend)
        let run = try TestSupport.padan(["pairs", "confirm", "1", "--expect", expectation, "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("link \(expectation.split(separator: ":")[0])"))
        #expect(try TestSupport.open(db, access: .read).link(1).status == .auto)
    }

    @Test("undo and redo take --expect: a link changed since it was read refuses them", arguments: Backend.allCases)
    func undoExpectation(backend: Backend) throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair(backend)
        #expect(try TestSupport.padan(["pairs", "confirm", "3", "--db", db]).status == 0)
        let run = try TestSupport.padan(["undo", "1", "--expect", "3:1", "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("version 2"))
        #expect(try TestSupport.padan(["undo", "1", "--expect", "3:2", "--db", db]).status == 0)
    }
}

@Suite("Edits cost what they change")
struct ProportionalEditTests {
    @Test("A sentence split records the rows it rewrites, not the rest of the document", arguments: Backend.allCases)
    func sentenceEditRecordIsSmall(backend: Backend) throws {
        let store = try TestSupport.freshStore(backend)
        let pair = try SyntheticPair.add(to: store, count: 20_000)
        let (source, _) = try store.sentences(pair: pair)
        let split = try store.splitSentence(try #require(source[10].id), atCharacter: 9)
        let record = try #require(try store.history(pair: pair).last)
        #expect(record.undo.utf8.count < 4_000, "undo record of \(record.undo.utf8.count) bytes")
        #expect(try store.links(pair: pair).last?.source == 20_000..<20_001)
        _ = try store.undo(pair: pair)
        #expect(split.linkChanges.shiftsOrdinals)
        #expect(try store.links(pair: pair).last?.source == 19_999..<20_000)
        #expect(try store.sentences(pair: pair).source.map(\.text) == source.map(\.text))
    }

    @Test(
        "Confirming 40,000 links at once is one edit, and undo restores them (no SQL variable limit)", arguments: Backend.allCases
    )
    func bulkConfirm(backend: Backend) throws {
        let store = try TestSupport.freshStore(backend)
        let pair = try SyntheticPair.add(to: store, count: 40_000)
        let ids = try store.outline(pair: pair).map(\.id)
        let summaries = try store.setStatus(.confirmed, links: ids)
        #expect(summaries.count == 1)
        #expect(try store.outline(pair: pair).allSatisfy { $0.status == .confirmed && $0.version == 2 })
        _ = try store.undo(pair: pair)
        #expect(try store.outline(pair: pair).allSatisfy { $0.status == .auto && $0.version == 1 })
    }
}

@Suite("Typing a translation for a 1-0 link")
struct InsertSentenceTests {
    func partitionHolds(_ store: AlignmentStore, _ pair: Int64, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (source, target) = try store.sentences(pair: pair)
        let links = try store.links(pair: pair)
        #expect(links.flatMap { Array($0.source) } == Array(0..<source.count), sourceLocation: sourceLocation)
        #expect(links.flatMap { Array($0.target) } == Array(0..<target.count), sourceLocation: sourceLocation)
    }

    @Test(
        "t on a 1-0 link types its translation: a new target sentence in that link; undo and redo are exact",
        arguments: Backend.allCases)
    func typeTranslation(backend: Backend) throws {
        let (store, pair) = try TestSupport.storeWithSeedPair(backend)
        let before = try store.links(pair: pair)
        let oneToZero = try #require(before.first { $0.target.isEmpty })
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character(":"))
        _ = session.handle(.paste(String(oneToZero.id)))
        _ = session.handle(.enter)
        _ = session.handle(.character("t"))
        _ = session.handle(.paste("Puluhan ribu orang turun ke jalan di seluruh Rusia pada hari Sabtu."))
        _ = session.handle(.enter)
        let link = try store.link(oneToZero.id)
        #expect(link.target.count == 1)
        #expect(link.targetText == "Puluhan ribu orang turun ke jalan di seluruh Rusia pada hari Sabtu.")
        #expect(link.status == .edited)
        #expect(try store.sentences(pair: pair).target.count == 14)
        try partitionHolds(store, pair)
        _ = try store.undo(pair: pair)
        #expect(try store.links(pair: pair) == before)
        _ = try store.redo(pair: pair)
        #expect(try store.link(oneToZero.id).targetText.hasPrefix("Puluhan ribu"))
        try partitionHolds(store, pair)
    }

    @Test(
        "A sentence typed into a document two pairs share gets a link of its own in the other pair", arguments: Backend.allCases)
    func sharedTarget(backend: Backend) throws {
        // Two originals aligned with one translation: the Indonesian document is shared.
        let directory = try TestSupport.temporaryDirectory()
        let store = try TestSupport.freshStore(backend)
        let otherSource = directory + "/reuters-2.en.txt"
        try TestSupport.read(TestSupport.seedSource).replacingOccurrences(of: "Kremlin", with: "The Kremlin")
            .write(toFile: otherSource, atomically: true, encoding: .utf8)
        let first = try Workbench.addPair(
            store: store, sourcePath: TestSupport.seedSource, targetPath: TestSupport.seedTarget, sourceLanguage: "en",
            targetLanguage: "id"
        ).pairID
        let second = try Workbench.addPair(
            store: store, sourcePath: otherSource, targetPath: TestSupport.seedTarget, sourceLanguage: "en",
            targetLanguage: "id"
        ).pairID
        let oneToZero = try #require(try store.links(pair: first).first { $0.target.isEmpty })
        let summary = try store.insertSentence(into: oneToZero.id, side: .target, text: "Kalimat baru.")
        #expect(summary.pairs == [first, second])
        try partitionHolds(store, first)
        try partitionHolds(store, second)
        #expect(try store.links(pair: second).contains { $0.targetText == "Kalimat baru." })
        _ = try store.undo(pair: second)
        try partitionHolds(store, first)
        try partitionHolds(store, second)
        #expect(try store.sentences(pair: second).target.count == 13)
    }
}
