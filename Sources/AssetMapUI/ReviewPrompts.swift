import AssetMapCore

// The Review tab's prompts (owner, due date, note, proposed improvement) ride on the app's text
// prompt; its filter picker is a modal of its own.

/// What a review text prompt is for (a case of `TextPurpose`).
enum ReviewPrompt: Equatable {
    case owner(barrier: String)
    case due(barrier: String)
    case note(barrier: String, date: String)
    case improvementLabel(barrier: String)
    case improvementID(barrier: String, label: String)
}

/// The filter picker: every filter value the map uses, one list.
struct ReviewPicker {
    struct Choice: Equatable {
        var text: String
        /// The filter after choosing this line.
        var filter: ReviewFilter
    }
    var choices: [Choice]
    var selected = 0
    /// The widest choice, measured once (drawing measures nothing).
    let widestText: Int

    init(choices: [Choice]) {
        self.choices = choices
        widestText = choices.map { TextWidth.of($0.text) }.max() ?? 0
    }
}

extension AssetMapApp {
    mutating func startReviewPrompt(_ action: ReviewAction, barrier id: String, card: BarrierCard) {
        guard !isReadOnly else { message = readOnlyMessage; return }
        let prompt: TextPrompt
        switch action {
        case .owner:
            prompt = TextPrompt(title: "Owner", detail: "Who carries the next step on \"\(card.label)\"? (empty clears)",
                                field: TextField(card.owner ?? ""), purpose: .review(.owner(barrier: id)))
        case .due:
            prompt = TextPrompt(title: "Due date", detail: "By when, as YYYY-MM-DD (today is \(environment.today()); empty clears):",
                                field: TextField(card.due ?? ""), purpose: .review(.due(barrier: id)))
        case .note:
            let today = environment.today()
            prompt = TextPrompt(title: "Note", detail: "Note on \"\(card.label)\", dated \(today):",
                                field: TextField(), purpose: .review(.note(barrier: id, date: today)))
        case .propose:
            prompt = TextPrompt(title: "Propose an improvement", detail: "What would address \"\(card.label)\"? (label)",
                                field: TextField(), purpose: .review(.improvementLabel(barrier: id)))
        default: return
        }
        modal = .text(prompt)
    }

    /// Enter in a review prompt: a refused edit keeps the prompt open with the reason shown.
    mutating func acceptReviewText(_ purpose: ReviewPrompt, text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .owner(let id):
            if edit({ try $0.setOwner(id, to: trimmed) }) != nil { modal = nil }
        case .due(let id):
            if edit({ try $0.setDue(id, to: trimmed) }) != nil { modal = nil }
        case .note(let id, let date):
            if edit({ try $0.addReviewNote(id, date: date, text: trimmed) }) != nil { modal = nil }
        case .improvementLabel(let id):
            guard !trimmed.isEmpty else { message = "A label cannot be empty"; return }
            modal = .text(TextPrompt(title: "Propose an improvement", detail: "Id for \"\(trimmed)\" (suggested; edit it if you like):",
                                     field: TextField(document.suggestID(for: trimmed)), purpose: .review(.improvementID(barrier: id, label: trimmed))))
        case .improvementID(let id, let label):
            if edit({ try $0.proposeImprovement(for: id, id: trimmed, label: label) }) != nil { modal = nil }
        }
    }

    // MARK: Filter picker

    mutating func startReviewFilter() {
        let graph = document.graph
        let cards = reviewCache.cards
        let current = review.filter
        // Every facet counted in one pass over the cached cards.
        var statusCount: [String: Int] = [:], communityCount: [String: Int] = [:]
        var clinicalCount: [String: Int] = [:], dimensionCount: [String: Int] = [:]
        for card in cards {
            statusCount[card.status, default: 0] += 1
            for community in card.communities { communityCount[community.id, default: 0] += 1 }
            for (i, area) in card.clinical.enumerated() where !card.clinical[..<i].contains(area) { clinicalCount[area, default: 0] += 1 }
            if let dimension = card.dimension { dimensionCount[dimension, default: 0] += 1 }
        }
        var choices = [ReviewPicker.Choice(text: "All barriers (clear the filters)", filter: ReviewFilter())]
        func add(_ facet: String, _ value: String, _ shown: String, count: Int, _ set: (inout ReviewFilter, String?) -> Void, active: String?) {
            guard count > 0 || active == value else { return }
            var filter = current
            let isActive = active == value
            set(&filter, isActive ? nil : value)
            choices.append(.init(text: "\(isActive ? "✓" : " ") \(facet): \(shown) (\(count))", filter: filter))
        }
        // The vocabulary's values first, then the others the map uses, sorted (as `Review.filterChoices`).
        func values(_ vocabulary: [String], _ counts: [String: Int]) -> [String] {
            vocabulary + Set(counts.keys).subtracting(vocabulary).sorted()
        }
        for status in values(Vocabulary.barrierStatus, statusCount) {
            add("status", status, status, count: statusCount[status] ?? 0, { $0.status = $1 }, active: current.status)
        }
        for node in index.communityKind.map({ index.kindNodes[$0] }) ?? [] {
            let community = graph.nodes[node]
            add("community", community.id, community.label, count: communityCount[community.id] ?? 0,
                { $0.community = $1 }, active: current.community)
        }
        for area in values(Vocabulary.clinical, clinicalCount) {
            add("clinical", area, area, count: clinicalCount[area] ?? 0, { $0.clinical = $1 }, active: current.clinical)
        }
        for dimension in values(Vocabulary.dimensions, dimensionCount) {
            add("dimension", dimension, dimension, count: dimensionCount[dimension] ?? 0, { $0.dimension = $1 }, active: current.dimension)
        }
        modal = .reviewPicker(ReviewPicker(choices: choices))
    }

    mutating func handleReviewPicker(_ picker: ReviewPicker, _ action: Action?) {
        var picker = picker
        let last = max(0, picker.choices.count - 1)
        switch action {
        case .cancel: modal = nil; return
        case .up: picker.selected = max(0, picker.selected - 1)
        case .down: picker.selected = min(last, picker.selected + 1)
        case .pageUp: picker.selected = max(0, picker.selected - 10)
        case .pageDown: picker.selected = min(last, picker.selected + 10)
        case .accept:
            modal = nil
            setReviewFilter(picker.choices[picker.selected].filter)
            return
        default: break
        }
        modal = .reviewPicker(picker)
    }

    func drawReviewPicker(_ picker: ReviewPicker, into buffer: inout Buffer) {
        let width = min(buffer.width - 4, max(40, picker.widestText + 4))
        let inner = Widgets.dialog(title: "Filter the barriers", width: width, height: min(picker.choices.count + 2, buffer.height - 4), into: &buffer)
        let offset = Widgets.scrollOffset(selected: picker.selected, count: picker.choices.count, rows: inner.height)
        for row in 0..<inner.height {
            let i = offset + row
            guard i < picker.choices.count else { break }
            Widgets.row(picker.choices[i].text, in: inner, y: inner.y + row,
                        style: Widgets.rowStyle(selected: i == picker.selected, focused: true), into: &buffer)
        }
    }
}
