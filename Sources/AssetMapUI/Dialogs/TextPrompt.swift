import AssetMapCore
import TerminalKit

extension Scope {
    static let prompt = Scope("prompt", title: "Prompt")
    static let multiline = Scope("multiline", title: "Multi-line value")
}

/// A question answered by typing: a label, an id, a value (several lines when `allowsNewlines`).
/// What Enter does is the caller's: `onAccept` gets the text and returns the effects (a refused edit
/// keeps the prompt open with the reason shown).
struct TextPrompt: Dialog {
    static let bindings: [Binding] = [
        Binding(keys: [.enter], action: .accept, scopes: [.prompt, .multiline], help: "accept", hint: "accept"),
        // Not Ctrl-J: the terminal sends it as the same byte some terminals use for Enter.
        Binding(
            keys: [.altEnter, .ctrl("o")], action: .newline, scopes: [.multiline],
            help: "insert a new line in the value", hint: "new line"),
        Binding(
            keys: [.escape], action: .cancel, scopes: [.prompt, .multiline], help: "cancel / close", hint: "cancel"),
    ]

    var title: String
    var detail: String
    var field: TextField
    var onAccept: (String, Session) -> [Effect]
    /// What Esc does.
    var onCancel: [Effect] = [.dismiss]

    init(
        title: String, detail: String, text: String = "", allowsNewlines: Bool = false, onCancel: [Effect] = [.dismiss],
        onAccept: @escaping (String, Session) -> [Effect]
    ) {
        self.title = title
        self.detail = detail
        field = TextField(text, allowsNewlines: allowsNewlines)
        self.onCancel = onCancel
        self.onAccept = onAccept
    }

    var scopes: [Scope] { field.allowsNewlines ? [.multiline, .textField] : [.prompt, .textField] }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        switch action {
        case .cancel: return onCancel
        case .accept: return onAccept(field.text, session)
        default:
            if let action { field.apply(action) } else if let typed { field.insert(typed) }
            return []
        }
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let fieldRows = field.allowsNewlines ? 6 : 1
        let inner = Widgets.dialog(title: title, width: 72, height: fieldRows + 4, into: &buffer)
        buffer.put(TextWidth.truncate(detail, to: inner.width), x: inner.x, y: inner.y)
        let rect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: min(fieldRows, inner.height - 1))
        field.draw(into: &buffer, rect: rect, style: field.allowsNewlines ? .plain : session.theme[.field])
    }
}
