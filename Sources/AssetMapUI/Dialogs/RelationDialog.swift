import AssetMapCore
import TerminalKit

extension Scope {
    static let relation = Scope("relation", title: "Relation")
}

/// After `L` and a search: the relation of the new link, chosen from the known ones (the review's and those the map
/// uses) with ↑↓, typing narrowing the list (or naming a new one). A link the review's rule reads the other way
/// round (`LinkRule`, as `check` warns) is flagged, Tab swapping it.
struct RelationDialog: Dialog {
    static let bindings: [Binding] =
        Binding.listKeys(.relation, pages: false) + [
            Binding(
                keys: [.tab], action: .swapDirection, scopes: [.relation], help: "swap the direction of the link",
                hint: "swap direction"),
            Binding(
                keys: [.enter], action: .accept, scopes: [.relation], help: "link with the typed or selected relation",
                hint: "link"),
            Binding.cancel(.relation),
        ]

    var from: String
    var to: String
    var field = TextField()
    var selected = 0
    var scroll = ListScroll()

    init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    var scopes: [Scope] { [.relation, .textField] }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        let choices = Self.choices(field.text, relations: Self.known(session))
        switch action {
        case .cancel: return [.dismiss]
        case .up, .down: selected = moved(selected, by: action, count: choices.count) ?? selected
        case .swapDirection: swap(&from, &to)
        case .accept:
            guard choices.indices.contains(selected) else { return [.message("Type a relation, e.g. affects")] }
            let (from, to, relation) = (from, to, choices[selected].relation)
            return [.edit({ try $0.link(from: from, to: to, relation: relation) }, then: [.dismiss])]
        default:
            if let action { field.apply(action) } else if let typed { field.insert(typed) }
            selected = 0
        }
        return []
    }

    /// The relations offered: the review's two first, then those the map uses, most used first.
    static func known(_ session: Session) -> [String] {
        let review = ["affects", "addresses"]
        return review + session.index.relations.filter { !review.contains($0) }
    }

    /// What breaks the review's rule for the selected relation, if anything.
    func ruleBreak(_ session: Session) -> LinkRule? {
        let choices = Self.choices(field.text, relations: Self.known(session))
        guard choices.indices.contains(selected), let a = session.graph.node(from), let b = session.graph.node(to)
        else { return nil }
        return LinkRule.broken(
            relation: choices[selected].relation, from: BuiltinKind.named(a.kind), to: BuiltinKind.named(b.kind))
    }

    /// Relations matching what was typed (prefix first, most used first), then the typed text as a new one.
    static func choices(_ typed: String, relations all: [String]) -> [(relation: String, isNew: Bool)] {
        let text = typed.trimmingCharacters(in: .whitespaces)
        let lower = text.lowercased()
        let prefix = all.filter { $0.lowercased().hasPrefix(lower) }
        let inside =
            lower.isEmpty ? [] : all.filter { !$0.lowercased().hasPrefix(lower) && $0.lowercased().contains(lower) }
        var out = (prefix + inside).map { (relation: $0, isNew: false) }
        if !text.isEmpty && !all.contains(text) { out.append((text, true)) }
        return out
    }

    /// The choice list's lines on `screen`.
    private static func listRect(_ screen: Rect, count: Int) -> Rect {
        let inner = Widgets.dialogInner(width: 72, height: min(screen.height - 4, count + 7), screen: screen)
        return Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3)
    }

    mutating func fit(screen: Rect, session: Session) {
        let count = Self.choices(field.text, relations: Self.known(session)).count
        scroll.fit(selected: selected, count: count, rows: Self.listRect(screen, count: count).height)
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let graph = session.graph
        let choices = Self.choices(field.text, relations: Self.known(session))
        let inner = Widgets.dialog(
            title: "Link", width: 72, height: min(buffer.height - 4, choices.count + 7), into: &buffer)
        let direction = "\(graph.label(of: from))  →  \(graph.label(of: to))"
        buffer.put(
            TextWidth.truncate(direction, to: inner.width - 17), x: inner.x, y: inner.y, style: session.theme[.heading])
        buffer.put("(Tab swaps)", x: inner.maxX - 11, y: inner.y, style: session.theme[.dim])
        buffer.put("Relation:", x: inner.x, y: inner.y + 1)
        field.draw(
            into: &buffer, rect: Rect(x: inner.x + 10, y: inner.y + 1, width: inner.width - 10, height: 1),
            style: session.theme[.field])
        if let broken = ruleBreak(session) {
            let fix = if case .reversed = broken { "; Tab swaps" } else { "" }
            buffer.put(
                TextWidth.truncate("check: " + broken.message() + fix, to: inner.width), x: inner.x, y: inner.y + 2,
                style: session.theme[.heading])
        }
        let list = Self.listRect(buffer.area, count: choices.count)
        ListView.draw(
            scroll.fitted(selected: selected, count: choices.count, rows: list.height), count: choices.count,
            selected: selected, in: list, into: &buffer
        ) { (choices[$0].isNew ? "new relation: \(choices[$0].relation)" : choices[$0].relation, .plain) }
    }
}
