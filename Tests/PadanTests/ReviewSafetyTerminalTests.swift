import Foundation
import PadanCore
import PadanStore
import Testing

@Suite("Review in a real terminal: one numbering, safe pastes, bulk actions that ask, suspend")
struct ReviewSafetyTerminalTests {
    func statuses(_ db: String, pair: Int64 = 1) throws -> [LinkStatus] {
        try AlignmentStore.open(at: db, access: .read).links(pair: pair).map(\.status)
    }

    /// A store whose second pair has link ids 15–28, so ids and positions differ.
    func twoPairs() throws -> String {
        let (db, directory) = try TestSupport.cliStoreWithSeedPair()
        let other = directory + "/tempo-2.id.txt"
        try TestSupport.read(TestSupport.seedTarget).replacingOccurrences(of: "Kremlin", with: "Istana Kremlin")
            .write(toFile: other, atomically: true, encoding: .utf8)
        #expect(try TestSupport.padan(["add", "--db", db, TestSupport.seedSource, other]).status == 0)
        return db
    }

    @Test("A bracketed paste (tmux paste-buffer -p) runs no keys; in a prompt it is text")
    func pasteIsText() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db])
        try tmux.waitFor("link 1 (1/14)")
        try tmux.tmux(["set-buffer", "-b", "p", "first line\ncxcxcxmu\ncc"])
        try tmux.tmux(["paste-buffer", "-p", "-b", "p", "-t", "review"])
        try tmux.waitFor("pasted text is only taken by a prompt")
        #expect(try statuses(db).allSatisfy { $0 == .auto })
        try tmux.type("/")
        try tmux.tmux(["set-buffer", "-b", "q", "Kremlin\ncc"])
        try tmux.tmux(["paste-buffer", "-p", "-b", "q", "-t", "review"])
        try tmux.waitFor("/Kremlin cc")
        try tmux.press("Escape")
        #expect(try statuses(db).allSatisfy { $0 == .auto })
        #expect(try AlignmentStore.open(at: db, access: .read).history(pair: 1).isEmpty)
        try tmux.press("q")
        try tmux.waitFor("ended:0")
    }

    @Test("The gutter and status show store link ids; :ID goes to that link, --at opens there, and reopening resumes")
    func oneNumbering() throws {
        let db = try twoPairs()
        var tmux = try TmuxScreen(["review", "2", "--at", "20", "--db", db])
        try tmux.waitFor("link 20 (6/14)")
        try tmux.type(":22")
        try tmux.press("Enter")
        try tmux.waitFor("link 22 (8/14)")
        try tmux.press("c")
        try tmux.waitFor("confirmed link 22")
        #expect(try AlignmentStore.open(at: db, access: .read).link(22).status == .confirmed)
        try tmux.type(":#2")
        try tmux.press("Enter")
        try tmux.waitFor("link 16 (2/14)")
        try tmux.press("Z", "Z")
        try tmux.waitFor("ended:0")
        tmux = try TmuxScreen(["review", "2", "--db", db])
        try tmux.waitFor("link 16 (2/14)")
        try tmux.type(":q")
        try tmux.press("Enter")
        try tmux.waitFor("ended:0")
        let unknown = try TestSupport.padan(["review", "2", "--at", "3", "--db", db])
        #expect(unknown.status == 1)
    }

    @Test("C says how many links it will confirm and waits for y; another key cancels")
    func bulkConfirmAsks() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db])
        try tmux.waitFor("link 1 (1/14)")
        try tmux.press("3", "j")
        try tmux.waitFor("link 4 (4/14)")
        try tmux.press("C")
        try tmux.waitFor("confirm the 3 unreviewed links above link 4?")
        try tmux.press("n")
        try tmux.waitFor("nothing changed")
        #expect(try statuses(db).allSatisfy { $0 == .auto })
        try tmux.press("C", "y")
        try tmux.waitFor("confirmed the 3 unreviewed links")
        #expect(try statuses(db).prefix(4) == [.confirmed, .confirmed, .confirmed, .auto])
        try tmux.press("R")
        try tmux.waitFor("re-align from link 4")
        try tmux.press("Escape")
        try tmux.waitFor("nothing changed")
        try tmux.press("q")
        try tmux.waitFor("ended:0")
    }

    @Test("Ctrl-Z stops the review with the terminal given back to the shell; fg brings the screen back")
    func suspendAndResume() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db], interactiveShell: true)
        try tmux.waitFor("link 1 (1/14)")
        try tmux.press("j")
        try tmux.waitFor("link 2 (2/14)")
        try tmux.press("C-z")
        // bash reports the stopped job on the normal screen, with the terminal back in cooked mode.
        try tmux.waitFor("Stopped")
        try tmux.type("stty -a | grep -o -- '-\\?icanon'")
        try tmux.press("Enter")
        let shell = try tmux.waitFor("the terminal in canonical mode") { $0.contains("\nicanon") }
        #expect(!shell.contains("-icanon"))
        try tmux.type("fg")
        try tmux.press("Enter")
        try tmux.waitFor("link 2 (2/14)")
        try tmux.press("j")
        try tmux.waitFor("link 3 (3/14)")
        let pid = try tmux.padanPID()
        try tmux.press("q")
        // Keys typed before padan has ended would be read by it: wait for it to end first.
        let deadline = Date().addingTimeInterval(10)
        while kill(pid, 0) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        // The job ends at its shell prompt (the command line's own echo ran when it stopped).
        try tmux.type("echo \"exit:$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("exit:0")
    }

    @Test("padan review without a pair lists the pairs; Enter opens one; ]p [p move between pairs, P returns to the list")
    func betweenPairs() throws {
        let db = try twoPairs()
        _ = try TestSupport.padan(["pairs", "confirm", "1", "2", "--db", db])
        let tmux = try TmuxScreen(["review", "--db", db])
        var screen = try tmux.waitFor("2 pairs — j/k move, Enter opens")
        #expect(screen.contains("en → id") && screen.contains("14"))
        #expect(screen.contains("14%"))  // pair 1: 2 of 14 links confirmed
        #expect(screen.contains("doubtful") && screen.contains("findings"))
        // The findings column fills in from the background: links with findings, as `check` counts them.
        for pair in ["1", "2"] {
            let check = try TestSupport.padan(["check", pair, "--json", "--db", db])
            let findings = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]] ?? []
            let links = Set(findings.compactMap { $0["link"] as? Int }).count
            let row = try NSRegularExpression(pattern: "^\\S?\\s+\(pair)\\s+en → id\\s+14\\s+\\d+%\\s+\\d+\\s+\\d+\\s+(\\d+)\\s")
            try tmux.waitFor("pair \(pair) with \(links) links with findings") { screen in
                screen.split(separator: "\n").contains { line in
                    let text = String(line)
                    guard let match = row.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                        let range = Range(match.range(at: 1), in: text)
                    else { return false }
                    return Int(text[range]) == links
                }
            }
        }
        try tmux.press("j", "Enter")
        try tmux.waitFor("link 15 (1/14)")
        try tmux.press("[", "p")
        try tmux.waitFor("link 1 (1/14)")
        try tmux.press("]", "p")
        try tmux.waitFor("link 15 (1/14)")
        try tmux.press("P")
        screen = try tmux.waitFor("2 pairs — j/k move")
        try tmux.press("Escape")
        try tmux.waitFor("link 15 (1/14)")
        try tmux.press("q")
        try tmux.waitFor("ended:0")
    }

    @Test("t edits a target sentence in place: Ctrl-A, Alt-F, typing and a bracketed paste go into the field; Enter saves")
    func inlineEditInTerminal() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db])
        try tmux.waitFor("link 1 (1/14)")
        try tmux.press("j", "t")
        try tmux.waitFor("editing target sentence")
        try tmux.press("C-a", "M-f", "M-f")
        try tmux.type(" (Rusia)")
        try tmux.tmux(["set-buffer", "-b", "p", " cxcx"])
        try tmux.tmux(["paste-buffer", "-p", "-b", "p", "-t", "review"])
        try tmux.waitFor("Presiden Rusia (Rusia) cxcx Vladimir")
        try tmux.press("Enter")
        try tmux.waitFor("edited target sentence")
        #expect(
            try AlignmentStore.open(at: db, access: .read).link(2).targetText.hasPrefix("Presiden Rusia (Rusia) cxcx Vladimir"))
        #expect(try statuses(db).filter { $0 == .confirmed || $0 == .rejected }.isEmpty)  // the paste ran no key
        try tmux.press("q")
        try tmux.waitFor("ended:0")
    }

    @Test("Queues, a structure move, the detail view, a one-side search and typing a 1-0 link's translation, in a real terminal")
    func reviewerToolsInTerminal() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db])
        try tmux.waitFor("link 1 (1/14)")
        try tmux.press("v", "n")  // only the links that are not 1-1
        var screen = try tmux.waitFor("v: not 1-1")
        #expect(!screen.contains("  1 · 0.70"))
        try tmux.press("v", "a")
        try tmux.waitFor("showing every link")
        try tmux.type(":4")
        try tmux.press("Enter")
        try tmux.press("}")  // link 4 takes the first source sentence of link 5
        try tmux.waitFor("relinked source")
        try tmux.press("i")
        screen = try tmux.waitFor("link details")
        #expect(screen.contains("source sentence 4 (ordinal 3") && screen.contains("source sentence 5 (ordinal 4"))
        try tmux.press("Escape")
        try tmux.type("/t:pengunjuk rasa")
        try tmux.press("Enter")
        try tmux.waitFor("link 6 (")
        try tmux.type(":7")
        try tmux.press("Enter")
        try tmux.press("t")
        try tmux.waitFor("typing a new target sentence for link 7")
        try tmux.type("Puluhan ribu orang turun ke jalan.")
        try tmux.press("Enter")
        try tmux.waitFor("added target sentence")
        try tmux.press("q")
        try tmux.waitFor("ended:0")
        let store = try AlignmentStore.open(at: db, access: .read)
        #expect(try store.links(pair: 1).contains { $0.source == 3..<5 && $0.target == 3..<4 })
        #expect(try store.link(7).targetText == "Puluhan ribu orang turun ke jalan.")
    }

    @Test("A bulk confirm over 30,000 links runs off the key loop: the screen keeps moving, edits wait, the result lands")
    func bulkActionDoesNotFreeze() throws {
        let directory = try TestSupport.temporaryDirectory()
        let db = directory + "/big.db"
        let store = try AlignmentStore.create(at: db)
        _ = try SyntheticPair.add(to: store, count: 30_000)
        let tmux = try TmuxScreen(["review", "1", "--db", db])
        try tmux.waitFor("link 1 (1/30000)")
        try tmux.press("G")
        try tmux.waitFor("link 30000 (30000/30000)")
        try tmux.press("C", "y", "g", "j")
        // Moving worked whether or not the confirm had finished; then it lands.
        try tmux.waitFor("link 2 (2/30000)")
        try tmux.waitFor("confirmed the 29999 unreviewed links")
        #expect(
            try AlignmentStore.open(at: db, access: .read).outline(pair: 1).filter { $0.status == .confirmed }.count == 29_999)
        try tmux.press("q")
        try tmux.waitFor("ended:0")
    }
}
