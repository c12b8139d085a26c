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
        Binding(keys: [.escape], action: .cancel, scopes: [.prompt, .multiline], help: "cancel", hint: "cancel"),
        Binding(keys: [.up], action: .up, scopes: [.prompt], help: "previous suggestion"),
        Binding(keys: [.down], action: .down, scopes: [.prompt], help: "next suggestion"),
    ]

    var title: String
    var detail: String
    var field: TextField
    var onAccept: (String, Session) -> [Effect]
    /// What Esc does.
    var onCancel: [Effect] = [.dismiss]
    /// Values the map already holds (an owner's organisation): those holding what was typed are listed under
    /// the field, ↑↓ choose one, Enter takes it.
    var suggestions: [String] = []
    /// The chosen suggestion among `shownSuggestions` (nil: the typed text).
    var suggestion: Int?

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
        case .accept:
            let shown = shownSuggestions
            return onAccept(suggestion.map { shown[$0] } ?? field.text, session)
        case .up: suggestion = suggestion.flatMap { $0 > 0 ? $0 - 1 : nil }
        case .down:
            let count = shownSuggestions.count
            if count > 0 { suggestion = min(count - 1, (suggestion ?? -1) + 1) }
        default:
            if let action { field.apply(action) } else if let typed { field.insert(typed) }
            suggestion = nil
        }
        return []
    }

    static let suggestionRows = 5

    /// The suggestions holding the typed words (any case), in their order; all of them for an empty field.
    var shownSuggestions: [String] {
        let words = field.text.lowercased().split(separator: " ")
        let matching = suggestions.filter { s in words.allSatisfy { s.lowercased().contains($0) } }
        return Array(matching.prefix(Self.suggestionRows))
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let fieldRows = field.allowsNewlines ? 6 : 1
        let shown = shownSuggestions
        let listRows = suggestions.isEmpty ? 0 : Self.suggestionRows
        let inner = Widgets.dialog(title: title, width: 72, height: fieldRows + 4 + listRows, into: &buffer)
        buffer.put(TextWidth.truncate(detail, to: inner.width), x: inner.x, y: inner.y)
        let rect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: min(fieldRows, inner.height - 1))
        field.draw(into: &buffer, rect: rect, style: field.allowsNewlines ? .plain : session.theme[.field])
        for (i, value) in shown.enumerated() where rect.maxY + 1 + i < inner.maxY {
            let chosen = i == suggestion
            buffer.put(
                TextWidth.truncate((chosen ? "▸ " : "  ") + value, to: inner.width), x: inner.x, y: rect.maxY + 1 + i,
                style: chosen ? session.theme[.selectedCell] : .plain)
        }
    }
}
