import Foundation
import PadanStore
import PadanWorkbench
import Testing

@testable import PadanCore

private typealias T = TestSupport

@Suite("A lexicon too weak to decide joins the language-independent evidence")
struct WeakLexiconTests {
    /// Debian's FreeDict German–French dictionary (package dict-freedict-deu-fra, installed by
    /// `make`): base forms only, so it misses most French words as inflected in a text.
    static let germanFrench = "/usr/share/dictd/freedict-deu-fra.index"

    /// A new store in `directory` with Debian's German–French FreeDict imported through the CLI.
    /// - Returns: its path.
    static func storeWithGermanFrench(in directory: String) throws -> String {
        let db = directory + "/defr.db"
        #expect(try T.padan(["init", "--db", db]).status == 0)
        let imported = try T.padan(["lexicon", "import", "--db", db, germanFrench, "--foreign", "fr", "--pivot", "de"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return db
    }

    /// Writes each pair of sentence lists as `NAME.de.txt` and `NAME.fr.txt`, one sentence per
    /// line, into a new folder `articles` of `directory`.
    /// - Returns: the folder's path.
    static func writeArticles(_ articles: [(name: String, german: [String], french: [String])], in directory: String)
        throws -> String
    {
        let folder = directory + "/articles"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for article in articles {
            try (article.german.joined(separator: "\n") + "\n").write(
                toFile: "\(folder)/\(article.name).de.txt", atomically: true, encoding: .utf8)
            try (article.french.joined(separator: "\n") + "\n").write(
                toFile: "\(folder)/\(article.name).fr.txt", atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test("The share of the translation's content words a lexicon translates is counted as features are read")
    func translatedShareCountsContentWords() {
        var lexicon = Lexicon(foreignLanguage: "fr", pivotLanguage: "de")
        lexicon.add(foreign: "sommet", pivot: "Gipfel")
        lexicon.add(foreign: "neige", pivot: "Schnee")
        var extractor = FeatureExtractor(lexicon: PreparedLexicon(lexicon))
        #expect(extractor.translatedShare == nil)
        // Six content words (`le` and `de` are too short to count): two are in the lexicon.
        _ = extractor.features(of: "Le sommet de neige brillait sous ciel bleu.", language: "fr", role: .translated)
        // A side whose words the lexicon does not translate is not counted.
        _ = extractor.features(of: "Der Gipfel glänzte im Schnee.", language: "de", role: .direct)
        #expect(extractor.wordsToTranslate == 6)
        #expect(extractor.translatedShare == 2.0 / 6.0)
    }

    @Test(
        "Weakened roles keep the lexicon's keys and gather the language-independent ones too",
        arguments: [FeatureExtractor.Role.direct, .translated])
    func weakenedRolesKeepTheLexicon(role: FeatureExtractor.Role) {
        let weakened = role.withLanguageIndependentEvidence
        #expect(weakened.isLanguageIndependent && !role.isLanguageIndependent)
        #expect(weakened.lexiconUse == role.lexiconUse)
        #expect(FeatureExtractor.Role.plain.withLanguageIndependentEvidence == .plain)
    }

    @Test(
        "`padan import` of German–French articles into a store holding Debian's FreeDict aligns them as one batch, as `eval gold --db` does"
    )
    func importWithWeakLexiconLearnsAcross() throws {
        let directory = try T.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = try Self.storeWithGermanFrench(in: directory)
        let names = ["a", "b", "c", "d"]
        let articles = try BatchAlignmentTests.textBergArticles(names.count)
        let folder = try Self.writeArticles(
            zip(names, articles).map { ($0, $1.document.source, $1.document.target) }, in: directory)
        let run = try T.padan(["import", "--db", db, "--source-lang", "de", "--target-lang", "fr", folder])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("aligning 4 pairs as one batch (the de-fr lexicon knows too few of their words"))
        let store = try AlignmentStore.open(at: db)
        let documents = try names.map { name in
            let (source, target) = try Workbench.preparePair(
                sourceText: try T.read("\(folder)/\(name).de.txt"), sourcePath: nil,
                targetText: try T.read("\(folder)/\(name).fr.txt"), targetPath: nil, sourceLanguage: "de",
                targetLanguage: "fr")
            return try Workbench.alignmentDocument(store: store, source: source, target: target)
        }
        let lexicon = try Workbench.lexicon(sourceLanguage: "de", targetLanguage: "fr", store: store)
        let batch = Workbench.align(batch: documents, sourceLanguage: "de", targetLanguage: "fr", lexicon: lexicon)
        let pairs = try store.pairs()
        #expect(pairs.count == names.count)
        for (name, expected) in zip(names, batch) {
            guard let pair = pairs.first(where: { $0.targetPath?.hasSuffix("/\(name).fr.txt") ?? false }) else {
                Issue.record("\(name) not stored")
                continue
            }
            #expect(try store.links(pair: pair.id).map { [$0.source, $0.target] } == expected.map { [$0.source, $0.target] })
        }
    }

    @Test(
        "Of few words, a lexicon is too weak only when even the upper end of its share's 95 % interval is below half",
        arguments: [
            (translated: 0, words: 3, weak: false), (0, 5, true), (1, 10, true), (2, 10, false), (8, 10, false),
            (20, 49, false), (20, 60, true), (40, 60, false),
        ])
    func shortTextsAreJudgedByTheirInterval(translated: Int, words: Int, weak: Bool) {
        var lexicon = Lexicon(foreignLanguage: "fr", pivotLanguage: "de")
        lexicon.add(foreign: "sommet", pivot: "Gipfel")
        var extractor = FeatureExtractor(lexicon: PreparedLexicon(lexicon))
        // `sommet` is translated, `rocher` is not; one content word per sentence.
        for index in 0..<words {
            _ = extractor.features(of: index < translated ? "sommet" : "rocher", language: "fr", role: .translated)
        }
        #expect(extractor.wordsToTranslate == words)
        #expect(extractor.showsLexiconTooWeak(decisiveCoverage: 0.5) == weak)
    }

    @Test("Approved glossary terms alone are evidence for a pair no dictionary serves, beside what the aligner learns")
    func glossaryAloneJoinsTheLearning() throws {
        let directory = try T.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = directory + "/glossary.db"
        #expect(try T.padan(["init", "--db", db]).status == 0)
        let folder = T.goldPath("align/textberg-dev")
        func strictF1(_ arguments: [String]) throws -> Double {
            let run = try T.padan(["eval", "gold", "--json"] + arguments + [folder])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            return (json?["strict"] as? [String: Any])?["f1"] as? Double ?? 0
        }
        let withoutLexicon = try strictF1([])
        for (french, german) in [("sommet", "Gipfel"), ("glacier", "Gletscher"), ("neige", "Schnee"), ("corde", "Seil")] {
            let added = try T.padan([
                "glossary", "add", "--db", db, "--languages", "de-fr", french, german, "--status", "approved",
            ])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let store = try AlignmentStore.open(at: db)
        let lexicon = try Workbench.lexicon(sourceLanguage: "de", targetLanguage: "fr", store: store)
        #expect(lexicon?.translations(of: "sommet") == ["gipfel"])
        // Four terms decide nothing: had they switched off the learned word pairs, textberg-dev
        // would fall to about 0.7 (the FreeDict test below, with the lexicon deciding).
        #expect(try strictF1(["--db", db]) >= withoutLexicon - 0.005)
    }

    @Test("A short first article has too few words to judge a lexicon by: `padan import` reads on until it can")
    func shortFirstArticleDoesNotDecide() throws {
        let directory = try T.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = try Self.storeWithGermanFrench(in: directory)
        // `0` sorts first: a brief of two sentences, far fewer than the words a share is judged on.
        let brief = (
            name: "0", german: ["Der Gipfel ist erreicht.", "Wir steigen ab."],
            french: ["Le sommet est atteint.", "Nous descendons."]
        )
        let articles = try BatchAlignmentTests.textBergArticles(2)
        let folder = try Self.writeArticles(
            [brief] + zip(["a", "b"], articles).map { ($0, $1.document.source, $1.document.target) }, in: directory)
        let run = try T.padan(["import", "--db", db, "--source-lang", "de", "--target-lang", "fr", folder])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("aligning 3 pairs as one batch (the de-fr lexicon knows too few of their words"))
        #expect(try AlignmentStore.open(at: db).pairs().count == 3)
    }

    @Test(
        "German–French with Debian's FreeDict imported into the store: Text+Berg aligns about as well as without a lexicon, far better than with the lexicon deciding"
    )
    func germanFrenchFreeDict() throws {
        let directory = try T.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let db = try Self.storeWithGermanFrench(in: directory)
        let folder = T.goldPath("align/textberg-dev")
        func strictF1(_ extra: [String]) throws -> Double {
            let run = try T.padan(["eval", "gold", folder, "--json"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let strict = report?["strict"] as? [String: Any]
            return try #require(strict?["f1"] as? Double)
        }
        let withoutLexicon = try strictF1([])
        let weak = try strictF1(["--db", db])
        let deciding = try strictF1(["--db", db, "--set", "decisiveLexiconCoverage=0"])
        #expect(weak >= withoutLexicon - 0.02, "with the dictionary \(weak), without \(withoutLexicon)")
        #expect(weak > deciding + 0.1, "joined \(weak), deciding \(deciding)")
    }
}
