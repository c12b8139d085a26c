import AssetMapCore
import TerminalKit

// The Review screen's keys: moving through the deck, the edits a card takes, its prompts.

extension ReviewScreen {
    mutating func handle(_ action: Action, session: Session) -> [Effect] {
        prepare(session)
        if mode == .grid, let effects = handleGrid(action, session: session) { return effects }
        if mode == .summary, let effects = handleSummary(action, session: session) { return effects }
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
        case .back: return [.goBack]
        default: translated = nil
        }
        guard let action = translated else { return [] }
        freezeOrder()
        let effects = handle(action, session: session)
        updateSummary(session)
        return effects
    }

    private mutating func handle(_ action: ReviewAction, session: Session) -> [Effect] {
        let deck = self.deck
        let current = current(in: deck)
        func move(to i: Int) {
            guard !deck.isEmpty else { return }
            let i = max(0, min(deck.count - 1, i))
            barrier = deck[i].id
            position = i
            textScroll = ListScroll()
        }
        let card = current.map { deck[$0] }
        switch action {
        case .next:
            move(to: (current ?? -1) + 1)
            if let current, current + 1 >= deck.count {
                return [.message("Last barrier: g shows the priority grid, m the summary")]
            }
        case .previous:
            move(to: (current ?? 1) - 1)
            if current == 0 { return [.message("First barrier")] }
        case .first: move(to: 0)
        case .last: move(to: deck.count - 1)
        case .scrollUp: scrollText(by: -1, area: session.contentArea, session: session)
        case .scrollDown: scrollText(by: 1, area: session.contentArea, session: session)
        case .cards: mode = .cards; textScroll = ListScroll()
        case .grid:
            mode = mode == .grid ? .cards : .grid
            textScroll = ListScroll()
            if mode == .grid { openGrid() }
        case .summary: mode = mode == .summary ? .cards : .summary; textScroll = ListScroll()
        case .clearFilter: return setFilter(ReviewFilter(), session: session)
        case .togglePrivate:
            showsPrivate.toggle()
            return [
                .message(
                    showsPrivate
                        ? "Private attributes shown: mind who can see the screen (P hides them)"
                        : "Private attributes hidden")
            ]
        case .toggleClosed, .writeMinutes, .roomMore, .roomLess: return []
        case .room:
            guard let room = session.environment.room else { return [.message("The room opens from assetmap FILE")] }
            return [.present(RoomDialog(room: room))]
        case .roomQueue:
            guard let room = session.environment.room, room.status.isOpen || !room.status.queue.isEmpty else {
                return [.message("The room is not open: R opens it")]
            }
            return [.present(RoomQueueDialog())]
        case .filter: return [.present(ReviewPicker(current: filter, counts: cache.facetCounts, session: session))]
        case .openInBrowse:
            guard let card else { return [] }
            return [.selectID(card.id, remember: true), .show(.browse)]
        case .statusForward, .statusBack, .voteUp, .voteDown, .impact, .effort, .owner, .due, .note, .propose,
            .dimension, .clinical:
            guard let card else { return [.message("No barrier here: F clears the filters")] }
            return edit(action, card: card, session: session)
        }
        return []
    }

    private func edit(_ action: ReviewAction, card: BarrierCard, session: Session) -> [Effect] {
        let id = card.id
        let levels: [String?] = [nil, "high", "low"]
        let today = session.environment.today()
        switch action {
        case .statusForward, .statusBack:
            let status = Self.cycle(Vocabulary.barrierStatus, from: card.status, by: action == .statusForward ? 1 : -1)!
            return [.edit { try $0.setBarrierStatus(id, to: status, date: today) }]
        case .voteUp: return [.edit { try $0.vote(id, by: 1, date: today) }]
        case .voteDown: return [.edit { try $0.vote(id, by: -1, date: today) }]
        case .impact:
            let level = Self.cycle(levels, from: card.impact, by: 1)
            return [.edit { try $0.setImpact(id, to: level, date: today) }]
        case .effort:
            let level = Self.cycle(levels, from: card.effort, by: 1)
            return [.edit { try $0.setEffort(id, to: level, date: today) }]
        case .dimension, .clinical:
            guard !session.isReadOnly else { return [.message(session.readOnlyMessage)] }
            return AttributeEntry.picker(action == .dimension ? "dimension" : "clinical", of: id, session: session).map
            { [.present($0)] } ?? []
        case .owner, .due, .note, .propose:
            guard !session.isReadOnly else { return [.message(session.readOnlyMessage)] }
            var prompt = prompt(action, card: card, today: session.environment.today())
            if action == .owner { prompt.suggestions = Self.ownerSuggestions(session.graph) }
            return [.present(prompt)]
        default: return []
        }
    }

    /// What the map already holds for an owner, so one organisation is not written two ways: its organisations
    /// first, then the owners named on barriers.
    static func ownerSuggestions(_ graph: MapGraph) -> [String] {
        var out = graph.nodes(ofKind: BuiltinKind.organisation.name).map(\.label)
        for node in graph.nodes(ofKind: BuiltinKind.barrier.name) {
            if let owner = node.value("owner"), !out.contains(owner) { out.append(owner) }
        }
        return out
    }

    /// The next value in a cycle, `nil` meaning "not set".
    static func cycle(_ values: [String?], from current: String?, by step: Int) -> String? {
        let i = values.firstIndex(of: current) ?? -1
        let n = values.count
        return values[((i + step) % n + n) % n]
    }

    /// The prompts of o, d, c and a. A refused edit keeps the prompt open with the reason shown.
    private func prompt(_ action: ReviewAction, card: BarrierCard, today: String) -> TextPrompt {
        let id = card.id
        func accept(_ make: @escaping (MapDocument, String) throws -> Change) -> (String, Session) -> [Effect] {
            { text, _ in
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                return [.edit({ try make($0, trimmed) }, then: [.dismiss])]
            }
        }
        switch action {
        case .owner:
            return TextPrompt(
                title: "Owner", detail: "Who carries the next step on \"\(card.label)\"? (↓ picks one the map holds)",
                text: card.owner ?? "",
                onAccept: accept { try $0.setOwner(id, to: $1, date: today) })
        case .due:
            return TextPrompt(
                title: "Due date", detail: "By when: 21/12/2026, tomorrow, +2w… (today is \(today); empty clears):",
                text: card.due ?? "",
                onAccept: accept { try $0.setDue(id, to: $1, date: today) })
        case .note:
            return TextPrompt(
                title: "Note", detail: "Note on \"\(card.label)\", dated \(today):",
                onAccept: accept { try $0.addReviewNote(id, date: today, text: $1) })
        default:
            return TextPrompt(title: "Propose an improvement", detail: "What would address \"\(card.label)\"? (label)")
            { text, session in
                let label = text.trimmingCharacters(in: .whitespaces)
                guard !label.isEmpty else { return [.message("A label cannot be empty")] }
                // The id is made from the label, as for any new node (`i` in Browse changes it).
                let improvement = session.document.suggestID(for: label)
                return [
                    .edit(
                        { try $0.proposeImprovement(for: id, id: improvement, label: label, date: today) },
                        then: [.dismiss])
                ]
            }
        }
    }
}
