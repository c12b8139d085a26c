import AssetMapCore
import TerminalKit

extension Scope {
    static let search = Scope("search", title: "Search")
}

/// `/` (jump to a node) and `L` (the node to link to): type, see ranked matches, Enter.
struct SearchDialog: Dialog {
    static let bindings: [Binding] =
        Binding.listKeys(.search) + [
            Binding(
                keys: [.enter], action: .accept, scopes: [.search], help: "jump to the selected match", hint: "jump"),
            Binding.cancel(.search),
        ]

    enum Purpose: Equatable {
        case jump
        case link(from: String)
    }

    var purpose: Purpose
    var field = TextField()
    var matches: [SearchIndex.Match] = []
    var selected = 0
    var scroll = ListScroll()
    /// The session's index (shared storage): this copy keeps the narrowing of the queries typed here.
    private var index: SearchIndex

    /// Matches in private attributes left out (from a screen that may be projected).
    var hidingPrivate = false

    init(purpose: Purpose, session: Session, hidingPrivate: Bool = false) {
        self.purpose = purpose
        self.hidingPrivate = hidingPrivate
        index = session.searchIndex
    }

    var scopes: [Scope] { [.search, .textField] }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        if let next = moved(selected, by: action, count: matches.count) {
            selected = next
            return []
        }
        switch action {
        case .cancel: return [.dismiss]
        case .accept: return accept(session)
        default:
            let changed =
                action.map { field.apply($0) }
                ?? (typed.map {
                    field.insert($0); return true
                } ?? false)
            if changed { refreshMatches(session) }
            return []
        }
    }

    /// The match list's lines on `screen`.
    private static func listRect(_ screen: Rect) -> Rect {
        let inner = Widgets.dialogInner(width: 72, height: screen.height - 4, screen: screen)
        return Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
    }

    mutating func fit(screen: Rect, session: Session) {
        scroll.fit(selected: selected, count: matches.count, rows: Self.listRect(screen).height)
    }

    private mutating func refreshMatches(_ session: Session) {
        matches = index.narrowingMatches(field.text)
        if hidingPrivate { matches.removeAll { $0.field.hasPrefix("private-") } }
        if case .link(let from) = purpose, let origin = session.graph.nodeIndex[from] {
            matches.removeAll { $0.node == origin }
        }
        selected = 0
    }

    private func accept(_ session: Session) -> [Effect] {
        guard matches.indices.contains(selected) else {
            return [.message(field.text.isEmpty ? "Type to search" : "No match for '\(field.text)'")]
        }
        let target = matches[selected].node
        switch purpose {
        case .jump:
            return [
                .dismiss, .rememberSearch(query: field.text, matches: matches, position: selected),
                .select(node: target, remember: true), .reveal,
            ]
        case .link(let from):
            return [.present(RelationDialog(from: from, to: session.graph.nodes[target].id))]
        }
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let graph = session.graph
        let title: String
        if case .link(let from) = purpose { title = "Link \(graph.label(of: from)) to…" } else { title = "Search" }
        let inner = Widgets.dialog(title: title, width: 72, height: buffer.height - 4, into: &buffer)
        buffer.put("/", x: inner.x, y: inner.y, style: session.theme[.heading])
        field.draw(into: &buffer, rect: Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1))
        let count =
            matches.count >= SearchIndex.limit
            ? "\(SearchIndex.limit)+ matches" : "\(matches.count) match\(matches.count == 1 ? "" : "es")"
        buffer.put(
            field.text.isEmpty ? "Type part of a label, id or attribute value" : count, x: inner.x, y: inner.y + 1,
            style: session.theme[.dim])
        let list = Self.listRect(buffer.area)
        ListView.draw(
            scroll.fitted(selected: selected, count: matches.count, rows: list.height), count: matches.count,
            selected: selected, in: list, into: &buffer
        ) { m in
            let match = matches[m]
            let node = graph.nodes[match.node]
            let whereText =
                match.field == "label" ? node.id : match.field == "id" ? "id \(node.id)" : "\(match.field): \(node.id)"
            let right = "  " + TextWidth.truncate(whereText, to: list.width / 3)
            let left = TextWidth.truncate(
                "\(graph.tag(ofKind: node.kind)) \(node.label)", to: list.width - TextWidth.of(right))
            return (
                left + String(repeating: " ", count: max(0, list.width - TextWidth.of(left) - TextWidth.of(right)))
                    + right,
                session.theme.kind(node.kind, in: graph)
            )
        }
    }
}
