import Foundation

/// Where an edit replaced records: the nodes at `nodes` (indices before it) gave way to `insertedNodes` new
/// nodes starting at `nodes.lowerBound`, and likewise the edges. Later indices moved by the difference.
package struct RecordSplice: Equatable, Sendable {
    package var nodes: Range<Int>
    package var insertedNodes: Int
    package var edges: Range<Int>
    package var insertedEdges: Int
}

/// What an edit changed in the graph, for whatever keeps data per node or per edge to follow it.
package struct GraphDelta: Equatable, Sendable {
    /// In the order they happened, each in the indices the one before left. Empty when every node and
    /// edge kept its place (only attributes, labels or kinds changed).
    package var splices: [RecordSplice] = []
    /// Ids of the nodes whose record changed, that were added or removed, or that gained or lost a link.
    package var touched: Set<String> = []

    package init() {}
}

extension Array {
    /// Replays `splices` on an array kept in step with the graph's nodes (`nodes: true`) or edges; the new
    /// positions hold `filler`.
    package mutating func replay(_ splices: [RecordSplice], nodes: Bool, filler: Element) {
        for splice in splices {
            let range = nodes ? splice.nodes : splice.edges
            replaceSubrange(
                range, with: repeatElement(filler, count: nodes ? splice.insertedNodes : splice.insertedEdges))
        }
    }
}

extension MapGraph {
    /// Brings the graph up to date after `splice` was applied to `lines`, re-reading only the records around
    /// it and splicing them in. Returns false when that cannot give exactly what a full parse gives (syntax
    /// errors, repeated ids, kind declarations, a second header): the caller then parses the whole file,
    /// and the graph may be left half updated.
    mutating func update(after splice: Splice, lines: MapLines, delta: inout GraphDelta) -> Bool {
        guard syntaxErrors.isEmpty, nodeIndex.count == nodes.count else { return false }
        let low = splice.start, high = splice.start + splice.removed.count
        let shift = splice.inserted.count - splice.removed.count
        let oldLineCount = lines.count - shift

        // The region: from the last record starting before the edited lines (new lines may be its attributes)
        // to the first record starting after them, which no edit inside can affect.
        var owner = -1
        let nodeLow = nodes.partitioningIndex { $0.line >= low }
        let edgeLow = edges.partitioningIndex { $0.line >= low }
        if nodeLow > 0 { owner = nodes[nodeLow - 1].line }
        if edgeLow > 0 { owner = max(owner, edges[edgeLow - 1].line) }
        if let header, header.line < low { owner = max(owner, header.line) }
        // A kind declaration takes no attributes: lines after it read the same without it.
        let afterKind = kinds.contains { $0.line.map { $0 < low && $0 > owner } ?? false }
        let regionStart = owner >= 0 && !afterKind ? owner : low
        let n1 = nodes.partitioningIndex { $0.line >= high }
        let e1 = edges.partitioningIndex { $0.line >= high }
        var regionEnd = oldLineCount
        if n1 < nodes.count { regionEnd = min(regionEnd, nodes[n1].line) }
        if e1 < edges.count { regionEnd = min(regionEnd, edges[e1].line) }
        if let header, header.line >= high { regionEnd = min(regionEnd, header.line) }
        for kind in kinds { if let line = kind.line, line >= high { regionEnd = min(regionEnd, line) } }
        // Kind declarations change how every node reads; the header's repeats are errors naming other lines.
        let region = regionStart..<regionEnd
        guard !kinds.contains(where: { $0.line.map(region.contains) ?? false }) else { return false }
        let headerInRegion = header.map { region.contains($0.line) } ?? false

        let declared = Set(kinds.lazy.filter { !$0.isBuiltin }.map(\.name))
        let fresh = Parser.parseRegion(lines, regionStart..<(regionEnd + shift), declaredKinds: declared)
        guard fresh.syntaxErrors.isEmpty, fresh.kinds.count == KindInfo.builtins.count,
            (fresh.header != nil) == headerInRegion
        else { return false }

        // Records at the front of the region that read the same are left alone.
        var n0 = nodes.partitioningIndex { $0.line >= regionStart }
        var e0 = edges.partitioningIndex { $0.line >= regionStart }
        var newNodes = fresh.nodes[...], newEdges = fresh.edges[...]
        while n0 < n1, let first = newNodes.first, nodes[n0] == first { n0 += 1; newNodes.removeFirst() }
        while e0 < e1, let first = newEdges.first, edges[e0] == first { e0 += 1; newEdges.removeFirst() }

        let sameNodes = newNodes.count == n1 - n0 && zip(nodes[n0..<n1], newNodes).allSatisfy { $0.id == $1.id }
        let sameEdges =
            newEdges.count == e1 - e0
            && zip(edges[e0..<e1], newEdges).allSatisfy {
                $0.from == $1.from && $0.to == $1.to && $0.relation == $1.relation
            }
        if !sameNodes {
            // Every new id must be free once the region's old nodes are gone, and appear once.
            let leaving = Set(nodes[n0..<n1].lazy.map(\.id))
            var arriving: Set<String> = []
            for node in newNodes {
                guard nodeIndex[node.id] == nil || leaving.contains(node.id), arriving.insert(node.id).inserted else {
                    return false
                }
            }
        }

        if headerInRegion { header = fresh.header }
        shiftLines(from: regionEnd, by: shift)
        // Nodes that keep their ids (and edges their ends and relation) keep their places: only their lines,
        // labels, kinds or attributes changed.
        if sameNodes {
            for (i, node) in zip(n0..<n1, newNodes) { nodes[i] = node; delta.touched.insert(node.id) }
            n0 = n1
            newNodes = []
        }
        if sameEdges {
            for (e, edge) in zip(e0..<e1, newEdges) {
                edges[e] = edge; delta.touched.insert(edge.from); delta.touched.insert(edge.to)
            }
            e0 = e1
            newEdges = []
        }
        guard n0 < n1 || e0 < e1 || !newNodes.isEmpty || !newEdges.isEmpty else { return true }
        replaceRecords(nodes: n0..<n1, with: newNodes, edges: e0..<e1, with: newEdges, touched: &delta.touched)
        delta.splices.append(
            RecordSplice(nodes: n0..<n1, insertedNodes: newNodes.count, edges: e0..<e1, insertedEdges: newEdges.count))
        return true
    }

