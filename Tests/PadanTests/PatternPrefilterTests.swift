import Foundation
import Testing

@testable import PadanCore

@Suite("Boilerplate rules")
struct PatternPrefilterTests {
    @Test("Rules matched by libicu directly, with the first-character shortcut, find what Foundation's regex finds")
    func prefilterAgreesWithTheRegex() throws {
        var paragraphs = [
            "Advertising", "Baca juga: Putin siap", "Baca Juga: x", "Selengkapnya", "Editor: Budi", "https://x.co/a",
            "REUTERS", "AFP | AP", "10 jam lalu", "2 hari yang lalu", "(Reporting by A; Editing by B)", "Our Standards: x",
            "Related Coverage", "Berita terkait", "TEMPO.CO, Jakarta - Presiden", "MOSCOW, Jan 24 (Reuters) - Putin", "",
            "january 24, 2021", "Minggu, 24 Januari 2021 22:02 WIB", "(Bremer, 1998) The use", "ad", "jl. Sudirman",
        ]
        for path in [TestSupport.seedTarget, TestSupport.seedSource, TestSupport.goldPath("segment/id-hard.shared.txt")] {
            paragraphs += try TestSupport.read(path).components(separatedBy: "\n")
        }
        var checked = 0
        var shortcut = 0
        for profile in [CleaningProfile.tempo, .reutersWire, .generic] {
            let patterns =
                (profile.rules + profile.trailingBlockRules).map(\.pattern)
                + [profile.dateLine, profile.datelinePrefix].compactMap { $0 }
            for pattern in patterns {
                if pattern.firstCharacter != nil { shortcut += 1 }
                let reference = try NSRegularExpression(pattern: pattern.source)
                for paragraph in paragraphs {
                    let expected = reference.firstMatch(in: paragraph, range: NSRange(paragraph.startIndex..., in: paragraph))
                        .flatMap { Range($0.range, in: paragraph) }
                    #expect(pattern.firstMatch(in: paragraph)?.range == expected, "\(pattern.source) on “\(paragraph)”")
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
        #expect(shortcut >= 10)  // most rules are plain enough to be filtered
    }

    @Test("Named groups give the parts of a date line; a group that took no part gives nothing")
    func namedGroups() throws {
        let dateLine = try #require(CleaningProfile.tempo.dateLine)
        let line = "Minggu, 24 Januari 2021 22:02 WIB"
        let match = try #require(dateLine.firstMatch(in: line))
        #expect(match.range(named: "day").map { String(line[$0]) } == "24")
        #expect(match.range(named: "month").map { String(line[$0]) } == "Januari")
        #expect(match.range(named: "zone").map { String(line[$0]) } == "WIB")
        let short = "Senin, 1 Februari 2021"
        let shortMatch = try #require(dateLine.firstMatch(in: short))
        #expect(shortMatch.range(named: "hour") == nil)
        #expect(shortMatch.range(named: "no-such-group") == nil)
        // Non-ASCII before a group: ranges are UTF-16 offsets turned back into String indices.
        let accented = try #require(Pattern(#"é+(?<tail>\p{L}+)"#).firstMatch(in: "« ééCafé »"))
        #expect(accented.range(named: "tail").map { String("« ééCafé »"[$0]) } == "Café")
    }

    @Test("The substring test behind profile detection finds clues at the start, the end, after false starts")
    func substring() {
        #expect(CleaningProfile.contains("TEMPO.CO, Jakarta", "TEMPO.CO"))
        #expect(CleaningProfile.contains("kata dia (Reuters)", "(Reuters)"))
        #expect(CleaningProfile.contains("(R (Re (Reuters) -", "(Reuters)"))
        #expect(!CleaningProfile.contains("(Reuter", "(Reuters)"))
        #expect(!CleaningProfile.contains("TEMPO.C", "TEMPO.CO"))
        #expect(CleaningProfile.contains("é (AP) ü", "(AP)"))
        #expect(!CleaningProfile.contains("", "(AP)"))
    }
}
