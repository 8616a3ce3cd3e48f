import Foundation
import PadanCore
import PadanStore
import PadanWorkbench
import Testing

@Suite("The alignment store")
struct StoreTests {
    func freshStore(_ backend: Backend = .sqlite) throws -> AlignmentStore {
        try TestSupport.freshStore(backend)
    }

    func addSeed(_ store: AlignmentStore) throws -> AddedPair {
        try Workbench.addPair(
            store: store, sourcePath: TestSupport.seedSource, targetPath: TestSupport.seedTarget, sourceLanguage: "en",
            targetLanguage: "id")
    }

    @Test("A new store is a WAL-mode SQLite file with foreign keys on and every table")
    func schema() throws {
        let store = try freshStore()
        #expect(try store.integrityCheck() == "ok")
        let info = try store.pragmas()
        #expect(info.journalMode == "wal")
        #expect(info.foreignKeys)
        #expect(
            Set(info.tables).isSuperset(of: [
                "document", "sentence", "document_pair", "link", "edit", "glossary_term", "lexicon_entry",
            ]))
    }

    @Test("Adding the same pair twice stores it once", arguments: Backend.allCases)
    func idempotentImport(backend: Backend) throws {
        let store = try freshStore(backend)
        let first = try addSeed(store)
        let second = try addSeed(store)
        #expect(first.created && !second.created)
        #expect(first.pairID == second.pairID)
        let counts = try store.rowCounts()
        #expect(counts["document"] == 2 && counts["document_pair"] == 1)
        #expect(counts["sentence"] == 16 + 13)
        #expect(counts["link"] == first.linkCount)
    }

    @Test("Links cover every sentence of the pair exactly once, in order", arguments: Backend.allCases)
    func linkInvariant(backend: Backend) throws {
        let store = try freshStore(backend)
        let pair = try addSeed(store)
        let links = try store.links(pair: pair.pairID)
        var nextSource = 0
        var nextTarget = 0
        for link in links {
            #expect(link.source.lowerBound == nextSource && link.target.lowerBound == nextTarget)
            nextSource = link.source.upperBound
            nextTarget = link.target.upperBound
            #expect(link.status == .auto)
        }
        #expect(nextSource == 16 && nextTarget == 13)
    }

    @Test(
        "Confirming is one recorded edit; undo restores the exact previous state and redo re-applies it",
        arguments: Backend.allCases)
    func undoRedo(backend: Backend) throws {
        let store = try freshStore(backend)
        let pair = try addSeed(store)
        let before = try store.links(pair: pair.pairID)
        _ = try store.setStatus(.confirmed, links: [before[0].id, before[1].id])
        let confirmed = try store.links(pair: pair.pairID)
        #expect(confirmed[0].status == .confirmed && confirmed[1].version == 2)
        #expect(try store.history(pair: pair.pairID).count == 1)
        _ = try store.undo(pair: pair.pairID)
        #expect(try store.links(pair: pair.pairID) == before)
        _ = try store.redo(pair: pair.pairID)
        #expect(try store.links(pair: pair.pairID) == confirmed)
        _ = try store.undo(pair: pair.pairID)
        #expect(throws: StoreError.nothingToUndo(pair: pair.pairID)) { try store.undo(pair: pair.pairID) }
    }

    @Test("A stale version is refused as a conflict and changes nothing", arguments: Backend.allCases)
    func conflict(backend: Backend) throws {
        let store = try freshStore(backend)
        let pair = try addSeed(store)
        let link = try store.links(pair: pair.pairID)[0]
        _ = try store.setStatus(.confirmed, links: [link.id])
        #expect(throws: StoreError.self) {
            try store.setStatus(.rejected, links: [link.id], expectedVersions: [link.id: link.version])
        }
        #expect(try store.link(link.id).status == .confirmed)
    }

    @Test("Unknown ids, a missing store and a file that is not SQLite give typed errors")
    func errors() throws {
        let store = try freshStore()
        #expect(throws: StoreError.unknownPair(99)) { try store.links(pair: 99) }
        #expect(throws: StoreError.unknownLink(7)) { try store.setStatus(.confirmed, links: [7]) }
        let directory = try TestSupport.temporaryDirectory()
        #expect(throws: StoreError.missingStore(path: directory + "/none.db")) {
            try AlignmentStore.open(at: directory + "/none.db")
        }
        let junk = directory + "/junk.db"
        try Data(String(repeating: "not a database ", count: 400).utf8).write(to: URL(fileURLWithPath: junk))
        #expect(throws: StoreError.notAStore(path: junk)) { try AlignmentStore.open(at: junk) }
    }
}
