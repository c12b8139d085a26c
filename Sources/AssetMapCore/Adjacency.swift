import Foundation

extension Parser {
    /// Builds `nodeIndex` and the adjacency lists from the ends found while parsing; the two are independent
    /// and built at once for a large map.
    mutating func buildAdjacency() {
        let nodes = graph.nodes, ends = edgeEnds
        let parts = Parallel.map(2, parallel: nodes.count + ends.count >= 4096) { task -> ([String: Int], [EdgeLists]) in
            guard task == 0 else {
                return ([:], [EdgeLists(nodeCount: nodes.count, ends: ends.lazy.map(\.from)),
                              EdgeLists(nodeCount: nodes.count, ends: ends.lazy.map(\.to))])
            }
            var nodeIndex: [String: Int] = [:]
            nodeIndex.reserveCapacity(Parser.withHeadroom(nodes.count))
            for i in nodes.indices where nodeIndex[nodes[i].id] == nil { nodeIndex[nodes[i].id] = i }
            return (nodeIndex, [])
        }
        graph.nodeIndex = parts[0].0
        graph.outgoing = parts[1].1[0]
        graph.incoming = parts[1].1[1]
        // Ends not found while parsing (a node declared after the edge, or an unknown id) are looked up now.
        var leaving: [(node: Int, edge: Int)] = [], entering: [(node: Int, edge: Int)] = []
        var unresolved = 0
        // Such an end then shares its node's id string, and the copy the edge made is freed.
        for e in ends.indices {
            if ends[e].from < 0 {
                if let i = graph.nodeIndex[graph.edges[e].from] {
                    leaving.append((i, e))
                    graph.edges[e].from = graph.nodes[i].id
                } else { unresolved += 1 }
            }
            if ends[e].to < 0 {
                if let i = graph.nodeIndex[graph.edges[e].to] {
                    entering.append((i, e))
                    graph.edges[e].to = graph.nodes[i].id
                } else { unresolved += 1 }
            }
        }
        graph.outgoing.insert(leaving)
        graph.incoming.insert(entering)
        graph.unresolvedEnds = unresolved
    }
}

/// Node indices by id bytes (first node wins, like `nodeIndex`): open addressing over an arena of the ids.
struct IDTable {
    private var slots: [Int32]
    private var arena: [UInt8] = []
    private var spans: [(start: Int, count: Int)] = []
    private var used = 0

    init(expectedNodes: Int = 0) {
        var capacity = 1024
        while capacity < expectedNodes * 2 { capacity *= 2 }
        slots = [Int32](repeating: -1, count: capacity)
        spans.reserveCapacity(expectedNodes)
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// Whether node `node` (already added) has exactly this id.
    func matches(_ node: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let span = spans[node]
        guard span.count == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            span.count == 0 || memcmp(stored.baseAddress! + span.start, bytes.baseAddress!, span.count) == 0
        }
    }

    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = IDTable.hash(bytes) & mask
        while slots[slot] >= 0 {
            if matches(Int(slots[slot]), bytes) { return Int(slots[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Records node `node` (always the next index); a repeated id keeps its first node.
    mutating func add(node: Int, id bytes: UnsafeBufferPointer<UInt8>) {
        spans.append((arena.count, bytes.count))
        arena.append(contentsOf: bytes)
        guard find(bytes) == nil else { return }
        if (used + 1) * 2 > slots.count { grow() }
        insert(node, hash: IDTable.hash(bytes))
    }

    private mutating func insert(_ node: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(node)
        used += 1
    }

    private mutating func grow() {
        let old = slots.filter { $0 >= 0 }
        slots = [Int32](repeating: -1, count: slots.count * 2)
        used = 0
        for node in old {
            let span = spans[Int(node)]
            let h = arena.withUnsafeBufferPointer { IDTable.hash(UnsafeBufferPointer(rebasing: $0[span.start..<(span.start + span.count)])) }
            insert(Int(node), hash: h)
        }
    }
}
