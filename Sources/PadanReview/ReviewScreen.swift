import Foundation
import PadanCore
import PadanStore

/// Drawing the review screen: a title line, the links (side by side, or stacked on terminals
/// narrower than 80 columns), a message line and a status line. Only the links on screen are
/// read and laid out, so the cost of a frame does not depend on the size of the pair.
extension ReviewSession {
    /// Below this many columns the two sides stack.
    public static let sideBySideColumns = 80
    /// Links scoring below this are tinted as doubtful.
    public static let lowConfidence = 0.5

    /// The help screen (`?`): at most 78 columns and 22 rows, so all of it shows on an 80×24
    /// terminal.
    static let helpText = [
        "Moving (a count repeats: 5j)",
        "  j k  ↓ ↑      next / previous link      J K  PgDn PgUp  page down / up",
        "  g G  Home End first / last link         :ID  :#N        go to link ID / N-th",
        "  n N           next / previous link needing review, or search match",
        "  /text Enter   search, folding case and accents; s:… t:… one side, re:… regex",
        "  v + a u l f n e r b   all, unconfirmed, low, findings, not 1-1, edited,",
        "                rejected, bookmarked      B  set or remove a bookmark",
        "  ]u [u ]b [b ]p [p     next / previous unconfirmed, bookmark, pair; P pairs",
        "Reviewing (each key is one edit in the store, undoable)",
        "  c  Space      confirm and move on       x  X        reject (X: say why)",
        "  C  R          confirm unreviewed links above / re-align from here (asks)",
        "  m  s          merge with next link / split it   Ms Mt  merge 2 sentences",
        "  bs bt         add or remove a paragraph break before the source / target",
        "  i  Tab        all about this link: sentences, confidence, terms, history",
        "  } ) { (       take the next link's first / give it this link's last source /",
        "                target sentence      ]s [s ]t [t  > <  shift a side down / up",
        "  e  t  T       edit in $VISUAL / $EDITOR; a target / source sentence here",
        "  u  r Ctrl-R   undo, redo      Ctrl-E Ctrl-Y  scroll a tall link",
        "  Ctrl-Z Ctrl-L suspend, reload     q ZZ :q  quit (all is saved; reopens here)",
        "Gutter: id, status (·auto ✓confirmed ✗rejected ✎edited), confidence, kind, ! ★",
        "Press any key to go back.",
    ]

    /// The screen as lines with escape sequences, each exactly `columns` wide.
    public func frame(columns: Int, rows: Int, capabilities: TerminalCapabilities) -> [String] {
        screen(columns: columns, rows: rows, capabilities: capabilities).map { $0.rendered(color: capabilities.color) }
    }

    /// The screen as plain text, for tests.
    public func plainFrame(columns: Int, rows: Int, unicode: Bool = true) -> [String] {
        screen(columns: columns, rows: rows, capabilities: TerminalCapabilities(color: false, unicode: unicode)).map(\.plainText)
    }

    func screen(columns: Int, rows: Int, capabilities: TerminalCapabilities) -> [ScreenLine] {
        let painter = Painter(session: self, columns: columns, unicode: capabilities.unicode)
        guard columns >= 30, rows >= 5 else {
            var line = ScreenLine()
            line.append("terminal too small", unicode: capabilities.unicode)
            return [line.fitted(to: max(1, columns))]
                + Array(repeating: ScreenLine().fitted(to: max(1, columns)), count: max(0, rows - 1))
        }
        let area = rows - 3
        var lines = [painter.titleLine()]
        if mode == .help {
            lines += painter.helpLines(rows: area)
        } else if case .pairList(let list) = mode {
            lines += painter.pairLines(list, rows: area)
        } else if let view = glossaryShown {
            lines += painter.glossaryLines(view, rows: area)
        } else if case .detail(let offset) = mode {
            lines += painter.detailLines(offset: offset, rows: area)
        } else {
            lines += painter.linkLines(rows: area)
        }
        lines.append(painter.messageLine())
        lines.append(painter.statusLine())
        return lines
    }
}

