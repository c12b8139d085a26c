import Foundation

/// A dated line of minutes on a barrier: `review: 2026-11-22 text`.
package struct ReviewNote: Equatable, Hashable, Sendable {
    /// `YYYY-MM-DD`, or "" when the line does not start with a date.
    package var date: String
    package var text: String

    package init(date: String, text: String) {
        self.date = date
        self.text = text
    }

    /// Splits a `review:` value into its leading date and the rest.
    package init(value: String) {
        let first = value.prefix { !$0.isWhitespace }
        if ReviewDate.isValid(String(first)) {
            self.init(date: String(first), text: value.dropFirst(first.count).trimmingCharacters(in: .whitespaces))
        } else {
            self.init(date: "", text: value)
        }
    }

    package var value: String { date.isEmpty ? text : "\(date) \(text)" }
}

/// Another node as a card shows it.
package struct NodeRef: Equatable, Hashable, Sendable {
    package var id: String
    package var label: String
    package var kind: String
    /// The node's `status`, for improvements.
    package var status: String?
}

/// Everything a review card shows about one barrier.
package struct BarrierCard: Equatable, Sendable {
    package var id: String
    package var label: String
    /// Position in the file's barriers, for a stable order.
    package var fileOrder: Int
    package var dimension: String?
    package var clinical: [String]
    /// The `status` as written; nil when the barrier has none (it counts as open).
    package var statusValue: String?
    package var votes: Int
    package var impact: String?
    package var effort: String?
    package var owner: String?
    package var due: String?
    package var communities: [NodeRef]
    /// Places and organisations: where the barrier happens.
    package var places: [NodeRef]
    package var improvements: [NodeRef]
    package var notes: [ReviewNote]

    package var status: String { statusValue ?? "open" }
    /// Not yet discussed: these come first in the deck.
    package var isOpen: Bool { status == "open" }
    /// Resolved or parked: off the agenda (not under actions, hidden in the priority grid).
    package var isClosed: Bool { Review.isClosed(status) }
    package var quadrant: PriorityQuadrant { PriorityQuadrant(impact: impact, effort: effort) }
    package var hasAction: Bool { owner != nil || due != nil }
}

/// What the filters look at on a card. Small: a cache of tens of thousands of cards filters these
/// rather than the cards, each of which holds every note and neighbour (reading two fields of one in a
/// loop copies all of it).
package struct CardFacets: Equatable, Sendable {
    package var status: String
    package var dimension: String?
    package var clinical: [String]
    /// Community ids.
    package var communities: [String]
    /// For the priority grid.
    package var votes: Int
    package var quadrant: PriorityQuadrant

    package init(_ card: BarrierCard) {
        status = card.status
        dimension = card.dimension
        clinical = card.clinical
        communities = card.communities.map(\.id)
        votes = card.votes
        quadrant = card.quadrant
    }

    package var isClosed: Bool { Review.isClosed(status) }
}

/// The impact/effort grid.
package enum PriorityQuadrant: String, CaseIterable, Sendable {
    case quickWin, majorProject, fillIn, notNow, unrated

    package init(impact: String?, effort: String?) {
        switch (impact?.lowercased(), effort?.lowercased()) {
        case ("high", "low"): self = .quickWin
        case ("high", "high"): self = .majorProject
        case ("low", "low"): self = .fillIn
        case ("low", "high"): self = .notNow
        default: self = .unrated
        }
    }

    package var title: String {
        switch self {
        case .quickWin: return "Quick wins"
        case .majorProject: return "Major projects"
        case .fillIn: return "Fill-ins"
        case .notNow: return "Not now"
        case .unrated: return "Unrated"
        }
    }

    package var explanation: String {
        switch self {
        case .quickWin: return "high impact, low effort"
        case .majorProject: return "high impact, high effort"
        case .fillIn: return "low impact, low effort"
        case .notNow: return "low impact, high effort"
        case .unrated: return "impact or effort not set"
        }
    }
}

