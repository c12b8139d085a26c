import Foundation
import AssetMapCore

/// A generated map: the `.map` text, the same graph as DOT (for Graphviz `nop`), and ids the bench edits or visits.
/// The benchmark's maps, which the tests read too.
package struct GeneratedMap: Sendable {
    package var mapText: String
    package var dotText: String
    package var nodeCount: Int
    package var edgeCount: Int
    /// A barrier near the middle of the file (edits and `--focus` use it).
    package var middleBarrierID: String
}

/// How the records of a map are ordered: the same graph, written as people write maps.
package enum MapLayout: String, CaseIterable, Codable, Sendable {
    /// Each connector site a block: its nodes, then its edges.
    case sites = "blocks per site"
    /// Every node, then every edge.
    case nodesFirst = "nodes first, then edges"
    /// Each node followed by the edges leaving it.
    case nodeThenEdges = "each node followed by its edges"
}

/// Writes a realistic merged map: several connector sites of nodes (all five kinds, 2–5 attributes,
/// comments, some multi-line values, some non-ASCII labels) with about three edges per node, in `layout`.
package enum MapGenerator {
    static let sites = [
        "walsall", "blackburn", "preston", "lancaster", "barrow", "kendal", "wolverhampton",
        "dudley", "sandwell", "birmingham", "bolton", "wigan", "oldham", "rochdale",
    ]
    static let communities = [
        "Refugees and people seeking asylum", "Gypsy, Roma and Traveller families",
        "Polish community — Polska społeczność", "Older people living alone", "Young carers",
        "People experiencing homelessness", "Bangladeshi women's group", "Somali elders",
        "Syrian families — العائلات السورية", "Chinese community 华人社区", "Deaf BSL users",
        "People with a learning disability", "Kurdish men's circle", "New parents 👶",
    ]
    static let organisations = [
        "Refugee and Migrant Centre", "Citizens Advice", "Healthwatch", "Food bank",
        "Mosque welfare committee", "Gurdwara langar team", "Carers' hub", "Housing association",
        "Primary care network", "Community pharmacy", "Women's aid", "Faith forum",
    ]
    static let places = [
        "Generation Café at Nashdom", "Library community room", "Leisure centre", "Community hall",
        "Market square", "Mosque", "Gurdwara", "Children's centre", "Job centre", "Church hall",
        "Bus station café", "Park pavilion",
    ]
    static let barriers = [
        "Asked for proof of address to register with a GP", "No interpreter offered at appointments",
        "Cannot afford bus fare to the hospital", "Online-only booking", "Letters only in English",
        "Appointments clash with shift work", "Fear of being charged for care",
        "Reception staff unsure of eligibility rules", "No step-free access", "Long phone queues at 8am",
    ]
    static let improvements = [
        "Cards explaining the right to register without an address", "Interpreter on request",
        "Travel vouchers for screening", "Drop-in booking at the library", "Translated letters",
        "Evening clinics", "Awareness session for reception staff", "Text reminders in plain language",
        "Health check at the café", "Peer navigators",
    ]
    static let notes = [
        "Many are housed in contingency hotels", "Meets every other week", "Trusted by families",
        "Raised at the learning event", "Told at the Friday café", "Needs follow-up with the practice",
        "Works closely with the council", "Volunteers run it on Saturdays", "Seasonal: busy in winter",
        "Café with \"pay what you can\" meals", "Ask for the community worker, not reception",
    ]
    static let whens = [
        "Fridays 17:00–20:00", "Mondays 10:00–12:00", "Weekdays 9–5", "First Sunday of the month",
        "Tuesdays after school", "Saturday mornings",
    ]
    static let orgTypes = ["charity", "statutory", "faith group", "community group", "social enterprise"]

    package static func generate(nodes total: Int, layout: MapLayout = .sites, seed: UInt64 = 20240201) -> GeneratedMap
    {
        var random = SeededRandom(seed: seed)
        var map = ""
        var dot = ""
        map.reserveCapacity(total * 330)
        dot.reserveCapacity(total * 330)
        map += "# Merged community asset map (generated for the benchmark, \(total) nodes)\n"
        map +=
            "map \"Integrated Care System asset map — \(total) nodes\"\n  area: Lancashire, South Cumbria and the Black Country\n\n"
        dot += "digraph map {\n  graph [label=\"Integrated Care System asset map\"];\n"

        let perSite = max(50, min(2_000, total / 10))
        var allIDs: [String] = []
        allIDs.reserveCapacity(total)
        var edgeCount = 0
        var middleBarrier = ""
        var start = 0
        var siteNumber = 0
        // Per site, its nodes' text and each node's edges' text, arranged by `layout` at the end.
        var sitesText: [(header: String, nodes: [String], edges: [String])] = []
        while start < total {
            let count = min(perSite, total - start)
            let site =
                sites[siteNumber % sites.count] + (siteNumber >= sites.count ? "-\(siteNumber / sites.count + 1)" : "")
            var nodeTexts: [String] = [], edgeTexts: [String] = []
            // Kinds in the proportions a real map has: many barriers, fewer improvements.
            var ids: [(kind: Int, id: String)] = []
            for i in 0..<count {
                let k = [0, 0, 1, 1, 2, 2, 3, 3, 3, 4][random.below(10)]
                let serial = start + i
                let (kindName, label, id) = node(kind: k, serial: serial, site: site, random: &random)
                ids.append((k, id))
                allIDs.append(id)
                if middleBarrier.isEmpty && k == 3 && serial >= total / 2 { middleBarrier = id }
                var text = random.chance(8) ? "# \(random.pick(notes).lowercased())\n" : ""
                text += "\(kindName) \(id) \(quoteMap(label))\n"
                var dotAttributes = "label=\(quoteDOT(label)), kind=\(kindName)"
                for (key, value) in attributes(kind: k, random: &random) {
                    let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
                    text += "  \(key): \(lines[0])\n"
                    for more in lines.dropFirst() { text += "  + \(more)\n" }
                    dotAttributes += ", \(quoteDOT(key))=\(quoteDOT(value))"
                }
                nodeTexts.append(text + "\n")
                dot += "  \(quoteDOT(id)) [\(dotAttributes)];\n"
            }
            // Three edges per node, from a node to others of this site (sometimes another site), no duplicates.
            for (index, source) in ids.enumerated() {
                var text = ""
                var targets = Set<String>()
                for _ in 0..<3 {
                    var target: (kind: Int, id: String)
                    repeat {
                        if random.chance(3) && allIDs.count > count {
                            target = (0, allIDs[random.below(allIDs.count - count)])
                        } else {
                            target = ids[random.below(ids.count)]
                        }
                    } while target.id == source.id || targets.contains(target.id)
                    targets.insert(target.id)
                    let relation = relation(from: source.kind, to: target.kind)
                    text += "\(source.id) -> \(target.id) \(relation.contains(" ") ? quoteMap(relation) : relation)\n"
                    if random.chance(10) { text += "  since: 20\(20 + random.below(6))\n" }
                    dot += "  \(quoteDOT(source.id)) -> \(quoteDOT(target.id)) [label=\(quoteDOT(relation))];\n"
                    edgeCount += 1
                }
                if index % 40 == 39 { text += "\n" }
                edgeTexts.append(text)
            }
            sitesText.append(("# ── \(site): connector site map ──\n\n", nodeTexts, edgeTexts))
            start += count
            siteNumber += 1
        }
        dot += "}\n"
        switch layout {
        case .sites:
            for site in sitesText {
                map += site.header + site.nodes.joined() + "# links\n" + site.edges.joined() + "\n"
            }
        case .nodesFirst:
            for site in sitesText { map += site.header + site.nodes.joined() }
            map += "# ── links ──\n"
            for site in sitesText { map += site.edges.joined() }
        case .nodeThenEdges:
            for site in sitesText {
                map += site.header
                for (node, edges) in zip(site.nodes, site.edges) {
                    map += node + edges + (edges.hasSuffix("\n\n") ? "" : "\n")
                }
            }
        }
        if middleBarrier.isEmpty { middleBarrier = allIDs[allIDs.count / 2] }
        return GeneratedMap(
            mapText: map, dotText: dot, nodeCount: total, edgeCount: edgeCount, middleBarrierID: middleBarrier)
    }

    private static func node(kind: Int, serial: Int, site: String, random: inout SeededRandom) -> (
        String, String, String
    ) {
        let names = [communities, organisations, places, barriers, improvements][kind]
        let kindName = BuiltinKind.allCases[kind].name
        let base = names[random.below(names.count)]
        let label = kind == 3 || kind == 4 ? base : "\(base) (\(site.capitalized))"
        let prefix = ["c", "org", "p", "b", "imp"][kind]
        return (kindName, label, "\(site)-\(prefix)-\(serial)")
    }

    private static func attributes(kind: Int, random: inout SeededRandom) -> [(String, String)] {
        var all: [(String, String)]
        switch kind {
        case 0:
            all = [
                ("core20", random.pick(["yes", "no"])), ("plus", random.pick(["yes", "no"])),
                ("note", note(&random)),
                ("languages", random.pick(["English, Urdu", "Polish", "Arabic, Kurdish", "BSL", "Somali"])),
            ]
        case 1:
            all = [
                ("type", random.pick(orgTypes)), ("note", note(&random)),
                ("website", "https://example.org/\(random.below(10_000))"),
                ("clinical", random.pick(["smi", "cancer, hypertension", "maternity", "asthma, diabetes"])),
            ]
        case 2:
            all = [
                ("when", random.pick(whens)), ("note", note(&random)),
                ("accessible", random.pick(["yes", "no", "ground floor only"])),
                ("capacity", "\(10 + random.below(200))"),
            ]
        case 3:
            all = [
                ("status", random.pick(["open", "discussed", "agreed", "in-progress", "resolved", "parked"])),
                (
                    "dimension",
                    random.pick([
                        "approachability", "acceptability", "availability", "affordability", "appropriateness",
                    ])
                ),
                ("clinical", random.pick(["hypertension, cancer", "maternity", "smi", "respiratory", "oral-health"])),
                ("private-source", "told in confidence at session \(random.below(300))"), ("note", note(&random)),
            ]
        default:
            all = [
                ("status", random.pick(["proposed", "agreed", "in-progress", "done", "dropped"])),
                ("owner", random.pick(organisations)),
                ("due", "2025-\(String(format: "%02d", 1 + random.below(12)))-15"),
                ("note", note(&random)),
            ]
        }
        let keep = 2 + random.below(min(4, all.count - 1))
        return Array(all.prefix(keep))
    }

    private static func note(_ random: inout SeededRandom) -> String {
        let first = random.pick(notes)
        return random.chance(15) ? first + "\n" + random.pick(notes).lowercased() + "." : first
    }

    static func relation(from: Int, to: Int) -> String {
        switch (from, to) {
        case (3, 0): return "affects"
        case (4, 3): return "addresses"
        case (0, 2): return "gathers at"
        case (0, 1): return "trusts"
        case (1, 2): return "runs"
        case (3, _): return "happens at"
        default: return "works with"
        }
    }

    static func quoteMap(_ label: String) -> String {
        "\"" + label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func quoteDOT(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
