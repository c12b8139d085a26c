import AssetMapCore

// Review: the peer review of barriers, one card at a time, with a priority grid and a summary of
// the session. Every change is an ordinary attribute edit through the core, so undo, redo and the
// safe save of the app cover it.

/// What the Review tab's keys ask for; one `Action.review(_)` case keeps the shared enum small.
public enum ReviewAction: Hashable, Sendable {
    case next, previous, first, last, scrollUp, scrollDown
    case statusForward, statusBack, voteUp, voteDown, impact, effort
    case owner, due, note, propose
    case filter, clearFilter
    case cards, grid, summary, openInBrowse
}

enum ReviewMode: Equatable { case cards, grid, summary }

struct ReviewState {
    var filter = ReviewFilter()
    /// The barrier on screen, kept by id so edits that reorder barriers do not move the card.
    var barrier: String?
    /// Where it was in the deck, for when it drops out of the deck.
    var position = 0
    /// The deck's order, fixed while the driver goes through it (votes do not reshuffle it);
    /// nil until the first key, and reset when the filter changes.
    var order: [String]?
    var mode: ReviewMode = .cards
    var scroll = 0
    /// The session summary while it is on screen, and the document version it was computed for.
    var summary: (version: Int, summary: SessionSummary)?
}

enum ReviewView {
    static func bind(_ keys: [Key], _ action: ReviewAction, _ help: String, hint: String? = nil) -> Binding {
        Binding(keys: keys, action: .review(action), scopes: [.tab(.review)], help: help, hint: hint)
    }

    static let bindings: [Binding] = [
        bind([.char("n"), .right, .char(" ")], .next, "next barrier", hint: "next"),
        bind([.char("p")], .previous, "previous barrier (also ←)", hint: "prev"),
        bind([.char("t")], .statusForward, "status: next (open → discussed → agreed → in-progress → resolved → parked)", hint: "status"),
        bind([.char("T")], .statusBack, "status: previous"),
        bind([.char("+"), .char("=")], .voteUp, "add a vote", hint: "vote"),
        bind([.char("-")], .voteDown, "take a vote away"),
        bind([.char("i")], .impact, "impact: high, low, not set"),
        bind([.char("e")], .effort, "effort: high, low, not set"),
        bind([.char("o")], .owner, "owner of the next step"),
        bind([.char("d")], .due, "due date of the next step (YYYY-MM-DD)"),
        bind([.char("c")], .note, "add a note dated today", hint: "note"),
        bind([.char("a")], .propose, "propose an improvement that addresses this barrier", hint: "propose"),
        bind([.char("f")], .filter, "filter by community, clinical area, dimension or status", hint: "filter"),
        bind([.char("F")], .clearFilter, "clear the filters"),
        bind([.char("g")], .grid, "priority grid: impact × effort"),
        bind([.char("m")], .summary, "summary of this session", hint: "summary"),
        bind([.escape], .cards, "back to the cards (Enter opens the barrier in Browse)"),
    ]

    /// The next value in a cycle, `nil` meaning "not set".
    static func cycle(_ values: [String?], from current: String?, by step: Int) -> String? {
        let i = values.firstIndex(of: current) ?? -1
        let n = values.count
        return values[((i + step) % n + n) % n]
    }

    struct Line {
        var text: String
        var style: Style = .plain
        var indent = 0
    }
}

extension AssetMapApp {
    // MARK: The deck

    /// The deck: the fixed order (barriers still in the map), then any barrier that came to match
    /// since, in review order. Kept up to date by `updateReviewDeck` (never rebuilt while drawing).
    var reviewDeck: ReviewDeck { ReviewDeck(cache: reviewCache) }

    /// The card on screen and its index in the deck.
    func reviewCurrent(in deck: ReviewDeck) -> Int? {
        guard !deck.isEmpty else { return nil }
        if let id = review.barrier, let i = reviewCache.deckIndex(of: id) { return i }
        return min(review.position, deck.count - 1)
    }

    var reviewBarrierID: String? {
        let deck = reviewDeck
        return reviewCurrent(in: deck).map { deck[$0].id }
    }

    /// Brings the deck up to date with the cards, the filter and the fixed order.
    mutating func updateReviewDeck() {
        reviewCache.updateDeck(filter: review.filter, order: review.order)
        updateReviewSummary()
    }

