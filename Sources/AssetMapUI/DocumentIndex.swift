import AssetMapCore

/// What the views need from the graph, kept up to date by edits so drawing a frame never scans
/// the whole map.
struct DocumentIndex {
    /// Per kind (same order as `graph.kinds`): node indices in file order.
    private(set) var kindNodes: [[Int]] = []
    /// Per node: its kind's position in `graph.kinds`, and its row in that kind's list.
    private(set) var kindOfNode: [Int]
    private(set) var rowOfNode: [Int] = []
    let communityKind: Int?
    let barrierKind: Int?
    private let kindPosition: [String: Int]

    init(graph: MapGraph) {
        var kindPosition: [String: Int] = [:]
        for (i, kind) in graph.kinds.enumerated() where kindPosition[kind.name] == nil { kindPosition[kind.name] = i }
        self.kindPosition = kindPosition
        communityKind = kindPosition["community"]
        barrierKind = kindPosition["barrier"]
        // Unknown kinds are syntax errors; the parser skips them, but stay safe.
        kindOfNode = graph.nodes.map { kindPosition[$0.kind] ?? 0 }
        group(kindCount: graph.kinds.count)
    }

    /// Follows an edit that kept the kinds (any other re-reads the map and builds a new index).
    mutating func follow(_ delta: GraphDelta, in graph: MapGraph) {
        var moved = !delta.splices.isEmpty
        kindOfNode.replay(delta.splices, nodes: true, filler: 0)
        for id in delta.touched {
            guard let node = graph.nodeIndex[id] else { continue }
            let kind = kindPosition[graph.nodes[node].kind] ?? 0
            if kindOfNode[node] != kind || moved { kindOfNode[node] = kind; moved = true }
        }
        if moved { group(kindCount: kindNodes.count) }
    }

    private mutating func group(kindCount: Int) {
        var kindNodes: [[Int]] = Array(repeating: [], count: kindCount)
        var rowOfNode = [Int](repeating: 0, count: kindOfNode.count)
        for (node, kind) in kindOfNode.enumerated() {
            rowOfNode[node] = kindNodes[kind].count
            kindNodes[kind].append(node)
        }
        self.kindNodes = kindNodes
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

    /// The nodes linked to node `index` by an edge either way.
    func linkedNodes(of index: Int) -> Set<Int> {
        var linked: Set<Int> = []
        for e in outgoing[index] { if let other = nodeIndex[edges[e].to] { linked.insert(other) } }
        for e in incoming[index] { if let other = nodeIndex[edges[e].from] { linked.insert(other) } }
        return linked
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
