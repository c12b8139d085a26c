import AssetMapCore
import TerminalKit

// Graph: the selected node in the centre, what points at it on the left, what it points at on the
// right, joined by box-drawing lines carrying the relation names.

extension Tab {
    package static let graph = Tab("Graph")
}

struct GraphScreen: Screen {
    static let tab = Tab.graph
    static let showsSelection = true
    static let bindings: [Binding] = [
        Binding(
            keys: [.enter], action: .enter, scopes: [.tab(.graph)], help: "re-centre on the selected neighbour",
            hint: "centre")
    ]

    /// false: the incoming (left) side is selected.
    var outgoingSide = true
    var row = 0
    /// The selected side's scroll (the other side shows its first rows).
    var scroll = ListScroll()

    init(session: Session) { reset(centre: session.currentNode, in: session.graph) }

    /// A new centre: the first link on the side that has any, outgoing first.
    mutating func reset(centre: Int?, in graph: MapGraph) {
        row = 0
        scroll = ListScroll()
        guard let i = centre else { return }
        outgoingSide = !graph.outgoing[i].isEmpty || graph.incoming[i].isEmpty
    }

    mutating func receive(_ message: ScreenMessage, session: Session) {
        if case .selectionChanged = message { reset(centre: session.currentNode, in: session.graph) }
    }

    /// Screen rows for neighbours in `area`.
    static func rows(_ area: Rect) -> Int { max(1, area.height - 3) }

    struct Layout {
        var boxWidth: Int, sideWidth: Int
        /// Lines per neighbour: up to three (a long label wraps) while both sides still fit, else one.
        var lines: Int
        /// Neighbours on show per side.
        var shown: Int

        /// Columns for a neighbour's tag and label on one side.
        func labelWidth(_ side: [Neighbour], outgoing: Bool) -> Int {
            // Relations are short and labels long: give the connector what its longest relation needs.
            let longestRelation = side.map { TextWidth.of($0.relation) }.max() ?? 0
            let width = sideWidth - 3 - min(longestRelation + 4, sideWidth * 2 / 5)
            return outgoing ? width : width - 1
        }
    }

    static func layout(_ sides: (incoming: [Neighbour], outgoing: [Neighbour]), _ area: Rect, _ session: Session)
        -> Layout
    {
        let boxWidth = min(34, max(16, area.width / 5))
        var layout = Layout(boxWidth: boxWidth, sideWidth: (area.width - boxWidth) / 2, lines: 1, shown: rows(area))
        let most = max(1, sides.incoming.count, sides.outgoing.count)
        let room = min(3, rows(area) / most)
        if room > 1 {
            // As many lines as the longest label needs, within the room.
            let needed =
                [false, true].flatMap { outgoing in
                    let side = outgoing ? sides.outgoing : sides.incoming
                    let width = layout.labelWidth(side, outgoing: outgoing) - 4
                    return side.map { Widgets.wrap(session.graph.label(of: $0.otherID), width: width).count }
                }.max() ?? 1
            layout.lines = max(1, min(room, needed))
        }
        layout.shown = max(1, rows(area) / layout.lines)
        return layout
    }

    mutating func fit(area: Rect, session: Session) {
        let sides = Self.sides(session)
        scroll.fit(
            selected: row, count: (outgoingSide ? sides.outgoing : sides.incoming).count,
            rows: Self.layout(sides, area, session).shown)
    }

    /// (incoming, outgoing) links of the centre node.
    static func sides(_ session: Session) -> (incoming: [Neighbour], outgoing: [Neighbour]) {
        let all = session.currentNeighbours
        return (all.filter { !$0.outgoing }, all.filter(\.outgoing))
    }

    func selectedNeighbour(_ session: Session) -> Neighbour? {
        let sides = Self.sides(session)
        let list = outgoingSide ? sides.outgoing : sides.incoming
        return list.indices.contains(row) ? list[row] : nil
    }

    mutating func handle(_ action: Action, session: Session) -> [Effect] {
        if let edit = NodeActions.start(action, session: session, link: selectedNeighbour(session)) { return edit }
        let sides = Self.sides(session)
        let count = (outgoingSide ? sides.outgoing : sides.incoming).count
        if let next = moved(row, by: action, count: count, page: Self.layout(sides, session.contentArea, session).shown)
        {
            row = next
            return []
        }
        switch action {
        case .left, .right:
            let wantOutgoing = action == .right
            let other = wantOutgoing ? sides.outgoing : sides.incoming
            if other.isEmpty {
                return [
                    .message(
                        wantOutgoing
                            ? "Nothing on the right: this node points at nothing"
                            : "Nothing on the left: nothing points at this node")
                ]
            }
            if outgoingSide != wantOutgoing { scroll = ListScroll() }
            outgoingSide = wantOutgoing
            row = min(row, other.count - 1)
        case .enter:
            guard let n = selectedNeighbour(session) else { return [.message("No neighbour selected")] }
            return [.selectID(n.otherID, remember: true)]
        case .back:
            return [.goBack]
        default:
            break
        }
        return []
    }

    mutating func click(_ event: MouseEvent, area: Rect, session: Session) -> [Effect] {
        let sides = Self.sides(session)
        let outgoing = event.x >= area.x + area.width / 2
        let list = outgoing ? sides.outgoing : sides.incoming
        let line = event.y - (area.y + 1)
        let r =
            line < 0
            ? nil
            : (outgoingSide == outgoing ? scroll : ListScroll()).item(
                atLine: line / Self.layout(sides, area, session).lines, count: list.count)
        if let r {
            if outgoingSide != outgoing { scroll = ListScroll() }
            outgoingSide = outgoing
            row = r
        }
        return []
    }
}
