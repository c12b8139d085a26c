import AssetMapCore
import TerminalKit

/// Every barrier's review card and the deck the Review tab walks, kept up to date as the document
/// changes so a key in the Review tab never rebuilds tens of thousands of cards. The deck is card
/// positions, not cards, so sorting and filtering move integers.
struct ReviewCache {
    /// `Review.cards(graph)`: every barrier (first of a duplicated id) in file order.
    private(set) var cards: [BarrierCard] = []
    private(set) var cardOfID: [String: Int] = [:]
    /// Per card: what the filters look at (filtering reads these, not the much larger cards).
    private var facets: [CardFacets] = []
    /// Per card: its barrier's node index (cards are in node order).
    private var cardNode: [Int] = []
    /// The deck for `filter` and `order` (see `ReviewState.order`), as positions in `cards`.
    private(set) var deck: [Int] = []
    /// Every card in review order (`Review.deck`'s sort), kept sorted as cards change, so a new filter
    /// only filters it.
    private var reviewSorted: [Int] = []
    /// Per card: its place in `deck`, or -1.
    private var deckIndexOfCard: [Int] = []
    /// `order` resolved to card positions (first occurrence of each barrier still in the map).
    private var orderedCards: [Int]?
    /// How many cards have each filter value: the filter picker's counts, kept so `f` counts nothing.
    private(set) var facetCounts = FacetCounts()

    struct FacetCounts: Equatable {
        var status: [String: Int] = [:], community: [String: Int] = [:], clinical: [String: Int] = [:],
            dimension: [String: Int] = [:]

        /// Adds (`step` 1) or takes away (-1) a card; a value no card has any more is dropped.
        mutating func count(_ card: BarrierCard, by step: Int) {
            func bump(_ counts: inout [String: Int], _ value: String) {
                let n = counts[value, default: 0] + step
                counts[value] = n == 0 ? nil : n
            }
            bump(&status, card.status)
            // A card's communities are distinct; its clinical areas may repeat and count once.
            for ref in card.communities { bump(&community, ref.id) }
            for (i, area) in card.clinical.enumerated() where !card.clinical[..<i].contains(area) {
                bump(&clinical, area)
            }
            if let value = card.dimension { bump(&dimension, value) }
        }
    }

    /// No cards.
    init() {}

    init(graph: MapGraph) {
        rebuild(graph: graph)
    }

