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
        let position = deck.isEmpty ? "no barriers" : "barrier \(current! + 1) of \(deck.count)"
        let filterText = " Filter: \(filter.describe(in: session.graph))"
        buffer.put(position + " ", x: top.maxX - TextWidth.of(position) - 1, y: top.y, style: session.theme[.heading])
        buffer.put(TextWidth.truncate(filterText, to: max(0, top.width - TextWidth.of(position) - 3)), x: top.x, y: top.y,
                   style: session.theme[filter.isEmpty ? .dim : .heading])
        if mode == .grid {
            drawGrid(current: current.map { deck[$0].id }, area: body, session: session, into: &buffer)
        } else {
            let title = mode == .summary ? "Session summary" : current.map { "\(deck[$0].id)" } ?? "Review"
            let inner = Widgets.box(body, title: title, focused: true, into: &buffer)
            drawLines(textLines(session, width: inner.width - 2) ?? [], in: inner, session: session, into: &buffer)
        }
    }

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
                ?? [Line(text: filter.isEmpty ? "This map has no barriers yet." : "No barrier matches the filter (F clears it).", style: session.theme[.dim])]
        }
    }

    /// Scrolls the card or summary by `lines` on a screen with content `area`, never past its ends.
    mutating func scrollText(by lines: Int, area: Rect, session: Session) {
        let inner = Self.textArea(area)
        guard let count = textLines(session, width: inner.width - 2)?.count else { return }
        if lines == 0 { textScroll.fit(selected: nil, count: count, rows: inner.height) } else { textScroll.scroll(by: lines, count: count, rows: inner.height) }
    }

    mutating func fit(area: Rect, session: Session) { scrollText(by: 0, area: area, session: session) }

    private func drawLines(_ lines: [Line], in inner: Rect, session: Session, into buffer: inout Buffer) {
        let scroll = textScroll.fitted(selected: nil, count: lines.count, rows: inner.height).offset
        for row in 0..<inner.height {
            let l = scroll + row
            guard l < lines.count else { break }
            let line = lines[l]
            buffer.put(line.text, x: inner.x + 1 + line.indent, y: inner.y + row, style: line.style, maxWidth: max(0, inner.width - 1 - line.indent))
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
            for part in Widgets.wrap(text, width: max(1, width - indent)) { lines.append(.init(text: part, style: style, indent: indent)) }
        }
        func field(_ name: String, _ value: String, _ style: Style = .plain) {
            let label = TextWidth.pad(name, to: 13)
            for (n, part) in Widgets.wrap(value, width: max(1, width - 13)).enumerated() {
                lines.append(.init(text: n == 0 ? label + part : String(repeating: " ", count: 13) + part, style: style))
            }
        }
        add(card.label, session.theme[.heading])
        lines.append(.init(text: ""))
        let votes = "\(card.votes) vote\(card.votes == 1 ? "" : "s")"
        field("Status", "\(card.status) · \(votes) · impact \(card.impact ?? "–") · effort \(card.effort ?? "–")", session.theme[.heading])
        if card.quadrant == .quickWin { field("", "★ quick win") }
        if card.hasAction {
            let overdue = ReviewReport.isOverdue(card, today: today) ? " (overdue)" : ""
            field("Next step", "\(card.owner ?? "no owner yet"), \(card.due.map { "due \($0)" } ?? "no due date")\(overdue)")
        }
        lines.append(.init(text: ""))
        field("Dimension", card.dimension ?? "–")
        field("Clinical", card.clinical.isEmpty ? "–" : card.clinical.joined(separator: ", "))
        field("Affects", card.communities.isEmpty ? "no community linked" : card.communities.map(\.label).joined(separator: "; "))
        field("Where", card.places.isEmpty ? "–" : card.places.map(\.label).joined(separator: "; "))
        lines.append(.init(text: ""))
        lines.append(.init(text: "Improvements", style: session.theme[.heading]))
        if card.improvements.isEmpty { add("none yet (a proposes one)", session.theme[.dim], indent: 2) }
        for improvement in card.improvements {
            add("• \(improvement.label) [\(improvement.status ?? "no status")]", session.theme.kind(.improvement), indent: 2)
        }
        lines.append(.init(text: ""))
        lines.append(.init(text: "Notes", style: session.theme[.heading]))
        if card.notes.isEmpty { add("none yet (c adds one)", session.theme[.dim], indent: 2) }
        for note in card.notes { add(note.value, indent: 2) }
        return lines
    }

    private func drawGrid(current: String?, area: Rect, session: Session, into buffer: inout Buffer) {
        let grid = cache.grid()
        let unrated = grid[.unrated]?.count ?? 0
        let (note, rest) = area.splitRows(1)
        buffer.put(" Top: high impact · left: low effort · unrated: \(unrated) (i and e rate a card)", x: note.x, y: note.y, style: session.theme[.dim], maxWidth: note.width)
        let (upper, lower) = rest.splitRows(rest.height / 2)
        let (quickWins, major) = upper.splitColumns(upper.width / 2)
        let (fillIns, notNow) = lower.splitColumns(lower.width / 2)
        for (quadrant, rect) in [(PriorityQuadrant.quickWin, quickWins), (.majorProject, major), (.fillIn, fillIns), (.notNow, notNow)] {
            let cards = grid[quadrant] ?? []
            let inner = Widgets.box(rect, title: "\(quadrant.title) (\(cards.count))", focused: quadrant == .quickWin, into: &buffer)
            for (row, card) in cards.prefix(inner.height).enumerated() {
                let mark = card.id == current ? "▸" : " "
                let text = "\(mark)\(String(card.votes).leftPadded(to: 3)) \(card.label)"
                buffer.put(text, x: inner.x, y: inner.y + row, style: card.id == current ? session.theme[.selectedCell] : .plain, maxWidth: inner.width)
            }
            if cards.count > inner.height, inner.height > 0 {
                buffer.put("+\(cards.count - inner.height + 1) more", x: inner.x, y: inner.maxY - 1, style: session.theme[.dim], maxWidth: inner.width)
            }
        }
    }

    func summaryLines(_ session: Session, width: Int) -> [Line] {
        let summary = self.summary.flatMap { $0.version == session.version ? $0.summary : nil } ?? summaryFromScratch(session)
        var lines: [Line] = []
        func add(_ text: String, _ style: Style = .plain, indent: Int = 0) {
            for part in Widgets.wrap(text, width: max(1, width - indent)) { lines.append(.init(text: part, style: style, indent: indent)) }
        }
        func heading(_ text: String, _ count: Int) {
            lines.append(.init(text: ""))
            lines.append(.init(text: "\(text) (\(count))", style: session.theme[.heading]))
            if count == 0 { add("none", session.theme[.dim], indent: 2) }
        }
        let n = summary.discussed.count
        add("\(n) barrier\(n == 1 ? "" : "s") discussed this session", session.theme[.heading])
        heading("Status changes", summary.statusChanges.count)
        for change in summary.statusChanges { add("\(change.barrier.label): \(change.from) → \(change.to)", indent: 2) }
        heading("Actions", summary.actions.count)
        for action in summary.actions {
            add("\(action.barrier.label): \(action.owner ?? "no owner yet"), \(action.due.map { "due \($0)" } ?? "no due date")", indent: 2)
        }
        heading("Improvements proposed", summary.proposals.count)
        for proposal in summary.proposals {
            add("\(proposal.improvement.label) → \(proposal.addresses.map(\.label).joined(separator: "; "))", indent: 2)
        }
        heading("Notes taken", summary.notes.count)
        for taken in summary.notes { add("\(taken.barrier.label): \(taken.note.value)", indent: 2) }
        lines.append(.init(text: ""))
        add("s saves; `assetmap report FILE` writes the minutes.", session.theme[.dim])
        return lines
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