/// Which barriers the deck shows; nil means any.
package struct ReviewFilter: Equatable, Sendable {
    /// A community id: barriers linked to it by an edge in either direction.
    package var community: String?
    package var clinical: String?
    package var dimension: String?
    package var status: String?

    package init(community: String? = nil, clinical: String? = nil, dimension: String? = nil, status: String? = nil) {
        self.community = community
        self.clinical = clinical
        self.dimension = dimension
        self.status = status
    }

    package var isEmpty: Bool { community == nil && clinical == nil && dimension == nil && status == nil }

    package func matches(_ card: BarrierCard) -> Bool { matches(CardFacets(card)) }

    package func matches(_ card: CardFacets) -> Bool {
        if let community, !card.communities.contains(community) { return false }
        if let clinical, !card.clinical.contains(where: { $0.caseInsensitiveCompare(clinical) == .orderedSame }) {
            return false
        }
        if let dimension, card.dimension?.caseInsensitiveCompare(dimension) != .orderedSame { return false }
        if let status, card.status != status { return false }
        return true
    }

    /// "community: Refugees · clinical: smi", naming communities by label.
    package func describe(in graph: MapGraph) -> String {
        var parts: [String] = []
        if let community { parts.append("community: \(graph.node(community)?.label ?? community)") }
        if let clinical { parts.append("clinical: \(clinical)") }
        if let dimension { parts.append("dimension: \(dimension)") }
        if let status { parts.append("status: \(status)") }
        return parts.isEmpty ? "all barriers" : parts.joined(separator: " · ")
    }
}

/// Where a card goes in an ordered list; compared field by field.
package struct CardRank: Comparable, Sendable {
    let fields: (Int, Int, Int)
    package static func < (a: CardRank, b: CardRank) -> Bool { a.fields < b.fields }
    package static func == (a: CardRank, b: CardRank) -> Bool { a.fields == b.fields }
}

extension BarrierCard {
    /// Review order: not yet discussed first, then most votes, then file order.
    package var reviewRank: CardRank { CardRank(fields: (isOpen ? 0 : 1, -votes, fileOrder)) }
    /// Order within a quadrant of the priority grid: most votes first, then file order.
    package var gridRank: CardRank { CardRank(fields: (0, -votes, fileOrder)) }
}

