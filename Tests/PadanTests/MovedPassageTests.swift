import Foundation
import PadanCore
import PadanWorkbench
import Testing

@testable import PadanStore

/// Translations that move passages, on the shipped rewrite set (`Tests/Fixtures/rewrites`): the
/// aligner links moved passages across the document, and the store, the CLI and the review keep
/// and edit the crossing links they make.
@Suite("Moved passages: found by the aligner, kept and edited as crossing links")
struct MovedPassageTests {
    typealias T = TestSupport
    static let rewrites = T.rootPath("Tests/Fixtures/rewrites/pud-dev")
    static let condensed = T.rootPath("Tests/Fixtures/rewrites/pud-dev-condensed")

    /// The strict score on a shipped set with one weight set to `value` (nil: the defaults).
    func score(_ folder: String, setting: String? = nil, to value: Double = 0) throws -> AlignmentScore {
        var configuration = AlignerConfiguration()
        if let setting {
            let known = configuration.set(setting, to: value)
            try #require(known)
        }
        return try GoldEvaluation.run(folder: folder, endToEnd: false, configuration: configuration).score
    }

    @Test(
        "Rewritten translations (passages moved, a quarter dropped, sentences added) and condensed ones (30–60 % of the original untranslated) keep precision and recall high",
        arguments: [(rewrites, 0.95), (condensed, 0.90)])
    func rewrittenAndCondensed(folder: String, floor: Double) throws {
        let result = try score(folder)
        #expect(result.strictPrecision >= floor, "\(folder): precision \(result.strictPrecision)")
        #expect(result.strictRecall >= floor, "\(folder): recall \(result.strictRecall)")
    }

    @Test(
        "Pricing a sentence that matches none of its words in a bead keeps dropped sentences out of their neighbours' links",
        arguments: [rewrites, condensed])
    func unmatchedSentencesPriced(folder: String) throws {
        let without = try score(folder, setting: "unmatchedSentenceCost", to: 0)
        #expect(try score(folder).strictPrecision > without.strictPrecision)
    }

    @Test(
        "A dropped sentence and an added one of ten words or more that share at most one token are not linked as a pair",
        arguments: [rewrites, condensed])
    func plainMismatchesStayApart(folder: String) throws {
        let without = try score(folder, setting: "plainMismatchTokens", to: 0)
        let with = try score(folder)
        #expect(with.strictPrecision > without.strictPrecision)
        #expect(with.strictRecall >= without.strictRecall)
    }

    @Test(
        "A translation that leaves most of the original out is calibrated on the sentences that can have a partner, not on the median one, which has none"
    )
    func condensedCalibration() throws {
        // pud16 of the condensed set of seed 42: 18 translation sentences for 31, and the moved
        // passages make the median original sentence's best match chance.
        let folder = T.rootPath("Tests/Fixtures/rewrites/pud-dev-condensed-seed42")
        let calibrated = try score(folder)
        let overallMedian = try score(folder, setting: "condensedMedianLead", to: 0)
        #expect(calibrated.strictPrecision >= 0.95 && calibrated.strictRecall >= 0.95)
        #expect(overallMedian.strictPrecision < 0.7)
    }

    func score(moved: Bool) throws -> AlignmentScore {
        var configuration = AlignerConfiguration()
        configuration.movedPassages = moved ? 1 : 0
        return try GoldEvaluation.run(folder: Self.rewrites, endToEnd: false, configuration: configuration).score
    }

    @Test(
        "With the moved-passage stage, more links are right and a larger share of those given are right than with the monotone search alone"
    )
    func movedPassagesRaiseBoth() throws {
        let monotone = try score(moved: false)
        let withMoves = try score(moved: true)
        #expect(withMoves.strictRecall > monotone.strictRecall + 0.03)
        #expect(withMoves.strictPrecision > monotone.strictPrecision + 0.03)
    }

