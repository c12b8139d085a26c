import AssetMapCore
import TerminalKit

/// The filter picker: every filter value the map uses, one list.
struct ReviewPicker: Dialog {
    struct Choice: Equatable {
        var text: String
        /// The filter after choosing this line.
        var filter: ReviewFilter
    }

    /// One line: a filter value and how many barriers have it. Its text (a community's label) is made only
    /// when drawn: a map can offer tens of thousands of communities.
    struct Line {
        var facet: Facet
        var value: String
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
    var scroll = ListScroll()
    var scopes: [Scope] { [.picker] }

    /// Every filter value with barriers (and the active ones): the vocabulary's values first, then the
    /// others the map uses, sorted (as `Review.filterChoices`).
    init(current: ReviewFilter, counts: ReviewCache.FacetCounts, session: Session) {
        self.current = current
        var lines = [Line(facet: .clear, value: "", count: 0)]
        func add(_ facet: Facet, vocabulary: [String], counts: [String: Int]) {
            for value in Review.choices(vocabulary: vocabulary, inUse: counts.keys) {
                let count = counts[value] ?? 0
                if count > 0 || facet.value(in: current) == value {
                    lines.append(.init(facet: facet, value: value, count: count))
                }
            }
        }
        add(.status, vocabulary: Vocabulary.barrierStatus, counts: counts.status)
        let nodes = session.graph.nodes
        for node in session.index.communityKind.map({ session.index.kindNodes[$0] }) ?? [] {
            let count = counts.community[nodes[node].id] ?? 0
            if count > 0 || current.community == nodes[node].id {
                lines.append(.init(facet: .community, value: nodes[node].id, count: count))
            }
        }
        add(.clinical, vocabulary: Vocabulary.clinical, counts: counts.clinical)
        add(.dimension, vocabulary: Vocabulary.dimensions, counts: counts.dimension)
        self.lines = lines
    }

    func choice(_ i: Int, in graph: MapGraph) -> Choice {
        let line = lines[i]
        guard line.facet != .clear else {
            return Choice(text: "All barriers (clear the filters)", filter: ReviewFilter())
        }
        let isActive = line.facet.value(in: current) == line.value
        var filter = current
        line.facet.set(isActive ? nil : line.value, in: &filter)
        let shown = line.facet == .community ? graph.node(line.value)?.label ?? line.value : line.value
        return Choice(text: "\(isActive ? "✓" : " ") \(line.facet.rawValue): \(shown) (\(line.count))", filter: filter)
    }

    mutating func handle(_ action: Action?, typed: Character?, session: Session) -> [Effect] {
        switch action {
        case .cancel: return [.dismiss]
        case .accept:
            let filter = choice(selected, in: session.graph).filter
            return [.dismiss, .change(ReviewScreen.self) { $0.setFilter(filter, session: $1) }]
        default:
            selected = moved(selected, by: action, count: lines.count) ?? selected
            return []
        }
    }

    private func rows(_ screen: Rect) -> Int { max(0, min(lines.count + 2, screen.height - 4) - 2) }

    mutating func fit(screen: Rect, session: Session) {
        scroll.fit(selected: selected, count: lines.count, rows: rows(screen))
    }

    func draw(into buffer: inout Buffer, session: Session) {
        // As wide as the rows on screen (a map can offer tens of thousands of choices).
        let rows = rows(buffer.area)
        let scroll = scroll.fitted(selected: selected, count: lines.count, rows: rows)
        let shown = scroll.visible(count: lines.count, rows: rows).map { choice($0, in: session.graph).text }
        let widest = shown.map { TextWidth.of($0) }.max() ?? 0
        let width = min(buffer.width - 4, max(40, widest + 4))
        let inner = Widgets.dialog(title: "Filter the barriers", width: width, height: rows + 2, into: &buffer)
        ListView.draw(scroll, count: lines.count, selected: selected, in: inner, into: &buffer) {
            (shown[$0 - scroll.offset], .plain)
        }
    }
}
