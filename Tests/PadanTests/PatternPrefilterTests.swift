import Foundation
import Testing

@testable import PadanCore

@Suite("Boilerplate rules")
struct PatternPrefilterTests {
    @Test("The first-character shortcut never changes what a rule matches")
    func prefilterAgreesWithTheRegex() throws {
        var paragraphs = [
            "Advertising", "Baca juga: Putin siap", "Baca Juga: x", "Selengkapnya", "Editor: Budi", "https://x.co/a",
            "REUTERS", "AFP | AP", "10 jam lalu", "2 hari yang lalu", "(Reporting by A; Editing by B)", "Our Standards: x",
            "Related Coverage", "Berita terkait", "TEMPO.CO, Jakarta - Presiden", "MOSCOW, Jan 24 (Reuters) - Putin", "",
            "january 24, 2021", "Minggu, 24 Januari 2021 22:02 WIB", "(Bremer, 1998) The use", "ad", "jl. Sudirman",
        ]
        for path in [TestSupport.seedTarget, TestSupport.seedSource, TestSupport.sharedPath("data/segment/id-hard.shared.txt")] {
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
                for paragraph in paragraphs {
                    let direct =
                        pattern.expression.firstMatch(in: paragraph, range: NSRange(paragraph.startIndex..., in: paragraph))
                        != nil
                    #expect(pattern.matches(paragraph) == direct, "\(pattern.source) on “\(paragraph)”")
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
        #expect(shortcut >= 10)  // most rules are plain enough to be filtered
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
