import Foundation
import PadanCore
import PadanStore
import PadanWorkbench

/// The review screen's state and what each key does to it and to the store. Every action is
/// written at once through the same store operations as the CLI (one transaction each, in the
/// history), so nothing shown as done can be lost when the screen goes away.
///
/// Not thread-safe: the terminal loop owns it; only the background checks run elsewhere.
public final class ReviewSession {
    /// What the keys currently do.
    enum Mode: Equatable {
        case normal
        case prompt(Prompt, String)
        case split(SplitChoice)
        case help
        /// A bulk action waits for `y`: what it will do, said in full.
        case confirming(BulkAction, question: String)
        /// The store's pairs, one to choose (`padan review` without a pair, or `P`).
        case pairList(PairList)
        /// `i`: everything about the link under the cursor, scrolled by `offset` lines.
        case detail(offset: Int)
        /// `t`/`T`: one sentence of the current link edited in place.
        case inlineEdit(InlineEdit)
        /// The glossary view (`W`).
        case glossary(GlossaryView)
        /// Words of the current link being picked as a term (`a`).
        case termPick(TermPick)
    }

    /// A sentence being edited in place: what it was, and the field.
    struct InlineEdit: Equatable {
        var linkID: Int64
        var version: Int
        var side: AlignmentStore.Side
        var ordinal: Int
        /// nil when the side is empty and the field types a new sentence (a translation for a 1-0 link).
        var sentenceID: Int64?
        var original: String
        var field: LineEditor
        /// Escape was pressed once with changes unsaved: a second one discards them.
        var discardAsked = false
    }

    /// The pairs of the store with a cursor: what `P` shows.
    struct PairList: Equatable {
        var pairs: [PairSummary]
        var cursor: Int
    }

    /// Actions that touch many links: the screen says how many and asks first.
    enum BulkAction: Equatable {
        case confirmAbove(links: [Int64], versions: [Int64: Int])
        case realignFrom(link: Int64)
    }

    enum Prompt: Equatable {
        case jump, search
        /// `X`: the reason for rejecting the link under the cursor.
        case rejectionReason
        /// A term typed as `original = translation`: added, or replacing the one edited.
        case term(TermPrompt)

        var symbol: String {
            switch self {
            case .jump: ":"
            case .search: "/"
            case .rejectionReason: "reject because: "
            case .term(let prompt): prompt.editing == nil ? "add term (original = translation): " : "edit term: "
            }
        }
    }

    /// Where the link under the cursor would be cut: the number of its source and target sentences
    /// that stay in the first part.
    struct SplitChoice: Equatable {
        var sourceCut: Int
        var targetCut: Int
        var sourceSentences: [String]
        var targetSentences: [String]
    }

    /// What the terminal must do for a key beyond redrawing.
    public enum Effect: Equatable {
        case none
        case quit
        /// Ctrl-Z: give the terminal back to the shell until `fg`.
        case suspend
        /// Hand the terminal to `$EDITOR` with these target sentences, then call `finishEdit`.
        case editTarget(linkID: Int64, version: Int, ordinals: Range<Int>, sentences: [String])
    }

    public let store: AlignmentStore
    public private(set) var pair: PairSummary
    private let wake: (@Sendable () -> Void)?
    public internal(set) var navigator: ReviewNavigator
    var mode: Mode = .normal
    var pendingPrefix: Character?
    /// Digits typed before a key (`5j`): how many times it applies.
    var countPrefix: Int?
    /// Lines of the current link scrolled off the top, when it is taller than the screen.
    var linkScroll = 0
    private var scrolledLink: Int64?
    /// The text `/` looked for last; while set, `n`/`N` go to its next and previous matches.
    var search: TextSearch?
    var message: (text: String, isError: Bool)?
    var findingsByLink: [Int64: [Finding]] = [:]
    var checksPending = true
    var termChecks: QualityChecks
    /// The glossary view's links, read once per visit, and its concordances per term.
    var glossaryCorpus: TermCorpus?
    var usageCache: [Int64: (version: Int, glossaryVersion: Int, usage: TermUsage)] = [:]
    /// Counts glossary edits made here, so concordances computed before one are not reused.
    var glossaryVersion = 0
    var glossaryEntries: [GlossaryEntry]?
    /// The terms of the pair's languages as this screen last read them.
    var glossarySnapshot: [GlossaryTermRecord] = []
    private var cache: [Int64: LinkView] = [:]
    private var checks: BackgroundChecks?
    /// Links with findings per pair, for the pair list; filled in the background.
    private(set) var pairFindings: [Int64: Int] = [:]
    private var pairCounter: PairFindingCounts?
    /// Notices other reviewers' edits (a key loop only).
    private var watcher: StoreWatcher?

    /// Who reviews: the reading position is kept per reviewer and pair.
    public let reviewer: String

    /// Opens pair `pairID` of `store` at link `startLink` (else where `reviewer` left it last);
    /// `wake` is called (from another thread) when background check results are ready to be
    /// collected with `collectFindings()`.
    /// - Throws: `StoreError.unknownPair`, `.unknownLink` when `startLink` is not a link of the pair.
    /// Without `pairID`, the session opens on the list of the store's pairs (the first one loaded
    /// behind it).
    public init(
        store: AlignmentStore, pairID: Int64?, startLink: Int64? = nil, reviewer: String = ReviewSession.defaultReviewer,
        wake: (@Sendable () -> Void)? = nil
    ) throws {
        self.store = store
        self.reviewer = reviewer
        self.wake = wake
        let requested = pairID
        let pairs = try store.pairs()
        guard let first = pairs.first else {
            throw StoreError.invalidEdit("the store holds no pair yet; add one with `padan add`")
        }
        guard let summary = pairID.map({ id in pairs.first { $0.id == id } }) ?? first else {
            throw StoreError.unknownPair(pairID ?? 0)
        }
        let pairID = summary.id
        pair = summary
        if requested == nil { mode = .pairList(PairList(pairs: pairs, cursor: 0)) }
        navigator = ReviewNavigator(
            items: try store.outline(pair: pairID).map { ReviewItem($0) },
            bookmarks: Set(try store.bookmarks(pair: pairID).map(\.linkID)))
        if let startLink {
            guard navigator.jump(toID: startLink) else { throw StoreError.unknownLink(startLink) }
        } else if let saved = try store.reviewPosition(pair: pairID, reviewer: reviewer) {
            navigator.jump(toID: saved)
        }
        let languages = LanguagePair(source: summary.sourceLanguage, target: summary.targetLanguage)
        glossarySnapshot = try store.glossary(languages: languages)
        termChecks = QualityChecks(glossary: glossarySnapshot.map(\.entry), languages: languages)
        if let wake {
            checks = BackgroundChecks(store: store, pairID: pairID, wake: wake)
            checks?.request()
        } else {
            checksPending = false
        }
        if requested == nil { countPairFindings(pairs, from: 0) }
        if wake != nil {
            do {
                watcher = try StoreWatcher(store: store)
            } catch {
                say("other reviewers' edits will show after Ctrl-L only: \(error)", error: true)
            }
        }
    }

