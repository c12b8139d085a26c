import AssetMapCore
import Foundation
import XMLCoder
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#endif

/// `.xlsx` workbooks: a zip of XML parts (ZIPFoundation), whose parts are decoded with XMLCoder.
package enum Workbook {
    /// Every worksheet, in the workbook's order, named `FILE[Sheet]`; cells as text (numbers as stored).
    package static func read(_ data: Data, name: String) throws -> [Table] {
        // An OLE compound file: Excel's encrypted (password-protected) workbooks, and the old .xls format.
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            let encrypted = data.range(of: Data("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
            throw InputError(
                name,
                encrypted != nil
                    ? "the workbook is encrypted (it has a password to open): open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, then clear it), save and import again"
                    : "this is an Excel 97-2003 workbook (.xls), not .xlsx: open it and save it as Excel Workbook (.xlsx)"
            )
        }
        let archive: Archive
        do { archive = try fileBackedArchive(data, name: name) } catch let error as InputError { throw error } catch {
            throw InputError(
                name,
                data.starts(with: [0x50, 0x4B])
                    ? "the workbook is damaged (its zip structure cannot be read; was it cut short in a download or an email?): open it in Excel, which may repair it, save it again, or get a fresh copy"
                    : "not an .xlsx workbook (it is not a zip file)")
        }
        var unpackable = InputLimits.unpackedBudget(forFileOf: data.count)
        var unpacked: [String: Int] = [:]  // each part's size as it unpacked, not as the zip claims
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            let out: Data
            do { out = try InputLimits.extract(entry, of: archive, name: name, budget: &unpackable) } catch let error
                as InputError
            {
                throw error
            } catch {
                throw InputError(
                    name,
                    "the workbook is damaged: its part \(path) \(error as? Archive.ArchiveError == .invalidCRC32 ? "does not match its checksum" : "cannot be unpacked") (was the file cut short or changed in transfer?); open it in Excel, which may repair it, save it again, or get a fresh copy"
                )
            }
            unpacked[path] = out.count
            return out
        }
        let decoder = XMLDecoder()
        decoder.shouldProcessNamespaces = true
        decoder.trimValueWhitespaces = false
        func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T? {
            guard let xml = try part(path) else { return nil }
            do { return try decoder.decode(type, from: xml) } catch {
                throw notXML(path, xml, workbook: name)
            }
        }
        guard let workbook = try decode(WorkbookXML.self, "xl/workbook.xml") else {
            throw InputError(name, "not an .xlsx workbook (no xl/workbook.xml)")
        }
        let relations = try decode(RelationshipsXML.self, "xl/_rels/workbook.xml.rels")?.Relationship ?? []
        let strings = try decode(SharedStringsXML.self, "xl/sharedStrings.xml")?.si?.map(\.text) ?? []
        let styles = try decode(StylesXML.self, "xl/styles.xml")
        let formats = styles.map(Formats.init) ?? Formats()
        let date1904 = ["1", "true"].contains(workbook.workbookPr?.date1904 ?? "")
        return try workbook.sheets.sheet.enumerated().map { index, sheet in
            let target = relations.first { $0.Id == sheet.id }?.Target ?? "worksheets/sheet\(index + 1).xml"
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            let table = "\(name)[\(sheet.name)]"
            guard let worksheet = try decode(WorksheetXML.self, path) else {
                throw InputError(table, "the workbook has no part \(path)")
            }
            var reading = Reading(strings: strings, formats: formats, date1904: date1904, table: table)
            reading.cellBudget = InputLimits.cellBudget(forPartOf: unpacked[path] ?? 0)
            return Table(name: table, rows: try rows(of: worksheet, reading))
        }
    }

    /// The zip read from a private temporary copy of `data` (made with `mkstemp`: 0600, a fresh name; removed once
    /// open). ZIPFoundation reading from memory traps when a damaged zip points past the end of the data; reading
    /// a file, the same seek merely finds nothing, which it reports as an error.
    private static func fileBackedArchive(_ data: Data, name: String) throws -> Archive {
        func refused() -> InputError {
            InputError(
                name,
                "cannot read it: a temporary copy could not be made in \(NSTemporaryDirectory()) (\(String(cString: strerror(errno))))"
            )
        }
        var template = Array((NSTemporaryDirectory() + "/assetmap-workbook-XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw refused() }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let written = data.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            return done
        }
        let failure = refused()
        close(descriptor)
        guard written == data.count else { throw failure }
        return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    }

    /// A part that XMLCoder could not decode, said with the parser's line and column.
    private static func notXML(_ path: String, _ xml: Data, workbook: String) -> InputError {
        var where_ = ""
        do { _ = try XMLTree.parse(xml, name: path) } catch let error as InputError {
            where_ = " (line \(error.row), column \(error.column))"
        } catch {}
        return InputError(
            workbook,
            "the workbook is damaged: its part \(path) is not the XML Excel writes\(where_); open it in Excel, which may repair it, save it again, or get a fresh copy"
        )
    }

    /// What reading a sheet's cells needs from the rest of the workbook.
    private struct Reading {
        var strings: [String]
        var formats: Formats
        var date1904: Bool
        var table: String
        /// Cells the sheet may spread over, gaps counted (`InputLimits.cellBudget`).
        var cellBudget = InputLimits.cells
    }

    /// Each cell style's number format (`s` indexes `cellXfs`), as what it shows.
    private struct Formats {
        var shown: [NumberShown] = []

        init() {}

        init(_ styles: StylesXML) {
            var codes: [Int: String] = [:]
            for format in styles.numFmts?.numFmt ?? [] { codes[format.numFmtId] = format.formatCode }
            shown = (styles.cellXfs?.xf ?? []).map { xf in
                let id = xf.numFmtId ?? 0
                return NumberShown.of(id: id, code: codes[id])
            }
        }

        func shown(style: Int?) -> NumberShown {
            guard let style, shown.indices.contains(style) else { return .number }
            return shown[style]
        }
    }

    /// A number cell's text as its format shows it.
    private static func shown(_ stored: String, style: Int?, _ reading: Reading) -> String {
        guard let value = Double(stored.trimmed) else { return stored }
        switch reading.formats.shown(style: style) {
        case .number: return CellText.number(value)
        case .percent: return CellText.number((value * 100 * 1e9).rounded() / 1e9) + "%"
        case .dateTime(let date, let time, let seconds):
            return CellText.date(serial: value, date1904: reading.date1904, date: date, time: time, seconds: seconds)
                ?? CellText.number(value)
        }
    }

    private static func rows(of sheet: WorksheetXML, _ reading: Reading) throws -> [[String]] {
        let (strings, table) = (reading.strings, reading.table)
        var rows: [[String]] = []
        var budget = reading.cellBudget
        for row in sheet.sheetData.row ?? [] {
            let number = row.r ?? rows.count + 1
            guard (1...InputLimits.rows).contains(number) else {
                throw InputError(
                    table, row: max(1, min(number, Int(Int32.max))),
                    "row number \(number) is outside a spreadsheet's rows (1 to \(InputLimits.rows))")
            }
            // Rows left out of the file are empty: keep positions as the spreadsheet shows them.
            budget -= max(0, number - 1 - rows.count)
            while rows.count < number - 1 { rows.append([]) }
            var cells: [String] = []
            for cell in row.c ?? [] {
                var column = cells.count
                if let reference = cell.r {
                    guard let index = columnIndex(reference) else {
                        throw InputError(
                            table, row: number, column: cells.count + 1,
                            "cell reference '\(Escaping.oneLine(reference, limit: 40))' is past the last column a spreadsheet has (\(columnName(InputLimits.columns - 1)))"
                        )
                    }
                    column = index
                }
                budget -= max(0, column - cells.count) + 1
                guard budget >= 0 else {
                    throw InputError(
                        table, row: number, column: column + 1,
                        "the sheet spreads over more than \(reading.cellBudget) cells, too many for the size of its file: not read"
                    )
                }
                while cells.count < column { cells.append("") }
                var text = cell.v ?? cell.is?.text ?? ""
                switch cell.t {
                case "s":
                    guard let i = Int(text), strings.indices.contains(i) else {
                        throw InputError(
                            table, row: number, column: column + 1,
                            "the cell names shared string \(text), which the workbook does not have")
                    }
                    text = CellText.unescaped(strings[i])
                case "inlineStr", "str": text = CellText.unescaped(text)
                case "b": text = text.trimmed == "1" || text.trimmed.lowercased() == "true" ? "yes" : "no"
                case nil, "n": text = shown(text, style: cell.s, reading)
                default: break
                }
                cells.append(text.utf8.contains(13) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text)
            }
            rows.append(cells)
        }
        while let last = rows.last, last.allSatisfy(\.isEmpty) { rows.removeLast() }
        return rows
    }

    /// "B7" → 1; nil past the last column a spreadsheet has (XFD).
    static func columnIndex(_ reference: String) -> Int? {
        var n = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            n = n * 26 + Int(scalar.value - 64)
            if n > InputLimits.columns { return nil }
        }
        return max(n - 1, 0)
    }

    /// 1 → "B".
    static func columnName(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    // MARK: Writing

    /// A workbook with one worksheet per table: bold header row, frozen below it, with a filter on every column.
    package static func write(_ sheets: [(name: String, rows: [[String]])]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_700_000_000),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        try add(
            "[Content_Types].xml",
            declaration + """
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                \(sheets.indices.map { #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }.joined())\
                </Types>
                """)
        try add(
            "_rels/.rels",
            declaration + """
                <Relationships xmlns="\(packageRelationships)">\
                <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """)
        let filters = sheets.enumerated().map { i, sheet in
            #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(i)" hidden="1">'\#(escape(sheet.name))'!$A$1:$\#(columnName(max(width(sheet.rows), 1) - 1))$\#(max(sheet.rows.count, 1))</definedName>"#
        }.joined()
        try add(
            "xl/workbook.xml",
            declaration + """
                <workbook xmlns="\(main)" xmlns:r="\(relationships)"><sheets>\
                \(sheets.enumerated().map { #"<sheet name="\#(escape($1.name))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined())\
                </sheets><definedNames>\(filters)</definedNames></workbook>
                """)
        try add(
            "xl/_rels/workbook.xml.rels",
            declaration + """
                <Relationships xmlns="\(packageRelationships)">\
                \(sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined())\
                <Relationship Id="rId\(sheets.count + 1)" Type="\(relationships)/styles" Target="styles.xml"/></Relationships>
                """)
        try add(
            "xl/styles.xml",
            declaration + """
                <styleSheet xmlns="\(main)">\
                <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
                <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
                <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
                <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
                <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>\
                <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>\
                <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1" quotePrefix="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs>\
                </styleSheet>
                """)
        for (i, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(i + 1).xml", worksheet(sheet.rows, main: main))
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    private static func width(_ rows: [[String]]) -> Int { rows.map(\.count).max() ?? 0 }

    private static func worksheet(_ rows: [[String]], main: String) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="\#(main)">"#
        xml +=
            #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        xml += "<sheetData>"
        for (r, row) in rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() where !cell.isEmpty {
                // Text that looks like a formula gets Excel's own quote prefix: shown and kept as text, never run.
                let formula = CSVTable.looksLikeFormula(cell)
                let style = r == 0 ? 1 : cell.contains("\n") ? (formula ? 4 : 2) : (formula ? 3 : 0)
                xml +=
                    #"<c r="\#(columnName(c))\#(r + 1)" t="inlineStr"\#(style == 0 ? "" : #" s="\#(style)""#)><is><t xml:space="preserve">\#(escape(CellText.escaped(cell)))</t></is></c>"#
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        xml += #"<autoFilter ref="A1:\#(columnName(max(width(rows), 1) - 1))\#(max(rows.count, 1))"/>"#
        return xml + "</worksheet>"
    }

    /// XML text: markup escaped as in HTML, and characters XML 1.0 cannot hold (other control characters) left out.
    static func escape(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(
            contentsOf: text.unicodeScalars.filter { scalar in
                scalar == "\n" || scalar == "\t"
                    || !(scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF)
            })
        return HTML.escape(String(kept))
    }
}

// The parts of the workbook read, as XMLCoder decodes them (namespaces stripped: `r:id` is `id`).
private struct WorkbookXML: Decodable {
    struct Sheets: Decodable { var sheet: [Sheet] }
    struct Sheet: Decodable { var name: String; var id: String? }
    struct Properties: Decodable { var date1904: String? }
    var workbookPr: Properties?
    var sheets: Sheets
}

private struct StylesXML: Decodable {
    struct NumFmts: Decodable { var numFmt: [NumFmt]? }
    struct NumFmt: Decodable { var numFmtId: Int; var formatCode: String }
    struct CellXfs: Decodable { var xf: [XF]? }
    struct XF: Decodable { var numFmtId: Int? }
    var numFmts: NumFmts?
    var cellXfs: CellXfs?
}

private struct RelationshipsXML: Decodable {
    struct Relationship: Decodable { var Id: String; var Target: String }
    var Relationship: [Relationship]
}

/// `<t>` text, or rich text as runs `<r><t>…</t></r>`.
private struct RichText: Decodable {
    struct Text: Decodable {
        var value: String?
        enum CodingKeys: String, CodingKey { case value = "" }
    }
    struct Run: Decodable { var t: Text? }
    var t: Text?
    var r: [Run]?
    var text: String { t?.value ?? (r ?? []).map { $0.t?.value ?? "" }.joined() }
}

private struct SharedStringsXML: Decodable { var si: [RichText]? }

private struct WorksheetXML: Decodable {
    struct SheetData: Decodable { var row: [Row]? }
    struct Row: Decodable { var r: Int?; var c: [Cell]? }
    struct Cell: Decodable {
        var r: String?
        var s: Int?
        var t: String?
        var v: String?
        var `is`: RichText?
    }
    var sheetData: SheetData
}
