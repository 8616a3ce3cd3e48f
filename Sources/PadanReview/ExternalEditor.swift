import Foundation
import PadanCore

/// The reviewer's own editor (`$VISUAL`, else `$EDITOR`, else `vi`), run on a file in the
/// foreground of the terminal.
///
/// The editor is spawned into Padan's own process group, which is the terminal's foreground
/// group: Foundation's `Process` starts children in a group of their own, which makes an
/// interactive editor a background job that the terminal stops (SIGTTIN) or refuses (EIO).
/// Signal handlers and the signal mask are reset in the child, so Ctrl-C and Ctrl-Z belong to
/// the editor while it runs.
enum ExternalEditor {
    /// The editor command line, as the shell will read it (it may carry options: `emacs -nw`).
    static func command(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
            ?? "vi"
    }

    /// Runs `editor` on `path` and waits for it.
    /// - Returns: the editor's exit status, or why it could not start.
    static func run(_ editor: String, on path: String) -> Result<Int32, EditorFailure> {
        let arguments = ["/bin/sh", "-c", "\(editor) \"$1\"", "padan-edit", path]
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGCHLD] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, cArguments, environ)
        guard spawned == 0 else {
            return .failure(EditorFailure(reason: "cannot run \(editor): \(String(cString: strerror(spawned)))"))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .failure(EditorFailure(reason: "lost \(editor): \(String(cString: strerror(errno)))")) }
        }
        // WIFEXITED / WEXITSTATUS, spelled out: the C macros do not reach Swift.
        if status & 0x7F == 0 { return .success((status >> 8) & 0xFF) }
        return .failure(EditorFailure(reason: "\(editor) ended by signal \(status & 0x7F)"))
    }
}

/// Why the editor gave nothing back.
struct EditorFailure: Error, Equatable {
    var reason: String
}

/// The file a reviewer edits: one sentence a line, and below git's scissors line a note that says
/// how many lines to keep and, after a refused save, why it was refused. Nothing below the
/// scissors is read back, so a sentence may start with `#`.
enum EditorDocument {
    static let scissors = "# ------------------------ >8 ------------------------"

    /// The file's text for `lines`, with the instructions and an optional reason for a refusal.
    static func render(_ lines: [String], expected: Int, side: String, refusal: String? = nil) -> String {
        var text = lines.joined(separator: "\n") + "\n\n" + scissors + "\n"
        if let refusal { text += "# Not saved: \(refusal)\n" }
        text += "# Edit the \(side) text: one sentence a line (\(expected) line\(expected == 1 ? "" : "s")).\n"
        text += "# Everything from the line above down is ignored. Quit without saving, or exit with an\n"
        text += "# error (:cq in vi), to leave the link as it was.\n"
        return text
    }

    /// The sentences above the scissors, trimmed, trailing empty lines dropped.
    static func parse(_ text: String) -> [String] {
        var lines: [String] = []
        for line in text.lines() {
            if line.hasPrefix(scissors) { break }
            lines.append(line.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
