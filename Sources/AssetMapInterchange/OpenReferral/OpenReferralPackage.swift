import AssetMapCore
import Foundation
import ZIPFoundation

/// The files of a tabular data package: a folder, or a `.zip` (its package may sit in a subfolder).
struct PackageFiles {
    /// How messages name the package: the folder's or the zip's path.
    let root: String
    /// Every file, relative to the package's folder (the one holding `datapackage.json`).
    let paths: [String]
    private let read: (String) throws -> Data

    init(folder: String) throws {
        root = folder
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw InputErrors([InputError(folder, "cannot list the folder")])
        }
        paths = files.sorted()
        read = { try InputLimits.read((folder as NSString).appendingPathComponent($0)) }
    }

    init(zip: String) throws {
        root = zip
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: zip), accessMode: .read) } catch {
            throw InputErrors([InputError(zip, "not a zip file: \(error)")])
        }
        let entries = archive.filter { $0.type == .file }.map(\.path)
        // The package's folder: where its datapackage.json is, else its organizations CSV, shallowest first.
        let anchors = ["datapackage.json"] + PackageTable.Role.organization.files
        let base =
            anchors.lazy.compactMap { anchor in
                entries.filter { ($0 as NSString).lastPathComponent.lowercased() == anchor }
                    .min { $0.split(separator: "/").count < $1.split(separator: "/").count }
            }.first.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        let prefix = base.isEmpty ? "" : base + "/"
        paths = entries.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
            .map { String($0.dropFirst(prefix.count)) }
        var unpackable = InputLimits.unpackedBudget(forFileOf: InputLimits.size(of: zip))
        read = { path in
            guard let entry = archive[prefix + path] else { throw InputError(zip, "the zip has no \(prefix + path)") }
            return try InputLimits.extract(entry, of: archive, name: zip, budget: &unpackable)
        }
    }

    func data(_ path: String) throws -> Data { try read(path) }

    /// How messages name one file: `feed/organizations.csv`, `feed.zip[organizations.csv]`.
    func name(_ path: String) -> String {
        root.lowercased().hasSuffix(".zip") ? "\(root)[\(path)]" : (root as NSString).appendingPathComponent(path)
    }

    func file(named name: String) -> String? { paths.first { $0.lowercased() == name.lowercased() } }

    var descriptor: [String: Any]? {
        guard let path = file(named: "datapackage.json"), let data = try? data(path) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// A folder with `datapackage.json` or any CSV is read as a package (so a misnamed table gets a did-you-mean).
    var isPackage: Bool {
        file(named: "datapackage.json") != nil || paths.contains { $0.lowercased().hasSuffix(".csv") }
    }

    /// The package's `name` (else its `title`), for the feed's `source:`; the spec's template name is no name.
    var name: String? {
        guard let descriptor, let name = (descriptor["name"] as? String) ?? (descriptor["title"] as? String) else {
            return nil
        }
        return name == "human_services_data" ? nil : name
    }
}

/// A CSV of the package with its columns looked up by name.
struct PackageTable {
    /// The tables read, with the names HSDS gives their resources (`datapackage.json`) and files, all versions.
    enum Role: CaseIterable {
        case organization, location, address, service, serviceAtLocation

        var resources: [String] {
            switch self {
            case .organization: ["organization"]
            case .location: ["location"]
            case .address: ["address", "physical_address"]
            case .service: ["service"]
            case .serviceAtLocation: ["service_at_location", "services_at_location"]
            }
        }

        var files: [String] {
            switch self {
            case .organization: ["organizations.csv", "organization.csv"]
            case .location: ["locations.csv", "location.csv"]
            case .address: ["addresses.csv", "address.csv", "physical_addresses.csv", "physical_address.csv"]
            case .service: ["services.csv", "service.csv"]
            case .serviceAtLocation:
                ["service_at_location.csv", "services_at_location.csv", "service_at_locations.csv"]
            }
        }
    }

    var table: Table
    var resource: String
    var columns: [String: Int] = [:]

    init(_ table: Table, resource: String) {
        self.table = table
        self.resource = resource
        for (i, name) in table.header.enumerated() {
            columns[name.trimmed.lowercased()] = columns[name.lowercased()] ?? i
        }
    }

