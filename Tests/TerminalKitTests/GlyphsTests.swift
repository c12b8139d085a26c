import Testing

@testable import TerminalKit

/// What an ASCII-only terminal is sent in place of the UI's Unicode glyphs.
@Suite struct GlyphsTests {
    @Test(arguments: [
        ("─", "-"), ("│", "|"), ("┌", "+"), ("┼", "+"), ("━", "="), ("┃", "|"), ("┏", "#"), ("→", ">"),
        ("←", "<"), ("●", "*"), ("…", "."), ("é", "e"), ("Å", "A"), ("名", "?"), ("a", "a"), (" ", " "),
    ])
    func eachCellBecomesASCII(glyph: String, ascii: String) {
        #expect(Glyphs.ascii(glyph) == ascii)
    }
}
