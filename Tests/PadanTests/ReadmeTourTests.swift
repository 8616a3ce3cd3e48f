import Foundation
import Testing

@Suite("The README's tour runs as written")
struct ReadmeTourTests {
    /// The command lines of the tour: its code block, less output lines, `make` targets and the
    /// full-screen review (which the tmux tests drive).
    static func tourLines() throws -> [String] {
        let readme = try TestSupport.read(TestSupport.rootPath("README.md"))
        guard let heading = readme.range(of: "## A short tour"),
            let open = readme.range(of: "```\n", range: heading.upperBound..<readme.endIndex),
            let close = readme.range(of: "```", range: open.upperBound..<readme.endIndex)
        else { return [] }
        return readme[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init).filter { line in
            (line.hasPrefix("$B ") && !line.hasPrefix("$B review")) || line.hasPrefix("python3 ") || line.hasPrefix("mkdir ")
        }
    }

    @Test("Every command of the tour succeeds, in order, on the bundled data (check may report findings)")
    func tour() throws {
        let lines = try Self.tourLines()
        #expect(lines.count > 30)
        // A folder of its own, with the project's folders the tour names.
        let directory = try TestSupport.temporaryDirectory()
        for folder in ["corpora", "glossary", "scripts", "Tests"] {
            try FileManager.default.createSymbolicLink(
                atPath: directory + "/" + folder, withDestinationPath: TestSupport.rootPath(folder))
        }
        for line in lines {
            let (status, message) = try TestSupport.bash(
                line, directory: directory, environment: ["B": TestSupport.binary])
            // `check` exits 1 when it has findings, as documented.
            let allowed: Set<Int32> = line.hasPrefix("$B check") ? [0, 1] : [0]
            #expect(allowed.contains(status), "\(line)\n\(message)")
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/pair1.tmx"))
        #expect(FileManager.default.fileExists(atPath: directory + "/corpus.jsonl"))
    }
}
