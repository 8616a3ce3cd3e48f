import Testing

@testable import PadanCore

@Suite("Coarse guide for long documents whose path strays from the diagonal")
struct CoarseGuideTests {
    /// 3,000 source sentences; the translation drops sentences 1,000–1,399 (a chapter), so every
    /// later sentence sits 400 rows off the diagonal's course.
    func chapterDropped() -> (source: [String], target: [String], dropped: Range<Int>) {
        let source = (0..<3000).map { "Sentence \($0) names Station\($0 * 7 % 1009) and counts \($0 * 13) items." }
        let dropped = 1000..<1400
        let target = (0..<3000).filter { !dropped.contains($0) }.map {
            "Kalimat \($0) menyebut Station\($0 * 7 % 1009) dan menghitung \($0 * 13) barang."
        }
        return (source, target, dropped)
    }

    @Test("The guide follows the true path, dropped chapter included, within a few sentences")
    func guideFollowsTheTruePath() {
        let (source, target, dropped) = chapterDropped()
        var extractor = FeatureExtractor(lexicon: nil)
        let sourceFeatures = source.map { extractor.features(of: $0, language: "en", role: .plain) }
        let targetFeatures = target.map { extractor.features(of: $0, language: "id", role: .plain) }
        let guide = CoarseGuide.path(source: sourceFeatures, target: targetFeatures)
        #expect(guide.first.map { ($0.0, $0.1) } ?? (0, 0) == (3000, 2600))
        for (i, j) in guide {
            // After i source sentences, the true path has passed this many target sentences.
            let expected = i <= dropped.lowerBound ? i : i <= dropped.upperBound ? dropped.lowerBound : i - dropped.count
            #expect(abs(j - expected) <= 3, "row \(i): column \(j), expected \(expected)")
        }
    }

    @Test("A long pair with a dropped chapter aligns right: the chapter 1-0, the rest 1-1")
    func alignsAroundTheGap() {
        let (source, target, dropped) = chapterDropped()
        let links = SentenceAligner(sourceLanguage: "en", targetLanguage: "id").align(source: source, target: target)
        let expected = Set(
            (0..<3000).map { s -> [Int] in
                dropped.contains(s) ? [s, -1] : [s, s < dropped.lowerBound ? s : s - dropped.count]
            })
        let found = Set(
            links.flatMap { link -> [[Int]] in
                link.target.isEmpty
                    ? link.source.map { [$0, -1] }
                    : link.source.count == 1 && link.target.count == 1
                        ? [[link.source.lowerBound, link.target.lowerBound]] : []
            })
        #expect(found.intersection(expected).count >= 2990, "\(found.intersection(expected).count) of 3000 right")
    }

    @Test("One side 100 times longer (300 sentences inside 30,000): the 300 find their counterparts")
    func oneSideHundredTimesLonger() {
        let source = (0..<300).map { "Sentence \($0) names Station\($0 * 7 % 1009) and counts \($0 * 13) items." }
        let target =
            (0..<300).map { "Kalimat \($0) menyebut Station\($0 * 7 % 1009) dan menghitung \($0 * 13) barang." }
            + (300..<30_000).map { "Baris \($0) tentang Kota\($0 * 11 % 2003) dengan \($0 * 17) warga." }
        let links = SentenceAligner(sourceLanguage: "en", targetLanguage: "id").align(source: source, target: target)
        let right = links.filter { $0.source.count == 1 && $0.source == $0.target }.count
        #expect(right == 300, "\(right) of 300 right")
    }
}