    /// How many of the sentences of another story that the translations added are linked to an
    /// original sentence.
    func forcedAdditions(moved: Bool) throws -> Int {
        var configuration = AlignerConfiguration()
        configuration.movedPassages = moved ? 1 : 0
        var forced = 0
        for item in try GoldEvaluation.cases(in: Self.rewrites) {
            let base = Self.rewrites + "/" + item.name
            let gold = try AlignmentScore.parseLadder(try T.read(base + ".gold")).get()
            let added = Set(gold.filter { $0.source.isEmpty }.flatMap(\.target))
            let links = Workbench.align(
                source: try T.read(base + ".en.txt").split(separator: "\n").map(String.init),
                target: try T.read(base + ".id.txt").split(separator: "\n").map(String.init), sourceLanguage: "en",
                targetLanguage: "id", lexicon: Workbench.bundledPreparedLexicon, configuration: configuration)
            forced += links.filter { !$0.source.isEmpty }.flatMap(\.target).filter(added.contains).count
        }
        return forced
    }

    /// The links Padan gives one shipped rewritten document, with the moved-passage stages on or off.
    func links(
        of name: String, moved: Bool, in folder: String = rewrites, skipPartnerSwaps: Bool = true,
        complementarySkips: Bool = true
    ) throws -> [AlignmentLink] {
        var configuration = AlignerConfiguration()
        configuration.movedPassages = moved ? 1 : 0
        configuration.skipPartnerSwaps = skipPartnerSwaps ? 1 : 0
        if !complementarySkips { configuration.complementarySkipTokens = 0 }
        let base = folder + "/" + name
        return Workbench.align(
            source: try T.read(base + ".en.txt").split(separator: "\n").map(String.init),
            target: try T.read(base + ".id.txt").split(separator: "\n").map(String.init), sourceLanguage: "en",
            targetLanguage: "id", lexicon: Workbench.bundledPreparedLexicon, configuration: configuration)
    }

    @Test(
        "A sentence the translation moved up and split in two is one 1-2 link crossing the others, where the monotone search leaves it out"
    )
    func movedAndSplit() throws {
        // pud02: original sentence 9 is translation sentences 2 and 3.
        let moved = try links(of: "pud02", moved: true)
        #expect(moved.contains { $0.source == 9..<10 && $0.target == 2..<4 })
        let outlines = moved.enumerated().map { index, link in
            LinkOutline(id: Int64(index), source: link.source, target: link.target, score: 1, status: .auto, version: 1)
        }
        let movedIDs = MovedLinks.moved(outlines)
        #expect(outlines.contains { movedIDs.contains($0.id) && $0.source == 9..<10 })
        let monotone = try links(of: "pud02", moved: false)
        #expect(monotone.contains { $0.source == 9..<10 && $0.target.isEmpty })
    }

    @Test(
        "A moved sentence of which the lexicon knows few words is linked when it matches its original far better than anything else in reach"
    )
    func clearlyBestMovedPair() throws {
        // pud26 of seed 31: original sentence 10 (`A proper theology would therefore …`) is
        // translation sentence 1, moved nine links up; a few of its words match.
        let links = try links(of: "pud26", moved: true, in: T.rootPath("Tests/Fixtures/rewrites/pud-dev-seed31"))
        #expect(links.contains { $0.source == 10..<11 && $0.target == 1..<2 })
    }

    @Test("A moved original line translated as two sentences is found though neither sentence alone fits its length")
    func movedMergeOfMisfits() throws {
        // fd02 of the FLORES rewriting with seed 79: original line 13 (a quote and who said it)
        // is translation sentences 6 and 7, moved up past other links.
        let links = try links(of: "fd02", moved: true, in: T.rootPath("Tests/Fixtures/rewrites/flores-dev-seed79"))
        #expect(links.contains { $0.source == 13..<14 && $0.target == 6..<8 })
    }

