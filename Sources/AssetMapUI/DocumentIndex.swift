import AssetMapCore

/// What the views need from the graph, computed once per document version so drawing a frame
/// never scans the whole map.
struct DocumentIndex {
    /// Per kind (same order as `graph.kinds`): node indices in file order.
    var kindNodes: [[Int]]
    /// Per node: its kind's position in `graph.kinds`, and its row in that kind's list.
    var kindOfNode: [Int]
    var rowOfNode: [Int]
    /// Matrix: per community row, the barrier columns it meets (an edge either way).
    var communityKind: Int?
    var barrierKind: Int?
    var matrixMarks: [Set<Int>]

    init(graph: MapGraph) {
        var kindPosition: [String: Int] = [:]
        for (i, kind) in graph.kinds.enumerated() where kindPosition[kind.name] == nil { kindPosition[kind.name] = i }
        var kindNodes: [[Int]] = Array(repeating: [], count: graph.kinds.count)
        var kindOfNode = Array(repeating: 0, count: graph.nodes.count)
        var rowOfNode = Array(repeating: 0, count: graph.nodes.count)
        for (i, node) in graph.nodes.enumerated() {
            // Unknown kinds are syntax errors; the parser skips them, but stay safe.
            let k = kindPosition[node.kind] ?? 0
            kindOfNode[i] = k
            rowOfNode[i] = kindNodes[k].count
            kindNodes[k].append(i)
        }
        let communities = kindPosition["community"], barriers = kindPosition["barrier"]
        communityKind = communities
        barrierKind = barriers
        var marks: [Set<Int>] = Array(repeating: [], count: communities.map { kindNodes[$0].count } ?? 0)
        if let c = communities, let b = barriers {
            // Each edge's end nodes from the adjacency lists (built from `nodeIndex`), without hashing ids.
            var edgeFrom = [Int](repeating: -1, count: graph.edges.count), edgeTo = edgeFrom
            for (i, list) in graph.outgoing.enumerated() { for e in list { edgeFrom[e] = i } }
            for (i, list) in graph.incoming.enumerated() { for e in list { edgeTo[e] = i } }
            for e in graph.edges.indices {
                let from = edgeFrom[e], to = edgeTo[e]
                guard from >= 0, to >= 0 else { continue }
                if kindOfNode[from] == c && kindOfNode[to] == b { marks[rowOfNode[from]].insert(rowOfNode[to]) }
                if kindOfNode[from] == b && kindOfNode[to] == c { marks[rowOfNode[to]].insert(rowOfNode[from]) }
            }
        }
        matrixMarks = marks
        self.kindNodes = kindNodes
        self.kindOfNode = kindOfNode
        self.rowOfNode = rowOfNode
    }
}

/// One line of a node's links: the edge, which way it points, and the node at the other end.
struct Neighbour: Equatable {
    var edge: Int
    var outgoing: Bool
    var otherID: String
    var relation: String
}

extension MapGraph {
    /// Links of a node grouped by direction (outgoing first) and relation, file order within a group.
    func neighbours(ofNode index: Int) -> [Neighbour] {
        let out = outgoing[index].map { Neighbour(edge: $0, outgoing: true, otherID: edges[$0].to, relation: edges[$0].relation) }
        let inc = incoming[index].map { Neighbour(edge: $0, outgoing: false, otherID: edges[$0].from, relation: edges[$0].relation) }
        return groupedByRelation(out) + groupedByRelation(inc)
    }

    private func groupedByRelation(_ list: [Neighbour]) -> [Neighbour] {
        var order: [String: Int] = [:]
        for n in list where order[n.relation] == nil { order[n.relation] = order.count }
        return list.enumerated().sorted { (order[$0.element.relation]!, $0.offset) < (order[$1.element.relation]!, $1.offset) }.map(\.element)
    }

    func label(of id: String) -> String { node(id)?.label ?? "\(id) (missing)" }

    /// "[C]" for community…; custom kinds use their first letter.
    func tag(ofKind kind: String) -> String {
        "[\(kind.first.map { String($0).uppercased() } ?? "?")]"
    }

    func kindColor(_ kind: String) -> Color {
        switch kind {
        case "community": return .cyan
        case "organisation": return .green
        case "place": return .yellow
        case "barrier": return .red
        case "improvement": return .magenta
        default: return .blue
        }
    }
}
