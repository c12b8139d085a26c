import Foundation
import Testing
import AssetMapTestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// Small hostile files for the readers of other tools' formats: each is refused with a message naming
/// file, row and column (or the bound), never a crash or gigabytes of memory (the bounds: InputLimits).
@Suite struct ReaderBounds {
    /// A workbook of one sheet whose sheetData is `rows`, zipped by Python's zipfile (deflated).
    static func workbook(_ dir: TemporaryFolder, _ name: String, rows: String, padding: Int = 0) throws {
        let script = """
            import sys, zipfile
            main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
            rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
                z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
                z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/></Relationships>')
                z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>' + sys.argv[2] + " " * int(sys.argv[3]) + '</sheetData></worksheet>')
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, dir.path(name), rows, String(padding)]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 could not write \(name)")
    }

    static let header =
        #"<row r="1"><c r="A1" t="inlineStr"><is><t>Label</t></is></c><c r="B1" t="inlineStr"><is><t>Type</t></is></c></row>"#

    /// A 14-letter column reference overflowed Int and trapped (SIGILL, no message).
    @Test func aColumnPastXFDIsAnError() throws {
        let dir = try TemporaryFolder()
        try Self.workbook(
            dir, "book.xlsx",
            rows: Self.header + #"<row r="2"><c r="AAAAAAAAAAAAAA2" t="inlineStr"><is><t>x</t></is></c></row>"#)
        let result = try dir.run("import", "book.xlsx", "-o", "new.map")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "book.xlsx[Sheet1]:2:1: error: cell reference 'AAAAAAAAAAAAAA2' is past the last column a spreadsheet has (XFD)"
            ), "\(result.stderr)")
    }

    /// `row r="2000000000"` made two billion empty rows (4 GB).
    @Test func aRowPastASpreadsheetsLastIsAnError() throws {
        let dir = try TemporaryFolder()
        try Self.workbook(
            dir, "book.xlsx",
            rows: Self.header + #"<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row>"#)
        let result = try dir.run("import", "book.xlsx", "-o", "new.map")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "book.xlsx[Sheet1]:2000000000:1: error: row number 2000000000 is outside a spreadsheet's rows (1 to 1048576)"
            ),
            "\(result.stderr)")
    }

    /// Cells far to the right on many rows: legal references, but millions of cells from a few kilobytes.
    @Test func aSheetSpreadFarBeyondItsSizeIsAnError() throws {
        let dir = try TemporaryFolder()
        let far = (2...400).map { #"<row r="\#($0)"><c r="XFD\#($0)" t="inlineStr"><is><t>x</t></is></c></row>"# }
            .joined()
        try Self.workbook(dir, "book.xlsx", rows: Self.header + far)
        let result = try dir.run("import", "book.xlsx", "-o", "new.map")
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: the sheet spreads over more than"), "\(result.stderr)")
        #expect(result.stderr.contains("book.xlsx[Sheet1]:"), "\(result.stderr)")
    }

    /// A zip bomb: a few hundred kilobytes that unpack to 300 MB.
    @Test func aZipBombIsRefusedBeforeItUnpacks() throws {
        let dir = try TemporaryFolder()
        try Self.workbook(dir, "bomb.xlsx", rows: Self.header, padding: 300 << 20)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: dir.path("bomb.xlsx"))[.size] as? Int)
        #expect(size < 1 << 20)
        let result = try dir.run("import", "bomb.xlsx", "-o", "new.map")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("bomb.xlsx:1:1: error: xl/worksheets/sheet1.xml unpacks to more than"),
            "\(result.stderr)")
    }

    /// A file over the size bound is refused from its size alone (a sparse file: nothing is read).
    @Test func aFileOverTheSizeBoundIsNotRead() throws {
        let dir = try TemporaryFolder()
        for name in ["huge.csv", "page.json"] {
            let fd = open(dir.path(name), O_WRONLY | O_CREAT, 0o644)
            #expect(ftruncate(fd, 600 << 20) == 0)
            close(fd)
        }
        let csv = try dir.run("import", "huge.csv", "-o", "new.map")
        #expect(csv.status == 1)
        #expect(
            csv.stderr.contains("huge.csv:1:1: error: the file is 600 MB; files over 512 MB are not read"),
            "\(csv.stderr)")
        let json = try dir.run("import", "oruk", "page.json", "-o", "new.map")
        #expect(json.status == 1)
        #expect(json.stderr.contains("page.json:1:1: error: the file is 600 MB"), "\(json.stderr)")
    }

    /// JSON nested a million deep is refused at its place (no stack overflow).
    @Test func deeplyNestedJSONIsRefusedAtItsPlace() throws {
        let dir = try TemporaryFolder()
        try dir.write("page.json", String(repeating: "[", count: 1_000_000))
        let result = try dir.run("import", "oruk", "page.json", "-o", "new.map")
        #expect(result.status == 1)
        #expect(result.stderr.contains("page.json:1:"), "\(result.stderr)")
        #expect(result.stderr.contains("nested too deeply"), "\(result.stderr)")
    }
}