    @Test(
        "A sentence left out beside a link takes the link's one partner when it matches more of the partner's words than the link's own sentences",
        arguments: [
            // Original 19 dropped; its neighbour 18 is what translation 12 says (both share two names).
            ("flores-dev-seed57", "fd01", Self.link(18..<19, 12..<13), Self.link(19..<20, 0..<0)),
            // Translation 9 added; translation 10 is what original 9 says.
            ("flores-dev-seed67", "fd33", Self.link(9..<10, 10..<11), Self.link(0..<0, 9..<10)),
            // Originals 1 and 2 dropped; the search merged them onto translation 0, which says 0.
            ("flores-dev-condensed-seed42", "fd14", Self.link(0..<1, 0..<1), Self.link(1..<2, 0..<0)),
        ])
    func skipTakesPartner(folder: String, name: String, pair: AlignmentLink, leftOut: AlignmentLink) throws {
        let path = T.rootPath("Tests/Fixtures/rewrites/" + folder)
        let swapped = try links(of: name, moved: true, in: path).map(Self.outline)
        #expect(swapped.contains(Self.outline(pair)) && swapped.contains(Self.outline(leftOut)))
        let unswapped = try links(of: name, moved: true, in: path, skipPartnerSwaps: false).map(Self.outline)
        #expect(!unswapped.contains(Self.outline(pair)))
    }

    @Test(
        "A sentence left out beside a link joins it when it matches the words of the link's line that its own sentence leaves unmatched"
    )
    func complementarySkipJoins() throws {
        // pud32 of the condensed rewriting: translation line 1 holds original sentences 2 and 3
        // ("Di antaranya adalah bekas biara … Balai kota historis …"); either matches half of it.
        let folder = T.rootPath("Tests/Fixtures/rewrites/pud-dev-condensed")
        let joined = try links(of: "pud32", moved: true, in: folder).map(Self.outline)
        #expect(joined.contains(Self.outline(Self.link(2..<4, 1..<2))))
        let apart = try links(of: "pud32", moved: true, in: folder, complementarySkips: false).map(Self.outline)
        #expect(apart.contains(Self.outline(Self.link(2..<3, 0..<0))) && apart.contains(Self.outline(Self.link(3..<4, 1..<2))))
    }

