import AssetMapCore
import Foundation

/// Open Referral UK / HSDS directories: a tabular data package (HSDS 3 CSV names) or JSON saved from an API's
/// `/services` pages. Organisations become organisation nodes, physical locations places; each service is a
/// `service:` line of its organisation, which is linked `delivers at` each place the service is delivered at.
package enum OpenReferral {
    package static let relation = "delivers at"

    struct Organisation {
        var name: String; var description = ""; var url = ""; var position: Position; var services: [String] = [];
        var assured = ""
    }
    struct Location {
        var name: String; var address = ""; var latitude = ""; var longitude = ""; var uprn = ""; var physical = true;
        var position: Position
    }

    /// What a feed says, gathered from its files before it becomes an import.
    struct Feed {
        var organisations: [(id: String, value: Organisation)] = []
        var organisationIndex: [String: Int] = [:]
        var locations: [(id: String, value: Location)] = []
        var locationIndex: [String: Int] = [:]
        var links: [(organisation: String, location: String)] = []
        var notes: [String] = []

        mutating func add(organisation id: String, _ value: Organisation) {
            if let i = organisationIndex[id] { organisations[i].value.name = value.name; return }
            organisationIndex[id] = organisations.count
            organisations.append((id, value))
        }

        mutating func add(location id: String, _ value: Location) {
            if locationIndex[id] != nil { return }
            locationIndex[id] = locations.count
            locations.append((id, value))
        }

        mutating func addService(name: String, organisation: String, assured: String, locations: [String]) {
            guard let i = organisationIndex[organisation] else { return }
            if !name.isEmpty && !organisations[i].value.services.contains(name) {
                organisations[i].value.services.append(name)
            }
            if assured > organisations[i].value.assured { organisations[i].value.assured = assured }
            for location in locations { links.append((organisation, location)) }
        }
    }

    /// Reads a data package folder, a folder of API pages, or one API page. `source` names the feed in the map
    /// (default: the package's name, else `open-referral`): re-imports match records by it and their ids.
    package static func importSet(path: String, source: String? = nil) throws -> ImportSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputErrors([InputError(path, "no such file or folder")])
        }
        var feed = Feed()
        var name = source
        if isDirectory.boolValue {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if files.contains("organization.csv") || files.contains("datapackage.json") {
                name = name ?? packageName(at: path)
                try readPackage(path, into: &feed)
            } else {
                let pages = files.filter { $0.lowercased().hasSuffix(".json") }.sorted()
                guard !pages.isEmpty else {
                    throw InputErrors([
                        InputError(
                            path,
                            "neither a data package (datapackage.json, organization.csv…) nor a folder of .json pages")
                    ])
                }
                for page in pages { try readPage((path as NSString).appendingPathComponent(page), into: &feed) }
            }
        } else {
            try readPage(path, into: &feed)
        }
        return importSet(feed, source: name ?? "open-referral")
    }

    static func importSet(_ feed: Feed, source: String) -> ImportSet {
        var set = importSetKeepingControlCharacters(feed, source: source)
        // A feed is not the user's text: characters a map cannot hold (control characters) are dropped, not refused.
        for i in set.elements.indices {
            set.elements[i].label = printable(set.elements[i].label)
            set.elements[i].attributes = set.elements[i].attributes.map { ($0.key, printable($0.value)) }
        }
        return set
    }

    static func printable(_ text: String) -> String {
        let text = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }) else {
            return text
        }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { !($0.value < 0x20 && $0 != "\n" || $0.value == 0x7F) }))
    }

    private static func importSetKeepingControlCharacters(_ feed: Feed, source: String) -> ImportSet {
        var set = ImportSet()
        set.feed = source
        set.notes = feed.notes
        func provenance(_ id: String) -> [(key: String, value: String)] { [("source", source), ("source-id", id)] }
        for (id, organisation) in feed.organisations {
            var attributes = provenance(id)
            if !organisation.description.isEmpty { attributes.append(("note", organisation.description)) }
            if !organisation.url.isEmpty { attributes.append(("website", organisation.url)) }
            attributes += organisation.services.map { ("service", $0) }
            if !organisation.assured.isEmpty { attributes.append(("assured-date", organisation.assured)) }
            set.elements.append(
                ImportedElement(
                    position: organisation.position, label: organisation.name, kind: "organisation",
                    attributes: attributes, sourceID: id))
        }
        var places = Set<String>()
        for (id, location) in feed.locations where location.physical {
            var attributes = provenance(id)
            for (key, value) in [
                ("address", location.address), ("latitude", location.latitude), ("longitude", location.longitude),
                ("uprn", location.uprn),
            ]
            where !value.isEmpty { attributes.append((key, value)) }
            set.elements.append(
                ImportedElement(
                    position: location.position, label: location.name, kind: "place", attributes: attributes,
                    sourceID: id))
            places.insert(id)
        }
        var seen = Set<[String]>()
        for link in feed.links
        where places.contains(link.location) && seen.insert([link.organisation, link.location]).inserted {
            let organisation = feed.organisations[feed.organisationIndex[link.organisation]!].value
            set.connections.append(
                ImportedConnection(
                    from: ImportedElement.sourceKey(kind: "organisation", id: link.organisation),
                    fromPosition: organisation.position,
                    to: ImportedElement.sourceKey(kind: "place", id: link.location),
                    toPosition: feed.locations[feed.locationIndex[link.location]!].value.position,
                    relation: relation))
        }
        return set
    }

    private static func packageName(at folder: String) -> String? {
        guard
            let data = FileManager.default.contents(
                atPath: (folder as NSString).appendingPathComponent("datapackage.json")),
            let package = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return (package["name"] as? String) ?? (package["title"] as? String)
    }

    /// An address on one line: "1 High Street, Pleck, Walsall, WS2 9HZ".
    static func address(_ parts: [String?]) -> String {
        parts.compactMap { $0?.trimmed }.filter { !$0.isEmpty }.joined(separator: ", ")
    }

    static func label(_ name: String, else address: String, id: String) -> String {
        let text = name.trimmed.replacingOccurrences(of: "\n", with: " ")
        if !text.isEmpty { return text }
        if let first = address.split(separator: ",").first { return String(first) }
        return "Location \(id)"
    }
}
