import Foundation

/// How `assetmap diff` shows changes: text for people, JSON for programs, and the listing git's
/// `textconv` compares line by line.
extension MapDiff {
    package static func text(_ changes: [MapChange]) -> String {
        var out = ""
        let pad = String(repeating: " ", count: 9)
        func value(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\n\(pad)  + ") }
        for change in changes {
            switch change.action {
            case .added, .removed:
                let fields = change.fields ?? RecordFields(head: [:], attributes: [])
                out +=
                    "\(change.action.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))\(fields.headLine(for: change.record))\n"
                if change.action == .added {
                    for attribute in fields.attributes {
                        out += "\(pad)  \(attribute.key): \(value(attribute.value))\n"
                    }
                }
            case .reidentified:
                out += "re-id    \(change.old ?? "") → \(change.new ?? "")\n"
            case .changed:
                let field = change.field ?? ""
                let isHead =
                    ["label", "kind", "title", "plural"].contains(field) && change.old != nil && change.new != nil
                let show = { (text: String) in isHead ? Syntax.quote(text) : value(text) }
                switch (change.old, change.new) {
                case (let old?, let new?): out += "changed  \(change.record)  \(field): \(show(old)) → \(show(new))\n"
                case (nil, let new?): out += "set      \(change.record)  \(field): \(value(new))\n"
                case (let old?, nil): out += "unset    \(change.record)  \(field): \(value(old))\n"
                case (nil, nil): break
                }
            }
        }
        return out + summary(changes) + "\n"
    }

    /// "2 nodes added, 1 changed; 1 edge removed", or "no changes".
    package static func summary(_ changes: [MapChange]) -> String {
        var counts: [String: [String: Set<RecordKey>]] = [:]
        for change in changes {
            let type: String
            switch change.record {
            case .node: type = "node"
            case .edge: type = "edge"
            case .header: type = "header"
            case .kind: type = "kind"
            }
            let action = change.action == .reidentified ? "re-identified" : change.action.rawValue
            counts[type, default: [:]][action, default: []].insert(change.record)
        }
        guard !counts.isEmpty else { return "no changes" }
        var parts: [String] = []
        for (type, plural) in [("node", "nodes"), ("edge", "edges"), ("kind", "kinds"), ("header", "headers")] {
            guard let byAction = counts[type] else { continue }
            var items: [String] = []
            for action in ["added", "removed", "re-identified", "changed"] {
                guard let n = byAction[action]?.count else { continue }
                items.append(items.isEmpty ? "\(n) \(n == 1 ? type : plural) \(action)" : "\(n) \(action)")
            }
            parts.append(type == "header" ? "map header changed" : items.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    package static func json(_ changes: [MapChange]) -> String {
        let entries: [[String: Any]] = changes.map { change in
            var entry: [String: Any] = ["action": change.action.rawValue, "record": describe(change.record)]
            if let field = change.field { entry["field"] = field }
            if let old = change.old { entry["old"] = old }
            if let new = change.new { entry["new"] = new }
            if let fields = change.fields {
                entry["head"] = fields.head
                entry["attributes"] = fields.attributes.map { ["key": $0.key, "value": $0.value] }
            }
            return entry
        }
        let object: [String: Any] = ["changes": entries, "summary": summary(changes)]
        let data = try! JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func describe(_ key: RecordKey) -> [String: String] {
        switch key {
        case .header: return ["type": "header"]
        case .kind(let name): return ["type": "kind", "name": name]
        case .node(let id): return ["type": "node", "id": id]
        case .edge(let from, let to, let relation):
            return ["type": "edge", "from": from, "to": to, "relation": relation]
        }
    }

    /// The map as one line per record field, each line naming its record, for git's `textconv`: a line diff
    /// of two listings reads as changes to fields. Comments stay; blank lines go.
    package static func listing(_ document: MapDocument) -> String {
        let layout = MapLayout(document)
        var out = ""
        for chunk in layout.chunks {
            switch chunk {
            case .trivia(let line):
                let text = document.content(ofLine: line)
                if !text.allSatisfy(\.isWhitespace) { out += text.trimmingCharacters(in: .whitespaces) + "\n" }
            case .record(let i):
                let key = layout.key(i), fields = layout.fields(i)
                out += fields.headLine(for: key) + "\n"
                for attribute in fields.attributes {
                    let lines = attribute.value.split(separator: "\n", omittingEmptySubsequences: false)
                    out += "\(key) | \(attribute.key): \(lines[0])\n"
                    for more in lines.dropFirst() { out += "\(key) | + \(more)\n" }
                }
            }
        }
        return out
    }
}
