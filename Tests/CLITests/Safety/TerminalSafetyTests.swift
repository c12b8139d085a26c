import Foundation
import Testing
import AssetMapTestSupport
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Nothing from a map reaches a terminal raw; values from the command line cannot smuggle control
/// characters in; `show` keeps private values private; an SVG is well-formed for any label.
@Suite struct TerminalSafety {
    /// ESC sequences that clear the screen, retitle the window and write the clipboard (OSC 52), a DEL
    /// and a C1 CSI (U+009B); a tab is fine.
    static let hostile = """
        map "Hostile"

        place cafe "Caf\u{1b}[2Jé"
          note: hello\u{1b}]0;owned\u{07} world
          when: Fridays\tat six
          clip: \u{1b}]52;c;aGVsbG8=\u{07}
          del: a\u{7f}b
          csi: x\u{9b}31m

        """

    @Test func checkReportsControlCharactersAtLineAndColumnAndPrintsThemEscaped() throws {
        let dir = try TemporaryFolder()
        try dir.write("h.map", Self.hostile)
        let result = try dir.run("check", "h.map")
        #expect(result.status == 1)
        #expect(
            !result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }
        )
        #expect(
            result.stdout == """
                h.map:3:7: warning: place 'cafe' has no edges
                h.map:3:16: error: control character \\x1b is not allowed (printed, it could change the terminal); remove it
                h.map:4:14: error: control character \\x1b is not allowed (printed, it could change the terminal); remove it
                h.map:6:9: error: control character \\x1b is not allowed (printed, it could change the terminal); remove it
                h.map:7:9: error: control character \\x7f is not allowed (printed, it could change the terminal); remove it
                h.map:8:9: error: control character \\x9b is not allowed (printed, it could change the terminal); remove it

                """)
    }

    @Test func showEscapesControlCharactersAndMessagesToo() throws {
        let dir = try TemporaryFolder()
        try dir.write("h.map", Self.hostile)
        let result = try dir.run("show", "h.map", "cafe")
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix(
                "place cafe \"Caf\\x1b[2Jé\"\n  note: hello\\x1b]0;owned\\x07 world\n  when: Fridays\tat six\n  clip: \\x1b]52;c;aGVsbG8=\\x07\n"
            ))
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
        let missing = try dir.run("show", "h.map", "caf\u{1b}]0;x\u{07}")
        #expect(missing.stderr == "h.map: error: no node with id 'caf\\x1b]0;x\\x07'\n")
        // An edit refused for the map's errors quotes nothing raw either.
        let refused = try dir.run("set", "h.map", "cafe", "status=open")
        #expect(refused.status == 1)
        #expect(!refused.stderr.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func fmtNeverWritesAMapWithControlCharacters() throws {
        let dir = try TemporaryFolder()
        let messy = "map   \"M\"\nplace a   \"A\u{1b}[2J\"\n"
        try dir.write("m.map", messy)
        let result = try dir.run("fmt", "m.map")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("m.map:2:13: error: control character \\x1b"))
        #expect(try dir.read("m.map") == messy)
    }

    @Test func showHidesPrivateValuesSayingHowMany() throws {
        let dir = try TemporaryFolder()
        try dir.write(
            "p.map",
            "place a \"A\"\n  private-phone: 01632 960000\n  open: yes\nplace b \"B\"\na -> b meets\n  private-note: met at home\n"
        )
        let shown = try dir.run("show", "p.map", "a")
        #expect(!shown.stdout.contains("01632") && !shown.stdout.contains("met at home"))
        #expect(shown.stdout.contains("  open: yes\n"))
        #expect(shown.stdout.hasSuffix("\n2 private values hidden (--include-private shows them)\n"))
        let all = try dir.run("show", "p.map", "a", "--include-private")
        #expect(all.stdout.contains("private-phone: 01632 960000") && all.stdout.contains("private-note: met at home"))
    }

    @Test func aNewlineInAValueBecomesAContinuationLineAndALoneCRIsRefused() throws {
        let dir = try TemporaryFolder()
        try dir.write("w.map", walsall)
        #expect(try dir.run("set", "w.map", "rmc", "note=first\nsecond").status == 0)
        #expect(try dir.run("set", "w.map", "generation-cafe", "note=one\r\ntwo").status == 0)
        let text = try dir.read("w.map")
        #expect(text.contains("organisation rmc \"Refugee and Migrant Centre\"\n  note: first\n  + second\n"))
        #expect(text.contains("  note: one\n  + two\n"))
        for arguments in [
            ["set", "w.map", "rmc", "note=a\rb"], ["add", "w.map", "place", "x", "X", "note=a\rb"],
            ["link", "w.map", "rmc", "refugees", "supports", "note=a\rb"],
        ] {
            let refused = try CLI.run(arguments, in: dir.url)
            #expect(refused.status == 1, "\(arguments)")
            #expect(
                refused.stderr
                    == "w.map: error: a value cannot hold a lone carriage return (CR); use a line break (LF)\n",
                "\(arguments)")
        }
        let escape = try dir.run("set", "w.map", "rmc", "note=\u{1b}[2J")
        #expect(escape.stderr == "w.map: error: a value cannot hold the control character \\x1b\n")
        #expect(try dir.run("rename", "w.map", "rmc", "R\u{9b}C").status == 1)
        #expect(try dir.run("link", "w.map", "rmc", "refugees", "sup\nports").status == 1)
        #expect(try dir.read("w.map") == text)
        #expect(try dir.run("check", "w.map").status == 0)
    }

    @Test func svgIsWellFormedForAnyLabel() throws {
        let dir = try TemporaryFolder()
        try dir.write(
            "x.map",
            """
            place a "<script>&amp; \\"quoted\\" 'apos' ]]> <!-- -->"
            place b "Back\\\\slash at the end\\\\"
            community c "שלום \u{202E}evil\u{202C} 😀 Zürich"
            a -> b "<&>"
            b -> c "]]>"

            """)
        let result = try dir.run("export", "dot", "x.map", "-o", "x.svg")
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try Data(contentsOf: dir.url.appendingPathComponent("x.svg"))
        let parser = XMLParser(data: svg)
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
    }
}
