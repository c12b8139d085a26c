import Foundation
import AssetMapCore

// The AssetMap terminal app, Elm style: a key becomes an `Action` through `Keymap.table`, `update`
// changes the state, `view(into:)` draws it. Nothing here touches the terminal.
//
// Adding a tab (e.g. `4 Review`):
//  1. add a case to `Tab` (below) with its title; its number key and help come from the table;
//  2. in its own file (ReviewView.swift): a state struct, `static let bindings: [Binding]` using
//     scope `.tab(.review)`, `mutating func handleReview(_ action:) -> Bool` and
//     `func drawReview(into:area:)` (and optionally `mouseReview(_:area:)`);
//  3. add a stored property for its state below, and one arm to each `switch tab` in this file
//     (`handleTabAction`, `drawTab`, `handleTabMouse`) and to `Tab.bindings`.
// New actions go in the `Action` enum (Keymap.swift). Edits go through `edit { doc in try doc.… }`,
// which gives undo/redo, the read-only guard and error messages for free.

public enum Tab: Int, CaseIterable, Hashable, Sendable {
    case browse = 1, graph, matrix, review

    public var title: String {
        switch self {
        case .browse: return "Browse"
        case .graph: return "Graph"
        case .matrix: return "Matrix"
        case .review: return "Review"
        }
    }

    /// Bindings that only this tab has (shared movement keys are in `Keymap.table`).
    var bindings: [Binding] {
        switch self {
        case .browse: return BrowseView.bindings
        case .graph: return GraphView.bindings
        case .matrix: return MatrixView.bindings
        case .review: return ReviewView.bindings
        }
    }
}

/// What the app needs from the outside world, injected so tests are deterministic.
public struct AppEnvironment: Sendable {
    /// Today as YYYY-MM-DD (for dated notes).
    public var today: @Sendable () -> String
    public var read: @Sendable (String) throws -> Data
    public var write: @Sendable (Data, String) throws -> Void
    public var fingerprint: @Sendable (String) -> MapFile.Fingerprint?

    public init(today: @escaping @Sendable () -> String,
                read: @escaping @Sendable (String) throws -> Data,
                write: @escaping @Sendable (Data, String) throws -> Void,
                fingerprint: @escaping @Sendable (String) -> MapFile.Fingerprint?) {
        self.today = today
        self.read = read
        self.write = write
        self.fingerprint = fingerprint
    }

    public static let live = AppEnvironment(
        today: {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB_POSIX")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.string(from: Date())
        },
        read: MapDocument.read,
        write: { try MapFile.save($0, to: $1) },
        fingerprint: { MapFile.fingerprint(of: $0) })
}

public struct AssetMapApp: TerminalApp {
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public internal(set) var document: MapDocument
    public let path: String
    public let environment: AppEnvironment
    /// Errors found when the map was loaded; any error makes the session read-only.
    public internal(set) var loadErrors: [Diagnostic]
    var fingerprint: MapFile.Fingerprint?

    var undoStack: [Change] = []
    var redoStack: [Change] = []
    /// `undoStack.count` at the last save; nil once that state can no longer be reached.
    var savedAt: Int? = 0
    /// Bumped on every change to the document; caches compare against it.
    var version = 0
    // Caches of the whole map, built when it opens and kept up to date by `apply`, so no key rebuilds them.
    var index: DocumentIndex
    var searchIndex: SearchIndex
    var reviewCache: ReviewCache
    /// The map as it was when the session began (opened or reloaded), for the review summary.
    var sessionStart: ReviewSnapshot
    /// Ids of the nodes edits touched since the session began (`GraphDelta.touched`); nil once an edit
    /// re-read the whole map.
    var changedSinceStart: Set<String>? = []

    public internal(set) var tab: Tab = .browse
    var browse = BrowseState()
    var graphState = GraphState()
    var matrix = MatrixState()
    var review = ReviewState()
    var modal: Modal?
    /// A transient message for the status line; cleared by the next key.
    public internal(set) var message: String?
    /// Node ids visited before the current one (Backspace pops).
    var history: [String] = []
    var lastSearch: (query: String, matches: [SearchIndex.Match], position: Int)?

    public internal(set) var width = 80
    public internal(set) var height = 24
    public internal(set) var isFinished = false

