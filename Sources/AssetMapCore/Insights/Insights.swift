import Foundation

/// "Where are we blind?": what a map says about its coverage, its gaps and who holds it together.
/// Reads labels, links and the vocabulary keys only, so private attributes never appear.
/// "affects" counts in the format's direction (barrier → community), "addresses" improvement → barrier.
package struct Insights: Equatable, Sendable, Codable {
    /// One community in one clinical area ("" collects the barriers that name no clinical area).
    package struct Cell: Equatable, Sendable, Codable {
        package var community: String
        package var clinical: String
        /// Barrier ids, in file order.
        package var barriers: [String]
        /// Ids of the improvements addressing those barriers (not dropped ones), in file order.
        package var improvements: [String]
        /// How many of the barriers are resolved.
        package var resolved: Int
    }

    package struct Rank: Equatable, Sendable, Codable {
        package var id: String
        package var degree: Int
    }

    package struct Broker: Equatable, Sendable, Codable {
        package var id: String
        /// Shortest paths between other nodes that pass through this one (links read both ways).
        package var betweenness: Double
    }

    package struct Action: Equatable, Sendable, Codable {
        package var id: String
        package var due: String
        package var owner: String?
    }

    /// Every community × every clinical area in use (the Core20PLUS5 ten first), empty cells included.
    package var coverage: [Cell]
    /// Core20 or PLUS communities that no barrier affects: silence is not the absence of barriers.
    package var silent: [String]
    /// Barriers neither resolved nor parked that no improvement (other than a dropped one) addresses.
    package var unaddressed: [String]
    /// Improvements still to do (not done or dropped) with no `owner`, on the node or on its `addresses` links.
    package var unowned: [String]
    /// Barriers and improvements still open whose `due` date is before today.
    package var overdue: [Action]
    /// Organisations and places by number of links, highest first.
    package var degree: [Rank]
    /// Organisations and places by betweenness, highest first; nil on maps over `betweennessLimit` nodes.
    package var betweenness: [Broker]?
    /// Nodes with no links at all.
    package var isolated: [String]

    package static let betweennessLimit = 5_000
    static let closedBarrier: Set<String> = ["resolved", "parked"]
    static let closedImprovement: Set<String> = ["done", "dropped"]

    package init(_ graph: MapGraph, today: String) {
        let live = graph.nodes.indices.filter { graph.nodeIndex[graph.nodes[$0].id] == $0 }
        var affected: [Int: [Int]] = [:]  // community → barriers
        var addressing: [Int: [Int]] = [:]  // barrier → improvements
        var ownedByLink: Set<Int> = []
        for edge in graph.edges {
            guard let from = graph.nodeIndex[edge.from], let to = graph.nodeIndex[edge.to] else { continue }
            let fromKind = BuiltinKind(rawValue: graph.nodes[from].kind),
                toKind = BuiltinKind(rawValue: graph.nodes[to].kind)
            if edge.relation == "affects", fromKind == .barrier, toKind == .community {
                affected[to, default: []].append(from)
            }
            // A dropped improvement addresses nothing any more.
            if edge.relation == "addresses", fromKind == .improvement, toKind == .barrier,
                graph.nodes[from].value("status") != "dropped"
            {
                addressing[to, default: []].append(from)
                if edge.value("owner").map({ !$0.isEmpty }) == true { ownedByLink.insert(from) }
            }
        }
        func status(_ i: Int) -> String { graph.nodes[i].value("status") ?? "" }
        func ids(_ indices: some Sequence<Int>) -> [String] { Set(indices).sorted().map { graph.nodes[$0].id } }

        let communities = live.filter { graph.nodes[$0].hasKind(.community) }
        let barriers = live.filter { graph.nodes[$0].hasKind(.barrier) }
        let used = Set(barriers.flatMap { graph.nodes[$0].list("clinical") })
        var areas = Vocabulary.clinical + used.subtracting(Vocabulary.clinical).sorted()
        if barriers.contains(where: { graph.nodes[$0].list("clinical").isEmpty }) { areas.append("") }
        coverage = communities.flatMap { c in
            areas.map { area in
                let inCell = (affected[c] ?? []).filter { b in
                    let clinical = graph.nodes[b].list("clinical")
                    return area.isEmpty ? clinical.isEmpty : clinical.contains(area)
                }
                return Cell(
                    community: graph.nodes[c].id, clinical: area, barriers: ids(inCell),
                    improvements: ids(inCell.flatMap { addressing[$0] ?? [] }),
                    resolved: Set(inCell).filter { status($0) == "resolved" }.count)
            }
        }
        silent = communities.filter { c in
            let node = graph.nodes[c]
            return (node.value("core20") == "yes" || node.value("plus") == "yes") && (affected[c] ?? []).isEmpty
        }.map { graph.nodes[$0].id }
        unaddressed = barriers.filter { b in
            !Self.closedBarrier.contains(status(b)) && (addressing[b] ?? []).isEmpty
        }.map { graph.nodes[$0].id }
        unowned = live.filter { i in
            let node = graph.nodes[i]
            return node.hasKind(.improvement) && !Self.closedImprovement.contains(status(i))
                && (node.value("owner") ?? "").isEmpty && !ownedByLink.contains(i)
        }.map { graph.nodes[$0].id }
        overdue = live.compactMap { i in
            let node = graph.nodes[i]
            let closed =
                node.hasKind(.barrier) ? Self.closedBarrier : node.hasKind(.improvement) ? Self.closedImprovement : nil
            guard let closed, !closed.contains(status(i)), let due = node.value("due"), ReviewDate.isValid(due),
                due < today
            else { return nil }
            return Action(id: node.id, due: due, owner: node.value("owner"))
        }

        let links = Self.undirectedNeighbours(graph)
        let brokers = live.filter { graph.nodes[$0].hasKind(.organisation) || graph.nodes[$0].hasKind(.place) }
        degree = brokers.map {
            Rank(id: graph.nodes[$0].id, degree: graph.outgoing[$0].count + graph.incoming[$0].count)
        }
        .enumerated().sorted { ($1.element.degree, $0.offset) < ($0.element.degree, $1.offset) }.map(\.element)
        if live.count <= Self.betweennessLimit {
            let scores = Self.betweenness(links)
            betweenness = brokers.map {
                Broker(id: graph.nodes[$0].id, betweenness: (scores[$0] * 100).rounded() / 100)
            }
            .enumerated().sorted { ($1.element.betweenness, $0.offset) < ($0.element.betweenness, $1.offset) }.map(
                \.element)
        } else {
            betweenness = nil
        }
        isolated = live.filter { graph.outgoing[$0].isEmpty && graph.incoming[$0].isEmpty }.map { graph.nodes[$0].id }
    }

    /// Per node, its distinct neighbours whichever way the link points (a link to an unknown id is left out).
    static func undirectedNeighbours(_ graph: MapGraph) -> [[Int]] {
        var neighbours = [Set<Int>](repeating: [], count: graph.nodes.count)
        for edge in graph.edges {
            guard let a = graph.nodeIndex[edge.from], let b = graph.nodeIndex[edge.to], a != b else { continue }
            neighbours[a].insert(b)
            neighbours[b].insert(a)
        }
        return neighbours.map { $0.sorted() }
    }

    /// Brandes' algorithm on an unweighted, undirected graph: each unordered pair counted once.
    static func betweenness(_ neighbours: [[Int]]) -> [Double] {
        let n = neighbours.count
        var score = [Double](repeating: 0, count: n)
        var sigma = [Double](repeating: 0, count: n), distance = [Int](repeating: -1, count: n)
        var delta = [Double](repeating: 0, count: n)
        var order: [Int] = []
        order.reserveCapacity(n)
        for source in 0..<n where !neighbours[source].isEmpty {
            order.removeAll(keepingCapacity: true)
            sigma[source] = 1
            distance[source] = 0
            var head = 0
            order.append(source)
            while head < order.count {
                let v = order[head]
                head += 1
                for w in neighbours[v] {
                    if distance[w] < 0 { distance[w] = distance[v] + 1; order.append(w) }
                    if distance[w] == distance[v] + 1 { sigma[w] += sigma[v] }
                }
            }
            for w in order.reversed() {
                for v in neighbours[w] where distance[v] == distance[w] - 1 {
                    delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
                }
                if w != source { score[w] += delta[w] }
            }
            for v in order { sigma[v] = 0; distance[v] = -1; delta[v] = 0 }
        }
        return score.map { $0 / 2 }
    }
}
