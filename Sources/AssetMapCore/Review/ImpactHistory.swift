import Foundation

/// One version of a map at a date: a git revision, or the file as it is now.
package struct MapRevision: Sendable {
    package var date: String
    /// The commit, for a git revision.
    package var commit: String?
    package var document: MapDocument

    package init(date: String, commit: String?, document: MapDocument) {
        (self.date, self.commit, self.document) = (date, commit, document)
    }
}

/// Something that happened to a barrier or an improvement on a day.
package struct ImpactEvent: Equatable, Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case raised, agreed, resolved, parked, proposed, done
        /// Another status (discussed, in-progress, dropped, open again): `detail` says which.
        case status
        /// A dated `review:` note: `detail` is its text.
        case note
        case removed
    }

    /// The kinds counted per month and per clinical area.
    package static let counted: [Kind] = [.raised, .agreed, .resolved, .parked, .proposed, .done]

    package var date: String
    package var record: String
    /// `barrier` or `improvement`.
    package var recordKind: String
    package var label: String
    package var kind: Kind
    package var detail: String
    package var clinical: [String]
    /// The commit it was seen in, or nil when a dated line in the file says it.
    package var commit: String?

    package var month: String { String(date.prefix(7)) }

    /// Raised before agreed on the same day, and so on: the order of `Kind`.
    var order: Int { Kind.allCases.firstIndex(of: kind)! }
}

/// The map's story for funders: per month, barriers raised, agreed, resolved and parked and improvements
/// proposed and done, by clinical area, and per barrier its timeline ("you said, we did"). Built from the
/// map's revisions (oldest first) and the dated `history:` and `review:` lines of the newest.
package struct ImpactHistory: Sendable {
    package struct Count: Equatable, Sendable {
        package var name: String
        package var counts: [ImpactEvent.Kind: Int]
        package func count(_ kind: ImpactEvent.Kind) -> Int { counts[kind] ?? 0 }
    }

    package struct Timeline: Equatable, Sendable {
        package var barrier: String
        package var label: String
        /// The barrier's own events and those of the improvements addressing it, by date.
        package var events: [ImpactEvent]
    }

    package var events: [ImpactEvent] = []
    package var revisions: [MapRevision] = []
    package var months: [Count] = []
    package var clinical: [Count] = []
    package var timelines: [Timeline] = []

    package init(revisions: [MapRevision]) {
        self.revisions = revisions
        guard let latest = revisions.last?.document.graph else { return }
        var facts = Facts(latest: latest)
        for revision in revisions { facts.see(revision) }
        facts.readDatedLines(latest)
        // Nothing happens to a barrier before it is raised: a note older than the first revision moves it back.
        var earliest: [String: String] = [:]
        for event in facts.events { earliest[event.record] = min(earliest[event.record] ?? event.date, event.date) }
        for i in facts.events.indices where facts.events[i].kind == .raised || facts.events[i].kind == .proposed {
            facts.events[i].date = earliest[facts.events[i].record] ?? facts.events[i].date
        }
        events = facts.events.sorted { ($0.date, $0.record, $0.order) < ($1.date, $1.record, $1.order) }
        months = Self.tally(events) { [$0.month] }
        clinical = Self.tally(events) { $0.clinical.isEmpty ? ["(none)"] : $0.clinical }.sorted { $0.name < $1.name }
        timelines = Self.timelines(events, latest: latest)
    }

    private static func tally(_ events: [ImpactEvent], _ names: (ImpactEvent) -> [String]) -> [Count] {
        var order: [String] = [], counts: [String: [ImpactEvent.Kind: Int]] = [:]
        for event in events where ImpactEvent.counted.contains(event.kind) {
            for name in names(event) {
                if counts[name] == nil { order.append(name) }
                counts[name, default: [:]][event.kind, default: 0] += 1
            }
        }
        return order.map { Count(name: $0, counts: counts[$0]!) }
    }

    private static func timelines(_ events: [ImpactEvent], latest: MapGraph) -> [Timeline] {
        var addressing: [String: [String]] = [:]
        for edge in latest.edges where edge.relation == "addresses" {
            addressing[edge.to, default: []].append(edge.from)
        }
        var order: [String] = [], byRecord: [String: [ImpactEvent]] = [:], labels: [String: String] = [:]
        for event in events {
            if event.recordKind == BuiltinKind.barrier.rawValue, byRecord[event.record] == nil {
                order.append(event.record)
            }
            byRecord[event.record, default: []].append(event)
            labels[event.record] = event.label
        }
        return order.map { id in
            let own = byRecord[id] ?? []
            let improvements = (addressing[id] ?? []).flatMap { byRecord[$0] ?? [] }.filter { $0.kind != .note }
            let all = (own + improvements).sorted {
                ($0.date, $0.recordKind, $0.order) < ($1.date, $1.recordKind, $1.order)
            }
            return Timeline(barrier: id, label: labels[id] ?? id, events: all)
        }
    }
}

