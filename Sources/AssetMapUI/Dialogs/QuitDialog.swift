import AssetMapCore
import TerminalKit

extension Scope {
    static let quitPrompt = Scope("quit", title: "Quit")
}

/// q with unsaved changes: save, discard or cancel.
struct QuitDialog: Dialog {
    static let bindings: [Binding] = [
        // y and n answer the question as asked; s and d name what they do.
        Binding(
            keys: [.char("y"), .char("s")], action: .saveAndQuit, scopes: [.quitPrompt], help: "save, then quit",
            hint: "save"),
        Binding(
            keys: [.char("n"), .char("d")], action: .discardAndQuit, scopes: [.quitPrompt],
            help: "discard changes and quit", hint: "discard"),
        Binding(keys: [.char("c"), .escape], action: .cancel, scopes: [.quitPrompt], help: "cancel", hint: "cancel"),
    ]

    var scopes: [Scope] { [.quitPrompt] }

    func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        switch action {
        case .saveAndQuit: return [.dismiss, .save(thenQuit: true)]
        case .discardAndQuit: return [.dismiss, .finish]
        case .cancel: return [.dismiss]
        default: return []
        }
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let inner = Widgets.dialog(title: "Unsaved changes", width: 64, height: 4, into: &buffer)
        buffer.put(
            TextWidth.truncate("Save changes to \(session.fileName) before quitting?", to: inner.width), x: inner.x,
            y: inner.y, style: session.theme[.heading])
        buffer.put("y save   n discard   c cancel", x: inner.x, y: inner.y + 1)
    }
}
