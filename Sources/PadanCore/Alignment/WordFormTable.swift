/// Word forms by their UTF-8 bytes, each with a number: the feature extractor's cache of what a
/// form contributes, looked up for every token of both documents. A `[String: Int32]` would build
/// a string per token and hash it with SipHash; this table hashes the bytes as the tokenizer cuts
/// them (FNV-1a) and compares them in place, and builds a string only for a form it has not seen.
///
/// Forms are told apart by their bytes, not by canonical equivalence: a decomposed `é` and a
/// precomposed one are two entries, whose values the caller computes from the same string.
struct WordFormTable {
    private struct Slot {
        var hash: UInt64 = 0
        var start: Int32 = 0
        var length: Int32 = -1  // -1: empty
        var value: Int32 = 0
    }

    private var slots = [Slot](repeating: Slot(), count: Self.initialCapacity)
    private var bytes: [UInt8] = []
    private(set) var count = 0

    /// A power of two, so a hash is reduced to a slot with a mask.
    private static let initialCapacity = 1024

    /// The value stored for `form`, or nil when it was never inserted.
    func value(for form: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(form)
        let mask = slots.count - 1
        var index = Self.slot(of: hash, mask: mask)
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { pool in
                while slots[index].length >= 0 {
                    let slot = slots[index]
                    if slot.hash == hash, Int(slot.length) == form.count,
                        Self.equal(form, pool, from: Int(slot.start))
                    {
                        return slot.value
                    }
                    index = (index + 1) & mask
                }
                return nil
            }
        }
    }

    /// Stores `value` for `form`, which must not be in the table yet.
    mutating func insert(_ form: UnsafeBufferPointer<UInt8>, value: Int32) {
        if 2 * (count + 1) > slots.count { grow() }
        let slot = Slot(hash: Self.hash(form), start: Int32(bytes.count), length: Int32(form.count), value: value)
        bytes.append(contentsOf: form)
        place(slot)
        count += 1
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = Self.slot(of: slot.hash, mask: mask)
        while slots[index].length >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: 2 * old.count)
        for slot in old where slot.length >= 0 { place(slot) }
    }

    private static func equal(_ form: UnsafeBufferPointer<UInt8>, _ pool: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        for offset in 0..<form.count where form[offset] != pool[start + offset] { return false }
        return true
    }

    /// The first slot to try for `hash`: its high bits folded into the low ones the mask keeps.
    private static func slot(of hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    }

    /// 64-bit FNV-1a.
    private static func hash(_ form: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in form {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
