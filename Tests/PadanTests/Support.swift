import Foundation
import PadanCore
import PadanWorkbench

@testable import PadanStore

/// Paths and process helpers shared by the tests.
enum TestSupport {
    /// The package root (this file is Tests/PadanTests/Support.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The gold sets the tests use, shipped in the repository (`Tests/Fixtures/gold`, sources and
    /// licences in its README): a fresh clone needs nothing beside it.
    static func goldPath(_ relative: String) -> String { rootPath("Tests/Fixtures/gold/" + relative) }
    static func rootPath(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The scores of the gold folder at `folder` aligned with the default settings and with one
    /// step changed by `change` (usually switched off): what a test of a step's worth compares.
    static func scores(of folder: String, changing change: (inout AlignerConfiguration) -> Void) throws -> (
        defaults: AlignmentScore, changed: AlignmentScore
    ) {
        var changed = AlignerConfiguration()
        change(&changed)
        return (
            try GoldEvaluation.run(folder: folder, endToEnd: false).score,
            try GoldEvaluation.run(folder: folder, endToEnd: false, configuration: changed).score
        )
    }

    /// The `padan` binary: $PADAN_BIN (set by `make test`), else the debug build.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["PADAN_BIN"], !path.isEmpty { return path }
        return rootPath(".build/debug/padan")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary with `arguments`, optional standard input, in `directory`.
    static func padan(
        _ arguments: [String], stdin: Data? = nil, directory: String? = nil, environment: [String: String] = [:],
        standardOutput: FileHandle? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "PADAN_DB")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = standardOutput ?? out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin {
            // The child may stop reading early (an input over its limit): a closed pipe is then an
            // error to ignore, not a SIGPIPE that ends the test run.
            signal(SIGPIPE, SIG_IGN)
            try? input.fileHandleForWriting.write(contentsOf: stdin)
        }
        try input.fileHandleForWriting.close()
        if standardOutput != nil { try out.fileHandleForWriting.close() }
        // Read both pipes before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `script` with bash (`arguments` as $0, $1, …) in `directory`; its exit status and
    /// standard error (standard output is dropped).
    static func bash(
        _ script: String, arguments: [String] = [], directory: String? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, stderr: String) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", script] + arguments
        if let directory { shell.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = "1"
        variables.removeValue(forKey: "PADAN_DB")
        for (key, value) in environment { variables[key] = value }
        shell.environment = variables
        let err = Pipe()
        shell.standardError = err
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        return (shell.terminationStatus, message)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("padan-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A new store (opened in this process) holding the bundled pair.
    static func storeWithSeedPair(_ backend: Backend = .sqlite) throws -> (store: AlignmentStore, pair: Int64) {
        let store = try freshStore(backend)
        let added = try Workbench.addPair(
            store: store, sourcePath: seedSource, targetPath: seedTarget, sourceLanguage: "en", targetLanguage: "id")
        return (store, added.pairID)
    }

    /// A new store made through the CLI (`init`, `add`) holding the bundled pair: its path and folder.
    static func cliStoreWithSeedPair(_ backend: Backend = .sqlite) throws -> (db: String, directory: String) {
        let directory = try temporaryDirectory()
        let db = try emptyDatabase(backend, in: directory)
        _ = try padan(["init", "--db", db])
        _ = try padan(["add", "--db", db, seedSource, seedTarget])
        return (db, directory)
    }

    static let seedTarget = rootPath("corpora/tempo-2021-01-24-putin-biden.id.txt")
    static let seedSource = rootPath("corpora/reuters-2021-01-24-putin-biden.en.txt")

    /// The gold alignment of the bundled pair, read from corpora/README.md.
    static func corpusGold() throws -> [(source: [Int], target: [Int])] {
        let readme = try read(rootPath("corpora/README.md"))
        guard let start = readme.range(of: "## Gold alignment") else { return [] }
        return readme[start.upperBound...].split(separator: "\n").compactMap { line in
            line.hasPrefix("[") ? LadderLine.parse(line) : nil
        }
    }
}

enum LadderLine {
    static func parse(_ line: Substring) -> (source: [Int], target: [Int])? {
        let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        func numbers(_ part: Substring) -> [Int] {
            part.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",").compactMap { Int($0) }
        }
        return (numbers(parts[0]), numbers(parts[1]))
    }
}

/// The two store backends: every store test runs on both (the conformance suite).
enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    var description: String { rawValue }
}

/// A PostgreSQL database of its own for one test, on the throwaway cluster `make test` starts
/// (`scripts/with-postgres.sh` sets `PADAN_TEST_POSTGRES`). It goes with the cluster.
struct ScratchPostgres {
    let uri: String

    init() throws {
        guard let server = ProcessInfo.processInfo.environment["PADAN_TEST_POSTGRES"] else {
            throw ScratchPostgresMissing()
        }
        let name = "padan_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try PostgresConnection(uri: server)
        try admin.query("CREATE DATABASE \(name)")
        uri = server.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
    }
}

struct ScratchPostgresMissing: Error, CustomStringConvertible {
    var description: String {
        "PADAN_TEST_POSTGRES is not set: run the tests with `make test` (it starts a throwaway PostgreSQL cluster)"
    }
}

extension TestSupport {
    /// Where a new store of `backend` may be made: a file path in a new folder, or the URI of a
    /// new, empty PostgreSQL database.
    static func emptyDatabase(_ backend: Backend, in directory: String? = nil) throws -> String {
        switch backend {
        case .sqlite: return (try directory ?? temporaryDirectory()) + "/padan.db"
        case .postgres: return try ScratchPostgres().uri
        }
    }

    /// A store made by `ana` (its first admin) with the bundled pair, and the users budi and
    /// cita (editors) and sari (supervisor), made through the CLI.
    static func teamStore(_ backend: Backend) throws -> String {
        let db = try emptyDatabase(backend)
        for arguments in [
            ["init", "--user", "ana"], ["add", seedSource, seedTarget, "--user", "ana"],
            ["users", "add", "budi", "--role", "editor", "--user", "ana"],
            ["users", "add", "cita", "--role", "editor", "--user", "ana"],
            ["users", "add", "sari", "--role", "supervisor", "--user", "ana"],
        ] {
            let run = try padan(arguments + ["--db", db])
            guard run.status == 0 else { throw SetupFailure(description: "\(arguments): \(run.stderr)") }
        }
        return db
    }

    struct SetupFailure: Error, CustomStringConvertible { var description: String }

    /// A new, empty store of `backend`, opened in this process.
    static func freshStore(_ backend: Backend) throws -> AlignmentStore {
        try AlignmentStore.create(StoreLocation(try emptyDatabase(backend)))
    }

    /// Opens the store at `db` (a path or a URI).
    static func open(_ db: String, access: StoreAccess = .write, user: String? = nil) throws -> AlignmentStore {
        try AlignmentStore.open(StoreLocation(db), access: access, user: user)
    }
}
