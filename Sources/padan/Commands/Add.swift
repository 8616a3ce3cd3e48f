import ArgumentParser
import PadanStore
import PadanWorkbench

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import an original and its translation, align them, and store the pair.",
        discussion: """
            Both files are cleaned (web boilerplate set aside), segmented and aligned; the new pair's id is \
            printed. Adding the same two texts again stores nothing new and prints the existing id.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The original (source-language) text, or - for standard input.") var source: String
    @Argument(help: "The translation (target-language) text.") var target: String
    @Option(help: "Language of the original.") var sourceLang = "en"
    @Option(help: "Language of the translation.") var targetLang = "id"
    @Flag(help: "Keep web boilerplate (turn cleaning off).") var keepBoilerplate = false
    @Flag(help: "Print {pair, created, links} as JSON.") var json = false

    func validate() throws {
        if source == "-" && target == "-" { throw ValidationError("only one of SOURCE and TARGET can be standard input") }
    }

    func run() throws {
        let sourceLanguage = try languageCode(sourceLang)
        let targetLanguage = try languageCode(targetLang)
        let opened = try store.open()
        let added = try Workbench.addPair(
            store: opened, sourcePath: source, targetPath: target, sourceLanguage: sourceLanguage,
            targetLanguage: targetLanguage, keepBoilerplate: keepBoilerplate)
        if json {
            struct Result: Encodable { var pair: Int64; var created: Bool; var links: Int }
            try Output.json(Result(pair: added.pairID, created: added.created, links: added.linkCount))
        } else {
            print(added.pairID)
        }
    }
}
