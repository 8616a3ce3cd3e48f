import Foundation

/// Results written from several threads, one slot each.
public final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    private var filled = 0

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores a value; returns how many slots are set, for progress reports.
    @discardableResult
    public func set(_ index: Int, _ value: Value) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if slots[index] == nil { filled += 1 }
        slots[index] = value
        return filled
    }

    /// The values set so far, in slot order.
    public var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }

    /// The values set so far, in slot order, taken out: the slots are empty afterwards, so the
    /// caller holds the only reference to each value and may change it in place.
    public func takeValues() -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        let taken = slots.compactMap { $0 }
        slots = Array(repeating: nil, count: slots.count)
        filled = 0
        return taken
    }
}
