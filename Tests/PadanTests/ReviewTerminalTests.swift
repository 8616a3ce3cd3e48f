import Foundation
import PadanCore
import PadanStore
import Testing

/// A tmux server of its own running `padan review` in a detached session, driven as a user
/// would: keys in with `send-keys`, the screen out with `capture-pane`.
final class TmuxScreen {
    let socket = "padan-\(UUID().uuidString.prefix(8))"
    let marker: String

    /// Runs `padan arguments…` in a `columns`×`rows` window; when it ends, the pane prints its exit
    /// status and whether the terminal is back in canonical mode, then waits.
    /// With `interactiveShell`, the pane is an interactive bash with job control, and the command
    /// is typed at its prompt, as a user would (what Ctrl-Z and `fg` need).
    init(
        _ arguments: [String], columns: Int = 120, rows: Int = 30, environment: [String: String] = [:],
        interactiveShell: Bool = false
    ) throws {
        marker = "ended:"
        var variables = ["LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "", "TERM": "xterm-256color"]
        for (key, value) in environment { variables[key] = value }
        let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let command = ([TestSupport.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let script = "env \(assignments) \(command); echo \"\(marker)$?\"; stty -a | grep -o -- '-\\?icanon'; sleep 120"
        if interactiveShell {
            try tmux([
                "-f", "/dev/null", "new-session", "-d", "-s", "review", "-x", "\(columns)", "-y", "\(rows)", "bash", "--norc",
                "--noprofile", "-i",
            ])
            try type("env \(assignments) \(command); echo \"\(marker)$?\"")
            try press("Enter")
        } else {
            try tmux([
                "-f", "/dev/null", "new-session", "-d", "-s", "review", "-x", "\(columns)", "-y", "\(rows)", "sh", "-c", script,
            ])
        }
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Runs tmux with posix_spawn and waitpid: Foundation's Process never sees the exit of the
    /// client that forks the tmux server, so it would wait forever.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "padan-tmux-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-u", "-L", socket] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        Self.closeOnExec()
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw TmuxFailure(description: "cannot run tmux (is it installed? make test installs it)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus = (status >> 8) & 0xFF
        if (status & 0x7F != 0 || exitStatus != 0) && arguments.first != "kill-server" {
            throw TmuxFailure(description: "tmux \(arguments.joined(separator: " ")) exited with status \(status)")
        }
        return output
    }

    struct TmuxFailure: Error, CustomStringConvertible { var description: String }

    /// Marks every descriptor of the test process close-on-exec. The tmux server a client forks
    /// lives on (its pane sleeps two minutes), and would otherwise inherit the pipes other tests running at
    /// the same time hold open to their padan processes: their reads would wait for it to end.
    /// (A child given a pipe as its standard output gets a copy made for it, which stays open.)
    static func closeOnExec() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in names.compactMap(Int32.init) where descriptor > 2 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    /// Presses keys by tmux names (`j`, `Enter`, `Escape`, `C-c`, `PageDown`).
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "review"] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "review", "-l", text]) }

    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "review"] + (escapes ? ["-e"] : []))
    }

    /// Waits until the screen satisfies `condition` (10 s at most) and returns it.
    @discardableResult
    func waitFor(_ what: String, escapes: Bool = false, within seconds: TimeInterval = 10, _ condition: (String) -> Bool)
        throws -> String
    {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen(escapes: escapes)
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
        throw TmuxFailure(description: "timed out waiting for \(what)")
    }

    @discardableResult
    func waitFor(_ text: String) throws -> String { try waitFor("“\(text)”") { $0.contains(text) } }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", "review", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The process ids running in the pane's shell.
    func padanPID() throws -> Int32 {
        let shell = try tmux(["display-message", "-p", "-t", "review", "#{pane_pid}"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pgrep", "-P", shell]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let pid = Int32(String(decoding: data, as: UTF8.self).split(separator: "\n").first ?? "") else {
            throw TmuxFailure(description: "no padan process under the pane's shell \(shell)")
        }
        return pid
    }
}

@Suite("Review screen in a real terminal (tmux)")
struct ReviewTerminalTests {
    func statuses(_ db: String) throws -> [LinkStatus] {
        let store = try AlignmentStore.open(at: db)
        return try store.links(pair: 1).map(\.status)
    }

