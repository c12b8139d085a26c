import Foundation

/// Several sites' maps joined into one (an ICS map), by the merge engine with nothing in common to
/// start from: the same node in two maps (same id, kind and label) becomes one with its attributes
/// merged; the same id for different things is kept apart, renamed with the site's prefix.
package enum MapCombine {
    package struct Renamed: Equatable, Sendable {
        package var site: String
        package var old: String
        package var new: String
        /// What the id already named in the maps before it.
        package var clashesWith: String
    }

    /// A field two maps gave different values: the first map's value was kept.
    package struct Differing: Equatable, Sendable {
        package var site: String
        package var conflict: RecordConflict
    }

    package struct SiteReport: Equatable, Sendable {
        package var site: String
        package var nodesAdded = 0
        package var edgesAdded = 0
        /// Ids of nodes already in the maps before (same kind and label), joined into one.
        package var joined: [String] = []
        package var renamed: [Renamed] = []
        package var differing: [Differing] = []
    }

    /// `maps`: each site's name (used as the id prefix) and map, in order; the first one's layout is kept.
    package static func combine(_ maps: [(site: String, document: MapDocument)]) throws -> (MapDocument, [SiteReport]) {
        guard var result = maps.first?.document else { throw EditError("give at least one map") }
        var reports = [
            SiteReport(site: maps[0].site, nodesAdded: result.graph.nodes.count, edgesAdded: result.graph.edges.count)
        ]
        let nothing = MapDocument(text: "")
        for (site, original) in maps.dropFirst() {
            var report = SiteReport(site: site)
            var document = original
            for node in original.graph.nodes {
                guard let existing = result.graph.node(node.id) else { report.nodesAdded += 1; continue }
                if existing.kind == node.kind && normalized(existing.label) == normalized(node.label) {
                    report.joined.append(node.id)
                    continue
                }
                let newID = freeID("\(Syntax.slug(site))-\(node.id)", in: [result, document])
                document.apply(try document.changeID(node.id, to: newID))
                report.renamed.append(
                    Renamed(
                        site: site, old: node.id, new: newID,
                        clashesWith: "\(existing.kind) \(Syntax.quote(existing.label))"))
                report.nodesAdded += 1
            }
            let edgesBefore = result.graph.edges.count
            let merged = try result.merge(base: nothing, theirs: document, markConflicts: false)
            result.apply(merged.change)
            report.edgesAdded = result.graph.edges.count - edgesBefore
            report.differing = merged.conflicts.map { Differing(site: site, conflict: $0) }
            reports.append(report)
        }
        return (result, reports)
    }

    /// Labels compared without regard to case or runs of spaces.
    static func normalized(_ label: String) -> String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func freeID(_ wanted: String, in documents: [MapDocument]) -> String {
        func taken(_ id: String) -> Bool { documents.contains { $0.graph.nodeIndex[id] != nil } }
        var candidate = wanted, n = 2
        while taken(candidate) { candidate = "\(wanted)-\(n)"; n += 1 }
        return candidate
    }

    /// What a combine did, for people.
    package static func summary(_ reports: [SiteReport], result: MapDocument, output: String) -> String {
        var out =
            "combined \(reports.count) map\(reports.count == 1 ? "" : "s") into \(output): "
            + "\(result.graph.nodes.count) nodes, \(result.graph.edges.count) links\n"
        for report in reports {
            out +=
                "\(report.site): \(report.nodesAdded) node\(report.nodesAdded == 1 ? "" : "s") and \(report.edgesAdded) link\(report.edgesAdded == 1 ? "" : "s") added"
            if !report.joined.isEmpty {
                out +=
                    "; \(report.joined.count) joined (same id, kind and label): \(report.joined.joined(separator: ", "))"
            }
            out += "\n"
            for renamed in report.renamed {
                out += "  renamed \(renamed.old) → \(renamed.new): the id already named \(renamed.clashesWith)\n"
            }
            for differing in report.differing {
                let conflict = differing.conflict.conflict
                func show(_ value: String?) -> String { value.map(Syntax.quote) ?? "none" }
                out +=
                    "  kept the earlier value of \(differing.conflict.record) \(conflict.fieldName): \(show(conflict.ours)) (\(report.site): \(show(conflict.theirs)))\n"
            }
        }
        return out
    }
}