/// The review's read-only view of a map.
package enum Review {
    /// Resolved or parked: off the agenda.
    package static func isClosed(_ status: String) -> Bool { status == "resolved" || status == "parked" }

    /// Every barrier as a card, in file order.
    package static func cards(_ graph: MapGraph) -> [BarrierCard] {
        var order = 0
        var cards: [BarrierCard] = []
        for (index, node) in graph.nodes.enumerated() where node.hasKind(.barrier) && graph.nodeIndex[node.id] == index
        {
            cards.append(card(node, index: index, order: order, graph: graph))
            order += 1
        }
        return cards
    }

    /// One barrier's card. `fileOrder`: its position among the file's barriers when the caller knows it
    /// (else it is counted), so the card equals the one `cards` makes.
    package static func card(_ id: String, in graph: MapGraph, fileOrder: Int? = nil) -> BarrierCard? {
        guard let index = graph.nodeIndex[id], graph.nodes[index].hasKind(.barrier) else { return nil }
        let order =
            fileOrder
            ?? graph.nodes[..<index].indices.count {
                graph.nodes[$0].hasKind(.barrier) && graph.nodeIndex[graph.nodes[$0].id] == $0
            }
        return card(graph.nodes[index], index: index, order: order, graph: graph)
    }

    /// The deck: filtered, in review order (`BarrierCard.reviewRank`).
    package static func deck(_ graph: MapGraph, filter: ReviewFilter = ReviewFilter()) -> [BarrierCard] {
        cards(graph).filter(filter.matches).sorted { $0.reviewRank < $1.reviewRank }
    }

    /// The deck once its order is fixed (votes must not reshuffle it while the group goes through it):
    /// the barriers of `order` still in the map, in that order, matching the filter or not; then any
    /// matching barrier not among them, in review order.
    package static func deck(_ graph: MapGraph, filter: ReviewFilter, order: [String]) -> [BarrierCard] {
        let all = cards(graph)
        let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var placed = Set<String>()
        let fixed = order.compactMap { id in placed.insert(id).inserted ? byID[id] : nil }
        return fixed
            + all.filter { !placed.contains($0.id) && filter.matches($0) }.sorted { $0.reviewRank < $1.reviewRank }
    }

    /// Barriers per quadrant, in grid order (`BarrierCard.gridRank`).
    package static func grid(_ cards: [BarrierCard]) -> [PriorityQuadrant: [BarrierCard]] {
        var grid = Dictionary(grouping: cards, by: \.quadrant)
        for key in grid.keys { grid[key]!.sort { $0.gridRank < $1.gridRank } }
        return grid
    }

    /// A filter's values: the vocabulary's first, in its order, then the others in use, sorted.
    package static func choices(vocabulary: [String], inUse: some Sequence<String>) -> [String] {
        vocabulary + Set(inUse).subtracting(vocabulary).sorted()
    }

    /// Values the filters can take, from what the map uses.
    package static func filterChoices(_ graph: MapGraph) -> (
        communities: [NodeRef], clinical: [String], dimensions: [String], statuses: [String]
    ) {
        let all = cards(graph)
        let communities = graph.nodes(ofKind: BuiltinKind.community.name).map {
            NodeRef(id: $0.id, label: $0.label, kind: $0.kind)
        }
        let clinical = choices(vocabulary: Vocabulary.clinical, inUse: all.flatMap(\.clinical))
        let dimensions = choices(vocabulary: Vocabulary.dimensions, inUse: all.compactMap(\.dimension))
        let statuses = choices(vocabulary: Vocabulary.barrierStatus, inUse: all.map(\.status))
        return (communities, clinical, dimensions, statuses)
    }

    static func card(_ node: Node, index: Int, order: Int, graph: MapGraph) -> BarrierCard {
        var communities: [NodeRef] = [], places: [NodeRef] = [], improvements: [NodeRef] = []
        var seen: Set<String> = []
        for e in (graph.outgoing[index] + graph.incoming[index]).sorted() {
            let edge = graph.edges[e]
            let otherID = edge.from == node.id ? edge.to : edge.from
            // The kind first: a label is made only for a neighbour the card shows.
            guard let other = graph.nodeIndex[otherID], let kind = BuiltinKind.named(graph.nodes[other].kind),
                kind != .barrier,
                seen.insert(otherID).inserted
            else { continue }
            let ref = NodeRef(
                id: otherID, label: graph.nodes[other].label, kind: kind.name,
                status: graph.nodes[other].value("status"))
            switch kind {
            case .community: communities.append(ref)
            case .place, .organisation: places.append(ref)
            case .improvement: improvements.append(ref)
            case .barrier: break
            }
        }
        return BarrierCard(
            id: node.id, label: node.label, fileOrder: order,
            dimension: node.value("dimension"), clinical: node.list("clinical"),
            statusValue: node.value("status"), votes: Int(node.value("votes") ?? "") ?? 0,
            impact: node.value("impact"), effort: node.value("effort"),
            owner: node.value("owner"), due: node.value("due"),
            communities: communities, places: places, improvements: improvements,
            notes: node.values("review").map(ReviewNote.init(value:)))
    }
}

