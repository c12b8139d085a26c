import AssetMapCore
import TerminalKit

extension Scope {
    static let nodeTicks = Scope("node-ticks", title: "Tick nodes")
}

/// Nodes of the map ticked in a list with a search (a new barrier's communities, its places): typing narrows the
/// list, ↑↓ move, Space ticks, Enter goes on with the ticked ones (the selected one when none is ticked), Esc skips.
struct NodePicker: Dialog {
    static let bindings: [Binding] =
        Binding.listKeys(.nodeTicks) + [
            Binding(keys: [.char(" ")], action: .toggle, scopes: [.nodeTicks], help: "tick or untick", hint: "tick"),
            Binding(
                keys: [.enter], action: .accept, scopes: [.nodeTicks],
                help: "go on with the ticked ones (the selected one when none is ticked)", hint: "next"),
            Binding.cancel(.nodeTicks, "skip"),
        ]

    var title: String
    var detail: String
    /// The nodes to choose from (ids), in the order shown.
    var candidates: [String]
    var field = TextField()
    var ticked: [String] = []
    var selected = 0
    var scroll = ListScroll()
    var onAccept: ([String], Session) -> [Effect]
    var onSkip: [Effect]
    var scopes: [Scope] { [.nodeTicks, .textField] }

    init(
        title: String, detail: String, candidates: [String], onSkip: [Effect],
        onAccept: @escaping ([String], Session) -> [Effect]
    ) {
        (self.title, self.detail, self.candidates, self.onSkip, self.onAccept) =
            (title, detail, candidates, onSkip, onAccept)
    }

    /// The candidates whose label or id holds what was typed (any case).
    func shown(_ graph: MapGraph) -> [String] {
        let typed = field.text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !typed.isEmpty else { return candidates }
        return candidates.filter { $0.lowercased().contains(typed) || graph.label(of: $0).lowercased().contains(typed) }
    }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        let shown = shown(session.graph)
        switch action {
        case .cancel: return onSkip
        case .toggle:
            guard shown.indices.contains(selected) else { return [] }
            let id = shown[selected]
            if let i = ticked.firstIndex(of: id) { ticked.remove(at: i) } else { ticked.append(id) }
        case .accept:
            let chosen =
                ticked.isEmpty
                ? (shown.indices.contains(selected) ? [shown[selected]] : [])
                : candidates.filter(
                    ticked.contains)
            return onAccept(chosen, session)
        case .up, .down, .pageUp, .pageDown:
            selected = moved(selected, by: action, count: shown.count) ?? selected
        default:
            if let action { field.apply(action) } else if let typed { field.insert(typed) }
            selected = 0
        }
        return []
    }

    private func listRows(_ screen: Rect) -> Int { max(1, min(max(candidates.count, 1), screen.height - 9)) }

    mutating func fit(screen: Rect, session: Session) {
        scroll.fit(selected: selected, count: shown(session.graph).count, rows: listRows(screen))
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let graph = session.graph
        let shown = shown(graph)
        let rows = listRows(buffer.area)
        let inner = Widgets.dialog(title: title, width: 64, height: rows + 5, into: &buffer)
        buffer.put(TextWidth.truncate(detail, to: inner.width), x: inner.x, y: inner.y)
        buffer.put("Search:", x: inner.x, y: inner.y + 1)
        field.draw(
            into: &buffer, rect: Rect(x: inner.x + 8, y: inner.y + 1, width: inner.width - 8, height: 1),
            style: session.theme[.field])
        let list = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: rows)
        if shown.isEmpty {
            let empty = candidates.isEmpty ? "none in the map yet (Esc skips)" : "nothing matches the search"
            buffer.put(empty, x: list.x + 2, y: list.y, style: session.theme[.dim])
        }
        ListView.draw(
            scroll.fitted(selected: selected, count: shown.count, rows: rows), count: shown.count, selected: selected,
            in: list, into: &buffer
        ) { i in ("\(ticked.contains(shown[i]) ? "[x]" : "[ ]") \(graph.label(of: shown[i]))", .plain) }
        let count = ticked.isEmpty ? "" : "\(ticked.count) ticked  "
        buffer.put(
            count + Keymap.hints(for: scopes, width: inner.width - TextWidth.of(count)), x: inner.x, y: inner.maxY - 1,
            style: session.theme[.dim])
    }
}
