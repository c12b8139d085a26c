import AssetMapCore

// Browse: kinds with counts | nodes of the selected kind | the selected node's details and links.

enum BrowsePane: Int, CaseIterable { case kinds, nodes, details }

struct BrowseState {
    var kind = 0
    var row = 0
    var pane: BrowsePane = .nodes
    /// The selected link in the details pane.
    var link = 0
}

enum BrowseView {
    static let bindings: [Binding] = [
        Binding(keys: [.enter], action: .enter, scopes: [.tab(.browse)], help: "next pane, or follow the selected link", hint: "follow"),
        Binding(keys: [.tab], action: .nextPane, scopes: [.tab(.browse)], help: "next pane"),
        Binding(keys: [.backTab], action: .previousPane, scopes: [.tab(.browse)], help: "previous pane"),
    ]

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

    struct DetailLine {
        var text: String
        var style: Style = .plain
        /// The index into the node's links when this line is one.
        var link: Int?
    }
}

extension AssetMapApp {
    var currentKindNodes: [Int] { index.kindNodes.indices.contains(browse.kind) ? index.kindNodes[browse.kind] : [] }

    var currentNeighbours: [Neighbour] { currentNode.map { document.graph.neighbours(ofNode: $0) } ?? [] }

    /// The text of a link line: "affects → Refugees…" or "← addresses Registration cards".
    func linkText(_ n: Neighbour) -> String {
        let label = document.graph.label(of: n.otherID)
        return n.outgoing ? "\(n.relation) → \(label)" : "← \(n.relation) \(label)"
    }

    func detailLines(width: Int) -> [BrowseView.DetailLine] {
        guard let i = currentNode else { return [] }
        let graph = document.graph
        let node = graph.nodes[i]
        var lines: [BrowseView.DetailLine] = []
        for line in Widgets.wrap(node.label, width: width) { lines.append(.init(text: line, style: Style(bold: true))) }
        lines.append(.init(text: "\(graph.tag(ofKind: node.kind)) \(node.kind)  id: \(node.id)", style: Style(foreground: graph.kindColor(node.kind))))
        if !node.attributes.isEmpty { lines.append(.init(text: "")) }
        for attribute in node.attributes {
            let key = attribute.isPrivate ? "\(attribute.key) [private]" : attribute.key
            let wrapped = Widgets.wrap("\(key): \(attribute.value)", width: width)
            for (n, line) in wrapped.enumerated() {
                lines.append(.init(text: n == 0 ? line : line, style: Style(dim: attribute.isPrivate)))
            }
        }
        let neighbours = graph.neighbours(ofNode: i)
        lines.append(.init(text: ""))
        lines.append(.init(text: neighbours.isEmpty ? "No links (l links this node)" : "Links (\(neighbours.count))", style: Style(bold: true)))
        for (n, neighbour) in neighbours.enumerated() {
            let colour = graph.node(neighbour.otherID).map { graph.kindColor($0.kind) }
            lines.append(.init(text: linkText(neighbour), style: Style(foreground: colour), link: n))
        }
        return lines
    }

    func drawBrowse(into buffer: inout Buffer, area: Rect) {
        let layout = BrowseView.layout(area)
        let graph = document.graph

        // Kinds with counts
        let kindsInner = Widgets.box(layout.kinds, title: "Kinds", focused: browse.pane == .kinds, into: &buffer)
        let kindOffset = Widgets.scrollOffset(selected: browse.kind, count: graph.kinds.count, rows: kindsInner.height)
        for row in 0..<kindsInner.height {
            let k = kindOffset + row
            guard k < graph.kinds.count else { break }
            let count = String(index.kindNodes[k].count)
            let name = TextWidth.truncate(graph.kinds[k].plural, to: kindsInner.width - count.count - 1)
            let gap = max(1, kindsInner.width - TextWidth.of(name) - count.count)
            let style = Widgets.rowStyle(selected: k == browse.kind, focused: browse.pane == .kinds)
            Widgets.row(name + String(repeating: " ", count: gap) + count, in: kindsInner, y: kindsInner.y + row, style: style, into: &buffer)
        }

        // Nodes of the selected kind (only the visible rows are touched)
        let list = currentKindNodes
        let kindTitle = graph.kinds.indices.contains(browse.kind) ? graph.kinds[browse.kind].plural : "Nodes"
        let nodesInner = Widgets.box(layout.nodes, title: kindTitle, focused: browse.pane == .nodes, into: &buffer)
        let nodeOffset = Widgets.scrollOffset(selected: browse.row, count: list.count, rows: nodesInner.height)
        if list.isEmpty {
            buffer.put("None yet (a adds one)", x: nodesInner.x, y: nodesInner.y, style: Style(dim: true), maxWidth: nodesInner.width)
        }
        for row in 0..<nodesInner.height {
            let r = nodeOffset + row
            guard r < list.count else { break }
            let style = Widgets.rowStyle(selected: r == browse.row, focused: browse.pane == .nodes)
            Widgets.row(graph.nodes[list[r]].label, in: nodesInner, y: nodesInner.y + row, style: style, into: &buffer)
        }
        if nodeOffset + nodesInner.height < list.count || nodeOffset > 0 {
            let position = " \(browse.row + 1)/\(list.count) "
            buffer.put(position, x: layout.nodes.maxX - 2 - position.count, y: layout.nodes.maxY - 1, style: Style(dim: true))
        }

        // Details of the selected node
        let detailsInner = Widgets.box(layout.details, title: "Details", focused: browse.pane == .details, into: &buffer)
        let lines = detailLines(width: detailsInner.width)
        let selectedLine = lines.firstIndex { $0.link == browse.link } ?? 0
        let detailOffset = browse.pane == .details ? Widgets.scrollOffset(selected: selectedLine, count: lines.count, rows: detailsInner.height) : 0
        for row in 0..<detailsInner.height {
            let l = detailOffset + row
            guard l < lines.count else { break }
            let line = lines[l]
            let selected = line.link != nil && line.link == browse.link && browse.pane == .details
            Widgets.row(line.text, in: detailsInner, y: detailsInner.y + row, style: Widgets.rowStyle(selected: selected, focused: true, base: line.style), into: &buffer)
        }
        if currentNode == nil {
            buffer.put("Nothing selected", x: detailsInner.x, y: detailsInner.y, style: Style(dim: true), maxWidth: detailsInner.width)
        }
    }

