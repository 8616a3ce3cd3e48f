import Foundation
import PadanCore
import Testing

@testable import PadanStore

/// The glossary on the review screen, in a real terminal (tmux), on both backends: terms reviewed
/// in their view with the keys links use, and a term made from a link's words.
@Suite("Review screen: the glossary view and terms from links (tmux)")
struct ReviewGlossaryTests {
    typealias T = TestSupport

    func terms(_ db: String) throws -> [[String: Any]] {
        let run = try T.padan(["glossary", "list", "--json", "--db", db])
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
    }

    @Test(
        "W lists the terms with their uses and concordance; c approves a proposed term, u undoes it; a on a link picks words of both sides and adds them as a term",
        arguments: Backend.allCases)
    func glossaryView(backend: Backend) throws {
        let db = try T.emptyDatabase(backend)
        for arguments in [
            ["init"], ["add", T.seedSource, T.seedTarget],
            ["glossary", "add", "juru bicara", "spokesman", "--status", "proposed"],
            ["glossary", "add", "Perang Dingin", "Cold War"],
        ] {
            let run = try T.padan(arguments + ["--db", db])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        let tmux = try TmuxScreen(["review", "1", "--db", db], columns: 110, rows: 30)
        try tmux.waitFor("link 1 (1/14)")
        try tmux.press("W")
        var screen = try tmux.waitFor("glossary · term 1/2")
        #expect(screen.contains("? proposed") && screen.contains("spokesman → juru bicara"))
        // The selected term's concordance: the link that uses it, the term in its context.
        try tmux.press("j")
        screen = try tmux.waitFor("term 2/2")
        #expect(screen.contains("spokesman → juru bicara · 1 link: approved 0, other 1 (juru bicara 1)"))
        #expect(screen.contains("1:3") && screen.contains("Kremlin spokesman Dmitry Peskov"))
        try tmux.press("c")
        try tmux.waitFor("the term approved on screen") { $0.contains("approved #") && !$0.contains("? proposed") }
        #expect(try terms(db).first { $0["en"] as? String == "spokesman" }?["status"] as? String == "approved")
        try tmux.press("u")
        try tmux.waitFor("undid: approved")
        #expect(try terms(db).first { $0["en"] as? String == "spokesman" }?["status"] as? String == "proposed")
        try tmux.press("r")
        try tmux.waitFor("redid: approved")
        // o opens the link of the concordance in the link view.
        try tmux.press("o")
        try tmux.waitFor("link 3 (3/14)")
        // From link 3: "news agency" and "kantor berita" picked word by word.
        try tmux.press("a")
        try tmux.waitFor("term: [")
        // "Of course, we count on succeeding in holding a dialogue," Kremlin spokesman Dmitry
        // Peskov told the Interfax news agency. — "news" is the 18th word (quotes are no words).
        for _ in 0..<17 { try tmux.press("l") }
        try tmux.press("L")
        try tmux.waitFor("[news agency] = [")
        try tmux.press("Tab")
        // "Tentu saja, kami mengandalkan keberhasilan dalam mengadakan dialog," kata juru bicara
        // Kremlin Dmitry Peskov seperti diberitakan kantor berita … — "kantor" is the 17th word.
        for _ in 0..<16 { try tmux.press("l") }
        try tmux.press("L")
        screen = try tmux.waitFor("[news agency] = [kantor berita]")
        try tmux.press("Enter")
        try tmux.waitFor("added #")
        let added = try #require(try terms(db).first { $0["en"] as? String == "news agency" })
        #expect(added["id"] as? String == "kantor berita" && added["status"] as? String == "approved")
        #expect(added["source_language"] as? String == "en")
        try tmux.press("q")
        screen = try tmux.waitFor("exit status") { $0.contains("ended:") }
        #expect(screen.contains("ended:0"))
    }

    @Test("Another reviewer's glossary edit shows in an open glossary view within a second", arguments: Backend.allCases)
    func othersEditsShow(backend: Backend) throws {
        let db = try T.emptyDatabase(backend)
        for arguments in [
            ["init"], ["add", T.seedSource, T.seedTarget],
            ["glossary", "add", "juru bicara", "spokesman", "--status", "proposed"],
        ] {
            #expect(try T.padan(arguments + ["--db", db]).status == 0)
        }
        let tmux = try TmuxScreen(["review", "1", "--db", db], columns: 110, rows: 30)
        try tmux.waitFor("link 1 (1/14)")
        try tmux.press("W")
        try tmux.waitFor("? proposed")
        #expect(try T.padan(["glossary", "approve", "juru bicara", "--db", db]).status == 0)
        let screen = try tmux.waitFor("the approval from outside", within: 3) {
            $0.contains("✓ approved") && $0.contains("another reviewer changed the glossary")
        }
        #expect(!screen.contains("? proposed"))
        try tmux.press("q")
        try tmux.waitFor("exit status") { $0.contains("ended:") }
    }
}
