import Foundation
import Testing
import TerminalKit

@Suite struct BufferTests {
    @Test func wideCharactersAreNeverSplit() {
        var buffer = Buffer(width: 6, height: 1)
        let used = buffer.put("ab中文字", x: 0, y: 0)
        #expect(used == 6)
        #expect(buffer.row(0) == "ab中文")
        var narrow = Buffer(width: 5, height: 1)
        narrow.put("ab中文字", x: 0, y: 0)
        #expect(narrow.row(0) == "ab中 ")
    }

    /// A label can neither send escape sequences nor reorder the screen: control characters are drawn
    /// as visible symbols, bidi controls dropped.
    @Test func controlAndBidiCharactersNeverReachTheTerminalRaw() {
        var buffer = Buffer(width: 30, height: 1)
        buffer.put("a\u{1b}]52;c;x\u{07}b\u{7f}c\u{9b}d \u{202E}evil\u{2066}!", x: 0, y: 0)
        #expect(buffer.row(0).trimmingCharacters(in: .whitespaces) == "a␛]52;c;x␇b␡c\u{FFFD}d evil!")
        #expect(
            !buffer.row(0).unicodeScalars.contains {
                $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                    || (0x2066...0x2069).contains($0.value)
            })
    }

    @Test func widths() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("中文") == 4)
        #expect(TextWidth.of("مرحبا") == 5)
        #expect(TextWidth.of("😀") == 2)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.truncate("Refugees 中文 people", to: 12) == "Refugees 中…")
        #expect(TextWidth.of(TextWidth.pad("中文字", to: 5)) == 5)
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("中文", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        #expect(buffer.row(0) == " x文")
    }

    /// wcwidth needs a UTF-8 character type; measuring must not switch the process to one.
    @Test func measuringLeavesTheProcessLocaleAlone() {
        let before = String(cString: setlocale(LC_CTYPE, nil))
        #expect(TextWidth.of("中文") == 4)
        #expect(TextWidth.of("😀") == 2)
        #expect(String(cString: setlocale(LC_CTYPE, nil)) == before)
        // Under a process locale that is not UTF-8 the widths are still right.
        setlocale(LC_CTYPE, "C")
        defer { setlocale(LC_CTYPE, before) }
        #expect(String(cString: setlocale(LC_CTYPE, nil)) == "C")
        #expect(TextWidth.of("中文") == 4)
        #expect(String(cString: setlocale(LC_CTYPE, nil)) == "C")
    }
}
