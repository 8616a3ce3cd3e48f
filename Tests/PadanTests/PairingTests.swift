import Foundation
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
        let pud = TestSupport.sharedPath("data/align/pud-dev")
        for file in try manager.contentsOfDirectory(atPath: pud) where file.hasSuffix(".raw.txt") {
            let destination = file.contains(".id.") ? translations : originals
            try manager.copyItem(atPath: pud + "/" + file, toPath: destination + "/" + file)
        }
        let flores = TestSupport.sharedPath("data/align/flores-dev")
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
