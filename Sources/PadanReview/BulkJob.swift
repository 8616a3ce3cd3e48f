import Foundation
import PadanStore
import Synchronization

/// A bulk edit (`C` over many links, `R`) run on a thread of its own, so the screen keeps
/// drawing and taking keys while the store works; its outcome is collected on the key loop's
/// thread, the only one that touches the session.
final class BulkJob: Sendable {
    /// What the status line says while it runs.
    let title: String
    let started: Date
    private let outcome = Mutex<Result<EditSummary?, any Error>?>(nil)

    /// Starts `work` at once; `wake` pokes the key loop when it is done.
    init(title: String, wake: (@Sendable () -> Void)?, work: @escaping @Sendable () throws -> EditSummary?) {
        self.title = title
        started = Date()
        let thread = Thread { [self] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
            wake?()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// The outcome once the work has finished (once), else nil.
    func take() -> Result<EditSummary?, any Error>? {
        outcome.withLock { value in
            defer { value = nil }
            return value
        }
    }

    /// Waits for the work to finish (tests, and a session without a key loop).
    func wait() -> Result<EditSummary?, any Error> {
        while true {
            if let result = take() { return result }
            usleep(1_000)
        }
    }
}
