/// The shapes a link of the search may take: how many source and how many target sentences it
/// holds. A skip holds sentences of one side only (a sentence the translation dropped, 1-0, or
/// added, 0-1).
enum Bead: UInt8, CaseIterable, Sendable {
    case oneOne, oneZero, zeroOne, twoOne, oneTwo, twoTwo, threeOne, oneThree, oneFour

    /// Source sentences in the bead.
    var source: Int {
        switch self {
        case .oneOne, .oneZero, .oneTwo, .oneThree, .oneFour: 1
        case .zeroOne: 0
        case .twoOne, .twoTwo: 2
        case .threeOne: 3
        }
    }

    /// Target sentences in the bead.
    var target: Int {
        switch self {
        case .oneOne, .zeroOne, .twoOne, .threeOne: 1
        case .oneZero: 0
        case .oneTwo, .twoTwo: 2
        case .oneThree: 3
        case .oneFour: 4
        }
    }

    var isSkip: Bool { source == 0 || target == 0 }
}

/// One step of a search path: the cell (sources read, targets read) it reaches and the bead that
/// reached it. A path lists its steps from the end of both documents back to their start.
struct PathStep: Sendable, Hashable {
    var i: Int
    var j: Int
    var bead: Bead

    /// The cell, as `Band` follows a path.
    var cell: (Int, Int) { (i, j) }
}
