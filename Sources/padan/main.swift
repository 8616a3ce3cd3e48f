import ArgumentParser
import CStandardStreams
import Foundation
import PadanCore
import PadanReview
import PadanStore
import PadanWorkbench

// Exit statuses: 0 ok, 1 a user error (bad arguments, bad input, unknown ids), 2 internal.

do {
    var command = try Padan.parseAsRoot()
    try command.run()
    try finishStandardOutput()
} catch let error as ExitCode where error == .success {
    fflush(nil)
    exit(0)
} catch let error as FindingsExit {
    fflush(nil)
    exit(error.status)
} catch {
    fflush(nil)
    let (message, status) = describe(error)
    if let message {
        Output.note(message)
    }
    exit(status)
}

/// Flushes standard output: a full disk or a closed file behind it is an error, never exit 0.
func finishStandardOutput() throws {
    let reason = standard_output_finish()
    if reason != 0 {
        throw WorkbenchError.writeFailed(
            "standard output", reason: reason > 0 ? String(cString: strerror(reason)) : "write error")
    }
}

/// The one-line message and exit status for an error that reached the top.
func describe(_ error: any Error) -> (String?, Int32) {
    switch error {
    case let error as StoreError:
        return ("padan: error: \(error.description)\n", error.isUserError ? 1 : 2)
    case let error as WorkbenchError:
        return ("padan: error: \(error.description)\n", 1)
    case let error as CLIError:
        return ("padan: error: \(error.description)\n", 1)
    case let error as ReviewTerminalError:
        return ("padan: error: \(error.description)\n", 1)
    case let error as NSError where error.domain == NSCocoaErrorDomain:
        // A Foundation file error that no use case named: say which file and why, in one line.
        let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? "a file"
        let reason = (error.userInfo[NSUnderlyingErrorKey] as? NSError).map { String(cString: strerror(Int32($0.code))) }
        return ("padan: error: \(path): \(reason ?? "cannot be read or written")\n", 1)
    default:
        let code = Padan.exitCode(for: error)
        let message = Padan.fullMessage(for: error)
        if code == .success {
            // Help and version text belong on standard output.
            if !message.isEmpty { print(message) }
            return (nil, 0)
        }
        if code == .validationFailure || code.rawValue == 64 || code == .failure {
            // One line: the reason and where the usage is, not the whole usage block.
            let reason = Padan.message(for: error).split(separator: "\n").first.map(String.init) ?? message
            let stripped = reason.hasPrefix("Error: ") ? String(reason.dropFirst(7)) : reason
            return ("padan: error: \(stripped) (see --help)\n", 1)
        }
        return ("padan: internal error: \(message)\n", 2)
    }
}
