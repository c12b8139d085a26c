/// Everything a key can ask the app to do. Keys map to actions through `Keymap.table` only.
public enum Action: Hashable, Sendable {
    // Anywhere outside prompts
    case quit, save, undo, redo, help, search, nextMatch, previousMatch, showErrors
    case switchTab(Tab)
    // Moving around
    case up, down, left, right, pageUp, pageDown, home, end, nextPane, previousPane, enter, back
    // Editing the selected node
    case addNode, rename, changeID, editAttributes, link, delete
    // Prompts and dialogs
    case accept, cancel, yes, no, swapDirection, newline
    case saveAndQuit, discardAndQuit, reload, overwrite
    case addAttribute, removeAttribute
    // Text fields
    case cursorLeft, cursorRight, lineStart, lineEnd, deleteBackward, deleteForward, clearLine
    // The Review tab's own actions (ReviewView.swift)
    case review(ReviewAction)
}

/// Where a binding applies. The app asks for the active scopes, most specific first; the first match wins,
/// so a tab can reuse a key that means something else elsewhere.
public enum Scope: Hashable, Sendable {
    case global
    case tab(Tab)
    case search, prompt, multiline, picker, relation, attributes, confirm, quitPrompt, conflict, overlay
    case textField

    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .tab(let tab): return tab.title
        case .search: return "Search"
        case .prompt: return "Prompt"
        case .multiline: return "Multi-line value"
        case .picker: return "Choose from a list"
        case .relation: return "Relation"
        case .attributes: return "Attributes"
        case .confirm: return "Confirm"
        case .quitPrompt: return "Quit"
        case .conflict: return "File changed on disk"
        case .overlay: return "Overlay"
        case .textField: return "Text fields"
        }
    }
}

public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var scopes: [Scope]
    /// Shown in the `?` help.
    public var help: String
    /// Shown in the hint line when set (short).
    public var hint: String?

    public var keyNames: String { keys.map(\.description).joined(separator: "/") }
}

public enum Keymap {
    static let nodeTabs: [Scope] = [.tab(.browse), .tab(.graph)]
    static let movingTabs: [Scope] = Tab.allCases.map { .tab($0) }

