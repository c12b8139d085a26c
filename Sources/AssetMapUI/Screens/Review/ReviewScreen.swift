import AssetMapCore
import TerminalKit

// Review: the peer review of barriers, one card at a time, with a priority grid and a summary of
// the session. Every change is an ordinary attribute edit through the core, so undo, redo and the
// safe save of the app cover it.

extension Tab {
    package static let review = Tab("Review")
}

/// What the Review tab's keys ask for; one `Action.review(_)` case keeps the shared enum small.
package enum ReviewAction: Hashable, Sendable {
    case next, previous, first, last, scrollUp, scrollDown
    case statusForward, statusBack, voteUp, voteDown, impact, effort
    case owner, due, note, propose, dimension, clinical
    case filter, clearFilter
    case cards, grid, summary, openInBrowse
    case toggleClosed, writeMinutes, togglePrivate
    /// The live review room (Room/): open or show it, its queue, the votes each participant has.
    case room, roomQueue, roomMore, roomLess
}

enum ReviewMode: Equatable { case cards, grid, summary }

struct ReviewScreen: Screen {
    static let tab = Tab.review
    /// A card key; `grid`: the grid takes it too.
    static func bind(
        _ keys: [Key], _ action: ReviewAction, _ help: String, hint: String? = nil, keepsHint: Bool = false,
        grid: Bool = false
    ) -> Binding {
        Binding(
            keys: keys, action: .review(action), scopes: [.tab(.review)] + (grid ? [.reviewGrid] : []), help: help,
            hint: hint, keepsHint: keepsHint)
    }

    static let bindings: [Binding] = ReviewGrid.bindings + cardBindings + summaryBindings
    static let modeScopes: [Scope] = [.reviewGrid, .reviewSummary]

    static let cardBindings: [Binding] = [
        bind([.char("n"), .char(" ")], .next, "next barrier (also → and l)", hint: "next"),
        bind([.char("p")], .previous, "previous barrier (also ← and h)"),
        bind(
            [.char("t")], .statusForward, "status: next (open → discussed → agreed → in-progress → resolved → parked)",
            hint: "status", keepsHint: true),
        bind([.char("T")], .statusBack, "status: previous"),
        bind([.char("+"), .char("=")], .voteUp, "add a vote", hint: "vote"),
        bind([.char("-")], .voteDown, "take a vote away"),
        bind([.char("i")], .impact, "impact: high, low, not set", hint: "impact"),
        bind([.char("e")], .effort, "effort: high, low, not set", hint: "effort"),
        bind([.char("o")], .owner, "owner of the next step", hint: "owner"),
        bind([.char("d")], .due, "due date of the next step (21/12/2026, tomorrow, +2w, YYYY-MM-DD)", hint: "due"),
        bind([.char("D")], .dimension, "dimension: pick one of the five"),
        bind([.char("A")], .clinical, "clinical areas: tick them in a list"),
        bind([.char("c")], .note, "add a note dated today", hint: "note"),
        bind([.char("a")], .propose, "propose an improvement that addresses this barrier", hint: "propose"),
        bind(
            [.char("f")], .filter, "filter by community, clinical area, dimension or status", hint: "filter", grid: true
        ),
        bind([.char("F")], .clearFilter, "clear the filters", grid: true),
        bind([.char("P")], .togglePrivate, "show or hide private attributes (hidden: the screen may be projected)"),
        bind([.char("g")], .grid, "priority grid: impact × effort (arrows choose, Enter opens the card)"),
        bind([.char("m")], .summary, "summary of this session (w writes the minutes)", hint: "summary", grid: true),
        bind([.escape], .cards, "back to the cards (Enter opens the barrier in Browse)"),
        bind(
            [.char("R")], .room, "the live review room: open it (phones join), show its QR code, close it",
            hint: "room",
            keepsHint: true, grid: true),
        bind([.char("W")], .roomQueue, "the room's notes and suggestions: accept, edit or discard", grid: true),
    ]

    var filter = ReviewFilter()
    /// The barrier on screen, kept by id so edits that reorder barriers do not move the card.
    var barrier: String?
    /// Where it was in the deck, for when it drops out of the deck.
    var position = 0
    /// The session's selection when the card last followed it: an edit reports the selection again, and only
    /// a selection that really moved (in Browse, a search, Matrix) changes the card on show.
    var followed: String?
    /// The deck's order, fixed while the driver goes through it (votes do not reshuffle it);
    /// nil until the first key, and reset when the filter changes.
    var order: [String]?
    var mode: ReviewMode = .cards
    var textScroll = ListScroll()
    var grid = ReviewGrid()
    /// Private attributes on the cards (`P`); hidden by default, since Review is what gets projected.
    var showsPrivate = false
    var hidesPrivate: Bool { !showsPrivate }
    /// The session summary while it is on screen, and the document version it was computed for.
    var summary: (version: Int, summary: SessionSummary)?
    /// Every barrier's card and the deck, kept up to date by edits. Made after the first frame while no key
    /// waits (`idle`), or when the tab is first fitted or sent a key (`prepare`), so opening a large map does
    /// not wait for cards before its first frame.
    private(set) var madeCache: ReviewCache?
    /// The cards, or none before they are made (every way onto the tab makes them first: `fit`, `handle`).
    var cache: ReviewCache { madeCache ?? ReviewCache() }
    /// The map as it was when the session began (opened or reloaded), for the summary: its graph until the
    /// snapshot is made after the first frame (`idle`; at 100,000 nodes it takes a tenth of a second).
    var sessionStart: SessionStart
    /// Ids of the nodes edits touched since the session began (`GraphDelta.touched`); nil once an edit
    /// re-read the whole map.
    var changedSinceStart: Set<String>? = []

