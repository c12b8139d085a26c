import AssetMapCore
import TerminalKit

// Graph: the selected node in the centre, what points at it on the left, what it points at on the
// right, joined by box-drawing lines carrying the relation names.

extension Tab {
    public static let graph = Tab("Graph")
}

struct GraphScreen: Screen {
    static let tab = Tab.graph
    static let showsSelection = true
    static let bindings: [Binding] = [
        Binding(keys: [.enter], action: .enter, scopes: [.tab(.graph)], help: "re-centre on the selected neighbour", hint: "centre"),
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

    /// Rows of neighbours on show in `area`.
    static func rows(_ area: Rect) -> Int { max(1, area.height - 3) }

    mutating func fit(area: Rect, session: Session) {
        let sides = Self.sides(session)
        scroll.fit(selected: row, count: (outgoingSide ? sides.outgoing : sides.incoming).count, rows: Self.rows(area))
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
        if let next = moved(row, by: action, count: count, page: Self.rows(session.contentArea)) {
            row = next
            return []
        }
        switch action {
        case .left, .right:
            let wantOutgoing = action == .right
            let other = wantOutgoing ? sides.outgoing : sides.incoming
            if other.isEmpty {
                return [.message(wantOutgoing ? "Nothing on the right: this node points at nothing" : "Nothing on the left: nothing points at this node")]
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
        let r = (outgoingSide == outgoing ? scroll : ListScroll()).item(atLine: event.y - (area.y + 1), count: list.count)
        if let r {
            if outgoingSide != outgoing { scroll = ListScroll() }
            outgoingSide = outgoing
            row = r
        }
        return []
    }
}
