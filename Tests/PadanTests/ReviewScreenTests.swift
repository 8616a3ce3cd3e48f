import Foundation
import PadanCore
import PadanStore
import Testing

@testable import PadanReview

@Suite("Review screen: keys, layout and actions (in process)")
struct ReviewScreenTests {
    /// Display width as the screen computes it, to check every line fills the terminal exactly.
    func width(_ line: String) -> Int {
        line.reduce(0) { total, character in
            total + max(0, character.unicodeScalars.reduce(0) { $0 + max(0, ICU.displayWidth($1)) })
        }
    }

    @Test("Keys: arrows and paging in both escape forms, UTF-8 cut between reads, a lone Escape")
    func keys() {
        var decoder = KeyDecoder()
        #expect(
            decoder.feed(Array("\u{1B}[A\u{1B}OB\u{1B}[6~\u{1B}[5~j".utf8)) == [.up, .down, .pageDown, .pageUp, .character("j")])
        let bytes = Array("é".utf8)
        #expect(decoder.feed([bytes[0]]) == [])
        #expect(decoder.feed([bytes[1]]) == [.character("é")])
        #expect(decoder.feed([0x1B]) == [.escape])
        #expect(decoder.feed([0x0D, 0x03, 0x7F]) == [.enter, .control("c"), .backspace])
    }

    @Test("Wide and combining characters take their real width; wrapping never overflows")
    func widths() {
        let glyphs = TextLayout.glyphs("日本語 cafe\u{301} 東京タワー abc", style: .plain, unicode: true)
        #expect(glyphs.first?.width == 2)
        #expect(glyphs.contains { $0.text == "e\u{301}" && $0.width == 1 })
        for columns in [3, 5, 8, 13] {
            for line in TextLayout.wrap(glyphs, columns: columns) { #expect(line.width <= columns) }
        }
        let ascii = TextLayout.glyphs("Café “Jaya” — 東", style: .plain, unicode: false)
        #expect(ascii.allSatisfy { $0.text.allSatisfy(\.isASCII) })
        // Emoji in emoji presentation take two cells: VS16, skin tones, ZWJ families, flags.
        for emoji in ["\u{263A}\u{FE0F}", "👍🏽", "👨‍👩‍👧", "🇮🇩", "😀"] {
            #expect(TextLayout.glyphs(emoji, style: .plain, unicode: true).map(\.width) == [2], "\(emoji)")
        }
        #expect(TextLayout.glyphs("\u{263A}", style: .plain, unicode: true).map(\.width) == [1])  // text presentation
    }

    @Test("Side by side from 80 columns, stacked below; every line exactly as wide as the terminal")
    func layouts() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        for (columns, rows) in [(120, 30), (80, 24), (79, 24), (50, 20)] {
            let frame = session.plainFrame(columns: columns, rows: rows)
            #expect(frame.count == rows)
            for line in frame { #expect(width(line) == columns, "\(columns)×\(rows): \(line)") }
            let linkRows = frame.dropFirst().dropLast(2)
            let sideBySide = linkRows.contains { $0.contains(" │ ") }
            #expect(sideBySide == (columns >= 80))
            #expect(linkRows.contains { $0.contains("ID ") } == (columns < 80))
            #expect(frame.last?.contains("link 1 (1/14)") == true)
        }
    }

    @Test("A dim rule under each link separates it from the next, crossing the columns; ASCII mode draws - and +")
    func linkSeparation() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        for (unicode, dash, cross) in [(true, "─", "┼"), (false, "-", "+")] {
            let frame = session.plainFrame(columns: 100, rows: 30, unicode: unicode)
            let rules = frame.indices.filter { frame[$0].hasPrefix(String(repeating: dash, count: 10)) }
            #expect(rules.count >= 3, "\(frame)")
            for row in rules {
                #expect(frame[row].contains(cross))
                // The next row starts the next link: its gutter holds an id.
                if row + 1 < frame.count - 2 {
                    #expect(frame[row + 1].trimmingCharacters(in: .whitespaces).first?.isNumber == true, "\(frame[row + 1])")
                }
            }
        }
        let stacked = session.plainFrame(columns: 60, rows: 30)
        #expect(stacked.contains(String(repeating: "─", count: 60)))
    }

    @Test("At 80 columns and less the status line keeps the link, its position and `? help`, dropping hints first")
    func narrowStatusLine() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        for columns in [120, 80, 60, 40] {
            let status = try #require(session.plainFrame(columns: columns, rows: 24).last)
            #expect(status.contains("link 1 (1/14)"), "\(status)")
            #expect(status.contains("? help"), "\(columns): \(status)")
        }
        #expect(session.plainFrame(columns: 120, rows: 24).last?.contains("n: needs review") == true)
    }

    @Test("Confirm writes at once and moves on; C confirms the unreviewed links above; n takes the least confident")
    func actions() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.handle(.character("j"))
        _ = session.handle(.character("c"))
        #expect(session.navigator.cursor == 2)
        let links = try store.links(pair: pair)
        #expect(links[1].status == .confirmed)
        _ = session.handle(.character("x"))
        #expect(try store.links(pair: pair)[2].status == .rejected)
        for _ in 0..<3 { _ = session.handle(.character("j")) }
        _ = session.handle(.character("C"))
        #expect(try store.links(pair: pair).map(\.status)[3] == .auto)  // C asks first
        _ = session.handle(.character("y"))
        let statuses = try store.links(pair: pair).map(\.status)
        #expect(statuses[0..<6] == [.confirmed, .confirmed, .rejected, .confirmed, .confirmed, .confirmed])
        #expect(statuses[6...].allSatisfy { $0 == .auto })
        _ = session.handle(.character("n"))
        let remaining = try store.links(pair: pair).filter { $0.status == .auto }
        #expect(session.navigator.current?.score == remaining.map(\.score).min())
        _ = session.handle(.character("u"))
        #expect(try store.links(pair: pair).map(\.status)[3] == .auto)
    }

    @Test("Search finds both languages; :N jumps; ]u skips reviewed links; split then undo restores the link")
    func searchJumpSplit() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        for key in "/navalny" { _ = session.handle(.character(key)) }
        _ = session.handle(.enter)
        let hit = try #require(session.navigator.current)
        let view = try store.link(hit.id)
        #expect(view.sourceText.contains("Navalny") && view.targetText.contains("Navalny"))
        for key in "/Kremlin" { _ = session.handle(.character(key)) }
        _ = session.handle(.enter)
        let first = session.navigator.cursor
        _ = session.handle(.character("n"))
        #expect(session.navigator.cursor > first)
        _ = session.handle(.character("N"))
        #expect(session.navigator.cursor == first)
        let kremlin = try store.links(pair: pair).indices.filter {
            try store.links(pair: pair)[$0].sourceText.contains("Kremlin")
        }
        _ = session.handle(.character("G"))
        _ = session.handle(.character("n"))  // past the last match: wraps to the first
        #expect(session.navigator.cursor == kremlin.first)
        _ = session.handle(.escape)
        for key in ":8" { _ = session.handle(.character(key)) }
        _ = session.handle(.enter)
        #expect(session.navigator.cursor == 7)
        let before = try store.links(pair: pair)
        let eighth = before[7]
        #expect(eighth.target.count == 2)
        _ = session.handle(.character("s"))
        guard case .split(let choice) = session.mode else {
            Issue.record("s did not open the split chooser")
            return
        }
        #expect(choice.targetSentences.count == 2)
        #expect(session.plainFrame(columns: 120, rows: 40).contains { $0.contains("✂") })
        _ = session.handle(.enter)
        #expect(try store.links(pair: pair).count == before.count + 1)
        // The screen updates its list from the edit's changes; it must match the store exactly.
        #expect(session.navigator.items.map(\.id) == (try store.outline(pair: pair).map(\.id)))
        _ = session.handle(.character("m"))
        #expect(session.navigator.items == (try store.outline(pair: pair).map { ReviewItem($0) }))
        _ = session.handle(.character("u"))
        _ = session.handle(.character("u"))
        #expect(session.navigator.items == (try store.outline(pair: pair).map { ReviewItem($0) }))
        #expect(try store.links(pair: pair).map(\.kind) == before.map(\.kind))
        _ = session.handle(.character("g"))
        _ = session.handle(.character("c"))
        _ = session.handle(.character("g"))
        _ = session.handle(.character("]"))
        _ = session.handle(.character("u"))
        #expect(session.navigator.cursor == 1)
    }

    @Test("Glossary terms are marked on both sides; a missing equivalent is marked as missing")
    func terms() throws {
        let checks = QualityChecks(glossary: [
            GlossaryEntry(source: "United States", target: "Amerika Serikat"),
            GlossaryEntry(source: "sanction", target: "sanksi"),
        ])
        let marks = checks.termMarks(
            source: "The United States imposed sanctions.", target: "Amerika Serikat menjatuhkan hukuman.")
        #expect(marks.source.count == 2)
        #expect(marks.target.count == 1)
        #expect(marks.source.first { !$0.hasEquivalent }?.term == "sanction")
        #expect(marks.missingEquivalents == 1)
        let source = "The United States imposed sanctions."
        let found = try #require(marks.source.first)
        #expect(source[found.range] == "United States")
    }

    @Test("A link changed by another process since it was shown is not overwritten: the screen reloads and says so")
    func conflict() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        let first = try #require(session.navigator.current)
        _ = try store.setStatus(.rejected, links: [first.id])  // another reviewer, meanwhile
        _ = session.handle(.character("c"))
        #expect(try store.link(first.id).status == .rejected)
        #expect(session.message?.isError == true)
        #expect(session.message?.text.contains("reloaded") == true)
        #expect(session.navigator.items.first?.status == .rejected)
        _ = session.handle(.character("c"))  // now on the fresh version: it goes through
        #expect(try store.link(first.id).status == .confirmed)
    }

    @Test("A frame reads only the links it shows, whatever the size of the pair")
    func windowedReads() throws {
        let (store, pair) = try TestSupport.storeWithSeedPair()
        let session = try ReviewSession(store: store, pairID: pair)
        _ = session.plainFrame(columns: 100, rows: 8)
        #expect(session.cachedLinkCount < 14)
        _ = session.handle(.character("G"))
        _ = session.plainFrame(columns: 100, rows: 8)
        #expect(session.plainFrame(columns: 100, rows: 8).last?.contains("link 14 (14/14)") == true)
    }
}
