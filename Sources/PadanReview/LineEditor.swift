/// A one-line text field with the editing keys of readline and Emacs: the inline editor of the
/// review screen. Pure: keys in, text and cursor out, with its own undo. Positions count
/// Characters (grapheme clusters), so a wide, combining or emoji character moves as one.
public struct LineEditor: Sendable, Hashable {
    public private(set) var text: [Character]
    /// Where the next character goes: 0...text.count.
    public private(set) var cursor: Int
    private var undoStack: [State] = []

    private struct State: Sendable, Hashable {
        var text: [Character]
        var cursor: Int
    }

    public init(_ text: String) {
        self.text = Array(text)
        cursor = self.text.count
    }

    public var string: String { String(text) }

    /// What a key did to the field.
    public enum Outcome: Equatable, Sendable {
        case edited, moved, unchanged
        /// A key the field does not take (Enter, Escape, Ctrl-S…): the caller decides.
        case notHandled
    }

    /// Applies one key.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .left, .control("b"): return move(to: cursor - 1)
        case .right, .control("f"): return move(to: cursor + 1)
        case .home, .control("a"): return move(to: 0)
        case .end, .control("e"): return move(to: text.count)
        case .alt("b"): return move(to: wordStart(before: cursor))
        case .alt("f"): return move(to: wordEnd(after: cursor))
        case .backspace: return cursor > 0 ? replace(cursor - 1..<cursor, with: []) : .unchanged
        case .delete, .control("d"): return cursor < text.count ? replace(cursor..<cursor + 1, with: []) : .unchanged
        case .control("w"): return replace(wordStart(before: cursor)..<cursor, with: [])
        case .alt("d"): return replace(cursor..<wordEnd(after: cursor), with: [])
        case .control("u"): return replace(0..<cursor, with: [])
        case .control("k"): return replace(cursor..<text.count, with: [])
        case .character(let character): return replace(cursor..<cursor, with: [character])
        case .paste(let pasted):
            // One line: a paste's line breaks become spaces.
            return replace(cursor..<cursor, with: Array(pasted.split(whereSeparator: \.isNewline).joined(separator: " ")))
        case .control("\u{7F}"): return undo()  // Ctrl-_ (Ctrl-/ on most terminals): undo
        default: return .notHandled
        }
    }

    private mutating func move(to position: Int) -> Outcome {
        let clamped = max(0, min(text.count, position))
        guard clamped != cursor else { return .unchanged }
        cursor = clamped
        return .moved
    }

    private mutating func replace(_ range: Range<Int>, with characters: [Character]) -> Outcome {
        guard !(range.isEmpty && characters.isEmpty) else { return .unchanged }
        undoStack.append(State(text: text, cursor: cursor))
        text.replaceSubrange(range, with: characters)
        cursor = range.lowerBound + characters.count
        return .edited
    }

    private mutating func undo() -> Outcome {
        guard let last = undoStack.popLast() else { return .unchanged }
        text = last.text
        cursor = last.cursor
        return .edited
    }

    private func isWord(_ index: Int) -> Bool { text[index].isLetter || text[index].isNumber }

    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0 && !isWord(index - 1) { index -= 1 }
        while index > 0 && isWord(index - 1) { index -= 1 }
        return index
    }

    private func wordEnd(after position: Int) -> Int {
        var index = position
        while index < text.count && !isWord(index) { index += 1 }
        while index < text.count && isWord(index) { index += 1 }
        return index
    }
}
