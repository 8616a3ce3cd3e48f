import ArgumentParser
import Foundation
import PadanCore
import PadanReview
import PadanStore
import PadanWorkbench

extension Bench {
    struct ReviewSpeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Time keypress to redrawn frame of the review screen on a pair of N links.",
            discussion: """
                Builds (or reuses) a store holding one pair of N links made by repeating the bundled pair's aligned \
                sentences, opens the review screen's session on it and, for each key of a fixed script, times the \
                key's action plus a full 120x40 frame written to /dev/null — what the terminal loop does per key. \
                Prints the median, 95th percentile and worst time per kind of key, and ends with the bulk actions \
                (C over every link, R from the first link, undo and redo of each) beside the time of a full read of \
                the pair (`padan pairs list PAIR --json > /dev/null`).
                """)
        @Option(help: "How many links.") var links = 100_000
        @Option(
            help: "The store to create (a file, or an empty PostgreSQL database), or to reuse when it already holds the pair.")
        var db: String

        func run() throws {
            let store: AlignmentStore
            let location = StoreLocation(db)
            if case .file(let path) = location, FileManager.default.fileExists(atPath: path) {
                store = try AlignmentStore.open(location)
            } else if case .postgres = location, let existing = try? AlignmentStore.open(location), try !existing.pairs().isEmpty
            {
                store = existing
            } else {
                store = try AlignmentStore.create(location)
                let ((), seconds) = try Measurement.time { try build(store) }
                print(String(format: "built a pair of %d links in %.1f s", links, seconds))
            }
            guard let pairID = try store.pairs().first?.id else { throw CLIError("the store holds no pair") }
            let (session, openSeconds) = try Measurement.time { try ReviewSession(store: store, pairID: pairID, wake: {}) }
            print(String(format: "opened %d links in %.0f ms", session.navigator.count, openSeconds * 1000))
            let ((), checkSeconds) = Measurement.time {
                while !session.collectFindings() { usleep(10_000) }
            }
            print(String(format: "background checks of the whole pair: %.1f s (the screen is usable meanwhile)", checkSeconds))

            guard let sink = FileHandle(forWritingAtPath: "/dev/null") else { throw CLIError("cannot open /dev/null") }
            var timings: [String: [Double]] = [:]
            var columns = 120
            /// Presses `keys` (nil: no key, just a frame), timing the last one: `:123` Enter is one action.
            func press(_ name: String, _ keys: [Key?]) {
                for (index, key) in keys.enumerated() {
                    let start = DispatchTime.now().uptimeNanoseconds
                    if let key { _ = session.handle(key) }
                    // A bulk action runs off the key loop: the time that counts is until it is done.
                    while session.runningJob != nil {
                        if !session.collectJob() { usleep(500) }
                    }
                    let frame = session.frame(
                        columns: columns, rows: 40, capabilities: TerminalCapabilities(color: true, unicode: true))
                    sink.write(Data(frame.joined(separator: "\r\n").utf8))
                    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                    if index == keys.count - 1 { timings[name, default: []].append(elapsed) }
                }
            }
            var random = SystemRandomNumberGenerator()
            for _ in 0..<300 { press("j / k (next, previous)", [.character("j")]) }
            for _ in 0..<300 { press("j / k (next, previous)", [.character("k")]) }
            for _ in 0..<50 { press("J / K (page)", [.character("J")]) }
            for _ in 0..<50 { press("J / K (page)", [.character("K")]) }
            for _ in 0..<10 {
                press("g / G (first, last)", [.character("G")])
                press("g / G (first, last)", [.character("g")])
            }
            for _ in 0..<50 {
                let number = Int.random(in: 1...links, using: &random)
                press(":N Enter (jump)", [.character(":")] + String(number).map { Key.character($0) } + [.enter])
            }
            for _ in 0..<100 { press("n (next needing review)", [.character("n")]) }
            for _ in 0..<50 { press("]u (next unconfirmed)", [.character("]"), .character("u")]) }
            for query in ["Kremlin", "Navalny", "dialog", "zzzz", "Peskov"] {
                press("/text Enter (search)", [.character("/")] + query.map { Key.character($0) } + [.enter])
                press("n after a search", [.character("n")])
            }
            press("Esc", [.escape])
            for _ in 0..<5 { press("Ctrl-L (reload every link)", [.control("l")]) }
            for _ in 0..<100 { press("c (confirm, written to the store)", [.character("c")]) }
            for _ in 0..<10 {
                press("m, u (merge, undo: store edit and reload)", [.character("m")])
                press("m, u (merge, undo: store edit and reload)", [.character("u")])
            }
            for width in [70, 90, 120, 200, 100, 60, 120] {
                columns = width
                press("resize (full redraw at a new width)", [nil])
            }
            // The bulk actions, each beside a full read of the pair (`pairs list PAIR --json`).
            let fullRead = try timeFullRead(pairID: pairID)
            press("C over every link above the last, y", [.character("G"), .character("C"), .character("y")])
            press("u after C (undo the bulk confirm)", [.character("u")])
            press("R from the first link, y", [.character("g"), .character("R"), .character("y")])
            press("u after R (undo the re-align)", [.character("u")])
            press("Ctrl-R after u (redo the re-align)", [.control("r")])
            print(String(format: "keypress to frame on %d links (ms)       median     p95   worst", session.navigator.count))
            for (name, values) in timings.sorted(by: { $0.key < $1.key }) {
                let sorted = values.sorted()
                let median = sorted[sorted.count / 2]
                let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
                print(
                    name.padding(toLength: 42, withPad: " ", startingAt: 0)
                        + String(format: "%7.2f %7.2f %7.2f  (%d keys)", median, p95, sorted.last ?? 0, sorted.count))
            }
            print(String(format: "full read of the pair (pairs list PAIR --json > /dev/null): %.0f ms", fullRead * 1000))
            print(String(format: "peak memory %.0f MB", Measurement.peakMemoryMB))
        }

        /// Runs this binary's `pairs list PAIR --json` into /dev/null: the full read bulk actions compare with.
        private func timeFullRead(pairID: Int64) throws -> Double {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            process.arguments = ["pairs", "list", String(pairID), "--json", "--db", db]
            process.standardOutput = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            process.waitUntilExit()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }

        /// The bundled pair aligned once, then its sentences and links repeated up to `links` links,
        /// with confidences varied so the review queue has an order.
        private func build(_ store: AlignmentStore) throws {
            let source = Workbench.prepare(
                text: try BundledResources.text("corpora/reuters-2021-01-24-putin-biden.en.txt"), language: "en", path: nil)
            let target = Workbench.prepare(
                text: try BundledResources.text("corpora/tempo-2021-01-24-putin-biden.id.txt"), language: "id", path: nil)
            let lexicon = try Workbench.lexicon(sourceLanguage: "en", targetLanguage: "id", store: nil)
            let seed = Workbench.align(
                source: source.sentences.map(\.text), target: target.sentences.map(\.text), sourceLanguage: "en",
                targetLanguage: "id", lexicon: lexicon)
            let copies = (links + seed.count - 1) / seed.count
            var alignment: [AlignmentLink] = []
            var generator = SplitMix64(seed: 7)
            for copy in 0..<copies {
                for link in seed where alignment.count < links {
                    let shift = { (range: Range<Int>, count: Int) in
                        range.lowerBound + copy * count..<range.upperBound + copy * count
                    }
                    let confidence = min(1, max(0, link.confidence + Double(generator.next() % 200) / 1000 - 0.1))
                    alignment.append(
                        AlignmentLink(
                            source: shift(link.source, source.sentences.count),
                            target: shift(link.target, target.sentences.count),
                            confidence: confidence))
                }
            }
            let sourceCount = alignment.last?.source.upperBound ?? 0
            let targetCount = alignment.last?.target.upperBound ?? 0
            _ = try store.addPair(
                source: repeated(source, to: sourceCount), target: repeated(target, to: targetCount), links: alignment)
            for (indonesian, english) in [("Amerika Serikat", "United States"), ("Rusia", "Russia"), ("dialog", "dialogue")] {
                _ = try store.addTerm(GlossaryEntry(source: english, target: indonesian), status: .approved)
            }
        }

        private func repeated(_ document: DocumentInput, to count: Int) -> DocumentInput {
            var text = ""
            var sentences: [Sentence] = []
            sentences.reserveCapacity(count)
            var start = 0
            for ordinal in 0..<count {
                let sentence = document.sentences[ordinal % document.sentences.count].text
                defer { start += sentence.utf16.count + 1 }
                text += sentence + "\n"
                sentences.append(
                    Sentence(
                        ordinal: ordinal, paragraph: ordinal, start: start, end: start + sentence.utf16.count, text: sentence))
            }
            let article = CleanedArticle(
                profile: "none", title: document.article.title, date: nil, sourceURLs: [], text: text, setAside: [])
            return DocumentInput(language: document.language, path: nil, rawText: text, article: article, sentences: sentences)
        }
    }
}