extension ReviewSession {
    /// The glossary view on screen: its own mode, or the one a term prompt returns to.
    var glossaryShown: GlossaryView? {
        switch mode {
        case .glossary(let view): return view
        case .prompt(.term(let prompt), _): return prompt.returnTo
        default: return nil
        }
    }
}

/// Lays out one frame. Holds the blocks it built so a link is wrapped once per frame.
final class Painter {
    let session: ReviewSession
    let columns: Int
    let unicode: Bool
    let sideBySide: Bool
    let gutterWidth: Int
    let sourceWidth: Int
    let targetWidth: Int
    private var blocks: [Int: [ScreenLine]] = [:]
    private var views: [Int: LinkView] = [:]

    init(session: ReviewSession, columns: Int, unicode: Bool) {
        self.session = session
        self.columns = columns
        self.unicode = unicode
        sideBySide = columns >= ReviewSession.sideBySideColumns
        let numberWidth = String(max(1, session.navigator.largestID)).count
        // marker, link id, status glyph, confidence, kind, finding and bookmark flags
        gutterWidth = 1 + numberWidth + 1 + 1 + 1 + 4 + 1 + 3 + 1 + 1 + 1
        if sideBySide {
            let text = columns - gutterWidth - 3
            sourceWidth = text / 2
            targetWidth = text - sourceWidth
        } else {
            sourceWidth = columns - gutterWidth - 3
            targetWidth = sourceWidth
        }
    }

    func symbol(_ unicodeForm: String, _ ascii: String) -> String { unicode ? unicodeForm : ascii }

    // MARK: Title, message and status

    func titleLine() -> ScreenLine {
        let pair = session.pair
        var line = ScreenLine()
        let title = pair.targetTitle ?? pair.sourceTitle ?? pair.targetPath ?? ""
        let arrow = symbol("→", "->")
        let dot = symbol("·", "-")
        line.append(
            " padan review \(dot) pair \(pair.id) \(dot) \(pair.sourceLanguage) \(arrow) \(pair.targetLanguage) \(dot) \(title)",
            style: Style(bold: true), unicode: unicode)
        return line.fitted(to: columns)
    }

    func messageLine() -> ScreenLine {
        var line = ScreenLine()
        switch session.mode {
        case .prompt(let prompt, let text):
            line.append(prompt.symbol + text, unicode: unicode)
            line.append(Glyph(text: " ", width: 1, style: Style(reverse: true)))
            return line.fitted(to: columns)
        case .split:
            line.append(
                "split: \(symbol("←/→", "h/l")) move the source cut, \(symbol("↑/↓", "k/j")) the target cut, Enter splits, Esc cancels",
                style: Style(foreground: .yellow), unicode: unicode)
            return line.fitted(to: columns)
        case .confirming(_, let question):
            line.append(question, style: Style(foreground: .yellow, bold: true), unicode: unicode)
            return line.fitted(to: columns)
        case .inlineEdit(let edit):
            line.append(
                (edit.sentenceID.map { "editing \(edit.side == .source ? "source" : "target") sentence \($0)" }
                    ?? "typing a new \(edit.side == .source ? "source" : "target") sentence for link \(edit.linkID)")
                    + " — Enter saves, Esc cancels, Ctrl-S splits here, Ctrl-_ undoes",
                style: Style(foreground: .yellow), unicode: unicode)
            if let message = session.message, message.isError {
                line = ScreenLine()
                line.append(message.text, style: Style(foreground: .red, bold: true), unicode: unicode)
            }
            return line.fitted(to: columns)
        case .detail:
            line.append(
                "link details — j/k scroll, 1–9 restore that older text, any other key goes back",
                style: Style(foreground: .yellow), unicode: unicode)
            return line.fitted(to: columns)
        case .pairList(let list):
            line.append(
                "\(list.pairs.count) pairs — j/k move, Enter opens, Esc back to pair \(session.pairID), q quits",
                style: Style(foreground: .yellow), unicode: unicode)
            return line.fitted(to: columns)
        case .termPick(let pick):
            let side = pick.side == .source ? "original" : "translation"
            line.append(
                "term: [\(pick.picked(.source))] = [\(pick.picked(.target))] — \(side): h/l move, H/L shorter/longer, Tab other side, Enter adds, Esc cancels",
                style: Style(foreground: .yellow), unicode: unicode)
            return line.fitted(to: columns)
        case .glossary:
            if session.message == nil {
                line.append(ReviewSession.glossaryKeys, style: Style(foreground: .yellow), unicode: unicode)
                return line.fitted(to: columns)
            }
        default: break
        }
        if let job = session.runningJob {
            let spinner = ["|", "/", "-", "\\"][Int(job.seconds * 5) % 4]
            line.append(
                "\(spinner) \(job.title)… \(String(format: "%.1f", job.seconds)) s — you can keep moving",
                style: Style(foreground: .yellow, bold: true), unicode: unicode)
        } else if let message = session.message {
            line.append(message.text, style: message.isError ? Style(foreground: .red, bold: true) : .plain, unicode: unicode)
        } else if let current = session.navigator.current, let findings = session.findingsByLink[current.id] {
            let text = findings.map { "\($0.kind.rawValue): \($0.evidence)" }.joined(separator: "; ")
            line.append("! " + text, style: Style(foreground: .magenta), unicode: unicode)
        }
        return line.fitted(to: columns)
    }

