/// Where the parentheses and blank lines of a text stand, so that asking whether an offset lies
/// inside parentheses takes a few binary searches instead of a scan back over the paragraph.
struct Parentheses {
    private let openings: [Int]
    private let closings: [Int]
    /// Line breaks that end a blank line (only spaces since the line break before): a parenthesis
    /// opened before a blank line is no concern of the sentences after it.
    private let blankLineEnds: [Int]

    /// How far back an open parenthesis still counts, in code units.
    static let reach = 400

    init(_ units: [UInt16]) {
        openings = UTF16Scalars.positions(of: 0x28, in: units)
        closings = UTF16Scalars.positions(of: UTF16Scalars.rightParenthesis, in: units)
        var blankLineEnds: [Int] = []
        var previousNewline = -1
        for newline in UTF16Scalars.positions(of: UTF16Scalars.newline, in: units) {
            if previousNewline >= 0, units[(previousNewline + 1)..<newline].allSatisfy(UTF16Scalars.isSpace) {
                blankLineEnds.append(newline)
            }
            previousNewline = newline
        }
        self.blankLineEnds = blankLineEnds
    }

    /// How many parentheses are open at `offset`: those opened minus those closed since the last
    /// blank line, at most `reach` units back (never below zero).
    func depth(before offset: Int) -> Int {
        let openedBefore = openings.countBelow(offset)
        var start = max(0, offset - Self.reach)
        // Most breaks have no parenthesis opened within reach: one search settles them.
        if openedBefore == 0 || openings[openedBefore - 1] < start { return 0 }
        let blankLines = blankLineEnds.countBelow(offset)
        if blankLines > 0 { start = max(start, blankLineEnds[blankLines - 1]) }
        let opened = openedBefore - openings.countBelow(start)
        let closed = closings.countBelow(offset) - closings.countBelow(start)
        return max(0, opened - closed)
    }
}
