import Foundation

/// What a report says, apart from how it looks: built once from the map, then rendered as Markdown, HTML or
/// plain text (`ReportRender.swift`). Reads only labels and the keys the review writes, so private attributes
/// never appear.
package struct ReportDocument: Equatable, Sendable {
    package var title: String
    /// Short label/value facts under the title ("Area", "Date").
    package var facts: [Fact]
    package var sections: [Section]
    /// Said when no section has anything in it.
    package var emptyText: String

    package struct Fact: Equatable, Sendable {
        package var label: String
        package var value: String
    }

    package struct Section: Equatable, Sendable {
        package var title: String
        package var blocks: [Block]
    }

    package enum Block: Equatable, Sendable {
        case subheading(String)
        case items([Item])
        case table(Table)
    }

    /// A bullet: a strong `lead` (a barrier's name), the text, an optional `flag` shown strongly ("overdue"), details below.
    package struct Item: Equatable, Sendable {
        package var lead: String?
        package var text: String
        package var flag: String?
        package var details: [String]

        package init(lead: String? = nil, _ text: String, flag: String? = nil, details: [String] = []) {
            (self.lead, self.text, self.flag, self.details) = (lead, text, flag, details)
        }
    }

    package struct Table: Equatable, Sendable {
        package var columns: [String]
        package var rows: [[Cell]]
    }

    package struct Cell: Equatable, Sendable, ExpressibleByStringLiteral {
        package var text: String
        package var flag: String?

        package init(_ text: String, flag: String? = nil) { (self.text, self.flag) = (text, flag) }
        package init(stringLiteral text: String) { self.init(text) }
    }
}

