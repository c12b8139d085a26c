import Foundation

/// Node indices by id, the first node winning when an id repeats: open addressing over one array of 64-bit
/// slots, each holding its id's hash and the node's index. The ids themselves stay in the nodes (nothing is
/// copied or retained), so a lookup compares an id only with the node whose hash matches. The loader fills it
/// from the ids' bytes in the file, with the same hash a String lookup uses.
struct IDSlots: Equatable, Sendable {
    /// 0: empty; else the id's 32-bit hash (whose low bits also pick its home slot) and the node's index + 1.
    private(set) var slots: [UInt64]
    /// Distinct ids held.
    private(set) var count = 0

    init(expected: Int = 0) {
        var capacity = 16
        while capacity < expected * 2 { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
    }

    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    static func hash(_ id: String) -> UInt32 {
        var id = id
        return id.withUTF8 { hash($0) }
    }

    /// The node whose hash is `hash` and for which `isMatch` holds.
    @inline(__always) func find(hash: UInt32, _ isMatch: (Int) -> Bool) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(hash) & mask
            while slots[slot] != 0 {
                let entry = slots[slot]
                if UInt32(truncatingIfNeeded: entry >> 32) == hash, isMatch(Int(entry & 0xFFFF_FFFF) - 1) { return Int(entry & 0xFFFF_FFFF) - 1 }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// Adds a node whose id is not held yet.
    mutating func insert(_ node: Int, hash: UInt32) {
        if (count + 1) * 2 > slots.count { grow() }
        place(UInt64(hash) << 32 | UInt64(node + 1))
        count += 1
    }

    /// Removes the entry of node `node` (whose id hashes to `hash`), closing the gap so every probe still
    /// reaches its entry.
    mutating func remove(_ node: Int, hash: UInt32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 && slots[slot] & 0xFFFF_FFFF != UInt64(node + 1) { slot = (slot + 1) & mask }
        guard slots[slot] != 0 else { return }
        slots[slot] = 0
        count -= 1
        var next = (slot + 1) & mask
        while slots[next] != 0 {
            let entry = slots[next]
            slots[next] = 0
            place(entry)
            next = (next + 1) & mask
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
        let mask = slots.count - 1
        var slot = Int(UInt32(truncatingIfNeeded: entry >> 32)) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        for entry in old where entry != 0 { place(entry) }
    }
}

/// The graph's ids, looked up as a dictionary from id to node index would be (`graph.nodeIndex[id]`).
public struct NodeIndex: Equatable, Sendable {
    let slots: IDSlots
    let nodes: [Node]

    public subscript(id: String) -> Int? {
        slots.find(hash: IDSlots.hash(id)) { nodes[$0].id == id }
    }

    /// How many distinct ids.
    public var count: Int { slots.count }

    /// The distinct ids, in file order.
    public var keys: [String] { slots.entries.map(\.node).sorted().map { nodes[$0].id } }

    /// Id to node index, as a dictionary.
    public var dictionary: [String: Int] {
        Dictionary(uniqueKeysWithValues: slots.entries.map { (nodes[$0.node].id, $0.node) })
    }

    public static func == (a: NodeIndex, b: NodeIndex) -> Bool { a.dictionary == b.dictionary }
}
