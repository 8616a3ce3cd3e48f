import ArgumentParser
import Foundation
import PadanReview

struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review a pair full-screen: move, confirm, reject, merge, split, edit, undo.",
        discussion: """
            Keys (press ? on the screen for all): j/k next/previous link (5j: five), J/K page, g/G first/last, \
            :ID go to link ID (the gutter shows store link ids, as every command does), :#N to the N-th link, \
            n/N next/previous link needing review (least confident first) or search match, / search both languages, \
            ]u/[u next/previous unconfirmed, c or Space confirm, C confirm all unreviewed links above, x reject, \
            m merge with next, s split, e edit the target in $VISUAL/$EDITOR (vi), R re-align from here, u/r (Ctrl-R) \
            undo/redo, Ctrl-Z suspend, q, ZZ or :q quit. C and R say how many links they touch and ask first; a paste \
            goes into the prompt it was made in and never runs keys. Reopening a pair resumes where you left it. \
            Without PAIR the list of pairs opens (Enter opens one); ]p/[p go to the next/previous pair, P back to the list.

            Every action is saved at once as one edit in the store's history (padan history, padan undo). \
            Exit status: 0 on q or Ctrl-C, 128+N when ended by signal N (the terminal is restored either way). \
            Colour follows NO_COLOR; a locale that is not UTF-8 gets ASCII.
            """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The pair id (see `padan pairs list`); without it, the list of pairs opens first.") var pair: Int64?
    @Option(help: "Open at this link id (default: where you left the pair last, else its first link).") var at: Int64?

    func run() throws {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw ReviewTerminalError.notATerminal }
        let opened = try store.open()
        let (wakeRead, wake) = try ReviewTerminal.makeWakePipe()
        let session = try ReviewSession(store: opened, pairID: pair, startLink: at, wake: wake)
        let capabilities = TerminalCapabilities(environment: ProcessInfo.processInfo.environment)
        let ending = try ReviewTerminal(session: session, capabilities: capabilities).run(wakeRead: wakeRead)
        // Ended by a signal: the terminal is restored and every edit saved; exit as the shell expects.
        if case .signal(let number) = ending { throw FindingsExit(status: 128 + number) }
    }
}
