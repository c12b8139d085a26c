import AssetMapCore
import TerminalKit

/// The node editing keys of the screens that show the selected node (a r i e L d M): each opens the
/// dialog that asks what to do. Edits are refused up front on a read-only map, before any dialog opens.
enum NodeActions {
    /// The effects of `action`, or nil when it is not a node editing action. `link`: the link the screen
    /// has selected, which `d` deletes instead of the node.
    static func start(_ action: Action, session: Session, link: Neighbour?) -> [Effect]? {
        switch action {
        case .addNode, .rename, .changeID, .editAttributes, .link, .delete, .editHeader: break
        default: return nil
        }
        guard !session.isReadOnly else { return [.message(session.readOnlyMessage)] }
        if action == .addNode { return [.present(KindPicker(selected: session.kind))] }
        if action == .editHeader { return [.present(headerPrompt(session.graph))] }
        guard let i = session.currentNode else { return [.message("No node selected")] }
        let node = session.graph.nodes[i]
        switch action {
        case .rename:
            return [
                .present(
                    TextPrompt(title: "Rename", detail: "New label for \(node.id):", text: node.label) {
                        text, session in
                        if session.graph.node(node.id)?.label == text { return [.dismiss] }
                        let label = text.trimmingCharacters(in: .whitespaces)
                        return [.edit({ try $0.renameNode(node.id, label: label) }, then: [.dismiss])]
                    })
            ]
        case .changeID:
            return [
                .present(
                    TextPrompt(
                        title: "Change id", detail: "New id for \"\(node.label)\" (its links follow):", text: node.id
                    ) { text, _ in
                        let id = text.trimmingCharacters(in: .whitespaces)
                        if id == node.id { return [.dismiss] }
                        return [
                            .edit(
                                { try $0.changeID(node.id, to: id) }, then: [.dismiss, .selectID(id, remember: false)])
                        ]
                    })
            ]
        case .editAttributes:
            return [.present(AttributesDialog(node: node.id))]
        case .link:
            return [.present(SearchDialog(purpose: .link(from: node.id), session: session))]
        case .delete:
            return [.present(deleteConfirmation(node, link: link, in: session.graph))]
        default:
            return nil
        }
    }

    /// `M`: the map's title, then its area, set in one edit.
    private static func headerPrompt(_ graph: MapGraph) -> TextPrompt {
        let header = graph.header
        return TextPrompt(title: "The map", detail: "Title of the map:", text: header?.title ?? "") { text, _ in
            let title = text.trimmingCharacters(in: .whitespaces)
            guard !title.isEmpty else { return [.message("A map needs a title")] }
            return [
                .present(
                    TextPrompt(
                        title: "The map", detail: "Area it covers (a place, a borough; empty: none):",
                        text: header?.value("area") ?? ""
                    ) { area, _ in [.edit({ try $0.setHeader(title: title, area: area) }, then: [.dismiss])] })
            ]
        }
    }

    private static func deleteConfirmation(_ node: Node, link: Neighbour?, in graph: MapGraph) -> ConfirmDialog {
        if let link {
            let (from, to) = link.outgoing ? (node.id, link.otherID) : (link.otherID, node.id)
            return ConfirmDialog(
                question:
                    "Delete the link \"\(graph.label(of: from))\" \(link.relation) → \"\(graph.label(of: to))\"? y/n",
                yes: [.edit { try $0.unlink(from: from, to: to, relation: link.relation) }])
        }
        let i = graph.nodeIndex[node.id]!
        let edges = graph.outgoing[i].count + graph.incoming[i].count
        return ConfirmDialog(
            question: "Delete node \"\(node.label)\" (\(node.id)) and \(edges) edge\(edges == 1 ? "" : "s")? y/n",
            yes: [.edit { try $0.removeNode(node.id) }])
    }

    /// Adding a node of `kind`: its label, then what `AttributeEntry.add` asks for that kind (its id is made
    /// from the label; `i` changes it after).
    static func addNode(kind: String) -> TextPrompt {
        TextPrompt(title: "Add \(kind)", detail: "Label:") { text, session in
            let label = text.trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { return [.message("A label cannot be empty")] }
            // A label the file cannot hold is said now, not after the questions.
            do {
                _ = try session.document.addNode(kind: kind, id: session.document.suggestID(for: label), label: label)
            } catch { return [.message("\(error)")] }
            return AttributeEntry.add(kind: kind, label: label, session: session)
        }
    }
}