    /// Swaps records and keeps `nodeIndex`, adjacency and `unresolvedEnds` as a full parse would build them.
    private mutating func replaceRecords(
        nodes oldNodes: Range<Int>, with newNodes: ArraySlice<Node>,
        edges oldEdges: Range<Int>, with newEdges: ArraySlice<Edge>, touched: inout Set<String>
    ) {
        // Detach the old edges, then the old nodes (whose remaining edges now name no node).
        for e in oldEdges {
            touched.insert(edges[e].from)
            touched.insert(edges[e].to)
            if nodeIndex[edges[e].from] == nil { unresolvedEnds -= 1 }
            if nodeIndex[edges[e].to] == nil { unresolvedEnds -= 1 }
        }
        for i in oldNodes {
            touched.insert(nodes[i].id)
            for e in outgoing[i] where !oldEdges.contains(e) { touched.insert(edges[e].to); unresolvedEnds += 1 }
            for e in incoming[i] where !oldEdges.contains(e) { touched.insert(edges[e].from); unresolvedEnds += 1 }
            ids.remove(i, hash: IDSlots.hash(nodes[i].id))
        }
        let unresolvedBefore = unresolvedEnds
        for direction in [\MapGraph.outgoing, \MapGraph.incoming] {
            self[keyPath: direction].replaceEdges(oldEdges, count: newEdges.count)
            self[keyPath: direction].replaceNodes(oldNodes, count: newNodes.count)
        }

        nodes.replaceSubrange(oldNodes, with: newNodes)
        let nodeShift = newNodes.count - oldNodes.count
        ids.shiftNodes(from: oldNodes.upperBound, by: nodeShift)
        edges.replaceSubrange(oldEdges, with: newEdges)

        // Attach the new nodes, then the new edges.
        for (offset, node) in newNodes.enumerated() {
            ids.insert(oldNodes.lowerBound + offset, hash: IDSlots.hash(node.id))
            touched.insert(node.id)
        }
        var leaving: [(node: Int, edge: Int)] = [], entering: [(node: Int, edge: Int)] = []
        let firstNewEdge = oldEdges.lowerBound
        for (offset, edge) in newEdges.enumerated() {
            let e = firstNewEdge + offset
            touched.insert(edge.from)
            touched.insert(edge.to)
            if let i = nodeIndex[edge.from] { leaving.append((i, e)) } else { unresolvedEnds += 1 }
            if let i = nodeIndex[edge.to] { entering.append((i, e)) } else { unresolvedEnds += 1 }
        }
        // Edges elsewhere that named a new node's id before it existed now reach it.
        if unresolvedBefore > 0, !newNodes.isEmpty {
            let arriving = Set(newNodes.lazy.map(\.id))
            let newEdgeRange = firstNewEdge..<(firstNewEdge + newEdges.count)
            for e in edges.indices where !newEdgeRange.contains(e) {
                if arriving.contains(edges[e].from) {
                    leaving.append((nodeIndex[edges[e].from]!, e)); unresolvedEnds -= 1; touched.insert(edges[e].to)
                }
                if arriving.contains(edges[e].to) {
                    entering.append((nodeIndex[edges[e].to]!, e)); unresolvedEnds -= 1; touched.insert(edges[e].from)
                }
            }
        }
        outgoing.insert(leaving)
        incoming.insert(entering)
    }
}

extension MapGraph {
    /// Moves every record at or after line `start` by `delta` lines. Nodes and edges are each in file order, so
    /// only their tails move; the two tails are shifted on two cores when large (the pass is memory bound).
    mutating func shiftLines(from start: Int, by delta: Int) {
        guard delta != 0 else { return }
        if header != nil, header!.line >= start {
            header!.line += delta
            header!.endLine += delta
        }
        for i in kinds.indices {
            guard let line = kinds[i].line, line >= start else { continue }
            kinds[i].line = line + delta
            kinds[i].endLine = kinds[i].endLine.map { $0 + delta }
        }
        let firstNode = nodes.partitioningIndex { $0.line >= start }
        let firstEdge = edges.partitioningIndex { $0.line >= start }
        let parallel = nodes.count - firstNode >= 10_000 && edges.count - firstEdge >= 10_000
        // Attributes are placed relative to their record, so only the records' own lines move.
        Parallel.both(
            &nodes, { for i in firstNode..<$0.count { $0[i].line += delta; $0[i].endLine += delta } },
            &edges, { for i in firstEdge..<$0.count { $0[i].line += delta; $0[i].endLine += delta } },
            parallel: parallel)
    }
}
