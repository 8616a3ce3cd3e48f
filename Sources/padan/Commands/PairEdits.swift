import ArgumentParser
import PadanStore
import PadanWorkbench

extension Pairs {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge two adjacent links into one (one undoable edit).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The first link id.") var first: Int64
        @Argument(help: "The adjacent link id.") var second: Int64
        @OptionGroup var expect: ExpectOptions

        func run() throws { print(try store.open().merge(first, second, expecting: try expect.versions()).summary) }
    }

    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unlink a link: each of its sentences becomes a link of its own with nothing on the other side.",
            discussion:
                "For a moved link, or any link whose sentences do not translate each other. One undoable edit; the new links are marked edited."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The link id.") var link: Int64
        @OptionGroup var expect: ExpectOptions

        func run() throws { print(try store.open().unlink(link, expecting: try expect.versions()).summary) }
    }

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split a link in two.",
            discussion:
                "The second part starts at source ordinal --source-at and target ordinal --target-at (0-based, as `pairs list` shows; the link's end ordinal leaves that side of the second part empty)."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The link id.") var link: Int64
        @Option(help: "Source ordinal where the second part starts.") var sourceAt: Int
        @Option(help: "Target ordinal where the second part starts.") var targetAt: Int
        @OptionGroup var expect: ExpectOptions

        func run() throws {
            print(try store.open().split(link, sourceAt: sourceAt, targetAt: targetAt, expecting: try expect.versions()).summary)
        }
    }

    struct Relink: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make source sentences I..J and target sentences K..L one link; neighbours adjust.",
            discussion:
                "Ranges are inclusive 0-based ordinals: `3..4`, or `3` for one sentence, or `none` for an empty side. Every sentence stays in exactly one link: the links that held them shrink or go. The new link may cross others: that is how a passage the translation moved is linked by hand (`pairs list` marks such a link `moved`)."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair id.") var pair: Int64
        @Option(help: "Source range I..J.") var source: String
        @Option(help: "Target range K..L.") var target: String
        @OptionGroup var expect: ExpectOptions

        func run() throws {
            let edit = try store.open().relink(
                pair: pair, source: try parseRange(source), target: try parseRange(target), expecting: try expect.versions())
            print(edit.summary)
        }

        func parseRange(_ text: String) throws -> Range<Int> {
            if text == "none" || text.isEmpty { return 0..<0 }
            let parts = text.split(separator: ".", omittingEmptySubsequences: true)
            guard (1...2).contains(parts.count), let low = Int(parts[0]), let high = Int(parts[parts.count - 1]), low >= 0,
                high >= low, high < Int.max
            else {
                throw CLIError("invalid range '\(text)'; use I..J (inclusive), a single ordinal, or none")
            }
            return low..<high + 1
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct the text of a sentence in a link (the original text stays in the history).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The link id.") var link: Int64
        @Option(help: "New text of the source sentence.") var source: String?
        @Option(help: "New text of the target sentence.") var target: String?
        @Option(name: .customLong("sentence"), help: "Which sentence (ordinal) when the side holds several.") var ordinal: Int?
        @OptionGroup var expect: ExpectOptions
        @Option(help: "Why: kept in the history and exported as the link's note.") var comment: String?

        func validate() throws {
            if (source == nil) == (target == nil) { throw ValidationError("give exactly one of --source TEXT and --target TEXT") }
        }

        func run() throws {
            let side: AlignmentStore.Side = source != nil ? .source : .target
            let edit = try store.open().editText(
                link: link, side: side, text: source ?? target ?? "", ordinal: ordinal, expecting: try expect.versions(),
                comment: comment)
            print(edit.summary)
        }
    }

    struct Realign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-align what is not confirmed, holding confirmed links as fixed anchors.",
            discussion: "With --from LINK, links before LINK are kept as they are too. One undoable edit.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair id.") var pair: Int64
        @Option(help: "Re-align from this link on.") var from: Int64?

        func run() throws { print(try Workbench.realign(store: try store.open(), pairID: pair, fromLink: from).summary) }
    }

    struct Shift: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Shift one side of a pair down or up by one link from LINK on (InterText's double arrows).",
            discussion: """
                --down leaves LINK's side empty and gives every later link the side of the link before it (the \
                last side becomes a link of its own); --up gives LINK's side to the link before it and every later \
                link the side of the link after it. Links left with no sentence go. One undoable edit.
                """)
        enum Direction: String, ExpressibleByArgument { case down, up }
        @OptionGroup var store: StoreOptions
        @Argument(help: "The pair id.") var pair: Int64
        @Option(help: "The first link that moves.") var from: Int64
        @Option(help: "source or target.") var side: SideArgument
        @Option(help: "down or up.") var direction: Direction
        @OptionGroup var expect: ExpectOptions

        func run() throws {
            let edit = try store.open().shiftSide(
                pair: pair, from: from, side: side.side, down: direction == .down, expecting: try expect.versions())
            print(edit.summary)
        }
    }
}

/// `--side source|target`.
enum SideArgument: String, ExpressibleByArgument {
    case source, target

    var side: AlignmentStore.Side { self == .source ? .source : .target }
}
