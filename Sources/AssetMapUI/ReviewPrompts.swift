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

    /// One line: a filter value and how many barriers have it. Its text is made only when drawn (a map
    /// can offer tens of thousands of communities).
    struct Line {
        var facet: Facet
        var value: String
        var shown: String
        var count: Int
    }

    enum Facet: String {
        case clear, status, community, clinical, dimension

        func value(in filter: ReviewFilter) -> String? {
            switch self {
            case .clear: return nil
            case .status: return filter.status
            case .community: return filter.community
            case .clinical: return filter.clinical
            case .dimension: return filter.dimension
            }
        }

        func set(_ value: String?, in filter: inout ReviewFilter) {
            switch self {
            case .clear: filter = ReviewFilter()
            case .status: filter.status = value
            case .community: filter.community = value
            case .clinical: filter.clinical = value
            case .dimension: filter.dimension = value
            }
        }
    }

    let current: ReviewFilter
    var lines: [Line]
    var selected = 0

    func choice(_ i: Int) -> Choice {
        let line = lines[i]
        guard line.facet != .clear else { return Choice(text: "All barriers (clear the filters)", filter: ReviewFilter()) }
        let isActive = line.facet.value(in: current) == line.value
        var filter = current
        line.facet.set(isActive ? nil : line.value, in: &filter)
        return Choice(text: "\(isActive ? "✓" : " ") \(line.facet.rawValue): \(line.shown) (\(line.count))", filter: filter)
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
            prompt = TextPrompt(title: "Due date", detail: "By when: 21/12/2026, tomorrow, +2w… (today is \(environment.today()); empty clears):",
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
        let today = environment.today()
        switch purpose {
        case .owner(let id):
            if edit({ try $0.setOwner(id, to: trimmed, date: today) }) != nil { modal = nil }
        case .due(let id):
            if edit({ try $0.setDue(id, to: trimmed, date: today) }) != nil { modal = nil }
        case .note(let id, let date):
            if edit({ try $0.addReviewNote(id, date: date, text: trimmed) }) != nil { modal = nil }
        case .improvementLabel(let id):
            guard !trimmed.isEmpty else { message = "A label cannot be empty"; return }
            modal = .text(TextPrompt(title: "Propose an improvement", detail: "Id for \"\(trimmed)\" (suggested; edit it if you like):",
                                     field: TextField(document.suggestID(for: trimmed)), purpose: .review(.improvementID(barrier: id, label: trimmed))))
        case .improvementID(let id, let label):
            if edit({ try $0.proposeImprovement(for: id, id: trimmed, label: label, date: today) }) != nil { modal = nil }
        }
    }

    // MARK: Filter picker

    mutating func startReviewFilter() {
        let graph = document.graph
        let current = review.filter
        let counts = reviewCache.facetCounts
        var lines = [ReviewPicker.Line(facet: .clear, value: "", shown: "", count: 0)]
        // The vocabulary's values first, then the others the map uses, sorted (as `Review.filterChoices`).
        func add(_ facet: ReviewPicker.Facet, vocabulary: [String], counts: [String: Int]) {
            for value in vocabulary + Set(counts.keys).subtracting(vocabulary).sorted() {
                let count = counts[value] ?? 0
                if count > 0 || facet.value(in: current) == value { lines.append(.init(facet: facet, value: value, shown: value, count: count)) }
            }
        }
        add(.status, vocabulary: Vocabulary.barrierStatus, counts: counts.status)
        let nodes = graph.nodes
        for node in index.communityKind.map({ index.kindNodes[$0] }) ?? [] {
            let count = counts.community[nodes[node].id] ?? 0
            if count > 0 || current.community == nodes[node].id {
                lines.append(.init(facet: .community, value: nodes[node].id, shown: nodes[node].label, count: count))
            }
        }
        add(.clinical, vocabulary: Vocabulary.clinical, counts: counts.clinical)
        add(.dimension, vocabulary: Vocabulary.dimensions, counts: counts.dimension)
        modal = .reviewPicker(ReviewPicker(current: current, lines: lines))
    }

    mutating func handleReviewPicker(_ picker: ReviewPicker, _ action: Action?) {
        var picker = picker
        let last = max(0, picker.lines.count - 1)
        switch action {
        case .cancel: modal = nil; return
        case .up: picker.selected = max(0, picker.selected - 1)
        case .down: picker.selected = min(last, picker.selected + 1)
        case .pageUp: picker.selected = max(0, picker.selected - 10)
        case .pageDown: picker.selected = min(last, picker.selected + 10)
        case .accept:
            modal = nil
            setReviewFilter(picker.choice(picker.selected).filter)
            return
        default: break
        }
        modal = .reviewPicker(picker)
    }

    func drawReviewPicker(_ picker: ReviewPicker, into buffer: inout Buffer) {
        // As wide as the rows on screen (a map can offer tens of thousands of choices).
        let height = min(picker.lines.count + 2, buffer.height - 4)
        let rows = max(0, height - 2)
        let offset = Widgets.scrollOffset(selected: picker.selected, count: picker.lines.count, rows: rows)
        let shown = (offset..<min(picker.lines.count, offset + rows)).map { picker.choice($0).text }
        let widest = shown.map { TextWidth.of($0) }.max() ?? 0
        let width = min(buffer.width - 4, max(40, widest + 4))
        let inner = Widgets.dialog(title: "Filter the barriers", width: width, height: height, into: &buffer)
        for (row, text) in shown.prefix(inner.height).enumerated() {
            let i = offset + row
            Widgets.row(text, in: inner, y: inner.y + row,
                        style: Widgets.rowStyle(selected: i == picker.selected, focused: true), into: &buffer)
        }
    }
}