/// What a session did, found by comparing the map at its start with the map now.
package struct SessionSummary: Equatable, Sendable {
    package struct StatusChange: Equatable, Sendable {
        package var barrier: NodeRef
        package var from: String
        package var to: String
    }

    package struct Action: Equatable, Sendable {
        package var barrier: NodeRef
        package var owner: String?
        package var due: String?
    }

    package struct Proposal: Equatable, Sendable {
        package var improvement: NodeRef
        /// The barriers it addresses.
        package var addresses: [NodeRef]
    }

    /// A change of votes, impact or effort (nil: not set).
    package struct RatingChange: Equatable, Sendable {
        package var barrier: NodeRef
        package var key: String
        package var from: String?
        package var to: String?
    }

    /// Barriers whose review attributes changed, or that gained an improvement.
    package var discussed: [NodeRef]
    package var statusChanges: [StatusChange]
    /// Votes, impact and effort changed, per barrier in that order.
    package var ratingChanges: [RatingChange]
    /// Barriers whose owner or due date was set or changed.
    package var actions: [Action]
    package var proposals: [Proposal]
    /// Review notes added during the session, barriers in file order.
    package var notes: [NoteTaken]

    package struct NoteTaken: Equatable, Sendable {
        package var barrier: NodeRef
        package var note: ReviewNote
    }

    /// The keys a review session writes on a barrier.
    package static let reviewKeys = ["status", "votes", "impact", "effort", "owner", "due", "review", "history"]

    package init(start: MapGraph, now: MapGraph) {
        self.init(start: ReviewSnapshot(start), now: now)
    }

    /// Only barriers whose review keys changed, that gained an improvement, or that were not barriers
    /// at the start can appear, so only their cards are built: fast enough for every key at 100k nodes.
    ///
    /// `changedIDs`: when known, the ids of every node whose record changed, that was added or removed, or
    /// that gained or lost a link since the start (`GraphDelta.touched`, gathered); only those are looked at.
    package init(start: ReviewSnapshot, now: MapGraph, changedIDs: Set<String>? = nil) {
        // Node indices in file order; ids are unique in a map that was only ever updated in place.
        let candidates = changedIDs.map { $0.compactMap { now.nodeIndex[$0] }.sorted() } ?? Array(now.nodes.indices)
        let newImprovements = candidates.map { now.nodes[$0] }.filter {
            $0.hasKind(.improvement) && !start.ids.contains($0.id)
        }
        let newIDs = Set(newImprovements.map(\.id))
        discussed = []
        statusChanges = []
        ratingChanges = []
        actions = []
        notes = []
        var order = 0
        // Indices, not `enumerated()`: copying each of 100k nodes out of the array costs more than the rest.
        let idsAreUnique = now.nodeIndex.count == now.nodes.count
        for index in candidates where now.nodes[index].hasKind(.barrier) {
            guard idsAreUnique || now.nodeIndex[now.nodes[index].id] == index else { continue }
            defer { order += 1 }
            let entry = start.entries[now.nodes[index].id]
            let existed = entry != nil || start.ids.contains(now.nodes[index].id)
            let touched = !existed || !ReviewSnapshot.sameReviewValues(now.nodes[index], entry?.values ?? [])
            let wasBarrier = entry?.isBarrier ?? false
            let gainsImprovement =
                !newIDs.isEmpty
                && (now.outgoing[index] + now.incoming[index]).contains { e in
                    let edge = now.edges[e]
                    return newIDs.contains(edge.from == now.nodes[index].id ? edge.to : edge.from)
                }
            guard touched || gainsImprovement || !wasBarrier else { continue }
            let node = now.nodes[index]
            let card = Review.card(node, index: index, order: order, graph: now)
            let gained = card.improvements.contains { newIDs.contains($0.id) }
            let ref = NodeRef(id: card.id, label: card.label, kind: BuiltinKind.barrier.name, status: card.statusValue)
            if touched || gained { discussed.append(ref) }
            // A barrier added this session starts from nothing: its decisions are the session's too.
            let old = wasBarrier ? SnapshotCard(entry!.values) : existed ? nil : SnapshotCard([])
            if let old, old.status != card.status {
                statusChanges.append(StatusChange(barrier: ref, from: old.status, to: card.status))
            }
            if let old {
                let now = [
                    ("votes", card.votes == 0 ? nil : String(card.votes)), ("impact", card.impact),
                    ("effort", card.effort),
                ]
                for ((key, value), was) in zip(now, [old.votes, old.impact, old.effort]) where value != was {
                    ratingChanges.append(RatingChange(barrier: ref, key: key, from: was, to: value))
                }
            }
            if card.hasAction && (old?.owner != card.owner || old?.due != card.due) {
                actions.append(Action(barrier: ref, owner: card.owner, due: card.due))
            }
            let oldNotes = old?.notes ?? []
            if card.notes.count > oldNotes.count && Array(card.notes.prefix(oldNotes.count)) == oldNotes {
                notes += card.notes.dropFirst(oldNotes.count).map { NoteTaken(barrier: ref, note: $0) }
            } else if card.notes != oldNotes {
                notes += card.notes.filter { !oldNotes.contains($0) }.map { NoteTaken(barrier: ref, note: $0) }
            }
        }
        proposals = newImprovements.map { node in
            let addressed = now.edges(touching: node.id)
                .filter { $0.relation == "addresses" }
                .compactMap { now.node($0.from == node.id ? $0.to : $0.from) }
                .filter { $0.hasKind(.barrier) }
                .map { NodeRef(id: $0.id, label: $0.label, kind: $0.kind, status: $0.value("status")) }
            return Proposal(
                improvement: NodeRef(id: node.id, label: node.label, kind: node.kind, status: node.value("status")),
                addresses: addressed)
        }
    }
}