    func statusLine() -> ScreenLine {
        let navigator = session.navigator
        let counts = navigator.statusCounts
        // Parts in the order they show; when the terminal is too narrow for all of them, the
        // least needed go first (the position and `? help` always stay).
        var parts: [(text: String, keep: Int)] = [
            (navigator.current.map { "link \($0.id) (\(navigator.cursor + 1)/\(navigator.count))" } ?? "no links", 9)
        ]
        if let view = session.glossaryShown {
            let terms = view.terms.isEmpty ? "no terms" : "term \(view.cursor + 1)/\(view.terms.count)"
            parts = [("glossary \(symbol("·", "-")) \(terms)", 9), ("J/K usage  o open the link  Esc back", 9)]
            return statusLine(parts)
        }
        let tally = LinkStatus.allCases.filter { counts[$0, default: 0] > 0 || $0 == .confirmed }
            .map { "\(counts[$0, default: 0]) \($0.rawValue)" }
        parts.append((tally.joined(separator: " "), 5))
        if navigator.queue != .all { parts.append(("v: \(navigator.queue.name) \(navigator.count)", 7)) }
        parts.append((session.checksPending ? "checking…" : "\(navigator.findingCount) with findings", 3))
        if let search = session.search {
            parts.append(("n: “\(search.typed)”", 6))
        } else {
            parts.append(("n: needs review", 1))
        }
        if let prefix = session.pendingPrefix { parts.append(("\(prefix)…", 8)) }
        parts.append(("? help", 9))
        return statusLine(parts)
    }

    /// The status line of these parts, the least needed dropped first while they do not fit.
    private func statusLine(_ parts: [(text: String, keep: Int)]) -> ScreenLine {
        var parts = parts
        let separator = symbol(" │ ", " | ")
        func width(_ parts: [(text: String, keep: Int)]) -> Int {
            var line = ScreenLine()
            line.append(" " + parts.map(\.text).joined(separator: separator), unicode: unicode)
            return line.width
        }
        while width(parts) > columns,
            let least = parts.indices.filter({ parts[$0].keep < 9 }).min(by: { parts[$0].keep < parts[$1].keep })
        {
            parts.remove(at: least)
        }
        var line = ScreenLine()
        line.append(" " + parts.map(\.text).joined(separator: separator), style: Style(reverse: true), unicode: unicode)
        return line.fitted(to: columns, padding: Style(reverse: true))
    }