    /// Computes the summary when it opens and after each change while it is open; drops it when it closes.
    mutating func updateReviewSummary() {
        guard review.mode == .summary else { review.summary = nil; return }
        if review.summary?.version != version { review.summary = (version, reviewSummaryFromScratch) }
    }

    var reviewSummaryFromScratch: SessionSummary {
        SessionSummary(start: sessionStart, now: document.graph, changedIDs: changedSinceStart)
    }

    mutating func freezeReviewOrder() {
        if review.order == nil {
            // The deck with no fixed order is the order to fix.
            review.order = reviewCache.deckIDs
            reviewCache.fixOrder()
        }
        let deck = reviewDeck
        if let i = reviewCurrent(in: deck) {
            review.barrier = deck[i].id
            review.position = i
        }
    }

    mutating func setReviewFilter(_ filter: ReviewFilter) {
        review.filter = filter
        review.order = nil
        review.barrier = nil
        review.position = 0
        review.scroll = 0
        review.mode = .cards
        updateReviewDeck()
        freezeReviewOrder()
        let count = reviewDeck.count
        message = "\(filter.describe(in: document.graph)): \(count) barrier\(count == 1 ? "" : "s")"
    }

    /// The map as it was when the session began: the document with every change since loading undone.
    // MARK: Keys

    mutating func handleReview(_ action: Action) {
        // The shared movement keys of every tab arrive as plain actions.
        let translated: ReviewAction?
        switch action {
        case .review(let a): translated = a
        case .up, .pageUp: translated = .scrollUp
        case .down, .pageDown: translated = .scrollDown
        case .left: translated = .previous
        case .right: translated = .next
        case .home: translated = .first
        case .end: translated = .last
        case .enter: translated = .openInBrowse
        case .back: goBack(); return
        default: translated = nil
        }
        guard let action = translated else { return }
        freezeReviewOrder()
        let deck = reviewDeck
        let current = reviewCurrent(in: deck)
        func move(to i: Int) {
            guard !deck.isEmpty else { return }
            let i = max(0, min(deck.count - 1, i))
            review.barrier = deck[i].id
            review.position = i
            review.scroll = 0
        }
        let id = current.map { deck[$0].id }
        let card = current.map { deck[$0] }
        switch action {
        case .next:
            if review.mode == .summary { return }
            if let current, current + 1 >= deck.count { message = "Last barrier: g shows the priority grid, m the summary" }
            move(to: (current ?? -1) + 1)
        case .previous:
            if review.mode == .summary { return }
            if current == 0 { message = "First barrier" }
            move(to: (current ?? 1) - 1)
        case .first: move(to: 0)
        case .last: move(to: deck.count - 1)
        case .scrollUp: review.scroll = max(0, review.scroll - 1)
        case .scrollDown: review.scroll += 1
        case .cards: review.mode = .cards; review.scroll = 0
        case .grid: review.mode = review.mode == .grid ? .cards : .grid; review.scroll = 0
        case .summary: review.mode = review.mode == .summary ? .cards : .summary; review.scroll = 0
        case .clearFilter: setReviewFilter(ReviewFilter())
        case .filter: startReviewFilter()
        case .openInBrowse:
            guard let id else { return }
            if select(id: id, remember: true) { switchTab(to: .browse) }
        case .statusForward, .statusBack, .voteUp, .voteDown, .impact, .effort, .owner, .due, .note, .propose:
            guard let id, let card else { message = "No barrier here: F clears the filters"; return }
            reviewEdit(action, barrier: id, card: card)
        }
        updateReviewSummary()
    }

    private mutating func reviewEdit(_ action: ReviewAction, barrier id: String, card: BarrierCard) {
        let levels: [String?] = [nil, "high", "low"]
        switch action {
        case .statusForward, .statusBack:
            let status = ReviewView.cycle(Vocabulary.barrierStatus, from: card.status, by: action == .statusForward ? 1 : -1)!
            let today = environment.today()
            edit { try $0.setBarrierStatus(id, to: status, date: today) }
        case .voteUp: edit { try $0.vote(id, by: 1) }
        case .voteDown: edit { try $0.vote(id, by: -1) }
        case .impact:
            let level = ReviewView.cycle(levels, from: card.impact, by: 1)
            edit { try $0.setImpact(id, to: level) }
        case .effort:
            let level = ReviewView.cycle(levels, from: card.effort, by: 1)
            edit { try $0.setEffort(id, to: level) }
        case .owner, .due, .note, .propose:
            startReviewPrompt(action, barrier: id, card: card)
        default: break
        }
    }

