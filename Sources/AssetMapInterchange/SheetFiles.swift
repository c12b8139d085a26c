import Foundation

/// Spreadsheet files named on the command line, read into tables.
package enum SheetFiles {
    /// `.csv` (also `.txt`, `.tsv`) is one table; `.xlsx` gives every worksheet. Messages name the file as given.
    package static func tables(_ paths: [String]) throws -> [(table: Table, required: Bool)] {
        var tables: [(table: Table, required: Bool)] = []
        var errors: [InputError] = []
        for path in paths {
            let name = path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else {
                errors.append(
                    InputError(
                        name,
                        "cannot read the file: \(isDirectory.boolValue ? "it is a directory" : "no such file, or permission denied")"
                    ))
                continue
            }
            do {
                switch URL(fileURLWithPath: path).pathExtension.lowercased() {
                case "xlsx", "xlsm":
                    tables += try Workbook.read(data, name: name).map { ($0, false) }
                case "csv", "txt", "tsv":
                    tables.append((try CSVTable.read(data, name: name), true))
                case "xls", "ods", "numbers":
                    errors.append(
                        InputError(
                            name,
                            "this spreadsheet format is not read: save it as .xlsx (Excel Workbook) or .csv (CSV UTF-8)"
                        ))
                default:
                    errors.append(InputError(name, "not a .csv or .xlsx file"))
                }
            } catch let error as InputError {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return tables
    }
}
