import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit
import AssetMapTestSupport

/// The Graph and Matrix tabs at 80×24 and on wide terminals, on the example map.
@Suite struct GraphMatrixSizeTests {
    static func walsall(width: Int, height: Int, at id: String) throws -> Harness {
        var h = try Harness(
            try String(contentsOf: PackageRoot.url("maps/walsall.map"), encoding: .utf8), width: width, height: height)
        h.app.run([.selectID(id, remember: false)])
        return h
    }

    static func lines(_ h: Harness) -> [String] { h.screen.components(separatedBy: "\n") }

    @Test func graphAt80x24WrapsLabelsAndKeepsRelationsApart() throws {
        var h = try Self.walsall(width: 80, height: 24, at: "refugees")
        h.press(.char("2"))
        let lines = Self.lines(h)
        // Relation names cut so that the words that tell them apart stay.
        #expect(lines[8].hasSuffix("├─ hous. in ▶ [P] Contingency"))
        #expect(lines[9].hasSuffix("│                 asylum hotels"))
        #expect(lines[10].hasSuffix("┼─ hous. by ▶ [O] Asylum"))
        #expect(lines[4].hasSuffix("├─ gath. at ▶ [P] RMC drop-in"))
        // Labels wrap under their tag rather than being cut after a dozen letters.
        #expect(lines[2].hasPrefix("[B] Asked for     ─ affects ─┐"))
        #expect(lines[3].hasPrefix("    proof of add…            │"))
        #expect(lines[10].hasPrefix("[B] Not knowing   ─ affects ─┼─▶┃[C] Refugees  ┃─┼"))
        // The centre node's whole label, over three lines of its box.
        #expect(lines[11].contains("┃and people    ┃"))
        #expect(lines[12].contains("┃seeking asylum┃"))
        #expect(lines[13].contains("┗━━━━━━━━━━━━━━┛"))
        #expect(lines[14].contains("refugees"))
        // Every neighbour is on show: 8 in, 6 out, two lines each.
        #expect(lines[16].hasPrefix("[B] Letters and   ─ affects ─┘"))
        #expect(!h.screen.contains("more"))
        // The selection moves by neighbour, not by line, and a click on a second line chooses its neighbour.
        h.press(.down)
        #expect(h.screen.contains("Refugees and people seeking asylum gathers at → RMC drop-in"))
        h.app.update(.mouse(MouseEvent(x: 75, y: 1 + 1 + 7, action: .press)))
        #expect(h.screen.contains("Refugees and people seeking asylum housed in → Contingency asylum hotels"))
    }

    @Test func graphOnAWideTerminalShowsWholeLabelsAndRelations() throws {
        var h = try Self.walsall(width: 160, height: 40, at: "refugees")
        h.press(.char("2"))
        let lines = Self.lines(h)
        #expect(lines[2].hasPrefix("[B] Asked for proof of address or ID to register  ─ affects ─┐"))
        #expect(lines[3].hasPrefix("    with a GP "))
        #expect(lines[2].hasSuffix("┌─ trusts ────▶ [O] Refugee and Migrant Centre (RMC)"))
        #expect(h.screen.contains("├─ housed in ─▶ [P] Contingency asylum hotels"))
        #expect(h.screen.contains("┼─ housed by ─▶ [O] Asylum accommodation provider (Home Office"))
        #expect(h.screen.contains("┃[C] Refugees and people       ┃"))
    }

    @Test func aNodeWithManyLinksGetsOneLinePerNeighbour() throws {
        var text = "map \"Hub\"\n\norganisation hub \"The hub\"\n"
        for i in 0..<30 { text += "place p\(i) \"A place with a long name number \(i)\"\nhub -> p\(i) runs\n" }
        var h = try Harness(text, width: 80, height: 24)
        h.app.run([.selectID("hub", remember: false)])
        h.press(.char("2"))
        let lines = Self.lines(h)
        #expect(lines[2].hasSuffix("┌─ runs ▶ [P] A place with a l…"))
        #expect(lines[3].hasSuffix("├─ runs ▶ [P] A place with a l…"))
        #expect(h.screen.contains("↓12 more"))
        h.press(.pageDown)
        #expect(h.screen.contains("The hub runs → A place with a long name number 18"))
    }

