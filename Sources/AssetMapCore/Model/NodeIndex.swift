import Foundation

/// Node indices by id, the first node winning when an id repeats: open addressing over one array of 64-bit
/// slots, each holding its id's hash and the node's index. The ids themselves stay in the nodes (nothing is
/// copied or retained), so a lookup compares an id only with the node whose hash matches. The loader fills it
/// from the ids' bytes in the file, with the same hash a String lookup uses. The slots are two tables side by
/// side, an id's top hash bit choosing one, so the loader fills them on two cores at once.
struct IDSlots: Equatable, Sendable {
    /// 0: empty; else the id's 32-bit hash (its low bits pick the home slot) and the node's index + 1.
    private(set) var slots: [UInt64]
    /// Distinct ids held in each half.
    private var held = [0, 0]
    /// Distinct ids held.
    var count: Int { held[0] + held[1] }

    init(expected: Int = 0) {
        var capacity = 16
        while capacity < expected * 2 { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
    }

    /// Eight bytes at a time; Strings and file bytes hash alike.
    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0x9E37_79B9 }
        var h = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        for k in i..<bytes.count { tail = tail << 8 | UInt64(base[k]) }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }

    static func hash(_ id: String) -> UInt32 {
        var id = id
        return id.withUTF8 { hash($0) }
    }

    /// The first slot an id with `hash` tries: in the half its top bit picks.
    @inline(__always) private static func home(_ hash: UInt32, _ capacity: Int) -> Int {
        let half = capacity / 2
        return (hash >> 31 == 0 ? 0 : half) + Int(hash) & (half - 1)
    }

    /// The slot after `slot`, wrapping within its half.
    @inline(__always) private static func after(_ slot: Int, _ capacity: Int) -> Int {
        let half = capacity / 2
        return slot & ~(half - 1) | (slot + 1) & (half - 1)
    }

    /// The node whose hash is `hash` and for which `isMatch` holds.
    @inline(__always) func find(hash: UInt32, _ isMatch: (Int) -> Bool) -> Int? {
        slots.withUnsafeBufferPointer { Self.find(hash: hash, in: $0, isMatch) }
    }

    @inline(__always) private static func find(
        hash: UInt32, in slots: UnsafeBufferPointer<UInt64>, _ isMatch: (Int) -> Bool
    ) -> Int? {
        var slot = home(hash, slots.count)
        while slots[slot] != 0 {
            let entry = slots[slot]
            if UInt32(truncatingIfNeeded: entry >> 32) == hash, isMatch(Int(entry & 0xFFFF_FFFF) - 1) {
                return Int(entry & 0xFFFF_FFFF) - 1
            }
            slot = after(slot, slots.count)
        }
        return nil
    }

    /// The slots for `count` nodes, each added unless an earlier one has the same id (`same(earlier, node)`, asked
    /// only when the hashes agree): the two halves filled at once, each as an array of its own.
    static func filled(count: Int, hashes: [UInt32], parallel: Bool, same: @Sendable @escaping (Int, Int) -> Bool)
        -> IDSlots
    {
        var table = IDSlots(expected: Parser.withHeadroom(count))
        let half = table.slots.count / 2
        let halves = Parallel.map(2, parallel: parallel) { h -> (slots: [UInt64], added: Int) in
            var slots = [UInt64](repeating: 0, count: half), added = 0
            slots.withUnsafeMutableBufferPointer { slots in
                for node in 0..<count where Int(hashes[node] >> 31) == h {
                    // As `home` and `after` place it, within the half.
                    let hash = hashes[node]
                    var slot = Int(hash) & (half - 1), isRepeat = false
                    while slots[slot] != 0 {
                        let entry = slots[slot]
                        if UInt32(truncatingIfNeeded: entry >> 32) == hash && same(Int(entry & 0xFFFF_FFFF) - 1, node) {
                            isRepeat = true; break
                        }
                        slot = (slot + 1) & (half - 1)
                    }
                    if !isRepeat { slots[slot] = UInt64(hash) << 32 | UInt64(node + 1); added += 1 }
                }
            }
            return (slots, added)
        }
        table.slots = halves[0].slots + halves[1].slots
        table.held = halves.map(\.added)
        return table
    }

    /// Adds a node whose id is not held yet.
    mutating func insert(_ node: Int, hash: UInt32) {
        let half = Int(hash >> 31)
        if (held[half] + 1) * 4 > slots.count { grow() }
        place(UInt64(hash) << 32 | UInt64(node + 1))
        held[half] += 1
    }

    /// Removes the entry of node `node` (whose id hashes to `hash`), closing the gap so every probe still
    /// reaches its entry.
    mutating func remove(_ node: Int, hash: UInt32) {
        var slot = Self.home(hash, slots.count)
        while slots[slot] != 0 && slots[slot] & 0xFFFF_FFFF != UInt64(node + 1) { slot = Self.after(slot, slots.count) }
        guard slots[slot] != 0 else { return }
        slots[slot] = 0
        held[Int(hash >> 31)] -= 1
        var next = Self.after(slot, slots.count)
        while slots[next] != 0 {
            let entry = slots[next]
            slots[next] = 0
            place(entry)
            next = Self.after(next, slots.count)
        }
    }

    /// Node indices at or above `from` move by `delta` (nodes were inserted or removed before them).
    mutating func shiftNodes(from: Int, by delta: Int) {
        guard delta != 0 else { return }
        for i in slots.indices where slots[i] != 0 && Int(slots[i] & 0xFFFF_FFFF) - 1 >= from {
            slots[i] = slots[i] &+ UInt64(bitPattern: Int64(delta))
        }
    }

    /// Every (node, hash) held, in slot order.
    var entries: [(node: Int, hash: UInt32)] {
        slots.filter { $0 != 0 }.map { (Int($0 & 0xFFFF_FFFF) - 1, UInt32(truncatingIfNeeded: $0 >> 32)) }
    }

    private mutating func place(_ entry: UInt64) {
        var slot = Self.home(UInt32(truncatingIfNeeded: entry >> 32), slots.count)
        while slots[slot] != 0 { slot = Self.after(slot, slots.count) }
        slots[slot] = entry
    }

    /// Twice the room when a half would be more than half full.
    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        for entry in old where entry != 0 { place(entry) }
    }
}

/// The graph's ids, looked up as a dictionary from id to node index would be (`graph.nodeIndex[id]`).
package struct NodeIndex: Equatable, Sendable {
    let slots: IDSlots
    let nodes: [Node]

    package subscript(id: String) -> Int? {
        slots.find(hash: IDSlots.hash(id)) { nodes[$0].id == id }
    }

    /// How many distinct ids.
    package var count: Int { slots.count }

    /// The distinct ids, in file order.
    package var keys: [String] { slots.entries.map(\.node).sorted().map { nodes[$0].id } }

    /// Id to node index, as a dictionary.
    package var dictionary: [String: Int] {
        Dictionary(uniqueKeysWithValues: slots.entries.map { (nodes[$0.node].id, $0.node) })
    }

    package static func == (a: NodeIndex, b: NodeIndex) -> Bool { a.dictionary == b.dictionary }
}
