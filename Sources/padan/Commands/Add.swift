import ArgumentParser
import PadanCore
import PadanStore
import PadanWorkbench

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import an original and its translation, align them, and store the pair.",
        discussion: """
            Both files are cleaned (web boilerplate set aside), segmented and aligned; the new pair's id is \
            printed. Adding the same two texts again stores nothing new and prints the existing id. With \
            --fetch-original the original is fetched from the URL the translation cites (see `padan fetch` for \
            mirrors and politeness); --json then adds the original's URL and every URL tried with its outcome.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(
        help: """
            SOURCE TARGET: the original (source-language) text and its translation (either may be - for \
            standard input); with --fetch-original, TRANSLATION alone.
            """)
    var files: [String] = []
    @Flag(
        help: """
            Fetch the original the translation cites (its Reuters, AP, AFP, Al Jazeera, … link), check that \
            the page is that article, and store both with the pair.
            """)
    var fetchOriginal = false
    @OptionGroup var fetch: FetchOptions
    @Option(help: "Language of the original.") var sourceLang = "en"
    @Option(help: "Language of the translation.") var targetLang = "id"
    @Flag(help: "Keep web boilerplate (turn cleaning off).") var keepBoilerplate = false
    @Flag(help: "Print {pair, created, links} as JSON.") var json = false

    func validate() throws {
        if fetchOriginal {
            guard files.count == 1 else { throw ValidationError("with --fetch-original, give the translation alone") }
        } else {
            guard files.count == 2 else { throw ValidationError("give SOURCE and TARGET (or TRANSLATION with --fetch-original)") }
            if files[0] == "-" && files[1] == "-" {
                throw ValidationError("only one of SOURCE and TARGET can be standard input")
            }
        }
    }

    func run() throws {
        let sourceLanguage = try languageCode(sourceLang)
        let targetLanguage = try languageCode(targetLang)
        let opened = try store.open()
        struct Tried: Encodable { var url: String; var outcome: String }
        struct Result: Encodable {
            var pair: Int64
            var created: Bool
            var links: Int
            var original: String?
            var tried: [Tried]?
        }
        let added: AddedPair
        var result: Result
        if fetchOriginal {
            let fetched = try Workbench.addPairFetchingOriginal(
                store: opened, translationText: try TextInput.read(files[0]), translationPath: files[0] == "-" ? nil : files[0],
                translationLanguage: targetLanguage, originalLanguage: sourceLanguage,
                fetcher: PageFetcher(policy: try fetch.policy()))
            added = fetched.pair
            result = Result(
                pair: added.pairID, created: added.created, links: added.linkCount, original: fetched.report.original,
                tried: fetched.report.tried.map { Tried(url: $0.url, outcome: $0.outcome) })
        } else {
            added = try Workbench.addPair(
                store: opened, sourcePath: files[0], targetPath: files[1], sourceLanguage: sourceLanguage,
                targetLanguage: targetLanguage, keepBoilerplate: keepBoilerplate)
            result = Result(pair: added.pairID, created: added.created, links: added.linkCount)
        }
        if json {
            try Output.json(result)
        } else {
            print(added.pairID)
        }
    }
}
