import Foundation

/// Files named on the command line, read into one graph of records: spreadsheets in Kumu's model and edge
/// lists (`.csv`, `.xlsx`), Kumu's JSON, GEXF and GraphML. Every file's errors are reported together.
package enum ImportFiles {
    /// `encoding`: the text files' encoding when it is not one told from the bytes (see TextDecoding).
    package static func records(_ paths: [String], encoding: String.Encoding? = nil) throws -> RecordGraph {
        var graph = RecordGraph()
        var sheets: [String] = []
        var errors: [InputError] = []
        for path in paths {
            let reader: ((Data, String) throws -> RecordGraph)?
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "json": reader = KumuJSON.read
            case "gexf": reader = GraphXML.readGEXF
            case "graphml": reader = GraphXML.readGraphML
            default: reader = nil
            }
            guard let reader else {
                sheets.append(path)
                continue
            }
            do {
                graph.append(try reader(try SheetFiles.contents(path), path))
            } catch let error as InputError {
                errors.append(error)
            } catch let error as InputErrors {
                errors += error.errors
            }
        }
        if !sheets.isEmpty || paths.isEmpty {
            do {
                graph.append(try KumuSheets.records(SheetFiles.tables(sheets, encoding: encoding)))
            } catch let error as InputErrors {
                errors += error.errors
            }
        }
        graph.errors = errors + graph.errors
        return graph
    }
}

/// Spreadsheet files named on the command line, read into tables.
package enum SheetFiles {
    /// The bytes of a file named on the command line, or an error saying why not.
    static func contents(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: path)
        else {
            throw InputError(
                path,
                "cannot read the file: \(isDirectory.boolValue ? "it is a directory" : "no such file, or permission denied")"
            )
        }
        return data
    }

    /// `.csv` (also `.txt`, `.tsv`) is one table; `.xlsx` gives every worksheet. Messages name the file as given.
    package static func tables(_ paths: [String], encoding: String.Encoding? = nil) throws -> [(
        table: Table, required: Bool
    )] {
        var tables: [(table: Table, required: Bool)] = []
        var errors: [InputError] = []
        for path in paths {
            let name = path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                errors.append(InputError(name, "cannot read the file: it is a directory"))
                continue
            }
            let data: Data
            do { data = try InputLimits.read(path) } catch let error as InputError {
                errors.append(error)
                continue
            }
            do {
                switch URL(fileURLWithPath: path).pathExtension.lowercased() {
                case "xlsx", "xlsm":
                    tables += try Workbook.read(data, name: name).map { ($0, false) }
                case "csv", "txt", "tsv":
                    tables.append((try CSVTable.read(data, name: name, encoding: encoding), true))
                case "xls", "ods", "numbers":
                    errors.append(
                        InputError(
                            name,
                            "this spreadsheet format is not read: save it as .xlsx (Excel Workbook) or .csv (CSV UTF-8)"
                        ))
                default:
                    errors.append(
                        InputError(
                            name, "not a file AssetMap imports: use .csv, .xlsx, .json (Kumu), .gexf or .graphml"))
                }
            } catch let error as InputError {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return tables
    }
}
