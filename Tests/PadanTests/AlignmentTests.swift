import Foundation
import PadanWorkbench
import Testing

@testable import PadanCore

@Suite("Sentence alignment")
struct AlignmentTests {
    func aligner(_ source: String = "en", _ target: String = "id") -> SentenceAligner {
        SentenceAligner(sourceLanguage: source, targetLanguage: target, lexicon: Workbench.bundledPreparedLexicon)
    }

    /// Every sentence of both sides in exactly one link, links in the order of their sources;
    /// in order on the target side too unless a moved passage's link crosses others.
    func expectCovers(_ links: [AlignmentLink], _ n: Int, _ m: Int, allowingMoves: Bool = false) {
        var sources = [Int](repeating: 0, count: n)
        var targets = [Int](repeating: 0, count: m)
        for link in links {
            #expect(!(link.source.isEmpty && link.target.isEmpty))
            #expect((0...1).contains(link.confidence))
            for s in link.source { sources[s] += 1 }
            for t in link.target { targets[t] += 1 }
        }
        #expect(sources.allSatisfy { $0 == 1 } && targets.allSatisfy { $0 == 1 })
        #expect(zip(links, links.dropFirst()).allSatisfy { $0.source.upperBound <= $1.source.lowerBound || $1.source.isEmpty })
        if !allowingMoves {
            #expect(
                zip(links, links.dropFirst()).allSatisfy {
                    $0.source.upperBound == $1.source.lowerBound && $0.target.upperBound == $1.target.lowerBound
                })
        }
    }

    @Test("The bundled pair: every link matches the hand-made gold")
    func corpusPair() throws {
        let source = Workbench.prepare(text: try TestSupport.read(TestSupport.seedSource), language: "en", path: nil)
        let target = Workbench.prepare(text: try TestSupport.read(TestSupport.seedTarget), language: "id", path: nil)
        let links = aligner().align(source: source.sentences.map(\.text), target: target.sentences.map(\.text))
        let gold = try TestSupport.corpusGold()
        #expect(gold.count == 14)
        #expect(links.map { Array($0.source) } == gold.map(\.source))
        #expect(links.map { Array($0.target) } == gold.map(\.target))
    }

    @Test("Strict F1 on the FLORES and PUD development sets stays at or above 0.98")
    func devSets() throws {
        for (set, floor) in [("flores-dev", 0.98), ("pud-dev", 0.98)] {
            let folder = TestSupport.goldPath("align/\(set)")
            var total = AlignmentScore()
            for gold in try FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".gold") }) {
                let stem = (folder as NSString).appendingPathComponent(String(gold.dropLast(5)))
                let source = try TestSupport.read(stem + ".en.txt").split(separator: "\n").map(String.init)
                let target = try TestSupport.read(stem + ".id.txt").split(separator: "\n").map(String.init)
                let links = aligner().align(source: source, target: target)
                expectCovers(links, source.count, target.count)
                guard case .success(let goldLinks) = AlignmentScore.parseLadder(try TestSupport.read(stem + ".gold")) else {
                    Issue.record("bad gold \(stem)")
                    continue
                }
                let test = links.map { ScoredLink(source: Array($0.source), target: Array($0.target)) }
                total = total + AlignmentScore.score(gold: goldLinks, test: test)
            }
            #expect(total.strictF1 >= floor, "\(set): strict F1 \(total.strictF1)")
        }
    }

    @Test("Confidence ranks wrong links low: on flores-dev a wrong link scores below a right one 9 times in 10")
    func confidenceRanksErrors() throws {
        let folder = TestSupport.goldPath("align/flores-dev")
        var right: [Double] = []
        var wrong: [Double] = []
        for gold in try FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".gold") }) {
            let stem = (folder as NSString).appendingPathComponent(String(gold.dropLast(5)))
            let source = try TestSupport.read(stem + ".en.txt").split(separator: "\n").map(String.init)
            let target = try TestSupport.read(stem + ".id.txt").split(separator: "\n").map(String.init)
            guard case .success(let goldLinks) = AlignmentScore.parseLadder(try TestSupport.read(stem + ".gold")) else {
                Issue.record("bad gold \(stem)")
                continue
            }
            let golden = Set(goldLinks)
            for link in aligner().align(source: source, target: target) {
                let scored = ScoredLink(source: Array(link.source), target: Array(link.target))
                if golden.contains(scored) { right.append(link.confidence) } else { wrong.append(link.confidence) }
            }
        }
        #expect(!wrong.isEmpty && right.count > 10 * wrong.count)
        // The area under the ROC curve: how often a wrong link scores below a right one.
        var below = 0.0
        for w in wrong { for r in right { below += w < r ? 1 : w == r ? 0.5 : 0 } }
        let area = below / Double(right.count * wrong.count)
        #expect(area >= 0.9, "AUC \(area)")
    }

    @Test("Without any lexicon, FLORES and PUD en-id stay at or above 0.94, above hunalign with a dictionary")
    func devSetsWithoutLexicon() throws {
        // hunalign with the FreeDict English-Indonesian dictionary: 0.931 and 0.903.
        for set in ["flores-dev", "pud-dev"] {
            let folder = TestSupport.goldPath("align/\(set)")
            let (score, _, _) = try GoldEvaluation.run(folder: folder, endToEnd: false, useLexicon: false)
            #expect(score.strictF1 >= 0.94, "\(set): strict F1 \(score.strictF1)")
        }
    }

    @Test(
        "The length model is fitted on the 1-1 links whose words match: an original sentence linked beside its partner's merge does not skew it"
    )
    func lengthsFittedOnMatchingLinks() throws {
        func score(lengthFitSimilarity: Double?) throws -> AlignmentScore {
            var configuration = AlignerConfiguration()
            if let lengthFitSimilarity { configuration.lengthFitSimilarity = lengthFitSimilarity }
            return try GoldEvaluation.run(
                folder: TestSupport.goldPath("align/flores-dev"), endToEnd: false, configuration: configuration
            ).score
        }
        #expect(try score(lengthFitSimilarity: nil).strictF1 > (try score(lengthFitSimilarity: 0).strictF1))
    }

    @Test(
        "Without a lexicon, a sentence left out beside a link that holds two of the other side takes the one it translates: two 1-1 links"
    )
    func loneSkipBesideMerge() throws {
        // flores-dev fd09: the search gives `[]:[0]` and `[0,1]:[1]`; the gold is `[0]:[0]`, `[1]:[1]`.
        let base = TestSupport.goldPath("align/flores-dev") + "/fd09"
        let lines = { (language: String) in
            try TestSupport.read("\(base).\(language).txt").split(separator: "\n").map(String.init)
        }
        let links = Workbench.align(
            source: try lines("en"), target: try lines("id"), sourceLanguage: "en", targetLanguage: "id", lexicon: nil)
        #expect(links.contains { $0.source == 0..<1 && $0.target == 0..<1 })
        #expect(links.contains { $0.source == 1..<2 && $0.target == 1..<2 })
    }

    @Test("From the raw FLORES paragraphs (segment, then align) strict F1 stays at or above 0.98")
    func endToEnd() throws {
        let (score, documents, _) = try GoldEvaluation.run(
            folder: TestSupport.goldPath("align/flores-dev-e2e"), endToEnd: true)
        #expect(documents == 4)
        #expect(score.strictF1 >= 0.98, "strict F1 \(score.strictF1)")
    }

    @Test("Paragraph breaks: a sentence with nothing to match joins a link of its own paragraph, not the next one")
    func paragraphBreaks() {
        let source = [
            "The committee met on Monday to discuss the new budget.",
            "Members argued for hours about the cost of the proposed bridge.",
            "That was all.",
            "Heavy rain flooded the district.",
        ]
        let target = [
            "Komite bertemu pada hari Senin untuk membahas anggaran baru.",
            "Para anggota berdebat berjam-jam tentang biaya jembatan yang diusulkan.",
            "Hujan lebat membanjiri distrik utara pada Selasa malam, dan banyak warga mengungsi.",
        ]
        let withParagraphs = aligner().align(
            source: source, target: target, sourceParagraphs: [0, 0, 0, 1], targetParagraphs: [0, 0, 1])
        expectCovers(withParagraphs, 4, 3)
        #expect(withParagraphs.contains { $0.source == 3..<4 && $0.target == 2..<3 })
        #expect(!withParagraphs.contains { $0.source.contains(2) && $0.source.contains(3) })
        // Without paragraphs the same texts give no reason to keep sentences 2 and 3 apart.
        let lines = aligner().align(source: source, target: target)
        #expect(lines.contains { $0.source == 2..<4 })
    }

    @Test("Unexpected input: an empty side, identical texts, one sentence, very unequal lengths, huge lines")
    func robustness() {
        let sentences = (0..<30).map { "Kalimat nomor \($0) tentang hal \($0 * 7)." }
        expectCovers(aligner().align(source: sentences, target: []), 30, 0)
        expectCovers(aligner().align(source: [], target: sentences), 0, 30)
        let identical = aligner("xx", "xx").align(source: sentences, target: sentences)
        #expect(identical.allSatisfy { $0.source == $0.target })
        expectCovers(aligner().align(source: ["One."], target: ["Satu."]), 1, 1)
        let long = (0..<3000).map { "Baris \($0) berisi angka \($0)." }
        expectCovers(aligner().align(source: Array(sentences.prefix(30)), target: long), 30, 3000)
        let huge = String(repeating: "word ", count: 20_000)
        expectCovers(aligner().align(source: [huge, "Short."], target: [huge]), 2, 1)
    }

    @Test("Unexpected input without a lexicon (pinning and learned pairs at work): same guarantees")
    func robustnessWithoutLexicon() {
        let german = SentenceAligner(sourceLanguage: "de", targetLanguage: "fr")
        let sentences = (0..<40).map { "Satz \($0) über den Berg \($0 * 7) und die Expedition \($0 % 3)." }
        expectCovers(german.align(source: sentences, target: []), 40, 0)
        let identical = german.align(source: sentences, target: sentences)
        #expect(identical.allSatisfy { $0.source == $0.target && $0.source.count == 1 })
        let long = (0..<4000).map { "Ligne \($0) avec le nombre \($0 * 3)." }
        expectCovers(german.align(source: sentences, target: long), 40, 4000)
        let huge = String(repeating: "Wort 8848 ", count: 10_000)
        expectCovers(german.align(source: [huge, "Kurz."], target: [huge]), 2, 1)
        expectCovers(german.align(source: ["Ein Satz."], target: ["Une phrase.", "Deux."]), 1, 2)
    }

    @Test("A side of several sentences may not end with a clause that runs on (ends in a semicolon)")
    func runOnClauses() {
        var problem = AlignmentProblem(
            source: ["Sie stiegen auf;", "der Wind war stark.", "Oben war es kalt;"],
            target: ["Ils montèrent, le vent était fort.", "En haut il faisait froid."], sourceLanguage: "de",
            targetLanguage: "fr", lexicon: nil, configuration: AlignerConfiguration())
        _ = problem.solve()
        #expect(problem.costs.runOnEndings(i: 2, j: 1, a: 2, b: 1) == 0)  // ends with "der Wind war stark."
        #expect(problem.costs.runOnEndings(i: 3, j: 2, a: 1, b: 1) == 0)  // a single sentence may end so
        #expect(problem.costs.runOnEndings(i: 3, j: 2, a: 2, b: 1) == AlignerConfiguration().runOnEnding)
    }

    @Test("A merge may end with a clause that runs on when its partner's last sentence runs on too")
    func parallelRunOnClauses() {
        var problem = AlignmentProblem(
            source: ["Bald war es hell.", "Die guten Erinnerungen blieben;", "meine Faulheit besorgte den Rest."],
            target: ["Il fit bientôt jour et les bons souvenirs restèrent ;", "ma paresse fit le reste !"],
            sourceLanguage: "de", targetLanguage: "fr", lexicon: nil, configuration: AlignerConfiguration())
        let links = problem.solve().map { [Array($0.source), Array($0.target)] }
        #expect(problem.costs.runOnEndings(i: 2, j: 1, a: 2, b: 1) == 0)  // both end "…;"
        #expect(problem.costs.runOnEndings(i: 3, j: 1, a: 3, b: 1) == 0)  // ends with "…den Rest."
        #expect(links == [[[0, 1], [0]], [[2], [1]]], "\(links)")
    }

    @Test(
        "A moved sentence's partner is the one sharing most of its words, even where the document's typical share makes looser matches reach the similarity's cap"
    )
    func movedPartnerRanking() {
        var problem = AlignmentProblem(
            source: ["Gletscher Expedition Meyer Kilimanjaro Purtscheller"],
            target: ["Kilimanjaro Bericht später Zeitung", "Gletscher Expedition Meyer Kilimanjaro Purtscheller"],
            sourceLanguage: "de", targetLanguage: "de", lexicon: nil, configuration: AlignerConfiguration())
        problem.calibrate(typicalSimilarity: 0.1)
        let loose = problem.costs.normalized(share: 2.0 / 9.0)
        #expect(loose == 1)  // the looser pair's similarity is capped as the true pair's is
        #expect(problem.bestTarget(of: 0).t == 1)
        #expect(problem.bestSource(of: 1).s == 0)
    }

    @Test(
        "The unmatched test's share of a true pair is measured on the sentences the path links: the translation's dropped sentences do not pull it down",
        arguments: ["pud00", "pud02", "pud04"])
    func unmatchedTestShare(name: String) throws {
        let folder = TestSupport.rootPath("Tests/Fixtures/rewrites/pud-dev")
        let lines = { (language: String) in
            try TestSupport.read("\(folder)/\(name).\(language).txt").split(separator: "\n").map(String.init)
        }
        var problem = AlignmentProblem(
            source: try lines("en"), target: try lines("id"), sourceLanguage: "en", targetLanguage: "id",
            lexicon: Workbench.bundledPreparedLexicon, configuration: AlignerConfiguration())
        problem.calibrateLexicalWeight()
        var halfWidth = problem.n + problem.m
        let path = problem.searchWidening(halfWidth: &halfWidth)
        let overAll = problem.estimateTypicalSimilarity(along: path.reversed().map(\.cell))
        let share = problem.linkedPairShare(along: path)
        let linked = try #require(share)
        #expect(linked > overAll)
    }

    @Test("Language-independent evidence aligns numbers and names without a lexicon")
    func noLexicon() {
        let source = [
            "Am 12. Mai 1921 erreichte Meyer den Gipfel.", "Das Wetter war schlecht.", "Die Expedition kehrte 1922 zurück.",
        ]
        let target = ["Le 12 mai 1921, Meyer atteignit le sommet.", "L'expédition revint en 1922."]
        let links = SentenceAligner(sourceLanguage: "de", targetLanguage: "fr").align(source: source, target: target)
        #expect(links.contains { $0.source.contains(0) && $0.target == 0..<1 })
        #expect(links.contains { $0.source == 2..<3 && $0.target == 1..<2 })
    }
}
