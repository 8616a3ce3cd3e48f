import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

/// The glossary on the review screen: `W` lists the terms of the pair's languages with their
/// status, uses and findings, and the concordance of the selected term; terms are approved,
/// rejected, deprecated, edited, added and undone with the keys links use. From a link, `a`
/// picks words of both sides and adds them as a term.
extension ReviewSession {
    /// The glossary view's state: the terms shown, the one selected, the status shown (all when
    /// nil) and how far its concordance is scrolled.
    struct GlossaryView: Equatable {
        var terms: [GlossaryTermRecord]
        var cursor = 0
        var filter: TermStatus?
        var concordanceScroll = 0

        var selected: GlossaryTermRecord? { terms.indices.contains(cursor) ? terms[cursor] : nil }
    }

    /// Words picked on both sides of a link to make a term: word ranges on each side and the
    /// side the keys move.
    struct TermPick: Equatable {
        var linkID: Int64
        var sourceText: String
        var targetText: String
        var sourceWords: [Range<String.Index>]
        var targetWords: [Range<String.Index>]
        var source: Range<Int>
        var target: Range<Int>
        var side: Side

        func words(_ side: Side) -> [Range<String.Index>] { side == .source ? sourceWords : targetWords }
        func selection(_ side: Side) -> Range<Int> { side == .source ? source : target }

        /// The picked text of a side, as written in the link.
        func picked(_ side: Side) -> String {
            let words = self.words(side)
            let range = selection(side)
            guard !range.isEmpty, range.upperBound <= words.count else { return "" }
            let text = side == .source ? sourceText : targetText
            return String(text[words[range.lowerBound].lowerBound..<words[range.upperBound - 1].upperBound])
        }

        /// The picked words' place in the text, for highlighting.
        func span(_ side: Side) -> Range<String.Index>? {
            let words = self.words(side)
            let range = selection(side)
            guard !range.isEmpty, range.upperBound <= words.count else { return nil }
            return words[range.lowerBound].lowerBound..<words[range.upperBound - 1].upperBound
        }
    }

    /// What a term prompt does on Enter: add a term, or edit one (at the version read).
    struct TermPrompt: Equatable {
        var editing: (id: Int64, version: Int)?
        var returnTo: GlossaryView

        static func == (a: TermPrompt, b: TermPrompt) -> Bool {
            a.editing?.id == b.editing?.id && a.editing?.version == b.editing?.version && a.returnTo == b.returnTo
        }
    }

    /// How a term prompt's text separates the original's phrase from the translation's.
    static let termSeparator = " = "

    var languages: LanguagePair { LanguagePair(source: pair.sourceLanguage, target: pair.targetLanguage) }

    // MARK: The glossary view

    /// `W`: the terms of this pair's languages.
    func showGlossary(filter: TermStatus? = nil, selecting termID: Int64? = nil) {
        do {
            var view = GlossaryView(terms: try glossaryTerms(filter), filter: filter)
            if let termID, let index = view.terms.firstIndex(where: { $0.id == termID }) { view.cursor = index }
            mode = .glossary(view)
        } catch {
            failed(error)
        }
    }

    private func glossaryTerms(_ filter: TermStatus?) throws -> [GlossaryTermRecord] {
        try store.glossary(languages: languages, statuses: filter.map { [$0] })
    }

    /// The links a concordance searches, read once per glossary visit.
    func termCorpus() -> TermCorpus? {
        if let glossaryCorpus { return glossaryCorpus }
        do {
            let corpus = TermCorpus(try Workbench.concordanceLinks(store: store, languages: languages), languages: languages)
            glossaryCorpus = corpus
            return corpus
        } catch {
            failed(error)
            return nil
        }
    }

    /// The concordance of a term (kept while the term stays at its version).
    func usage(of term: GlossaryTermRecord) -> TermUsage? {
        guard let id = term.id else { return nil }
        if let cached = usageCache[id], cached.version == term.version, cached.glossaryVersion == glossaryVersion {
            return cached.usage
        }
        guard let corpus = termCorpus() else { return nil }
        if glossaryEntries == nil { glossaryEntries = (try? store.glossary(languages: languages).map(\.entry)) ?? [] }
        let usage = TermConcordance.usage(of: term.entry, glossary: glossaryEntries ?? [], in: corpus)
        usageCache[id] = (term.version, glossaryVersion, usage)
        return usage
    }

