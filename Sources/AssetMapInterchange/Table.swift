import CSV
import Foundation

/// One sheet of a spreadsheet: a CSV file or a worksheet of a workbook, as rows of text cells.
package struct Table: Equatable, Sendable {
    /// How messages name it: `elements.csv`, or `book.xlsx[Connections]`.
    package var name: String
    /// Every row, the header first; cells trimmed of trailing empty ones is not done (columns keep their place).
    package var rows: [[String]]

    package init(name: String, rows: [[String]]) {
        self.name = name
        self.rows = rows
    }

    package var header: [String] { rows.first ?? [] }
}

/// A problem in an input file, at a row and column as the spreadsheet shows them (both from 1).
package struct InputError: Error, Equatable, CustomStringConvertible, Sendable {
    package var file: String
    package var row: Int
    package var column: Int
    package var message: String

    package init(_ file: String, row: Int = 1, column: Int = 1, _ message: String) {
        (self.file, self.row, self.column, self.message) = (file, row, column, message)
    }

    /// `FILE:ROW:COLUMN: error: message`, like `assetmap check`.
    package var description: String { "\(file):\(row):\(column): error: \(message)" }
}

/// Several input errors, reported together.
package struct InputErrors: Error, CustomStringConvertible, Sendable {
    package var errors: [InputError]
    package init(_ errors: [InputError]) { self.errors = errors }
    package var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// CSV as Excel and LibreOffice write it, read and written through CSV.swift.
package enum CSVTable {
    /// UTF-8 (a byte-order mark is skipped), UTF-16, else Windows-1252 (Excel's "CSV" on Windows); `,`, `;` or tab separated,
    /// told from the header line; CRLF or LF; quoted cells may hold separators, quotes and line breaks.
    /// The encoding: see TextDecoding (UTF-8, UTF-16 with a byte-order mark, Windows-1252, or `encoding`).
    package static func read(_ data: Data, name: String, encoding: String.Encoding? = nil) throws -> Table {
        let text = try TextDecoding.decode(data, name: name, encoding: encoding)
        let separator = delimiter(of: text)
        if let (row, column, problem) = badQuote(in: text, separator: separator) {
            throw InputError(name, row: row, column: column, problem)
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, delimiter: separator)
        } catch {
            throw InputError(name, "cannot read it as CSV: \(error)")
        }
        var rows: [[String]] = []
        while let row = reader.next() {
            rows.append(
                row.map { restored($0.utf8.contains(13) ? $0.replacingOccurrences(of: "\r\n", with: "\n") : $0) })
        }
        if let error = reader.error {
            throw InputError(name, row: rows.count + 1, "cannot read this row as CSV: \(error) (a quote left open?)")
        }
        // Excel leaves rows of separators only (",,,") below the data.
        while let last = rows.last, last.allSatisfy(\.isEmpty) { rows.removeLast() }
        return Table(name: name, rows: rows)
    }

    /// A quoted cell read as RFC 4180 reads it (a cell is quoted when it starts with `"`, `""` inside is a
    /// quote, the closing quote ends the cell) that is not closed, or is closed with text still after it: its
    /// row and column (from 1, as a spreadsheet counts them) and what is wrong. Read leniently, a quote left
    /// open takes the rest of the file, or everything up to the next quote, into one cell.
    static func badQuote(in text: String, separator: UnicodeScalar) -> (row: Int, column: Int, problem: String)? {
        let comma = UInt8(separator.value), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var row = 1, column = 1
        var atCellStart = true
        var opened: (row: Int, column: Int)? = nil
        var bytes = text.utf8.makeIterator()
        var pending: UInt8? = nil
        while let byte = pending ?? bytes.next() {
            pending = nil
            if let start = opened {
                guard byte == quote else { continue }
                let next = bytes.next()
                if next == quote { continue }
                opened = nil
                guard next == nil || next == comma || next == cr || next == lf else {
                    return (
                        start.row, start.column,
                        "the quote that opens this cell closes before its end (a quote left open?); quote the whole cell and double each quote in it"
                    )
                }
                pending = next
                continue
            }
            switch byte {
            case comma: column += 1; atCellStart = true
            case lf: row += 1; column = 1; atCellStart = true
            case cr: atCellStart = true
            case quote where atCellStart: opened = (row, column); atCellStart = false
            default: atCellStart = false
            }
        }
        return opened.map {
            (
                $0.row, $0.column,
                "a quote opens this cell and is never closed (the rest of the file would be read as this one cell)"
            )
        }
    }

    /// The separator used most on the first line outside quotes: `;` where Excel's locale uses decimal commas.
    static func delimiter(of text: String) -> UnicodeScalar {
        var counts: [UnicodeScalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted && (scalar == "\n" || scalar == "\r") { break }
            if !quoted, counts[scalar] != nil { counts[scalar]! += 1 }
        }
        let best = counts.max { ($0.value, $0.key == "," ? 1 : 0) < ($1.value, $1.key == "," ? 1 : 0) }!
        return best.value > 0 ? best.key : ","
    }

    /// A cell a spreadsheet would take for a formula: starting with `=`, `+`, `-`, `@`, tab or CR (OWASP's CSV
    /// injection list), after any apostrophes; a plain number such as `-1.98` is a number, not a formula.
    static func looksLikeFormula(_ cell: String) -> Bool {
        let rest = cell.drop { $0 == "'" }
        guard let first = rest.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return rest.count != cell.count || Double(cell) == nil
    }

    /// OWASP's neutralising apostrophe before a cell that looks like a formula; `restored` takes one off again, so
    /// every value reads back as it was (`'=x` is written `''=x`).
    static func neutralised(_ cell: String) -> String { looksLikeFormula(cell) ? "'" + cell : cell }

    static func restored(_ cell: String) -> String {
        cell.hasPrefix("'") && looksLikeFormula(cell) ? String(cell.dropFirst()) : cell
    }

    /// UTF-8 with a byte-order mark (so Excel reads accents), CRLF line ends, quoted where needed, cells that look
    /// like formulas neutralised.
    package static func write(_ rows: [[String]]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        defer { stream.close() }
        var bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        _ = stream.write(&bom, maxLength: 3)
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try writer.write(row: row.map(neutralised)) }
        _ = writer.stream.write([13, 10], maxLength: 2)
        return stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and line breaks; pure Swift (Foundation's trimming is slow on Linux,
    /// and an import trims every cell).
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
