import AssetMapCore
import TerminalKit

extension Scope {
    static let attributes = Scope("attributes", title: "Attributes")
}

/// `e`: the selected node's attributes, to change, add or remove one.
struct AttributesDialog: Dialog {
    static let bindings: [Binding] =
        Binding.listKeys(.attributes, letters: true) + [
            Binding(
                keys: [.enter, .char("c")], action: .enter, scopes: [.attributes], help: "change the selected value",
                hint: "change"),
            Binding(
                keys: [.char("a")], action: .addAttribute, scopes: [.attributes], help: "add an attribute", hint: "add"),
            Binding(
                keys: [.char("x"), .delete, .char("d")], action: .removeAttribute, scopes: [.attributes],
                help: "remove the selected attribute", hint: "remove"),
            Binding.cancel(.attributes, "close"),
        ]

    var node: String
    var selected = 0
    var scroll = ListScroll()
    var scopes: [Scope] { [.attributes] }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        let attributes = session.graph.node(node)?.attributes ?? []
        selected = max(0, min(selected, attributes.count - 1))
        let id = node
        let back: [Effect] = [.present(AttributesDialog(node: id))]
        switch action {
        case .cancel: return [.dismiss]
        case .up, .down: selected = moved(selected, by: action, count: attributes.count) ?? selected
        case .addAttribute:
            return [
                .present(
                    TextPrompt(
                        title: "Add attribute", detail: "Key, or key: value (a-z, 0-9, _ and -):", onCancel: back
                    ) { text, session in
                        let (key, value) = AttributeEntry.split(text)
                        guard Syntax.isValidKey(key) else {
                            return [.message("'\(key)' is not a valid key: start with a-z, then a-z, 0-9, '_' or '-'")]
                        }
                        if !value.isEmpty {
                            return Self.write(node: id, key: key, value: value, occurrence: nil, session: session)
                        }
                        if let picker = Self.picker(node: id, key: key, session: session) { return [.present(picker)] }
                        return [
                            .present(
                                Self.valuePrompt(node: id, key: key, value: "", occurrence: nil, graph: session.graph))
                        ]
                    })
            ]
        case .enter:
            guard attributes.indices.contains(selected) else { return [] }
            let attribute = attributes[selected]
            let occurrence = attributes[..<selected].filter { $0.key == attribute.key }.count
            if occurrence == 0, let picker = Self.picker(node: id, key: attribute.key, session: session) {
                return [.present(picker)]
            }
            return [
                .present(
                    Self.valuePrompt(
                        node: id, key: attribute.key, value: attribute.value, occurrence: occurrence,
                        graph: session.graph))
            ]
        case .removeAttribute:
            guard attributes.indices.contains(selected) else { return [] }
            let attribute = attributes[selected]
            let occurrence = attributes[..<selected].filter { $0.key == attribute.key }.count
            let row = selected
            return [
                .present(
                    ConfirmDialog(
                        question: "Remove \(attribute.key): \(attribute.value.split(separator: "\n").first ?? "")? y/n",
                        yes: [
                            .edit { try $0.removeAttribute(.node(id), key: attribute.key, occurrence: occurrence) },
                            .present(AttributesDialog(node: id, selected: row)),
                        ],
                        no: [.present(AttributesDialog(node: id, selected: row))]))
            ]
        default: break
        }
        return []
    }

    /// The value of `key` (its `occurrence`-th when it repeats; nil: a new attribute). Back to the list after.
    /// An owner (one line) suggests the organisations and owners the map holds, as Review's owner prompt does.
    static func valuePrompt(node: String, key: String, value: String, occurrence: Int?, graph: MapGraph)
        -> TextPrompt
    {
        let suggests = key == "owner"
        var prompt = TextPrompt(
            title: "\(key) of \(node)",
            detail: suggests
                ? "Who (↓ picks one the map holds; Enter: done):"
                : "Value (Alt-Enter or Ctrl-O: new line; Enter: done):",
            text: value, allowsNewlines: !suggests, onCancel: [.present(AttributesDialog(node: node))]
        ) { text, session in
            if let occurrence, session.graph.node(node)?.values(key).dropFirst(occurrence).first == text {
                return [.present(AttributesDialog(node: node))]
            }
            return write(node: node, key: key, value: text, occurrence: occurrence, session: session)
        }
        if suggests { prompt.suggestions = ReviewScreen.ownerSuggestions(graph) }
        return prompt
    }

    /// The picker of a key with a vocabulary, back to the list after.
    static func picker(node: String, key: String, session: Session) -> ChoicePicker? {
        AttributeEntry.picker(
            key, of: node, session: session, after: [listAt(node: node, key: key, occurrence: 0)],
            onCancel: [.present(AttributesDialog(node: node))])
    }

    /// Writes the value, then the list again on it. A key that holds one value (a vocabulary word, a status, a date)
    /// is set through `AttributeEntry` (history, dates, warnings); others are added or replaced as typed.
    static func write(node: String, key: String, value: String, occurrence: Int?, session: Session) -> [Effect] {
        let kind = session.graph.node(node)?.kind ?? ""
        if (occurrence ?? 0) == 0, AttributeEntry.isSingle(key, kind: kind) {
            return AttributeEntry.write(
                key, of: node, value: value, session: session, after: [listAt(node: node, key: key, occurrence: 0)])
        }
        let edit: (MapDocument) throws -> Change =
            occurrence.map { occurrence in
                { try $0.replaceAttribute(.node(node), key: key, occurrence: occurrence, value: value) }
            } ?? { try $0.addAttribute(.node(node), key: key, value: value) }
        return [
            .edit(
                edit,
                then: [
                    AttributeEntry.warnings(
                        about: node, key: key, then: [listAt(node: node, key: key, occurrence: occurrence)])
                ])
        ]
    }

    /// The list again, on the value just written (its `occurrence`-th line of `key`; nil: the last).
    private static func listAt(node: String, key: String, occurrence: Int?) -> Effect {
        .later { session in
            let attributes = session.graph.node(node)?.attributes ?? []
            let rows = attributes.indices.filter { attributes[$0].key == key }
            let row = (occurrence.flatMap { rows.indices.contains($0) ? rows[$0] : nil } ?? rows.last) ?? 0
            return [.present(AttributesDialog(node: node, selected: row))]
        }
    }

    /// The attribute list's lines on `screen`.
    private static func listRect(_ screen: Rect, count: Int) -> Rect {
        let inner = Widgets.dialogInner(width: 76, height: max(6, min(screen.height - 4, count + 4)), screen: screen)
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
    }

    mutating func fit(screen: Rect, session: Session) {
        let count = session.graph.node(node)?.attributes.count ?? 0
        selected = max(0, min(selected, count - 1))
        scroll.fit(selected: selected, count: count, rows: Self.listRect(screen, count: count).height)
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let graph = session.graph
        let attributes = graph.node(node)?.attributes ?? []
        let selected = max(0, min(selected, attributes.count - 1))
        let inner = Widgets.dialog(
            title: "Attributes of \(graph.label(of: node))", width: 76,
            height: max(6, min(buffer.height - 4, attributes.count + 4)), into: &buffer)
        if attributes.isEmpty {
            buffer.put("No attributes yet: a adds one", x: inner.x, y: inner.y, style: session.theme[.dim])
        }
        let list = Self.listRect(buffer.area, count: attributes.count)
        ListView.draw(
            scroll.fitted(selected: selected, count: attributes.count, rows: list.height), count: attributes.count,
            selected: selected, in: list, into: &buffer
        ) { i in
            let attribute = attributes[i]
            let lines = attribute.value.split(separator: "\n", omittingEmptySubsequences: false)
            var text = "\(attribute.key): \(lines.first ?? "")"
            if lines.count > 1 { text += "  (+\(lines.count - 1) line\(lines.count == 2 ? "" : "s"))" }
            if attribute.isPrivate { text += "  [private]" }
            return (text, .plain)
        }
        buffer.put(
            Keymap.hints(for: scopes, width: inner.width), x: inner.x, y: inner.maxY - 1, style: session.theme[.dim])
    }
}
