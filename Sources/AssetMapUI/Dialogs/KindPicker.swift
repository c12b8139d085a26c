import AssetMapCore
import TerminalKit

/// `a`: which kind of node to add (then its label and id).
struct KindPicker: Dialog {
    var selected: Int
    var scopes: [Scope] { [.picker] }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        let kinds = session.graph.kinds
        if action == .cancel { return [.dismiss] }
        if action == .accept, kinds.indices.contains(selected) { return [.present(NodeActions.addNode(kind: kinds[selected].name))] }
        if action == .up || action == .down { selected = moved(selected, by: action, count: kinds.count) ?? selected }
        return []
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let graph = session.graph
        let kinds = graph.kinds
        let inner = Widgets.dialog(title: "Add a node: which kind?", width: 40, height: kinds.count + 2, into: &buffer)
        let offset = Widgets.scrollOffset(selected: selected, count: kinds.count, rows: inner.height)
        for row in 0..<inner.height where offset + row < kinds.count {
            let kind = kinds[offset + row]
            Widgets.row("\(graph.tag(ofKind: kind.name)) \(kind.name) (\(kind.plural))", in: inner, y: inner.y + row,
                        style: Widgets.rowStyle(selected: offset + row == selected, focused: true), into: &buffer)
        }
    }
}