/// What the revisions and dated lines say, with each fact kept once at its earliest date.
private struct Facts {
    let latest: MapGraph
    var events: [ImpactEvent] = []
    var seen: [String: Int] = [:]
    var status: [String: String] = [:]
    var previousIDs: Set<String> = []
    let clinical: [String: [String]]

    init(latest: MapGraph) {
        self.latest = latest
        var clinical: [String: [String]] = [:]
        for node in latest.nodes where node.kind == BuiltinKind.barrier.rawValue {
            clinical[node.id] = node.list("clinical")
        }
        for edge in latest.edges where edge.relation == "addresses" {
            guard let improvement = latest.node(edge.from), improvement.list("clinical").isEmpty else { continue }
            clinical[edge.from, default: []] += (clinical[edge.to] ?? []).filter {
                !(clinical[edge.from] ?? []).contains($0)
            }
        }
        for node in latest.nodes where node.kind == BuiltinKind.improvement.rawValue && !node.list("clinical").isEmpty {
            clinical[node.id] = node.list("clinical")
        }
        self.clinical = clinical
    }

    static func tracked(_ node: Node) -> Bool {
        node.kind == BuiltinKind.barrier.rawValue || node.kind == BuiltinKind.improvement.rawValue
    }

    /// A status as the event it stands for.
    static func kind(of status: String, on recordKind: String) -> ImpactEvent.Kind {
        switch (recordKind, status) {
        case ("barrier", "agreed"): return .agreed
        case ("barrier", "resolved"): return .resolved
        case ("barrier", "parked"): return .parked
        case ("improvement", "done"): return .done
        default: return .status
        }
    }

    mutating func add(_ kind: ImpactEvent.Kind, _ node: Node, date: String, detail: String = "", commit: String?) {
        let key = "\(node.id)\u{0}\(kind.rawValue)\u{0}\(detail)\(kind == .note ? "\u{0}\(date)" : "")"
        let event = ImpactEvent(
            date: date, record: node.id, recordKind: node.kind, label: latest.node(node.id)?.label ?? node.label,
            kind: kind, detail: detail, clinical: clinical[node.id] ?? node.list("clinical"), commit: commit)
        if let index = seen[key] {
            if date < events[index].date { events[index] = event }
            return
        }
        seen[key] = events.count
        events.append(event)
    }

    mutating func see(_ revision: MapRevision) {
        var ids: Set<String> = []
        let graph = revision.document.graph
        for node in graph.nodes where Self.tracked(node) {
            ids.insert(node.id)
            let isBarrier = node.kind == BuiltinKind.barrier.rawValue
            let now = node.value("status") ?? (isBarrier ? "open" : "proposed")
            if status[node.id] == nil {
                add(isBarrier ? .raised : .proposed, node, date: revision.date, commit: revision.commit)
            }
            if status[node.id] != now, now != (isBarrier ? "open" : "proposed") || status[node.id] != nil {
                add(Self.kind(of: now, on: node.kind), node, date: revision.date, detail: now, commit: revision.commit)
            }
            status[node.id] = now
        }
        for id in previousIDs.subtracting(ids) {
            guard let gone = lastSeen[id] else { continue }
            add(.removed, gone, date: revision.date, commit: revision.commit)
            status[id] = nil
        }
        for node in graph.nodes where Self.tracked(node) { lastSeen[node.id] = node }
        previousIDs = ids
    }

    var lastSeen: [String: Node] = [:]

    /// The `history:` lines (status changes, with their day) and `review:` notes of the newest version.
    mutating func readDatedLines(_ graph: MapGraph) {
        for node in graph.nodes where Self.tracked(node) {
            let isBarrier = node.kind == BuiltinKind.barrier.rawValue
            for entry in node.history where entry.key == "status" {
                if entry.previous == nil { add(isBarrier ? .raised : .proposed, node, date: entry.date, commit: nil) }
                if let value = entry.value, value != (isBarrier ? "open" : "proposed") || entry.previous != nil {
                    add(Self.kind(of: value, on: node.kind), node, date: entry.date, detail: value, commit: nil)
                }
            }
            for note in node.values("review").map(ReviewNote.init(value:)) where !note.date.isEmpty {
                add(.note, node, date: note.date, detail: note.text, commit: nil)
            }
        }
    }
}
