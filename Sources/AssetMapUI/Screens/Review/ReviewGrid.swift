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
            bind(
                [.char("r")], .review(.toggleClosed), "show or hide resolved and parked barriers",
                hint: "resolved/parked"),
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
    /// Each quadrant's cards (positions in the cache's cards), in `quadrants` order, without the closed
    /// ones unless shown; with the unrated and hidden counts. Made by `refresh` when the deck changes,
    /// so keys and frames never regroup thousands of cards.
    private(set) var lists: [[Int]] = [[], [], [], []]
    private(set) var unrated = 0, hidden = 0

    mutating func refresh(_ cache: ReviewCache) {
        let all = cache.gridPositions(closed: showsClosed)
        lists = Self.quadrants.map { all[$0] ?? [] }
        unrated = all[.unrated]?.count ?? 0
        hidden = showsClosed ? 0 : cache.deck.count - lists.reduce(unrated) { $0 + $1.count }
        clamp(cache)
    }

    func selectedID(_ cache: ReviewCache) -> String? {
        lists[quadrant].indices.contains(row) ? cache.cards[lists[quadrant][row]].id : nil
    }

    /// Selects the barrier `wanted` when the grid shows it, else the first barrier of the first quadrant with one.
    mutating func select(_ wanted: String?, _ cache: ReviewCache) {
        defer { id = selectedID(cache) }
        if let position = wanted.flatMap({ cache.cardOfID[$0] }) {
            for (q, positions) in lists.enumerated() {
                if let r = positions.firstIndex(of: position) { (quadrant, row) = (q, r); return }
            }
        }
        (quadrant, row) = (lists.firstIndex { !$0.isEmpty } ?? 0, 0)
    }

    /// Keeps the selection on its barrier after the lists changed (an edit, `r`, a filter), else on the
    /// nearest row of the same quadrant.
    mutating func clamp(_ cache: ReviewCache) {
        if let position = id.flatMap({ cache.cardOfID[$0] }), lists.contains(where: { $0.contains(position) }) {
            select(id, cache); return
        }
        if lists[quadrant].isEmpty {
            select(nil, cache)
        } else {
            row = min(row, lists[quadrant].count - 1); id = selectedID(cache)
        }
    }

    /// The arrows: within a quadrant, then on to the neighbouring one (skipping empty ones across).
    mutating func move(_ action: Action, _ cache: ReviewCache) {
        defer { id = selectedID(cache) }
        let (column, upper) = (quadrant % 2, quadrant / 2)
        switch action {
        case .up where row > 0: row -= 1
        case .up where upper == 1 && !lists[column].isEmpty: (quadrant, row) = (column, lists[column].count - 1)
        case .down where row + 1 < lists[quadrant].count: row += 1
        case .down where upper == 0 && !lists[2 + column].isEmpty: (quadrant, row) = (2 + column, 0)
        case .left where column == 1 && !lists[quadrant - 1].isEmpty:
            (quadrant, row) = (quadrant - 1, min(row, lists[quadrant - 1].count - 1))
        case .right where column == 0 && !lists[quadrant + 1].isEmpty:
            (quadrant, row) = (quadrant + 1, min(row, lists[quadrant + 1].count - 1))
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

    mutating func fit(area: Rect) {
        let boxes = Self.layout(area).boxes
        for q in 0..<4 {
            scrolls[q].fit(selected: q == quadrant ? row : nil, count: lists[q].count, rows: boxes[q].height - 2)
        }
    }

    func draw(into buffer: inout Buffer, area: Rect, cache: ReviewCache, session: Session) {
        let (note, boxes) = Self.layout(area)
        let closed = showsClosed ? "resolved/parked shown" : "\(hidden) resolved/parked hidden"
        buffer.put(
            " Top: high impact · left: low effort · \(unrated) unrated · \(closed)", x: note.x, y: note.y,
            style: session.theme[.dim], maxWidth: note.width)
        // Live votes from the room, not yet in the map, beside each barrier's own.
        let room = session.environment.room?.status
        let live = room?.isOpen == true ? room?.votes ?? [:] : [:]
        for (q, rect) in boxes.enumerated() {
            let positions = lists[q]
            let title = "\(Self.quadrants[q].title) (\(positions.count))"
            let inner = Widgets.box(rect, title: title, focused: q == quadrant, into: &buffer)
            let selected = q == quadrant ? row : nil
            ListView.draw(scrolls[q], count: positions.count, selected: selected, in: inner, into: &buffer) { i in
                let card = cache.cards[positions[i]]
                let roomMark = live[card.id].map { $0.votes > 0 ? " +\($0.votes) room" : "" } ?? ""
                let closedMark = roomMark + (card.isClosed ? " [\(card.status)]" : "")
                let votes = String(card.votes)
                let text =
                    "\(i == selected ? "▸" : " ")\(String(repeating: " ", count: max(0, 3 - votes.count)))\(votes) \(card.label)"
                // The label is cut with "…" by display width; a closed barrier's status stays readable.
                return (
                    TextWidth.truncate(text, to: inner.width - TextWidth.of(closedMark)) + closedMark,
                    card.isClosed ? session.theme[.dim] : .plain
                )
            }
            if positions.count > inner.height, inner.height > 0 {
                let visible = scrolls[q].visible(count: positions.count, rows: inner.height)
                let more = " \(visible.lowerBound + 1)–\(visible.upperBound)/\(positions.count) "
                buffer.put(more, x: rect.maxX - TextWidth.of(more) - 1, y: rect.maxY - 1, style: session.theme[.dim])
            }
        }
    }
}

extension ReviewScreen {
    /// A key in the grid (nil: not the grid's, the card keys take it).
    mutating func handleGrid(_ action: Action, session: Session) -> [Effect]? {
        switch action {
        case .up, .down, .left, .right:
            grid.move(action, cache)
        case .enter:
            guard let id = grid.selectedID(cache) else { return [.message("No barrier here")] }
            mode = .cards
            textScroll = ListScroll()
            if let i = cache.deckIndex(of: id) { (barrier, position) = (id, i) }
            return [.selectID(id, remember: true)]
        case .review(.toggleClosed):
            grid.showsClosed.toggle()
            grid.refresh(cache)
            return [
                .message(
                    grid.showsClosed
                        ? "Resolved and parked barriers shown (r hides them)"
                        : "Resolved and parked barriers hidden (r shows them)")
            ]
        default: return nil
        }
        return []
    }

    /// Opening the grid selects the card on screen when the grid shows it.
    mutating func openGrid() {
        grid.refresh(cache)
        let deck = self.deck
        grid.select(current(in: deck).map { deck[$0].id }, cache)
    }
}

extension ReviewScreen {
    /// A click in the grid selects the barrier under it; on the selected one, opens its card.
    mutating func click(_ event: MouseEvent, area: Rect, session: Session) -> [Effect] {
        prepare(session)
        guard mode == .grid else { return [] }
        let boxes = ReviewGrid.layout(area.splitRows(1).1).boxes
        guard let q = boxes.firstIndex(where: { $0.inset(by: 1).contains(x: event.x, y: event.y) }),
            let row = grid.scrolls[q].item(atLine: event.y - boxes[q].y - 1, count: grid.lists[q].count)
        else { return [] }
        if (grid.quadrant, grid.row) == (q, row) { return handleGrid(.enter, session: session) ?? [] }
        (grid.quadrant, grid.row) = (q, row)
        grid.id = grid.selectedID(cache)
        return []
    }
}
