import Foundation
import Testing

/// Every command, the same way on both backends: the same output, the same errors (one line,
/// the same exit status) and the same `--json` shapes.
@Suite("The CLI on SQLite and on PostgreSQL: the same output, errors and JSON")
struct BackendConformanceTests {
    /// A sequence of commands a user runs, in order ("{out}" is an output folder of the run).
    static let commands: [[String]] = [
        ["init"], ["add", TestSupport.seedSource, TestSupport.seedTarget],
        ["add", TestSupport.seedSource, TestSupport.seedTarget, "--json"],
        ["pairs", "list"], ["pairs", "list", "--json"], ["pairs", "list", "1", "--json"],
        ["pairs", "list", "1", "--below", "0.6"],
        ["pairs", "show", "8", "--json"], ["pairs", "confirm", "1", "2", "3"], ["pairs", "reject", "4", "--expect", "4:7"],
        ["pairs", "reject", "4", "--expect", "4:1", "--comment", "not a translation"], ["pairs", "merge", "13", "14"],
        ["pairs", "merge", "1", "9"], ["pairs", "split", "13", "--source-at", "15", "--target-at", "13"],
        ["pairs", "relink", "1", "--source", "4", "--target", "4"], ["pairs", "shift", "10", "--side", "target", "--down"],
        [
            "pairs", "edit", "9", "--target",
            "Menurut Peskov, jika pemerintah Amerika Serikat kini siap berdialog, Rusia akan menyambutnya.",
        ],
        ["pairs", "realign", "1"], ["sentences", "merge", "23", "24"], ["sentences", "split", "23", "--at", "106"],
        ["sentences", "split", "99999", "--at", "3"], ["check", "1", "--json"], ["glossary", "add", "juru bicara", "spokesman"],
        ["glossary", "import", TestSupport.rootPath("glossary/seed-glossary.tsv")], ["glossary", "list"],
        ["glossary", "remove", "juru bicara"], ["glossary", "remove", "no such term"],
        ["glossary", "approve", "Kremlin", "--json"], ["glossary", "deprecate", "AS", "--comment", "spell it out"],
        ["glossary", "edit", "Gedung Putih", "--note", "the presidency"], ["glossary", "propose", "--min-count", "2", "--json"],
        ["glossary", "usage", "Kremlin", "--json"], ["glossary", "list", "--json"], ["glossary", "history"],
        ["undo", "--glossary"], ["redo", "--glossary"], ["undo", "--glossary"], ["check", "--corpus", "--json"],
        ["glossary", "export", "--format", "csv"], ["glossary", "export", "--format", "tbx"],
        ["undo", "1"], ["redo", "1"], ["undo"],
        ["history", "1"], ["history", "1", "--json"], ["pairs", "list", "99"], ["pairs", "confirm", "99999"],
        ["export", "--all", "--format", "tsv", "-o", "{out}/all.tsv"], ["export", "1", "--format", "jsonl", "-o", "-"],
        ["export", "1", "--format", "moses", "-o", "{out}/moses"], ["export", "1", "--format", "xliff", "-o", "-"],
        ["export", "1", "--format", "tmx", "-o", "-"], ["users", "list"], ["users", "add", "budi", "--role", "editor"],
        ["pairs", "assign", "1", "--to", "budi"], ["pairs", "state", "1", "finished"], ["pairs", "list", "--json"],
        ["pairs", "confirm", "5", "--user", "budi"], ["pairs", "state", "1", "open"],
        ["pairs", "confirm", "5", "--user", "budi"],
        ["undo", "1", "--user", "budi"], ["undo", "1", "--user", "nobody"], ["init"],
    ]

    /// What a run printed, with what may differ between stores made at different times or
    /// places (the store's name, times, TMX's creation date) put in common terms.
    func normalized(_ text: String, db: String, out: String) -> String {
        var text = text.replacingOccurrences(of: db, with: "<db>").replacingOccurrences(of: out, with: "<out>")
        for pattern in [#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, #"creationdate="\d{8}T\d{6}Z""#, #"admin: \w+"#] {
            text = text.replacingOccurrences(of: pattern, with: "<…>", options: .regularExpression)
        }
        return text
    }

    func transcript(_ backend: Backend) throws -> [String] {
        let db = try TestSupport.emptyDatabase(backend)
        let out = try TestSupport.temporaryDirectory()
        return try Self.commands.map { arguments in
            let run = try TestSupport.padan(
                arguments.map { $0.replacingOccurrences(of: "{out}", with: out) } + ["--db", db],
                environment: ["PADAN_USER": "ana"])
            var files = ""
            if arguments.contains("{out}/all.tsv") { files = (try? TestSupport.read(out + "/all.tsv")) ?? "" }
            return "$ \(arguments.joined(separator: " "))\nexit \(run.status)\n\(normalized(run.stdout, db: db, out: out))"
                + "\(normalized(run.stderr, db: db, out: out))\(files)"
        }
    }

    @Test("The same command sequence prints the same on both backends, step by step")
    func sameTranscript() throws {
        let sqlite = try transcript(.sqlite)
        let postgres = try transcript(.postgres)
        #expect(sqlite.count == postgres.count)
        for (a, b) in zip(sqlite, postgres) { #expect(a == b) }
        // The run did real work: edits were applied and some refused, on both.
        #expect(sqlite.filter { $0.contains("\nexit 1\n") }.count >= 6)
        #expect(sqlite.filter { $0.contains("\nexit 0\n") }.count >= 35)
    }
}