package enum ReviewReport {
    /// The whole map as it stands: counts by status, priorities and open actions of the barriers still in play,
    /// notes, gaps, and what was resolved or parked.
    package static func status(_ graph: MapGraph, today: String) -> ReportDocument {
        let cards = Review.cards(graph)
        let names = Names(cards)
        let active = cards.filter(isActive)
        var sections: [ReportDocument.Section] = []

        var counts: [String: Int] = [:]
        for card in cards { counts[card.status, default: 0] += 1 }
        let statuses = Vocabulary.barrierStatus + counts.keys.filter { !Vocabulary.barrierStatus.contains($0) }.sorted()
        sections.append(
            .init(
                title: "Barriers by status",
                blocks: items(statuses.compactMap { status in counts[status].map { .init("\(status): \($0)") } })))

        var priorities: [ReportDocument.Block] = []
        let grid = Review.grid(active)
        for quadrant in PriorityQuadrant.allCases {
            guard let inQuadrant = grid[quadrant], !inQuadrant.isEmpty else { continue }
            priorities.append(.subheading("\(quadrant.title) (\(quadrant.explanation))"))
            priorities.append(
                .items(
                    inQuadrant.map { card in
                        var details = [
                            "Affects: "
                                + (card.communities.isEmpty
                                    ? "no community linked" : card.communities.map(\.label).joined(separator: "; "))
                        ]
                        if !card.clinical.isEmpty {
                            details.append("Clinical: " + card.clinical.joined(separator: ", "))
                        }
                        let improvements = card.improvements.map { "\($0.label)\($0.status.map { " (\($0))" } ?? "")" }
                        details.append(
                            "Improvements: "
                                + (improvements.isEmpty ? "none yet" : improvements.joined(separator: "; ")))
                        return .init(
                            lead: names[card], "\(card.status)\(card.votes == 0 ? "" : ", \(votes(card))")",
                            details: details)
                    }))
        }
        sections.append(.init(title: "Priorities", blocks: priorities))
        sections.append(
            .init(title: "Actions", blocks: actionTable(active.filter(\.hasAction), names: names, today: today)))

        let notes = cards.flatMap { card in card.notes.map { (card, $0) } }
        var noteBlocks: [ReportDocument.Block] = []
        for (date, group) in Dictionary(grouping: notes, by: \.1.date).sorted(by: { $0.key < $1.key }) {
            noteBlocks.append(.subheading(date.isEmpty ? "Undated" : ReviewDate.display(date)))
            noteBlocks += items(group.map { .init(lead: names[$0.0], $0.1.text) })
        }
        sections.append(.init(title: "Notes", blocks: noteBlocks))
        sections.append(
            .init(
                title: "Barriers no improvement addresses",
                blocks: items(active.filter { $0.improvements.isEmpty }.map { .init(lead: names[$0], "") })))
        sections.append(
            .init(
                title: "Resolved and parked",
                blocks: items(cards.filter { !isActive($0) }.map { .init(lead: names[$0], $0.status) })))
        var facts = header(graph)
        facts += [
            .init(label: "Date", value: ReviewDate.display(today)),
            .init(label: "Barriers", value: String(cards.count)),
        ]
        return ReportDocument(
            title: "Barrier review: \(graph.header?.title ?? "Untitled map")", facts: facts,
            sections: sections.filter { !$0.blocks.isEmpty }, emptyText: "The map has no barriers yet.")
    }

    /// The minutes of what happened since `since` (dated `history:` and `review:` lines, improvements proposed), and
    /// the open actions carried over from before. A barrier untouched since then with no open action is not in it.
    /// `roomJoined`: how many joined the live review room today, when it was open (issue 27).
    package static func minutes(_ graph: MapGraph, since: String, today: String, roomJoined: Int? = nil)
        -> ReportDocument
    {
        let cards = Review.cards(graph)
        let names = Names(cards)
        let byID = Dictionary(cards.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let oneDay = since == today
        func when(_ date: String) -> String { oneDay ? "" : " (\(ReviewDate.display(date)))" }
        var decisions: [ReportDocument.Item] = [], proposals: [ReportDocument.Item] = []
        var datedNotes: [(date: String, item: ReportDocument.Item)] = []
        var discussed: Set<String> = [], actionsSet: Set<String> = []

        for card in cards {
            guard let node = graph.node(card.id) else { continue }
            for entry in node.history where entry.date >= since {
                discussed.insert(card.id)
                switch entry.key {
                case "status":
                    // No status counts as open; a barrier added as open was raised then.
                    let change =
                        entry.previous == nil && entry.value == "open"
                        ? "raised" : "\(entry.previous ?? "open") → \(entry.value ?? "open")"
                    decisions.append(.init(lead: names[card], change + when(entry.date)))
                case "owner", "due": actionsSet.insert(card.id)
                case "votes", "impact", "effort":
                    let change = "\(entry.key) \(entry.previous ?? "not set") → \(entry.value ?? "not set")"
                    decisions.append(.init(lead: names[card], change + when(entry.date)))
                default: break
                }
            }
            for note in card.notes where note.date >= since {
                discussed.insert(card.id)
                datedNotes.append((note.date, .init(lead: names[card], note.text + when(note.date))))
            }
        }
        for improvement in graph.nodes(ofKind: "improvement") {
            let addressed = graph.edges(touching: improvement.id).filter {
                $0.relation == "addresses" && $0.from == improvement.id
            }
            .compactMap { byID[$0.to] }
            for entry in improvement.history where entry.date >= since && entry.key == "status" {
                if entry.value == "proposed" && entry.previous == nil {
                    let what =
                        addressed.isEmpty
                        ? "addresses no barrier yet" : "for " + addressed.map { names[$0] }.joined(separator: "; ")
                    proposals.append(.init(lead: improvement.label, what + when(entry.date)))
                } else {
                    decisions.append(
                        .init(
                            lead: improvement.label,
                            "improvement \(entry.previous ?? "no status") → \(entry.value ?? "no status")\(when(entry.date))"
                        ))
                }
                discussed.formUnion(addressed.map(\.id))
            }
        }

        let discussedCards = cards.filter { discussed.contains($0.id) }
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Barriers discussed",
                blocks: items(
                    discussedCards.map { card in
                        .init(
                            lead: names[card], "now \(card.status)\(card.votes == 0 ? "" : ", \(votes(card))")",
                            details: card.communities.isEmpty
                                ? [] : ["Affects: " + card.communities.map(\.label).joined(separator: "; ")])
                    })))
        sections.append(.init(title: "Decisions", blocks: items(decisions)))
        sections.append(
            .init(
                title: "Actions agreed",
                blocks: actionTable(
                    discussedCards.filter { actionsSet.contains($0.id) && $0.hasAction }, names: names, today: today)))
        let notes = datedNotes.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(
            \.element.item)
        sections.append(.init(title: "Notes", blocks: items(notes)))
        sections.append(.init(title: "Improvements proposed", blocks: items(proposals)))
        sections.append(
            .init(title: "The room", blocks: items(room(cards, graph, since: since, names: names, joined: roomJoined))))
        sections.append(
            .init(
                title: "Open actions carried over",
                blocks: actionTable(
                    cards.filter { isActive($0) && $0.hasAction && !actionsSet.contains($0.id) }, names: names,
                    today: today)))
        var facts = header(graph)
        facts.append(
            oneDay
                ? .init(label: "Date", value: ReviewDate.display(today))
                : .init(label: "Since", value: "\(ReviewDate.display(since)) (to \(ReviewDate.display(today)))"))
        return ReportDocument(
            title: "Minutes: \(graph.header?.title ?? "Untitled map")", facts: facts,
            sections: sections.filter { !$0.blocks.isEmpty },
            emptyText: "Nothing was recorded since \(ReviewDate.display(since)), and no action is open.")
    }

    /// What the live review room left since `since` (its dated `history:` lines: votes per barrier,
    /// suggestions accepted; notes from the room are with the notes), with who took part first.
    private static func room(_ cards: [BarrierCard], _ graph: MapGraph, since: String, names: Names, joined: Int?)
        -> [ReportDocument.Item]
    {
        var votes: [ReportDocument.Item] = [], suggested: [ReportDocument.Item] = []
        var voters = 0
        for card in cards {
            guard let node = graph.node(card.id) else { continue }
            var last: String?
            for line in node.values("history") where line.hasSuffix(" in the room") {
                let words = line.split(separator: " ", maxSplits: 1)
                guard words.count == 2, String(words[0]) >= since, ReviewDate.isValid(String(words[0])) else {
                    continue
                }
                let what = String(words[1].dropLast(" in the room".count))
                if what == "suggested" {
                    suggested.append(.init(lead: names[card], "suggested in the room and accepted"))
                } else {
                    last = what
                    let people = what.split(separator: " ")
                    if people.count == 5, let n = Int(people[3]) { voters = max(voters, n) }
                }
            }
            if let last { votes.append(.init(lead: names[card], last)) }
        }
        guard !votes.isEmpty || !suggested.isEmpty || joined != nil else { return [] }
        let people = joined.map { "\($0) joined" } ?? "at least \(voters) voted"
        return [.init(lead: "Participants", people)] + votes + suggested
    }

    /// Due before today and not yet resolved or parked.
    package static func isOverdue(_ card: BarrierCard, today: String) -> Bool {
        guard let due = card.due, ReviewDate.isValid(due) else { return false }
        return due < today && isActive(card)
    }

    static func isActive(_ card: BarrierCard) -> Bool { !card.isClosed }

    private static func header(_ graph: MapGraph) -> [ReportDocument.Fact] {
        graph.header?.value("area").map { [.init(label: "Area", value: $0)] } ?? []
    }

    private static func actionTable(_ cards: [BarrierCard], names: Names, today: String) -> [ReportDocument.Block] {
        let sorted = cards.sorted { ($0.due ?? "9999", $0.fileOrder) < ($1.due ?? "9999", $1.fileOrder) }
        return table(
            ["Barrier", "Owner", "Due"],
            sorted.map { card in
                [
                    .init(names[card]), .init(card.owner ?? "no owner yet"),
                    .init(
                        card.due.map(ReviewDate.display) ?? "no due date",
                        flag: isOverdue(card, today: today) ? "overdue" : nil),
                ]
            })
    }

    private static func table(_ columns: [String], _ rows: [[ReportDocument.Cell]]) -> [ReportDocument.Block] {
        rows.isEmpty ? [] : [.table(.init(columns: columns, rows: rows))]
    }

    private static func items(_ items: [ReportDocument.Item]) -> [ReportDocument.Block] {
        items.isEmpty ? [] : [.items(items)]
    }

    private static func votes(_ card: BarrierCard) -> String { "\(card.votes) vote\(card.votes == 1 ? "" : "s")" }

    /// Barriers by label; the id is added only where two barriers share a label.
    private struct Names {
        let shared: Set<String>
        init(_ cards: [BarrierCard]) {
            var seen: Set<String> = [], shared: Set<String> = []
            for card in cards where !seen.insert(card.label).inserted { shared.insert(card.label) }
            self.shared = shared
        }
        subscript(_ card: BarrierCard) -> String {
            shared.contains(card.label) ? "\(card.label) (\(card.id))" : card.label
        }
    }
}
