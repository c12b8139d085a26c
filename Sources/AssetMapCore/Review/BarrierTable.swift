/// The barriers as a spreadsheet: one row per barrier (its review card), sortable by any column.
/// Empty cells sort last whichever way a column is sorted (as spreadsheets do); ties keep file order.
package struct BarrierTable: Equatable, Sendable {
    package enum Column: String, CaseIterable, Sendable {
        case barrier, status, votes, impact, effort, owner, due

        package var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
        /// The way a column is sorted first: the most votes and the highest impact and effort on top.
        package var descendingFirst: Bool { self == .votes || self == .impact || self == .effort }
    }

    /// In file order.
    package var cards: [BarrierCard]

    package init(_ graph: MapGraph) { cards = Review.cards(graph) }
    package init(cards: [BarrierCard]) { self.cards = cards }

    /// The cards sorted by `column`.
    package func sorted(by column: Column, descending: Bool) -> [BarrierCard] {
        let keyed = cards.map { (card: $0, key: Self.key($0, column)) }
        return keyed.sorted { a, b in
            switch (a.key, b.key) {
            case (nil, nil): return a.card.fileOrder < b.card.fileOrder
            case (nil, _): return false
            case (_, nil): return true
            case let (x?, y?):
                if x == y { return a.card.fileOrder < b.card.fileOrder }
                return descending ? y < x : x < y
            }
        }.map(\.card)
    }

    /// A cell as text ("" when not set).
    package static func cell(_ card: BarrierCard, _ column: Column) -> String {
        switch column {
        case .barrier: return card.label
        case .status: return card.status
        case .votes: return String(card.votes)
        case .impact: return card.impact ?? ""
        case .effort: return card.effort ?? ""
        case .owner: return card.owner ?? ""
        case .due: return card.due ?? ""
        }
    }

    /// What a column sorts on: the review's order of statuses and of high/low, numbers as numbers,
    /// text case-insensitively; nil for an empty cell.
    static func key(_ card: BarrierCard, _ column: Column) -> SortKey? {
        func rank(_ value: String?, in order: [String]) -> SortKey? {
            guard let value, !value.isEmpty else { return nil }
            // A value outside the vocabulary sorts after it, by its text.
            return SortKey(number: order.firstIndex(of: value) ?? order.count, text: value.lowercased())
        }
        func text(_ value: String?) -> SortKey? {
            guard let value, !value.isEmpty else { return nil }
            return SortKey(number: 0, text: value.lowercased())
        }
        switch column {
        case .barrier: return text(card.label)
        case .status: return rank(card.status, in: Vocabulary.barrierStatus)
        case .votes: return SortKey(number: card.votes, text: "")
        case .impact: return rank(card.impact, in: ["low", "high"])
        case .effort: return rank(card.effort, in: ["low", "high"])
        case .owner: return text(card.owner)
        case .due: return text(card.due)
        }
    }

    struct SortKey: Comparable {
        var number: Int
        var text: String
        static func < (a: SortKey, b: SortKey) -> Bool { (a.number, a.text) < (b.number, b.text) }
    }
}