    func helpLines(rows: Int) -> [ScreenLine] {
        let help = ReviewSession.helpText
        var lines: [ScreenLine] = []
        for text in help.prefix(rows) {
            var line = ScreenLine()
            let shown =
                unicode
                ? text
                : text.replacingOccurrences(of: "↓ ↑", with: "   ").replacingOccurrences(of: "·", with: ".")
                    .replacingOccurrences(of: "★", with: "*")
            line.append(shown, style: text.hasPrefix(" ") || text.isEmpty ? .plain : Style(bold: true), unicode: unicode)
            lines.append(line.fitted(to: columns))
        }
        while lines.count < rows { lines.append(ScreenLine().fitted(to: columns)) }
        return lines
    }

    // MARK: Detail

    /// The detail view of the current link, wrapped to the screen and scrolled by `offset` lines.
    func detailLines(offset: Int, rows: Int) -> [ScreenLine] {
        var wrapped: [ScreenLine] = []
        for text in session.detailLines() {
            let style =
                text.hasPrefix("link ") ? Style(bold: true) : text.contains("MISSING") ? Style(foreground: .red) : Style.plain
            wrapped += TextLayout.wrap(TextLayout.glyphs(text, style: style, spans: [], unicode: unicode), columns: columns - 2)
        }
        let start = min(offset, max(0, wrapped.count - rows))
        var lines: [ScreenLine] = []
        for line in wrapped[start...].prefix(rows) {
            var indented = ScreenLine()
            indented.append("  ", unicode: unicode)
            for glyph in line.glyphs { indented.append(glyph) }
            lines.append(indented.fitted(to: columns))
        }
        while lines.count < rows { lines.append(ScreenLine().fitted(to: columns)) }
        return lines
    }

    // MARK: Pairs

    /// The store's pairs, one a line: id, languages, links, share confirmed, rejected, title.
    func pairLines(_ list: ReviewSession.PairList, rows: Int) -> [ScreenLine] {
        var lines: [ScreenLine] = []
        var header = ScreenLine()
        header.append(
            "  pair  languages    links  confirmed  rejected  doubtful  findings  title", style: Style(bold: true),
            unicode: unicode)
        lines.append(header.fitted(to: columns))
        let visible = max(1, rows - 1)
        let first = max(0, min(list.cursor - visible / 2, list.pairs.count - visible))
        for index in first..<min(list.pairs.count, first + visible) {
            let pair = list.pairs[index]
            let isCurrent = index == list.cursor
            let share = pair.links == 0 ? 0 : Double(pair.confirmed) * 100 / Double(pair.links)
            let title = pair.targetTitle ?? pair.sourceTitle ?? pair.targetPath ?? ""
            let languages = "\(pair.sourceLanguage) \(symbol("→", "->")) \(pair.targetLanguage)"
            // Counted in the background: "…" until this pair's checks have run.
            let findings = session.pairFindings[pair.id].map(String.init) ?? symbol("…", "...")
            let text =
                (isCurrent ? symbol("▶", ">") : " ")
                + String(
                    format: " %4lld  %@  %7d  %8.0f%%  %8d  %8d  ", pair.id,
                    languages.padding(toLength: 10, withPad: " ", startingAt: 0), pair.links, share, pair.rejected,
                    pair.doubtful) + String(repeating: " ", count: max(0, 8 - findings.count)) + findings + "  " + title
            var line = ScreenLine()
            line.append(text, style: Style(bold: isCurrent, reverse: isCurrent), unicode: unicode)
            lines.append(line.fitted(to: columns, padding: isCurrent ? Style(reverse: true) : .plain))
        }
        while lines.count < rows { lines.append(ScreenLine().fitted(to: columns)) }
        return lines
    }

    // MARK: Links

