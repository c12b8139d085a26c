import Foundation
import AssetMapCore
import TerminalKit

// A screen is one tab of the app (Browse, Graph, Matrix, Review): its own state, its own key bindings,
// how it handles them, how it draws and where the mouse lands. It reads the session but never changes
// it: `handle` returns `Effect`s (Bubble Tea's commands) that the app carries out, and the app tells
// every screen what happened with a `ScreenMessage`. Adding a screen: a new file with a type
// conforming to `Screen`, and one line in `ScreenRegistry.all` (docs/ARCHITECTURE.md shows one).

/// A tab: its title; its number key is its place in `ScreenRegistry.all`.
package struct Tab: Hashable, Sendable, CustomStringConvertible {
    package let title: String
    package init(_ title: String) { self.title = title }
    package var description: String { title }

    /// 1 for the first screen in the registry, …
    package var number: Int { (ScreenRegistry.all.firstIndex { $0.tab == self } ?? 0) + 1 }
}

protocol Screen: SendableMetatype {
    static var tab: Tab { get }
    /// Keys only this screen has, in scope `.tab(tab)` (the shared movement keys are in `Keymap.table`).
    static var bindings: [Binding] { get }
    /// Whether the screen shows the selected node (Browse, Graph): the node editing keys apply there,
    /// and a jump to a node leaves other screens for Browse.
    static var showsSelection: Bool { get }
    /// Scopes of the screen's modes (Review's grid and summary), each with its own keys and `?` help.
    static var modeScopes: [Scope] { get }
    /// The keymap scopes live now, most specific first (the app adds `.global`).
    var scopes: [Scope] { get }
    /// Whether a jump to the selected node (`Effect.reveal`) can be shown here, rather than in Browse.
    func canReveal(session: Session) -> Bool
    /// The 0-based line of the record the screen has selected, where the editor opens (`E`).
    func editorLine(session: Session) -> Int?
    /// Private attributes are kept off this screen (a search from it does not show matches in them).
    var hidesPrivate: Bool { get }

    /// Made once, when the map opens.
    init(session: Session)
    mutating func handle(_ action: Action, session: Session) -> [Effect]
    /// A click or the wheel inside `area` (the screen's content area).
    mutating func mouse(_ event: MouseEvent, area: Rect, session: Session) -> [Effect]
    /// A click inside `area` (what `mouse` does with a press unless the screen says otherwise).
    mutating func click(_ event: MouseEvent, area: Rect, session: Session) -> [Effect]
    mutating func receive(_ message: ScreenMessage, session: Session)
    /// Brings scroll offsets in line with the selection and `area` (the app calls it after every event,
    /// so drawing and the mouse find them ready).
    mutating func fit(area: Rect, session: Session)
    func draw(into buffer: inout Buffer, area: Rect, session: Session)
    /// Work put off from opening the map, done while no key waits (`TerminalApp.idle`); true when some was done.
    mutating func idle(session: Session) -> Bool
}

extension Screen {
    static var showsSelection: Bool { false }
    static var modeScopes: [Scope] { [] }
    var scopes: [Scope] { [.tab(Self.tab)] }
    func canReveal(session: Session) -> Bool { Self.showsSelection }
    var hidesPrivate: Bool { false }
    func editorLine(session: Session) -> Int? { session.currentNode.map { session.graph.nodes[$0].line } }
    /// The wheel moves as ↑ and ↓ do.
    mutating func mouse(_ event: MouseEvent, area: Rect, session: Session) -> [Effect] {
        switch event.action {
        case .scrollUp: return handle(.up, session: session)
        case .scrollDown: return handle(.down, session: session)
        case .press: return click(event, area: area, session: session)
        }
    }
    mutating func click(_ event: MouseEvent, area: Rect, session: Session) -> [Effect] { [] }
    mutating func receive(_ message: ScreenMessage, session: Session) {}
    mutating func fit(area: Rect, session: Session) {}
    mutating func idle(session: Session) -> Bool { false }
}

/// The screens, in tab order. The one place a new screen is registered.
enum ScreenRegistry {
    static let all: [any Screen.Type] = [
        BrowseScreen.self, GraphScreen.self, MatrixScreen.self, ReviewScreen.self, InsightsScreen.self,
    ]
}

/// What the app tells every screen.
enum ScreenMessage {
    /// The document changed by an edit, undo or redo (`delta` nil: the whole map was re-read).
    case documentChanged(GraphDelta?)
    /// The map was re-read from disk: a new session began.
    case reloaded
    /// Another node (or kind) was selected.
    case selectionChanged
    /// A jump (search, new node, Matrix's Enter) wants the selected node in view on the tab `on`.
    case revealSelection(on: Tab)
}
