import Foundation
import PadanCore
import PadanStore
import PadanWorkbench
import Testing

@testable import PadanReview

@Suite("Review: queues, folded search, bracketed paste, help (in process)")
struct ReviewQueueSearchTests {
    func keys(_ session: ReviewSession, _ text: String) {
        for character in text { _ = session.handle(.character(character)) }
    }

    @Test("A paste between the bracketed-paste marks is one .paste, even cut between reads and holding commands")
    func pasteDecoding() {
        var decoder = KeyDecoder()
        let bytes = Array("j\u{1B}[200~cx\ncc\u{1B}[2".utf8)
        #expect(decoder.feed(bytes) == [.character("j")])
        #expect(decoder.feed(Array("01~k".utf8)) == [.paste("cx\ncc"), .character("k")])
    }

    @Test("v u shows the unconfirmed links only; a link confirmed there leaves the view; v a shows all again")
    func queues() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character("c"))
        keys(session, "vu")
        #expect(session.navigator.count == 13)
        #expect(session.navigator.items.allSatisfy { $0.status != .confirmed })
        let first = try #require(session.navigator.current)
        _ = session.handle(.character("c"))
        #expect(session.navigator.count == 12)
        #expect(session.navigator.current?.id != first.id)
        #expect(session.plainFrame(columns: 100, rows: 12).last?.contains("v: unconfirmed 12") == true)
        keys(session, "vn")
        #expect(session.navigator.items.allSatisfy { !$0.isOneToOne })
        #expect(session.navigator.count == session.navigator.queueCounts[.nonOneToOne])
        keys(session, "va")
        #expect(session.navigator.count == 14)
    }

    @Test(
        "Search folds case and accents, runs across sentence boundaries inside a link, takes one side or a regex",
        arguments: [
            ("KREMLIN SPOKESMAN", Int64(3)), ("issues. these include", 5), ("t:presiden rusia", 2), ("s:presiden rusia", 0),
            ("re:more than [0-9],[0-9]{3}", 7), ("tÜrkÍye", 4),
        ])
    func search(query: String, expected: Int64) throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        _ = try store.editText(link: 4, side: .target, text: "Hubungan Turkiye dan Rusia.")
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character("/"))
        _ = session.handle(.paste(query))
        _ = session.handle(.enter)
        if expected == 0 {
            #expect(session.message?.text.contains("no link matches") == true)
        } else {
            #expect(session.navigator.current?.id == expected, "\(session.message?.text ?? "")")
        }
    }

    @Test(
        "B sets a bookmark kept in the store; ]b [b go between bookmarks, v b shows them; an edit that removes the link removes it"
    )
    func bookmarks() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair, reviewer: "ana")
        for id in ["3", "9"] {
            _ = session.handle(.character(":"))
            _ = session.handle(.paste(id))
            _ = session.handle(.enter)
            _ = session.handle(.character("B"))
        }
        #expect(try store.bookmarks(pair: pair).map(\.linkID) == [3, 9])
        #expect(try store.bookmarks(pair: pair).allSatisfy { $0.author == "ana" })
        let frame = session.plainFrame(columns: 100, rows: 30)
        #expect(frame.contains { $0.contains(" 9 · 0.") && $0.contains("★") })
        // A new session (another reviewer, another day) sees them.
        let other = try ReviewSession(store: store, pairID: pair, startLink: 1, reviewer: "budi")
        _ = other.handle(.character("]"))
        _ = other.handle(.character("b"))
        #expect(other.navigator.current?.id == 3)
        _ = other.handle(.character("]"))
        _ = other.handle(.character("b"))
        #expect(other.navigator.current?.id == 9)
        _ = other.handle(.character("["))
        _ = other.handle(.character("b"))
        #expect(other.navigator.current?.id == 3)
        _ = other.handle(.character("v"))
        _ = other.handle(.character("b"))
        #expect(other.navigator.items.map(\.id) == [3, 9])
        _ = other.handle(.character("v"))
        _ = other.handle(.character("a"))
        // B again removes it; merging link 8 with 9 keeps link 8: link 9 goes, and its bookmark with it.
        _ = other.handle(.character("B"))
        #expect(try store.bookmarks(pair: pair).map(\.linkID) == [9])
        _ = other.handle(.character(":"))
        _ = other.handle(.paste("8"))
        _ = other.handle(.enter)
        _ = other.handle(.character("m"))
        #expect(try store.bookmarks(pair: pair).isEmpty)
        #expect(other.navigator.bookmarks.isEmpty && other.navigator.allItems.allSatisfy { !$0.isBookmarked })
    }

    @Test("The whole help fits an 80×24 terminal")
    func helpFits() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character("?"))
        let frame = session.plainFrame(columns: 80, rows: 24)
        // Every line of the help whole, none cut at the edge.
        for text in ReviewSession.helpText {
            #expect(
                frame.contains { $0.trimmingCharacters(in: .whitespaces) == text.trimmingCharacters(in: .whitespaces) }, "\(text)"
            )
        }
        #expect(frame.contains { $0.contains("Press any key to go back.") })
        for line in frame { #expect(line.count <= 80) }
    }

    @Test("} ) take the next link's first sentence, { ( give the last one back; every sentence stays in one link")
    func structureMoves() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character(":"))
        _ = session.handle(.paste("4"))
        _ = session.handle(.enter)
        let before = try store.links(pair: pair)
        _ = session.handle(.character("}"))  // link 4 [3]:[3] takes source 4 from link 5 [4,5]:[4]
        var links = try store.links(pair: pair)
        #expect(links.contains { $0.source == 3..<5 && $0.target == 3..<4 })
        #expect(links.contains { $0.source == 5..<6 && $0.target == 4..<5 })
        _ = session.handle(.character("{"))  // and gives it back
        links = try store.links(pair: pair)
        #expect(links.map(\.source) == before.map(\.source) && links.map(\.target) == before.map(\.target))
        _ = session.handle(.character(")"))  // the target side likewise
        links = try store.links(pair: pair)
        #expect(links.contains { $0.source == 3..<4 && $0.target == 3..<5 })
        _ = session.handle(.character("G"))
        _ = session.handle(.character("("))  // the last link has no target sentence to give
        #expect(session.message?.isError == true)
        let (source, target) = try store.sentences(pair: pair)
        #expect(links.flatMap { Array($0.source) } == Array(0..<source.count))
        #expect(links.flatMap { Array($0.target) } == Array(0..<target.count))
    }

    @Test("A side of several sentences shows a dim mark where each sentence ends; a one-sentence side shows none")
    func sentenceBoundaries() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character(":"))
        _ = session.handle(.paste("5"))
        _ = session.handle(.enter)
        let frame = session.plainFrame(columns: 120, rows: 50).joined(separator: "\n")
        // Link 5 is [4,5]:[4]: “…a range of issues. ¦ These include…” on the English side.
        #expect(frame.contains("¦ These include"))
        #expect(frame.contains("perbedaan. ¦ Tapi"))
        #expect(!frame.contains("Biden ¦"))
        let ascii = session.plainFrame(columns: 120, rows: 30, unicode: false).joined(separator: "\n")
        #expect(ascii.contains("| These include"))
        #expect(!ascii.split(separator: "\n")[0].contains("?"))  // the title's separators are ASCII too
    }

    @Test("A link taller than the screen scrolls inside itself with Ctrl-E / Ctrl-Y, so its translation can be read at 40×10")
    func tallLinkScrolls() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character(":"))
        _ = session.handle(.paste("8"))
        _ = session.handle(.enter)
        var frame = session.plainFrame(columns: 40, rows: 10)
        #expect(frame.contains { $0.contains("more lines of this link") })
        #expect(!frame.contains { $0.contains("ID “Ini") || $0.contains("ID \u{201C}Ini") })
        for _ in 0..<30 { _ = session.handle(.control("e")) }
        frame = session.plainFrame(columns: 40, rows: 10)
        #expect(frame.contains { $0.contains("semakin dekat") })  // the translation's last line
        for _ in 0..<30 { _ = session.handle(.control("y")) }
        frame = session.plainFrame(columns: 40, rows: 10)
        #expect(frame.contains { $0.contains("EN") && $0.contains("It will be") })
        for line in frame { #expect(line.count <= 40) }
    }

    @Test("X rejects with a reason typed (or pasted) at its prompt: the edit's comment and the link's note")
    func rejectWithReason() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character("X"))
        _ = session.handle(.paste("headline rewritten"))
        _ = session.handle(.enter)
        #expect(try store.link(1).status == .rejected)
        #expect(try store.link(1).note == "headline rewritten")
        #expect(try store.history(pair: pair).last?.comment == "headline rewritten")
    }

    @Test("i shows everything about the link: sentence ids, lengths, confidence parts, glossary terms, findings, history")
    func detailView() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        _ = try store.addTerm(GlossaryEntry(source: "United States", target: "Amerika Serikat"))
        _ = try store.setStatus(.rejected, links: [6], comment: "check the attribution")
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character(":"))
        _ = session.handle(.paste("6"))
        _ = session.handle(.enter)
        _ = session.handle(.character("i"))
        let frame = session.plainFrame(columns: 100, rows: 30).joined(separator: "\n")
        #expect(frame.contains("link 6 · 1-1 · rejected"))
        #expect(frame.contains("source sentence 7 (ordinal 6"))
        #expect(frame.contains("glossary: united states — rendered on the other side"))
        #expect(frame.contains("history:") && frame.contains("check the attribution"))
        #expect(frame.contains("evidence: ") && frame.contains("have a counterpart"), "\(frame)")
        #expect(frame.contains("recomputed over links 1–14: word match"), "\(frame)")
        #expect(frame.contains("boundary with link 5 before: ") && frame.contains("boundary with link 7 after: "))
        _ = session.handle(.character("x"))  // any other key goes back, and does nothing else
        #expect(try store.link(6).status == .rejected)
        #expect(!session.plainFrame(columns: 100, rows: 30).joined().contains("link details"))
    }

    @Test("The detail view names a doubtful boundary and the one-sentence move that would fit as well")
    func doubtfulBoundaryInDetail() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        // Link 4 ([3]:[3]) takes the target sentence of link 5 ([4,5]:[4]): a wrong boundary.
        _ = try store.relink(pair: pair, source: 3..<4, target: 3..<5)
        let wrong = try #require(try store.outline(pair: pair).first { $0.source == 3..<4 })
        let next = try #require(try store.outline(pair: pair).first { $0.source.lowerBound == 4 })
        let session = try ReviewSession(store: store, pairID: pair, startLink: wrong.id)
        _ = session.handle(.character("i"))
        let frame = session.plainFrame(columns: 160, rows: 40).joined(separator: "\n")
        #expect(
            frame.contains(
                "boundary with link \(next.id) after: doubtful")
                && frame.contains("this link's last target sentence moved into link \(next.id) would fit about as well"),
            "\(frame)")
    }

    @Test("The inline editor: moves by character and word, deletes words, undoes, takes Unicode and pastes; Enter saves one edit")
    func inlineEditor() throws {
        var field = LineEditor("Presiden Rusia")
        _ = field.handle(.control("a"))
        for character in "Hari ini, " { _ = field.handle(.character(character)) }
        #expect(field.string == "Hari ini, Presiden Rusia")
        _ = field.handle(.control("w"))
        #expect(field.string == "Hari Presiden Rusia")
        _ = field.handle(.control("\u{7F}"))  // Ctrl-_: the text and the cursor as they were
        #expect(field.string == "Hari ini, Presiden Rusia")
        #expect(field.cursor == "Hari ini, ".count)
        _ = field.handle(.alt("f"))
        #expect(field.cursor == "Hari ini, Presiden".count)
        _ = field.handle(.paste("東京\ncafé"))
        _ = field.handle(.backspace)
        #expect(field.string == "Hari ini, Presiden東京 caf Rusia")

        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character("j"))
        _ = session.handle(.character("t"))
        _ = session.handle(.control("a"))
        for character in "Hari ini, " { _ = session.handle(.character(character)) }
        #expect(session.plainFrame(columns: 120, rows: 30).joined().contains("Hari ini, Presiden"))
        _ = session.handle(.escape)  // changes unsaved: the first Escape only asks
        #expect(session.message?.text.contains("Esc again discards") == true)
        _ = session.handle(.enter)
        let link = try store.link(2)
        #expect(link.targetText.hasPrefix("Hari ini, Presiden Rusia"))
        #expect(link.status == .edited)
        #expect(try store.history(pair: pair).count == 1)
    }

    @Test("Ctrl-S in the inline editor splits the sentence at the cursor; the link holds both parts")
    func splitAtCursor() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character("j"))
        _ = session.handle(.character("t"))
        _ = session.handle(.control("a"))
        for _ in 0..<5 { _ = session.handle(.alt("f")) }  // after “Presiden Rusia Vladimir Putin dilaporkan”
        _ = session.handle(.control("s"))
        let link = try store.link(2)
        #expect(link.target.count == 2)
        #expect(try store.sentences(pair: pair).target.count == 14)
        #expect(
            try store.sentenceTexts(pair: pair, side: .target, ordinals: link.target).first
                == "Presiden Rusia Vladimir Putin dilaporkan")
    }

    @Test(
        "]s [s shift the source side, ]t [t and > < the target side, down one link from here and back up; every sentence stays in one link",
        arguments: [
            (Side.source, [Key.character("]"), .character("s")], [Key.character("["), .character("s")]),
            (Side.target, [.character("]"), .character("t")], [.character("["), .character("t")]),
            (Side.target, [.character(">")], [.character("<")]),
        ])
    func shiftSide(side: Side, down: [Key], up: [Key]) throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let before = try store.links(pair: pair)
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character(":"))
        _ = session.handle(.paste("4"))
        _ = session.handle(.enter)
        for key in down { _ = session.handle(key) }
        func range(_ link: LinkView) -> Range<Int> { side == .source ? link.source : link.target }
        var links = try store.links(pair: pair)
        #expect(links.first { $0.id == 4 }.map(range)?.isEmpty == true)
        #expect(links.first { $0.id == 5 }.map(range) == range(before[3]))
        #expect(links.map(range).filter { !$0.isEmpty } == before.map(range).filter { !$0.isEmpty })
        // The other side keeps its links (a link may be added at the end for a sentence pushed past the last).
        let other: (LinkView) -> Range<Int> = { side == .source ? $0.target : $0.source }
        #expect(links.map(other).filter { !$0.isEmpty } == before.map(other).filter { !$0.isEmpty })
        let (source, target) = try store.sentences(pair: pair)
        #expect(links.flatMap { Array($0.source) } == Array(0..<source.count))
        #expect(links.flatMap { Array($0.target) } == Array(0..<target.count))
        _ = session.handle(.character(":"))
        _ = session.handle(.paste("5"))
        _ = session.handle(.enter)
        for key in up { _ = session.handle(key) }
        links = try store.links(pair: pair)
        #expect(links.map(\.source) == before.map(\.source) && links.map(\.target) == before.map(\.target))
        _ = session.handle(.character("u"))
        _ = session.handle(.character("u"))
        #expect(try store.links(pair: pair) == before)
    }

    @Test("Mt merges the first two target sentences of a 1-2 link into one: the link becomes 1-1; undo restores both")
    func mergeSentencesOnScreen() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character(":"))
        _ = session.handle(.paste("8"))
        _ = session.handle(.enter)
        _ = session.handle(.character("M"))
        _ = session.handle(.character("t"))
        #expect(try store.link(8).target.count == 1)
        #expect(try store.sentences(pair: pair).target.count == 12)
        _ = session.handle(.character("u"))
        #expect(try store.link(8).target.count == 2)
        _ = session.handle(.character("M"))
        _ = session.handle(.character("s"))  // a one-sentence source side
        #expect(session.message?.isError == true)
    }

    @Test("The detail view lists a sentence's older texts from the history; a digit restores one as a new edit")
    func restoreOlderText() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let original = try store.link(4).targetText
        _ = try store.editText(link: 4, side: .target, text: "Hubungan Moskow dan Washington buruk.")
        _ = try store.editText(link: 4, side: .target, text: "Hubungan kedua negara buruk.")
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character(":"))
        _ = session.handle(.paste("4"))
        _ = session.handle(.enter)
        _ = session.handle(.character("i"))
        let frame = session.plainFrame(columns: 160, rows: 30).joined(separator: "\n")
        #expect(frame.contains("older text [1]") && frame.contains("Hubungan Moskow dan Washington buruk."))
        #expect(frame.contains("older text [2]"))
        _ = session.handle(.character("2"))  // the text from before the first edit: the original
        #expect(try store.link(4).targetText == original)
        #expect(try store.history(pair: pair).last?.comment.contains("restored") == true)
    }

    @Test("bt adds a paragraph break before the link's target, bt again removes it; the paragraph numbers follow")
    func paragraphBreaks() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let before = try store.sentences(pair: pair).target.map(\.paragraph)
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character(":"))
        _ = session.handle(.paste("9"))
        _ = session.handle(.enter)
        let ordinal = try #require(try store.link(9).target.first)
        let joinedBefore = before[ordinal] == before[ordinal - 1]
        _ = session.handle(.character("b"))
        _ = session.handle(.character("t"))
        let after = try store.sentences(pair: pair).target.map(\.paragraph)
        #expect((after[ordinal] == after[ordinal - 1]) == !joinedBefore)
        #expect(after[..<ordinal] == before[..<ordinal])
        _ = session.handle(.character("b"))
        _ = session.handle(.character("t"))
        #expect(try store.sentences(pair: pair).target.map(\.paragraph) == before)
        _ = session.handle(.character("u"))
        _ = session.handle(.character("u"))
        #expect(try store.sentences(pair: pair).target.map(\.paragraph) == before)
    }

    @Test("While a bulk action runs, moving works, edit keys wait, and its outcome lands when collected")
    func bulkActionRunsOffTheLoop() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair, wake: {})
        _ = session.handle(.character("G"))
        _ = session.handle(.character("C"))
        _ = session.handle(.character("y"))
        #expect(session.runningJob?.title == "confirming 13 links")
        #expect(session.plainFrame(columns: 100, rows: 12).contains { $0.contains("confirming 13 links…") })
        _ = session.handle(.character("g"))
        #expect(session.navigator.cursor == 0)  // moving is fine
        _ = session.handle(.character("x"))
        #expect(session.message?.text.contains("edits wait") == true)
        while session.runningJob != nil { if !session.collectJob() { usleep(1_000) } }
        #expect(session.message?.text.contains("confirmed the 13 unreviewed links") == true)
        #expect(try store.links(pair: pair).filter { $0.status == .confirmed }.count == 13)
        #expect(try store.link(1).status == .confirmed)  // the refused x changed nothing
    }

    @Test("Link evidence: a faithful translation's words find their counterparts, an unrelated sentence's do not")
    func linkEvidence() {
        let lexicon = Workbench.bundledPreparedLexicon
        let faithful = LinkEvidence.measure(
            source: "Relations between Moscow and Washington are at their lowest point since the end of the Cold War.",
            target: "Hubungan antara Moskow dan Washington berada pada titik terendah sejak akhir Perang Dingin.",
            sourceLanguage: "en", targetLanguage: "id", lexicon: lexicon)
        let unrelated = LinkEvidence.measure(
            source: "Relations between Moscow and Washington are at their lowest point since the end of the Cold War.",
            target: "Harga beras naik tiga persen di pasar tradisional pekan ini.", sourceLanguage: "en",
            targetLanguage: "id", lexicon: lexicon)
        #expect(faithful.sourceShare > 0.3 && faithful.targetShare > 0.3, "\(faithful)")
        #expect(unrelated.sourceShare < 0.1 && unrelated.targetShare < 0.1, "\(unrelated)")
    }
}
