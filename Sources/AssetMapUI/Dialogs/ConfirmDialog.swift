import AssetMapCore
import TerminalKit

extension Scope {
    static let confirm = Scope("confirm", title: "Confirm")
}

/// A yes/no question before something is deleted.
struct ConfirmDialog: Dialog {
    static let bindings: [Binding] = [
        Binding(keys: [.char("y")], action: .yes, scopes: [.confirm], help: "yes", hint: "yes"),
        Binding(keys: [.char("n"), .escape], action: .no, scopes: [.confirm], help: "no", hint: "no"),
    ]

    var question: String
    /// What y and n do; the dialog closes first.
    var yes: [Effect]
    var no: [Effect] = [.message("Nothing deleted")]

    var scopes: [Scope] { [.confirm] }

    func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        switch action {
        case .yes: return [.dismiss] + yes
        case .no: return [.dismiss] + no
        default: return []
        }
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let width = min(buffer.width - 6, max(40, TextWidth.of(question)))
        let lines = Widgets.wrap(question, width: width)
        let inner = Widgets.dialog(title: "Confirm", width: width + 2, height: lines.count + 2, into: &buffer)
        for (i, line) in lines.enumerated() {
            buffer.put(line, x: inner.x, y: inner.y + i, style: session.theme[.heading])
        }
    }
}
