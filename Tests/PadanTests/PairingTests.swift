import Foundation
import PadanCore
import PadanStore
import PadanWorkbench
import Testing

@Suite("Pairing translations with their originals")
struct PairingTests {
    @Test("pud-dev as two folders plus 20 distractors and an orphan: every pair found, nothing forced")
    func pudDev() throws {
        let directory = try TestSupport.temporaryDirectory()
        let translations = directory + "/translations"
        let originals = directory + "/originals"
        let manager = FileManager.default
        try manager.createDirectory(atPath: translations, withIntermediateDirectories: true)
        try manager.createDirectory(atPath: originals, withIntermediateDirectories: true)
        let pud = TestSupport.goldPath("align/pud-dev")
        for file in try manager.contentsOfDirectory(atPath: pud) where file.hasSuffix(".raw.txt") {
            let destination = file.contains(".id.") ? translations : originals
            try manager.copyItem(atPath: pud + "/" + file, toPath: destination + "/" + file)
        }
        let flores = TestSupport.goldPath("align/flores-dev")
        for number in 1...20 {
            let name = String(format: "fd%02d", number)
            try manager.copyItem(atPath: "\(flores)/\(name).en.txt", toPath: "\(originals)/distractor-\(name).txt")
        }
        try manager.copyItem(atPath: "\(flores)/fd30.id.txt", toPath: "\(translations)/orphan-fd30.txt")
        let run = try TestSupport.padan(["pair-docs", translations, originals, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 20)
        for item in items {
            let translation = (try #require(item["translation"] as? String) as NSString).lastPathComponent
            let original = (item["original"] as? String).map { ($0 as NSString).lastPathComponent }
            #expect(item["score"] is Double && item["evidence"] is [String])
            if translation.hasPrefix("orphan") {
                #expect(original == nil)
            } else {
                #expect(
                    original == translation.replacingOccurrences(of: ".id.", with: ".en."),
                    "\(translation) → \(original ?? "none")")
            }
        }
    }
}

@Suite("Batch import")
struct BatchImportTests {
    /// Copies the raw articles of the pud-dev fixture (the first `count` by name) into a new
    /// `folder` as NAME.en.txt and NAME.<translationLanguage>.txt, the layout `padan import`
    /// reads.
    /// - Returns: their names.
    static func pudArticles(in folder: String, translationLanguage: String = "id", count: Int = .max) throws
        -> [String]
    {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let pud = TestSupport.goldPath("align/pud-dev")
        let names = try FileManager.default.contentsOfDirectory(atPath: pud).filter { $0.hasSuffix(".en.raw.txt") }
            .map { String($0.dropLast(".en.raw.txt".count)) }.sorted().prefix(count)
        for name in names {
            try FileManager.default.copyItem(atPath: "\(pud)/\(name).en.raw.txt", toPath: "\(folder)/\(name).en.txt")
            try FileManager.default.copyItem(
                atPath: "\(pud)/\(name).id.raw.txt", toPath: "\(folder)/\(name).\(translationLanguage).txt")
        }
        return Array(names)
    }

    @Test("Without a lexicon, `padan import` aligns the folder as one batch, learning from all its articles")
    func importLearnsAcrossTheBatch() throws {
        let directory = try TestSupport.temporaryDirectory()
        let folder = directory + "/articles"
        // English–Malay: a pair no lexicon serves, so only language-independent evidence.
        let names = try Self.pudArticles(in: folder, translationLanguage: "ms", count: 12)
        let db = directory + "/padan.db"
        _ = try TestSupport.padan(["init", "--db", db])
        let run = try TestSupport.padan(["import", "--db", db, "--target-lang", "ms", folder])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("aligning \(names.count) pairs as one batch (no lexicon serves en-ms)"))
        let documents = try names.map { name in
            let (source, target) = try Workbench.preparePair(
                sourceText: try TestSupport.read("\(folder)/\(name).en.txt"), sourcePath: nil,
                targetText: try TestSupport.read("\(folder)/\(name).ms.txt"), targetPath: nil, sourceLanguage: "en",
                targetLanguage: "ms")
            return AlignmentDocument(
                source: source.sentences.map(\.text), target: target.sentences.map(\.text),
                sourceParagraphs: source.sentences.map(\.paragraph), targetParagraphs: target.sentences.map(\.paragraph))
        }
        let aligner = SentenceAligner(sourceLanguage: "en", targetLanguage: "ms")
        let batch = aligner.align(batch: documents)
        let store = try AlignmentStore.open(at: db)
        let pairs = try store.pairs()
        #expect(pairs.count == names.count)
        var differFromAlone = 0
        for (name, (document, expected)) in zip(names, zip(documents, batch)) {
            guard let pair = pairs.first(where: { $0.targetPath?.hasSuffix("/\(name).ms.txt") ?? false }) else {
                Issue.record("\(name) not stored")
                continue
            }
            let stored = try store.links(pair: pair.id).map { [$0.source, $0.target] }
            #expect(stored == expected.map { [$0.source, $0.target] }, "\(name)")
            let alone = aligner.align(
                source: document.source, target: document.target, sourceParagraphs: document.sourceParagraphs,
                targetParagraphs: document.targetParagraphs)
            if alone.map({ [$0.source, $0.target] }) != stored { differFromAlone += 1 }
        }
        // What the batch learned changed some pair's links (else this would test nothing).
        #expect(differFromAlone > 0)
    }

    @Test("Killed with SIGKILL mid-batch, the store stays sound with whole pairs, and a rerun completes it")
    func killAndResume() throws {
        let directory = try TestSupport.temporaryDirectory()
        let folder = directory + "/articles"
        let names = try Self.pudArticles(in: folder)
        let db = directory + "/padan.db"
        _ = try TestSupport.padan(["init", "--db", db])
        // Twelve kills at random moments (the seed is in the failure message), from start-up to
        // the last pairs; after each, the store is checked and the next run resumes it.
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SplitMix64(seed: seed)
        var storedBefore = 0
        for round in 0..<12 {
            let delay = useconds_t(10_000 + generator.next() % 700_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestSupport.binary)
            process.arguments = ["import", "--db", db, folder]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let context = "seed \(seed), round \(round), killed after \(delay / 1000) ms"
            let store = try AlignmentStore.open(at: db)
            #expect(try store.integrityCheck() == "ok", "\(context)")
            let pairs = try store.pairs()
            #expect(pairs.count >= storedBefore, "\(context)")
            #expect(try store.rowCounts()["document"] == 2 * pairs.count, "\(context): a document without its pair")
            storedBefore = pairs.count
            for pair in pairs {  // only whole pairs: links cover both documents
                let links = try store.links(pair: pair.id)
                #expect(
                    links.last.map {
                        $0.source.upperBound == pair.sourceSentences && $0.target.upperBound == pair.targetSentences
                    } ?? false, "\(context)")
            }
        }
        let rerun = try TestSupport.padan(["import", "--db", db, folder])
        #expect(rerun.status == 0)
        let store = try AlignmentStore.open(at: db)
        #expect(try store.pairs().count == names.count)
        #expect(try store.rowCounts()["document"] == 2 * names.count)
        let again = try TestSupport.padan(["import", "--db", db, folder])
        #expect(again.stdout.contains("0 pairs added, \(names.count) already stored"))
    }
}
