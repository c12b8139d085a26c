import Foundation
import AssetMapCore
import TerminalKit

/// The open map and everything every screen may read: the document, its undo history, the caches
/// kept up to date by edits (so no key rebuilds them) and the selected node. Screens and dialogs get
/// it read-only; only the app changes it, by carrying out their effects.
struct Session {
    var document: MapDocument
    var path: String
    /// The map is the bundled example opened as a copy: the first save asks where, never over the example.
    var savesAsCopy = false
    let environment: AppEnvironment
    /// Errors found when the map was loaded; any error makes the session read-only.
    var loadErrors: [Diagnostic]
    var fingerprint: MapFile.Fingerprint?
    /// Why the file itself may not be written (no write permission), or nil: the session is then read-only.
    var fileReadOnly: String?

    var undoStack: [Change] = []
    var redoStack: [Change] = []
    /// `undoStack.count` at the last save; nil once that state can no longer be reached.
    var savedAt: Int? = 0
    /// Bumped on every change to the document; caches compare against it.
    var version = 0
    var index: DocumentIndex
    /// Made after the first frame while no key waits (`prepareSearch`); until then made afresh when asked for.
    private(set) var madeSearchIndex: SearchIndex?
    var searchIndex: SearchIndex { madeSearchIndex ?? SearchIndex(graph: graph, version: version) }

    /// The selection: a kind (its position in `graph.kinds`) and a row of its node list. Browse's list
    /// row, Graph's centre.
    var kind = 0
    var row = 0
    /// Node ids visited before the current one (Backspace pops).
    var history: [String] = []
    var lastSearch: (query: String, matches: [SearchIndex.Match], position: Int)?
    /// How roles look (colours, emphasis).
    var theme = Theme.standard
    /// The screens' area (below the tab bar, above the status lines), for their page sizes.
    var contentArea = Rect(x: 0, y: 1, width: 80, height: 21)
    /// The whole terminal.
    var screen: Rect { Rect(x: 0, y: 0, width: contentArea.width, height: contentArea.height + 3) }

    init(document: MapDocument, path: String, loadErrors: [Diagnostic], environment: AppEnvironment) {
        self.document = document
        self.path = path
        self.environment = environment
        self.loadErrors = loadErrors
        index = DocumentIndex(graph: document.graph)
        fingerprint = MapFile.fingerprint(of: path, content: document.data)
        fileReadOnly = environment.readOnlyReason(path)
        selectFirstNonEmptyKind()
    }

    var graph: MapGraph { document.graph }
    var isReadOnly: Bool { loadErrors.hasErrors || fileReadOnly != nil }
    var hasUnsavedChanges: Bool { savedAt != undoStack.count }
    var fileName: String { (path as NSString).lastPathComponent }

    var readOnlyMessage: String {
        if !loadErrors.hasErrors, let fileReadOnly {
            return "Read-only: \(fileReadOnly)"
        }
        return
            "Read-only: \(fileName) has \(loadErrors.count) error\(loadErrors.count == 1 ? "" : "s") (! lists them); E opens your editor"
    }

    // MARK: Selection

    /// The nodes of the selected kind, in file order.
    var kindNodes: [Int] { index.kindNodes.indices.contains(kind) ? index.kindNodes[kind] : [] }

    var currentNode: Int? {
        let list = kindNodes
        return list.indices.contains(row) ? list[row] : nil
    }

    var currentID: String? { currentNode.map { graph.nodes[$0].id } }

    /// The selected node's links.
    var currentNeighbours: [Neighbour] { currentNode.map { graph.neighbours(ofNode: $0) } ?? [] }

    /// Selects a node by index, keeping the browser-style history when `remember` is set.
    mutating func select(node: Int, remember: Bool) {
        if remember, let id = currentID, id != graph.nodes[node].id { history.append(id) }
        kind = index.kindOfNode[node]
        row = index.rowOfNode[node]
    }

    mutating func select(id: String, remember: Bool) -> Bool {
        guard let i = graph.nodeIndex[id] else { return false }
        select(node: i, remember: remember)
        return true
    }

    /// Back to the last node in the history still in the map; false when there is none.
    mutating func goBack() -> Bool {
        while let id = history.popLast() {
            if select(id: id, remember: false) { return true }
        }
        return false
    }

    mutating func selectFirstNonEmptyKind() {
        kind = index.kindNodes.firstIndex { !$0.isEmpty } ?? 0
        row = 0
    }

    // MARK: Changes

    /// Applies a change to the document and follows it in the caches and the selection. Returns what
    /// moved (nil: the whole map was re-read).
    mutating func apply(_ change: Change) -> GraphDelta? {
        let keep = currentID
        let keepKind = kind
        let delta = document.apply(change)
        if let delta {
            let graph = graph
            index.follow(delta, in: graph)
            madeSearchIndex?.follow(delta, in: graph)
        } else {
            rebuildCaches()
        }
        version += 1
        lastSearch = nil
        if let keep, select(id: keep, remember: false) { return delta }
        kind = min(keepKind, max(0, index.kindNodes.count - 1))
        row = min(row, max(0, kindNodes.count - 1))
        return delta
    }

    /// After the whole map was re-read.
    mutating func rebuildCaches() {
        index = DocumentIndex(graph: graph)
        madeSearchIndex = nil
    }

    /// Work put off from opening the map (`TerminalApp.idle`): true when some was done.
    mutating func prepareSearch() -> Bool {
        guard madeSearchIndex == nil else { return false }
        madeSearchIndex = SearchIndex(graph: graph, version: version)
        return true
    }

    /// Replaces the document with one read afresh from disk, dropping the undo history.
    mutating func replace(with fresh: MapDocument, loadErrors: [Diagnostic]) {
        let keep = currentID
        document = fresh
        self.loadErrors = loadErrors
        fingerprint = MapFile.fingerprint(of: path, content: fresh.data)
        fileReadOnly = environment.readOnlyReason(path)
        undoStack = []
        redoStack = []
        savedAt = 0
        version += 1
        rebuildCaches()
        lastSearch = nil
        if keep == nil || !select(id: keep!, remember: false) { selectFirstNonEmptyKind() }
    }
}

func sentenceCase(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
}
