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

/// Counts, pair after pair on a background thread, the links with QA findings that the pair
/// list shows, starting at the pair under the cursor; a store of many pairs opens its list at
/// once and fills the column in as the counts come.
final class PairFindingCounts: Sendable {
    private struct State {
        var counts: [Int64: Int] = [:]
        var fresh = false
        var stopped = false
    }

    /// Wakes the screen at most this often while counting.
    static let wakeInterval = 0.1
    private let state = Mutex(State())

    /// Starts counting `pairIDs` in their order; with no `wake` (no key loop) counts them here.
    init(store: AlignmentStore, pairIDs: [Int64], wake: (@Sendable () -> Void)?) {
        guard let wake else {
            count(store: store, pairIDs: pairIDs, wake: {})
            return
        }
        let thread = Thread { [self] in count(store: store, pairIDs: pairIDs, wake: wake) }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Stops counting after the pair being counted.
    func stop() { state.withLock { $0.stopped = true } }

    /// Every count so far, when some arrived since the last call; else nil.
    func take() -> [Int64: Int]? {
        state.withLock { state in
            guard state.fresh else { return nil }
            state.fresh = false
            return state.counts
        }
    }

    private func count(store: AlignmentStore, pairIDs: [Int64], wake: @Sendable () -> Void) {
        var lastWake = Date.distantPast
        for id in pairIDs {
            // A pair that cannot be checked (removed meanwhile) keeps no count; the others go on.
            let links = (try? Workbench.check(store: store, pairID: id)).map { Set($0.map(\.link)).count }
            let stopped = state.withLock { state -> Bool in
                if let links {
                    state.counts[id] = links
                    state.fresh = true
                }
                return state.stopped
            }
            if stopped { return }
            if Date().timeIntervalSince(lastWake) >= Self.wakeInterval {
                lastWake = Date()
                wake()
            }
        }
        wake()
    }
}
