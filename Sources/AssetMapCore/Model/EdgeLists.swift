import Foundation

/// Per node, the indices of the edges leaving (or entering) it, in file order. All nodes' lists are one flat
/// array (node `i`'s are `edges[starts[i]..<starts[i + 1]]`): one allocation for the whole map instead of one
/// per node. Edits change it by whole passes (timed in docs/BENCHMARKS.md), never per element.
package struct EdgeLists: RandomAccessCollection, Equatable, Sendable {
    private var starts: [Int32] = [0]
    private var edges: [Int32] = []

    package init() {}

    /// Lists for `nodeCount` nodes from each edge's node (below 0: the edge is in no list), counted first so
    /// each array is allocated once at its size.
    init(nodeCount: Int, ends: some Collection<Int32>) {
        var counts = [Int32](repeating: 0, count: nodeCount + 1)
        for node in ends where node >= 0 { counts[Int(node) + 1] += 1 }
        for i in 0..<nodeCount { counts[i + 1] += counts[i] }
        var next = counts
        edges = [Int32](repeating: 0, count: Int(counts[nodeCount]))
        for (e, node) in ends.enumerated() where node >= 0 {
            edges[Int(next[Int(node)])] = Int32(e)
            next[Int(node)] += 1
        }
        starts = counts
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { starts.count - 1 }

    package subscript(node: Int) -> EdgeList {
        EdgeList(slice: edges[Int(starts[node])..<Int(starts[node + 1])])
    }

    /// Runs `body` with node `i`'s list at `edges[starts[i]..<starts[i + 1]]`: for passes over every node, which
    /// would otherwise retain the shared storage once per node.
    func withStorage<R>(_ body: (_ starts: UnsafeBufferPointer<Int32>, _ edges: UnsafeBufferPointer<Int32>) -> R) -> R {
        starts.withUnsafeBufferPointer { starts in edges.withUnsafeBufferPointer { body(starts, $0) } }
    }

    /// The edges at `range` gave way to `count` new ones: their indices leave every list, later ones move.
    mutating func replaceEdges(_ range: Range<Int>, count: Int) {
        let shift = Int32(count - range.count), low = Int32(range.lowerBound), high = Int32(range.upperBound)
        guard !range.isEmpty || shift != 0 else { return }
        var write = 0
        for node in 0..<(starts.count - 1) {
            let from = Int(starts[node]), to = Int(starts[node + 1])
            starts[node] = Int32(write)
            for k in from..<to {
                let e = edges[k]
                if e >= low && e < high { continue }
                edges[write] = e >= high ? e + shift : e
                write += 1
            }
        }
        starts[starts.count - 1] = Int32(write)
        edges.removeLast(edges.count - write)
    }

    /// The nodes at `range` gave way to `count` new nodes with empty lists.
    mutating func replaceNodes(_ range: Range<Int>, count: Int) {
        let first = starts[range.lowerBound], removed = starts[range.upperBound] - first
        edges.removeSubrange(Int(first)..<Int(first + removed))
        starts.replaceSubrange(
            (range.lowerBound + 1)..<(range.upperBound + 1), with: repeatElement(first, count: count))
        for i in (range.lowerBound + 1 + count)..<starts.count { starts[i] -= removed }
    }

    /// Adds edge `edge` to node `node`'s list for each pair, keeping every list in file order.
    mutating func insert(_ pairs: [(node: Int, edge: Int)]) {
        guard !pairs.isEmpty else { return }
        let sorted = pairs.sorted { ($0.node, $0.edge) < ($1.node, $1.edge) }
        var merged: [Int32] = []
        merged.reserveCapacity(edges.count + sorted.count)
        var copied = 0, p = 0
        while p < sorted.count {
            let node = sorted[p].node
            let from = Int(starts[node]), to = Int(starts[node + 1])
            merged.append(contentsOf: edges[copied..<from])
            var k = from
            while p < sorted.count && sorted[p].node == node {
                let e = Int32(sorted[p].edge)
                while k < to && edges[k] < e { merged.append(edges[k]); k += 1 }
                merged.append(e)
                p += 1
            }
            merged.append(contentsOf: edges[k..<to])
            copied = to
        }
        merged.append(contentsOf: edges[copied...])
        edges = merged
        // Each node's start moves by the pairs of the nodes before it.
        var added: Int32 = 0
        p = 0
        for i in starts.indices {
            while p < sorted.count && sorted[p].node < i { added += 1; p += 1 }
            starts[i] += added
        }
    }
}

/// One node's edges (indices into `MapGraph.edges`), in file order.
package struct EdgeList: RandomAccessCollection, Equatable, CustomStringConvertible, Sendable {
    fileprivate let slice: ArraySlice<Int32>

    package var startIndex: Int { 0 }
    package var endIndex: Int { slice.count }
    package subscript(position: Int) -> Int { Int(slice[slice.startIndex + position]) }

    package static func == (a: EdgeList, b: EdgeList) -> Bool { a.slice.elementsEqual(b.slice) }
    package var description: String { Array(self).description }

    /// Both lists as one array (a node's edges both ways: `outgoing[i] + incoming[i]`).
    package static func + (a: EdgeList, b: EdgeList) -> [Int] { Array(a) + Array(b) }
}
