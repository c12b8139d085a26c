import Foundation
import Testing
import AssetMapTestSupport

/// Spreadsheets as other programs really write them: values as they show them, encodings, damaged files.
@Suite struct SpreadsheetValues {
    /// openpyxl writes dates, times, booleans, percentages and floats with their number formats, in both date
    /// systems.
    @Test func datesNumbersAndBooleansComeInAsShown() throws {
        let dir = try TemporaryFolder()
        for (file, epoch) in [("w1900.xlsx", "CALENDAR_WINDOWS_1900"), ("w1904.xlsx", "CALENDAR_MAC_1904")] {
            try python(
                """
                import openpyxl, sys, datetime
                from openpyxl.utils.datetime import \(epoch)
                wb = openpyxl.Workbook()
                wb.epoch = \(epoch)
                ws = wb.active
                ws.append(["Label", "Founded", "Meets", "Open", "Share", "Score", "Checked"])
                ws.append(["Pleck", datetime.date(2019, 5, 1), datetime.time(13, 30), True, 0.25, 22.2222,
                           datetime.datetime(2024, 2, 29, 9, 5, 7)])
                ws["E2"].number_format = "0%"
                ws["C2"].number_format = "hh:mm"
                ws["G2"].number_format = "yyyy-mm-dd hh:mm:ss"
                wb.save(sys.argv[1])
                """, dir.path(file))
            let result = try dir.run("import", file, "-o", "\(file).map")
            #expect(result.status == 0, "\(result.stderr)")
            let map = try dir.read("\(file).map")
            #expect(
                map.contains(
                    """
                    element pleck "Pleck"
                      founded: 2019-05-01
                      meets: 13:30
                      open: yes
                      share: 25%
                      score: 22.2222
                      checked: 2024-02-29T09:05:07

                    """), "\(file): \(map)")
        }
    }

    @Test func damagedWorkbooksSayWhatIsWrongAndWhatToDo() throws {
        let dir = try TemporaryFolder()
        try python(
            """
            import openpyxl, sys
            wb = openpyxl.Workbook()
            wb.active.append(["Label"])
            wb.active.append(["Pleck"])
            wb.save(sys.argv[1])
            data = open(sys.argv[1], "rb").read()
            open(sys.argv[2], "wb").write(data[: len(data) // 2])
            """, dir.path("good.xlsx"), dir.path("cut.xlsx"))
        let cut = try dir.run("import", "cut.xlsx", "-o", "cut.map")
        #expect(cut.status == 1)
        #expect(cut.stderr.hasPrefix("cut.xlsx:1:1: error: the workbook is damaged"), "\(cut.stderr)")
        #expect(!cut.stderr.contains("NSXMLParserErrorDomain"))
        // A password to open: msoffcrypto-tool encrypts it as Excel does (ECMA-376 agile encryption, an OLE file).
        try python(
            """
            import msoffcrypto, sys
            with open(sys.argv[2], "wb") as out:
                msoffcrypto.OfficeFile(open(sys.argv[1], "rb")).encrypt("secret", out)
            """, dir.path("good.xlsx"), dir.path("locked.xlsx"))
        let locked = try dir.run("import", "locked.xlsx", "-o", "locked.map")
        #expect(locked.status == 1)
        #expect(
            locked.stderr.hasPrefix("locked.xlsx:1:1: error: the workbook is encrypted (it has a password to open)"),
            "\(locked.stderr)")
        // An OLE compound file, as LibreOffice saves Excel 97-2003.
        try soffice(["--convert-to", "xls", "--outdir", dir.path("old"), dir.path("good.xlsx")], in: dir)
        try FileManager.default.moveItem(atPath: dir.path("old/good.xls"), toPath: dir.path("renamed.xlsx"))
        let old = try dir.run("import", "renamed.xlsx", "-o", "old.map")
        #expect(old.status == 1)
        #expect(old.stderr.contains("Excel 97-2003 workbook (.xls)"), "\(old.stderr)")
    }

    /// LibreOffice Calc saves the same sheet as CSV in UTF-16, Windows-1252 with `;`, and Mac Roman.
    @Test func encodingsAreReadOrRefusedAtTheFirstBadByte() throws {
        let dir = try TemporaryFolder()
        try python(
            """
            import openpyxl, sys
            wb = openpyxl.Workbook()
            wb.active.append(["Label", "Note"])
            wb.active.append(["Café Zoë", "don’t miss it – Fridays"])
            wb.save(sys.argv[1])
            """, dir.path("e.xlsx"))
        // Filter options: separator, quote, character set (65535 UTF-16, 1 Windows-1252, 2 Mac Roman), first line.
        for (name, options) in [("utf16", "44,34,65535,1"), ("cp1252", "59,34,1,1"), ("macroman", "44,34,2,1")] {
            try soffice(
                [
                    "--convert-to", "csv:Text - txt - csv (StarCalc):\(options)", "--outdir", dir.path(name),
                    dir.path("e.xlsx"),
                ],
                in: dir)
        }
        let expected = "element cafe-zoe \"Café Zoë\"\n  note: don’t miss it – Fridays\n"
        for name in ["utf16", "cp1252"] {
            let result = try dir.run("import", "\(name)/e.csv", "-o", "\(name).map")
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let map = try dir.read("\(name).map")
            #expect(map.contains(expected), "\(name): \(map)")
        }
        let guessed = try dir.run("import", "macroman/e.csv", "-o", "mac.map")
        #expect(guessed.status == 1)
        #expect(guessed.stderr.hasPrefix("macroman/e.csv:2:5: error: byte 0x8E is not UTF-8"), "\(guessed.stderr)")
        #expect(guessed.stderr.contains("--encoding"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("mac.map")))
        let told = try dir.run("import", "macroman/e.csv", "-o", "mac.map", "--encoding", "macintosh")
        #expect(told.status == 0, "\(told.stderr)")
        #expect(try dir.read("mac.map").contains(expected))
        // Every Mac Roman byte above 0x7F, as Python's mac_roman codec reads it.
        let reference = try python(
            """
            import sys
            open(sys.argv[1], "wb").write(b"Label\\nX" + bytes(range(0x80, 0x100)) + b"Y\\n")
            print("X" + bytes(range(0x80, 0x100)).decode("mac_roman") + "Y")
            """, dir.path("all.csv"))
        let all = try dir.run("import", "all.csv", "-o", "all.map", "--encoding", "macintosh")
        #expect(all.status == 0, "\(all.stderr)")
        let allMap = try dir.read("all.map")
        #expect(allMap.contains("\"\(reference.dropLast())\"\n"), "\(allMap)")
        let wrong = try dir.run("import", "cp1252/e.csv", "-o", "u.map", "--encoding", "utf-8")
        #expect(wrong.status == 1)
        #expect(wrong.stderr.hasPrefix("cp1252/e.csv:2:5: error: byte 0xE9 is not UTF-8"), "\(wrong.stderr)")
    }
}

/// Runs LibreOffice headless with a profile of its own in the scratch folder.
func soffice(_ arguments: [String], in dir: TemporaryFolder) throws {
    let path = try #require(
        ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) },
        "LibreOffice is missing: run script/setup")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments =
        ["-env:UserInstallation=file://\(dir.path("lo-profile"))", "--headless", "--norestore"] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
}
