import Testing
@testable import AssetMapCore

@Suite struct EscapingTests {
    @Test func controlBidiAndLineBreaksAreShownEscaped() {
        #expect(Escaping.visible("plain café – ok\t") == "plain café – ok\t")
        #expect(
            Escaping.visible("a\u{1b}]0;t\u{07}\u{7f}\u{9b}\r\n\u{202E}z")
                == "a\\x1b]0;t\\x07\\x7f\\x9b\\r\\n\\u{202e}z")
        #expect(Escaping.visible("one\ntwo\u{1b}", keepingNewlines: true) == "one\ntwo\\x1b")
    }

    @Test func aDiagnosticIsAlwaysOneLineAndCutWhenLong() {
        let quoted = Diagnostic(.error, line: 1, column: 1, "unknown status 'first\nsecond\u{1b}[2J'")
        #expect(quoted.message == "unknown status 'first\\nsecond\\x1b[2J'")
        let long = Diagnostic(.warning, line: 2, column: 3, String(repeating: "x", count: 1000))
        #expect(long.message.count == 400 && long.message.hasSuffix("…"))
        #expect(
            Diagnostic(.error, line: 1, column: 1, "m").formatted(file: "a\u{1b}b.map") == "a\\x1bb.map:1:1: error: m")
    }

    @Test func checkFindsTheFirstControlCharacterOfEachLineNotACRLFEnding() {
        let document = MapDocument(text: "place a \"A\"\r\n  note: x\u{1b}y\u{7f}\r\n  csi: \u{9b}\r\n")
        let controls = document.check().filter { $0.message.hasPrefix("control character") }
        #expect(
            controls.map { "\($0.line):\($0.column) \($0.message.prefix(22))" } == [
                "2:10 control character \\x1b", "3:8 control character \\x9b",
            ])
    }

    @Test func valuesKeepLineBreaksAsContinuationLinesAndRefuseOtherControls() throws {
        var document = MapDocument(text: "place a \"A\"\n")
        document.perform(try document.setAttribute(.node("a"), key: "note", value: "one\r\ntwo\nthree"))
        #expect(document.text == "place a \"A\"\n  note: one\n  + two\n  + three\n")
        #expect(throws: EditError("a value cannot hold a lone carriage return (CR); use a line break (LF)")) {
            try document.setAttribute(.node("a"), key: "note", value: "a\rb")
        }
        #expect(throws: EditError("a value cannot hold the control character \\x07")) {
            try document.addNode(kind: "place", id: "b", label: "B", attributes: [("note", "bell\u{07}")])
        }
        #expect(throws: EditError("a relation cannot hold the control character \\x1b")) {
            try document.link(from: "a", to: "a", relation: "x\u{1b}")
        }
    }
}