    @Test("Joining left-out sentences to the links whose lines they complete costs the condensed set no precision")
    func complementarySkipsKeepPrecision() throws {
        let folder = T.rootPath("Tests/Fixtures/rewrites/pud-dev-condensed")
        let (joined, apart) = try TestSupport.scores(of: folder) { $0.complementarySkipTokens = 0 }
        #expect(
            joined.strictPrecision > apart.strictPrecision, "joined \(joined.strictPrecision), apart \(apart.strictPrecision)")
    }

    @Test(
        "Without a lexicon, a condensed translation's length model is set by the pairs that share names, numbers and cognates"
    )
    func anchoredLengthRatioWithoutLexicon() throws {
        let folder = T.rootPath("Tests/Fixtures/rewrites/pud-dev-condensed")
        var totalsOnly = AlignerConfiguration()
        totalsOnly.anchoredRatioDisagreement = 0
        let anchored = try GoldEvaluation.run(folder: folder, endToEnd: false, useLexicon: false).score
        let totals = try GoldEvaluation.run(folder: folder, endToEnd: false, useLexicon: false, configuration: totalsOnly).score
        #expect(
            anchored.strictPrecision > totals.strictPrecision,
            "anchored \(anchored.strictPrecision), totals \(totals.strictPrecision)")
        #expect(anchored.strictRecall > totals.strictRecall, "anchored \(anchored.strictRecall), totals \(totals.strictRecall)")
    }

    /// A link of `source` with `target`, for tables of expected links (the confidence is not compared).
    static func link(_ source: Range<Int>, _ target: Range<Int>) -> AlignmentLink {
        AlignmentLink(source: source, target: target, confidence: 0)
    }

    /// A link's sentences on each side, without its confidence (an empty side is empty wherever
    /// it stands).
    static func outline(_ link: AlignmentLink) -> [[Int]] { [Array(link.source), Array(link.target)] }

    @Test("The moved-passage stage links no added sentence of another story that the monotone search left alone")
    func addedSentencesStayAlone() throws {
        #expect(try forcedAdditions(moved: true) <= (try forcedAdditions(moved: false)))
    }

    @Test("Moved links are found as the fewest links whose removal leaves the rest in order")
    func movedLinksDefinition() {
        func outline(_ id: Int64, _ s: Int, _ t: Int) -> LinkOutline {
            LinkOutline(id: id, source: s..<s + 1, target: t..<t + 1, score: 1, status: .auto, version: 1)
        }
        // A passage of two moved three links earlier; a 1-0 is never moved.
        let links = [
            outline(1, 0, 0), outline(2, 1, 3), outline(3, 2, 4), outline(4, 3, 5), outline(5, 4, 1), outline(6, 5, 2),
            LinkOutline(id: 7, source: 6..<7, target: 0..<0, score: 1, status: .auto, version: 1), outline(8, 7, 6),
        ]
        #expect(MovedLinks.moved(links) == [5, 6])
        #expect(MovedLinks.moved(links.filter { $0.id != 5 && $0.id != 6 }).isEmpty)
    }

    @Test(
        "A rewritten pair is stored with its moved links; they are listed as moved, exported, and unlinked, refused by merge and shift, kept by realign, on both backends",
        arguments: Backend.allCases)
    func storedCrossingLinks(backend: Backend) throws {
        let db = try T.emptyDatabase(backend)
        func padan(_ arguments: [String], status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> T.Run {
            let run = try T.padan(arguments + ["--db", db])
            #expect(run.status == status, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
            return run
        }
        _ = try padan(["init"])
        _ = try padan(["add", Self.rewrites + "/pud04.en.txt", Self.rewrites + "/pud04.id.txt"])
        func links() throws -> [[String: Any]] {
            try #require(
                try JSONSerialization.jsonObject(with: Data(try padan(["pairs", "list", "1", "--json"]).stdout.utf8))
                    as? [[String: Any]])
        }
        let stored = try links()
        let moved = stored.filter { $0["moved"] as? Bool == true }
        #expect(!moved.isEmpty)
        let movedID = try #require(moved.first?["id"] as? Int)
        // The listing reads ids and target starts only; the judgement is the outline's.
        do {
            let store = try T.open(db, access: .read)
            #expect(try store.movedLinks(pair: 1) == MovedLinks.moved(try store.outline(pair: 1)))
            #expect(try store.movedLinks(pair: 1) == Set(moved.compactMap { ($0["id"] as? Int).map(Int64.init) }))
        }
        let plain = try padan(["pairs", "list", "1"]).stdout
        #expect(plain.split(separator: "\n").contains { $0.hasPrefix("\(movedID)\t") && $0.hasSuffix("\tmoved") })
        // Every link is exported, a moved one where its source stands.
        let tmx = try padan(["export", "1", "--format", "tmx", "-o", "-"]).stdout
        #expect(
            tmx.components(separatedBy: "<tu ").count - 1
                >= stored.filter { ($0["target"] as? String)?.isEmpty == false && ($0["source"] as? String)?.isEmpty == false }
                .count)
        // Merge with a neighbour in source order: not adjacent in the translation, refused.
        // (The nearest link before it with both sides and in order.)
        let index = try #require(stored.firstIndex { $0["id"] as? Int == movedID })
        let neighbour = try #require(
            stored[..<index].last {
                $0["moved"] as? Bool == false && ($0["source"] as? String)?.isEmpty == false
                    && ($0["target"] as? String)?.isEmpty == false
            }?["id"] as? Int)
        let digest = try padan(["store", "digest"]).stdout
        #expect(try padan(["pairs", "merge", "\(movedID)", "\(neighbour)"], status: 1).stderr.contains("not adjacent"))
        let first = try #require(stored.first?["id"] as? Int)
        #expect(
            try padan(["pairs", "shift", "1", "--from", "\(first)", "--side", "target", "--direction", "down"], status: 1).stderr
                .contains("is a moved link"))
        #expect(try padan(["store", "digest"]).stdout == digest)
        // Realign keeps the moved links as they are.
        _ = try padan(["pairs", "realign", "1"])
        #expect(try links().filter { $0["moved"] as? Bool == true }.map { $0["id"] as? Int } == moved.map { $0["id"] as? Int })
        // Unlink: the moved link's sentences become a 1-0 and a 0-1; undo brings it back.
        #expect(try padan(["pairs", "unlink", "\(movedID)"]).stdout.contains("unlinked link \(movedID)"))
        let unlinked = try links()
        #expect(!unlinked.contains { $0["id"] as? Int == movedID })
        #expect(unlinked.count == stored.count + 1)
        _ = try padan(["undo", "1"])
        #expect(try links().map { $0["id"] as? Int } == stored.map { $0["id"] as? Int })
    }
}