    /// The one table: dispatch, the help overlay and the hint line all read it.
    public static let table: [Binding] = {
        // Each tab's own keys come first so they win over the shared ones below.
        var t: [Binding] = Tab.allCases.flatMap(\.bindings)
        func bind(_ keys: [Key], _ action: Action, _ scopes: [Scope], _ help: String, hint: String? = nil) {
            t.append(Binding(keys: keys, action: action, scopes: scopes, help: help, hint: hint))
        }
        // Browse and Graph: the selected node
        bind([.backspace], .back, movingTabs, "go back to the previous node")
        bind([.char("a")], .addNode, nodeTabs, "add a node", hint: "add")
        bind([.char("r")], .rename, nodeTabs, "rename the selected node")
        bind([.char("i")], .changeID, nodeTabs, "change the id of the selected node (its links follow)")
        bind([.char("e")], .editAttributes, nodeTabs, "edit attributes of the selected node", hint: "edit")
        bind([.char("l")], .link, nodeTabs, "link the selected node to another", hint: "link")
        bind([.char("d")], .delete, nodeTabs, "delete the selected link (in the links list or Graph), else the node", hint: "delete")
        // Moving
        bind([.up, .char("k")], .up, movingTabs, "move up")
        bind([.down, .char("j")], .down, movingTabs, "move down")
        bind([.left, .char("h")], .left, movingTabs, "left: previous pane / incoming side / column")
        bind([.right], .right, nodeTabs, "right: next pane / outgoing side")
        bind([.pageUp], .pageUp, movingTabs, "page up")
        bind([.pageDown], .pageDown, movingTabs, "page down")
        bind([.home], .home, movingTabs, "first")
        bind([.end], .end, movingTabs, "last")
        // Everywhere
        for tab in Tab.allCases {
            bind([.char(Character(String(tab.rawValue)))], .switchTab(tab), [.global], "\(tab.title) tab")
        }
        bind([.char("/")], .search, [.global], "search labels, ids and attribute values", hint: "search")
        bind([.char("n")], .nextMatch, [.global], "next search match")
        bind([.char("N")], .previousMatch, [.global], "previous search match")
        bind([.char("u")], .undo, [.global], "undo (no limit)", hint: "undo")
        bind([.ctrl("r")], .redo, [.global], "redo")
        bind([.char("s")], .save, [.global], "save (asks if the file changed on disk)", hint: "save")
        bind([.char("!")], .showErrors, [.global], "list the map's errors (read-only maps)")
        bind([.char("?")], .help, [.global], "help for this view", hint: "help")
        bind([.char("q"), .ctrl("c")], .quit, [.global], "quit (asks when there are unsaved changes)", hint: "quit")
        // Prompts, lists and dialogs
        bind([.up], .up, [.search, .picker, .relation, .attributes, .overlay], "previous item")
        bind([.down], .down, [.search, .picker, .relation, .attributes, .overlay], "next item")
        bind([.pageUp], .pageUp, [.search, .picker, .attributes, .overlay], "page up")
        bind([.pageDown], .pageDown, [.search, .picker, .attributes, .overlay], "page down")
        bind([.enter], .accept, [.search], "jump to the selected match", hint: "jump")
        bind([.enter], .accept, [.picker], "choose", hint: "choose")
        bind([.enter], .accept, [.prompt, .multiline], "accept", hint: "accept")
        // Not Ctrl-J: the terminal sends it as the same byte some terminals use for Enter.
        bind([.altEnter, .ctrl("o")], .newline, [.multiline], "insert a new line in the value", hint: "new line")
        bind([.tab], .swapDirection, [.relation], "swap the direction of the link", hint: "swap direction")
        bind([.enter], .accept, [.relation], "link with the typed or selected relation", hint: "link")
        bind([.enter, .char("c")], .enter, [.attributes], "change the selected value", hint: "change")
        bind([.char("a")], .addAttribute, [.attributes], "add an attribute", hint: "add")
        bind([.char("x"), .delete, .char("d")], .removeAttribute, [.attributes], "remove the selected attribute", hint: "remove")
        bind([.char("y")], .yes, [.confirm], "yes", hint: "yes")
        bind([.char("n"), .escape], .no, [.confirm], "no", hint: "no")
        bind([.char("s")], .saveAndQuit, [.quitPrompt], "save, then quit", hint: "save")
        bind([.char("d")], .discardAndQuit, [.quitPrompt], "discard changes and quit", hint: "discard")
        bind([.char("r")], .reload, [.conflict], "reload the file from disk (drops your changes)", hint: "reload")
        bind([.char("o")], .overwrite, [.conflict], "overwrite the file with your version", hint: "overwrite")
        bind([.char("c"), .escape], .cancel, [.quitPrompt, .conflict], "cancel", hint: "cancel")
        bind([.escape], .cancel, [.search, .prompt, .multiline, .picker, .relation, .attributes, .overlay], "cancel / close", hint: "cancel")
        bind([.char("q"), .char("?")], .cancel, [.overlay], "close")
        // Text fields
        bind([.left], .cursorLeft, [.textField], "cursor left")
        bind([.right], .cursorRight, [.textField], "cursor right")
        bind([.home, .ctrl("a")], .lineStart, [.textField], "start of line")
        bind([.end, .ctrl("e")], .lineEnd, [.textField], "end of line")
        bind([.backspace], .deleteBackward, [.textField], "delete before the cursor")
        bind([.delete, .ctrl("d")], .deleteForward, [.textField], "delete at the cursor")
        bind([.ctrl("u")], .clearLine, [.textField], "clear the field")
        return t
    }()

    /// The action for a key in the first scope (of `scopes`, most specific first) that binds it.
    public static func action(for key: Key, in scopes: [Scope]) -> Action? {
        for scope in scopes {
            if let binding = table.first(where: { $0.scopes.contains(scope) && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        return nil
    }

    /// The bindings that are live in `scopes`, grouped by scope, with keys shadowed by a more
    /// specific scope left out.
    public static func help(for scopes: [Scope]) -> [(scope: Scope, bindings: [Binding])] {
        var taken: Set<Key> = []
        var out: [(Scope, [Binding])] = []
        for scope in scopes {
            var group: [Binding] = []
            for binding in table where binding.scopes.contains(scope) {
                let keys = binding.keys.filter { !taken.contains($0) }
                guard !keys.isEmpty else { continue }
                var live = binding
                live.keys = keys
                group.append(live)
            }
            for binding in group { taken.formUnion(binding.keys) }
            if !group.isEmpty { out.append((scope, group)) }
        }
        return out
    }

    /// "Enter follow  a add … / search  ? help  q quit" for the hint line. When it does not fit in
    /// `width` columns, the view's own hints give way first, so help and quit always show.
    public static func hints(for scopes: [Scope], width: Int = .max) -> String {
        var seen: Set<String> = []
        var parts: [(text: String, global: Bool)] = []
        for (scope, bindings) in help(for: scopes) {
            for binding in bindings {
                guard let hint = binding.hint, seen.insert(hint).inserted else { continue }
                parts.append(("\(binding.keys[0]) \(hint)", scope == .global))
            }
        }
        func joined() -> String { parts.map(\.text).joined(separator: "  ") }
        while TextWidth.of(joined()) > width, let last = parts.lastIndex(where: { !$0.global }) { parts.remove(at: last) }
        return joined()
    }
}