    /// Shows what other reviewers changed in this pair since the last look: the links are read
    /// again (the cursor stays on its link) and the message line says so. Called a few times a
    /// second by the key loop; not while a bulk action of this screen runs.
    /// - Returns: whether the screen needs drawing again.
    public func pollOutsideChanges() -> Bool {
        guard runningJob == nil, let watcher else { return false }
        let change: OutsideChange
        do {
            change = try watcher.poll()
        } catch {
            self.watcher = nil
            say("stopped watching for other reviewers' edits: \(error)", error: true)
            return true
        }
        switch change {
        case .none: return false
        case .pairs(let pairs) where !pairs.contains(pairID): return false
        case .pairs, .unknown:
            // The glossary may have changed: its view and the links' term marks follow.
            if change == .unknown, let terms = try? store.glossary(languages: languages), terms != glossarySnapshot {
                refreshGlossary(terms)
                if case .glossary(let view) = mode {
                    mode = .glossary(refreshed(view, selecting: nil))
                    say("updated: another reviewer changed the glossary")
                    return true
                }
            }
            let before = navigator.allItems
            reload()
            // SQLite does not say what changed: a write elsewhere may not touch this pair.
            guard navigator.allItems != before else { return false }
            say("updated: another reviewer changed this pair")
            checks?.request()
            return true
        }
    }

    public var pairID: Int64 { pair.id }

    /// What the detail view (`i`) says about the link under the cursor: its sentences with their
    /// ids, lengths, glossary terms found and missing, every QA finding in full, and its history.
    func detailLines() -> [String] {
        guard let current = navigator.current else { return ["no link"] }
        // The view is drawn again for every scroll key: what it reads and recomputes (history,
        // older texts, the confidence's parts) is kept while the link and its findings stay.
        let findings = checksPending ? nil : findingsByLink[current.id] ?? []
        if let cached = detailCache, cached.link == current.id, cached.version == current.version,
            cached.findings == findings
        {
            return cached.lines
        }
        let lines = computeDetailLines(current)
        detailCache = (current.id, current.version, findings, lines)
        return lines
    }

    /// The detail view's lines, kept for the link (version and findings) they describe.
    private var detailCache: (link: Int64, version: Int, findings: [Finding]?, lines: [String])?

    private func computeDetailLines(_ current: ReviewItem) -> [String] {
        var lines: [String] = []
        do {
            let view = try store.link(current.id)
            lines.append(
                "link \(view.id) · \(view.kind) · \(view.status.rawValue) · confidence \(String(format: "%.2f", view.score)) · version \(view.version)"
            )
            if !view.note.isEmpty { lines.append("note: \(view.note)") }
            if navigator.moved.contains(view.id) {
                // Where the translation put it: after the link holding the target sentence before it.
                let before = navigator.allItems.filter { !$0.target.isEmpty && $0.target.upperBound <= view.target.lowerBound }
                    .max { $0.target.upperBound < $1.target.upperBound }
                lines.append(
                    "moved: the translation has it at target sentence \(view.target.lowerBound)"
                        + (before.map { ", after link \($0.id)" } ?? ", first")
                        + " — c confirms it, x rejects it, U unlinks it")
            }
            for (name, side, range) in [("source", AlignmentStore.Side.source, view.source), ("target", .target, view.target)] {
                let records = try store.sentenceRecords(pair: pairID, side: side, ordinals: range)
                if records.isEmpty { lines.append("\(name): none (a \(view.kind) link)") }
                for record in records {
                    lines.append(
                        "\(name) sentence \(record.id ?? 0) (ordinal \(record.ordinal), paragraph \(record.paragraph)): \(record.text)"
                    )
                }
            }
            let sourceLength = view.sourceText.count
            let targetLength = view.targetText.count
            let ratio = sourceLength == 0 ? 0 : Double(targetLength) / Double(sourceLength)
            lines.append(
                "length: source \(sourceLength) characters, target \(targetLength)"
                    + (sourceLength > 0 && targetLength > 0 ? String(format: " (target/source %.2f)", ratio) : ""))
            if !view.sourceText.isEmpty && !view.targetText.isEmpty {
                let evidence = LinkEvidence.measure(
                    source: view.sourceText, target: view.targetText, sourceLanguage: pair.sourceLanguage,
                    targetLanguage: pair.targetLanguage, lexicon: try evidenceLexicon())
                lines.append(
                    String(
                        format:
                            "evidence: %d of %d source words and %d of %d target words have a counterpart (lexicon, cognates, numbers): %.0f%% / %.0f%%",
                        evidence.sourceMatched, evidence.sourceTokens, evidence.targetMatched, evidence.targetTokens,
                        evidence.sourceShare * 100, evidence.targetShare * 100))
            }
            lines += try confidenceLines(of: current)
            let marks = termChecks.termMarks(source: view.sourceText, target: view.targetText)
            if marks.source.isEmpty && marks.target.isEmpty {
                lines.append("glossary: no term of the glossary in this link")
            }
            for mark in marks.source + marks.target {
                lines.append(
                    "glossary: \(mark.term) — \(mark.hasEquivalent ? "rendered on the other side" : "MISSING on the other side")")
            }
            let findings = findingsByLink[current.id] ?? []
            if findings.isEmpty { lines.append(checksPending ? "checks: running…" : "checks: nothing found") }
            for finding in findings { lines.append("finding: \(finding.kind.rawValue): \(finding.evidence)") }
            for (index, older) in try store.olderTexts(link: current.id).prefix(9).enumerated() {
                lines.append(
                    "older text [\(index + 1)] of \(older.side.rawValue) sentence \(older.sentenceID), before edit \(older.editID) (\(older.at) \(older.author)): \(older.text)"
                )
            }
            let history = try store.history(link: current.id)
            if history.isEmpty { lines.append("history: no edit since the alignment") }
            for edit in history {
                let comment = edit.comment.isEmpty ? "" : " — “\(edit.comment)”"
                let undone = edit.undoneAt == nil ? "" : " (undone)"
                lines.append("history: \(edit.createdAt) \(edit.author) \(edit.kind): \(edit.summary)\(comment)\(undone)")
            }
        } catch {
            lines.append("\(error)")
        }
        return lines
    }

