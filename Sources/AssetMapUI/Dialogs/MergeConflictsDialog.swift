import AssetMapCore
import TerminalKit

extension Scope {
    static let mergeConflicts = Scope("merge-conflicts", title: "Merge conflicts")
}

/// `C`: the map's merge conflicts (`conflict:` lines), each settled by keeping our value or theirs: an
/// ordinary edit, undoable and saved like any other.
struct MergeConflictsDialog: Dialog {
    static let bindings: [Binding] =
        Binding.listKeys(.mergeConflicts) + [
            Binding(
                keys: [.char("o")], action: .keepOurs, scopes: [.mergeConflicts], help: "keep our value", hint: "ours"),
            Binding(
                keys: [.char("t")], action: .keepTheirs, scopes: [.mergeConflicts], help: "keep their value",
                hint: "theirs"),
            Binding.cancel(.mergeConflicts, "close"),
        ]

    var selected = 0
    var scroll = ListScroll()
    var scopes: [Scope] { [.mergeConflicts] }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        let conflicts = session.document.conflicts
        switch action {
        case .cancel: return [.dismiss]
        case .keepOurs, .keepTheirs:
            guard conflicts.indices.contains(selected) else { return [] }
            let found = conflicts[selected], side: MergeSide = action == .keepOurs ? .ours : .theirs
            selected = max(0, min(selected, conflicts.count - 2))
            return [
                .edit(
                    { try $0.resolve(found, keeping: side) },
                    then: [
                        .later { session in
                            session.document.conflicts.isEmpty
                                ? [.dismiss, .message("Every conflict settled; s saves")] : []
                        }
                    ])
            ]
        default:
            selected = moved(selected, by: action, count: conflicts.count) ?? selected
            return []
        }
    }

    private static func listRect(_ screen: Rect, count: Int) -> Rect {
        Widgets.dialogInner(width: 76, height: min(count, 12) * 3 + 3, screen: screen)
    }

    mutating func fit(screen: Rect, session: Session) {
        let count = session.document.conflicts.count
        scroll.fit(selected: selected, count: count, rows: max(1, (Self.listRect(screen, count: count).height - 1) / 3))
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let conflicts = session.document.conflicts
        let inner = Widgets.dialog(
            title: "Merge conflicts (\(conflicts.count))", width: 76, height: min(conflicts.count, 12) * 3 + 3,
            into: &buffer)
        let rows = max(1, (inner.height - 1) / 3)
        let shown = scroll.fitted(selected: selected, count: conflicts.count, rows: rows)
        for i in shown.visible(count: conflicts.count, rows: rows) {
            let found = conflicts[i], y = inner.y + (i - shown.offset) * 3
            let style = Widgets.rowStyle(selected: i == selected, focused: true, base: .plain)
            // A private attribute's values stay hidden, as everywhere a screen may be projected.
            func show(_ value: String?) -> String {
                guard let value else { return "(removed it)" }
                if found.conflict?.isPrivate == true { return "(private value hidden; Browse shows it)" }
                return value.replacingOccurrences(of: "\n", with: " / ")
            }
            let what =
                found.conflict.map { "\(found.record): \($0.fieldName)" } ?? "\(found.record): unreadable conflict line"
            Widgets.row("line \(found.line + 1)  \(what)", in: inner, y: y, style: style, into: &buffer)
            Widgets.row("  ours:   \(show(found.conflict?.ours))", in: inner, y: y + 1, style: .plain, into: &buffer)
            Widgets.row("  theirs: \(show(found.conflict?.theirs))", in: inner, y: y + 2, style: .plain, into: &buffer)
        }
        buffer.put(
            Keymap.hints(for: scopes, width: inner.width), x: inner.x, y: inner.y + inner.height - 1,
            style: session.theme[.heading])
    }
}