    func linkLines(rows: Int) -> [ScreenLine] {
        var navigator = session.navigator
        guard navigator.count > 0 else {
            var line = ScreenLine()
            line.append("  this pair has no links", style: Style(dim: true), unicode: unicode)
            return [line.fitted(to: columns)] + Array(repeating: ScreenLine().fitted(to: columns), count: rows - 1)
        }
        // Texts for everything the window may ask for: it keeps the old top unless the cursor
        // left the screen, and each link takes a row at least, so two screenfuls from there do.
        let cursor = navigator.cursor
        let start = cursor < navigator.top ? cursor : max(navigator.top, cursor - rows)
        views = session.views(start..<min(navigator.count, start + 2 * rows + 1))
        let window = navigator.window(rows: rows) { self.block($0).count }
        session.setWindow(navigator: navigator, window: window)
        var lines: [ScreenLine] = []
        for index in window {
            var block = block(index)
            // The current link taller than the screen scrolls inside itself (Ctrl-E / Ctrl-Y); the
            // last row says what is hidden below.
            if index == cursor, block.count > rows {
                let offset = min(session.linkScroll, block.count - rows)
                session.linkScroll = offset
                block = Array(block[offset...])
                if block.count > rows {
                    var more = ScreenLine()
                    more.append(
                        symbol("  ↓ ", "  v ")
                            + "\(block.count - rows + 1) more lines of this link: Ctrl-E scrolls down, Ctrl-Y up",
                        style: Style(foreground: .yellow), unicode: unicode)
                    block = Array(block.prefix(rows - 1)) + [more.fitted(to: columns)]
                }
            }
            for line in block where lines.count < rows { lines.append(line) }
        }
        while lines.count < rows { lines.append(ScreenLine().fitted(to: columns)) }
        return lines
    }

    /// The lines of link `index`, built once per frame.
    func block(_ index: Int) -> [ScreenLine] {
        if let built = blocks[index] { return built }
        let built = buildBlock(index)
        blocks[index] = built
        return built
    }

    private func buildBlock(_ index: Int) -> [ScreenLine] {
        let item = session.navigator.items[index]
        let isCurrent = index == session.navigator.cursor
        let view = views[index] ?? session.views(index..<index + 1)[index]
        let base = Style(bold: isCurrent, dim: item.status == .rejected)
        let gutter = gutterLine(index: index, item: item, isCurrent: isCurrent)
        let blank = ScreenLine().fitted(to: gutterWidth, padding: isCurrent ? Style(reverse: true) : .plain)

        var sourceLines: [ScreenLine]
        var targetLines: [ScreenLine]
        if isCurrent, case .inlineEdit(let edit) = session.mode {
            // The sentence being edited, with its cursor, in place of its side.
            let text = edit.field.string + " "
            let cursorStart = text.index(text.startIndex, offsetBy: edit.field.cursor)
            let fieldLines = TextLayout.wrap(
                TextLayout.glyphs(
                    text, style: base, spans: [(cursorStart..<text.index(after: cursorStart), Style(reverse: true))],
                    unicode: unicode), columns: edit.side == .source ? sourceWidth : targetWidth)
            let marks = session.termChecks.termMarks(source: view?.sourceText ?? "", target: view?.targetText ?? "")
            if edit.side == .source {
                sourceLines = fieldLines
                targetLines = side(view?.targetText ?? "", marks: marks.target, width: targetWidth, style: base)
            } else {
                sourceLines = side(view?.sourceText ?? "", marks: marks.source, width: sourceWidth, style: base)
                targetLines = fieldLines
            }
        } else if isCurrent, case .termPick(let pick) = session.mode, pick.linkID == item.id {
            // The words picked for a term, highlighted on both sides.
            let picked = Style(foreground: .yellow, reverse: true)
            sourceLines = side(
                pick.sourceText, marks: [], width: sourceWidth, style: base,
                extra: pick.span(.source).map { [($0, picked)] } ?? [])
            targetLines = side(
                pick.targetText, marks: [], width: targetWidth, style: base,
                extra: pick.span(.target).map { [($0, picked)] } ?? [])
        } else if isCurrent, case .split(let choice) = session.mode {
            sourceLines = splitColumn(choice.sourceSentences, cut: choice.sourceCut, width: sourceWidth, style: base)
            targetLines = splitColumn(choice.targetSentences, cut: choice.targetCut, width: targetWidth, style: base)
        } else {
            // Several sentences on a side: a dim mark between them shows where each ends.
            let sentences = view.flatMap(session.sentences(of:))
            let boundary = " " + symbol(Self.sentenceMark, "|") + " "
            let sourceText = sentences.map { $0.source.joined(separator: boundary) } ?? view?.sourceText ?? ""
            let targetText = sentences.map { $0.target.joined(separator: boundary) } ?? view?.targetText ?? ""
            let marks = session.termChecks.termMarks(source: sourceText, target: targetText)
            sourceLines = side(
                sourceText, marks: marks.source, width: sourceWidth, style: base, boundary: sentences == nil ? nil : boundary)
            targetLines = side(
                targetText, marks: marks.target, width: targetWidth, style: base, boundary: sentences == nil ? nil : boundary)
        }
        var lines: [ScreenLine] = []
        let separator = Glyph(text: symbol("│", "|"), width: 1, style: Style(dim: true))
        if sideBySide {
            for row in 0..<max(sourceLines.count, targetLines.count, 1) {
                var line = row == 0 ? gutter : blank
                append(row < sourceLines.count ? sourceLines[row] : ScreenLine(), width: sourceWidth, to: &line)
                line.append(Glyph(text: " ", width: 1, style: .plain))
                line.append(separator)
                line.append(Glyph(text: " ", width: 1, style: .plain))
                append(row < targetLines.count ? targetLines[row] : ScreenLine(), width: targetWidth, to: &line)
                lines.append(line.fitted(to: columns))
            }
        } else {
            let labels = [session.pair.sourceLanguage, session.pair.targetLanguage].map { $0.uppercased().prefix(2) }
            for (label, sideLines) in zip(labels, [sourceLines, targetLines]) {
                for (row, text) in sideLines.enumerated() {
                    var line = lines.isEmpty ? gutter : blank
                    line.append(row == 0 ? "\(label)" : "  ", style: Style(dim: true), unicode: unicode)
                    line.append(Glyph(text: " ", width: 1, style: .plain))
                    append(text, width: sourceWidth, to: &line)
                    lines.append(line.fitted(to: columns))
                }
            }
        }
        lines.append(ruleLine())
        return lines
    }