    /// Why the link's confidence is what it is: its parts, and for each boundary whether it is
    /// clear or which one-sentence move would cost about as much (the structure fix to try).
    private func confidenceLines(of current: ReviewItem) throws -> [String] {
        let items = navigator.allItems
        guard let index = items.firstIndex(where: { $0.id == current.id }),
            let (explanation, window) = try Workbench.explainConfidence(
                store: store, pair: pair, links: items.map { ($0.source, $0.target) }, index: index,
                lexicon: try evidenceLexicon())
        else { return ["confidence: cannot be explained here (the links around this one do not cover the text in order)"] }
        var parts: [String] = []
        if let similarity = explanation.similarity { parts.append(String(format: "word match %.2f", similarity)) }
        if let lengthFit = explanation.lengthFit { parts.append(String(format: "length fit %.2f", lengthFit)) }
        if let unmatched = explanation.unmatched {
            parts.append(String(format: "no counterpart nearby %.2f", unmatched))
        }
        if explanation.mergeDoubt < 1 { parts.append(String(format: "size doubt ×%.2f", explanation.mergeDoubt)) }
        var lines = [
            "confidence \(String(format: "%.2f", explanation.confidence)) recomputed over links \(items[window.lowerBound].id)–\(items[window.upperBound - 1].id): "
                + parts.joined(separator: ", ")
        ]
        for (margin, neighbour, isBefore) in [
            (explanation.before, index > 0 ? items[index - 1].id : nil, true),
            (explanation.after, index + 1 < items.count ? items[index + 1].id : nil, false),
        ] {
            guard let margin, let neighbour, margin.cost < .infinity else { continue }
            let name = isBefore ? "boundary with link \(neighbour) before" : "boundary with link \(neighbour) after"
            let factor = String(format: "×%.2f, margin %.1f", margin.factor, margin.cost)
            if margin.factor >= Self.clearBoundary {
                lines.append("\(name): clear (\(factor))")
                continue
            }
            let side = margin.side.rawValue
            // A move towards the later link takes the earlier link's last sentence of that side.
            let move =
                switch (isBefore, margin.towardsLater) {
                case (true, true): "the last \(side) sentence of link \(neighbour) moved into this link"
                case (true, false): "this link's first \(side) sentence moved into link \(neighbour)"
                case (false, true): "this link's last \(side) sentence moved into link \(neighbour)"
                case (false, false): "the first \(side) sentence of link \(neighbour) moved into this link"
                }
            lines.append("\(name): doubtful (\(factor)) — \(move) would fit about as well")
        }
        return lines
    }

    /// `]s` `[s` `]t` `[t` (`>` `<` for the target): one side of this and every later link shifts
    /// one sentence down or up against the other side.
    private func shiftSide(_ side: Side, down: Bool) {
        guard let current = navigator.current else { return }
        run {
            try self.store.shiftSide(
                pair: self.pairID, from: current.id, side: side, down: down, expecting: [current.id: current.version])
        }
    }

    /// `B`: a bookmark on this link, or off it (shared with everyone reviewing the store).
    private func toggleBookmark() {
        guard let current = navigator.current else { return }
        do {
            let set = try store.toggleBookmark(link: current.id, author: reviewer)
            var bookmarks = navigator.bookmarks
            if set { bookmarks.insert(current.id) } else { bookmarks.remove(current.id) }
            navigator.setBookmarks(bookmarks)
            say(
                set
                    ? "bookmark on link \(current.id): ]b [b go to the next / previous one, v b shows them all"
                    : "bookmark removed from link \(current.id)")
        } catch {
            failed(error)
        }
    }

    /// A boundary whose factor on the confidence is at least this is called clear.
    static let clearBoundary = 0.9

    /// `bs` / `bt`: a paragraph break before the link's first source (target) sentence, added or
    /// removed.
    private func toggleParagraph(side: AlignmentStore.Side) {
        guard let current = navigator.current else { return }
        let range = side == .source ? current.source : current.target
        guard !range.isEmpty else { return say("this link has no sentence on that side", error: true) }
        do {
            guard
                let id = try store.sentenceRecords(pair: pairID, side: side, ordinals: range.lowerBound..<range.lowerBound + 1)
                    .first?.id
            else { return }
            run { try self.store.toggleParagraphBreak(before: id) }
        } catch {
            failed(error)
        }
    }

    /// `Ms` / `Mt`: the first two source (target) sentences of the link become one sentence (a
    /// boundary the segmenter or the translator put where there is none).
    private func mergeSentences(side: AlignmentStore.Side) {
        guard let current = navigator.current else { return }
        let range = side == .source ? current.source : current.target
        guard range.count >= 2 else {
            return say("this link has fewer than two \(side == .source ? "source" : "target") sentences", error: true)
        }
        do {
            let records = try store.sentenceRecords(pair: pairID, side: side, ordinals: range.lowerBound..<range.lowerBound + 2)
            guard records.count == 2, let first = records[0].id, let second = records[1].id else { return }
            run { try self.store.mergeSentences(first, second, expecting: [current.id: current.version]) }
        } catch {
            failed(error)
        }
    }

    /// `t` / `T` (`2t`: the second sentence): edits one sentence of the link's target (source)
    /// in place.
    private func beginInlineEdit(side: AlignmentStore.Side, sentence number: Int) {
        guard let current = navigator.current else { return }
        let range = side == .source ? current.source : current.target
        if range.isEmpty {
            // An empty side: the field types its first sentence (a translation for a 1-0 link).
            mode = .inlineEdit(
                InlineEdit(
                    linkID: current.id, version: current.version, side: side, ordinal: range.lowerBound, sentenceID: nil,
                    original: "", field: LineEditor("")))
            return
        }
        guard number <= range.count else { return say("this side has \(range.count) sentences", error: true) }
        let ordinal = range.lowerBound + number - 1
        do {
            guard let record = try store.sentenceRecords(pair: pairID, side: side, ordinals: ordinal..<ordinal + 1).first,
                let id = record.id
            else { return say("sentence \(ordinal) not found", error: true) }
            mode = .inlineEdit(
                InlineEdit(
                    linkID: current.id, version: current.version, side: side, ordinal: ordinal, sentenceID: id,
                    original: record.text, field: LineEditor(record.text)))
        } catch {
            failed(error)
        }
    }

    private func handleInlineEdit(_ edit: InlineEdit, _ key: Key) {
        var edit = edit
        switch key {
        case .enter:
            mode = .normal
            let text = edit.field.string
            guard text != edit.original else { return say("no change") }
            if edit.sentenceID == nil {
                run {
                    try self.store.insertSentence(
                        into: edit.linkID, side: edit.side, text: text, expecting: [edit.linkID: edit.version])
                }
                return
            }
            run {
                try self.store.editTexts(
                    link: edit.linkID, side: edit.side, texts: [edit.ordinal: text], expecting: [edit.linkID: edit.version])
            }
            cache[edit.linkID] = nil
            return
        case .escape, .control("c"):
            if edit.field.string == edit.original || edit.discardAsked {
                mode = .normal
                return say(edit.field.string == edit.original ? "nothing changed" : "edit discarded")
            }
            edit.discardAsked = true
            mode = .inlineEdit(edit)
            return say("unsaved changes: Enter saves them, Esc again discards them", error: true)
        case .control("s"):
            // Split the sentence where the cursor stands: a new sentence boundary, links follow.
            guard let sentenceID = edit.sentenceID, edit.field.string == edit.original else {
                mode = .inlineEdit(edit)
                return say("save the text first (Enter), then split", error: true)
            }
            mode = .normal
            let at = edit.field.cursor
            run {
                try self.store.splitSentence(sentenceID, atCharacter: at, expecting: [edit.linkID: edit.version])
            }
            return
        default:
            edit.discardAsked = false
            if edit.field.handle(key) == .notHandled {
                say("Enter saves, Esc cancels, Ctrl-S splits the sentence here, Ctrl-_ undoes", error: true)
            }
            mode = .inlineEdit(edit)
        }
    }

