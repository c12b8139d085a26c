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
        let current = review.filter
        let counts = reviewCache.facetCounts
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
        for status in values(Vocabulary.barrierStatus, counts.status) {
            add("status", status, status, count: counts.status[status] ?? 0, { $0.status = $1 }, active: current.status)
        }
        for node in index.communityKind.map({ index.kindNodes[$0] }) ?? [] {
            let id = graph.nodes[node].id
            add("community", id, graph.nodes[node].label, count: counts.community[id] ?? 0,
                { $0.community = $1 }, active: current.community)
        }
        for area in values(Vocabulary.clinical, counts.clinical) {
            add("clinical", area, area, count: counts.clinical[area] ?? 0, { $0.clinical = $1 }, active: current.clinical)
        }
        for dimension in values(Vocabulary.dimensions, counts.dimension) {
            add("dimension", dimension, dimension, count: counts.dimension[dimension] ?? 0, { $0.dimension = $1 }, active: current.dimension)
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
        // As wide as the rows on screen (a map can offer tens of thousands of choices).
        let height = min(picker.choices.count + 2, buffer.height - 4)
        let rows = max(0, height - 2)
        let offset = Widgets.scrollOffset(selected: picker.selected, count: picker.choices.count, rows: rows)
        let widest = picker.choices[offset..<min(picker.choices.count, offset + rows)].map { TextWidth.of($0.text) }.max() ?? 0
        let width = min(buffer.width - 4, max(40, widest + 4))
        let inner = Widgets.dialog(title: "Filter the barriers", width: width, height: height, into: &buffer)
        for row in 0..<inner.height {
            let i = offset + row
            guard i < picker.choices.count else { break }
            Widgets.row(picker.choices[i].text, in: inner, y: inner.y + row,
                        style: Widgets.rowStyle(selected: i == picker.selected, focused: true), into: &buffer)
        }
    }
}
