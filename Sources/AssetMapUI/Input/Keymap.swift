import TerminalKit
/// Where a binding applies: the screen on show (`.tab`), a dialog's own scope, text fields or everywhere.
/// The app asks for the active scopes, most specific first; the first match wins, so a screen can reuse
/// a key that means something else elsewhere. Screens and dialogs declare their scopes in their own files.
package struct Scope: Hashable, Sendable {
    package let name: String
    /// The heading in the `?` help.
    package let title: String

    package init(_ name: String, title: String) {
        self.name = name
        self.title = title
    }

    package static func == (a: Scope, b: Scope) -> Bool { a.name == b.name }
    package func hash(into hasher: inout Hasher) { hasher.combine(name) }

    package static let global = Scope("global", title: "Everywhere")
    package static let textField = Scope("text-field", title: "Text fields")
    package static func tab(_ tab: Tab) -> Scope { Scope("tab:\(tab.title)", title: tab.title) }
}

package struct Binding: Sendable {
    package var keys: [Key]
    package var action: Action
    package var scopes: [Scope]
    /// Shown in the `?` help.
    package var help: String
    /// Shown in the hint line when set (short).
    package var hint: String?
    /// The hint stays when the line is short of room, as long as the keys that mean something else on
    /// another tab do (what a first day most needs to see).
    package var keepsHint = false

    package var keyNames: String { keys.map(\.description).joined(separator: "/") }

    package init(
        keys: [Key], action: Action, scopes: [Scope], help: String, hint: String? = nil, keepsHint: Bool = false
    ) {
        self.keys = keys
        self.action = action
        self.scopes = scopes
        self.help = help
        self.hint = hint
        self.keepsHint = keepsHint
    }

    /// The list keys (↑ ↓ PgUp PgDn) of a dialog's scope; `letters`: also k and j, as in the tabs, for lists that
    /// take no typing.
    static func listKeys(_ scope: Scope, pages: Bool = true, letters: Bool = false) -> [Binding] {
        [
            Binding(keys: [.up] + (letters ? [.char("k")] : []), action: .up, scopes: [scope], help: "previous item"),
            Binding(keys: [.down] + (letters ? [.char("j")] : []), action: .down, scopes: [scope], help: "next item"),
        ]
            + (pages
                ? [
                    Binding(keys: [.pageUp], action: .pageUp, scopes: [scope], help: "page up"),
                    Binding(keys: [.pageDown], action: .pageDown, scopes: [scope], help: "page down"),
                ] : [])
    }

    /// Esc closing a dialog: `word` is what it does there, in the help and the hint alike.
    static func cancel(_ scope: Scope, _ word: String = "cancel") -> Binding {
        Binding(keys: [.escape], action: .cancel, scopes: [scope], help: word, hint: word)
    }
}

