import Foundation
import Testing
import AssetMapTestSupport

/// `assetmap import` and the spreadsheet exports, through the real binary and real files.
@Suite struct ImportExportCommands {
    /// As Excel writes "CSV UTF-8": a byte-order mark, CRLF, quotes around cells with commas, quotes or line breaks.
    static let excelElements =
        "\u{FEFF}Label,Type,Description,Tags\r\n\"Walsall Council, Public Health\",Organization,\"Runs the \"\"Healthy Walsall\"\" team\r\nand the ICB link\",council | statutory\r\nPleck Health Centre,Places,,\r\n"
    /// As LibreOffice writes it in a decimal-comma locale: `;` separated, LF.
    static let libreOfficeConnections =
        "From;To;Type;Weight\nWalsall Council, Public Health;Pleck Health Centre;runs;2,5\n"

    @Test func importsExcelAndLibreOfficeCSVIntoANewMap() throws {
        let dir = try TemporaryFolder()
        try dir.write("elements.csv", Self.excelElements)
        try dir.write("connections.csv", Self.libreOfficeConnections)
        let result = try dir.run(
            "import", "elements.csv", "connections.csv", "-o", "new.map", "--title", "Walsall partners")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "added 2 nodes and 1 edge; updated 0 nodes and 0 edges\n")
        #expect(
            try dir.read("new.map") == """
                map "Walsall partners"

                organisation walsall-council-public-health "Walsall Council, Public Health"
                  note: Runs the "Healthy Walsall" team
                  + and the ICB link
                  tags: council
                  tags: statutory

                place pleck-health-centre "Pleck Health Centre"

                walsall-council-public-health -> pleck-health-centre runs
                  weight: 2,5

                """)
        #expect(try dir.run("check", "new.map").status == 0)
        // -o never replaces a map.
        let again = try dir.run("import", "elements.csv", "-o", "new.map")
        #expect(again.status == 1)
        #expect(again.stderr.contains("new.map: already exists; to add to it use --into new.map"))
    }

    @Test func importIntoUpdatesOnlyWhatChangedAndTwiceChangesNothing() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        try dir.write(
            "e.csv",
            "ID,Label,Type,When\ngeneration-cafe,Generation Café at Nashdom,place,Saturdays\n,Bus station,place,\n")
        try dir.write("c.csv", "From,To,Type\nrefugees,Bus station,\"travels through\"\n")
        let first = try dir.run("import", "e.csv", "c.csv", "--into", "w.map")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "added 1 node and 1 edge; updated 1 node and 0 edges\n")
        let once = try dir.read("w.map")
        #expect(once.contains("  when: Saturdays\n"))
        #expect(!once.contains("Fridays"))
        #expect(once.contains("place bus-station \"Bus station\"\n"))
        #expect(once.contains("refugees -> bus-station \"travels through\"\n"))
        let second = try dir.run("import", "e.csv", "c.csv", "--into", "w.map")
        #expect(second.stdout == "added 0 nodes and 0 edges; updated 0 nodes and 0 edges\n")
        #expect(try dir.read("w.map") == once)
    }

    @Test func badRowsNameFileRowAndColumnAndNothingIsWritten() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        try dir.write(
            "connections.csv",
            "From,To,Type\nrefugees,rmc,trusts\nrefugees,rmc,trusts\n"
                + String(repeating: "refugees,rmc,trusts\n", count: 10) + "rmc2,refugees,helps\n")
        let result = try dir.run("import", "connections.csv", "--into", "w.map")
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                connections.csv:14:1: error: From 'rmc2' is no element's id or label (did you mean 'rmc'?)
                nothing written: 1 error in the input

                """)
        #expect(try dir.read("w.map") == walsall)
        let fresh = try dir.run("import", "connections.csv", "-o", "fresh.map")
        #expect(fresh.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.path("fresh.map")))
    }

    @Test func exportCSVAndImportGiveTheSameMapBack() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let export = try dir.run("export", "csv", "w.map", "-o", "sheets")
        #expect(export.status == 0, "\(export.stderr)")
        let elements = try Data(contentsOf: dir.url.appendingPathComponent("sheets/elements.csv"))
        #expect(Array(elements.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(!String(decoding: elements, as: UTF8.self).contains("confidence"))
        _ = try dir.run("export", "csv", "w.map", "-o", "all", "--include-private")
        let back = try dir.run("import", "all/elements.csv", "all/connections.csv", "-o", "back.map")
        #expect(back.status == 0, "\(back.stderr)")
        for id in ["refugees", "rmc", "generation-cafe", "proof-of-address", "registration-cards"] {
            #expect(try shown(dir, "back.map", id) == (try shown(dir, "w.map", id)))
        }
        #expect(try dir.read("back.map").contains("private-source: told in confidence at the Friday café"))
    }

    @Test func exportedWorkbookOpensInOpenpyxlWithFrozenFilteredHeader() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let export = try dir.run("export", "xlsx", "w.map", "-o", "w.xlsx", "--include-private")
        #expect(export.status == 0, "\(export.stderr)")
        let report = try python(
            """
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1])
            for ws in wb.worksheets:
                print(ws.title, ws.freeze_panes, ws.auto_filter.ref, ws.max_row, [c.value for c in ws[1]][:4])
            print(wb["Elements"]["B5"].value)
            """, dir.path("w.xlsx"))
        #expect(
            report == """
                Elements A2 A1:I6 6 ['ID', 'Label', 'Type', 'Description']
                Connections A2 A1:D5 5 ['From', 'To', 'Type', 'owner']
                Asked for proof of address to register with a GP

                """)
        let back = try dir.run("import", "w.xlsx", "-o", "back.map")
        #expect(back.status == 0, "\(back.stderr)")
        for id in ["refugees", "rmc", "generation-cafe", "proof-of-address", "registration-cards"] {
            #expect(try shown(dir, "back.map", id) == (try shown(dir, "w.map", id)))
        }
    }

    /// LibreOffice opens the exported workbook and saves each sheet as CSV; those CSVs import to the same map.
    @Test func libreOfficeReadsTheWorkbookAndItsCSVsImportBack() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        #expect(try dir.run("export", "xlsx", "w.map", "-o", "w.xlsx", "--include-private").status == 0)
        let soffice = try #require(
            ["/usr/bin/soffice", "/usr/local/bin/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice"]
                .first { FileManager.default.isExecutableFile(atPath: $0) }, "LibreOffice is missing: run script/setup")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        // Filter options: comma, double quote, UTF-8, from row 1; the last -1 writes every sheet as FILE-SHEET.csv.
        process.arguments = [
            "-env:UserInstallation=file://\(dir.path("lo-profile"))", "--headless", "--norestore",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir", dir.path("lo"), dir.path("w.xlsx"),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let result = try dir.run("import", "lo/w-Elements.csv", "lo/w-Connections.csv", "-o", "back.map")
        #expect(result.status == 0, "\(result.stderr)")
        for id in ["refugees", "rmc", "generation-cafe", "proof-of-address", "registration-cards"] {
            #expect(try shown(dir, "back.map", id) == (try shown(dir, "w.map", id)))
        }
    }

    @Test func importsAWorkbookMadeByOpenpyxlIncludingANotesSheet() throws {
        let dir = try TemporaryFolder()
        try python(
            """
            import openpyxl, sys
            wb = openpyxl.Workbook()
            notes = wb.active
            notes.title = "Read me"
            notes["A1"] = "Made for the Walsall workshop"
            e = wb.create_sheet("Elements")
            e.append(["Label", "Type", "Clinical", "Rooms"])
            e.append(["Pleck Health Centre", "Place", "maternity | smi", 3])
            e.append([])
            e.append(["Mums' group", "Community", None, None])
            c = wb.create_sheet("Connections")
            c.append(["From", "To", "Type"])
            c.append(["Mums' group", "Pleck Health Centre", "meets at"])
            wb.save(sys.argv[1])
            """, dir.path("book.xlsx"))
        let result = try dir.run("import", "book.xlsx", "-o", "book.map")
        #expect(result.status == 0, "\(result.stderr)")
        let map = try dir.read("book.map")
        #expect(
            map.contains("place pleck-health-centre \"Pleck Health Centre\"\n  clinical: maternity, smi\n  rooms: 3\n"))
        #expect(map.contains("mums-group -> pleck-health-centre \"meets at\"\n"))
        #expect(map.hasPrefix("map \"book\"\n"))
    }

    @Test func kumuAndGEXFExportsAreValidAndKeepThePrivateRule() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        let kumu = try dir.run("export", "kumu", "w.map")
        #expect(kumu.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(kumu.stdout.utf8)) as? [String: Any]
        #expect((json?["elements"] as? [Any])?.count == 5)
        #expect((json?["connections"] as? [Any])?.count == 4)
        #expect(!kumu.stdout.contains("confidence"))
        #expect(try dir.run("export", "gexf", "w.map", "-o", "w.gexf").status == 0)
        let gexf = try python(
            """
            import sys, xml.etree.ElementTree as ET
            ns = {"g": "http://gexf.net/1.3"}
            root = ET.parse(sys.argv[1]).getroot()
            nodes = root.findall(".//g:node", ns)
            edges = root.findall(".//g:edge", ns)
            print(len(nodes), len(edges), edges[1].get("label"), "confidence" in open(sys.argv[1]).read())
            """, dir.path("w.gexf"))
        #expect(gexf == "5 4 gathers at False\n")
        _ = try dir.run("export", "gexf", "w.map", "-o", "p.gexf", "--include-private")
        #expect(try dir.read("p.gexf").contains("told in confidence"))
    }
}

/// `assetmap show` without the line number (which depends on the layout, not the records).
func shown(_ dir: TemporaryFolder, _ map: String, _ id: String) throws -> String {
    let result = try dir.run("show", map, id)
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout.split(separator: "\n").filter { !$0.hasPrefix("(line ") }.joined(separator: "\n")
}

/// Runs a Python 3 script (with openpyxl, installed by script/setup) and returns its output; any failure fails the test.
@discardableResult
func python(_ script: String, _ arguments: String...) throws -> String {
    let python = ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(python, "python3 is missing: run script/setup"))
    process.arguments = ["-c", script] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3: \(String(decoding: err, as: UTF8.self))")
    return String(decoding: out, as: UTF8.self)
}