    // MARK: Drawing

    func drawReview(into buffer: inout Buffer, area: Rect) {
        guard area.height >= 3 else { return }
        let deck = reviewDeck
        let current = reviewCurrent(in: deck)
        let (top, body) = area.splitRows(1)
        let position = deck.isEmpty ? "no barriers" : "barrier \(current! + 1) of \(deck.count)"
        let filterText = " Filter: \(review.filter.describe(in: document.graph))"
        buffer.put(position + " ", x: top.maxX - TextWidth.of(position) - 1, y: top.y, style: Style(bold: true))
        buffer.put(TextWidth.truncate(filterText, to: max(0, top.width - TextWidth.of(position) - 3)), x: top.x, y: top.y,
                   style: Style(bold: !review.filter.isEmpty, dim: review.filter.isEmpty))
        switch review.mode {
        case .cards:
            let title = current.map { "\(deck[$0].id)" } ?? "Review"
            let inner = Widgets.box(body, title: title, focused: true, into: &buffer)
            let lines = current.map { reviewCardLines(deck[$0], width: inner.width - 2) }
                ?? [ReviewView.Line(text: review.filter.isEmpty ? "This map has no barriers yet." : "No barrier matches the filter (F clears it).", style: Style(dim: true))]
            drawReviewLines(lines, in: inner, into: &buffer)
        case .grid:
            drawReviewGrid(current: current.map { deck[$0].id }, area: body, into: &buffer)
        case .summary:
            let inner = Widgets.box(body, title: "Session summary", focused: true, into: &buffer)
            drawReviewLines(reviewSummaryLines(width: inner.width - 2), in: inner, into: &buffer)
        }
    }

    private func drawReviewLines(_ lines: [ReviewView.Line], in inner: Rect, into buffer: inout Buffer) {
        let scroll = max(0, min(review.scroll, lines.count - inner.height))
        for row in 0..<inner.height {
            let l = scroll + row
            guard l < lines.count else { break }
            let line = lines[l]
            buffer.put(line.text, x: inner.x + 1 + line.indent, y: inner.y + row, style: line.style, maxWidth: max(0, inner.width - 1 - line.indent))
        }
        if lines.count > inner.height {
            let more = " \(scroll + 1)–\(min(lines.count, scroll + inner.height))/\(lines.count) ↑↓ "
            buffer.put(more, x: inner.maxX - TextWidth.of(more) - 1, y: inner.maxY, style: Style(dim: true))
        }
    }

    /// A card: the barrier large, then what the session records, then the context.
    func reviewCardLines(_ card: BarrierCard, width: Int) -> [ReviewView.Line] {
        var lines: [ReviewView.Line] = []
        func add(_ text: String, _ style: Style = .plain, indent: Int = 0) {
            for part in Widgets.wrap(text, width: max(1, width - indent)) { lines.append(.init(text: part, style: style, indent: indent)) }
        }
        func field(_ name: String, _ value: String, _ style: Style = .plain) {
            let label = TextWidth.pad(name, to: 13)
            for (n, part) in Widgets.wrap(value, width: max(1, width - 13)).enumerated() {
                lines.append(.init(text: n == 0 ? label + part : String(repeating: " ", count: 13) + part, style: style))
            }
        }
        add(card.label, Style(bold: true))
        lines.append(.init(text: ""))
        let votes = "\(card.votes) vote\(card.votes == 1 ? "" : "s")"
        field("Status", "\(card.status) · \(votes) · impact \(card.impact ?? "–") · effort \(card.effort ?? "–")", Style(bold: true))
        if card.quadrant == .quickWin { field("", "★ quick win") }
        let today = environment.today()
        if card.hasAction {
            let overdue = ReviewReport.isOverdue(card, today: today) ? " (overdue)" : ""
            field("Next step", "\(card.owner ?? "no owner yet"), \(card.due.map { "due \($0)" } ?? "no due date")\(overdue)")
        }
        lines.append(.init(text: ""))
        field("Dimension", card.dimension ?? "–")
        field("Clinical", card.clinical.isEmpty ? "–" : card.clinical.joined(separator: ", "))
        field("Affects", card.communities.isEmpty ? "no community linked" : card.communities.map(\.label).joined(separator: "; "))
        field("Where", card.places.isEmpty ? "–" : card.places.map(\.label).joined(separator: "; "))
        lines.append(.init(text: ""))
        lines.append(.init(text: "Improvements", style: Style(bold: true)))
        if card.improvements.isEmpty { add("none yet (a proposes one)", Style(dim: true), indent: 2) }
        for improvement in card.improvements {
            add("• \(improvement.label) [\(improvement.status ?? "no status")]", Style(foreground: .magenta), indent: 2)
        }
        lines.append(.init(text: ""))
        lines.append(.init(text: "Notes", style: Style(bold: true)))
        if card.notes.isEmpty { add("none yet (c adds one)", Style(dim: true), indent: 2) }
        for note in card.notes { add(note.value, indent: 2) }
        return lines
    }