    func require(_ names: String...) throws {
        var errors: [InputError] = []
        for name in names where columns[name] == nil {
            let guess = Suggest.didYouMean(name, among: table.header)
            errors.append(InputError(table.name, "no column '\(name)'\(guess); HSDS names it '\(name)'"))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// The data rows with their spreadsheet row numbers (the header is row 1).
    var rows: [(number: Int, cells: [String])] {
        table.rows.enumerated().dropFirst().filter { !$0.element.allSatisfy(\.isEmpty) }.map {
            ($0.offset + 1, $0.element)
        }
    }

    func cell(_ row: [String], _ name: String) -> String {
        guard let i = columns[name], i < row.count else { return "" }
        return row[i].trimmed
    }

    func position(_ number: Int, _ name: String) -> Position {
        Position(table.name, row: number, column: (columns[name] ?? 0) + 1)
    }

    func place(_ number: Int, _ name: String) -> String {
        "\(table.name):\(number):\((columns[name] ?? 0) + 1)"
    }
}

extension OpenReferral {
    /// Finds each table through `datapackage.json` (a resource's `name` and `path`), else by the file names HSDS
    /// gives them; a missing organizations table, or a resource whose file is not there, is an error with a
    /// did-you-mean among the package's CSVs.
    static func readPackage(_ package: PackageFiles, into feed: inout Feed) throws {
        var errors: [InputError] = []
        let csvs = package.paths.filter { $0.lowercased().hasSuffix(".csv") }
        var declared: [String: [String]] = [:]
        for resource in package.descriptor?["resources"] as? [[String: Any]] ?? [] {
            guard let name = resource["name"] as? String else { continue }
            let paths = (resource["path"] as? String).map { [$0] } ?? (resource["path"] as? [String]) ?? []
            declared[name.lowercased()] = paths
        }
        func table(_ role: PackageTable.Role) -> [PackageTable] {
            if let resource = role.resources.first(where: { declared[$0] != nil }) {
                return declared[resource]!.compactMap { path in
                    if path.contains("://") {
                        errors.append(
                            InputError(
                                package.name("datapackage.json"),
                                "resource '\(resource)' is at \(path): download it into the package's folder"))
                        return nil
                    }
                    guard let file = package.file(named: path) else {
                        let guess = Suggest.didYouMean(path, among: csvs)
                        errors.append(
                            InputError(
                                package.name("datapackage.json"),
                                "resource '\(resource)' names \(path), which is not in the package\(guess)"))
                        return nil
                    }
                    return load(file, resource)
                }
            }
            guard let file = role.files.lazy.compactMap({ package.file(named: $0) }).first else { return [] }
            return load(file, role.resources[0]).map { [$0] } ?? []
        }
        func load(_ file: String, _ resource: String) -> PackageTable? {
            do {
                return PackageTable(
                    try CSVTable.read(try package.data(file), name: package.name(file)), resource: resource)
            } catch let error as InputError {
                errors.append(error)
            } catch {
                errors.append(InputError(package.name(file), "cannot read it: \(error)"))
            }
            return nil
        }
        func required(_ table: PackageTable, _ columns: String...) -> Bool {
            let missing = columns.filter { table.columns[$0] == nil }
            for name in missing {
                let guess = Suggest.didYouMean(name, among: table.table.header)
                errors.append(InputError(table.table.name, "no column '\(name)'\(guess); HSDS names it '\(name)'"))
            }
            return missing.isEmpty
        }

        let organisations = table(.organization)
        if organisations.isEmpty && declared["organization"] == nil {
            let guess = Suggest.didYouMean("organizations.csv", among: csvs)
            errors.append(InputError(package.root, "the data package has no organizations.csv\(guess)"))
        }
        let locations = table(.location), addresses = table(.address)
        let services = table(.service), servedAt = table(.serviceAtLocation)
        feed.said(
            version(
                of: package, declared: Set(declared.keys), locations: locations, addresses: addresses,
                servedAt: servedAt))

        for table in organisations where required(table, "id", "name") {
            for (number, row, id, name, place) in identifiedRows(of: table, "organisation", skippingOn: &feed) {
                let website = table.cell(row, "website")
                feed.add(
                    organisation: id,
                    Organisation(
                        name: name, description: table.cell(row, "description"),
                        website: website.isEmpty ? table.cell(row, "url") : website,
                        position: table.position(number, "name"), place: place))
            }
        }
        var addressOf: [String: String] = [:]
        for table in addresses where required(table, "location_id") {
            for (_, row) in table.rows where addressOf[table.cell(row, "location_id")] == nil {
                let type = table.cell(row, "address_type").lowercased()
                guard type.isEmpty || type == "physical" else { continue }
                addressOf[table.cell(row, "location_id")] = address(
                    ["address_1", "address_2", "address_3", "address_4", "city", "state_province", "postal_code"].map {
                        table.cell(row, $0)
                    })
            }
        }
        for table in locations where required(table, "id") {
            for (number, row, id, name, place) in identifiedRows(of: table, "location", skippingOn: &feed) {
                let uprnType = table.cell(row, "external_identifier_type").lowercased() == "uprn"
                feed.add(
                    location: id,
                    Location(
                        name: name, address: addressOf[id] ?? "", latitude: table.cell(row, "latitude"),
                        longitude: table.cell(row, "longitude"),
                        uprn: uprnType ? table.cell(row, "external_identifier") : table.cell(row, "uprn"),
                        physical: !["virtual", "postal"].contains(table.cell(row, "location_type").lowercased()),
                        position: table.position(number, "name"), place: place))
            }
        }
        for table in services where required(table, "id", "organization_id", "name") {
            for (number, row, id, name, place) in identifiedRows(of: table, "service", skippingOn: &feed) {
                let organisation = table.cell(row, "organization_id")
                feed.add(
                    service: id,
                    Service(
                        name: name, organisation: organisation, assured: table.cell(row, "assured_date"),
                        place: organisation.isEmpty ? table.place(number, "organization_id") : place))
            }
        }
        for table in servedAt where required(table, "service_id", "location_id") {
            for (number, row) in table.rows {
                let service = table.cell(row, "service_id"), location = table.cell(row, "location_id")
                let place = table.place(number, "service_id")
                guard feed.services[service] != nil else {
                    feed.skip(
                        place, "service_at_location", table.cell(row, "id"), name: nil, "no service has id '\(service)'"
                    )
                    continue
                }
                guard feed.locations[location] != nil else {
                    feed.skip(
                        table.place(number, "location_id"), "service_at_location", table.cell(row, "id"), name: nil,
                        "no location has id '\(location)'")
                    continue
                }
                feed.deliver(service: service, at: location, place: place)
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
    }

    /// A table's rows with an id not met before in it; a row without an id, or repeating one, is skipped
    /// on the feed's summary (placed at its id or name cell).
    private static func identifiedRows(
        of table: PackageTable, _ kind: String, skippingOn feed: inout Feed
    ) -> [(number: Int, cells: [String], id: String, name: String, place: String)] {
        var firstRowOf: [String: Int] = [:]
        var kept: [(number: Int, cells: [String], id: String, name: String, place: String)] = []
        for (number, row) in table.rows {
            let id = table.cell(row, "id"), name = table.cell(row, "name")
            let place = table.place(number, "name")
            if id.isEmpty {
                feed.skip(table.place(number, "id"), kind, nil, name: name, "it has no id")
            } else if let first = firstRowOf[id] {
                feed.skip(place, kind, id, name: name, "a second row with this id (the first is row \(first))")
            } else {
                firstRowOf[id] = number
                kept.append((number, row, id, name, place))
            }
        }
        return kept
    }

    /// The HSDS version a package is written in, from the tables it has: 3.x has `addresses` and
    /// `location_type`; 3.1 adds `url`, `unit`, `service_capacity`; 1.x names `services_at_location`;
    /// ORUK 1.0 adds `link_taxonomy` and `review` to HSDS 2.0's tables.
    private static func version(
        of package: PackageFiles, declared: Set<String>, locations: [PackageTable], addresses: [PackageTable],
        servedAt: [PackageTable]
    ) -> String {
        let files = Set(package.paths.map { ($0.lowercased() as NSString).deletingPathExtension })
        let has = { (name: String) in declared.contains(name) || files.contains(name) || files.contains(name + "s") }
        let isThree =
            addresses.contains { $0.resource == "address" && $0.columns["address_type"] != nil }
            || locations.contains { $0.columns["location_type"] != nil }
        if isThree {
            return ["url", "unit", "service_capacity"].contains(where: has)
                ? "HSDS 3.1 tabular package" : "HSDS 3.0 / ORUK 3.0 tabular package"
        }
        if ["link_taxonomy", "review"].contains(where: has) { return "ORUK 1.0 tabular package" }
        if servedAt.contains(where: { $0.resource == "services_at_location" })
            || files.contains("services_at_location")
        {
            return "HSDS 1.x tabular package"
        }
        return "HSDS 2.0 tabular package"
    }
}