    /// A digit in the detail view: the sentence gets its numbered older text back, as one edit.
    private func restoreOlderText(_ number: Int) {
        guard let current = navigator.current else { return }
        do {
            let older = try store.olderTexts(link: current.id)
            guard older.indices.contains(number - 1) else { return say("no older text [\(number)]", error: true) }
            let chosen = older[number - 1]
            mode = .normal
            run {
                try self.store.editTexts(
                    link: current.id, side: chosen.side, texts: [chosen.ordinal: chosen.text],
                    expecting: [current.id: current.version], comment: "restored the text from before edit \(chosen.editID)")
            }
            cache[current.id] = nil
        } catch {
            failed(error)
        }
    }

    /// The evidence the aligner uses for this pair's languages (bundled lexicon, the store's
    /// entries and glossary), prepared once per session for the detail view.
    private func evidenceLexicon() throws -> PreparedLexicon? {
        if let prepared = preparedLexicon { return prepared.lexicon }
        let lexicon = try Workbench.lexicon(
            sourceLanguage: pair.sourceLanguage, targetLanguage: pair.targetLanguage, store: store)
        preparedLexicon = (pair.id, lexicon)
        return lexicon
    }

    private var preparedLexicon: (pair: Int64, lexicon: PreparedLexicon?)?

    /// Opens the pair list (`P`).
    func showPairList() {
        do {
            let pairs = try store.pairs()
            let cursor = pairs.firstIndex { $0.id == pairID } ?? 0
            mode = .pairList(PairList(pairs: pairs, cursor: cursor))
            countPairFindings(pairs, from: cursor)
        } catch {
            failed(error)
        }
    }

    /// Counts the links with findings of every pair listed, from the one at `cursor` on (the
    /// counts of an earlier opening stay shown until they are counted again; the current pair's
    /// is known already once its checks ran).
    private func countPairFindings(_ pairs: [PairSummary], from cursor: Int) {
        pairCounter?.stop()
        if !checksPending { pairFindings[pairID] = findingsByLink.count }
        let order = pairs.indices.map { pairs[($0 + cursor) % pairs.count].id }
        pairCounter = PairFindingCounts(store: store, pairIDs: order, wake: wake)
        collectPairFindings()
    }

    @discardableResult
    private func collectPairFindings() -> Bool {
        guard let counts = pairCounter?.take() else { return false }
        pairFindings.merge(counts) { $1 }
        return true
    }

    /// Leaves this pair (its position kept) for pair `id`, at the link its reviewer left it.
    func open(pair id: Int64) {
        savePosition()
        do {
            guard let summary = try store.pairs().first(where: { $0.id == id }) else { throw StoreError.unknownPair(id) }
            pair = summary
            refreshGlossary()
            navigator = ReviewNavigator(
                items: try store.outline(pair: id).map { ReviewItem($0) },
                bookmarks: Set(try store.bookmarks(pair: id).map(\.linkID)))
            if let saved = try store.reviewPosition(pair: id, reviewer: reviewer) { navigator.jump(toID: saved) }
            cache.removeAll()
            sentenceCache.removeAll()
            preparedLexicon = nil
            findingsByLink = [:]
            search = nil
            mode = .normal
            if let wake {
                checksPending = true
                checks = BackgroundChecks(store: store, pairID: id, wake: wake)
                checks?.request()
            }
            say("pair \(id): \(summary.targetTitle ?? summary.targetPath ?? "") — ]p [p next / previous pair, P the list")
        } catch {
            failed(error)
        }
    }

    /// `]p` / `[p`: the next or previous pair of the store, wrapping around.
    func openNeighbourPair(forward: Bool) {
        guard let pairs = try? store.pairs(), pairs.count > 1, let index = pairs.firstIndex(where: { $0.id == pairID }) else {
            return say("the store holds no other pair")
        }
        open(pair: pairs[(index + (forward ? 1 : pairs.count - 1)) % pairs.count].id)
    }

    private func handlePairList(_ list: PairList, _ key: Key) -> Effect {
        var list = list
        switch key {
        case .character("j"), .down: list.cursor = min(list.pairs.count - 1, list.cursor + 1)
        case .character("k"), .up: list.cursor = max(0, list.cursor - 1)
        case .character("g"), .home: list.cursor = 0
        case .character("G"), .end: list.cursor = max(0, list.pairs.count - 1)
        case .enter, .character("o"):
            if list.pairs.indices.contains(list.cursor) { open(pair: list.pairs[list.cursor].id) }
            return .none
        case .escape:
            mode = .normal
            return .none
        case .character("q"), .control("c"): return .quit
        default: break
        }
        mode = .pairList(list)
        return .none
    }

    /// Keys that only move or show: allowed while a bulk action runs.
    static let movementKeys: Set<Key> = [
        .character("j"), .character("k"), .down, .up, .character("J"), .character("K"), .pageDown, .pageUp,
        .character("g"), .character("G"), .home, .end, .control("n"), .control("p"), .control("f"), .control("b"),
        .control("d"), .control("u"), .control("e"), .control("y"), .character("?"),
    ]

    /// `PADAN_USER`, else the login name: the same author the store records edits under.
    public static var defaultReviewer: String { EditAuthor.current }

    /// Keeps the link under the cursor as this reviewer's place in the pair (the next
    /// `padan review PAIR` opens there). Best effort: a read-only store keeps nothing.
    public func savePosition() {
        guard let current = navigator.current else { return }
        try? store.saveReviewPosition(pair: pairID, reviewer: reviewer, link: current.id)
    }

    // MARK: Keys

