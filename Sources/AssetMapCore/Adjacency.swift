import Foundation

extension Parser {
    /// Names each edge's ends (sharing the node's id string when the id is known), and builds the id index and
    /// the adjacency lists. Ids are looked up by their bytes in the file, never hashed as Strings; the edges are
    /// done in two halves at once for a large map.
    static func link(_ graph: inout MapGraph, _ reader: MapLines.Reader, ends: [EndBytes], ids: [IDBytes], partsFrom: Int) {
        let nodes = graph.nodes
        let slots = IDSlots.filled(ids: ids, reader: reader, parallel: nodes.count >= partsFrom)
        let parallel = graph.edges.count >= partsFrom && graph.edges.count >= 2
        var from = [Int32](repeating: -1, count: ends.count), to = from
        var unresolved = 0
        from.withUnsafeMutableBufferPointer { from in
            to.withUnsafeMutableBufferPointer { to in
                graph.edges.withUnsafeMutableBufferPointer { edges in
                    nodes.withUnsafeBufferPointer { nodes in
                        let halves = parallel ? [0..<(edges.count / 2), (edges.count / 2)..<edges.count] : [0..<edges.count]
                        let shared = (reader, edges, from, to, slots, nodes)
                        unresolved = Parallel.map(halves.count, parallel: parallel, sharing: shared) { k, shared in
                            let (reader, edges, from, to, slots, nodes) = shared
                            // An id is compared with the node's own id string, which naming the end then retains:
                            // one place in memory reached for both.
                            func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
                                slots.find(hash: IDSlots.hash(bytes)) { node in
                                    nodes[node].id.utf8.withContiguousStorageIfAvailable { Bytes.equal($0, bytes) } ?? false
                                }
                            }
                            var unresolved = 0, lastFrom: (bytes: UnsafeBufferPointer<UInt8>, node: Int?)?
                            for e in halves[k] {
                                let end = ends[e], line = reader[edges[e].line]
                                let fromBytes = UnsafeBufferPointer(rebasing: line[0..<Int(end.fromCount)])
                                let toBytes = UnsafeBufferPointer(rebasing: line[Int(end.toStart)..<Int(end.toStart + end.toCount)])
                                // Edges leaving one node are usually together: the previous edge's source is tried first.
                                let fromNode = lastFrom.flatMap { Bytes.equal($0.bytes, fromBytes) ? $0.node : nil } ?? find(fromBytes)
                                lastFrom = (fromBytes, fromNode)
                                let toNode = find(toBytes)
                                from[e] = Int32(fromNode ?? -1)
                                to[e] = Int32(toNode ?? -1)
                                edges[e].from = fromNode.map { nodes[$0].id } ?? String(decoding: fromBytes, as: UTF8.self)
                                edges[e].to = toNode.map { nodes[$0].id } ?? String(decoding: toBytes, as: UTF8.self)
                                unresolved += (fromNode == nil ? 1 : 0) + (toNode == nil ? 1 : 0)
                            }
                            return unresolved
                        }.reduce(0, +)
                    }
                }
            }
        }
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

extension IDSlots {
    /// The slots of the nodes whose ids are at `ids` in the lines (the first of a repeated id wins).
    static func filled(ids spans: [IDBytes], reader: MapLines.Reader, parallel: Bool) -> IDSlots {
        let ids = spans.map { span in UnsafeBufferPointer(rebasing: reader[Int(span.line)][Int(span.start)..<Int(span.start + span.count)]) }
        return filled(count: ids.count, hashes: spans.map(\.hash), parallel: parallel) { Bytes.equal(ids[$0], ids[$1]) }
    }
}
