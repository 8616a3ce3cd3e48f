import Foundation
import PadanCore
import PadanStore
import PadanWorkbench
import Synchronization

/// Runs `padan check` on the pair on a background thread, so a pair of 100,000 links opens at
/// once and keystrokes never wait for it. Asked again while running, it runs once more after.
final class BackgroundChecks: Sendable {
    private struct State {
        var running = false
        var again = false
        var result: [Finding]?
        var failure: String?
    }

    private let store: AlignmentStore
    private let pairID: Int64
    private let wake: @Sendable () -> Void
    private let state = Mutex(State())

    init(store: AlignmentStore, pairID: Int64, wake: @escaping @Sendable () -> Void) {
        self.store = store
        self.pairID = pairID
        self.wake = wake
    }

    /// Starts a run, or queues one after the current run.
    func request() {
        let start = state.withLock { state -> Bool in
            if state.running {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        if start { spawn() }
    }

    /// The newest findings, once per run; nil when no run finished since the last call.
    func take() -> Result<[Finding], CheckFailure>? {
        state.withLock { state in
            if let failure = state.failure {
                state.failure = nil
                return .failure(CheckFailure(message: failure))
            }
            defer { state.result = nil }
            return state.result.map { .success($0) }
        }
    }

    struct CheckFailure: Error { var message: String }

    private func spawn() {
        let thread = Thread { [self] in
            while true {
                let outcome = Result { try Workbench.check(store: store, pairID: pairID) }
                let again = state.withLock { state -> Bool in
                    switch outcome {
                    case .success(let findings): state.result = findings
                    case .failure(let error): state.failure = "\(error)"
                    }
                    if state.again {
                        state.again = false
                        return true
                    }
                    state.running = false
                    return false
                }
                wake()
                if !again { break }
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
}
