import AssetMapCore
import TerminalKit

// Drawing the Review screen: a card, the priority grid, the session summary.

extension ReviewScreen {
    struct Line {
        var text: String
        var style: Style = .plain
        var indent = 0
    }

    func draw(into buffer: inout Buffer, area: Rect, session: Session) {
        guard area.height >= 3 else { return }
        let deck = self.deck
        let current = current(in: deck)
        let (top, body) = area.splitRows(1)
        // Shown private attributes say so on every view of the tab: the screen may be projected.
        let position =
            (showsPrivate ? "PRIVATE SHOWN (P hides) · " : "")
            + (deck.isEmpty ? "no barriers" : "barrier \(current! + 1) of \(deck.count)")
        let filterText = " Filter: \(filter.describe(in: session.graph))"
        buffer.put(position + " ", x: top.maxX - TextWidth.of(position) - 1, y: top.y, style: session.theme[.heading])
        buffer.put(
            TextWidth.truncate(filterText, to: max(0, top.width - TextWidth.of(position) - 3)), x: top.x, y: top.y,
            style: session.theme[filter.isEmpty ? .dim : .heading])
        if mode == .grid {
            grid.draw(into: &buffer, area: body, cache: cache, session: session)
        } else {
            let title = mode == .summary ? "Session summary" : current.map { "\(deck[$0].id)" } ?? "Review"
            let inner = Widgets.box(body, title: title, focused: true, into: &buffer)
            drawLines(textLines(session, width: inner.width - 2) ?? [], in: inner, session: session, into: &buffer)
        }
    }

    /// Keys the card shows in its own fields (the review's keys, dimension and clinical areas); the rest are
    /// listed under "About".
    static let cardKeys = Set(SessionSummary.reviewKeys + ["dimension", "clinical"])

    /// The box the card or summary scrolls in.
    static func textArea(_ area: Rect) -> Rect { area.splitRows(1).1.inset(by: 1) }

    /// The card's or the summary's lines (nil in the grid).
    func textLines(_ session: Session, width: Int) -> [Line]? {
        switch mode {
        case .grid: return nil
        case .summary: return summaryLines(session, width: width)
        case .cards:
            let deck = self.deck
            return current(in: deck).map { cardLines(deck[$0], width: width, session: session) }
                ?? [
                    Line(
                        text: filter.isEmpty
                            ? "This map has no barriers yet." : "No barrier matches the filter (F clears it).",
                        style: session.theme[.dim])
                ]
        }
    }

    /// Scrolls the card or summary by `lines` on a screen with content `area`, never past its ends.
    mutating func scrollText(by lines: Int, area: Rect, session: Session) {
        let inner = Self.textArea(area)
        guard let count = textLines(session, width: inner.width - 2)?.count else { return }
        if lines == 0 {
            textScroll.fit(selected: nil, count: count, rows: inner.height)
        } else {
            textScroll.scroll(by: lines, count: count, rows: inner.height)
        }
    }

    mutating func fit(area: Rect, session: Session) {
        prepare(session)
        if mode == .grid { grid.fit(area: area.splitRows(1).1) }
        scrollText(by: 0, area: area, session: session)
    }

    private func drawLines(_ lines: [Line], in inner: Rect, session: Session, into buffer: inout Buffer) {
        let scroll = textScroll.fitted(selected: nil, count: lines.count, rows: inner.height).offset
        for row in 0..<inner.height {
            let l = scroll + row
            guard l < lines.count else { break }
            let line = lines[l]
            buffer.put(
                line.text, x: inner.x + 1 + line.indent, y: inner.y + row, style: line.style,
                maxWidth: max(0, inner.width - 1 - line.indent))
        }
        if lines.count > inner.height {
            let more = " \(scroll + 1)–\(min(lines.count, scroll + inner.height))/\(lines.count) ↑↓ "
            buffer.put(more, x: inner.maxX - TextWidth.of(more) - 1, y: inner.maxY, style: session.theme[.dim])
        }
    }

