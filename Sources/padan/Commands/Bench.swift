import ArgumentParser
import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure speed and peak memory (use a release build; see docs/BENCHMARKS.md).",
        subcommands: [SegmentSpeed.self, AlignSpeed.self, ExportSpeed.self, ReviewSpeed.self])

    struct ExportSpeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-store",
            abstract: "Create a store holding one synthetic pair of N 1-1 links, for timing `padan export`.",
            discussion:
                "scripts/bench.sh times the export in a separate, small process: peak memory (ru_maxrss) survives exec on Linux, so a child of this process would inherit its high-water mark."
        )
        @Option(help: "How many links.") var links = 1_000_000
        @Option(help: "Where to create the store (must not exist).") var db: String

        func run() throws {
            let store = try AlignmentStore.create(at: db)
            func document(_ language: String, _ word: String) -> DocumentInput {
                .presegmented(
                    language: language,
                    sentences: (0..<links).map {
                        "\(word) \($0) tells of <markup> & \"quotes\" in a sentence of ordinary length."
                    },
                    paragraphEach: false)
            }
            let alignment = (0..<links).map { AlignmentLink(source: $0..<$0 + 1, target: $0..<$0 + 1, confidence: 0.9) }
            let ((), seconds) = try Measurement.time {
                _ = try store.addPair(source: document("en", "Sentence"), target: document("id", "Kalimat"), links: alignment)
            }
            print(String(format: "stored %d links (and %d sentences) in %.1f s", links, 2 * links, seconds))
        }
    }

    struct SegmentSpeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "segment",
            abstract: "Read, clean, segment and write text files, repeated; prints MB/s and peak memory.")

        @Argument(help: "Text files (each one document).") var files: [String]
        @Option(help: "Language of the texts.") var lang = "id"
        @Option(name: .customLong("repeat"), help: "How many times to process the whole list.") var repetitions = 20
        @Option(help: "Where the sentences are written.") var output = "/dev/null"

        func run() throws {
            guard let sink = FileHandle(forWritingAtPath: output) else { throw CLIError("cannot write \(output)") }
            let segmenter = SentenceSegmenter(language: lang)
            let cleaner = ArticleCleaner(language: lang)
            var bytes = 0
            var sentences = 0
            var cleaning = 0.0
            var segmenting = 0.0
            let ((), seconds) = try Measurement.time {
                for _ in 0..<self.repetitions {
                    for file in files {
                        let text = try TextInput.read(file)
                        bytes += text.utf8.count
                        let (article, cleanTime) = Measurement.time { cleaner.clean(text) }
                        let (segmented, segmentTime) = Measurement.time { segmenter.segment(article.text) }
                        cleaning += cleanTime
                        segmenting += segmentTime
                        var out = ""
                        out.reserveCapacity(text.utf8.count)
                        for sentence in segmented {
                            out += sentence.text
                            out += "\n"
                            sentences += 1
                        }
                        sink.write(Data(out.utf8))
                    }
                }
            }
            let megabytes = Double(bytes) / 1_000_000
            print(
                String(
                    format:
                        "segment: %.1f MB in %.2f s = %.1f MB/s, %.0f sentences/s, peak memory %.0f MB (cleaning %.2f s, segmentation %.2f s)",
                    megabytes, seconds, megabytes / seconds, Double(sentences) / seconds, Measurement.peakMemoryMB, cleaning,
                    segmenting))
            // The yardstick: ICU's sentence iterator alone on the same texts, already in UTF-16.
            let texts = try files.map { Array(try TextInput.read($0).utf16) }
            let locale = lang
            let ((), iteratorSeconds) = Measurement.time {
                for _ in 0..<self.repetitions {
                    for text in texts { _ = ICU.sentenceBreaks(text, locale: locale, fullScan: true) }
                }
            }
            print(String(format: "ICU sentence iterator alone, same texts: %.1f MB/s", megabytes / iteratorSeconds))
        }
    }

    struct AlignSpeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "align",
            abstract: "Align two presegmented files, each repeated N times; prints time and peak memory.")

        @Argument(help: "Source file (one sentence per line).") var source: String
        @Argument(help: "Target file (one sentence per line).") var target: String
        @Option(name: .customLong("repeat"), help: "How many times each file is concatenated.") var repetitions = 1
        @Option(help: "Language of the source.") var sourceLang = "en"
        @Option(help: "Language of the target.") var targetLang = "id"
        @OptionGroup var tuning: AlignerSettings

        func run() throws {
            let configuration = try tuning.configuration()
            let sourceLines = try lines(source)
            let targetLines = try lines(target)
            let sourceSentences = Array((0..<self.repetitions).map { _ in sourceLines }.joined())
            let targetSentences = Array((0..<self.repetitions).map { _ in targetLines }.joined())
            let lexicon = try Workbench.lexicon(sourceLanguage: sourceLang, targetLanguage: targetLang, store: nil)
            let before = Measurement.peakMemoryMB
            let (links, seconds) = Measurement.time {
                Workbench.align(
                    source: sourceSentences, target: targetSentences, sourceLanguage: sourceLang,
                    targetLanguage: targetLang, lexicon: lexicon, configuration: configuration)
            }
            print(
                String(
                    format: "align: %d x %d sentences, %d links in %.2f s, peak memory %.0f MB (%.0f MB before aligning)",
                    sourceSentences.count, targetSentences.count, links.count, seconds, Measurement.peakMemoryMB, before))
        }

        func lines(_ path: String) throws -> [String] {
            try TextInput.read(path).lines().filter { !$0.isEmpty }.map(String.init)
        }
    }
}
