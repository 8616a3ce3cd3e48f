import ArgumentParser
import CStandardStreams
import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

struct Padan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "padan",
        abstract: "Align Indonesian translations with their English originals, review and export them.",
        discussion: """
            The store is one SQLite file (./padan.db, or --db PATH, or the PADAN_DB environment variable) or a PostgreSQL database (--db postgresql://…). \
            When another process is writing to it, a command waits up to PADAN_BUSY_TIMEOUT seconds (10).
            Exit status: 0 ok, 1 user error (bad arguments or input, unknown ids), 2 internal error.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Add.self, Import.self, Segment.self, Align.self, PairDocs.self, Pairs.self, Sentences.self, Undo.self,
            Redo.self, Review.self, Users.self, StoreCommand.self, Work.self, Queue.self, Fetch.self,
            History.self,
            Check.self, Glossary.self, LexiconCommand.self, Export.self, Eval.self, Demo.self, Bench.self,
        ]
    )
}

/// A user error raised by the CLI itself.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Exit with a status without an error message (e.g. `check` found problems).
struct FindingsExit: Error { var status: Int32 }

/// `--db PATH|URI`, shared by every command that uses the store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: an SQLite file, or a PostgreSQL URI (postgresql://[user@][host][:port]/dbname[?host=/socket/dir]); default $PADAN_DB or ./padan.db.",
            valueName: "path|uri"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Who edits: a user of the store (default $PADAN_USER, else the PostgreSQL role or the login name).",
            valueName: "name"))
    var user: String?

    /// What `--db`, else `PADAN_DB`, else `./padan.db` names.
    var location: StoreLocation {
        if let db { return StoreLocation(db) }
        if let environment = ProcessInfo.processInfo.environment["PADAN_DB"], !environment.isEmpty {
            return StoreLocation(environment)
        }
        return .file("padan.db")
    }

    /// Opens the store for edits.
    func open() throws -> AlignmentStore { try AlignmentStore.open(location, access: .write, user: user) }

    /// Opens the store read-only: a command that only reads never writes nor waits for a writer.
    func openForReading() throws -> AlignmentStore { try AlignmentStore.open(location, access: .read, user: user) }
}

/// Printing helpers: JSON with stable key order, and whether colour is allowed.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let data = try jsonEncoder.encode(value)
        print(String(decoding: data, as: UTF8.self))
    }

    /// The one JSON style of every command: keys sorted, slashes as they are.
    static var jsonEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static var colorEnabled: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) != 0
    }

    static func score(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Writes `text` to standard error as it is (progress, notes, error lines). A failing standard
    /// error has nowhere to be reported, so it is ignored rather than allowed to crash.
    static func note(_ text: String) {
        var text = text
        text.withUTF8 { standard_error_write($0.baseAddress, UInt($0.count)) }
    }

    static func terminalWidth(default fallback: Int = 100) -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        return fallback
    }
}

/// Parses a language code option: two or three letters, optionally a region.
/// Ids read from standard input, one per line or space-separated (a shell and the argument
/// parser both slow down with a hundred thousand arguments, a pipe does not).
/// - Parameters:
///   - noun: what the ids name, for the error (`link`, `term`).
///   - marker: a character an id may be written after (`#12`).
/// - Throws: `CLIError` naming the first word that is no id.
func standardInputIDs(_ noun: String, marker: Character? = nil) throws -> [Int64] {
    try TextInput.read("-").split(whereSeparator: { $0.isWhitespace || $0.isNewline }).map { word in
        let digits = marker.map { word.first == $0 } == true ? word.dropFirst() : word
        guard let id = Int64(digits) else { throw CLIError("not a \(noun) id on standard input: \(word)") }
        return id
    }
}

func languageCode(_ value: String) throws -> String {
    let code = value.lowercased()
    guard !code.isEmpty, code.count <= 12, code.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else {
        throw CLIError("invalid language code '\(value)'; use a code such as en, id, de, fr")
    }
    return code
}

/// `--expect LINK:VERSION`, for edits made from what a reviewer read earlier: the edit is refused
/// if the link has changed since (another reviewer's work is never overwritten).
struct ExpectOptions: ParsableArguments {
    @Option(
        name: .customLong("expect"),
        help: ArgumentHelp(
            "Refuse the edit unless LINK is still at VERSION (as `pairs list --json` or `pairs show` printed it). Repeatable.",
            valueName: "link:version"))
    var expectations: [String] = []

    func versions() throws -> [Int64: Int] {
        var versions: [Int64: Int] = [:]
        for expectation in expectations {
            let parts = expectation.split(separator: ":")
            guard parts.count == 2, let link = Int64(parts[0]), let version = Int(parts[1]) else {
                throw CLIError("invalid --expect \(expectation); use LINK:VERSION, e.g. 12:3")
            }
            versions[link] = version
        }
        return versions
    }
}
