import Foundation
import PadanCore
import Testing

/// The aligner gives, on every shipped set, the ladders recorded in `Tests/Fixtures/ladders`
/// (written by `scripts/make-reference-ladders.sh`): a refactoring of the aligner changes none of
/// them; a change meant to move them rewrites the reference, in its own commit, saying why.
@Suite("The aligner's ladders on the shipped sets are the recorded ones")
struct AlignerLadderTests {
    static let sets: [(reference: String, texts: String)] = [
        ("align-flores-dev", "Tests/Fixtures/gold/align/flores-dev"), ("align-pud-dev", "Tests/Fixtures/gold/align/pud-dev"),
        ("align-textberg-dev", "Tests/Fixtures/gold/align/textberg-dev"), ("rewrites-pud-dev", "Tests/Fixtures/rewrites/pud-dev"),
        ("rewrites-pud-dev-condensed", "Tests/Fixtures/rewrites/pud-dev-condensed"),
    ]

    @Test("Every document of the set aligns to its recorded ladder, scores to three decimals", arguments: sets.map(\.reference))
    func sameLadders(reference: String) throws {
        let texts = TestSupport.rootPath(try #require(Self.sets.first { $0.reference == reference }).texts)
        let folder = TestSupport.rootPath("Tests/Fixtures/ladders/" + reference)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".ladder") }.sorted()
        #expect(!names.isEmpty)
        for file in names {
            let name = String(file.dropLast(".ladder".count))
            let (source, target) = FileManager.default.fileExists(atPath: "\(texts)/\(name).en.txt") ? ("en", "id") : ("de", "fr")
            let run = try TestSupport.padan([
                "align", "--presegmented", "--scores", "--source-lang", source, "--target-lang", target,
                "\(texts)/\(name).\(source).txt", "\(texts)/\(name).\(target).txt",
            ])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            #expect(run.stdout == (try TestSupport.read(folder + "/" + file)), "\(reference)/\(name) aligns differently")
        }
    }
}

@Suite("Aligner settings by name")
struct AlignerSettingTests {
    @Test(
        "Every name --set takes changes its own weight, and an unknown name is refused",
        arguments: AlignerConfiguration.settingNames)
    func everyNameSetsAWeight(name: String) {
        var configuration = AlignerConfiguration()
        let known = configuration.set(name, to: 12_345)
        #expect(known)
        #expect(configuration != AlignerConfiguration(), "\(name) changed nothing")
        let unknown = configuration.set(name + "x", to: 1)
        #expect(!unknown)
    }
}
