import AssetMapCore
import TerminalKit

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
    /// Per edge: its relation's number in `relationNames`, whose `relationCounts` say how many edges use it.
    private var relationOfEdge: [Int32]
    private var relationNames: [String] = []
    private var relationNumber: [String: Int32] = [:]
    private var relationCounts: [Int] = []
    private var lastRelation = -1

    init(graph: MapGraph) {
        var kindPosition: [String: Int] = [:]
        for (i, kind) in graph.kinds.enumerated() where kindPosition[kind.name] == nil { kindPosition[kind.name] = i }
        self.kindPosition = kindPosition
        communityKind = kindPosition[BuiltinKind.community.name]
        barrierKind = kindPosition[BuiltinKind.barrier.name]
        // Unknown kinds are syntax errors; the parser skips them, but stay safe.
        kindOfNode = graph.nodes.map { kindPosition[$0.kind] ?? 0 }
        relationOfEdge = []
        relationOfEdge.reserveCapacity(graph.edges.count)
        group(kindCount: graph.kinds.count)
        for edge in graph.edges { relationOfEdge.append(count(edge.relation, by: 1)) }
    }

    /// Relations in use, most used first (then by name): what the link prompt offers.
    var relations: [String] {
        relationNames.indices.filter { relationCounts[$0] > 0 }
            .sorted { (relationCounts[$1], relationNames[$0]) < (relationCounts[$0], relationNames[$1]) }
            .map { relationNames[$0] }
    }

    private mutating func count(_ relation: String, by step: Int) -> Int32 {
        // Consecutive edges often share a relation: skip the hashing then.
        if lastRelation < 0 || relationNames[lastRelation] != relation {
            if let number = relationNumber[relation] {
                lastRelation = Int(number)
            } else {
                lastRelation = relationNames.count
                relationNumber[relation] = Int32(lastRelation)
                relationNames.append(relation)
                relationCounts.append(0)
            }
        }
        relationCounts[lastRelation] += step
        return Int32(lastRelation)
    }

    /// Follows an edit that kept the kinds (any other re-reads the map and builds a new index).
    mutating func follow(_ delta: GraphDelta, in graph: MapGraph) {
        for splice in delta.splices {
            for e in splice.edges { relationCounts[Int(relationOfEdge[e])] -= 1 }
            relationOfEdge.replaceSubrange(splice.edges, with: repeatElement(-1, count: splice.insertedEdges))
        }
        if !delta.splices.isEmpty {
            for e in relationOfEdge.indices where relationOfEdge[e] < 0 {
                relationOfEdge[e] = count(graph.edges[e].relation, by: 1)
            }
        }
        // Only node splices move nodes (a link or unlink moves edges alone); a touched node may have a new kind.
        var regroup = delta.splices.contains { !$0.nodes.isEmpty || $0.insertedNodes > 0 }
        kindOfNode.replay(delta.splices, nodes: true, filler: 0)
        for id in delta.touched {
            guard let node = graph.nodeIndex[id] else { continue }
            let kind = kindPosition[graph.nodes[node].kind] ?? 0
            if kindOfNode[node] != kind { kindOfNode[node] = kind; regroup = true }
        }
        if regroup { group(kindCount: kindNodes.count) }
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
        let out = outgoing[index].map {
            Neighbour(edge: $0, outgoing: true, otherID: edges[$0].to, relation: edges[$0].relation)
        }
        let inc = incoming[index].map {
            Neighbour(edge: $0, outgoing: false, otherID: edges[$0].from, relation: edges[$0].relation)
        }
        return groupedByRelation(out) + groupedByRelation(inc)
    }

    private func groupedByRelation(_ list: [Neighbour]) -> [Neighbour] {
        var order: [String: Int] = [:]
        for n in list where order[n.relation] == nil { order[n.relation] = order.count }
        return list.enumerated().sorted {
            (order[$0.element.relation]!, $0.offset) < (order[$1.element.relation]!, $1.offset)
        }.map(\.element)
    }

    /// The nodes linked to node `index` by an edge either way.
    func linkedNodes(of index: Int) -> Set<Int> {
        var linked: Set<Int> = []
        for e in outgoing[index] { if let other = nodeIndex[edges[e].to] { linked.insert(other) } }
        for e in incoming[index] { if let other = nodeIndex[edges[e].from] { linked.insert(other) } }
        return linked
    }

    func label(of id: String) -> String { node(id)?.label ?? "\(id) (missing)" }
}