    private func drawReviewGrid(current: String?, area: Rect, into buffer: inout Buffer) {
        let grid = reviewCache.grid()
        let unrated = grid[.unrated]?.count ?? 0
        let (note, rest) = area.splitRows(1)
        buffer.put(" Top: high impact · left: low effort · unrated: \(unrated) (i and e rate a card)", x: note.x, y: note.y, style: Style(dim: true), maxWidth: note.width)
        let (upper, lower) = rest.splitRows(rest.height / 2)
        let (quickWins, major) = upper.splitColumns(upper.width / 2)
        let (fillIns, notNow) = lower.splitColumns(lower.width / 2)
        for (quadrant, rect) in [(PriorityQuadrant.quickWin, quickWins), (.majorProject, major), (.fillIn, fillIns), (.notNow, notNow)] {
            let cards = grid[quadrant] ?? []
            let inner = Widgets.box(rect, title: "\(quadrant.title) (\(cards.count))", focused: quadrant == .quickWin, into: &buffer)
            for (row, card) in cards.prefix(inner.height).enumerated() {
                let mark = card.id == current ? "▸" : " "
                let text = "\(mark)\(String(card.votes).leftPadded(to: 3)) \(card.label)"
                buffer.put(text, x: inner.x, y: inner.y + row, style: Style(bold: card.id == current, reverse: card.id == current), maxWidth: inner.width)
            }
            if cards.count > inner.height, inner.height > 0 {
                buffer.put("+\(cards.count - inner.height + 1) more", x: inner.x, y: inner.maxY - 1, style: Style(dim: true), maxWidth: inner.width)
            }
        }
    }

    func reviewSummaryLines(width: Int) -> [ReviewView.Line] {
        let summary = review.summary.flatMap { $0.version == version ? $0.summary : nil } ?? reviewSummaryFromScratch
        var lines: [ReviewView.Line] = []
        func add(_ text: String, _ style: Style = .plain, indent: Int = 0) {
            for part in Widgets.wrap(text, width: max(1, width - indent)) { lines.append(.init(text: part, style: style, indent: indent)) }
        }
        func heading(_ text: String, _ count: Int) {
            lines.append(.init(text: ""))
            lines.append(.init(text: "\(text) (\(count))", style: Style(bold: true)))
            if count == 0 { add("none", Style(dim: true), indent: 2) }
        }
        let n = summary.discussed.count
        add("\(n) barrier\(n == 1 ? "" : "s") discussed this session", Style(bold: true))
        heading("Status changes", summary.statusChanges.count)
        for change in summary.statusChanges { add("\(change.barrier.label): \(change.from) → \(change.to)", indent: 2) }
        heading("Actions", summary.actions.count)
        for action in summary.actions {
            add("\(action.barrier.label): \(action.owner ?? "no owner yet"), \(action.due.map { "due \($0)" } ?? "no due date")", indent: 2)
        }
        heading("Improvements proposed", summary.proposals.count)
        for proposal in summary.proposals {
            add("\(proposal.improvement.label) → \(proposal.addresses.map(\.label).joined(separator: "; "))", indent: 2)
        }
        heading("Notes taken", summary.notes.count)
        for taken in summary.notes { add("\(taken.barrier.label): \(taken.note.value)", indent: 2) }
        lines.append(.init(text: ""))
        add("s saves; `assetmap report FILE` writes the minutes.", Style(dim: true))
        return lines
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