    /// Does what `key` asks; the caller redraws afterwards.
    public func handle(_ key: Key) -> Effect {
        // Escape and a key typed together arrive as one Alt key; only a text field takes Alt keys.
        if case .alt(let character) = key {
            if case .inlineEdit = mode {
            } else {
                _ = handle(.escape)
                return handle(.character(character))
            }
        }
        switch mode {
        case .help:
            mode = .normal
            return .none
        case .prompt(let prompt, let text):
            return handlePrompt(prompt, text, key)
        case .split(let choice):
            handleSplit(choice, key)
            return .none
        case .pairList(let list):
            return handlePairList(list, key)
        case .glossary(let view):
            return handleGlossary(view, key)
        case .termPick(let pick):
            handleTermPick(pick, key)
            return .none
        case .inlineEdit(let edit):
            handleInlineEdit(edit, key)
            return .none
        case .detail(let offset):
            if case .character(let digit) = key, let number = digit.wholeNumberValue, number >= 1 {
                detailCache = nil
                restoreOlderText(number)
                return .none
            }
            switch key {
            case .character("j"), .down, .control("e"): mode = .detail(offset: offset + 1)
            case .character("k"), .up, .control("y"): mode = .detail(offset: max(0, offset - 1))
            case .character("J"), .pageDown: mode = .detail(offset: offset + 10)
            case .character("K"), .pageUp: mode = .detail(offset: max(0, offset - 10))
            case .character("q"), .control("c"): return .quit
            default: mode = .normal
            }
            return .none
        case .confirming(let action, _):
            mode = .normal
            if key == .character("y") || key == .character("Y") {
                perform(action)
            } else {
                say("nothing changed")
            }
            return .none
        case .normal:
            break
        }
        if case .paste = key {
            say("pasted text is only taken by a prompt (/ or :) — nothing was done", error: true)
            return .none
        }
        if case .character(let digit) = key, let value = digit.wholeNumberValue, digit.isASCII,
            value > 0 || countPrefix != nil
        {
            countPrefix = min(99_999, (countPrefix ?? 0) * 10 + value)
            return .none
        }
        let repeats = countPrefix ?? 1
        countPrefix = nil
        if job != nil, !Self.movementKeys.contains(key) {
            if key == .character("q") || key == .control("c") { return .quit }
            say("\(job?.title ?? "working")… moving is fine; edits wait until it is done", error: true)
            return .none
        }
        defer {
            // A new current link starts at its top.
            if navigator.current?.id != scrolledLink {
                scrolledLink = navigator.current?.id
                linkScroll = 0
            }
        }
        if let prefix = pendingPrefix {
            pendingPrefix = nil
            if prefix == "b" {
                guard key == .character("s") || key == .character("t") else {
                    say("b then s or t: add or remove a paragraph break before this link's source or target", error: true)
                    return .none
                }
                toggleParagraph(side: key == .character("s") ? .source : .target)
                return .none
            }
            if prefix == "M" {
                guard key == .character("s") || key == .character("t") else {
                    say("M then s or t: merge the first two source or target sentences of this link", error: true)
                    return .none
                }
                mergeSentences(side: key == .character("s") ? .source : .target)
                return .none
            }
            if prefix == "Z" {
                if key == .character("Z") || key == .character("Q") { return .quit }
                say("ZZ or ZQ quits", error: true)
                return .none
            }
            if prefix == "v" {
                guard case .character(let choice) = key, let queue = ReviewQueue.allCases.first(where: { $0.key == choice })
                else {
                    say(
                        "v then a, u, l, f, n, e, r or b: all, unconfirmed, low confidence, findings, not 1-1, edited, rejected, bookmarked",
                        error: true)
                    return .none
                }
                navigator.show(queue)
                say(
                    queue == .all
                        ? "showing every link"
                        : "showing \(navigator.count) link\(navigator.count == 1 ? "" : "s"): \(queue.name) — v a shows all")
                return .none
            }
            if key == .character("u") {
                if !navigator.nextUnconfirmed(forward: prefix == "]") { say("every link is confirmed or rejected") }
                return .none
            }
            if key == .character("p") {
                openNeighbourPair(forward: prefix == "]")
                return .none
            }
            if key == .character("b") {
                if !navigator.nextBookmark(forward: prefix == "]") { say("no link of this pair has a bookmark: B sets one") }
                return .none
            }
            if key == .character("s") || key == .character("t") {
                shiftSide(key == .character("s") ? .source : .target, down: prefix == "]")
                return .none
            }
        }
        message = nil
        switch key {
        case .character("j"), .down, .control("n"): navigator.move(by: repeats)
        case .character("k"), .up, .control("p"): navigator.move(by: -repeats)
        case .character("J"), .pageDown, .control("f"), .control("d"):
            for _ in 0..<repeats { navigator.page(forward: true, linksPerScreen: max(1, lastWindow.count - 1)) }
        case .character("K"), .pageUp, .control("b"), .control("u"):
            for _ in 0..<repeats { navigator.page(forward: false, linksPerScreen: max(1, lastWindow.count - 1)) }
        case .character("g"), .home: navigator.first()
        case .character("G"), .end: navigator.last()
        case .character("n"), .character("N"):
            let forward = key == .character("n")
            if let search {
                let here = navigator.current.map { ($0.source.lowerBound, $0.target.lowerBound) }
                findNext(search, after: here, forward: forward)
            } else if !navigator.nextNeedingReview(forward: forward) {
                say("nothing needs review: every link is confirmed or rejected")
            }
        case .character("]"), .character("["), .character("Z"), .character("v"), .character("M"), .character("b"):
            if case .character(let prefix) = key { pendingPrefix = prefix }
        case .control("z"): return .suspend
        case .control("e"): linkScroll += repeats
        case .control("y"): linkScroll = max(0, linkScroll - repeats)
        case .character(":"): mode = .prompt(.jump, "")
        case .character("/"): mode = .prompt(.search, "")
        case .escape:
            if search != nil {
                search = nil
                say("search cleared: n goes to the next link needing review")
            }
        case .character("?"): mode = .help
        case .character("q"), .control("c"): return .quit
        case .control("l"): reload()
        case .character("c"), .character(" "): setStatus(.confirmed, count: repeats)
        case .character("x"): setStatus(.rejected, count: repeats)
        case .character("X"): mode = .prompt(.rejectionReason, "")
        case .character("P"): showPairList()
        case .character("W"):
            // The links may have changed since the last visit: the concordances are read again.
            glossaryCorpus = nil
            usageCache = [:]
            showGlossary()
            if case .glossary = mode { say(Self.glossaryKeys) }
        case .character("a"): beginTermPick()
        case .character("U"):
            guard let current = navigator.current else { break }
            run { try self.store.unlink(current.id, expecting: [current.id: current.version]) }
        case .character("B"): toggleBookmark()
        case .character("i"), .tab:
            detailCache = nil
            mode = .detail(offset: 0)
        case .character("t"): beginInlineEdit(side: .target, sentence: repeats)
        case .character("T"): beginInlineEdit(side: .source, sentence: repeats)
        case .character("C"): confirmAbove()
        case .character("m"): mergeWithNext()
        case .character("}"): moveBoundary(side: .source, intoCurrent: true)
        case .character("{"): moveBoundary(side: .source, intoCurrent: false)
        case .character(")"): moveBoundary(side: .target, intoCurrent: true)
        case .character("("): moveBoundary(side: .target, intoCurrent: false)
        case .character(">"), .character("<"): shiftSide(.target, down: key == .character(">"))
        case .character("s"): beginSplit()
        case .character("e"): return beginEdit()
        case .character("u"): run { try self.store.undo(pair: self.pairID) }
        case .character("r"), .control("r"): run { try self.store.redo(pair: self.pairID) }
        case .character("R"):
            guard let current = navigator.current else { break }
            let unreviewed = navigator.items[navigator.cursor...].filter { $0.status == .auto }.count
            mode = .confirming(
                .realignFrom(link: current.id),
                question:
                    "re-align from link \(current.id): \(unreviewed) unreviewed link\(unreviewed == 1 ? "" : "s") may change, reviewed ones stay — y to go on, any other key to cancel"
            )
        default:
            say("no such key — press ? for help", error: true)
        }
        return .none
    }

