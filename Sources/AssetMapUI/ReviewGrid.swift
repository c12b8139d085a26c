import AssetMapCore
import TerminalKit

// The Review tab's priority grid (`g`): the deck's rated barriers in four quadrants of impact × effort,
// a selection moved with the arrows, Enter opening that barrier's card. Resolved and parked barriers
// are off the agenda, so hidden until `r` shows them. Its own keys and `?` help (scope `.reviewGrid`).

extension Scope {
    static let reviewGrid = Scope("tab:Review:grid", title: "Review grid")
}

struct ReviewGrid {
    /// On screen: two rows of two, quick wins top left.
    static let quadrants: [PriorityQuadrant] = [.quickWin, .majorProject, .fillIn, .notNow]

    static let bindings: [Binding] = {
        func bind(_ keys: [Key], _ action: Action, _ help: String, hint: String? = nil) -> Binding {
            Binding(keys: keys, action: action, scopes: [.reviewGrid], help: help, hint: hint)
        }
        return [
            bind([.up, .char("k")], .up, "previous barrier in the quadrant (from the top: the quadrant above)"),
            bind([.down, .char("j")], .down, "next barrier in the quadrant (from the bottom: the quadrant below)"),
            bind([.left, .char("h")], .left, "the quadrant on the left"),
            bind([.right, .char("l")], .right, "the quadrant on the right"),
            bind([.enter], .enter, "open the selected barrier's card", hint: "open"),
            bind([.char("r")], .review(.toggleClosed), "show or hide resolved and parked barriers", hint: "resolved/parked"),
            bind([.char("g"), .escape], .review(.cards), "back to the cards", hint: "cards"),
        ]
    }()

    /// The selected quadrant (index into `quadrants`) and row in it.
    var quadrant = 0
    var row = 0
    /// The selected barrier, so an edit that moves it to another quadrant (or away) keeps the selection on it.
    var id: String?
    /// Resolved and parked barriers shown too.
    var showsClosed = false
    var scrolls = [ListScroll](repeating: ListScroll(), count: 4)

    /// The cards of each quadrant, in `quadrants` order, without the closed ones unless shown.
    func lists(_ cache: ReviewCache) -> [[BarrierCard]] { lists(from: cache.grid()) }

    func lists(from grid: [PriorityQuadrant: [BarrierCard]]) -> [[BarrierCard]] {
        Self.quadrants.map { (grid[$0] ?? []).filter { showsClosed || !$0.isClosed } }
    }

    func selectedID(in lists: [[BarrierCard]]) -> String? {
        lists[quadrant].indices.contains(row) ? lists[quadrant][row].id : nil
    }

    /// Selects the barrier `id` when the grid shows it, else the first barrier of the first quadrant with one.
    mutating func select(_ wanted: String?, in lists: [[BarrierCard]]) {
        defer { id = selectedID(in: lists) }
        for (q, cards) in lists.enumerated() {
            if let r = cards.firstIndex(where: { $0.id == wanted }) { (quadrant, row) = (q, r); return }
        }
        (quadrant, row) = (lists.firstIndex { !$0.isEmpty } ?? 0, 0)
    }

    /// Keeps the selection on its barrier after the lists changed (an edit, `r`, a filter), else on the
    /// nearest row of the same quadrant.
    mutating func clamp(to lists: [[BarrierCard]]) {
        if let id, lists.joined().contains(where: { $0.id == id }) { select(id, in: lists); return }
        if lists[quadrant].isEmpty { select(nil, in: lists) } else { row = min(row, lists[quadrant].count - 1); id = selectedID(in: lists) }
    }

    /// The arrows: within a quadrant, then on to the neighbouring one (skipping empty ones across).
    mutating func move(_ action: Action, in lists: [[BarrierCard]]) {
        defer { id = selectedID(in: lists) }
        let (column, upper) = (quadrant % 2, quadrant / 2)
        switch action {
        case .up where row > 0: row -= 1
        case .up where upper == 1 && !lists[column].isEmpty: (quadrant, row) = (column, lists[column].count - 1)
        case .down where row + 1 < lists[quadrant].count: row += 1
        case .down where upper == 0 && !lists[2 + column].isEmpty: (quadrant, row) = (2 + column, 0)
        case .left where column == 1 && !lists[quadrant - 1].isEmpty: (quadrant, row) = (quadrant - 1, min(row, lists[quadrant - 1].count - 1))
        case .right where column == 0 && !lists[quadrant + 1].isEmpty: (quadrant, row) = (quadrant + 1, min(row, lists[quadrant + 1].count - 1))
        default: break
        }
    }

