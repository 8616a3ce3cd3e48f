import ArgumentParser
import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job on the bundled corpus: a fresh store, the seed pair added, its links shown side by side.",
        discussion: """
            Uses a new store in a temporary folder, removed afterwards (or --db PATH|URI: a file that must not \
            exist yet, or an empty PostgreSQL database; kept), adds the bundled Reuters-style original and its Tempo.co translation, and prints \
            every link: id, kind, status and confidence, then the English and Indonesian text in two columns. \
            Works from any directory.
            """)

    @Option(help: ArgumentHelp("Where to create the demo store (default: a temporary file).", valueName: "path|uri"))
    var db: String?
    @Option(help: "Output width in columns (default: the terminal's, or 100).") var width: Int?

    static let sourceFile = "corpora/reuters-2021-01-24-putin-biden.en.txt"
    static let targetFile = "corpora/tempo-2021-01-24-putin-biden.id.txt"

    func run() throws {
        let path =
            db
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent(
                "padan-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).db")
        // A store of our own making goes when the demo ends (with its WAL files); one the user named stays.
        defer {
            if db == nil {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        let store = try AlignmentStore.create(StoreLocation(path))
        let source = try BundledResources.url(Self.sourceFile)
        let target = try BundledResources.url(Self.targetFile)
        let added = try Workbench.addPair(
            store: store, sourcePath: source.path, targetPath: target.path, sourceLanguage: "en", targetLanguage: "id")
        let links = try store.links(pair: added.pairID)
        let (sourceSentences, targetSentences) = try store.sentences(pair: added.pairID)
        print(db == nil ? "Padan demo — a temporary store, removed afterwards" : "Padan demo — store \(store.path)")
        print(
            "pair \(added.pairID): \(sourceSentences.count) English and \(targetSentences.count) Indonesian sentences, \(links.count) links"
        )
        print("")
        SideBySide(width: width ?? Output.terminalWidth(), color: Output.colorEnabled).print(links)
    }
}

/// Two-column rendering of links for plain terminals and pipes.
struct SideBySide {
    var width: Int
    var color: Bool

    func print(_ links: [LinkView]) {
        let columnWidth = max(20, (width - 3) / 2)
        for link in links {
            var header = "#\(link.id)  \(link.kind)  \(link.status.rawValue)  \(Output.score(link.score))"
            if color {
                let tint = link.score < 0.5 ? "\u{1B}[33m" : "\u{1B}[2m"
                header = tint + header + "\u{1B}[0m"
            }
            Swift.print(header)
            let left = wrap(link.sourceText.isEmpty ? "—" : link.sourceText, columnWidth)
            let right = wrap(link.targetText.isEmpty ? "—" : link.targetText, columnWidth)
            for row in 0..<max(left.count, right.count) {
                let l = row < left.count ? left[row] : ""
                let r = row < right.count ? right[row] : ""
                Swift.print(l + String(repeating: " ", count: max(0, columnWidth - l.count)) + " │ " + r)
            }
            Swift.print("")
        }
    }

    func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
            while current.count > width {
                lines.append(String(current.prefix(width)))
                current = String(current.dropFirst(width))
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