    var scopes: [Scope] {
        switch mode {
        case .cards: return [.tab(.review)]
        case .grid: return [.reviewGrid]
        case .summary: return [.reviewSummary]  // the card's keys would edit a card not on screen
        }
    }

    /// A search finds a barrier: its card opens here (a filter hiding it is cleared).
    func canReveal(session: Session) -> Bool {
        guard let id = session.currentID else { return false }
        return madeCache.map { $0.cardOfID[id] != nil } ?? (session.graph.node(id)?.hasKind(.barrier) ?? false)
    }

    /// The card's barrier (the grid's selection in the grid).
    func editorLine(session: Session) -> Int? {
        let deck = self.deck
        let id = mode == .grid ? grid.selectedID(cache) : current(in: deck).map { deck[$0].id }
        return id.flatMap { session.graph.node($0)?.line }
    }

    init(session: Session) {
        sessionStart = .graph(session.graph)
    }

    /// The session's start and the cards are made after the first frame, while no key waits, so that an
    /// edit does not hold the first graph and `4` finds the cards ready.
    mutating func idle(session: Session) -> Bool {
        if case .graph(let graph) = sessionStart {
            sessionStart = .snapshot(ReviewSnapshot(graph))
            return true
        }
        guard madeCache == nil else { return false }
        prepare(session)
        return true
    }

    /// Makes the cards and the deck if they are not made yet, with the selected barrier's card on screen.
    mutating func prepare(_ session: Session) {
        guard madeCache == nil else { return }
        madeCache = ReviewCache(graph: session.graph)
        updateDeck(session)
        follow(session)
    }

    /// Shows the selected node's card when it is a barrier in the deck, and notes the selection as followed.
    mutating func follow(_ session: Session) {
        followed = session.currentID
        if let id = followed, let i = madeCache?.deckIndex(of: id) { (barrier, position) = (id, i) }
    }

    // MARK: The deck

    /// The deck: the fixed order (barriers still in the map), then any barrier that came to match
    /// since, in review order. Kept up to date by `updateDeck` (never rebuilt while drawing).
    var deck: ReviewDeck { ReviewDeck(cache: cache) }

    /// The card the room's phones follow: the one on screen in the cards view.
    var cardOnShow: BarrierCard? {
        guard mode == .cards, madeCache != nil else { return nil }
        let deck = self.deck
        return current(in: deck).map { deck[$0] }
    }

    /// The card on screen and its index in the deck.
    func current(in deck: ReviewDeck) -> Int? {
        guard !deck.isEmpty else { return nil }
        if let id = barrier, let i = cache.deckIndex(of: id) { return i }
        return min(position, deck.count - 1)
    }

    /// Brings the deck up to date with the cards, the filter and the fixed order.
    mutating func updateDeck(_ session: Session) {
        madeCache?.updateDeck(filter: filter, order: order)
        if mode == .grid { grid.refresh(cache) }
        updateSummary(session)
    }

    /// Computes the summary when it opens and after each change while it is open; drops it when it closes.
    mutating func updateSummary(_ session: Session) {
        guard mode == .summary else { summary = nil; return }
        if summary?.version != session.version { summary = (session.version, summaryFromScratch(session)) }
    }

    func summaryFromScratch(_ session: Session) -> SessionSummary {
        SessionSummary(start: sessionStart.snapshot, now: session.graph, changedIDs: changedSinceStart)
    }

    mutating func freezeOrder() {
        if order == nil {
            // The deck with no fixed order is the order to fix.
            order = cache.deckIDs
            madeCache?.fixOrder()
        }
        let deck = self.deck
        if let i = current(in: deck) {
            barrier = deck[i].id
            position = i
        }
    }

    mutating func setFilter(_ filter: ReviewFilter, session: Session) -> [Effect] {
        prepare(session)
        self.filter = filter
        order = nil
        barrier = nil
        position = 0
        textScroll = ListScroll()
        if mode != .grid { mode = .cards }
        updateDeck(session)
        freezeOrder()
        let count = deck.count
        return [.message("\(filter.describe(in: session.graph)): \(count) barrier\(count == 1 ? "" : "s")")]
    }

    mutating func receive(_ message: ScreenMessage, session: Session) {
        switch message {
        case .documentChanged(let delta?):
            madeCache?.follow(delta, in: session.graph)
            changedSinceStart?.formUnion(delta.touched)
        case .documentChanged(nil):
            madeCache?.rebuild(graph: session.graph)
            changedSinceStart = nil
        case .reloaded:
            madeCache?.rebuild(graph: session.graph)
            sessionStart = .graph(session.graph)
            changedSinceStart = []
        case .revealSelection(let tab) where tab == .review:
            // A jump (search) to a barrier from this tab opens its card, even one the filter had left out.
            prepare(session)
            guard let id = session.currentID, cache.cardOfID[id] != nil else { return }
            if cache.deckIndex(of: id) == nil { _ = setFilter(ReviewFilter(), session: session) }
            follow(session)
            (mode, textScroll) = (.cards, ListScroll())
            updateSummary(session)
            return
        case .selectionChanged, .revealSelection:
            // A barrier chosen anywhere (Browse, a search, Matrix) is the card Review shows; an edit on a card
            // reports the selection unchanged and leaves the card on show where it is.
            if session.currentID != followed { follow(session) }
            return
        }
        if madeCache != nil { updateDeck(session) }
    }
}

/// Where the session summary starts from.
enum SessionStart {
    case graph(MapGraph)
    case snapshot(ReviewSnapshot)

    var snapshot: ReviewSnapshot {
        switch self {
        case .graph(let graph): ReviewSnapshot(graph)
        case .snapshot(let snapshot): snapshot
        }
    }
}