    /// The note line and the four boxes, in `quadrants` order.
    static func layout(_ area: Rect) -> (note: Rect, boxes: [Rect]) {
        let (note, rest) = area.splitRows(1)
        let (upper, lower) = rest.splitRows(rest.height / 2)
        let (quickWins, major) = upper.splitColumns(upper.width / 2)
        let (fillIns, notNow) = lower.splitColumns(lower.width / 2)
        return (note, [quickWins, major, fillIns, notNow])
    }

    mutating func fit(area: Rect, lists: [[BarrierCard]]) {
        clamp(to: lists)
        let boxes = Self.layout(area).boxes
        for q in 0..<4 {
            scrolls[q].fit(selected: q == quadrant ? row : nil, count: lists[q].count, rows: boxes[q].height - 2)
        }
    }

    func draw(into buffer: inout Buffer, area: Rect, cache: ReviewCache, session: Session) {
        let all = cache.grid()
        let lists = lists(from: all)
        let unrated = all[.unrated]?.count ?? 0
        let hidden = Self.quadrants.reduce(0) { $0 + (all[$1] ?? []).count } - lists.reduce(0) { $0 + $1.count }
        let (note, boxes) = Self.layout(area)
        let closed = showsClosed ? "resolved/parked shown" : "\(hidden) resolved/parked hidden"
        buffer.put(" Top: high impact · left: low effort · \(unrated) unrated · \(closed)", x: note.x, y: note.y,
                   style: session.theme[.dim], maxWidth: note.width)
        for (q, rect) in boxes.enumerated() {
            let cards = lists[q]
            let title = "\(Self.quadrants[q].title) (\(cards.count))"
            let inner = Widgets.box(rect, title: title, focused: q == quadrant, into: &buffer)
            let selected = q == quadrant ? row : nil
            ListView.draw(scrolls[q], count: cards.count, selected: selected, in: inner, into: &buffer) { i in
                let card = cards[i]
                let closedMark = card.isClosed ? " [\(card.status)]" : ""
                let votes = String(card.votes)
                let text = "\(i == selected ? "▸" : " ")\(String(repeating: " ", count: max(0, 3 - votes.count)))\(votes) \(card.label)"
                // The label is cut with "…" by display width; a closed barrier's status stays readable.
                return (TextWidth.truncate(text, to: inner.width - TextWidth.of(closedMark)) + closedMark,
                        card.isClosed ? session.theme[.dim] : .plain)
            }
            if cards.count > inner.height, inner.height > 0 {
                let visible = scrolls[q].visible(count: cards.count, rows: inner.height)
                let more = " \(visible.lowerBound + 1)–\(visible.upperBound)/\(cards.count) "
                buffer.put(more, x: rect.maxX - TextWidth.of(more) - 1, y: rect.maxY - 1, style: session.theme[.dim])
            }
        }
    }
}

extension ReviewScreen {
    /// A key in the grid (nil: not the grid's, the card keys take it).
    mutating func handleGrid(_ action: Action, session: Session) -> [Effect]? {
        let lists = grid.lists(cache)
        switch action {
        case .up, .down, .left, .right:
            grid.move(action, in: lists)
        case .enter:
            guard let id = grid.selectedID(in: lists) else { return [.message("No barrier here")] }
            mode = .cards
            textScroll = ListScroll()
            if let i = cache.deckIndex(of: id) { (barrier, position) = (id, i) }
            return [.selectID(id, remember: true)]
        case .review(.toggleClosed):
            grid.showsClosed.toggle()
            grid.clamp(to: grid.lists(cache))
            return [.message(grid.showsClosed ? "Resolved and parked barriers shown (r hides them)" : "Resolved and parked barriers hidden (r shows them)")]
        default: return nil
        }
        return []
    }

    /// Opening the grid selects the card on screen when the grid shows it.
    mutating func openGrid() {
        let lists = grid.lists(cache)
        let deck = self.deck
        grid.select(current(in: deck).map { deck[$0].id }, in: lists)
    }
}

extension ReviewScreen {
    /// A click in the grid selects the barrier under it; on the selected one, opens its card.
    mutating func click(_ event: MouseEvent, area: Rect, session: Session) -> [Effect] {
        guard mode == .grid else { return [] }
        let lists = grid.lists(cache)
        let boxes = ReviewGrid.layout(area.splitRows(1).1).boxes
        guard let q = boxes.firstIndex(where: { $0.inset(by: 1).contains(x: event.x, y: event.y) }),
              let row = grid.scrolls[q].item(atLine: event.y - boxes[q].y - 1, count: lists[q].count) else { return [] }
        if (grid.quadrant, grid.row) == (q, row) { return handleGrid(.enter, session: session) ?? [] }
        grid.select(lists[q][row].id, in: lists)
        return []
    }
}