    /// `loadErrors`: `errors(in: document)` when the caller already has them (nil: found here).
    public init(document: MapDocument, path: String, loadErrors: [Diagnostic]? = nil, environment: AppEnvironment = .live) {
        self.document = document
        self.path = path
        self.environment = environment
        self.loadErrors = (loadErrors ?? Self.errors(in: document)).sortedByPosition()
        index = DocumentIndex(graph: document.graph)
        searchIndex = SearchIndex(graph: document.graph, version: 0)
        reviewCache = ReviewCache(graph: document.graph)
        sessionStart = ReviewSnapshot(document.graph)
        fingerprint = environment.fingerprint(path)
        selectFirstNonEmptyKind()
        updateReviewDeck()
        if isReadOnly { modal = .errors(scroll: 0) }
    }

    /// Loads a map for the UI. A file with errors still opens (read-only, errors listed); a file that
    /// cannot be read or is not UTF-8 throws a message naming file, line and column.
    public static func open(path: String, environment: AppEnvironment = .live) throws -> AssetMapApp {
        do {
            let document = try MapDocument(data: try environment.read(path))
            return AssetMapApp(document: document, path: path, loadErrors: errors(in: document), environment: environment)
        } catch let error as MapLoadError {
            throw OpenError(message: error.diagnostic.formatted(file: path))
        } catch {
            throw OpenError(message: "\(path): cannot read: \((error as NSError).localizedDescription)")
        }
    }

    public struct OpenError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The errors that make a map read-only: syntax errors and the checker's errors (not warnings).
    public static func errors(in document: MapDocument) -> [Diagnostic] {
        document.check().filter { $0.severity == .error }
    }

    public var isReadOnly: Bool { loadErrors.hasErrors }
    public var hasUnsavedChanges: Bool { savedAt != undoStack.count }
    public var fileName: String { (path as NSString).lastPathComponent }

    /// The document's text when there is unsaved work (for a recovery copy on SIGTERM/SIGHUP).
    public func recoveryText() -> String? { hasUnsavedChanges ? document.text : nil }

    var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    // MARK: Update