    func handleGlossary(_ view: GlossaryView, _ key: Key) -> Effect {
        var view = view
        let last = max(0, view.terms.count - 1)
        switch key {
        case .character("j"), .down, .control("n"):
            view.cursor = min(last, view.cursor + 1)
            view.concordanceScroll = 0
        case .character("k"), .up, .control("p"):
            view.cursor = max(0, view.cursor - 1)
            view.concordanceScroll = 0
        case .character("g"), .home: view.cursor = 0
        case .character("G"), .end: view.cursor = last
        case .character("J"), .pageDown, .control("e"): view.concordanceScroll += 1
        case .character("K"), .pageUp, .control("y"): view.concordanceScroll = max(0, view.concordanceScroll - 1)
        case .character("v"):
            // All, then each status in turn.
            let order: [TermStatus?] = [nil] + TermStatus.allCases.map { $0 }
            let next = order[((order.firstIndex(of: view.filter) ?? 0) + 1) % order.count]
            showGlossary(filter: next, selecting: view.selected?.id)
            say("showing \(next.map { "\($0.rawValue) terms" } ?? "every term") — v shows the next status")
            return .none
        case .character("c"), .character(" "), .character("x"), .character("d"), .character("p"):
            let status: [Key: TermStatus] = [
                .character("c"): .approved, .character(" "): .approved, .character("x"): .rejected,
                .character("d"): .deprecated, .character("p"): .proposed,
            ]
            if let chosen = status[key] { setTermStatus(chosen, in: view) }
            return .none
        case .character("a"):
            mode = .prompt(.term(TermPrompt(editing: nil, returnTo: view)), "")
            return .none
        case .character("e"):
            guard let term = view.selected, let id = term.id else { return .none }
            mode = .prompt(
                .term(TermPrompt(editing: (id, term.version), returnTo: view)),
                term.sourceTerm + Self.termSeparator + term.targetTerm)
            return .none
        case .character("u"):
            glossaryEdit(view) { try self.store.undoGlossary() }
            return .none
        case .character("r"), .control("r"):
            glossaryEdit(view) { try self.store.redoGlossary() }
            return .none
        case .character("o"), .enter:
            // The concordance's first line shown: that link, in its pair.
            guard let term = view.selected, let usage = usage(of: term),
                usage.lines.indices.contains(view.concordanceScroll)
            else {
                say("no link uses this term", error: true)
                return .none
            }
            let link = usage.lines[view.concordanceScroll].link
            if link.pairID != pairID { open(pair: link.pairID) }
            mode = .normal
            if !navigator.jump(toID: link.linkID) { say("link \(link.linkID) is gone", error: true) }
            return .none
        case .character("?"): say(Self.glossaryKeys)
        case .escape, .character("W"):
            mode = .normal
            return .none
        case .character("q"), .control("c"): return .quit
        default: break
        }
        mode = .glossary(view)
        return .none
    }

    /// The glossary view's keys, on its message line.
    static let glossaryKeys = "c approve x reject d deprecate p propose e edit a add u/r undo/redo v status"

    private func setTermStatus(_ status: TermStatus, in view: GlossaryView) {
        guard let term = view.selected, let id = term.id else { return say("no term here", error: true) }
        glossaryEdit(view) { try self.store.setTermStatus(status, terms: [id], expecting: [id: term.version]) }
    }

    /// Runs a glossary edit, reports it, and shows the glossary as it now is with the same term
    /// selected (or the one in its place); the links' term marks follow.
    private func glossaryEdit(_ view: GlossaryView, _ edit: () throws -> GlossaryEditSummary) {
        do {
            let summary = try edit()
            say(summary.summary)
            refreshGlossary()
            var fresh = view
            fresh.concordanceScroll = 0
            mode = .glossary(refreshed(fresh, selecting: view.selected?.id ?? summary.terms.first))
        } catch {
            failed(error)
            refreshGlossary()
            mode = .glossary(refreshed(view, selecting: nil))
        }
    }