    /// The dim rule under each link, so where one link ends and the next begins is visible even
    /// when both are long; it crosses the column separator side by side.
    private func ruleLine() -> ScreenLine {
        let dash = symbol("─", "-")
        var line = ScreenLine()
        if sideBySide {
            let cross = gutterWidth + sourceWidth + 1
            line.append(
                String(repeating: dash, count: cross) + symbol("┼", "+") + String(repeating: dash, count: columns - cross - 1),
                style: Style(dim: true), unicode: unicode)
        } else {
            line.append(String(repeating: dash, count: columns), style: Style(dim: true), unicode: unicode)
        }
        return line.fitted(to: columns)
    }

    private func append(_ text: ScreenLine, width: Int, to line: inout ScreenLine) {
        for glyph in text.fitted(to: width).glyphs { line.append(glyph) }
    }

    private func gutterLine(index: Int, item: ReviewItem, isCurrent: Bool) -> ScreenLine {
        let frame = Style(bold: isCurrent, reverse: isCurrent)
        var line = ScreenLine()
        let numberWidth = String(max(1, session.navigator.largestID)).count
        let number = String(item.id)
        line.append(
            (isCurrent ? symbol("▶", ">") : " ") + String(repeating: " ", count: max(0, numberWidth - number.count)) + number
                + " ", style: frame, unicode: unicode)
        let (glyph, color): (String, Style.Color?) =
            switch item.status {
            case .auto: (symbol("·", "."), nil)
            case .confirmed: (symbol("✓", "+"), .green)
            case .rejected: (symbol("✗", "x"), .red)
            case .edited: (symbol("✎", "e"), .blue)
            }
        line.append(glyph, style: frame.merged(with: Style(foreground: color)), unicode: unicode)
        line.append(" ", style: frame, unicode: unicode)
        let doubtful = item.score < ReviewSession.lowConfidence
        line.append(
            String(format: "%.2f", min(max(item.score, 0), 1)),
            style: frame.merged(with: Style(foreground: doubtful ? .red : nil, bold: doubtful)), unicode: unicode)
        line.append(" ", style: frame, unicode: unicode)
        // A moved link: an arrow before its kind (the detail view says where its translation stands).
        let isMoved = session.navigator.moved.contains(item.id)
        let kind = (isMoved ? symbol("↕", "^") : "") + (item.isOneToOne ? "" : item.kind)
        line.append(
            kind.count > 3 ? String(kind.prefix(3)) : kind.padding(toLength: 3, withPad: " ", startingAt: 0),
            style: frame.merged(with: Style(foreground: .yellow)), unicode: unicode)
        line.append(
            item.hasFinding ? "!" : " ", style: frame.merged(with: Style(foreground: .magenta, bold: true)), unicode: unicode)
        line.append(
            item.isBookmarked ? symbol("★", "*") : " ", style: frame.merged(with: Style(foreground: .yellow, bold: true)),
            unicode: unicode)
        line.append(" ", style: .plain, unicode: unicode)
        return line.fitted(to: gutterWidth)
    }