    /// A card: the barrier large, then what the session records, then the context.
    func cardLines(_ card: BarrierCard, width: Int, session: Session) -> [Line] {
        let today = session.environment.today()
        var lines: [Line] = []
        func add(_ text: String, _ style: Style = .plain, indent: Int = 0) {
            for part in Widgets.wrap(text, width: max(1, width - indent)) {
                lines.append(.init(text: part, style: style, indent: indent))
            }
        }
        func field(_ name: String, _ value: String, _ style: Style = .plain) {
            let label = TextWidth.pad(name, to: 13)
            for (n, part) in Widgets.wrap(value, width: max(1, width - 13)).enumerated() {
                lines.append(
                    .init(text: n == 0 ? label + part : String(repeating: " ", count: 13) + part, style: style))
            }
        }
        add(card.label, session.theme[.heading])
        lines.append(.init(text: ""))
        let votes = "\(card.votes) vote\(card.votes == 1 ? "" : "s")"
        field(
            "Status", "\(card.status) · \(votes) · impact \(card.impact ?? "–") · effort \(card.effort ?? "–")",
            session.theme[.heading])
        if let room = session.environment.room?.status, room.isOpen {
            let live = room.votes[card.id] ?? RoomVotes(votes: 0, people: 0)
            field(
                "In the room",
                "\(live.votes) vote\(live.votes == 1 ? "" : "s") from \(live.people) of \(room.joined) joined",
                session.theme[.heading])
        }
        if card.quadrant == .quickWin { field("", "★ quick win") }
        if card.hasAction {
            let overdue = ReviewReport.isOverdue(card, today: today) ? " (overdue)" : ""
            field(
                "Next step",
                "\(card.owner ?? "no owner yet"), \(card.due.map { "due \($0)" } ?? "no due date")\(overdue)")
        }
        lines.append(.init(text: ""))
        field("Dimension", card.dimension ?? "–")
        field("Clinical", card.clinical.isEmpty ? "–" : card.clinical.joined(separator: ", "))
        field(
            "Affects",
            card.communities.isEmpty ? "no community linked" : card.communities.map(\.label).joined(separator: "; "))
        field("Where", card.places.isEmpty ? "–" : card.places.map(\.label).joined(separator: "; "))
        lines.append(.init(text: ""))
        lines.append(.init(text: "Improvements", style: session.theme[.heading]))
        if card.improvements.isEmpty { add("none yet (a proposes one)", session.theme[.dim], indent: 2) }
        for improvement in card.improvements {
            add(
                "• \(improvement.label) [\(improvement.status ?? "no status")]", session.theme.kind(.improvement),
                indent: 2)
        }
        lines.append(.init(text: ""))
        lines.append(.init(text: "Notes", style: session.theme[.heading]))
        if card.notes.isEmpty { add("none yet (c adds one)", session.theme[.dim], indent: 2) }
        for note in card.notes { add(note.value, indent: 2) }
        let others = session.graph.node(card.id)?.attributes.filter { !Self.cardKeys.contains($0.key) } ?? []
        if !others.isEmpty {
            lines.append(.init(text: ""))
            lines.append(.init(text: "About", style: session.theme[.heading]))
            for attribute in others where showsPrivate || !attribute.isPrivate {
                add(
                    "\(attribute.key)\(attribute.isPrivate ? " [private]" : ""): \(attribute.value)",
                    attribute.isPrivate ? session.theme[.privateValue] : .plain, indent: 2)
            }
            let hidden = showsPrivate ? 0 : others.filter(\.isPrivate).count
            if hidden > 0 {
                add(
                    "\(hidden) private attribute\(hidden == 1 ? "" : "s") hidden (P shows)", session.theme[.dim],
                    indent: 2)
            }
        }
        return lines
    }
}