    @Test("Open the seed pair, move, confirm, merge, undo, resize, quit: screen and store agree, terminal restored")
    func session() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        _ = try TestSupport.padan(["glossary", "add", "--db", db, "Amerika Serikat", "United States"])
        let tmux = try TmuxScreen(["review", "1", "--db", db])
        var screen = try tmux.waitFor("link 1 (1/14)")
        #expect(screen.contains("padan review · pair 1 · en → id"))
        #expect(screen.contains("▶ 1"))
        #expect(screen.contains(" │ "))
        try tmux.press("j", "j")
        try tmux.waitFor("link 3 (3/14)")
        try tmux.press("c")
        screen = try tmux.waitFor("link 4 (4/14)")
        #expect(screen.contains("confirmed link 3"))
        #expect(try statuses(db)[2] == .confirmed)
        try tmux.press("m")
        screen = try tmux.waitFor("link 4 (4/13)")
        #expect(try statuses(db).count == 13)
        try tmux.press("u")
        try tmux.waitFor("link 4 (4/14)")
        #expect(try statuses(db).count == 14)
        #expect(try statuses(db)[2] == .confirmed)
        // Glossary terms carry a style on both sides (underline).
        try tmux.type(":6")
        try tmux.press("Enter")
        screen = try tmux.waitFor("glossary term underlined", escapes: true) {
            $0.contains("\u{1B}[4") && $0.contains("link 6 (6/14)")
        }
        #expect(screen.contains("United States") && screen.contains("Amerika Serikat"))
        try tmux.resize(columns: 70, rows: 30)
        // tmux may show a frame half written: wait for the whole redrawn screen.
        screen = try tmux.waitFor("stacked layout") { screen in
            screen.contains(" EN ") && screen.contains(" ID ")
                && !screen.split(separator: "\n").dropLast().contains { $0.contains(" │ ") }
        }
        for line in screen.split(separator: "\n") { #expect(line.count <= 70) }
        #expect(screen.contains("link 6 (6/14)"))
        try tmux.resize(columns: 110, rows: 30)
        try tmux.waitFor("side by side again") { screen in
            screen.split(separator: "\n").dropLast().contains { $0.contains(" │ ") }
        }
        try tmux.press("q")
        screen = try tmux.waitFor("exit status and terminal mode") { $0.contains("ended:") && $0.contains("icanon") }
        #expect(screen.contains("ended:0"))
        #expect(!screen.contains("-icanon"), "terminal left in raw mode:\n\(screen)")
        let history = try TestSupport.padan(["history", "1", "--db", db])
        #expect(history.stdout.contains("confirmed"))
        #expect(history.stdout.contains("merge"))
    }

