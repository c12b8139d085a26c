import Foundation
import XCTest
@testable import AssetMapInterchange
import AssetMapTestSupport

/// Tables read from files written the way Excel, LibreOffice and openpyxl write them.
final class TableTests: XCTestCase {
    func testExcelCSVWithByteOrderMarkCRLFQuotedCommasQuotesAndNewlines() throws {
        let text =
            "\u{FEFF}Label,Type,Description\r\n\"Refugee and Migrant Centre, Walsall\",Organization,\"Says \"\"welcome\"\"\r\nevery day\"\r\nCafé,Place,\r\n,,\r\n"
        let table = try CSVTable.read(Data(text.utf8), name: "elements.csv")
        XCTAssertEqual(
            table.rows,
            [
                ["Label", "Type", "Description"],
                ["Refugee and Migrant Centre, Walsall", "Organization", "Says \"welcome\"\nevery day"],
                ["Café", "Place", ""],
            ])
    }

    func testSemicolonSeparatedAsLibreOfficeWritesForDecimalCommaLocales() throws {
        let text = "Label;Type;Score\n\"A; B\";Community;1,5\nC;Place;2\n"
        let table = try CSVTable.read(Data(text.utf8), name: "e.csv")
        XCTAssertEqual(table.rows, [["Label", "Type", "Score"], ["A; B", "Community", "1,5"], ["C", "Place", "2"]])
    }

    func testWindows1252CSVIsRead() throws {
        var data = Data("Label\n".utf8)
        data.append(contentsOf: [0x43, 0x61, 0x66, 0xE9, 0x0A])  // "Café" in Windows-1252
        XCTAssertEqual(try CSVTable.read(data, name: "e.csv").rows, [["Label"], ["Café"]])
    }

    func testWrittenCSVHasByteOrderMarkCRLFAndReadsBack() throws {
        let rows = [["Label", "Note"], ["A, \"quoted\"", "two\nlines"], ["É", ""]]
        let data = try CSVTable.write(rows)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("Label,Note\r\n"))
        XCTAssertEqual(try CSVTable.read(data, name: "x.csv").rows, rows)
    }

    func testWorkbookWrittenReadsBackWithEverySheet() throws {
        let elements = [["Label", "Type"], ["Café & <bar>", "Place"], ["Two\nlines", "Community"]]
        let connections = [["From", "To", "Type"], ["Café & <bar>", "Two\nlines", "gathers at"]]
        let data = try Workbook.write([("Elements", elements), ("Connections", connections)])
        let tables = try Workbook.read(data, name: "book.xlsx")
        XCTAssertEqual(tables.map(\.name), ["book.xlsx[Elements]", "book.xlsx[Connections]"])
        XCTAssertEqual(tables.map(\.rows), [elements, connections])
    }

    /// The fuzzer's input (its first byte picked the reader): a damaged zip whose offsets point past its end. Read
    /// from memory, ZIPFoundation trapped on it (SIGILL, no message).
    func testAZipPointingPastItsEndIsRefusedAsDamaged() throws {
        let input = try Data(contentsOf: PackageRoot.url("Fuzz/interchange-corpus/xlsx-regress-offset-past-the-end"))
        XCTAssertThrowsError(try Workbook.read(Data(input.dropFirst()), name: "damaged.xlsx")) { error in
            XCTAssertEqual(
                (error as? InputError)?.description,
                "damaged.xlsx:1:1: error: not an .xlsx workbook (no xl/workbook.xml)")
        }
    }

    func testNotAWorkbookIsRefusedWithItsName() {
        XCTAssertThrowsError(try Workbook.read(Data("Label\nA\n".utf8), name: "fake.xlsx")) { error in
            XCTAssertEqual(
                (error as? InputError)?.description,
                "fake.xlsx:1:1: error: not an .xlsx workbook (it is not a zip file)")
        }
    }
}
