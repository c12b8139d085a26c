import Foundation

extension Parser {
    /// Names each edge's ends (sharing the node's id string when the id is known), and builds the id index and
    /// the adjacency lists. Ids are looked up by their bytes in the file, never hashed as Strings; the edges are
    /// done in two halves at once for a large map.
    static func link(
        _ graph: inout MapGraph, _ lines: MapLines, ends: [EndBytes], ids: [IDBytes], partsFrom: Int
    ) {
        let nodes = graph.nodes
        let arena = lines.withReader { IDArena(ids, $0) }
        // The first node of a repeated id wins.
        let slots = IDSlots.filled(count: ids.count, hashes: ids.map(\.hash), parallel: nodes.count >= partsFrom) {
            arena.same($0, $1)
        }
        let parallel = graph.edges.count >= partsFrom && graph.edges.count >= 2
        let edgeCount = graph.edges.count
        let ranges = parallel ? [0..<(edgeCount / 2), (edgeCount / 2)..<edgeCount] : [0..<edgeCount]
        let named = graph.edges.withUnsafeMutableBufferPointer { edges in
            let halves = ranges.map {
                EdgeHalf(edges: UnsafeMutableBufferPointer(rebasing: edges[$0]), first: $0.lowerBound)
            }
            return Parallel.map(halves.count, parallel: parallel) { k in
                lines.withReader { reader in
                    nodes.withUnsafeBufferPointer { nodes in halves[k].name(reader, ends, slots, nodes, arena) }
                }
            }
        }
        let from = named.count == 1 ? named[0].from : named.flatMap(\.from)
        let to = named.count == 1 ? named[0].to : named.flatMap(\.to)
        let unresolved = named.reduce(0) { $0 + $1.unresolved }
        let nodeCount = nodes.count, leaving = from, entering = to
        let lists = Parallel.map(2, parallel: nodeCount + ends.count >= partsFrom) { direction in
            EdgeLists(nodeCount: nodeCount, ends: direction == 0 ? leaving : entering)
        }
        graph.outgoing = lists[0]
        graph.incoming = lists[1]
        graph.ids = slots
        graph.unresolvedEnds = unresolved
    }
}

/// Every node's id bytes end to end, to compare edge ends with: a lookup reads this small array rather than a
/// node and then its id string, two places far apart in memory (the lookups are most of naming the ends).
struct IDArena: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int32]

    init(_ ids: [IDBytes], _ reader: MapLines.Reader) {
        var starts = [Int32](repeating: 0, count: ids.count + 1)
        for (k, id) in ids.enumerated() { starts[k + 1] = starts[k] + id.count }
        self.starts = starts
        bytes = [UInt8](unsafeUninitializedCapacity: Int(starts[ids.count])) { room, count in
            for (k, id) in ids.enumerated() {
                let line = reader[Int(id.line)]
                (room.baseAddress! + Int(starts[k])).initialize(
                    from: line.baseAddress! + Int(id.start), count: Int(id.count))
            }
            count = Int(starts[ids.count])
        }
    }

    @inline(__always) func id(_ node: Int, is other: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer {
            Bytes.equal(UnsafeBufferPointer(rebasing: $0[Int(starts[node])..<Int(starts[node + 1])]), other)
        }
    }

    func same(_ a: Int, _ b: Int) -> Bool {
        bytes.withUnsafeBufferPointer {
            id(a, is: UnsafeBufferPointer(rebasing: $0[Int(starts[b])..<Int(starts[b + 1])]))
        }
    }
}

/// One half of the edge array, named by the one thread that has it (`Parser.link` splits the array into two
/// disjoint halves and touches it no other way until both are done): what lets that thread write it in place.
private struct EdgeHalf: @unchecked Sendable {
    let edges: UnsafeMutableBufferPointer<Edge>
    /// The index of `edges[0]` in the whole array.
    let first: Int

    /// Names each edge's ends (the node's id string when the id is known); each end's node, -1 when unknown.
    func name(
        _ reader: MapLines.Reader, _ ends: [EndBytes], _ slots: IDSlots, _ nodes: UnsafeBufferPointer<Node>,
        _ arena: IDArena
    ) -> (from: [Int32], to: [Int32], unresolved: Int) {
        func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            slots.find(hash: IDSlots.hash(bytes)) { node in arena.id(node, is: bytes) }
        }
        var from = [Int32](repeating: -1, count: edges.count), to = from
        var unresolved = 0, lastFrom: (bytes: UnsafeBufferPointer<UInt8>, node: Int?)?
        // First every end's node (no retain: an atomic retain would wait for each lookup's cache misses in turn),
        // then the names.
        for e in edges.indices {
            let (fromBytes, toBytes) = ends[first + e].ids(in: reader[edges[e].line])
            // Edges leaving one node are usually together: the previous edge's source is tried first.
            let fromNode = lastFrom.flatMap { Bytes.equal($0.bytes, fromBytes) ? $0.node : nil } ?? find(fromBytes)
            lastFrom = (fromBytes, fromNode)
            from[e] = Int32(fromNode ?? -1)
            to[e] = Int32(find(toBytes) ?? -1)
        }
        for e in edges.indices {
            let fromNode = Int(from[e]), toNode = Int(to[e])
            if fromNode >= 0 { edges[e].from = nodes[fromNode].id }
            if toNode >= 0 { edges[e].to = nodes[toNode].id }
            if fromNode < 0 || toNode < 0 {
                let (fromBytes, toBytes) = ends[first + e].ids(in: reader[edges[e].line])
                if fromNode < 0 { edges[e].from = String(decoding: fromBytes, as: UTF8.self) }
                if toNode < 0 { edges[e].to = String(decoding: toBytes, as: UTF8.self) }
                unresolved += (fromNode < 0 ? 1 : 0) + (toNode < 0 ? 1 : 0)
            }
        }
        return (from, to, unresolved)
    }
}
