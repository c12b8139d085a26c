import Foundation
import AssetMapCore
import TerminalKit

// The AssetMap terminal app, Elm style: a key becomes an `Action` through `Keymap.table`, the dialog
// or screen on show handles it and returns `Effect`s, the app carries them out on the session, and
// `view(into:)` draws a frame. Nothing here touches the terminal. The app keeps the session (document,
// undo, messages) and routes; saving and reading the file is Persistence.swift; screens (Screen.swift) and
// dialogs (Dialog.swift) do the rest.
// docs/ARCHITECTURE.md is the tour.

package struct AssetMapApp: TerminalApp {
    package static let minimumWidth = 60
    package static let minimumHeight = 16

    var session: Session
    /// One per entry of `ScreenRegistry.all`, in that order.
    var screens: [any Screen]
    /// The screen on show: its index in `screens`.
    var current = 0
    var dialog: (any Dialog)?
    /// A transient message for the status line; cleared by the next key.
    package internal(set) var message: String?
    package internal(set) var width = 80
    package internal(set) var height = 24
    package internal(set) var isFinished = false
    /// The editor to run (`E`); the backend runs it and calls `commandFinished` (Editor.swift).
    package internal(set) var pendingCommand: ExternalCommand?
    /// The card last sent to the live room, and the room's version last drawn.
    var roomCard: BarrierCard?
    var roomVersion = -1

    /// `loadErrors`: `errors(in: document)` when the caller already has them (nil: found here).
    package init(
        document: MapDocument, path: String, loadErrors: [Diagnostic]? = nil, environment: AppEnvironment = .live
    ) {
        session = Session(
            document: document, path: path, loadErrors: (loadErrors ?? Self.errors(in: document)).sortedByPosition(),
            environment: environment)
        let session = session
        screens = ScreenRegistry.all.map { $0.init(session: session) }
        if session.loadErrors.hasErrors {
            dialog = TextDialog.errors()
        } else if session.isReadOnly {
            message = session.readOnlyMessage
        } else if !document.conflicts.isEmpty {
            dialog = MergeConflictsDialog()
        }
        screens[current].fit(area: contentArea, session: session)
    }

    /// Loads a map for the UI. A file with errors still opens (read-only, errors listed); a file that
    /// cannot be read or is not UTF-8 throws a message naming file, line and column.
    package static func open(path: String, environment: AppEnvironment = .live) throws -> AssetMapApp {
        do {
            let document = try MapDocument(data: try environment.read(path))
            return AssetMapApp(
                document: document, path: path, loadErrors: errors(in: document), environment: environment)
        } catch let error as MapLoadError {
            throw OpenError(message: error.diagnostic.formatted(file: path))
        } catch {
            throw OpenError(message: "\(path): cannot read: \((error as NSError).localizedDescription)")
        }
    }

    package struct OpenError: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// The errors that make a map read-only: syntax errors and the checker's errors (not warnings). Merge
    /// conflicts do not: they are settled here (`C`).
    package static func errors(in document: MapDocument) -> [Diagnostic] {
        let conflictLines = Set(document.conflicts.map { $0.line + 1 })
        return document.errors().filter { !conflictLines.contains($0.line) }
    }

    package var document: MapDocument { session.document }
    package var path: String { session.path }
    package var environment: AppEnvironment { session.environment }
    package var loadErrors: [Diagnostic] { session.loadErrors }
    package var isReadOnly: Bool { session.isReadOnly }
    package var hasUnsavedChanges: Bool { session.hasUnsavedChanges }
    package var fileName: String { session.fileName }
    package var tab: Tab { type(of: screens[current]).tab }
    var currentID: String? { session.currentID }
    var version: Int { session.version }

    /// The document's text when there is unsaved work (for a recovery copy on SIGTERM/SIGHUP).
    package func recoveryText() -> String? { hasUnsavedChanges ? document.text : nil }

    var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    var contentArea: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 3)) }

    // MARK: Update

    package mutating func idle() -> Bool {
        if session.prepareSearch() { return true }
        let session = session
        let worked = screens.indices.contains { screens[$0].idle(session: session) }
        followRoom()
        return worked
    }

    package mutating func update(_ event: InputEvent) {
        handle(event)
        let session = session
        screens[current].fit(area: contentArea, session: session)
        dialog?.fit(screen: Rect(x: 0, y: 0, width: width, height: height), session: session)
        followRoom()
    }

    /// The room changed (someone joined or voted): the frame is drawn again.
    package mutating func outsideChanged() -> Bool {
        guard let version = environment.room?.status.version, version != roomVersion else { return false }
        roomVersion = version
        return true
    }

    /// Phones follow the card on the Review tab: a new card, or the same card edited, is sent to the room.
    private mutating func followRoom() {
        guard let room = environment.room, room.status.isOpen else {
            roomCard = nil  // a room opened later gets the card on show at once
            return
        }
        guard let review = screens[current] as? ReviewScreen, let card = review.cardOnShow, card != roomCard
        else { return }
        roomCard = card
        room.show(card)
    }

    private mutating func handle(_ event: InputEvent) {
        switch event {
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            session.contentArea = contentArea
        case .mouse(let mouse):
            guard !isTooSmall else { return }
            if dialog != nil {
                // In a dialog the wheel moves through its list (or scrolls it), as the arrow keys do.
                switch mouse.action {
                case .scrollUp: handleDialogKey(.up)
                case .scrollDown: handleDialogKey(.down)
                case .press: break
                }
                return
            }
            handleMouse(mouse)
        case .key(let key):
            message = nil
            if isTooSmall {
                // Keep the state; only quitting makes sense on a screen we cannot draw.
                if Keymap.action(for: key, in: [.global]) == .quit { perform(.quit) }
                return
            }
            if dialog != nil {
                handleDialogKey(key)
            } else if let action = Keymap.action(for: key, in: scopes) {
                perform(action)
            }
        }
    }

    /// Scopes for the screen without a dialog, most specific first.
    var scopes: [Scope] { screens[current].scopes + [.global] }

    mutating func perform(_ action: Action) {
        switch action {
        case .quit:
            if hasUnsavedChanges { dialog = QuitDialog() } else { isFinished = true }
        case .save: save(thenQuit: false)
        case .undo: undo()
        case .redo: redo()
        case .help: dialog = TextDialog.help(title: scopes[0].title, scopes: scopes)
        case .openEditor: openEditor(atLine: screens[current].editorLine(session: session))
        case .showConflicts:
            if document.conflicts.isEmpty {
                message = "No merge conflicts in \(fileName)"
            } else {
                dialog = MergeConflictsDialog()
            }
        case .showErrors:
            if loadErrors.isEmpty { message = "No errors in \(fileName)" } else { dialog = TextDialog.errors() }
        case .search:
            dialog = SearchDialog(purpose: .jump, session: session, hidingPrivate: screens[current].hidesPrivate)
        case .nextMatch: stepSearch(by: 1)
        case .previousMatch: stepSearch(by: -1)
        case .switchTab(let target): show(target)
        default:
            // The effects run once the screen is done with the session: a copy of it still alive while
            // an edit applies would make the edit copy the whole document.
            let effects = screens[current].handle(action, session: session)
            run(effects)
        }
    }

    mutating func handleDialogKey(_ key: Key) {
        guard let scopes = dialog?.scopes else { return }
        let action = Keymap.action(for: key, in: scopes)
        var typed: Character?
        if action == nil, case .char(let c) = key { typed = c }
        if let effects = dialog?.handle(action, typed: typed, session: session) { run(effects) }
    }

    mutating func handleMouse(_ mouse: MouseEvent) {
        if mouse.y == 0 {
            if mouse.action == .press, let hit = tabBarItems().first(where: { $0.range.contains(mouse.x) }) {
                show(hit.tab)
            }
            return
        }
        let area = contentArea
        guard area.contains(x: mouse.x, y: mouse.y) else { return }
        let effects = screens[current].mouse(mouse, area: area, session: session)
        run(effects)
    }

    mutating func show(_ target: Tab) {
        guard let i = ScreenRegistry.all.firstIndex(where: { $0.tab == target }) else { return }
        current = i
    }

    /// Tells every screen.
    mutating func broadcast(_ message: ScreenMessage) {
        let session = session
        for i in screens.indices { screens[i].receive(message, session: session) }
    }

    mutating func stepSearch(by step: Int) {
        guard var last = session.lastSearch, !last.matches.isEmpty else {
            message = "No search yet: / searches"; return
        }
        last.position = (last.position + step + last.matches.count) % last.matches.count
        session.lastSearch = last
        run([.select(node: last.matches[last.position].node, remember: true)])
        message = "Match \(last.position + 1) of \(last.matches.count) for '\(last.query)'"
    }

    // MARK: Effects

    mutating func run(_ effects: [Effect]) {
        for effect in effects { run(effect) }
    }

    mutating func run(_ effect: Effect) {
        switch effect {
        case .message(let text): message = text
        case .edit(let make, let then): if edit(make) != nil { run(then) }
        case .later(let make): run(make(session))
        case .select(let node, let remember):
            session.select(node: node, remember: remember)
            broadcast(.selectionChanged)
        case .selectID(let id, let remember):
            if session.select(id: id, remember: remember) {
                broadcast(.selectionChanged)
            } else {
                message = "'\(id)' is not in the map"
            }
        case .selectKind(let kind):
            session.kind = kind
            session.row = 0
            broadcast(.selectionChanged)
        case .goBack:
            if session.goBack() { broadcast(.selectionChanged) } else { message = "Nothing to go back to" }
        case .rememberSearch(let query, let matches, let position): session.lastSearch = (query, matches, position)
        case .show(let tab): show(tab)
        case .changeScreen(let tab, let body):
            guard let i = ScreenRegistry.all.firstIndex(where: { $0.tab == tab }) else { return }
            let effects = body(&screens[i], session)
            run(effects)
        case .reveal:
            if !screens[current].canReveal(session: session),
                let browse = ScreenRegistry.all.first(where: { $0.showsSelection })
            {
                show(browse.tab)
            }
            broadcast(.revealSelection(on: tab))
        case .present(let next): dialog = next
        case .dismiss: dialog = nil
        case .save(let thenQuit): save(thenQuit: thenQuit)
        case .overwrite(let thenQuit): write(thenQuit: thenQuit, expecting: nil)
        case .saveAs(let path, let thenQuit): saveAs(path, thenQuit: thenQuit)
        case .reload: reload()
        case .mergeFromDisk(let thenQuit): mergeFromDisk(thenQuit: thenQuit)
        case .finish: isFinished = true
        case .writeOutput(let data, let path, let done): writeOutput(data, to: path, done: done)
        case .openEditor(let line): openEditor(atLine: line)
        }
    }

    // MARK: Edits, undo, redo

    /// Runs an edit from the core: refuses on a read-only map, shows `EditError`s, records undo.
    @discardableResult
    mutating func edit(_ make: (MapDocument) throws -> Change) -> Change? {
        guard !isReadOnly else {
            message = session.readOnlyMessage
            return nil
        }
        do {
            let change = try make(session.document)
            if let saved = session.savedAt, saved > session.undoStack.count { session.savedAt = nil }
            session.undoStack.append(change)
            session.redoStack.removeAll()
            apply(change)
            message = sentenceCase(change.summary)
            return change
        } catch let error as EditError {
            message = error.message
        } catch {
            message = "\(error)"
        }
        return nil
    }

    mutating func apply(_ change: Change) {
        let delta = session.apply(change)
        broadcast(.documentChanged(delta))
        broadcast(.selectionChanged)
    }

    mutating func undo() {
        guard let change = session.undoStack.popLast() else { message = "Nothing to undo"; return }
        apply(change.inverse)
        session.redoStack.append(change)
        message = "Undid: \(change.summary)"
    }

    mutating func redo() {
        guard let change = session.redoStack.popLast() else { message = "Nothing to redo"; return }
        apply(change)
        session.undoStack.append(change)
        message = "Redid: \(change.summary)"
    }
}
