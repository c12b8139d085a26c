import Foundation
import ZIPFoundation
#if canImport(Glibc)
    import Glibc
#endif

/// The bounds every reader of other tools' files keeps, in one place, so that a small hostile file
/// (a zip bomb, a row numbered two billion, a column reference fourteen letters long, JSON nested a
/// million deep) is refused with a message naming the bound instead of crashing or taking the
/// machine's memory; memory stays a small multiple of the file's size.
package enum InputLimits {
    /// The largest file read at all (CSV, .xlsx, JSON).
    package static let fileBytes = 512 << 20
    /// A spreadsheet's own grid (Excel's and LibreOffice's): rows 1…1,048,576, columns A…XFD.
    package static let rows = 1_048_576
    package static let columns = 16_384
    /// Cells a sheet may hold, gaps the file leaves out counted: at least this many, more for a bigger part.
    package static let cells = 4_000_000
    /// …or this many per byte of the part's XML (a real cell takes ten bytes or more).
    package static let cellsPerByte = 16
    /// What a workbook's parts may unpack to, together: at most this many bytes…
    package static let unpackedBytes = 1 << 30
    /// …and at most this many times the workbook's own size (spreadsheet XML packs 5 to 30 times; zip bombs, a thousand).
    package static let expansion = 100
    /// The deepest nesting of JSON arrays and objects read (an Open Referral page nests fewer than ten).
    package static let jsonDepth = 512

    /// What `data` (a file `name`) may unpack to.
    static func unpackedBudget(forFileOf size: Int) -> Int { min(unpackedBytes, max(64 << 20, size * expansion)) }

    /// Cells a sheet whose XML has `bytes` bytes may hold.
    static func cellBudget(forPartOf bytes: Int) -> Int { max(cells, bytes * cellsPerByte) }

    static func size(of path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// Reads a file no bigger than `fileBytes` (checked before reading: a huge file is never loaded).
    static func read(_ path: String) throws -> Data {
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) > fileBytes {
            throw InputError(
                path, "the file is \(megabytes(Int(st.st_size))); files over \(megabytes(fileBytes)) are not read")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path, "cannot read the file: no such file, or permission denied")
        }
        guard data.count <= fileBytes else {
            throw InputError(path, "the file is over \(megabytes(fileBytes)); it is not read")
        }
        return data
    }

    /// Unpacks a zip entry within `budget` bytes (shared by all of one file's entries, and taken from it): a
    /// zip bomb stops where the budget does, whatever sizes its entries claim.
    static func extract(_ entry: Entry, of archive: Archive, name: String, budget: inout Int) throws -> Data {
        var out = Data()
        var left = budget
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
            left -= chunk.count
            guard left >= 0 else {
                throw InputError(
                    name,
                    "\(entry.path) unpacks to more than a zip of this size may (\(megabytes(budget)) in all): not read")
            }
            out.append(chunk)
        }
        budget = left
        return out
    }

    static func megabytes(_ bytes: Int) -> String { "\((bytes + (1 << 20) - 1) >> 20) MB" }
}