/// What a session summary needs of the map at the session's start: which ids existed, which were
/// barriers, and their review values. Small, so the UI keeps it instead of a second copy of the map.
package struct ReviewSnapshot: Sendable {
    struct Value: Equatable, Sendable {
        var key: String
        var value: String
    }

    struct Entry: Sendable {
        var isBarrier: Bool
        /// Review attributes grouped in `SessionSummary.reviewKeys` order, file order within a key.
        var values: [Value]
    }

    let ids: Set<String>
    /// Every barrier, and every other node that has review keys (first node of each id).
    let entries: [String: Entry]

    package init(_ graph: MapGraph) {
        ids = Set(graph.nodeIndex.keys)
        var entries: [String: Entry] = [:]
        for (index, node) in graph.nodes.enumerated() where graph.nodeIndex[node.id] == index {
            let values = Self.reviewValues(of: node)
            if node.hasKind(.barrier) || !values.isEmpty {
                entries[node.id] = Entry(isBarrier: node.hasKind(.barrier), values: values)
            }
        }
        self.entries = entries
    }

    static func reviewValues(of node: Node) -> [Value] {
        var values: [Value] = []
        for key in SessionSummary.reviewKeys {
            for attribute in node.attributes where attribute.key == key {
                values.append(Value(key: key, value: attribute.value))
            }
        }
        return values
    }

    /// `reviewValues(of: node) == old`, without building the array: this runs for every barrier.
    static func sameReviewValues(_ node: Node, _ old: [Value]) -> Bool {
        var position = 0
        for key in SessionSummary.reviewKeys {
            for attribute in node.attributes where attribute.key == key {
                guard position < old.count, old[position].key == key, old[position].value == attribute.value else {
                    return false
                }
                position += 1
            }
        }
        return position == old.count
    }
}

/// The fields of a start-of-session card that the summary compares, read from snapshot values
/// the same way `Review.card` reads them from a node.
private struct SnapshotCard {
    var status: String
    var owner: String?
    var due: String?
    var notes: [ReviewNote]
    /// As the card reads them: no votes (or none readable) is nil.
    var votes: String?
    var impact: String?
    var effort: String?

    init(_ values: [ReviewSnapshot.Value]) {
        status = values.first { $0.key == "status" }?.value ?? "open"
        votes = values.first { $0.key == "votes" }.flatMap { Int($0.value) }.flatMap { $0 == 0 ? nil : String($0) }
        impact = values.first { $0.key == "impact" }?.value
        effort = values.first { $0.key == "effort" }?.value
        owner = values.first { $0.key == "owner" }?.value
        due = values.first { $0.key == "due" }?.value
        notes = values.filter { $0.key == "review" }.map { ReviewNote(value: $0.value) }
    }
}
