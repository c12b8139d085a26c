import AssetMapCore
import TerminalKit

extension Scope {
    static let overlay = Scope("overlay", title: "Overlay")
    static let errorList = Scope("errors", title: "Errors")
}

/// Scrolling text over the screens: the `?` help and the list of the map's errors.
struct TextDialog: Dialog {
    static let bindings: [Binding] =
        Binding.listKeys(.overlay, letters: true) + [
            Binding(
                keys: [.escape, .char("q"), .char("?")], action: .cancel, scopes: [.overlay], help: "close",
                hint: "close"),
            Binding(
                keys: [.char("E")], action: .openEditor, scopes: [.errorList],
                help: "open $EDITOR at the first error, then reload", hint: "edit"),
        ]

    var title: String
    /// The lines for a dialog of the given inner width.
    var lines: (Session, Int) -> [String]
    var scroll = ListScroll()
    /// Headings (lines not starting with a space) in bold.
    var boldHeadings = false
    /// The errors list: E opens the editor at the first error.
    var listsErrors = false
    /// What closing it does.
    var onClose: [Effect] = [.dismiss]

    var scopes: [Scope] { listsErrors ? [.errorList, .overlay] : [.overlay] }

    /// The keys live in the current view (from the keymap), each help wrapped beside its keys.
    static func help(title: String, scopes: [Scope]) -> TextDialog {
        let groups = Keymap.help(for: scopes)
        return TextDialog(
            title: "Help: \(title)",
            lines: { _, width in
                var lines: [String] = []
                for (scope, bindings) in groups {
                    if !lines.isEmpty { lines.append("") }
                    lines.append(scope.title)
                    for binding in bindings {
                        let indent = String(repeating: " ", count: 19)
                        var rows = Widgets.wrap(binding.help, width: max(10, width - 19)).map { indent + $0 }
                        if rows.isEmpty { rows = [indent] }
                        let keys = "  " + binding.keyNames
                        if TextWidth.of(keys) <= 18 {
                            rows[0] = TextWidth.pad(keys, to: 19) + rows[0].dropFirst(19)
                        } else {
                            rows.insert(keys, at: 0)
                        }
                        lines += rows
                    }
                }
                return lines
            }, boldHeadings: true)
    }

    static func errors() -> TextDialog {
        TextDialog(
            title: "Errors",
            lines: { session, width in
                let errors = session.loadErrors
                return [
                    "\(session.fileName) has \(errors.count) problem\(errors.count == 1 ? "" : "s"); it is open read-only",
                    "and cannot be saved. E opens $EDITOR at the first one; the map is read again after.", "",
                ]
                    + errors.flatMap { Widgets.wrap($0.formatted(file: session.path), width: width) }
            }, listsErrors: true)
    }

    /// `check`'s warnings about a value just saved, as `check` prints them; closing it does `then`.
    static func warnings(_ warnings: [Diagnostic], then: [Effect]) -> TextDialog {
        TextDialog(
            title: "Saved, with a warning",
            lines: { session, width in
                warnings.flatMap { Widgets.wrap($0.formatted(file: session.fileName), width: width) }
                    + ["", "It was saved as typed: u undoes it, or change it again."]
            }, onClose: then)
    }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        if action == .cancel { return onClose }
        if action == .openEditor { return [.dismiss, .openEditor(line: session.loadErrors.first.map { $0.line - 1 })] }
        let step = action == .up ? -1 : action == .down ? 1 : action == .pageUp ? -10 : action == .pageDown ? 10 : 0
        let (lines, inner) = layout(session.screen, session: session)
        scroll.scroll(by: step, count: lines.count, rows: inner.height - 1)
        return []
    }

    mutating func fit(screen: Rect, session: Session) {
        let (lines, inner) = layout(screen, session: session)
        scroll.fit(selected: nil, count: lines.count, rows: inner.height - 1)
    }

    /// The lines and the inside of the box on `screen`.
    private func layout(_ screen: Rect, session: Session) -> (lines: [String], inner: Rect) {
        let lines = lines(session, min(76, screen.width - 4))
        return (lines, Widgets.dialogInner(width: 78, height: min(screen.height - 2, lines.count + 3), screen: screen))
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let lines = lines(session, min(76, buffer.width - 4))
        let inner = Widgets.dialog(
            title: title, width: 78, height: min(buffer.height - 2, lines.count + 3), into: &buffer)
        let rows = inner.height - 1
        let first = scroll.fitted(selected: nil, count: lines.count, rows: rows).offset
        for row in 0..<rows where first + row < lines.count {
            let line = lines[first + row]
            let heading = !line.hasPrefix(" ") && !line.isEmpty
            buffer.put(
                TextWidth.truncate(line, to: inner.width), x: inner.x, y: inner.y + row,
                style: heading && boldHeadings ? session.theme[.heading] : .plain)
        }
        let more = first + rows < lines.count ? "↓ more  " : ""
        buffer.put(
            more + Keymap.hints(for: scopes, width: inner.width - TextWidth.of(more)), x: inner.x, y: inner.maxY - 1,
            style: session.theme[.dim])
    }
}