    var browsePageRows: Int { max(1, contentArea.height - 2) }

    mutating func handleBrowse(_ action: Action) {
        switch (action, browse.pane) {
        case (.up, _), (.down, _), (.pageUp, _), (.pageDown, _), (.home, _), (.end, _):
            moveBrowseSelection(action)
        case (.left, _), (.previousPane, _):
            browse.pane = BrowsePane(rawValue: (browse.pane.rawValue + 2) % 3)!
        case (.right, _), (.nextPane, _):
            browse.pane = BrowsePane(rawValue: (browse.pane.rawValue + 1) % 3)!
        case (.enter, .kinds):
            browse.pane = .nodes
        case (.enter, .nodes):
            if currentNeighbours.isEmpty { message = "No links from here" } else { browse.pane = .details }
        case (.enter, .details):
            let neighbours = currentNeighbours
            guard neighbours.indices.contains(browse.link) else { return }
            let target = neighbours[browse.link].otherID
            if !select(id: target, remember: true) { message = "'\(target)' is not in the map" }
        case (.back, _):
            goBack()
        default:
            break
        }
    }

    private mutating func moveBrowseSelection(_ action: Action) {
        func moved(_ value: Int, count: Int) -> Int {
            guard count > 0 else { return 0 }
            switch action {
            case .up: return max(0, value - 1)
            case .down: return min(count - 1, value + 1)
            case .pageUp: return max(0, value - browsePageRows)
            case .pageDown: return min(count - 1, value + browsePageRows)
            case .home: return 0
            case .end: return count - 1
            default: return value
            }
        }
        switch browse.pane {
        case .kinds:
            let k = moved(browse.kind, count: document.graph.kinds.count)
            if k != browse.kind { browse.kind = k; browse.row = 0; browse.link = 0 }
        case .nodes:
            let r = moved(browse.row, count: currentKindNodes.count)
            if r != browse.row { browse.row = r; browse.link = 0 }
        case .details:
            browse.link = moved(browse.link, count: currentNeighbours.count)
        }
        graphState.reset(for: self)
    }

    mutating func mouseBrowse(_ mouse: MouseEvent, area: Rect) {
        let layout = BrowseView.layout(area)
        let panes: [(BrowsePane, Rect)] = [(.kinds, layout.kinds), (.nodes, layout.nodes), (.details, layout.details)]
        guard let (pane, rect) = panes.first(where: { $0.1.contains(x: mouse.x, y: mouse.y) }) else { return }
        browse.pane = pane
        switch mouse.action {
        case .scrollUp, .scrollDown:
            for _ in 0..<3 { moveBrowseSelection(mouse.action == .scrollUp ? .up : .down) }
        case .press:
            let inner = rect.inset(by: 1)
            guard inner.contains(x: mouse.x, y: mouse.y) else { return }
            let row = mouse.y - inner.y
            switch pane {
            case .kinds:
                let k = Widgets.scrollOffset(selected: browse.kind, count: document.graph.kinds.count, rows: inner.height) + row
                if k < document.graph.kinds.count, k != browse.kind { browse.kind = k; browse.row = 0; browse.link = 0 }
            case .nodes:
                let r = Widgets.scrollOffset(selected: browse.row, count: currentKindNodes.count, rows: inner.height) + row
                if r < currentKindNodes.count { browse.row = r; browse.link = 0 }
            case .details:
                let lines = detailLines(width: inner.width)
                let selectedLine = lines.firstIndex { $0.link == browse.link } ?? 0
                let l = Widgets.scrollOffset(selected: selectedLine, count: lines.count, rows: inner.height) + row
                if lines.indices.contains(l), let link = lines[l].link { browse.link = link }
            }
            graphState.reset(for: self)
        }
    }
}