    private func handlePrompt(_ prompt: Prompt, _ text: String, _ key: Key) -> Effect {
        // A term prompt goes back to the glossary view it was opened from.
        let back: Mode
        if case .term(let termPrompt) = prompt { back = .glossary(termPrompt.returnTo) } else { back = .normal }
        switch key {
        case .escape, .control("c"): mode = back
        case .backspace:
            mode = text.isEmpty ? back : .prompt(prompt, String(text.dropLast()))
        case .enter:
            mode = .normal
            if case .term(let termPrompt) = prompt {
                submitTermPrompt(termPrompt, text)
                return .none
            }
            if prompt == .jump { return jump(text) }
            if prompt == .rejectionReason {
                setStatus(.rejected, comment: text.trimmingCharacters(in: .whitespaces))
                return .none
            }
            find(text)
        case .character(let character):
            mode = .prompt(prompt, text + String(character))
        case .paste(let pasted):
            // A paste goes into the prompt it was made in, line breaks as spaces.
            let line = pasted.split(whereSeparator: \.isNewline).joined(separator: " ")
            mode = .prompt(prompt, text + line)
        default: break
        }
        return .none
    }

    /// `:ID` goes to the link with that store id (the number in the gutter and in every message
    /// and command), `:#N` to the N-th link on screen order; `:q` and `:wq` quit.
    private func jump(_ text: String) -> Effect {
        let command = text.trimmingCharacters(in: .whitespaces)
        if ["q", "q!", "wq", "x", "quit"].contains(command) { return .quit }
        if command.hasPrefix("#") {
            guard let number = Int(command.dropFirst()), number >= 1 else {
                say("type a position after “:#”, e.g. :#12", error: true)
                return .none
            }
            if number > navigator.count { say("there are \(navigator.count) links; went to the last") }
            navigator.jump(toNumber: number)
            return .none
        }
        guard let id = Int64(command) else {
            say("type a link id after “:” (:#N for the N-th link, :q to quit)", error: true)
            return .none
        }
        if !navigator.jump(toID: id) { say("pair \(pairID) has no link \(id)", error: true) }
        return .none
    }

    private func find(_ text: String) {
        let typed = text.isEmpty ? (search?.typed ?? "") : text
        guard !typed.isEmpty else { return }
        do {
            search = try TextSearch(parsing: typed)
        } catch {
            return say("\(error)", error: true)
        }
        guard let search else { return }
        // The first match at or after the cursor.
        let before = navigator.cursor > 0 ? navigator.items[navigator.cursor - 1] : nil
        if findNext(search, after: before.map { ($0.source.lowerBound, $0.target.lowerBound) }, forward: true) {
            say("“\(search.typed)” — n/N next/previous match, Esc to clear")
        }
    }

    /// Goes to the first link after (going backward: before) `position` that `search` matches,
    /// wrapping around once. Links are read in chunks in document order from there: each chunk is
    /// one range read of each side's sentences, joined per link here, so a search that finds
    /// nothing reads the pair once, quickly, and a near match reads a chunk.
    @discardableResult
    private func findNext(_ search: TextSearch, after position: (Int, Int)?, forward: Bool) -> Bool {
        let all = navigator.allItems
        guard !all.isEmpty else { return false }
        // The first index to look at, then every other in order, wrapping around.
        var start = forward ? 0 : all.count - 1
        if let position {
            let key = { (item: ReviewItem) in (item.source.lowerBound, item.target.lowerBound) }
            if forward {
                start = all.firstIndex { key($0) > (position.0, position.1) } ?? all.count
            } else {
                start = (all.lastIndex { key($0) < (position.0, position.1) } ?? -1)
            }
        }
        // The links to look at, in order: from `start` to the end, then from the beginning (backward:
        // from `start` down, then from the end), each stretch read in chunks of consecutive links.
        let stretches: [StrideTo<Int>] =
            forward
            ? [stride(from: start, to: all.count, by: 1), stride(from: 0, to: min(start, all.count), by: 1)]
            : [stride(from: start, to: -1, by: -1), stride(from: all.count - 1, to: start, by: -1)]
        do {
            for stretch in stretches {
                let indices = Array(stretch)
                for chunkStart in stride(from: 0, to: indices.count, by: Self.searchChunk) {
                    let chunk = indices[chunkStart..<min(indices.count, chunkStart + Self.searchChunk)]
                    if let hit = try firstMatch(search, among: chunk, of: all) {
                        guard navigator.jump(toID: hit) else {
                            say(
                                "link \(hit) matches, outside this view (\(navigator.queue.name)); v a shows every link",
                                error: true)
                            return false
                        }
                        return true
                    }
                }
            }
            say("no link matches “\(search.typed)”", error: true)
            return false
        } catch {
            say("\(error)", error: true)
            return false
        }
    }

    /// The first link of `chunk` (consecutive indices of `all`, in search order) that `search` matches.
    private func firstMatch(_ search: TextSearch, among chunk: ArraySlice<Int>, of all: [ReviewItem]) throws -> Int64? {
        guard let low = chunk.min(), let high = chunk.max() else { return nil }
        let source = try texts(.source, all[low...high])
        let target = try texts(.target, all[low...high])
        // Every link's text is a stretch of its side's sentences joined: when neither side of the
        // chunk holds the text, no link of it does (most chunks, in a search that finds little).
        if !search.isRegularExpression,
            !search.matches(source: source.texts.joined(separator: " "), target: target.texts.joined(separator: " "))
        {
            return nil
        }
        for index in chunk {
            let item = all[index]
            if search.matches(source: source.joined(item.source), target: target.joined(item.target)) { return item.id }
        }
        return nil
    }

    /// How many links one search step reads at once.
    static let searchChunk = 2_000

    /// The sentences of one side under some consecutive links, read in one range query.
    private func texts(_ side: AlignmentStore.Side, _ items: ArraySlice<ReviewItem>) throws -> SentenceSpan {
        let ranges = items.map { side == .source ? $0.source : $0.target }
        let low = ranges.map(\.lowerBound).min() ?? 0
        let high = ranges.map(\.upperBound).max() ?? low
        return SentenceSpan(first: low, texts: try store.sentenceTexts(pair: pairID, side: side, ordinals: low..<high))
    }

    /// Consecutive sentences of one side, from ordinal `first` on.
    private struct SentenceSpan {
        var first: Int
        var texts: [String]

        /// The sentences of `range` joined by a space, as a link shows them.
        func joined(_ range: Range<Int>) -> String {
            let lower = max(0, range.lowerBound - first)
            let upper = min(texts.count, range.upperBound - first)
            return lower < upper ? texts[lower..<upper].joined(separator: " ") : ""
        }
    }

