import ArgumentParser
import PadanStore

struct Sentences: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct sentence boundaries during review; the links around them adjust (undoable).",
        discussion: """
            Sentence ids are shown by `padan pairs show LINK`. A document may be used by several pairs (one \
            original, two translations): a sentence edit changes every one of them, as one edit listed in the \
            history of each, undone as one.
            """,
        subcommands: [Split.self, Merge.self])

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Split a sentence in two at a character offset.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The sentence id.") var sentence: Int64
        @Option(help: "Characters from the start of the sentence where the second one begins.") var at: Int
        @OptionGroup var expect: ExpectOptions

        func run() throws {
            print(try store.open().splitSentence(sentence, atCharacter: at, expecting: try expect.versions()).summary)
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge two adjacent sentences of one document.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The first sentence id.") var first: Int64
        @Argument(help: "The next sentence id.") var second: Int64
        @OptionGroup var expect: ExpectOptions

        func run() throws { print(try store.open().mergeSentences(first, second, expecting: try expect.versions()).summary) }
    }
}
