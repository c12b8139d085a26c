import AssetMapCore
import Foundation

/// Open Referral (HSDS 1.x–3.1) and Open Referral UK (1.0, 3.0) directories: a tabular data package (a folder or
/// a `.zip`), or JSON saved from (or read live off) an API. Organisations become organisation nodes, physical
/// locations places; each service is a `service:` line of its organisation, which is linked `delivers at` each
/// place the service is delivered at.
package enum OpenReferral {
    package static let relation = "delivers at"

    struct Organisation {
        var name = "", description = "", website = ""
        var position: Position
        /// Where the record is, for messages: `FILE:LINE:COLUMN`, `FILE:ROW:COLUMN` or `FILE:contents[3].organization`.
        var place: String
    }
    struct Location {
        var name = "", address = "", latitude = "", longitude = "", uprn = ""
        var physical = true
        var position: Position
        var place: String
    }
    struct Service {
        var name = "", organisation = "", assured = ""
        var locations: [String] = []
        var place: String
    }

    /// What a feed says, gathered from its files or pages before it becomes an import. A record met twice (a list
    /// page and a full page, or a service and its organisation's page) is one record: later values fill gaps.
    struct Feed {
        var versions: [String] = []
        var organisations: [String: Organisation] = [:]
        var organisationOrder: [String] = []
        var locations: [String: Location] = [:]
        var locationOrder: [String] = []
        var services: [String: Service] = [:]
        var serviceOrder: [String] = []
        /// Records left out and warnings on records kept, one summary line each.
        var problems: [String] = []
        var notes: [String] = []
        /// Why the read is not the whole feed (a page missing, one record): then nothing is flagged as gone.
        var partial: [String] = []

        mutating func said(_ version: String) { if !versions.contains(version) { versions.append(version) } }

        mutating func add(organisation id: String, _ value: Organisation) {
            guard var known = organisations[id] else {
                organisations[id] = value
                organisationOrder.append(id)
                return
            }
            fill(&known.name, value.name)
            fill(&known.description, value.description)
            fill(&known.website, value.website)
            organisations[id] = known
        }

        mutating func add(location id: String, _ value: Location) {
            guard var known = locations[id] else {
                locations[id] = value
                locationOrder.append(id)
                return
            }
            fill(&known.name, value.name)
            fill(&known.address, value.address)
            if known.latitude.isEmpty && known.longitude.isEmpty {
                (known.latitude, known.longitude) = (value.latitude, value.longitude)
            }
            fill(&known.uprn, value.uprn)
            locations[id] = known
        }

        mutating func add(service id: String, _ value: Service) {
            guard var known = services[id] else {
                services[id] = value
                serviceOrder.append(id)
                return
            }
            fill(&known.name, value.name)
            fill(&known.organisation, value.organisation)
            fill(&known.assured, value.assured)
            for location in value.locations where !known.locations.contains(location) {
                known.locations.append(location)
            }
            services[id] = known
        }

        mutating func deliver(service id: String, at location: String, place: String) {
            if services[id] == nil { add(service: id, Service(place: place)) }
            if !services[id]!.locations.contains(location) { services[id]!.locations.append(location) }
        }

        private func fill(_ field: inout String, _ value: String) { if field.isEmpty { field = value } }

        mutating func skip(_ place: String, _ kind: String, _ id: String?, name: String?, _ why: String) {
            problems.append("\(place): skipped \(Self.describe(kind, id, name)): \(why)")
        }

        mutating func warn(_ place: String, _ kind: String, _ id: String, name: String, _ what: String) {
            problems.append("\(place): warning: \(Self.describe(kind, id, name)): \(what)")
        }

        static func describe(_ kind: String, _ id: String?, _ name: String?) -> String {
            var text = kind
            if let id, !id.isEmpty { text += " '\(id)'" }
            if let name, !name.isEmpty { text += " \"\(name)\"" }
            return text
        }
    }

    /// Reads a data package (folder or `.zip`), a folder of API pages, or one page. `source` names the feed in the
    /// map (default: the package's name, else `open-referral`): re-imports match records by it and their ids.
    package static func importSet(path: String, source: String? = nil) throws -> ImportSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputErrors([InputError(path, "no such file or folder")])
        }
        var feed = Feed()
        var name = source
        if !isDirectory.boolValue && path.lowercased().hasSuffix(".zip") {
            let package = try PackageFiles(zip: path)
            name = name ?? package.name
            try readPackage(package, into: &feed)
        } else if isDirectory.boolValue {
            let files = try PackageFiles(folder: path)
            if files.isPackage {
                name = name ?? files.name
                try readPackage(files, into: &feed)
            } else {
                let pages = files.paths.filter { $0.lowercased().hasSuffix(".json") }.sorted {
                    $0.compare($1, options: .numeric) == .orderedAscending
                }
                guard !pages.isEmpty else {
                    throw InputErrors([
                        InputError(
                            path,
                            "neither a data package (datapackage.json, organizations.csv…) nor a folder of .json API pages"
                        )
                    ])
                }
                var reader = PageReader()
                for page in pages {
                    try reader.read(
                        try files.data(page), name: (path as NSString).appendingPathComponent(page), into: &feed)
                }
                reader.finish(into: &feed)
            }
        } else {
            var reader = PageReader()
            try reader.read(try InputLimits.read(path), name: path, into: &feed)
            reader.finish(into: &feed)
        }
        return importSet(feed, source: name ?? "open-referral")
    }

    /// Pages read off a live API, in order, named by their addresses; `partial` says why they are not the whole
    /// feed (an update since a date), if so.
    package static func importSet(pages: [(name: String, data: Data)], source: String, partial: [String] = [])
        throws -> ImportSet
    {
        var feed = Feed()
        var reader = PageReader()
        for page in pages { try reader.read(page.data, name: page.name, into: &feed) }
        reader.finish(into: &feed)
        feed.partial += partial
        return importSet(feed, source: source)
    }

    /// The feed as an import: warnings for values the map cannot take as they are, services joined to their
    /// organisations (a service whose organisation the feed does not have is skipped and said so).
    static func importSet(_ feed: Feed, source: String) -> ImportSet {
        var feed = feed
        var set = ImportSet()
        set.feed = source
        set.complete = feed.partial.isEmpty
        set.gatheredKeys = ["service"]
        set.latestKeys = ["assured-date"]
        var servicesOf: [String: [String]] = [:]
        var assured: [String: String] = [:]
        var links: [(organisation: String, location: String)] = []
        var linked = Set<[String]>()
        for id in feed.serviceOrder {
            let service = feed.services[id]!
            let name = normal(service.name)
            guard !service.organisation.isEmpty else {
                feed.skip(service.place, "service", id, name: name, "it names no organization")
                continue
            }
            guard feed.organisations[service.organisation] != nil else {
                feed.skip(
                    service.place, "service", id, name: name,
                    "its organization '\(service.organisation)' is in no organization record of the feed")
                continue
            }
            if name.isEmpty {
                feed.warn(service.place, "service", id, name: "", "it has no name: no service: line")
            } else if !(servicesOf[service.organisation]?.contains(name) ?? false) {
                servicesOf[service.organisation, default: []].append(name)
            }
            if let date = isoDate(service.assured) {
                if date > assured[service.organisation, default: ""] { assured[service.organisation] = date }
            } else if !service.assured.isEmpty {
                feed.warn(
                    service.place, "service", id, name: name,
                    "assured_date '\(service.assured)' is not a date (YYYY-MM-DD): left out")
            }
            for location in service.locations where linked.insert([service.organisation, location]).inserted {
                links.append((service.organisation, location))
            }
        }
        func provenance(_ id: String) -> [(key: String, value: String)] { [("source", source), ("source-id", id)] }
        for id in feed.organisationOrder {
            let organisation = feed.organisations[id]!
            var label = normal(organisation.name).replacingOccurrences(of: "\n", with: " ")
            if label.isEmpty {
                label = "Organisation \(id)"
                feed.warn(organisation.place, "organisation", id, name: "", "it has no name: labelled '\(label)'")
            }
            var attributes = provenance(id)
            for (key, value) in [("note", organisation.description), ("website", organisation.website)] {
                let value = normal(value)
                if !value.isEmpty { attributes.append((key, value)) }
            }
            attributes += (servicesOf[id] ?? []).map { ("service", $0) }
            if let date = assured[id] { attributes.append(("assured-date", date)) }
            set.elements.append(
                ImportedElement(
                    position: organisation.position, label: label, kind: "organisation", attributes: attributes,
                    sourceID: id))
        }
        var places = Set<String>()
        for id in feed.locationOrder {
            let location = feed.locations[id]!
            guard location.physical else { continue }
            let address = normal(location.address).replacingOccurrences(of: "\n", with: ", ")
            var label = normal(location.name).replacingOccurrences(of: "\n", with: " ")
            if label.isEmpty, let first = address.split(separator: ",").first { label = String(first) }
            if label.isEmpty {
                label = "Location \(id)"
                feed.warn(
                    location.place, "location", id, name: "",
                    "it has neither a name nor an address: labelled '\(label)'")
            }
            var attributes = provenance(id)
            if !address.isEmpty { attributes.append(("address", address)) }
            let latitude = normal(location.latitude), longitude = normal(location.longitude)
            if !latitude.isEmpty || !longitude.isEmpty {
                if let lat = Double(latitude), let lon = Double(longitude), (-90...90).contains(lat),
                    (-180...180).contains(lon)
                {
                    attributes += [("latitude", latitude), ("longitude", longitude)]
                } else {
                    feed.warn(
                        location.place, "location", id, name: label,
                        "latitude '\(latitude)', longitude '\(longitude)' is not a place on Earth: left out")
                }
            }
            if !normal(location.uprn).isEmpty { attributes.append(("uprn", normal(location.uprn))) }
            set.elements.append(
                ImportedElement(
                    position: location.position, label: label, kind: "place", attributes: attributes, sourceID: id))
            places.insert(id)
        }
        for link in links where places.contains(link.location) {
            set.connections.append(
                ImportedConnection(
                    from: ImportedElement.sourceKey(kind: "organisation", id: link.organisation),
                    fromPosition: feed.organisations[link.organisation]!.position,
                    to: ImportedElement.sourceKey(kind: "place", id: link.location),
                    toPosition: feed.locations[link.location]!.position, relation: relation))
        }
        let version = feed.versions.isEmpty ? "" : feed.versions.joined(separator: " and ") + ": "
        let physical = places.count
        set.notes.append(
            "read \(version)\(count(feed.organisationOrder.count, "organisation")), \(count(feed.locationOrder.count, "location")) (\(physical) physical), \(count(feed.serviceOrder.count, "service"))"
        )
        if !feed.partial.isEmpty {
            set.notes.append(
                "a partial read (\(feed.partial.joined(separator: "; "))): nothing is flagged as gone from the feed")
        }
        set.notes += feed.notes
        set.problems = feed.problems
        return set
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// A value as the map keeps it, the same on first import and on comparison: no control characters, no CR,
    /// no blanks at the ends of lines or around the value, no blank lines.
    static func normal(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        let scalars = text.unicodeScalars.filter {
            !($0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F || (0x80...0x9F).contains($0.value))
        }
        let cleaned = String(String.UnicodeScalarView(scalars)).replacingOccurrences(of: "\t", with: " ")
        return cleaned.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// `YYYY-MM-DD` from a date or a date-time (ISO 8601); nil for anything else.
    static func isoDate(_ text: String) -> String? {
        let text = text.trimmed
        guard text.count >= 10 else { return nil }
        let date = String(text.prefix(10))
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            year > 1000, (1...12).contains(month), (1...31).contains(day),
            text.count == 10 || text.dropFirst(10).first == "T" || text.dropFirst(10).first == " "
        else { return nil }
        return date
    }

    /// An address on one line: "1 High Street, Pleck, Walsall, WS2 9HZ".
    static func address(_ parts: [String?]) -> String {
        parts.compactMap { $0.map(normal) }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