    @Test("Without a terminal, or with an unknown pair, review says why and exits 1")
    func refusals() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let piped = try TestSupport.padan(["review", "1", "--db", db])
        #expect(piped.status == 1)
        #expect(piped.stderr.contains("needs a terminal"))
        let tmux = try TmuxScreen(["review", "99", "--db", db])
        let screen = try tmux.waitFor("ended:1")
        #expect(screen.contains("no pair with id 99"))
    }

    @Test("Killed with SIGTERM: the terminal is restored, the exit status says so, and every shown edit is in the store")
    func killed() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db])
        try tmux.waitFor("link 1 (1/14)")
        try tmux.press("c", "c", "x")
        try tmux.waitFor("rejected link 3")
        kill(try tmux.padanPID(), SIGTERM)
        let screen = try tmux.waitFor("exit status and terminal mode") { $0.contains("ended:") && $0.contains("icanon") }
        #expect(screen.contains("ended:143"))
        #expect(!screen.contains("-icanon"), "terminal left in raw mode:\n\(screen)")
        #expect(try statuses(db).prefix(4) == [.confirmed, .confirmed, .rejected, .auto])
    }

    @Test("NO_COLOR and a non-UTF-8 locale: no colour codes, ASCII only, still usable")
    func plainTerminal() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db], environment: ["NO_COLOR": "1", "LANG": "C", "LC_ALL": "C"])
        let screen = try tmux.waitFor("link 1 (1/14)", escapes: true) { $0.contains("link 1 (1/14)") }
        #expect(screen.range(of: "\u{1B}\\[[0-9;]*3[1-6]m", options: .regularExpression) == nil)
        #expect(screen.contains("\u{1B}[") && screen.contains("7m"))  // reverse video is not colour
        let text = try tmux.screen()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("> 1") && text.contains(" | "))
        try tmux.press("q")
        try tmux.waitFor("ended:0")
    }

    @Test(
        "e edits the target in a real vi (Debian's, in the terminal's foreground); / searches; n goes to the least confident link"
    )
    func editorAndSearch() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db], environment: ["EDITOR": "vi", "VISUAL": ""])
        try tmux.waitFor("link 1 (1/14)")
        try tmux.type("/Kremlin")
        try tmux.press("Enter")
        var screen = try tmux.waitFor("“Kremlin” — n/N")
        #expect(screen.contains("n: “Kremlin”"))
        try tmux.type(":3")
        try tmux.press("Enter")
        try tmux.waitFor("link 3 (3/14)")
        try tmux.press("e")
        try tmux.waitFor(">8")  // vi shows the file, scissors line and all
        try tmux.type(":1s/Kremlin/KREMLIN/")
        try tmux.press("Enter")
        try tmux.type(":wq")
        try tmux.press("Enter")
        screen = try tmux.waitFor("edited target sentence")
        #expect(screen.contains("KREMLIN"))
        let store = try AlignmentStore.open(at: db)
        let third = try store.links(pair: 1)[2]
        #expect(third.targetText.contains("KREMLIN"))
        #expect(third.status == .edited)
        try tmux.press("Escape", "n")
        let lowest = try store.links(pair: 1).filter { $0.status == .auto }.min { $0.score < $1.score }
        let position = try #require(try store.links(pair: 1).firstIndex { $0.id == lowest?.id })
        try tmux.waitFor("(\(position + 1)/14)")
        try tmux.press("C-c")
        try tmux.waitFor("ended:0")
    }

    @Test("e edits in a real nano too (Debian's): typed text, Ctrl-O to write, Ctrl-X to leave; the screen comes back")
    func nanoEdits() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db], environment: ["EDITOR": "nano", "VISUAL": ""])
        try tmux.waitFor("link 1 (1/14)")
        try tmux.type(":3")
        try tmux.press("Enter")
        try tmux.waitFor("link 3 (3/14)")
        try tmux.press("e")
        try tmux.waitFor("^X Exit")  // nano's own key help: it has the terminal
        try tmux.type("Diberitakan, ")  // the cursor starts on the first line, the sentence
        try tmux.press("C-o")
        try tmux.waitFor("File Name to Write")
        try tmux.press("Enter")
        try tmux.press("C-x")
        let screen = try tmux.waitFor("edited target sentence")
        #expect(screen.contains("link 3 (3/14)"))
        let third = try AlignmentStore.open(at: db, access: .read).links(pair: 1)[2]
        #expect(third.targetText.hasPrefix("Diberitakan, \"Tentu saja"))
        #expect(third.status == .edited)
        try tmux.press("q")
        try tmux.waitFor("ended:0")
    }

    @Test("A refused edit reopens vi on the reviewer's own text with the reason; fixing it saves it")
    func refusedEditReopens() throws {
        let (db, _) = try TestSupport.cliStoreWithSeedPair()
        let tmux = try TmuxScreen(["review", "1", "--db", db], environment: ["EDITOR": "vi", "VISUAL": ""])
        try tmux.waitFor("link 1 (1/14)")
        try tmux.type(":3")
        try tmux.press("Enter")
        try tmux.waitFor("link 3 (3/14)")
        try tmux.press("e")
        try tmux.waitFor(">8")
        // Break the sentence in two lines: one line too many for a one-sentence side.
        try tmux.type(":1s/ kata /\\rkata /")
        try tmux.press("Enter")
        try tmux.type(":wq")
        try tmux.press("Enter")
        var screen = try tmux.waitFor("Not saved: keep one line per sentence")
        #expect(screen.contains("kata juru bicara"))  // the reviewer's own lines came back
        try tmux.type(":1,2j")
        try tmux.press("Enter")
        try tmux.type(":1s/Kremlin/KREMLIN/")
        try tmux.press("Enter")
        try tmux.type(":wq")
        try tmux.press("Enter")
        screen = try tmux.waitFor("edited target sentence")
        let third = try AlignmentStore.open(at: db, access: .read).links(pair: 1)[2]
        #expect(third.targetText.contains("dialog,\" kata juru bicara KREMLIN"))
        #expect(third.status == .edited)
        try tmux.press("q")
        try tmux.waitFor("ended:0")
    }
}