package enum Keymap {
    static var nodeTabs: [Scope] { ScreenRegistry.all.filter { $0.showsSelection }.map { .tab($0.tab) } }
    static var movingTabs: [Scope] { ScreenRegistry.all.map { .tab($0.tab) } }

    /// The one table: dispatch, the help overlay, the hint line and the README's key table all read it.
    /// Screens and dialogs bring their own bindings (their files); the shared ones are here.
    package static let table: [Binding] = {
        // Each screen's own keys come first so they win over the shared ones below.
        var t: [Binding] = ScreenRegistry.all.flatMap { $0.bindings }
        func bind(
            _ keys: [Key], _ action: Action, _ scopes: [Scope], _ help: String, hint: String? = nil,
            keepsHint: Bool = false
        ) {
            t.append(Binding(keys: keys, action: action, scopes: scopes, help: help, hint: hint, keepsHint: keepsHint))
        }
        // Browse and Graph: the selected node
        bind([.backspace], .back, movingTabs, "go back to the previous node")
        bind([.char("a")], .addNode, nodeTabs, "add a node", hint: "add")
        bind([.char("r")], .rename, nodeTabs, "rename the selected node")
        bind([.char("i")], .changeID, nodeTabs, "change the id of the selected node (its links follow)", hint: "id")
        bind([.char("e")], .editAttributes, nodeTabs, "edit attributes of the selected node", hint: "edit")
        // Not `l`: h j k l move, everywhere.
        bind([.char("L")], .link, nodeTabs, "link the selected node to another", hint: "link", keepsHint: true)
        bind(
            [.char("d")], .delete, nodeTabs, "delete the selected link (in the links list or Graph), else the node",
            hint: "delete")
        bind([.char("M")], .editHeader, nodeTabs, "the map's title and area")
        // Moving
        bind([.up, .char("k")], .up, movingTabs, "move up")
        bind([.down, .char("j")], .down, movingTabs, "move down")
        bind([.left, .char("h")], .left, movingTabs, "move left")
        bind([.right, .char("l")], .right, movingTabs, "move right")
        bind([.pageUp], .pageUp, movingTabs, "page up")
        bind([.pageDown], .pageDown, movingTabs, "page down")
        bind([.home], .home, movingTabs, "first")
        bind([.end], .end, movingTabs, "last")
        // Everywhere
        for (i, screen) in ScreenRegistry.all.enumerated() {
            bind([.char(Character(String(i + 1)))], .switchTab(screen.tab), [.global], "\(screen.tab.title) tab")
        }
        bind([.char("/")], .search, [.global], "search labels, ids and attribute values", hint: "search")
        bind([.char("n")], .nextMatch, [.global], "next search match")
        bind([.char("N")], .previousMatch, [.global], "previous search match")
        bind([.char("u")], .undo, [.global], "undo (no limit)", hint: "undo")
        bind([.ctrl("r")], .redo, [.global], "redo")
        bind([.char("s")], .save, [.global], "save (asks if the file changed on disk)", hint: "save")
        bind([.char("!")], .showErrors, [.global], "list the map's errors (read-only maps)")
        bind([.char("E")], .openEditor, [.global], "open the map in $EDITOR at the selected record, then reload it")
        bind([.char("C")], .showConflicts, [.global], "list merge conflicts and keep ours or theirs")
        bind([.char("?")], .help, [.global], "help for this view", hint: "help")
        bind([.char("q"), .ctrl("c")], .quit, [.global], "quit (asks when there are unsaved changes)", hint: "quit")
        // Dialogs (their files), then the keys of every text field.
        t += DialogRegistry.shared + DialogRegistry.all.flatMap { $0.bindings }
        bind([.left], .cursorLeft, [.textField], "cursor left")
        bind([.right], .cursorRight, [.textField], "cursor right")
        bind([.home, .ctrl("a")], .lineStart, [.textField], "start of line")
        bind([.end, .ctrl("e")], .lineEnd, [.textField], "end of line")
        bind([.backspace], .deleteBackward, [.textField], "delete before the cursor")
        bind([.delete, .ctrl("d")], .deleteForward, [.textField], "delete at the cursor")
        bind([.ctrl("u")], .clearLine, [.textField], "clear the field")
        return t
    }()

    /// The README's key table: every binding of the screens, one row each, and where it works: keys
    /// that work everywhere first, then those of every tab, then each screen's own. (Dialogs show their
    /// keys in the hint line; `?` lists them.) `KeymapTests` keeps README.md equal to it.
    package static func markdownTable() -> String {
        let tabs = ScreenRegistry.all.map { Scope.tab($0.tab) }
        // A screen's modes (Review's grid, summary) come after the tabs, each with its own rows.
        let places = tabs + ScreenRegistry.all.flatMap { $0.modeScopes }
        var rows: [(rank: (Int, Int), text: String)] = []
        for binding in table {
            let shown = binding.scopes.filter { $0 == .global || places.contains($0) }
            guard let first = shown.first else { continue }
            let onTabs = shown.filter { tabs.contains($0) }
            let rank =
                shown.contains(.global)
                ? (0, 0)
                : onTabs.count == tabs.count
                    ? (1, 0)
                    : onTabs.count > 1 ? (2, tabs.firstIndex(of: onTabs[0])!) : (3, places.firstIndex(of: first)!)
            let place =
                rank.0 == 0 ? "everywhere" : rank.0 == 1 ? "every tab" : shown.map(\.title).joined(separator: ", ")
            let keys = binding.keys.map { "`\($0)`" }.joined(separator: " ")
            rows.append((rank, "| \(keys) | \(binding.help) | \(place) |"))
        }
        let sorted = rows.enumerated().sorted {
            ($0.element.rank.0, $0.element.rank.1, $0.offset) < ($1.element.rank.0, $1.element.rank.1, $1.offset)
        }
        return (["| Keys | What they do | Where |", "|---|---|---|"] + sorted.map(\.element.text)).joined(
            separator: "\n")
    }

    /// The action for a key in the first scope (of `scopes`, most specific first) that binds it.
    package static func action(for key: Key, in scopes: [Scope]) -> Action? {
        for scope in scopes {
            if let binding = table.first(where: { $0.scopes.contains(scope) && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        return nil
    }

    /// The bindings that are live in `scopes`, grouped by scope, with keys shadowed by a more
    /// specific scope left out.
    package static func help(for scopes: [Scope]) -> [(scope: Scope, bindings: [Binding])] {
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
    /// `width` columns, the view's own hints give way first (from the last), then the shared ones but help
    /// and quit, and last the view's keys that mean something else on another tab (`d` due in Review,
    /// delete in Browse): the line says what those mean here.
    package static func hints(for scopes: [Scope], width: Int = .max) -> String {
        var seen: Set<String> = []
        // rank: the lower, the sooner it gives way; help and quit never do.
        var parts: [(text: String, rank: Int)] = []
        for (scope, bindings) in help(for: scopes) {
            for binding in bindings {
                guard let hint = binding.hint, seen.insert(hint).inserted else { continue }
                let rank =
                    scope == .global
                    ? (binding.action == .help || binding.action == .quit ? 3 : 1)
                    : binding.keepsHint || meansOtherElsewhere(binding.keys[0], in: scope) ? 2 : 0
                parts.append(("\(binding.keys[0]) \(hint)", rank))
            }
        }
        func joined() -> String { parts.map(\.text).joined(separator: "  ") }
        for rank in 0..<3 {
            while TextWidth.of(joined()) > width, let last = parts.lastIndex(where: { $0.rank == rank }) {
                parts.remove(at: last)
            }
        }
        return joined()
    }

    /// Whether the letter `key` of a tab's `scope` does something else on another tab (or everywhere else).
    static func meansOtherElsewhere(_ key: Key, in scope: Scope) -> Bool {
        guard case .char = key else { return false }
        let tabs = ScreenRegistry.all.map { Scope.tab($0.tab) }
        guard tabs.contains(scope), let here = action(for: key, in: [scope, .global]) else { return false }
        return tabs.contains { other in
            other != scope && action(for: key, in: [other, .global]).map { $0 != here } ?? false
        }
    }
}