    /// After a full re-read of the map: every card again.
    mutating func rebuild(graph: MapGraph) {
        cards = Review.cards(graph)
        facets = cards.map(CardFacets.init)
        cardOfID = Dictionary(cards.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        cardNode = cards.map { graph.nodeIndex[$0.id]! }
        orderedCards = nil
        facetCounts = FacetCounts()
        for card in cards { facetCounts.count(card, by: 1) }
        let ranks = cards.map(\.reviewRank)
        reviewSorted = cards.indices.sorted { ranks[$0] < ranks[$1] }
    }

    /// Follows an edit: cards of the barriers it touched, or that are linked to a node it touched (a card
    /// shows its neighbours' labels and statuses), are built again; barriers that came or went gain or
    /// lose their card.
    mutating func follow(_ delta: GraphDelta, in graph: MapGraph) {
        for splice in delta.splices {
            let shift = splice.insertedNodes - splice.nodes.count
            for c in cardNode.indices {
                if cardNode[c] >= splice.nodes.upperBound {
                    cardNode[c] += shift
                } else if cardNode[c] >= splice.nodes.lowerBound {
                    cardNode[c] = -1
                }  // replaced: found again by id below
            }
        }
        var ids = delta.touched
        for id in delta.touched {
            guard let node = graph.nodeIndex[id] else { continue }
            for e in graph.outgoing[node] { ids.insert(graph.edges[e].to) }
            for e in graph.incoming[node] { ids.insert(graph.edges[e].from) }
        }
        var leaving: [Int] = [], arriving: [Int] = [], refreshed: [Int] = []
        for id in ids {
            let node = graph.nodeIndex[id].flatMap { graph.nodes[$0].hasKind(.barrier) ? $0 : nil }
            switch (cardOfID[id], node) {
            case let (position?, node?):
                let card = Review.card(id, in: graph, fileOrder: position)!
                facetCounts.count(cards[position], by: -1)
                facetCounts.count(card, by: 1)
                cards[position] = card
                facets[position] = CardFacets(card)
                cardNode[position] = node
                refreshed.append(position)
            case let (position?, nil): leaving.append(position)
            case let (nil, node?): arriving.append(node)
            case (nil, nil): break
            }
        }
        leaving.sort()
        var inserted: [Int] = []
        if !leaving.isEmpty || !arriving.isEmpty {
            var firstMoved = cards.count
            for position in leaving.reversed() {
                facetCounts.count(cards[position], by: -1)
                cardOfID[cards[position].id] = nil
                cards.remove(at: position)
                facets.remove(at: position)
                cardNode.remove(at: position)
                firstMoved = position
            }
            // In node order, so each lands after the ones before it and their positions hold.
            for node in arriving.sorted() {
                let position = cardNode.partitioningIndex { $0 >= node }
                let card = Review.card(graph.nodes[node].id, in: graph, fileOrder: position)!
                facetCounts.count(card, by: 1)
                cards.insert(card, at: position)
                facets.insert(CardFacets(card), at: position)
                cardNode.insert(node, at: position)
                inserted.append(position)
                firstMoved = min(firstMoved, position)
            }
            for position in firstMoved..<cards.count {
                cards[position].fileOrder = position
                cardOfID[cards[position].id] = position
            }
            orderedCards = nil
        }
        resort(refreshed: refreshed, removed: leaving, inserted: inserted)
    }

    /// Keeps `reviewSorted` sorted: cards whose keys may have changed (`refreshed`, old positions) and the
    /// `inserted` ones (new positions, ascending) are placed again; the rest move with the positions.
    private mutating func resort(refreshed: [Int], removed: [Int], inserted: [Int]) {
        guard !refreshed.isEmpty || !removed.isEmpty || !inserted.isEmpty else { return }
        func newPosition(_ old: Int) -> Int {
            var position = old - removed.partitioningIndex { $0 >= old }
            for q in inserted where q <= position { position += 1 }
            return position
        }
        let dropped = Set(refreshed).union(removed)
        let moves = !removed.isEmpty || !inserted.isEmpty
        reviewSorted = reviewSorted.compactMap { dropped.contains($0) ? nil : moves ? newPosition($0) : $0 }
        for position in refreshed.map(newPosition) + inserted {
            let rank = cards[position].reviewRank
            reviewSorted.insert(position, at: reviewSorted.partitioningIndex { cards[$0].reviewRank >= rank })
        }
    }

    /// Recomputes `deck`: with no fixed order, the matching cards in review order; with one, those
    /// barriers in that order (matching or not), then any matching card not among them, in review order.
    mutating func updateDeck(filter: ReviewFilter, order: [String]?) {
        var placed = [Bool](repeating: false, count: cards.count)
        var deck: [Int] = []
        if let order {
            if orderedCards == nil {
                var resolved: [Int] = []
                resolved.reserveCapacity(order.count)
                for id in order { if let position = cardOfID[id] { resolved.append(position) } }
                orderedCards = resolved
            }
            deck.reserveCapacity(orderedCards!.count)
            for position in orderedCards! where !placed[position] {
                placed[position] = true
                deck.append(position)
            }
        } else {
            orderedCards = nil
        }
        deck +=
            filter.isEmpty
            ? reviewSorted.filter { !placed[$0] } : reviewSorted.filter { !placed[$0] && filter.matches(facets[$0]) }
        deckIndexOfCard = [Int](repeating: -1, count: cards.count)
        for (i, position) in deck.enumerated() { deckIndexOfCard[position] = i }
        self.deck = deck
    }

    /// The deck's barrier ids, in deck order.
    var deckIDs: [String] { deck.map { cards[$0].id } }

    /// `order` was just set from the current (unordered) deck: it resolves to the deck itself.
    mutating func fixOrder() {
        orderedCards = deck
    }

    /// Where the barrier is in the deck.
    func deckIndex(of id: String) -> Int? {
        guard let position = cardOfID[id] else { return nil }
        let i = deckIndexOfCard[position]
        return i >= 0 ? i : nil
    }

    /// `Review.grid(deck)`: the deck's cards per quadrant, most votes first, then file order.
    func grid() -> [PriorityQuadrant: [BarrierCard]] { gridPositions().mapValues { $0.map { cards[$0] } } }

    /// The same as positions in `cards`, read from the small facets (a position is the file order);
    /// `closed`: whether resolved and parked cards are kept.
    func gridPositions(closed: Bool = true) -> [PriorityQuadrant: [Int]] {
        var groups: [PriorityQuadrant: [Int]] = [:]
        for position in deck where closed || !facets[position].isClosed {
            groups[facets[position].quadrant, default: []].append(position)
        }
        return groups.mapValues { positions in
            positions.sorted { (-facets[$0].votes, $0) < (-facets[$1].votes, $1) }
        }
    }
}

/// The deck as cards, without copying them out.
struct ReviewDeck: RandomAccessCollection {
    let cache: ReviewCache
    var startIndex: Int { 0 }
    var endIndex: Int { cache.deck.count }
    subscript(i: Int) -> BarrierCard { cache.cards[cache.deck[i]] }
}
