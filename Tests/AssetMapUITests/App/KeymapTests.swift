import Foundation
import Testing
@testable import AssetMapUI
import TerminalKit
import AssetMapTestSupport

/// The README's key table is the keymap's: change a binding and this test shows the new table
/// (`UPDATE_README=1 swift test --filter KeymapTests` writes it into README.md).
@Suite struct KeymapTests {
    static let readme = PackageRoot.url("README.md")
    static let begin = "<!-- keys: generated from the keymap (Keymap.markdownTable), checked by KeymapTests -->\n"
    static let end = "\n<!-- end of keys -->"

    @Test func readmeKeyTableIsTheKeymap() throws {
        let table = Keymap.markdownTable()
        if ProcessInfo.processInfo.environment["UPDATE_README"] == "1" {
            var text = try String(contentsOf: Self.readme, encoding: .utf8)
            let (start, stop) = try Self.section(in: text)
            text.replaceSubrange(start.upperBound..<stop.lowerBound, with: table)
            try text.write(to: Self.readme, atomically: true, encoding: .utf8)
        }
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let (start, stop) = try Self.section(in: text)
        #expect(String(text[start.upperBound..<stop.lowerBound]) == table)
    }

    static func section(in text: String) throws -> (Range<String.Index>, Range<String.Index>) {
        let start = try #require(text.range(of: begin), "README.md has no generated key table")
        return (start, try #require(text.range(of: end, range: start.upperBound..<text.endIndex)))
    }

    @Test func tableHasEveryScreenKeyOnce() {
        let table = Keymap.markdownTable()
        #expect(table.contains("| `?` | help for this view | everywhere |"))
        #expect(table.contains("| `+` `=` | add a vote | Review |"))
        #expect(table.contains("| `a` | add a node | Browse, Graph |"))
        #expect(table.contains("| `Backspace` | go back to the previous node | every tab |"))
        // Dialog keys stay out: they show in the hint line.
        #expect(!table.contains("overwrite the file with your version"))
        for (i, screen) in ScreenRegistry.all.enumerated() {
            #expect(table.contains("| `\(i + 1)` | \(screen.tab.title) tab | everywhere |"))
        }
    }
}