    private func handleSplit(_ choice: SplitChoice, _ key: Key) {
        var choice = choice
        switch key {
        case .escape, .character("q"), .control("c"):
            mode = .normal
            return say("split cancelled")
        case .left, .character("h"): choice.sourceCut = max(0, choice.sourceCut - 1)
        case .right, .character("l"): choice.sourceCut = min(choice.sourceSentences.count, choice.sourceCut + 1)
        case .up, .character("k"): choice.targetCut = max(0, choice.targetCut - 1)
        case .down, .character("j"): choice.targetCut = min(choice.targetSentences.count, choice.targetCut + 1)
        case .enter, .character("s"):
            mode = .normal
            guard let current = navigator.current else { return }
            run {
                try self.store.split(
                    current.id, sourceAt: current.source.lowerBound + choice.sourceCut,
                    targetAt: current.target.lowerBound + choice.targetCut,
                    expecting: [current.id: current.version])
            }
            return
        default: break
        }
        mode = .split(choice)
    }

    // MARK: Actions

    /// `c`/`x` (with a count, `5c`): the link under the cursor and the next ones, one edit.
    private func setStatus(_ status: LinkStatus, count: Int = 1, comment: String? = nil) {
        guard navigator.current != nil else { return }
        let chosen = Array(navigator.items[navigator.cursor..<min(navigator.count, navigator.cursor + max(1, count))])
        var versions: [Int64: Int] = [:]
        for item in chosen { versions[item.id] = item.version }
        do {
            let summaries = try store.setStatus(
                status, links: chosen.map(\.id), expectedVersions: versions, comment: comment?.isEmpty == false ? comment : nil)
            for summary in summaries { apply(summary.linkChanges) }
            navigator.move(by: chosen.count)
            let verb = status == .confirmed ? "confirmed" : "rejected"
            say(
                chosen.count == 1
                    ? "\(verb) link \(chosen[0].id)" : "\(verb) links \(chosen[0].id)–\(chosen[chosen.count - 1].id)")
            checks?.request()
        } catch {
            // Someone else changed the link (or the store refused): show the store as it is now.
            reload()
            failed(error)
        }
    }

    /// `C`: asks first, then confirms every unreviewed link above the cursor as one edit.
    private func confirmAbove() {
        let above = navigator.items[..<navigator.cursor].filter { $0.status == .auto }
        guard !above.isEmpty else { return say("every link above is already reviewed") }
        var versions: [Int64: Int] = [:]
        for item in above { versions[item.id] = item.version }
        mode = .confirming(
            .confirmAbove(links: above.map(\.id), versions: versions),
            question:
                "confirm the \(above.count) unreviewed link\(above.count == 1 ? "" : "s") above link \(navigator.current?.id ?? 0)? y to confirm, any other key to cancel"
        )
    }

    /// Runs a bulk action off the key loop (`BulkJob`): the screen keeps moving while the store
    /// works, and edit keys wait until it is done. Without a key loop (`wake` nil) it waits here.
    private func perform(_ action: BulkAction) {
        let store = self.store
        let pairID = self.pairID
        switch action {
        case .confirmAbove(let links, let versions):
            job = BulkJob(title: "confirming \(links.count) links", wake: wake) {
                try store.setStatus(.confirmed, links: links, expectedVersions: versions).last ?? nil
            }
            jobDoneMessage = "confirmed the \(links.count) unreviewed link\(links.count == 1 ? "" : "s") above the cursor"
        case .realignFrom(let link):
            job = BulkJob(title: "re-aligning from link \(link)", wake: wake) {
                try Workbench.realign(store: store, pairID: pairID, fromLink: link)
            }
            jobDoneMessage = nil
        }
        if wake == nil, let job { finish(job, job.wait()) }
    }

    /// The bulk action running now, if any: its title and time so far, for the status line.
    public var runningJob: (title: String, seconds: Double)? {
        job.map { ($0.title, Date().timeIntervalSince($0.started)) }
    }

    /// Takes the running bulk action's outcome when it has finished; true when the screen changed.
    @discardableResult
    public func collectJob() -> Bool {
        guard let job, let outcome = job.take() else { return false }
        finish(job, outcome)
        return true
    }

    private func finish(_ finished: BulkJob, _ outcome: Result<EditSummary?, any Error>) {
        job = nil
        switch outcome {
        case .success(let summary):
            if let summary, summary.pairs == [pairID] { apply(summary.linkChanges) } else { reload() }
            say(jobDoneMessage ?? summary?.summary ?? "done")
            checks?.request()
        case .failure(let error):
            reload()
            failed(error)
        }
    }

    private var job: BulkJob?
    private var jobDoneMessage: String?

    private func mergeWithNext() {
        guard let current = navigator.current, navigator.cursor + 1 < navigator.count else {
            return say("no next link to merge with", error: true)
        }
        let next = navigator.items[navigator.cursor + 1]
        run { try self.store.merge(current.id, next.id, expecting: [current.id: current.version, next.id: next.version]) }
    }

    /// `}` `)`: the next link's first source (target) sentence joins this link; `{` `(`: this
    /// link's last source (target) sentence goes to the next link (or becomes a link of its own
    /// at the end). One relink edit; the neighbours adjust, a link left empty goes.
    private func moveBoundary(side: AlignmentStore.Side, intoCurrent: Bool) {
        guard let current = navigator.current, let position = navigator.allItems.firstIndex(where: { $0.id == current.id })
        else { return }
        let next = navigator.allItems.indices.contains(position + 1) ? navigator.allItems[position + 1] : nil
        func range(_ item: ReviewItem) -> Range<Int> { side == .source ? item.source : item.target }
        var expected = [current.id: current.version]
        if let next { expected[next.id] = next.version }
        let sideName = side == .source ? "source" : "target"
        if intoCurrent {
            guard let next, !range(next).isEmpty else {
                return say("the next link has no \(sideName) sentence to take", error: true)
            }
            let grown = range(current).lowerBound..<range(next).lowerBound + 1
            run {
                try self.store.relink(
                    pair: self.pairID, source: side == .source ? grown : current.source,
                    target: side == .target ? grown : current.target, expecting: expected)
            }
        } else {
            guard !range(current).isEmpty else { return say("this link has no \(sideName) sentence to give", error: true) }
            let last = range(current).upperBound - 1
            if let next {
                let grown = last..<range(next).upperBound
                run {
                    try self.store.relink(
                        pair: self.pairID, source: side == .source ? grown : next.source,
                        target: side == .target ? grown : next.target, expecting: expected)
                }
            } else {
                let other = side == .source ? current.target.upperBound : current.source.upperBound
                run {
                    try self.store.relink(
                        pair: self.pairID, source: side == .source ? last..<last + 1 : other..<other,
                        target: side == .target ? last..<last + 1 : other..<other, expecting: expected)
                }
            }
        }
    }

