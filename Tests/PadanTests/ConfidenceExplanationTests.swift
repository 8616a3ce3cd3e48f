import Foundation
import PadanWorkbench
import Testing

@testable import PadanCore

@Suite("Explaining a link's confidence")
struct ConfidenceExplanationTests {
    let aligner = SentenceAligner(sourceLanguage: "en", targetLanguage: "id", lexicon: Workbench.bundledPreparedLexicon)

    func seedSentences() throws -> (source: [String], target: [String]) {
        let source = Workbench.prepare(text: try TestSupport.read(TestSupport.seedSource), language: "en", path: nil)
        let target = Workbench.prepare(text: try TestSupport.read(TestSupport.seedTarget), language: "id", path: nil)
        return (source.sentences.map(\.text), target.sentences.map(\.text))
    }

    @Test("Over the aligner's own links, the explanation gives each link exactly the confidence it was aligned with")
    func sameAsAligner() throws {
        let (source, target) = try seedSentences()
        let links = aligner.align(source: source, target: target)
        for index in links.indices {
            let explanation = try #require(aligner.explain(links: links, at: index, source: source, target: target))
            #expect(abs(explanation.confidence - links[index].confidence) < 1e-9, "link \(index)")
            #expect((explanation.similarity == nil) == (links[index].source.isEmpty || links[index].target.isEmpty))
            #expect((explanation.before == nil) == (index == 0))
            #expect((explanation.after == nil) == (index == links.count - 1))
        }
    }

    @Test("A boundary moved one sentence off the right place is doubtful, and the cheapest move named is the fix")
    func wrongBoundary() throws {
        let (source, target) = try seedSentences()
        let links = aligner.align(source: source, target: target)
        // Two consecutive 1-1 links with clear boundaries; give the second one's target sentence to the first.
        let k = try #require(
            links.indices.dropLast().first {
                links[$0].source.count == 1 && links[$0].target.count == 1
                    && links[$0 + 1].source.count == 1 && links[$0 + 1].target.count == 1 && links[$0].confidence > 0.6
            })
        var wrong = links
        wrong[k].target = links[k].target.lowerBound..<links[k].target.upperBound + 1
        wrong[k + 1].target = links[k + 1].target.upperBound..<links[k + 1].target.upperBound
        let explanation = try #require(aligner.explain(links: wrong, at: k, source: source, target: target))
        let after = try #require(explanation.after)
        #expect(after.factor < 0.5, "margin \(after.cost)")
        #expect(after.side == .target && after.towardsLater)  // the last target sentence back to the next link
        #expect(explanation.confidence < links[k].confidence)
        let right = try #require(aligner.explain(links: links, at: k, source: source, target: target))
        #expect(try #require(right.after).factor > 0.5)
    }

    @Test("Links that do not cover both sides in order are not explained")
    func refusesGaps() throws {
        let (source, target) = try seedSentences()
        var links = aligner.align(source: source, target: target)
        #expect(aligner.explain(links: links, at: links.count, source: source, target: target) == nil)
        links.removeLast()
        #expect(aligner.explain(links: links, at: 0, source: source, target: target) == nil)
    }
}