    @Test func relationNamesAbbreviateByWordsAndStayDistinct() {
        #expect(Widgets.abbreviate("housed in", to: 9) == "housed in")
        #expect(Widgets.abbreviate("housed in", to: 8) == "hous. in")
        #expect(Widgets.abbreviate("housed by", to: 8) == "hous. by")
        #expect(Widgets.abbreviate("represented by", to: 8) == "repr. by")
        #expect(Widgets.abbreviate("gathers at", to: 7) == "gat. at")
        #expect(Widgets.abbreviate("affects", to: 5) == "affe.")
        #expect(Widgets.abbreviate("registered at", to: 4) == "r.at")
        #expect(Widgets.abbreviate("represented by", to: 5) == "r. by")
        // Nothing left to shorten: cut.
        #expect(Widgets.abbreviate("at at at", to: 5) == "at a…")
        #expect(Widgets.wrap("one two three four", width: 9, lines: 2) == ["one two", "three fo…"])
    }

    /// At 60×20 the Graph tab cuts a long word with "…" rather than splitting it over two lines, and two
    /// relations that begin alike keep what tells them apart.
    @Test func graphAt60x20SplitsNoWordsAndKeepsRelationsApart() throws {
        var h = try Self.walsall(width: 60, height: 20, at: "core20-neighbourhoods")
        h.press(.char("2"))
        let screen = h.screen
        #expect(!screen.contains("re.…"), "\(screen)")
        #expect(screen.contains("─ r.at ▶") || screen.contains("r. at") || screen.contains("reg. at"), "\(screen)")
        #expect(screen.contains("─ r.by ▶") || screen.contains("r. by") || screen.contains("rep. by"), "\(screen)")
        // "Generation Café at Nashdom" in a narrow column: "Generation" whole or cut with "…", never split.
        for id in ["core20-neighbourhoods", "generation-cafe"] {
            h.app.run([.selectID(id, remember: false)])
            let lines = h.screen.split(separator: "\n").map(String.init)
            #expect(!lines.contains { $0.contains("Generat ") || $0.hasSuffix("Generat") }, "\(h.screen)")
            #expect(!lines.contains { $0.contains(" ion ") || $0.contains("    ion") }, "\(h.screen)")
        }
    }

    @Test func matrixAt80x24WrapsBarrierNamesOverThreeLines() throws {
        var h = try Self.walsall(width: 80, height: 24, at: "refugees")
        h.press(.char("3"))
        let lines = Self.lines(h)
        #expect(lines[1] == "Community ╲ Barrier Asked for No        Moved     Treated   Misgende. Bus fares")
        #expect(lines[2] == "                    proof of  interpre. between   with      or outed  to")
        #expect(lines[3] == "                    address … when boo… hotels a… suspicio… at recep… hospital…")
        #expect(lines[6] == "Refugees and peopl…     ●         ●         ●         ·         ·         ●")
        // The selected cell in full words at the bottom.
        h.press(.down, .down)
        #expect(
            Self.lines(h)[h.app.height - 3]
                == "Asked for proof of address or ID to register with a GP affects Refugees and pe…")
        h.press(.end)
        #expect(Self.lines(h)[1].contains("Letters"))
    }

    @Test func matrixOnAWideTerminalUsesItsWidth() throws {
        var h = try Self.walsall(width: 160, height: 40, at: "refugees")
        h.press(.char("3"))
        let lines = Self.lines(h)
        // Longer community names, four header lines, more barriers across.
        #expect(lines[5].hasPrefix("Residents of Walsall's most deprived n…     ·"))
        #expect(lines[7].hasPrefix("Refugees and people seeking asylum          ●"))
        #expect(lines[4].hasPrefix(String(repeating: " ", count: 40) + "or ID to… booking …"))
        #expect(h.screen.contains("Partner"))
        // Few barriers: the columns widen to use the width.
        var few = try Harness(sampleMap, width: 160, height: 40)
        few.press(.char("3"))
        let header = Self.lines(few)[1]
        #expect(
            header == "Community ╲ Barrier" + String(repeating: " ", count: 21)
                + "Asked for proof of      No interpreter offered")
    }
}