    private func beginSplit() {
        guard let current = navigator.current else { return }
        guard current.source.count + current.target.count >= 2 else {
            return say("a link of one sentence cannot be split", error: true)
        }
        do {
            let source = try store.sentenceTexts(pair: pairID, side: .source, ordinals: current.source)
            let target = try store.sentenceTexts(pair: pairID, side: .target, ordinals: current.target)
            // Start from the most common fix: the first sentence of each side on its own.
            let sourceCut = source.count > 1 ? 1 : source.count
            let targetCut = target.count > 1 ? 1 : (source.count > 1 ? target.count : 0)
            mode = .split(
                SplitChoice(sourceCut: sourceCut, targetCut: targetCut, sourceSentences: source, targetSentences: target))
        } catch {
            failed(error)
        }
    }

    private func beginEdit() -> Effect {
        guard let current = navigator.current else { return .none }
        guard !current.target.isEmpty else {
            say("this link has no target sentence to edit", error: true)
            return .none
        }
        do {
            let sentences = try store.sentenceTexts(pair: pairID, side: .target, ordinals: current.target)
            return .editTarget(linkID: current.id, version: current.version, ordinals: current.target, sentences: sentences)
        } catch {
            failed(error)
            return .none
        }
    }

    /// What became of an edit made in the external editor.
    public enum EditOutcome: Equatable, Sendable {
        /// Saved (one edit, however many sentences changed), or nothing had changed.
        case saved, unchanged
        /// Not saved, for `reason`: the editor opens again on the reviewer's own lines.
        case refused(reason: String, lines: [String])
        /// The link changed under the reviewer (another reviewer, a conflict): nothing was saved.
        case failed
    }

    /// Applies what came back from the editor: one line per sentence, all changed sentences
    /// saved as one edit (never half of them). A malformed answer is refused with the reason and
    /// the reviewer's lines, so the caller can reopen the editor on them.
    @discardableResult
    public func finishEdit(linkID: Int64, version: Int, ordinals: Range<Int>, original: [String], lines: [String])
        -> EditOutcome
    {
        guard lines.count == original.count else {
            return .refused(
                reason:
                    "keep one line per sentence (\(original.count) line\(original.count == 1 ? "" : "s"), got \(lines.count)); to split or merge sentences use the structure keys",
                lines: lines)
        }
        if lines.contains(where: \.isEmpty) { return .refused(reason: "a sentence cannot be empty", lines: lines) }
        var texts: [Int: String] = [:]
        for (ordinal, (before, after)) in zip(ordinals, zip(original, lines)) where before != after { texts[ordinal] = after }
        guard !texts.isEmpty else {
            say("no change")
            return .unchanged
        }
        do {
            let summary = try store.editTexts(link: linkID, side: .target, texts: texts, expecting: [linkID: version])
            apply(summary.linkChanges)
            cache[linkID] = nil
            say(summary.summary)
            checks?.request()
            return .saved
        } catch {
            reload()
            failed(error)
            return .failed
        }
    }

    /// Reports that an edit was abandoned, and where the reviewer's text was kept.
    public func abandonEdit(_ reason: String) { say("not saved: \(reason)", error: true) }

    /// Runs a store edit, then reloads the links and reports its summary (or the error).
    /// - Returns: whether the edit was made.
    @discardableResult
    private func run(_ edit: () throws -> EditSummary?) -> Bool {
        do {
            let summary = try edit()
            if let summary, summary.pairs == [pairID] {
                apply(summary.linkChanges)
            } else {
                reload()
            }
            if let summary { say(summary.summary) }
            checks?.request()
            return true
        } catch {
            reload()
            failed(error)
            return false
        }
    }

    /// Updates the list from an edit's changes, without reading every link again.
    private func apply(_ changes: LinkChanges) {
        // A sentence edit moved the ordinals of links it did not rewrite: read the outline again.
        if changes.shiftsOrdinals { return reload() }
        navigator.apply(changes) { self.findingsByLink[$0] != nil }
        for id in changes.removed { cache[id] = nil }
        // An edit that removed a bookmarked link removed its bookmark.
        if !changes.removed.isDisjoint(with: navigator.bookmarks),
            let bookmarks = try? store.bookmarks(pair: pairID)
        {
            navigator.setBookmarks(Set(bookmarks.map(\.linkID)))
        }
    }

    /// Reads the links again from the store (after an edit, or Ctrl-L for another process's).
    func reload() {
        do {
            navigator.reload(
                try store.outline(pair: pairID).map { ReviewItem($0, hasFinding: findingsByLink[$0.id] != nil) },
                bookmarks: Set(try store.bookmarks(pair: pairID).map(\.linkID)))
            cache.removeAll(keepingCapacity: true)
        } catch {
            failed(error)
        }
    }

    /// Takes the background checks' newest findings, if any came in.
    @discardableResult
    public func collectFindings() -> Bool {
        let counted = collectPairFindings()
        guard let outcome = checks?.take() else { return counted }
        switch outcome {
        case .success(let findings):
            findingsByLink = Dictionary(grouping: findings, by: \.link)
            navigator.setFindings(Set(findingsByLink.keys))
            checksPending = false
        case .failure(let failure):
            say("checks failed: \(failure.message)", error: true)
        }
        return true
    }

    func say(_ text: String, error: Bool = false) { message = (text, error) }

    func failed(_ error: Error) {
        if case StoreError.conflict = error {
            say("\(error) — reloaded; try again", error: true)
        } else {
            say("\(error)", error: true)
        }
    }

    // MARK: Texts

    /// How many links' texts are held (tests check a frame reads only what it shows).
    var cachedLinkCount: Int { cache.count }

    /// The links shown last, for paging.
    var lastWindow: Range<Int> = 0..<0

    /// The texts of the links at `indices`, from the cache or one query for the missing ones.
    func views(_ indices: Range<Int>) -> [Int: LinkView] {
        let wanted = indices.clamped(to: 0..<navigator.count)
        let missing = wanted.map { navigator.items[$0].id }.filter { cache[$0] == nil }
        if !missing.isEmpty {
            if cache.count > 4_000 { cache.removeAll(keepingCapacity: true) }
            do {
                for view in try store.links(pair: pairID, ids: missing) { cache[view.id] = view }
            } catch {
                say("\(error)", error: true)
            }
        }
        var result: [Int: LinkView] = [:]
        for index in wanted { result[index] = cache[navigator.items[index].id] }
        return result
    }

    /// The sentences of each side of a link of several sentences (for the boundary marks the
    /// screen draws between them); nil for a 1-1, 1-0 or 0-1 link, whose text is one sentence.
    func sentences(of view: LinkView) -> (source: [String], target: [String])? {
        guard view.source.count > 1 || view.target.count > 1 else { return nil }
        if let cached = sentenceCache[view.id], cached.version == view.version { return (cached.source, cached.target) }
        guard let source = try? store.sentenceTexts(pair: pairID, side: .source, ordinals: view.source),
            let target = try? store.sentenceTexts(pair: pairID, side: .target, ordinals: view.target)
        else { return nil }
        if sentenceCache.count > 4_000 { sentenceCache.removeAll(keepingCapacity: true) }
        sentenceCache[view.id] = (view.version, source, target)
        return (source, target)
    }

    private var sentenceCache: [Int64: (version: Int, source: [String], target: [String])] = [:]
}