    public mutating func update(_ event: InputEvent) {
        switch event {
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
        case .mouse(let mouse):
            guard !isTooSmall else { return }
            if modal != nil {
                // In a dialog the wheel moves through its list (or scrolls it), as the arrow keys do.
                switch mouse.action {
                case .scrollUp: handleModalKey(.up)
                case .scrollDown: handleModalKey(.down)
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
            if modal != nil {
                handleModalKey(key)
            } else if let action = Keymap.action(for: key, in: scopes) {
                perform(action)
            }
        }
    }

    /// Scopes for the screen without a dialog, most specific first.
    var scopes: [Scope] { [.tab(tab), .global] }

    mutating func perform(_ action: Action) {
        switch action {
        case .quit:
            if hasUnsavedChanges { modal = .quit } else { isFinished = true }
        case .save: save()
        case .undo: undo()
        case .redo: redo()
        case .help: modal = .help(scroll: 0)
        case .showErrors:
            if loadErrors.isEmpty { message = "No errors in \(fileName)" } else { modal = .errors(scroll: 0) }
        case .search: startSearch(for: .jump)
        case .nextMatch: stepSearch(by: 1)
        case .previousMatch: stepSearch(by: -1)
        case .switchTab(let target): switchTab(to: target)
        case .addNode: startAddNode()
        case .rename: startRename()
        case .changeID: startChangeID()
        case .editAttributes: startEditAttributes()
        case .link: startLink()
        case .delete: startDelete()
        default: handleTabAction(action)
        }
    }

    mutating func switchTab(to target: Tab) {
        tab = target
        if target == .graph { graphState.reset(for: self) }
    }

    mutating func handleTabAction(_ action: Action) {
        switch tab {
        case .browse: handleBrowse(action)
        case .graph: handleGraph(action)
        case .matrix: handleMatrix(action)
        case .review: handleReview(action)
        }
    }

    mutating func handleMouse(_ mouse: MouseEvent) {
        if mouse.y == 0 {
            if mouse.action == .press, let hit = tabBarItems().first(where: { $0.range.contains(mouse.x) }) { switchTab(to: hit.tab) }
            return
        }
        let area = contentArea
        guard area.contains(x: mouse.x, y: mouse.y) else { return }
        switch tab {
        case .browse: mouseBrowse(mouse, area: area)
        case .graph: mouseGraph(mouse, area: area)
        case .matrix: mouseMatrix(mouse, area: area)
        case .review:
            // The wheel scrolls the card (or moves through the grid), as ↑ and ↓ do.
            if mouse.action == .scrollUp { handleReview(.up) }
            if mouse.action == .scrollDown { handleReview(.down) }
        }
    }

    // MARK: Selection shared by the tabs

    /// The selected node (Browse's list row; Graph's centre).
    var currentNode: Int? {
        guard index.kindNodes.indices.contains(browse.kind) else { return nil }
        let list = index.kindNodes[browse.kind]
        return list.indices.contains(browse.row) ? list[browse.row] : nil
    }

    var currentID: String? { currentNode.map { document.graph.nodes[$0].id } }

    /// Selects a node by index, keeping the browser-style history when `remember` is set.
    mutating func select(node: Int, remember: Bool) {
        if remember, let id = currentID, id != document.graph.nodes[node].id {
            history.append(id)
        }
        browse.kind = index.kindOfNode[node]
        browse.row = index.rowOfNode[node]
        browse.link = 0
        graphState.reset(for: self)
    }

    mutating func select(id: String, remember: Bool) -> Bool {
        guard let i = document.graph.nodeIndex[id] else { return false }
        select(node: i, remember: remember)
        return true
    }

    mutating func goBack() {
        while let id = history.popLast() {
            if select(id: id, remember: false) { return }
        }
        message = "Nothing to go back to"
    }

    mutating func selectFirstNonEmptyKind() {
        browse.kind = index.kindNodes.firstIndex { !$0.isEmpty } ?? 0
        browse.row = 0
    }

    // MARK: Edits, undo, redo

    /// Runs an edit from the core: refuses on a read-only map, shows `EditError`s, records undo.
    @discardableResult
    mutating func edit(_ make: (MapDocument) throws -> Change) -> Change? {
        guard !isReadOnly else {
            message = readOnlyMessage
            return nil
        }
        do {
            let change = try make(document)
            if let saved = savedAt, saved > undoStack.count { savedAt = nil }
            undoStack.append(change)
            redoStack.removeAll()
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

    var readOnlyMessage: String {
        "Read-only: \(fileName) has \(loadErrors.count) error\(loadErrors.count == 1 ? "" : "s") (! lists them); fix them in an editor"
    }

    mutating func apply(_ change: Change) {
        let keep = currentID
        let keepKind = browse.kind
        if let delta = document.apply(change) {
            let graph = document.graph
            index.follow(delta, in: graph)
            searchIndex.follow(delta, in: graph)
            reviewCache.follow(delta, in: graph)
            changedSinceStart?.formUnion(delta.touched)
        } else {
            rebuildCaches()
            changedSinceStart = nil
        }
        version += 1
        updateReviewDeck()
        lastSearch = nil
        if let keep, select(id: keep, remember: false) { return }
        browse.kind = min(keepKind, max(0, index.kindNodes.count - 1))
        browse.row = min(browse.row, max(0, (index.kindNodes.indices.contains(browse.kind) ? index.kindNodes[browse.kind].count : 0) - 1))
        browse.link = 0
        graphState.reset(for: self)
    }

    /// After the whole map was re-read.
    mutating func rebuildCaches() {
        index = DocumentIndex(graph: document.graph)
        searchIndex = SearchIndex(graph: document.graph, version: version)
        reviewCache.rebuild(graph: document.graph)
    }

    mutating func undo() {
        guard let change = undoStack.popLast() else { message = "Nothing to undo"; return }
        apply(change.inverse)
        redoStack.append(change)
        message = "Undid: \(change.summary)"
    }

    mutating func redo() {
        guard let change = redoStack.popLast() else { message = "Nothing to redo"; return }
        apply(change)
        undoStack.append(change)
        message = "Redid: \(change.summary)"
    }

    // MARK: Saving

    mutating func save(thenQuit: Bool = false) {
        guard !isReadOnly else {
            message = readOnlyMessage
            return
        }
        let onDisk = environment.fingerprint(path)
        if onDisk != nil, onDisk != fingerprint {
            modal = .conflict(thenQuit: thenQuit)
            return
        }
        write(thenQuit: thenQuit)
    }

    mutating func write(thenQuit: Bool) {
        do {
            try environment.write(document.data, path)
            fingerprint = environment.fingerprint(path)
            savedAt = undoStack.count
            message = "Saved \(fileName)"
            if thenQuit { isFinished = true }
        } catch {
            message = "\(error)"
        }
    }

    /// Replaces the document with the file on disk, dropping unsaved edits and the undo history.
    mutating func reload() {
        let keep = currentID
        do {
            let fresh = try MapDocument(data: try environment.read(path))
            document = fresh
            loadErrors = Self.errors(in: fresh)
            fingerprint = environment.fingerprint(path)
            undoStack = []
            redoStack = []
            savedAt = 0
            sessionStart = ReviewSnapshot(fresh.graph)
            changedSinceStart = []
            version += 1
            rebuildCaches()
            updateReviewDeck()
            lastSearch = nil
            if keep == nil || !select(id: keep!, remember: false) { selectFirstNonEmptyKind() }
            message = "Reloaded \(fileName) from disk"
            if isReadOnly { modal = .errors(scroll: 0) }
        } catch let error as MapLoadError {
            message = error.diagnostic.formatted(file: path)
        } catch {
            message = "\(path): cannot read: \((error as NSError).localizedDescription)"
        }
    }

    // MARK: View

    var contentArea: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 3)) }

    public func view(into buffer: inout Buffer) {
        buffer.fill(buffer.area)
        if buffer.width < Self.minimumWidth || buffer.height < Self.minimumHeight {
            drawTooSmall(into: &buffer)
            return
        }
        let area = Rect(x: 0, y: 1, width: buffer.width, height: buffer.height - 3)
        drawTabBar(into: &buffer)
        switch tab {
        case .browse: drawBrowse(into: &buffer, area: area)
        case .graph: drawGraph(into: &buffer, area: area)
        case .matrix: drawMatrix(into: &buffer, area: area)
        case .review: drawReview(into: &buffer, area: area)
        }
        drawStatus(into: &buffer)
        if let modal { drawModal(modal, into: &buffer) }
    }

    func drawTooSmall(into buffer: inout Buffer) {
        let lines = ["terminal too small", "(need \(Self.minimumWidth)×\(Self.minimumHeight), have \(buffer.width)×\(buffer.height))"]
        let top = max(0, buffer.height / 2 - 1)
        for (i, line) in lines.enumerated() {
            let cut = TextWidth.truncate(line, to: buffer.width)
            buffer.put(cut, x: max(0, (buffer.width - TextWidth.of(cut)) / 2), y: top + i, style: Style(bold: i == 0))
        }
    }

    func tabBarItems() -> [(tab: Tab, range: Range<Int>)] {
        var x = 1
        return Tab.allCases.map { tab in
            let w = TextWidth.of(" \(tab.rawValue) \(tab.title) ")
            defer { x += w + 1 }
            return (tab, x..<(x + w))
        }
    }

    func drawTabBar(into buffer: inout Buffer) {
        for item in tabBarItems() {
            let selected = item.tab == tab
            buffer.put(" \(item.tab.rawValue) \(item.tab.title) ", x: item.range.lowerBound, y: 0,
                       style: selected ? Style(bold: true, reverse: true) : Style(dim: false))
        }
        let end = tabBarItems().last?.range.upperBound ?? 0
        if let title = document.graph.header?.title {
            let room = buffer.width - end - 3
            let cut = TextWidth.truncate(title, to: room)
            buffer.put(cut, x: buffer.width - 1 - TextWidth.of(cut), y: 0, style: Style(dim: true))
        }
    }

    /// The status line (file, flags, message) and the hint line (from the keymap).
    func drawStatus(into buffer: inout Buffer) {
        let y = buffer.height - 2
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), with: Cell(" ", style: Style(reverse: true)))
        var left = " \(fileName)"
        if hasUnsavedChanges { left += " [+]" }
        if isReadOnly { left += " [read-only]" }
        if let message { left += "  │ \(message)" }
        buffer.put(TextWidth.truncate(left, to: buffer.width - 1), x: 0, y: y, style: Style(reverse: true))
        let hints = " " + Keymap.hints(for: modal?.scopes ?? scopes, width: buffer.width - 1)
        buffer.put(TextWidth.truncate(hints, to: buffer.width), x: 0, y: y + 1, style: Style(dim: true))
    }
}

func sentenceCase(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
}
