import Foundation

/// One difference between two versions of a map, record by record.
public struct MapChange: Equatable, Sendable {
    public enum Action: String, Sendable {
        /// A record that is new, or gone (`fields` holds its content).
        case added, removed
        /// A node that kept its kind and label under a new id (`old`/`new` are the ids; its edges followed).
        case reidentified
        /// A field changed: `field` is `label`, `kind`, `title`, `plural`, or an attribute key. A repeated key
        /// (dated notes) lists each value added (`old` nil) or removed (`new` nil).
        case changed
    }

    public var action: Action
    public var record: RecordKey
    public var field: String?
    public var old: String?
    public var new: String?
    public var fields: RecordFields?
}

/// Compares two versions of a map by identity and field by field (the engine `merge` uses).
public enum MapDiff {
    public static func changes(from old: MapDocument, to new: MapDocument) -> [MapChange] {
        let before = MapLayout(old), after = MapLayout(new)
        let renamed = reidentified(before, after)
        var newIDOf: [String: String] = [:]
        for (oldID, newID) in renamed { newIDOf[oldID] = newID }
        func follow(_ key: RecordKey) -> RecordKey {
            guard case .edge(let from, let to, let relation) = key else { return key }
            return .edge(from: newIDOf[from] ?? from, to: newIDOf[to] ?? to, relation: relation)
        }
        let oldIDOf = Dictionary(uniqueKeysWithValues: renamed.map { ($0.new, $0.old) })
        // Edges of a re-identified node, under the ids they follow.
        var followedFrom: [RecordKey: RecordKey] = [:]
        if !renamed.isEmpty {
            for record in before.records where follow(record.key) != record.key { followedFrom[follow(record.key)] = record.key }
        }
        var matchedOld: Set<RecordKey> = []
        var result: [MapChange] = []
        for record in after.records {
            var oldKey = record.key
            if case .node(let id) = record.key, let oldID = oldIDOf[id] {
                oldKey = .node(oldID)
                result.append(MapChange(action: .reidentified, record: record.key, old: oldID, new: id))
            } else if before.index[record.key] == nil, let original = followedFrom[record.key] {
                oldKey = original
            }
            guard let was = before.fields(oldKey) else {
                result.append(MapChange(action: .added, record: record.key, fields: record.fields))
                continue
            }
            matchedOld.insert(oldKey)
            result += fieldChanges(record.key, was, record.fields)
        }
        for record in before.records where !matchedOld.contains(record.key) && after.index[record.key] == nil {
            result.append(MapChange(action: .removed, record: record.key, fields: record.fields))
        }
        return result
    }

    /// Pairs of a removed node and an added node of the same kind and label (each pair unambiguous).
    static func reidentified(_ before: MapLayout, _ after: MapLayout) -> [(old: String, new: String)] {
        func unmatchedNodes(_ layout: MapLayout, _ other: MapLayout) -> [String: [String]] {
            var byContent: [String: [String]] = [:]
            for record in layout.records {
                guard case .node(let id) = record.key, other.index[record.key] == nil else { continue }
                byContent["\(record.fields.head["kind"] ?? "")\u{0}\(record.fields.head["label"] ?? "")", default: []].append(id)
            }
            return byContent
        }
        let gone = unmatchedNodes(before, after), arrived = unmatchedNodes(after, before)
        return gone.compactMap { content, ids in
            guard ids.count == 1, let new = arrived[content], new.count == 1 else { return nil }
            return (ids[0], new[0])
        }.sorted { $0.old < $1.old }
    }

    static func fieldChanges(_ key: RecordKey, _ old: RecordFields, _ new: RecordFields) -> [MapChange] {
        var result: [MapChange] = []
        for name in Set(old.head.keys).union(new.head.keys).sorted() where old.head[name] != new.head[name] {
            result.append(MapChange(action: .changed, record: key, field: name, old: old.head[name], new: new.head[name]))
        }
        var keys = new.keys
        keys += old.keys.filter { !keys.contains($0) }
        for field in keys {
            let before = old.values(field), after = new.values(field)
            guard before != after else { continue }
            if before.count <= 1 && after.count <= 1 {
                result.append(MapChange(action: .changed, record: key, field: field, old: before.first, new: after.first))
                continue
            }
            // Values only in before were removed; values only in after were added.
            for value in remove(after, from: before) { result.append(MapChange(action: .changed, record: key, field: field, old: value, new: nil)) }
            for value in remove(before, from: after) { result.append(MapChange(action: .changed, record: key, field: field, old: nil, new: value)) }
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
