import Foundation
import PadanStore
import Testing

@Suite("Output paths never destroy what is there, and write errors are one line")
struct OutputSafetyTests {
    typealias T = TestSupport

    @Test(
        "-o naming a folder is refused and the folder keeps all its contents",
        arguments: [["export", "1", "--format", "tmx"], ["glossary", "export", "--format", "tbx"]])
    func folderIsRefused(command: [String]) throws {
        let (db, directory) = try T.cliStoreWithSeedPair()
        let folder = directory + "/d"
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try "keep".write(toFile: folder + "/sub/keep", atomically: true, encoding: .utf8)
        let run = try T.padan(command + ["-o", folder, "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is a folder"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try T.read(folder + "/sub/keep") == "keep")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).allSatisfy { !$0.contains("padan-tmp") })
    }

    @Test("A device is written, never replaced: /dev/full gives 'No space left on device' and stays a device")
    func deviceIsWrittenDirectly() throws {
        let (db, _) = try T.cliStoreWithSeedPair()
        let run = try T.padan(["export", "1", "--format", "tmx", "-o", "/dev/full", "--db", db])
        #expect(run.status == 1)
        #expect(run.stderr.contains("No space left on device"))
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
        #expect(try T.padan(["export", "1", "--format", "tmx", "-o", "/dev/null", "--db", db]).status == 0)
    }

    @Test(
        "A full standard output is an error with one line and exit 1, never a crash or exit 0",
        arguments: [["export", "1", "--format", "tmx", "-o", "-"], ["pairs", "list", "1"], ["pairs", "list", "1", "--json"]])
    func fullStandardOutput(command: [String]) throws {
        let (db, _) = try T.cliStoreWithSeedPair()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let run = try T.padan(command + ["--db", db], standardOutput: full)
        #expect(run.status == 1)
        #expect(run.stderr == "padan: error: cannot write standard output: No space left on device\n")
    }

    @Test("A pipe (FIFO) is written directly")
    func fifo() throws {
        let (db, directory) = try T.cliStoreWithSeedPair()
        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        let run = try T.padan(["export", "1", "--format", "jsonl", "-o", fifo, "--db", db])
        let data = out.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(String(decoding: data, as: UTF8.self).split(separator: "\n").count == 14)
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("An existing file is replaced whole, keeping its permissions; a missing folder is named")
    func replacesRegularFile() throws {
        let (db, directory) = try T.cliStoreWithSeedPair()
        let out = directory + "/out.tsv"
        try "old".write(toFile: out, atomically: true, encoding: .utf8)
        #expect(chmod(out, 0o640) == 0)
        #expect(try T.padan(["export", "1", "--format", "tsv", "-o", out, "--db", db]).status == 0)
        #expect(try T.read(out).hasPrefix("source\ttarget"))
        var status = stat()
        #expect(stat(out, &status) == 0 && status.st_mode & 0o777 == 0o640)
        let missing = try T.padan(["export", "1", "--format", "tsv", "-o", directory + "/no/such/x.tsv", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"))
    }

    @Test(
        "SIGINT or SIGTERM during a long export leaves the old file as it was and no temporary file",
        arguments: [SIGINT, SIGTERM])
    func interruptedExport(signal: Int32) throws {
        let directory = try T.temporaryDirectory()
        let db = directory + "/big.db"
        let store = try AlignmentStore.create(at: db)
        _ = try SyntheticPair.add(to: store, count: 100_000)
        let out = directory + "/out.tmx"
        try "previous export".write(toFile: out, atomically: true, encoding: .utf8)
        let export = Process()
        export.executableURL = URL(fileURLWithPath: T.binary)
        export.arguments = ["export", "1", "--format", "tmx", "-o", out, "--db", db]
        export.standardError = FileHandle.nullDevice
        try export.run()
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("padan-tmp") }
        }
        // The temporary file exists from before the first link is read until the rename.
        while export.isRunning, try temporaries().isEmpty { usleep(2_000) }
        #expect(export.isRunning, "the export ended before it could be interrupted")
        kill(export.processIdentifier, signal)
        export.waitUntilExit()
        #expect(export.terminationReason == .uncaughtSignal)
        #expect(try temporaries().isEmpty)
        #expect(try T.read(out) == "previous export")
    }

    @Test("A store write that runs out of space is one line and exit 1; the store keeps what it had")
    func storeWriteOnFullDisk() throws {
        let directory = try T.temporaryDirectory()
        let db = directory + "/padan.db"
        #expect(try T.padan(["init", "--db", db]).status == 0)
        let before = try AlignmentStore.open(at: db, access: .read).rowCounts()
        // A file size limit is a full disk that needs no privileges: writes past it fail with EFBIG.
        let (status, message) = try T.bash(
            "trap '' XFSZ; ulimit -f 40; exec \"$0\" add --db \"$1\" \"$2\" \"$3\"",
            arguments: [T.binary, db, T.seedSource, T.seedTarget])
        #expect(status == 1, "\(message)")
        #expect(message.hasPrefix("padan: error: cannot write \(db)") || message.contains("no space left"), "\(message)")
        #expect(message.split(separator: "\n").count == 1)
        #expect(try AlignmentStore.open(at: db, access: .read).rowCounts() == before)
    }
}
