import Foundation

/// One difference between two versions of a map, record by record.
package struct MapChange: Equatable, Sendable {
    package enum Action: String, Sendable {
        /// A record that is new, or gone (`fields` holds its content).
        case added, removed
        /// A node that kept its kind and label under a new id (`old`/`new` are the ids; its edges followed).
        case reidentified
        /// A field changed: `field` is `label`, `kind`, `title`, `plural`, or an attribute key. A repeated key
        /// (dated notes) lists each value added (`old` nil) or removed (`new` nil).
        case changed
    }

    package var action: Action
    package var record: RecordKey
    package var field: String?
    package var old: String?
    package var new: String?
    package var fields: RecordFields?
}

/// Compares two versions of a map by identity and field by field (the engine `merge` uses).
package enum MapDiff {
    package static func changes(from old: MapDocument, to new: MapDocument) -> [MapChange] {
        let before = MapLayout(old), after = MapLayout(new)
        // Each new record's old version (-1: new), found once by identity.
        let found = after.partners(in: before), unchanged = found.sameText
        var oldOf = found.partner
        var matched = [Bool](repeating: false, count: before.records.count)
        for old in oldOf where old >= 0 { matched[old] = true }
        // A node gone and a node arrived with the same kind and label: a new id, its edges following.
        let renamed = reidentified(
            before, before.records.indices.filter { !matched[$0] }, after,
            after.records.indices.filter { oldOf[$0] < 0 })
        var oldIDOf: [String: String] = [:]
        if !renamed.isEmpty {
            var newIDOf: [String: String] = [:]
            for (oldID, newID) in renamed { newIDOf[oldID] = newID; oldIDOf[newID] = oldID }
            var followed: [RecordKey: Int] = [:]
            for i in before.records.indices where !matched[i] {
                switch before.key(i) {
                case .node(let id): if let newID = newIDOf[id] { followed[.node(newID)] = i }
                case .edge(let from, let to, let relation) where newIDOf[from] != nil || newIDOf[to] != nil:
                    followed[.edge(from: newIDOf[from] ?? from, to: newIDOf[to] ?? to, relation: relation)] = i
                default: break
                }
            }
            for i in after.records.indices where oldOf[i] < 0 {
                if let old = followed[after.key(i)] { oldOf[i] = old; matched[old] = true }
            }
        }
        var result: [MapChange] = []
        for (i, old) in oldOf.enumerated() {
            if !oldIDOf.isEmpty, case .node(let id) = after.key(i), let oldID = oldIDOf[id] {
                result.append(MapChange(action: .reidentified, record: .node(id), old: oldID, new: id))
            }
            guard old >= 0 else {
                result.append(MapChange(action: .added, record: after.key(i), fields: after.fields(i)))
                continue
            }
            if !unchanged[i] && !before.sameContent(old, as: after, i) {
                result += fieldChanges(after.key(i), before.fields(old), after.fields(i))
            }
        }
        for i in before.records.indices where !matched[i] {
            result.append(MapChange(action: .removed, record: before.key(i), fields: before.fields(i)))
        }
        return result
    }

    /// Pairs of a removed node and an added node of the same kind and label (each pair unambiguous).
    static func reidentified(_ before: MapLayout, _ gone: [Int], _ after: MapLayout, _ arrived: [Int]) -> [(
        old: String, new: String
    )] {
        func byContent(_ layout: MapLayout, _ records: [Int]) -> [String: [String]] {
            var result: [String: [String]] = [:]
            for i in records {
                if case .node(let id) = layout.key(i) {
                    let head = layout.head(i); result["\(head.0)\u{0}\(head.1)", default: []].append(id)
                }
            }
            return result
        }
        let arrivedByContent = byContent(after, arrived)
        return byContent(before, gone).compactMap { content, ids in
            guard ids.count == 1, let new = arrivedByContent[content], new.count == 1 else { return nil }
            return (ids[0], new[0])
        }.sorted { $0.old < $1.old }
    }

    static func fieldChanges(_ key: RecordKey, _ old: RecordFields, _ new: RecordFields) -> [MapChange] {
        var result: [MapChange] = []
        for name in Set(old.head.keys).union(new.head.keys).sorted() where old.head[name] != new.head[name] {
            result.append(
                MapChange(action: .changed, record: key, field: name, old: old.head[name], new: new.head[name]))
        }
        var keys = new.keys
        keys += old.keys.filter { !keys.contains($0) }
        for field in keys {
            let before = old.values(field), after = new.values(field)
            guard before != after else { continue }
            if before.count <= 1 && after.count <= 1 {
                result.append(
                    MapChange(action: .changed, record: key, field: field, old: before.first, new: after.first))
                continue
            }
            // Values only in before were removed; values only in after were added.
            for value in remove(after, from: before) {
                result.append(MapChange(action: .changed, record: key, field: field, old: value, new: nil))
            }
            for value in remove(before, from: after) {
                result.append(MapChange(action: .changed, record: key, field: field, old: nil, new: value))
            }
        }
        return result
    }

    /// `values` less each of `others` once.
    private static func remove(_ others: [String], from values: [String]) -> [String] {
        var counts = others.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        return values.filter { value in
            guard counts[value, default: 0] > 0 else { return true }
            counts[value]! -= 1
            return false
        }
    }
}
