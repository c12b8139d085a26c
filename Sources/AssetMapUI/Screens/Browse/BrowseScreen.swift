import AssetMapCore
import TerminalKit

// Browse: kinds with counts | nodes of the selected kind | the selected node's details and links.

extension Tab {
    package static let browse = Tab("Browse")
}

enum BrowsePane: Int, CaseIterable { case kinds, nodes, details }

struct BrowseScreen: Screen {
    static let tab = Tab.browse
    static let showsSelection = true
    static let bindings: [Binding] = [
        Binding(
            keys: [.enter], action: .enter, scopes: [.tab(.browse)], help: "next pane, or follow the selected link",
            hint: "follow"),
        Binding(keys: [.tab], action: .nextPane, scopes: [.tab(.browse)], help: "next pane"),
        Binding(keys: [.backTab], action: .previousPane, scopes: [.tab(.browse)], help: "previous pane"),
    ]

    var pane: BrowsePane = .nodes
    /// The selected link in the details pane.
    var link = 0
    var kindsScroll = ListScroll(), nodesScroll = ListScroll(), detailsScroll = ListScroll()
    /// The details show from their top (label and id) while the first link is selected: after following a
    /// link, Home, or ↑ on the first link. Moving down the links centres the selected one instead.
    var detailsFromTop = true

    init(session: Session) {}

    struct Layout {
        var kinds: Rect, nodes: Rect, details: Rect
    }

    static func layout(_ area: Rect) -> Layout {
        let kindsWidth = max(20, area.width / 5)
        let nodesWidth = max(22, area.width * 3 / 10)
        let (kinds, rest) = area.splitColumns(kindsWidth)
        let (nodes, details) = rest.splitColumns(nodesWidth)
        return Layout(kinds: kinds, nodes: nodes, details: details)
    }

    /// The details pane's lines and the one with the selected link.
    func details(_ session: Session, width: Int) -> (lines: [DetailLine], selected: Int) {
        let lines = detailLines(session, width: width)
        return (lines, lines.firstIndex { $0.link == link } ?? 0)
    }

    mutating func fit(area: Rect, session: Session) {
        let layout = Self.layout(area)
        kindsScroll.fit(selected: session.kind, count: session.graph.kinds.count, rows: layout.kinds.height - 2)
        nodesScroll.fit(selected: session.row, count: session.kindNodes.count, rows: layout.nodes.height - 2)
        // The details scroll only while they have the focus, keeping the selected link centred so the
        // links around it show.
        guard pane == .details else { detailsScroll = ListScroll(); return }
        let (lines, selected) = details(session, width: layout.details.width - 2)
        let rows = layout.details.height - 2
        if detailsFromTop { detailsScroll = ListScroll() }
        detailsScroll.fit(selected: selected, count: lines.count, rows: rows, margin: detailsFromTop ? 0 : rows / 2)
    }

    struct DetailLine {
        var text: String
        var style: Style = .plain
        /// The index into the node's links when this line is one.
        var link: Int?
    }

    /// The selected link, when the details pane has the focus.
    func selectedLink(_ session: Session) -> Neighbour? {
        let neighbours = session.currentNeighbours
        return pane == .details && neighbours.indices.contains(link) ? neighbours[link] : nil
    }

    mutating func receive(_ message: ScreenMessage, session: Session) {
        switch message {
        case .selectionChanged: (link, detailsFromTop) = (0, true)
        case .revealSelection: pane = .nodes
        case .documentChanged, .reloaded: break
        }
    }

    // MARK: Keys

    mutating func handle(_ action: Action, session: Session) -> [Effect] {
        if let edit = NodeActions.start(action, session: session, link: selectedLink(session)) { return edit }
        switch (action, pane) {
        case (.up, _), (.down, _), (.pageUp, _), (.pageDown, _), (.home, _), (.end, _):
            return move(action, session: session)
        case (.left, _), (.previousPane, _):
            pane = BrowsePane(rawValue: (pane.rawValue + 2) % 3)!
        case (.right, _), (.nextPane, _):
            pane = BrowsePane(rawValue: (pane.rawValue + 1) % 3)!
        case (.enter, .kinds):
            pane = .nodes
        case (.enter, .nodes):
            if session.currentNeighbours.isEmpty { return [.message("No links from here")] }
            pane = .details
        case (.enter, .details):
            let neighbours = session.currentNeighbours
            guard neighbours.indices.contains(link) else { return [] }
            return [.selectID(neighbours[link].otherID, remember: true)]
        case (.back, _):
            return [.goBack]
        default:
            break
        }
        return []
    }

    private mutating func move(_ action: Action, session: Session, page: Int? = nil) -> [Effect] {
        let page = page ?? max(1, session.contentArea.height - 2)
        switch pane {
        case .kinds:
            let k = moved(session.kind, by: action, count: session.graph.kinds.count, page: page) ?? session.kind
            return k != session.kind ? [.selectKind(k)] : []
        case .nodes:
            let list = session.kindNodes
            let r = moved(session.row, by: action, count: list.count, page: page) ?? session.row
            return r != session.row && list.indices.contains(r) ? [.select(node: list[r], remember: false)] : []
        case .details:
            let next = moved(link, by: action, count: session.currentNeighbours.count, page: page) ?? link
            detailsFromTop = next == 0 && (action == .home || action == .up || action == .pageUp)
            link = next
            return []
        }
    }

    mutating func mouse(_ event: MouseEvent, area: Rect, session: Session) -> [Effect] {
        let layout = Self.layout(area)
        let panes: [(BrowsePane, Rect)] = [(.kinds, layout.kinds), (.nodes, layout.nodes), (.details, layout.details)]
        guard let (pane, rect) = panes.first(where: { $0.1.contains(x: event.x, y: event.y) }) else { return [] }
        self.pane = pane
        switch event.action {
        case .scrollUp, .scrollDown:
            return move(event.action == .scrollUp ? .pageUp : .pageDown, session: session, page: 3)
        case .press:
            let inner = rect.inset(by: 1)
            guard inner.contains(x: event.x, y: event.y) else { return [] }
            let row = event.y - inner.y
            switch pane {
            case .kinds:
                let k = kindsScroll.item(atLine: row, count: session.graph.kinds.count)
                return k.map { $0 != session.kind ? [.selectKind($0)] : [] } ?? []
            case .nodes:
                let list = session.kindNodes
                return nodesScroll.item(atLine: row, count: list.count).map {
                    [.select(node: list[$0], remember: false)]
                } ?? []
            case .details:
                let lines = detailLines(session, width: inner.width)
                if let l = detailsScroll.item(atLine: row, count: lines.count), let link = lines[l].link {
                    self.link = link
                }
                return []
            }
        }
    }
}
