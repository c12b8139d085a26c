import Foundation
import AssetMapCore
import TerminalKit

/// What a screen or dialog asks the app to do. Carried out in order.
enum Effect {
    case message(String)
    /// An edit through the core (undo, read-only guard and error message come with it); `then` runs only
    /// when the edit was made.
    case edit((MapDocument) throws -> Change, then: [Effect] = [])
    /// Effects worked out from the session as it is when they are reached (after an edit before them).
    case later((Session) -> [Effect])
    case select(node: Int, remember: Bool)
    /// A node by id; says so when it is not in the map.
    case selectID(String, remember: Bool)
    /// A kind, at its first node.
    case selectKind(Int)
    case goBack
    /// Remembers a search for n and N.
    case rememberSearch(query: String, matches: [SearchIndex.Match], position: Int)
    case show(Tab)
    /// Changes a screen's own state: a dialog's answer to the screen that opened it. Use `change(_:_:)`.
    case changeScreen(Tab, (inout any Screen, Session) -> [Effect])
    /// Brings the selected node into view: Browse's node list unless the screen shows it already.
    case reveal
    case present(any Dialog)
    case dismiss
    case save(thenQuit: Bool)
    /// Saves over the file on disk without comparing it with what was read (the conflict dialog's "overwrite").
    case overwrite(thenQuit: Bool)
    /// Saves to a new file (the example's copy); refused when the file exists.
    case saveAs(String, thenQuit: Bool)
    case reload
    /// Merges the file on disk into the session (base: the file as loaded or last saved).
    case mergeFromDisk(thenQuit: Bool)
    case finish
    /// Writes an export (the minutes) through the one safe write (`OutputFile`); `done` is the message after.
    case writeOutput(Data, path: String, done: String)
    /// Opens the map in the user's editor at this 0-based line (nil: the top), then reloads it.
    case openEditor(line: Int?)
}

extension Effect {
    /// Changes the screen of type `S` in place.
    static func change<S: Screen>(_ type: S.Type, _ body: @escaping (inout S, Session) -> [Effect]) -> Effect {
        .changeScreen(S.tab) { screen, session in
            guard var typed = screen as? S else { return [] }
            // Let go of the stored copy so the change is made in place, not on a copy of its caches.
            screen = Vacant()
            defer { screen = typed }
            return body(&typed, session)
        }
    }
}

/// Holds a screen's place for a moment (`Effect.change`).
private struct Vacant: Screen {
    static let tab = Tab("")
    static let bindings: [Binding] = []
    init(session: Session) {}
    init() {}
    func handle(_ action: Action, session: Session) -> [Effect] { [] }
    func draw(into buffer: inout Buffer, area: Rect, session: Session) {}
}