    /// The mark drawn (dim) between two sentences of one side of a link.
    static let sentenceMark = "¦"

    /// One side's text wrapped, with glossary terms, search hits and sentence boundaries marked.
    private func side(
        _ text: String, marks: [TermMark], width: Int, style: Style, boundary: String? = nil,
        extra: [(range: Range<String.Index>, style: Style)] = []
    ) -> [ScreenLine] {
        if text.isEmpty {
            var line = ScreenLine()
            line.append(symbol("—", "-"), style: Style(dim: true), unicode: unicode)
            return [line]
        }
        var spans: [(range: Range<String.Index>, style: Style)] = marks.map {
            (
                $0.range,
                $0.hasEquivalent
                    ? Style(foreground: .cyan, underline: true) : Style(foreground: .red, bold: true, underline: true)
            )
        }
        if let boundary {
            var from = text.startIndex
            while let found = text.range(of: boundary, range: from..<text.endIndex) {
                spans.append((found, Style(dim: true)))
                from = found.upperBound
            }
        }
        if let search = session.search, !search.text.isEmpty {
            let options: String.CompareOptions =
                search.isRegularExpression ? [.regularExpression, .caseInsensitive] : [.caseInsensitive, .diacriticInsensitive]
            var from = text.startIndex
            while from < text.endIndex, let found = text.range(of: search.text, options: options, range: from..<text.endIndex),
                !found.isEmpty
            {
                spans.append((found, Style(foreground: .yellow, reverse: true)))
                from = found.upperBound
            }
        }
        spans += extra
        return TextLayout.wrap(TextLayout.glyphs(text, style: style, spans: spans, unicode: unicode), columns: width)
    }

    /// The sentences of one side of a link being split, with the cut drawn between them.
    private func splitColumn(_ sentences: [String], cut: Int, width: Int, style: Style) -> [ScreenLine] {
        var lines: [ScreenLine] = []
        func cutLine() {
            var line = ScreenLine()
            line.append(
                symbol("✂ ", "8< ") + String(repeating: symbol("╌", "-"), count: max(0, width - 3)),
                style: Style(foreground: .yellow, bold: true), unicode: unicode)
            lines.append(line)
        }
        for (index, sentence) in sentences.enumerated() {
            if index == cut { cutLine() }
            lines += TextLayout.wrap(TextLayout.glyphs(sentence, style: style, unicode: unicode), columns: width)
        }
        if cut >= sentences.count { cutLine() }
        return lines
    }
}

extension ReviewSession {
    /// Keeps the scroll position the last frame chose, and how many links it showed (for paging).
    func setWindow(navigator: ReviewNavigator, window: Range<Int>) {
        self.navigator = navigator
        lastWindow = window
    }
}
