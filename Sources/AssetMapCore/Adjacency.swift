import Foundation

extension Parser {
    /// Builds `nodeIndex` and the adjacency lists from the ends found while parsing; the two are independent
    /// and built at once for a large map.
    mutating func buildAdjacency() {
        let nodes = graph.nodes, ends = edgeEnds
        let parts = Parallel.map(2, parallel: nodes.count + ends.count >= 4096) { task -> ([String: Int], [[Int]], [[Int]]) in
            guard task == 0 else {
                let lists = Parser.adjacency(ends, nodeCount: nodes.count)
                return ([:], lists.outgoing, lists.incoming)
            }
            var nodeIndex: [String: Int] = [:]
            nodeIndex.reserveCapacity(Parser.withHeadroom(nodes.count))
            for i in nodes.indices where nodeIndex[nodes[i].id] == nil { nodeIndex[nodes[i].id] = i }
            return (nodeIndex, [], [])
        }
        graph.nodeIndex = parts[0].0
        var outgoing = parts[1].1, incoming = parts[1].2
        // Ends not found while parsing (a node declared after the edge, or an unknown id) are looked up now
        // and put in their place in file order (mostly at the end: they are met in order).
        for e in edgeEnds.indices {
            if edgeEnds[e].from < 0, let i = graph.nodeIndex[graph.edges[e].from] { outgoing[i].insertSorted(e) }
            if edgeEnds[e].to < 0, let i = graph.nodeIndex[graph.edges[e].to] { incoming[i].insertSorted(e) }
        }
        var attached = 0
        for list in outgoing { attached += list.count }
        for list in incoming { attached += list.count }
        graph.unresolvedEnds = 2 * graph.edges.count - attached
        graph.outgoing = outgoing
        graph.incoming = incoming
    }

    /// Per node, the edges leaving and entering it (ends below 0 left out), each list allocated once at its size.
    private static func adjacency(_ ends: [(from: Int32, to: Int32)], nodeCount: Int) -> (outgoing: [[Int]], incoming: [[Int]]) {
        var outDegree = [Int](repeating: 0, count: nodeCount)
        var inDegree = outDegree
        for end in ends {
            if end.from >= 0 { outDegree[Int(end.from)] += 1 }
            if end.to >= 0 { inDegree[Int(end.to)] += 1 }
        }
        func emptyLists(_ degrees: [Int]) -> [[Int]] {
            degrees.map { degree in
                var list: [Int] = []
                list.reserveCapacity(degree)
                return list
            }
        }
        var outgoing = emptyLists(outDegree), incoming = emptyLists(inDegree)
        for (e, end) in ends.enumerated() {
            if end.from >= 0 { outgoing[Int(end.from)].append(e) }
            if end.to >= 0 { incoming[Int(end.to)].append(e) }
        }
        return (outgoing, incoming)
    }
}

extension Array where Element == Int {
    /// Inserts into a sorted list, keeping it sorted.
    mutating func insertSorted(_ value: Int) {
        var position = count
        while position > 0 && self[position - 1] > value { position -= 1 }
        insert(value, at: position)
    }

    mutating func removeSorted(_ value: Int) {
        if let position = lastIndex(of: value) { remove(at: position) }
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
