import Foundation
import PadanWorkbench

/// Why the review screen could not run.
public enum ReviewTerminalError: Error, CustomStringConvertible {
    case notATerminal
    case terminalSetup(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "padan review needs a terminal on standard input and output; use `padan pairs list` or `padan export` in scripts"
        case .terminalSetup(let reason): "cannot set up the terminal: \(reason)"
        }
    }
}

/// The write end of the pipe that wakes the key loop: signal handlers may only do async-signal-safe
/// things, so they write the signal's number here and the loop acts on it. Set once before the
/// handlers are installed.
nonisolated(unsafe) private var wakePipeWriteEnd: Int32 = -1

/// The full-screen loop on a real terminal: raw mode on the alternate screen, keys in, frames
/// out, resize on SIGWINCH, and the terminal restored however it ends (q, Ctrl-C, SIGTERM,
/// SIGHUP when the terminal goes away). Every action was already written to the store when it
/// was shown, so ending at any moment loses nothing.
public final class ReviewTerminal {
    private let session: ReviewSession
    private let capabilities: TerminalCapabilities
    private var original = termios()
    private var wakeRead: Int32 = -1
    private var decoder = KeyDecoder()
    private var size = (columns: 80, rows: 24)

    public init(session: ReviewSession, capabilities: TerminalCapabilities) {
        self.session = session
        self.capabilities = capabilities
    }

