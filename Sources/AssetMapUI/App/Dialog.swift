import AssetMapCore
import TerminalKit

// A dialog sits over the screens, one at a time, and takes every key while it is open: help, errors,
// search, prompts, pickers, confirmations. Like a screen it reads the session and returns `Effect`s
// (`.dismiss` closes it, `.present` replaces it). Adding a dialog: a new file with a type conforming
// to `Dialog` (its scope and bindings with it), and one line in `DialogRegistry.all`.

protocol Dialog: SendableMetatype {
    /// Keys of this dialog's scopes; shared scopes (`.picker`, `.textField`) have theirs in one place.
    static var bindings: [Binding] { get }
    /// Its keymap scopes, most specific first.
    var scopes: [Scope] { get }
    /// A key: its action in `scopes`, or the typed character when no binding took it.
    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect]
    /// Brings scroll offsets in line with the selection on a `screen` this size (after every event).
    mutating func fit(screen: Rect, session: Session)
    func draw(into buffer: inout Buffer, session: Session)
}

extension Dialog {
    static var bindings: [Binding] { [] }
    mutating func fit(screen: Rect, session: Session) {}
}

/// The dialogs, whose bindings the keymap holds. The one place a new dialog is registered.
enum DialogRegistry {
    static let all: [any Dialog.Type] = [
        SearchDialog.self, KindPicker.self, ReviewPicker.self, ChoicePicker.self, NodePicker.self, TextPrompt.self,
        AttributesDialog.self,
        RelationDialog.self, ConfirmDialog.self, QuitDialog.self, ConflictDialog.self, TextDialog.self,
        MergeConflictsDialog.self, RoomDialog.self, RoomQueueDialog.self,
    ]

    /// Keys of the scopes several dialogs share.
    static let shared: [Binding] =
        Binding.listKeys(.picker, letters: true) + [
            Binding(keys: [.enter], action: .accept, scopes: [.picker], help: "choose", hint: "choose"),
            Binding.cancel(.picker),
        ]
}

extension Scope {
    /// Choosing from a list (the kind picker, the review filter).
    static let picker = Scope("picker", title: "Choose from a list")
}

/// Moves a list selection for ↑ ↓ PgUp PgDn Home End; nil for other actions.
func moved(_ selected: Int, by action: Action?, count: Int, page: Int = 10) -> Int? {
    let last = max(0, count - 1)
    switch action {
    case .up: return max(0, selected - 1)
    case .down: return min(last, selected + 1)
    case .pageUp: return max(0, selected - page)
    case .pageDown: return min(last, selected + page)
    case .home: return 0
    case .end: return last
    default: return nil
    }
}
