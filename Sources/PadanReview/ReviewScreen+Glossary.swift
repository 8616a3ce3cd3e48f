import Foundation
import PadanCore
import PadanStore

extension Painter {
    /// The share of the glossary view's rows the term list takes; the concordance has the rest.
    static let termListShare = 0.45

    /// The glossary view: the terms (status, uses, links using another rendering, texts, note),
    /// a rule, then the concordance of the selected term.
    func glossaryLines(_ view: ReviewSession.GlossaryView, rows: Int) -> [ScreenLine] {
        var lines: [ScreenLine] = []
        var header = ScreenLine()
        let shown = view.filter.map { "\($0.rawValue) terms" } ?? "all terms"
        header.append(
            "  term  status      uses  other  original \(symbol("→", "->")) translation   (\(view.terms.count) \(shown), \(session.languages))",
            style: Style(bold: true), unicode: unicode)
        lines.append(header.fitted(to: columns))
        guard !view.terms.isEmpty else {
            var line = ScreenLine()
            line.append(
                "  no terms here — a adds one, v shows another status; from a link, a picks its words",
                style: Style(dim: true), unicode: unicode)
            lines.append(line.fitted(to: columns))
            while lines.count < rows { lines.append(ScreenLine().fitted(to: columns)) }
            return lines
        }
        let listRows = max(3, Int(Double(rows) * Self.termListShare) - 1)
        let first = max(0, min(view.cursor - listRows / 2, view.terms.count - listRows))
        for index in first..<min(view.terms.count, first + listRows) {
            let term = view.terms[index]
            let isCurrent = index == view.cursor
            let usage = session.usage(of: term)
            let uses = usage.map { String($0.lines.count) } ?? "?"
            // For an approved term, links not using it are its findings.
            let other = usage.map { String($0.lines.count - $0.approved) } ?? "?"
            var line = ScreenLine()
            let style = Style(
                foreground: term.status == .approved ? nil : term.status == .proposed ? .yellow : .red, bold: isCurrent,
                reverse: isCurrent, dim: term.status == .rejected)
            let text =
                (isCurrent ? symbol("▶", ">") : " ")
                + String(format: "%5lld  ", term.id ?? 0)
                + "\(statusGlyph(term.status)) \(term.status.rawValue)".padding(toLength: 11, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(0, 5 - uses.count)) + uses + "  "
                + String(repeating: " ", count: max(0, 5 - other.count)) + other + "  "
                + "\(term.sourceTerm) \(symbol("→", "->")) \(term.targetTerm)" + (term.note.isEmpty ? "" : "   \(term.note)")
            line.append(text, style: style, unicode: unicode)
            lines.append(line.fitted(to: columns, padding: isCurrent ? Style(reverse: true) : .plain))
        }
        while lines.count < listRows + 1 { lines.append(ScreenLine().fitted(to: columns)) }
        var rule = ScreenLine()
        rule.append(String(repeating: symbol("─", "-"), count: columns), style: Style(dim: true), unicode: unicode)
        lines.append(rule.fitted(to: columns))
        if let term = view.selected, let usage = session.usage(of: term) {
            lines += concordanceLines(term, usage, scroll: view.concordanceScroll, rows: rows - lines.count)
        }
        while lines.count < rows { lines.append(ScreenLine().fitted(to: columns)) }
        return Array(lines.prefix(rows))
    }

    private func statusGlyph(_ status: TermStatus) -> String {
        switch status {
        case .approved: symbol("✓", "+")
        case .proposed: "?"
        case .rejected: symbol("✗", "x")
        case .deprecated: symbol("⊘", "-")
        }
    }

    /// The selected term's concordance: a summary, then one link a line, the term in the middle
    /// of its context and the rendering the translation uses.
    private func concordanceLines(_ term: GlossaryTermRecord, _ usage: TermUsage, scroll: Int, rows: Int) -> [ScreenLine] {
        var lines: [ScreenLine] = []
        var title = ScreenLine()
        let others = usage.otherRenderings.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3)
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let count = usage.lines.count
        title.append(
            "#\(term.id ?? 0) \(term.sourceTerm) \(symbol("→", "->")) \(term.targetTerm) \(symbol("·", "-")) \(count) link\(count == 1 ? "" : "s"): "
                + "approved \(usage.approved), other \(count - usage.approved - usage.withoutRendering)"
                + (others.isEmpty ? "" : " (\(others))") + ", none \(usage.withoutRendering)",
            style: Style(bold: true), unicode: unicode)
        lines.append(title.fitted(to: columns))
        let placeWidth = 12
        let renderingWidth = min(28, columns / 4)
        let contextWidth = max(10, columns - placeWidth - renderingWidth - 4)
        for line in usage.lines.dropFirst(scroll).prefix(max(0, rows - 1)) {
            var screenLine = ScreenLine()
            let place = "\(line.link.pairID):\(line.link.linkID)"
            screenLine.append(
                " " + place.padding(toLength: placeWidth - 1, withPad: " ", startingAt: 0), style: Style(dim: true),
                unicode: unicode)
            let (left, keyword, right) = Self.context(line.link.source, line.sourceMatch, width: contextWidth)
            screenLine.append(left, unicode: unicode)
            screenLine.append(keyword, style: Style(foreground: .cyan, bold: true), unicode: unicode)
            screenLine.append(right, unicode: unicode)
            let rendering =
                line.rendering.map { "\(symbol("→", "->")) \($0) (\(line.renderingStatus?.rawValue ?? "corpus"))" }
                ?? "\(symbol("→", "->")) \(symbol("—", "-"))"
            let renderingStyle =
                line.renderingStatus == .approved
                ? Style(foreground: .green) : line.rendering == nil ? Style(foreground: .red) : Style(foreground: .yellow)
            screenLine.append("  " + rendering, style: renderingStyle, unicode: unicode)
            lines.append(screenLine.fitted(to: columns))
        }
        return lines
    }

    /// The term with as much context on each side as fits `width` characters, the term centred.
    static func context(_ text: String, _ match: Range<Int>, width: Int) -> (String, String, String) {
        let characters = Array(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let lower = min(match.lowerBound, characters.count)
        let upper = min(match.upperBound, characters.count)
        let keyword = String(characters[lower..<upper])
        let side = max(0, (width - keyword.count) / 2)
        let start = max(0, lower - side)
        let end = min(characters.count, upper + side)
        let left = String(characters[start..<lower])
        let right = String(characters[upper..<end])
        let padding = String(repeating: " ", count: max(0, side - left.count))
        return (
            padding + (start > 0 ? "…" + left.dropFirst() : left), keyword,
            end < characters.count ? right.dropLast() + "…" : right
        )
    }
}