    /// The pipe `ReviewSession`'s background checks should poke when they finish.
    public static func makeWakePipe() throws -> (read: Int32, wake: @Sendable () -> Void) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw ReviewTerminalError.terminalSetup(String(cString: strerror(errno))) }
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        wakePipeWriteEnd = ends[1]
        let writeEnd = ends[1]
        return (
            ends[0],
            {
                var byte: UInt8 = 0; _ = write(writeEnd, &byte, 1)
            }
        )
    }

    /// How a review ended.
    public enum Ending: Equatable, Sendable {
        /// `q` or Ctrl-C.
        case quit
        /// SIGTERM, SIGHUP, SIGINT or SIGQUIT arrived.
        case signal(Int32)
        /// Standard input closed or failed: the terminal went away.
        case terminalGone
    }

    /// Runs until the reviewer quits or the terminal goes away.
    @discardableResult
    public func run(wakeRead: Int32) throws -> Ending {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw ReviewTerminalError.notATerminal }
        self.wakeRead = wakeRead
        guard tcgetattr(STDIN_FILENO, &original) == 0 else {
            throw ReviewTerminalError.terminalSetup(String(cString: strerror(errno)))
        }
        installSignalHandlers()
        enterScreen()
        defer {
            session.savePosition()
            leaveScreen()
        }
        return loop()
    }

    /// Milliseconds between looks at a bulk action's progress and at other reviewers' edits.
    static let tick: Int32 = 200

    private func loop() -> Ending {
        var dirty = true
        var nextLook = Date().addingTimeInterval(Double(Self.tick) / 1000)
        while true {
            // Keys arriving without pause never let the poll below time out: look here too.
            if Date() >= nextLook {
                nextLook = Date().addingTimeInterval(Double(Self.tick) / 1000)
                dirty = session.pollOutsideChanges() || dirty
            }
            if dirty {
                draw()
                dirty = false
            }
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            // A few times a second: a bulk action's progress line, or other reviewers' edits.
            let ready = poll(&fds, 2, Self.tick)
            if ready == 0 {
                dirty = dirty || session.runningJob != nil
                continue
            }
            if ready < 0 {
                if errno == EINTR { continue }
                return .terminalGone
            }
            if fds[1].revents != 0 {
                for signal in drainWakePipe() {
                    switch signal {
                    case SIGWINCH: dirty = true
                    case SIGTERM, SIGHUP, SIGINT, SIGQUIT: return .signal(signal)
                    default:
                        dirty = session.collectFindings() || dirty
                        dirty = session.collectJob() || dirty
                    }
                }
            }
            if fds[0].revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count <= 0 {
                    if count < 0, errno == EINTR || errno == EAGAIN { continue }
                    return .terminalGone
                }
                for key in decoder.feed(Array(buffer[0..<count])) {
                    switch session.handle(key) {
                    case .none: break
                    case .quit: return .quit
                    case .suspend: suspend()
                    case .editTarget(let linkID, let version, let ordinals, let sentences):
                        editExternally(linkID: linkID, version: version, ordinals: ordinals, sentences: sentences)
                    }
                }
                dirty = true
            } else if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                return .terminalGone
            }
        }
    }

    private func draw() {
        size = Self.terminalSize()
        let lines = session.frame(columns: size.columns, rows: size.rows, capabilities: capabilities)
        var output = "\u{1B}[?2026h"  // synchronized update where supported: no tearing
        for (row, line) in lines.enumerated() {
            output += "\u{1B}[\(row + 1);1H" + line
        }
        output += "\u{1B}[?2026l"
        writeAll(output)
    }

    /// Columns and rows of the terminal (80×24 when it will not say).
    static func terminalSize() -> (columns: Int, rows: Int) {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            return (Int(size.ws_col), Int(size.ws_row))
        }
        return (80, 24)
    }

    // MARK: Terminal modes

    private func enterScreen() {
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        // Alternate screen, hidden cursor, no line wrap at the last column, bracketed paste.
        writeAll("\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l\u{1B}[?2004h\u{1B}[2J")
    }

    private func leaveScreen() {
        writeAll("\u{1B}[0m\u{1B}[?2004l\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l")
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
    }

    private func writeAll(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(STDOUT_FILENO, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return  // the terminal is gone; the store already holds everything
            }
            offset += written
        }
    }

    /// Ctrl-Z: the terminal goes back to the shell as it was, the process stops as a job does, and
    /// `fg` brings the screen back.
    private func suspend() {
        session.savePosition()
        leaveScreen()
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        // Continued (`fg`): the shell may have changed the terminal's modes meanwhile.
        _ = tcgetattr(STDIN_FILENO, &original)
        enterScreen()
    }

    // MARK: Signals

    private func installSignalHandlers() {
        for signalNumber in [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            var action = sigaction()
            #if os(Linux)
                action.__sigaction_handler.sa_handler = { number in
                    var byte = UInt8(truncatingIfNeeded: number)
                    _ = write(wakePipeWriteEnd, &byte, 1)
                }
            #else
                action.__sigaction_u.__sa_handler = { number in
                    var byte = UInt8(truncatingIfNeeded: number)
                    _ = write(wakePipeWriteEnd, &byte, 1)
                }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
        // A parent may have started us with signals blocked (a thread pool's threads block them,
        // and a spawned child inherits the mask): the screen needs these to arrive, and Ctrl-Z's
        // SIGTSTP to stop us.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for signalNumber in [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT] { sigaddset(&wanted, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
    }

    /// The signal numbers (or 0 for a background wake-up) waiting in the pipe.
    private func drainWakePipe() -> [Int32] {
        var signals: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(wakeRead, &buffer, buffer.count)
            if count <= 0 { break }
            signals += buffer[0..<count].map { Int32($0) }
        }
        return signals
    }

    // MARK: External editor

    /// Hands the terminal to the reviewer's editor (`$VISUAL`, `$EDITOR`, else `vi`) on a file of
    /// the target sentences, one a line, then saves what changed. A refused answer (a line too
    /// many, an empty sentence) reopens the editor on the reviewer's own text with the reason, as
    /// `git commit` does; an editor that fails or quits unchanged after a refusal leaves the link
    /// as it was and the text in its file, whose path the status line gives.
    private func editExternally(linkID: Int64, version: Int, ordinals: Range<Int>, sentences: [String]) {
        let editor = ExternalEditor.command()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("padan-link-\(linkID)-\(getpid()).txt").path
        var lines = sentences
        var refusal: String?
        var keepFile = false
        defer { if !keepFile { try? FileManager.default.removeItem(atPath: path) } }
        while true {
            let document = EditorDocument.render(lines, expected: sentences.count, side: "target", refusal: refusal)
            guard FileManager.default.createFile(atPath: path, contents: Data(document.utf8)) else {
                return session.abandonEdit("cannot write \(path)")
            }
            leaveScreen()
            let outcome = ExternalEditor.run(editor, on: path)
            enterScreen()
            forwardPendingSignals()
            let answer = (try? TextInput.read(path)).map(EditorDocument.parse)
            switch outcome {
            case .failure(let failure):
                keepFile = refusal != nil
                return session.abandonEdit(failure.reason + (keepFile ? "; your text is in \(path)" : ""))
            case .success(let status) where status != 0:
                keepFile = answer != nil && answer != sentences
                return session.abandonEdit(
                    "\(editor) exited with status \(status)" + (keepFile ? "; your text is in \(path)" : ""))
            case .success:
                guard let answer else { return session.abandonEdit("the edited file is not UTF-8 text; it is in \(path)") }
                if refusal != nil && answer == lines {
                    keepFile = true
                    return session.abandonEdit("\(refusal ?? "") — your text is in \(path)")
                }
                switch session.finishEdit(
                    linkID: linkID, version: version, ordinals: ordinals, original: sentences, lines: answer)
                {
                case .refused(let reason, let kept):
                    refusal = reason
                    lines = kept
                case .saved, .unchanged, .failed:
                    return
                }
            }
        }
    }

    /// Ctrl-C and resizes while the editor ran were the editor's; a SIGTERM or SIGHUP still ends
    /// the review, and a background wake-up is kept.
    private func forwardPendingSignals() {
        let pending = drainWakePipe()
        if pending.contains(SIGTERM) || pending.contains(SIGHUP) { _ = write(wakePipeWriteEnd, [UInt8(SIGTERM)], 1) }
        if pending.contains(0) { _ = write(wakePipeWriteEnd, [UInt8(0)], 1) }
    }
}