    /// `view` showing the glossary as last read (`glossarySnapshot`), with the cursor on term
    /// `termID` when it is shown, else where it was.
    func refreshed(_ view: GlossaryView, selecting termID: Int64?) -> GlossaryView {
        var refreshed = view
        refreshed.terms = glossarySnapshot.filter { view.filter == nil || $0.status == view.filter }
        refreshed.cursor =
            refreshed.terms.firstIndex { $0.id == termID } ?? min(view.cursor, max(0, refreshed.terms.count - 1))
        return refreshed
    }

    /// After a glossary edit (here or by another reviewer): the term marks and checks of links
    /// follow the new glossary, and concordances are computed again.
    /// - Parameter terms: the glossary of the pair's languages when the caller just read it.
    func refreshGlossary(_ terms: [GlossaryTermRecord]? = nil) {
        glossaryVersion += 1
        glossaryEntries = nil
        if let terms = terms ?? (try? store.glossary(languages: languages)) {
            glossarySnapshot = terms
            termChecks = QualityChecks(glossary: terms.map(\.entry), languages: languages)
        }
    }

    /// Enter on a term prompt: `original = translation` adds the term, or changes the one edited.
    func submitTermPrompt(_ prompt: TermPrompt, _ text: String) {
        let parts = text.components(separatedBy: "=")
        guard parts.count == 2 else {
            mode = .prompt(.term(prompt), text)
            return say("type the original's phrase, “ = ”, then the translation's", error: true)
        }
        let source = GlossaryEntry.tidy(parts[0])
        let target = GlossaryEntry.tidy(parts[1])
        glossaryEdit(prompt.returnTo) {
            if let editing = prompt.editing {
                return try self.store.updateTerm(id: editing.id, source: source, target: target, expecting: editing.version)
            }
            return try self.store.addTerm(GlossaryEntry(source: source, target: target, languages: self.languages))
        }
    }

    // MARK: A term from a link

    /// `a` on a link: pick words of both sides to add as a term.
    func beginTermPick() {
        guard let current = navigator.current, let view = views(navigator.cursor..<navigator.cursor + 1)[navigator.cursor]
        else { return }
        func words(_ text: String) -> [Range<String.Index>] {
            Tokenizer.tokens(text).filter { $0.kind != .mark }.map(\.range)
        }
        let sourceWords = words(view.sourceText)
        let targetWords = words(view.targetText)
        guard !sourceWords.isEmpty, !targetWords.isEmpty else {
            return say("a term needs words on both sides; this link has a side without", error: true)
        }
        mode = .termPick(
            TermPick(
                linkID: current.id, sourceText: view.sourceText, targetText: view.targetText, sourceWords: sourceWords,
                targetWords: targetWords, source: 0..<1, target: 0..<1, side: .source))
    }

    func handleTermPick(_ pick: TermPick, _ key: Key) {
        var pick = pick
        let side = pick.side
        let count = pick.words(side).count
        var range = pick.selection(side)
        switch key {
        case .character("l"), .right, .character("w"):
            let start = min(count - 1, range.lowerBound + 1)
            range = start..<min(count, start + range.count)
        case .character("h"), .left, .character("b"):
            let start = max(0, range.lowerBound - 1)
            range = start..<start + range.count
        case .character("L"), .character("+"), .character("e"):
            range = range.lowerBound..<min(count, range.upperBound + 1)
        case .character("H"), .character("-"):
            range = range.lowerBound..<max(range.lowerBound + 1, range.upperBound - 1)
        case .tab, .character("j"), .character("k"), .down, .up:
            pick.side = side.other
        case .enter:
            let entry = GlossaryEntry(source: pick.picked(.source), target: pick.picked(.target), languages: languages)
            mode = .normal
            do {
                let summary = try store.addTerm(entry)
                refreshGlossary()
                say(summary.summary + " — W shows the glossary")
            } catch {
                failed(error)
            }
            return
        case .escape, .control("c"), .character("q"):
            mode = .normal
            return say("no term added")
        default: return
        }
        if side == .source { pick.source = range } else { pick.target = range }
        mode = .termPick(pick)
    }
}
