import AssetMapCore
import TerminalKit

extension Scope {
    static let choices = Scope("choices", title: "Choose a value")
    /// A question asked while adding a node: Esc skips it.
    static let question = Scope("question", title: "Answer a question")
    /// A list where several can be ticked.
    static let ticks = Scope("ticks", title: "Tick several")
}

/// A value chosen from a known vocabulary: one word (a dimension, a status) or several (clinical areas, ticked
/// with Space). Rows can be grouped under headings; a "not set" row clears the value and a "type another" row
/// opens a text prompt for a word outside the list. What Enter and Esc do is the caller's; Esc cancels, or
/// skips a question asked while adding a node.
struct ChoicePicker: Dialog {
    static let bindings: [Binding] =
        (Binding.listKeys(.choices, letters: true) + [
            Binding(keys: [.home], action: .home, scopes: [.choices], help: "first item"),
            Binding(keys: [.end], action: .end, scopes: [.choices], help: "last item"),
            Binding(keys: [.enter], action: .accept, scopes: [.choices], help: "choose", hint: "choose"),
        ]).map {
            var b = $0; b.scopes.append(.question); return b
        } + [
            Binding(keys: [.char(" ")], action: .toggle, scopes: [.ticks], help: "tick or untick", hint: "tick"),
            Binding(keys: [.enter], action: .accept, scopes: [.ticks], help: "save the ticked ones", hint: "save"),
            Binding.cancel(.choices),
            Binding.cancel(.question, "skip"),
        ]

    enum Row: Equatable {
        case heading(String)
        case word(String)
        /// Clears the value.
        case none
        /// A word outside the list, typed.
        case other
    }

    var title: String
    var detail: String
    var rows: [Row]
    var multiple: Bool
    var ticked: [String]
    var selected: Int
    var scroll = ListScroll()
    /// Esc skips (a question asked while adding) rather than cancels.
    var skips: Bool
    /// The chosen words, in the list's order; empty: clear the value.
    var onAccept: ([String], Session) -> [Effect]
    var onCancel: [Effect]
    var onOther: ((Session) -> [Effect])?
    var scopes: [Scope] { (multiple ? [.ticks] : []) + [skips ? .question : .choices] }

    /// `groups` from the core's vocabulary; `current` the words the value has now (ones outside the list show
    /// too, so a slip in the file is seen and can be unticked).
    init(
        title: String, detail: String, groups: [(title: String?, words: [String])], current: [String], multiple: Bool,
        allowsNone: Bool, skips: Bool = false, onCancel: [Effect] = [.dismiss],
        onOther: ((Session) -> [Effect])? = nil,
        onAccept: @escaping ([String], Session) -> [Effect]
    ) {
        var rows: [Row] = []
        for group in groups {
            if let heading = group.title { rows.append(.heading(heading)) }
            rows += group.words.map(Row.word)
        }
        let known = Set(groups.flatMap(\.words))
        let unknown = current.filter { !known.contains($0) }
        if !unknown.isEmpty { rows.append(.heading("Not in the list")); rows += unknown.map(Row.word) }
        if allowsNone && !multiple { rows.append(.none) }
        if onOther != nil { rows.append(.other) }
        self.title = title
        self.detail = detail
        self.rows = rows
        self.multiple = multiple
        ticked = current
        selected =
            rows.firstIndex {
                if case .word(let w) = $0 { return current.first.map { $0 == w } ?? true } else { return false }
            } ?? 0
        self.skips = skips
        self.onCancel = onCancel
        self.onOther = onOther
        self.onAccept = onAccept
    }

    private var words: [String] { rows.compactMap { if case .word(let w) = $0 { return w } else { return nil } } }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        switch action {
        case .cancel: return onCancel
        case .toggle:
            guard multiple, case .word(let word) = rows[selected] else { return [] }
            if let i = ticked.firstIndex(of: word) { ticked.remove(at: i) } else { ticked.append(word) }
            return []
        case .accept:
            switch rows[selected] {
            case .other: return onOther?(session) ?? []
            case .none: return onAccept([], session)
            case .heading: return multiple ? onAccept(words.filter(ticked.contains), session) : []
            case .word(let word):
                guard multiple else { return onAccept([word], session) }
                // Enter on a word with nothing ticked takes that word: one area needs no Space.
                return onAccept(ticked.isEmpty ? [word] : words.filter(ticked.contains), session)
            }
        default:
            guard let next = moved(selected, by: action, count: rows.count) else { return [] }
            // Headings are not stops: step over them in the direction of travel.
            let step = next < selected ? -1 : 1
            var i = next
            while rows.indices.contains(i), case .heading = rows[i] { i += step }
            if !rows.indices.contains(i) {
                i = next - step; while rows.indices.contains(i), case .heading = rows[i] { i -= step }
            }
            if rows.indices.contains(i) { selected = i }
            return []
        }
    }

    private func listRows(_ screen: Rect) -> Int { max(1, min(rows.count, screen.height - 8)) }

    mutating func fit(screen: Rect, session: Session) {
        scroll.fit(selected: selected, count: rows.count, rows: listRows(screen))
    }

    func text(of row: Row) -> String {
        switch row {
        case .heading(let title): return title
        case .none: return "  (not set)"
        case .other: return "  Type another value…"
        case .word(let word):
            let gloss = Vocabulary.glosses[word].map { " (\($0))" } ?? ""
            let mark = multiple ? (ticked.contains(word) ? "[x] " : "[ ] ") : (ticked.first == word ? "• " : "  ")
            return "  \(mark)\(word)\(gloss)"
        }
    }

    func draw(into buffer: inout Buffer, session: Session) {
        let rowsShown = listRows(buffer.area)
        let inner = Widgets.dialog(title: title, width: 60, height: rowsShown + 4, into: &buffer)
        buffer.put(TextWidth.truncate(detail, to: inner.width), x: inner.x, y: inner.y)
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: rowsShown)
        ListView.draw(
            scroll.fitted(selected: selected, count: rows.count, rows: rowsShown), count: rows.count,
            selected: selected, in: list, into: &buffer
        ) { i in
            if case .heading = rows[i] { return (text(of: rows[i]), session.theme[.heading]) }
            return (text(of: rows[i]), .plain)
        }
        buffer.put(
            Keymap.hints(for: scopes, width: inner.width), x: inner.x, y: inner.maxY - 1, style: session.theme[.dim])
    }
}
