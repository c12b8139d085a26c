import Foundation

/// "Where are we blind?": what a map says about its coverage, its gaps and who holds it together.
/// Reads labels, links and the vocabulary keys only, so private attributes never appear.
/// "affects" counts in the format's direction (barrier → community), "addresses" improvement → barrier.
package struct Insights: Equatable, Sendable, Codable {
    /// What a cell of a coverage grid holds, from the worst known to the blind spot.
    package enum State: String, Equatable, Sendable, Codable, CaseIterable {
        /// Barriers recorded, no improvement addresses them yet.
        case barriers
        /// At least one improvement addresses its barriers.
        case improvements
        /// Every barrier in it is resolved.
        case resolved
        /// No barrier recorded: a blind spot, not the absence of barriers.
        case nothing

        init(barriers: Int, improvements: Int, resolved: Int) {
            self =
                barriers == 0
                ? .nothing : resolved == barriers ? .resolved : improvements > 0 ? .improvements : .barriers
        }
    }

    /// One community in one clinical area ("" collects the barriers that name no clinical area).
    package struct Cell: Equatable, Sendable, Codable, CoverageCell {
        package var community: String
        package var clinical: String
        /// Barrier ids, in file order.
        package var barriers: [String]
        /// Ids of the improvements addressing those barriers (not dropped ones), in file order.
        package var improvements: [String]
        /// How many of the barriers are resolved.
        package var resolved: Int
        package var state: State

        package init(community: String, clinical: String, barriers: [String], improvements: [String], resolved: Int) {
            (self.community, self.clinical, self.barriers, self.improvements, self.resolved) =
                (community, clinical, barriers, improvements, resolved)
            state = State(barriers: barriers.count, improvements: improvements.count, resolved: resolved)
        }
        package var area: String { clinical }
    }

    /// One community in one access dimension ("" collects the barriers that name none).
    package struct DimensionCell: Equatable, Sendable, Codable, CoverageCell {
        package var community: String
        package var dimension: String
        package var barriers: [String]
        package var improvements: [String]
        package var resolved: Int
        package var state: State

        package init(community: String, dimension: String, barriers: [String], improvements: [String], resolved: Int) {
            (self.community, self.dimension, self.barriers, self.improvements, self.resolved) =
                (community, dimension, barriers, improvements, resolved)
            state = State(barriers: barriers.count, improvements: improvements.count, resolved: resolved)
        }
        package var area: String { dimension }
    }

    /// A clinical area that applies to a community and has nothing recorded.
    package struct Gap: Equatable, Sendable, Codable {
        package var community: String
        package var clinical: String
    }

    package struct DimensionGap: Equatable, Sendable, Codable {
        package var community: String
        package var dimension: String
    }

    package struct Rank: Equatable, Sendable, Codable {
        package var id: String
        package var degree: Int
        /// How many groups of nodes would have no link between them without this one (0 or 1: none).
        package var separates: Int
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

    /// Every community × the clinical areas that apply to it (its `ages`), empty cells included, then any
    /// other area its barriers name (also one that does not apply: what is recorded is never hidden).
    package var coverage: [Cell]
    /// The cells of `coverage` with nothing recorded, in the same order.
    package var gaps: [Gap]
    /// Every community × the five access dimensions, empty cells included, then any other its barriers name
    /// ("" last: its barriers that name none).
    package var dimensions: [DimensionCell]
    package var dimensionGaps: [DimensionGap]
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
        func counts(_ inCell: [Int]) -> (barriers: [String], improvements: [String], resolved: Int) {
            (
                ids(inCell), ids(inCell.flatMap { addressing[$0] ?? [] }),
                Set(inCell).filter { status($0) == "resolved" }.count
            )
        }
        coverage = communities.flatMap { c in
            let theirs = affected[c] ?? []
            let named = Set(theirs.flatMap { graph.nodes[$0].list("clinical") })
            let applies = Vocabulary.clinical(forAges: graph.nodes[c].value("ages"))
            var areas = Vocabulary.clinical.filter { applies.contains($0) || named.contains($0) }
            areas += named.subtracting(Vocabulary.clinical).sorted()
            if theirs.contains(where: { graph.nodes[$0].list("clinical").isEmpty }) { areas.append("") }
            return areas.map { area in
                let inCell = theirs.filter { b in
                    let clinical = graph.nodes[b].list("clinical")
                    return area.isEmpty ? clinical.isEmpty : clinical.contains(area)
                }
                let (b, i, r) = counts(inCell)
                return Cell(community: graph.nodes[c].id, clinical: area, barriers: b, improvements: i, resolved: r)
            }
        }
        gaps = coverage.filter { $0.state == .nothing }.map { Gap(community: $0.community, clinical: $0.clinical) }
        dimensions = communities.flatMap { c in
            let theirs = affected[c] ?? []
            func dimension(_ b: Int) -> String { graph.nodes[b].value("dimension") ?? "" }
            let named = Set(theirs.map(dimension))
            let columns =
                Vocabulary.dimensions + named.subtracting(Vocabulary.dimensions + [""]).sorted()
                + (named.contains("") ? [""] : [])
            return columns.map { column in
                let (b, i, r) = counts(theirs.filter { dimension($0) == column })
                return DimensionCell(
                    community: graph.nodes[c].id, dimension: column, barriers: b, improvements: i, resolved: r)
            }
        }
        // The "" column is not a dimension, so never a gap; neither are dimensions outside the five.
        dimensionGaps = dimensions.filter { $0.state == .nothing && Vocabulary.dimensions.contains($0.dimension) }
            .map { DimensionGap(community: $0.community, dimension: $0.dimension) }
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
        let separated = Self.groupsSeparated(links)
        let brokers = live.filter { graph.nodes[$0].hasKind(.organisation) || graph.nodes[$0].hasKind(.place) }
        degree = brokers.map {
            Rank(
                id: graph.nodes[$0].id, degree: graph.outgoing[$0].count + graph.incoming[$0].count,
                separates: separated[$0])
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

    /// Per node, how many groups its neighbours fall into once it is taken away (0 for a node with no links,
    /// 1 when they stay linked): Tarjan's cut vertices by depth-first search, one pass, no recursion.
    static func groupsSeparated(_ neighbours: [[Int]]) -> [Int] {
        let n = neighbours.count
        var found = [Int](repeating: -1, count: n), low = [Int](repeating: 0, count: n)
        var cut = [Int](repeating: 0, count: n)  // children whose subtree reaches nothing above the node
        var clock = 0
        var stack: [(node: Int, parent: Int, next: Int)] = []
        for root in 0..<n where found[root] < 0 && !neighbours[root].isEmpty {
            found[root] = clock
            low[root] = clock
            clock += 1
            var rootChildren = 0
            stack.append((root, -1, 0))
            while var top = stack.popLast() {
                if top.next < neighbours[top.node].count {
                    let w = neighbours[top.node][top.next]
                    top.next += 1
                    stack.append(top)
                    if found[w] < 0 {
                        found[w] = clock
                        low[w] = clock
                        clock += 1
                        if top.node == root { rootChildren += 1 }
                        stack.append((w, top.node, 0))
                    } else if w != top.parent {
                        low[top.node] = min(low[top.node], found[w])
                    }
                } else if top.parent >= 0 {
                    let p = top.parent
                    low[p] = min(low[p], low[top.node])
                    if p != root, low[top.node] >= found[p] { cut[p] += 1 }
                }
            }
            cut[root] = rootChildren - 1
        }
        return (0..<n).map { neighbours[$0].isEmpty ? 0 : cut[$0] + 1 }
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

/// A cell of a coverage grid, whichever grid (clinical areas or access dimensions).
package protocol CoverageCell: Sendable {
    var community: String { get }
    /// The column: a clinical area or a dimension ("" for barriers that name none).
    var area: String { get }
    var barriers: [String] { get }
    var improvements: [String] { get }
    var resolved: Int { get }
    var state: Insights.State { get }
}
