import ArgumentParser
import PadanStore

struct Sentences: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct sentence boundaries during review; the links around them adjust (undoable).",
        discussion: "Sentence ids are shown by `padan pairs show LINK`.",
        subcommands: [Split.self, Merge.self])

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Split a sentence in two at a character offset.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The sentence id.") var sentence: Int64
        @Option(help: "Characters from the start of the sentence where the second one begins.") var at: Int

        func run() throws { print(try store.open().splitSentence(sentence, atCharacter: at).summary) }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge two adjacent sentences of one document.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The first sentence id.") var first: Int64
        @Argument(help: "The next sentence id.") var second: Int64

        func run() throws { print(try store.open().mergeSentences(first, second).summary) }
    }
}
