import AssetMapCore
import TerminalKit

/// `a`: which kind of node to add (then its label and id).
struct KindPicker: Dialog {
    var selected: Int
    var scroll = ListScroll()
    var scopes: [Scope] { [.picker] }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        let kinds = session.graph.kinds
        if action == .cancel { return [.dismiss] }
        if action == .accept, kinds.indices.contains(selected) {
            return [.present(NodeActions.addNode(kind: kinds[selected].name))]
        }
        if action == .up || action == .down { selected = moved(selected, by: action, count: kinds.count) ?? selected }
        return []
    }

    private static func listRect(_ screen: Rect, kinds: Int) -> Rect {
        Widgets.dialogInner(width: 40, height: kinds + 2, screen: screen)
    }

    mutating func fit(screen: Rect, session: Session) {
        let count = session.graph.kinds.count
        scroll.fit(selected: selected, count: count, rows: Self.listRect(screen, kinds: count).height)
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let graph = session.graph
        let kinds = graph.kinds
        let inner = Widgets.dialog(title: "Add a node: which kind?", width: 40, height: kinds.count + 2, into: &buffer)
        ListView.draw(
            scroll.fitted(selected: selected, count: kinds.count, rows: inner.height), count: kinds.count,
            selected: selected, in: inner, into: &buffer
        ) { ("\(graph.tag(ofKind: kinds[$0].name)) \(kinds[$0].name) (\(kinds[$0].plural))", .plain) }
    }
}
